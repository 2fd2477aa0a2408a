#!/usr/bin/env python3
"""Generate damaged English/French pairs for `natalign check`: one mistake per case.

Usage:
    scripts/gen-check-damage.py OUT [--seeds N] [--kinds K,K] [--bases B,B]

Bases (blocks are blank-line separated, as in scripts/gen-hard-cases.py, whose
reader is imported):
  nato-ottawa-agreement-1951, nato-paris-protocol-1952, un-udhr-1948
                      tests/data/corpus/<name>/{en,fr}.txt and gold_blocks.tsv;
  seed-001            samples/001_8e0e90c685f40201.txt cut into 5 + 5 blocks as
                      gen-hard-cases.py cuts it (its broken encoding kept:
                      natalign repairs it; sites are found on a view of the text
                      with the two broken characters read back, `â` between
                      letters as `’` and `Ã` before a letter as `É`, same length);
  nac-statement-2024  tests/data/languages/{en,fr}.txt, the invented NAC
                      statement written for natalign's tests (11 + 11 blocks,
                      block n <-> block n). Added because the four bases above
                      hold no name outside natalign's lexicon (the learned-name
                      kinds would have no case at all) and few French dates; it
                      brings 5 French dates, one learned name (Northwood) and
                      two spelled numbers (two/deux).
  mc-summary-2025     tests/data/check-damage/names-{en,fr}.txt, an invented
                      chair's summary of a Military Committee meeting written
                      for this benchmark (13 + 13 blocks, block n <-> block n):
                      persons, bases, exercises and ships outside the lexicon
                      (the learned-name kinds), 11 French dates and numbers
                      spelled on both sides (three/trois, twelve/douze...).

Kinds. Each case damages ONE thing, in the French (the English instead, with
probability 1/5, for the kinds marked [EN too]); expected findings in brackets:
  number                 [EN too] a number in digits (not a paragraph label at a
                         block start, not in a date, not glued to letters:
                         APT28, 1er) that the counterpart block holds too and the
                         damaged block holds once: changed to another value of
                         as many digits that neither block holds (1/3 of the
                         time: removed, with its list comma or `et`/`and`)
                         [number-mismatch error]
  date-day, date-month, date-year
                         a French date (`19 juin 1951`, `le 1er juin`, `les 13
                         et 14 juin 2024`, `le vingtième jour de septembre 1951`,
                         `juillet 2024`, `18.09.1997`): its day (digits, `1er`
                         or an ordinal word), month (another month name, valid
                         for the day) or year (±1..15, a value neither block
                         holds) changed [date-mismatch error; for day and year
                         number-mismatch error is accepted too]. The bases hold
                         10 French dates (Paris protocol 4, Ottawa 1, NAC
                         statement 5), so sites are reused with different
                         replacements: every case of a base and kind is a
                         different (site, new value) pair.
  name-replaced-lexicon  [EN too] a name of natalign's lexicon (the TABLE of
                         src/lexicon.rs, parsed at run time: organisations,
                         countries, places) present once in the damaged block
                         and also in its counterpart, replaced by another
                         lexicon name of the same kind that neither block
                         names, and of the same grammatical class so articles
                         stay right (French: acronym or not, gender/number,
                         vowel start: l’OTAN -> l’ONU, du Canada -> du Portugal,
                         à Londres -> à Madrid; English: acronym or not, `the`)
                         [name-mismatch error]
  name-replaced-learned  [EN too] a capitalised word outside the lexicon, the
                         same on both sides of the block pair, once in the
                         damaged block, never sentence-initial there, never
                         written in lower case in either document, not a
                         capitalised common word (Article, Organisation,
                         Convention, roman numerals...): replaced by a place
                         name of LEARNED_NAMES (none of them in the lexicon)
                         [name-mismatch error]. Sites: Northwood (NAC
                         statement) and the persons, bases, exercises and
                         ships of mc-summary-2025. No name is ever inserted.
  name-removed-lexicon, name-removed-learned
                         [EN too] the same names deleted, with the article or
                         preposition in front (de la, du, l’, à, en, the, in...),
                         then the list or punctuation mended (`A, B et C` ->
                         `A et C`, `, (` -> ` (`, double spaces); a name
                         followed by a possessive ’s is not removed
                         [entity-missing warning]
  number-word            [EN too] a block pair spelling the same number in words
                         on both sides (two..twenty / deux..vingt, hundred/cent,
                         thousand/mille; never one/un/une): the word changed to
                         another number word 2..20 neither block holds
                         [number-mismatch error]. Three block pairs qualify
                         (Ottawa six/six, NAC statement two/deux twice: six
                         sites counting each side); reused with different
                         words.
  dropped                one French content block (40 characters or more, with a
                         counterpart) removed [missing-counterpart error]
  untranslated           one French content block (40+, with a counterpart)
                         replaced by its English counterpart's text
                         [untranslated error]
  wrong-language         the text of one French content block (40+, with a
                         counterpart; its label and indentation kept) replaced by
                         a statement of tests/data/languages/{de,es,it,nl,pl,pt,
                         ru,uk}.txt of similar length (one of the 5 nearest
                         among single paragraphs and runs of 2-3 consecutive
                         ones, their `1.` labels dropped) [wrong-language error]
  merged                 a short French paragraph (20-200 characters, not a
                         heading, not the first or last block, with a
                         counterpart) removed, so that the aligner likely joins
                         its English counterpart to a neighbour
                         [merged-paragraph warning, or missing-counterpart error]

Seeds. Every draw of a case comes from random.Random("<base>/<kind>/<seed>").
Within a base and kind, seed s never repeats the (site, replacement) of seeds
1..s-1 (sites are taken least-used first), so a case depends on its base, kind
and seed only (not on N); when a base and kind run out of distinct damages, it
stops there. Default: about 32 cases per kind over the chosen bases, shared
equally among the bases that have a site for it (a base's share is capped by its
distinct damages, the rest going to the others); --seeds N asks N per base and
kind instead. A base without a site for a kind is skipped for it, and said so.

Written to OUT:
  <base>/clean/{en,fr}.txt   the undamaged pair, written as the cases are (blocks
                             joined by one blank line), for the clean baseline
  <base>/<kind>-<seed>/{en.txt, fr.txt, case.json}
  sites.tsv                  base, kind, sites, distinct damages, cases
case.json: base, kind, seed, side (en/fr: the damaged file), expect (accepted
rules with their severities), damaged {file, block, lines} (1-based, in the
damaged file after the damage; block and lines null when the block was removed,
removed_block then giving its number before), counterpart {file, block, lines}
(the gold counterpart in the other file), before/after (the changed text: a
date, a name, a number, or the whole block), context_before/context_after (the
sentence around it), site, params.

Python 3.11 standard library only; no network.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import math
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.dont_write_bytecode = True  # no scripts/__pycache__ from the import below
_spec = importlib.util.spec_from_file_location("gen_hard_cases", ROOT / "scripts" / "gen-hard-cases.py")
hard = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hard)

LEXICON_RS = ROOT / "src" / "lexicon.rs"
LANGUAGES = ROOT / "tests" / "data" / "languages"
NAMES = ROOT / "tests" / "data" / "check-damage"
OTHER_LANGUAGES = ["de", "es", "it", "nl", "pl", "pt", "ru", "uk"]
BASES = hard.CORPUS + ["seed-001", "nac-statement-2024", "mc-summary-2025"]
MOJIBAKE = {"seed-001"}
TARGET = 32  # cases per kind by default, over the chosen bases
EN_SHARE = 0.2  # kinds marked [EN too]: the English is damaged this often

E, W = "error", "warning"
EXPECT = {
    "number": [("number-mismatch", E)],
    "date-day": [("date-mismatch", E), ("number-mismatch", E)],
    "date-month": [("date-mismatch", E)],
    "date-year": [("date-mismatch", E), ("number-mismatch", E)],
    "name-replaced-lexicon": [("name-mismatch", E)],
    "name-replaced-learned": [("name-mismatch", E)],
    "name-removed-lexicon": [("entity-missing", W)],
    "name-removed-learned": [("entity-missing", W)],
    "number-word": [("number-mismatch", E)],
    "dropped": [("missing-counterpart", E)],
    "untranslated": [("untranslated", E)],
    "wrong-language": [("wrong-language", E)],
    "merged": [("merged-paragraph", W), ("missing-counterpart", E)],
}
KINDS = list(EXPECT)
EN_TOO = {"number", "name-replaced-lexicon", "name-replaced-learned", "name-removed-lexicon",
          "name-removed-learned", "number-word"}

MIN_CONTENT = 40  # a content block, not a heading
MERGE_MIN, MERGE_MAX = 20, 200  # a short paragraph for `merged`

# Plausible names for `name-replaced-learned`: places of NATO commands and
# bases, spelled alike in English and French. None may be in the lexicon
# (checked when the lexicon is read).
LEARNED_NAMES = [
    "Mons", "Naples", "Brunssum", "Norfolk", "Ramstein", "Uedem", "Stavanger",
    "Bydgoszcz", "Izmir", "Oberammergau", "Geilenkirchen", "Kiel", "Riga",
    "Bonn", "Strasbourg", "Glons", "Rota", "Northolt", "Portsmouth", "Toulon",
    "Brest", "Gdynia",
]
# Capitalised common words that are no names, whatever their case in the texts.
NOT_NAMES = {
    "article", "articles", "organisation", "organization", "convention", "protocole",
    "protocol", "conseil", "council", "traité", "treaty", "vice", "forces", "force",
    "centre", "center", "nations", "source", "internet", "alliance", "annexe", "annex",
    "titre", "title", "section", "partie", "part", "chapitre", "chapter", "commission",
    "mission", "président", "president", "état", "états", "state", "states",
    "gouvernement", "government", "membre", "membres", "member", "members",
    "préambule", "preamble", "déclaration", "declaration", "charte", "charter",
    "assemblée", "assembly", "accord", "agreement", "suppléants", "deputies",
}
ROMAN = re.compile(r"^[IVXLC]+$")

MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_ORD_UNITS = ["", "premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième",
              "septième", "huitième", "neuvième", "dixième", "onzième", "douzième",
              "treizième", "quatorzième", "quinzième", "seizième", "dix-septième",
              "dix-huitième", "dix-neuvième", "vingtième"]
ORDINALS_FR = _ORD_UNITS + ["vingt et unième"] + [
    "vingt-" + w for w in _ORD_UNITS[2:10]] + ["trentième", "trente et unième"]  # index = day
WORDS_EN = {w: v for v, w in enumerate(
    "- - two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split()) if v >= 2}
WORDS_FR = {w: v for v, w in enumerate(
    "- - deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
    "seize dix-sept dix-huit dix-neuf vingt".split()) if v >= 2}
WORDS_EN.update(hundred=100, thousand=1000)
WORDS_FR.update(cent=100, mille=1000)
NUMBER_WORD_VALUES = range(2, 21)  # replacements

SP = r"[\s\u00a0\u202f]+"


# --------------------------------------------------------------------------- bases

@dataclass
class Base:
    name: str
    en: list[str]
    fr: list[str]
    gold: list[int | None]  # English index -> French index (0-based)
    mojibake: bool = False
    fr_of: dict[int, int] = field(default_factory=dict)  # French index -> English index

    def __post_init__(self):
        self.fr_of = {g: i for i, g in enumerate(self.gold) if g is not None}

    def blocks(self, side):
        return self.en if side == "en" else self.fr

    def counterpart(self, side, k):
        return self.gold[k] if side == "en" else self.fr_of.get(k)

    def view(self, side, k):
        """The block as analysed: broken characters read back, same length."""
        text = self.blocks(side)[k]
        if self.mojibake:
            text = re.sub(r"(?<=[^\W\d_])â(?=[^\W\d_])", "’", text)
            text = re.sub(r"Ã(?=[^\W\d_])", "É", text)
        return text


def load_bases() -> dict[str, Base]:
    out = {}
    for name, c in hard.load_bases().items():
        out[name] = Base(name, c.en, c.fr, c.gold, mojibake=name in MOJIBAKE)
    en = _blocks(LANGUAGES / "en.txt")
    fr = _blocks(LANGUAGES / "fr.txt")
    assert len(en) == len(fr), "tests/data/languages/en.txt and fr.txt align block for block"
    out["nac-statement-2024"] = Base("nac-statement-2024", en, fr, list(range(len(en))))
    en = _blocks(NAMES / "names-en.txt")
    fr = _blocks(NAMES / "names-fr.txt")
    assert len(en) == len(fr), "tests/data/check-damage/names-en.txt and names-fr.txt align block for block"
    out["mc-summary-2025"] = Base("mc-summary-2025", en, fr, list(range(len(en))))
    return out


def _blocks(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [b.rstrip() for b in text.split("\n\n") if b.strip()]


def line_ranges(blocks: list[str]) -> list[tuple[int, int]]:
    """1-based inclusive line range of each block once joined by blank lines."""
    out, line = [], 1
    for b in blocks:
        n = b.count("\n") + 1
        out.append((line, line + n - 1))
        line += n + 1
    return out


# ------------------------------------------------------------------------- lexicon

def fold(s: str) -> str:
    """src/lexicon.rs `fold`: lowercase, accents dropped, apostrophes/hyphens/dots as spaces."""
    out = []
    for c in s:
        for d in unicodedata.normalize("NFD", c):
            if "\u0300" <= d <= "\u036f":
                continue
            out.append(" " if d in "’'-‐‑." else d.lower())
    return "".join(out)


@dataclass
class Entity:
    id: int
    en: list[str]
    fr: list[str]
    section: str  # org / country / place / other


SECTIONS = {"organisations": "org", "nato members": "country", "partners": "country", "places": "place"}
# Lexicon entries that are no names to replace or remove (common nouns, adjectives, a company).
NOT_NAME_ENTITIES = {"Alliance", "Allies", "Euro-Atlantic", "IT", "WMD", "CBRN", "NGO", "Microsoft",
                     "APT28", "SACEUR", "Europe"}


class Lexicon:
    def __init__(self, path: Path = LEXICON_RS):
        src = path.read_text(encoding="utf-8")
        m = re.search(r"const TABLE: &\[\(&str, &str\)\] = &\[(.*?)\n\];", src, re.S)
        if not m:
            sys.exit(f"cannot find the TABLE in {path}")
        self.entities: list[Entity] = []
        section = "other"
        tok = re.compile(r'//\s*(.*)|\(\s*"((?:[^"\\]|\\.)*)"\s*,\s*"((?:[^"\\]|\\.)*)"\s*,?\s*\)')
        for t in tok.finditer(m.group(1)):
            if t.group(1) is not None:
                low = t.group(1).lower()
                section = next((v for k, v in SECTIONS.items() if low.startswith(k)), "other")
                continue
            self.entities.append(Entity(len(self.entities), t.group(2).split("|"),
                                        t.group(3).split("|"), section))
        if len(self.entities) < 50:
            sys.exit(f"{path}: only {len(self.entities)} TABLE entries read; has its format changed?")
        self.forms: dict[str, tuple[int, bool]] = {}
        self.longest = 1
        for e in self.entities:
            for form in e.en + e.fr:
                letters = [c for c in form if c.isalpha()]
                acronym = len(letters) >= 2 and all(c.isupper() for c in letters)
                key = " ".join(fold(form).split())
                self.longest = max(self.longest, len(key.split()))
                self.forms.setdefault(key, (e.id, acronym))
        self.firsts = {k.split(" ")[0] for k in self.forms}
        for name in LEARNED_NAMES:
            if " ".join(fold(name).split()) in self.forms:
                sys.exit(f"LEARNED_NAMES: {name} is in the lexicon now; pick another name")

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """(entity id, start, end) of the names in `text`, as src/lexicon.rs `entities`."""
        words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"[^\W_]+", text)]
        out, i = [], 0
        while i < len(words):
            first = fold(words[i][0])
            if first not in self.firsts:
                i += 1
                continue
            matched = 0
            for n in range(min(self.longest, len(words) - i), 0, -1):
                key = " ".join(fold(w[0]) for w in words[i:i + n])
                hit = self.forms.get(key)
                if hit is None:
                    continue
                if hit[1] and any(c.islower() for w in words[i:i + n] for c in w[0]):
                    continue
                out.append((hit[0], words[i][1], words[i + n - 1][2]))
                matched = n
                break
            i += max(matched, 1)
        return out


# Grammatical classes, so that a replacement keeps the articles right.
FR_PLURAL = {"pays bas", "etats unis", "etats unis d amerique", "nations unies"}
FR_GENDER = {  # organisations and the exceptions to "a country ending in -e is feminine"
    "otan": "f", "organisation du traite de l atlantique nord": "f", "ue": "f",
    "union europeenne": "f", "onu": "f", "organisation des nations unies": "f",
    "conseil de l atlantique nord": "m", "traite de l atlantique nord": "m",
    "conseil de securite": "m", "assemblee generale": "f", "commission europeenne": "f",
    "osce": "f", "gru": "m", "shape": "m", "can": "m", "oms": "f",
    "organisation mondiale de la sante": "f", "oiac": "f", "aiea": "f", "cpi": "f",
    "cour penale internationale": "f", "moldova": "f", "republique de moldova": "f",
}
EN_THE = {"united kingdom", "united states", "united states of america", "netherlands",
          "czech republic", "russian federation", "republic of korea",
          "people s republic of china", "republic of moldova", "european union", "eu",
          "united nations", "un", "uno", "north atlantic council", "north atlantic treaty",
          "security council", "general assembly", "european commission", "osce", "gru",
          "opcw", "iaea", "icc", "who", "world health organization", "international criminal court",
          "north atlantic treaty organization", "north atlantic treaty organisation", "nac", "hague"}


def form_class(side: str, form: str, section: str):
    key = " ".join(fold(form).split())
    letters = [c for c in form if c.isalpha()]
    acronym = len(letters) >= 2 and all(c.isupper() for c in letters)
    if side == "en":
        return (acronym, key in EN_THE)
    vowel = key[:1] in "aeiou"
    if section == "place":
        return (acronym, vowel, "la" if key.startswith("la ") else "")
    if key in FR_PLURAL:
        gender = "p"
    elif key in FR_GENDER:
        gender = FR_GENDER[key]
    else:
        gender = "f" if key.split(" ")[0].endswith("e") else "m"
    return (acronym, vowel, gender)


# --------------------------------------------------------------------------- dates

_MFR = "|".join(MONTHS_FR)
_MEN = "|".join(MONTHS_EN)
_DAY = r"(?:1er|[12]\d|3[01]|0?[1-9])"
_ORD = "|".join(sorted((o for o in ORDINALS_FR if o), key=len, reverse=True))
FR_DATE_PATTERNS = [
    re.compile(rf"\b(?P<d1>{_DAY})(?:{SP}(?:et|au|-|–){SP}(?P<d2>{_DAY}))?{SP}(?P<m>{_MFR})\b"
               rf"(?:,?{SP}(?P<y>\d{{4}})\b)?"),
    re.compile(rf"\b(?P<dw>{_ORD}){SP}jour{SP}de{SP}(?P<m>{_MFR})\b(?:,?{SP}(?P<y>\d{{4}})\b)?"),
    re.compile(rf"\b(?P<d1>\d{{1,2}})[./](?P<mn>\d{{1,2}})[./](?P<y>\d{{4}})\b"),
    re.compile(rf"\b(?P<m>{_MFR}){SP}(?P<y>\d{{4}})\b"),
]
_DAYEN = r"\d{1,2}(?:st|nd|rd|th)?"
EN_DATE_PATTERNS = [
    re.compile(rf"\b{_DAYEN}(?:{SP}(?:and|to|-|–){SP}{_DAYEN})?(?:{SP}day{SP}of)?{SP}(?:{_MEN})\b"
               rf"(?:,?{SP}\d{{4}}\b)?"),
    re.compile(rf"\b(?:{_MEN}){SP}{_DAYEN}\b(?:,?{SP}\d{{4}}\b)?"),
    re.compile(rf"\b(?:{_MEN}),?{SP}\d{{4}}\b"),
    re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{4}\b"),
]


def date_matches(text: str, side: str):
    """Non-overlapping date matches, earlier patterns first."""
    taken, out = [], []
    for pat in (FR_DATE_PATTERNS if side == "fr" else EN_DATE_PATTERNS):
        for m in pat.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(m)
    return sorted(out, key=lambda m: m.start())


def day_value(s: str) -> int:
    if s in ORDINALS_FR:
        return ORDINALS_FR.index(s)
    return int(s.removesuffix("er"))


# ------------------------------------------------------------------------ numbers

NUM = re.compile(r"(?<![\w.,/-])\d+(?![\w/]|[.,]\d)")
LABEL_START = re.compile(r"^\s*(?:(?:Article|ARTICLE|Articles|Titre|TITRE|Title|TITLE|Annexe|ANNEXE|"
                         r"Annex|ANNEX|Section|Partie|Part|Chapitre|Chapter|Paragraphe|Paragraph)\s+)?"
                         r"\d+[.)]?(?=\s|$)")


def numbers(text: str, side: str) -> list[re.Match]:
    """Digit numbers outside dates, thousands groups and block-start labels."""
    dates = [(m.start(), m.end()) for m in date_matches(text, side)]
    label = LABEL_START.match(text)
    out = []
    for m in NUM.finditer(text):
        if label and m.start() < label.end():
            continue
        if any(a <= m.start() < b for a, b in dates):
            continue
        before, after = text[:m.start()], text[m.end():]
        if re.search(r"\d[\s\u00a0\u202f]$", before) or re.match(r"[\s\u00a0\u202f]\d{3}\b", after):
            continue  # 1 000 000
        out.append(m)
    return out


def values(text: str, side: str) -> collections.Counter:
    """Every digit number of a block, dates included (for uniqueness checks)."""
    return collections.Counter(int(m.group()) for m in NUM.finditer(text))


def number_words(text: str, side: str) -> list[tuple[int, int, str, int]]:
    table = WORDS_EN if side == "en" else WORDS_FR
    out = []
    for m in re.finditer(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w-])", text):
        v = table.get(m.group().lower())
        if v is not None:
            out.append((m.start(), m.end(), m.group(), v))
    return out


# ------------------------------------------------------------------- text surgery

ARTICLES = {"fr": ["de la ", "de l’", "de l'", "de lâ", "à la ", "à l’", "à l'", "à lâ", "du ", "des ",
                    "aux ", "au ", "la ", "le ", "les ", "l’", "l'", "lâ", "d’", "d'", "dâ", "de ", "à ",
                    "en "],
            "en": ["the ", "of ", "in ", "to ", "by ", "from ", "with ", "on ", "under ", "at ",
                   "through ", "within ", "against ", "between ", "for "]}
# Prepositions that go with the article (par le Conseil, en vertu du Traité, including the UK).
PREPOSITIONS = {"fr": ["en vertu ", "au sein ", "en coopération avec ", "y compris ", "notamment ",
                       "par ", "pour ", "avec ", "contre ", "sur ", "dans ", "entre "],
                "en": ["including ", "of ", "in ", "to ", "by ", "from ", "with ", "on ", "under ",
                       "at ", "through ", "within ", "against ", "between ", "for ", "and "]}
CONJ = {"fr": ("et", "ou"), "en": ("and", "or")}


def _ends_with(head: str, words: list[str]) -> int:
    """Length of the longest of `words` that `head` ends with, as whole words (0 if none)."""
    for w in sorted(words, key=len, reverse=True):
        if len(head) >= len(w) and head[len(head) - len(w):].lower() == w and (
                len(head) == len(w) or not head[-len(w) - 1].isalnum()):
            return len(w)
    return 0


def _article_before(text: str, start: int, side: str) -> int:
    """Length of the article, preposition or both just before `start` (0 if none)."""
    n = _ends_with(text[:start], ARTICLES[side])
    if n or side == "en":
        n += _ends_with(text[:start - n], PREPOSITIONS[side])
    return n


def _starts_like_item(text: str, side: str) -> bool:
    """Does `text` open like a list item of names: an article/preposition, a capital, a digit?"""
    t = text.lstrip()
    return bool(t[:1].isupper() or t[:1].isdigit() or any(
        t.lower().startswith(w) for w in ARTICLES[side] + PREPOSITIONS[side]))


_HEAD = {"d": "de", "du": "de", "des": "de", "au": "à", "aux": "à", "la": "le", "les": "le", "l": "le",
         "lâ": "le", "dâ": "de"}
PARENTHETICAL = ("y compris ", "en coopération avec ", "notamment ", "including ")


def _head(text: str) -> str:
    """The first word of an article or preposition, by family (du, des, d’ -> de)."""
    w = re.match(r"\s*([^\W\d_]+)", text)
    w = w.group(1).lower() if w else ""
    return _HEAD.get(w, w)


def remove_span(text: str, start: int, end: int, side: str, with_article: bool) -> str:
    """Delete text[start:end] (and the article or preposition in front), mend lists and spaces.

    `A, B et [C]` -> `A et B`; `A, [B] et C` -> `A et C`; `A, [B], C` -> `A, C`;
    `[A], B` -> `B`; `de [A] et de B` -> `de B`; `X, [à Y] (Z)` -> `X (Z)`;
    `X, [notamment en Y].` -> `X.`. The article goes with the name unless the
    name opens a list whose next item has none (`of [Belgium], Canada` ->
    `of Canada`, but `de [l’Estonie], de la France` -> `de la France`).
    """
    conj = "|".join(CONJ[side])
    n = 0
    if with_article:
        n = _article_before(text, start, side)
        nxt = re.match(r",\s*(.*)", text[end:], re.S)
        if n and nxt and not text[:start - n].rstrip().endswith(","):
            if not any(nxt.group(1).lower().startswith(w) for w in ARTICLES[side] + PREPOSITIONS[side]):
                n = 0
        start -= n
    removed = text[start:start + n]
    left, right = text[:start], text[end:]
    ltrim = left.rstrip(" \u00a0")
    m = re.search(rf"(?:^|\s)({conj})$", ltrim)
    aside = removed.lower().startswith(PARENTHETICAL)
    if m and (right[:1] in ",.;:)" or not right.strip()):
        word = m.group(1)  # `A, B et [C]` -> `A et B`; `A et [B]` -> `A`
        ltrim = ltrim[:m.start(1)].rstrip()
        comma = ltrim.rfind(",")
        if comma >= 0 and len(ltrim) - comma < 60 and not re.search(r"[;:.()]", ltrim[comma:]):
            ltrim = ltrim[:comma] + f" {word}" + ltrim[comma + 1:]
        left = ltrim
    elif ltrim.endswith(",") and re.match(rf"\s*({conj})\s", right):
        left = ltrim[:-1]  # `A, [B] et C` -> `A et C`
    elif ltrim.endswith(",") and right.startswith(",") and aside:
        left, right = ltrim[:-1], right[1:]  # `États, [y compris la Russie], à` -> `États à`
    elif ltrim.endswith(",") and right.startswith(","):
        right = right[1:]  # `A, [B], C` -> `A, C`
    elif ltrim.endswith(",") and right.lstrip().startswith("("):
        left = ltrim[:-1]  # `allié, [à X] (Royaume-Uni)` -> `allié (Royaume-Uni)`
    elif ltrim.endswith(",") and right[:1] in ".;:":
        left = ltrim[:-1]  # `X, [notamment en Y].` -> `X.`
    elif right.startswith(",") and _starts_like_item(right[1:], side):
        right = right[1:]  # `[A], B` -> `B`
    else:
        m = re.match(rf"\s+({conj})\s+(.*)", right, re.S)
        if m and not ltrim.endswith(",") and (
                (n and _head(removed) == _head(m.group(2)))
                or (not with_article and m.group(2)[:1].isdigit())):
            right = " " + m.group(2)  # `de [A] et de B` -> `de B`; `[12] ou 13` -> `13`
    join = len(left)
    out = left + right
    out = re.sub(r"\(\s*\)", "", out)
    indent = out[:len(out) - len(out.lstrip(" "))]  # nested provisions start with spaces
    out = indent + re.sub(r"[ \u00a0]{2,}", " ", out[len(indent):])
    out = re.sub(r" +([\u00a0\u202f])", r"\1", out)
    out = re.sub(r" ([,.)])", r"\1", out)
    out = re.sub(r"\( ", "(", out)
    # A sentence that now opens with the words after the cut gets its capital back.
    head = out[:min(join, len(out))]
    if not head.strip() or re.search(r"[.!?]\s*$", head):
        k = len(head) + len(out[len(head):]) - len(out[len(head):].lstrip())
        if k < len(out) and out[k].islower():
            out = out[:k] + out[k].upper() + out[k + 1:]
    return out


def sentence_around(text: str, start: int, end: int, width: int = 90) -> str:
    a = max(0, start - width)
    b = min(len(text), end + width)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


def initial(text: str, start: int) -> bool:
    """Does the word at `start` begin a sentence (or the block, after its label)?"""
    before = text[:start]
    stripped = re.sub(r"^\s*(?:\d+[.)]?|\(?[a-z]\)|\(?[ivx]+\))?\s*", "", before)
    return not stripped.strip() or re.search(r"[.!?:;«“\"]\s*$", before) is not None


# -------------------------------------------------------------------------- sites

@dataclass
class Site:
    side: str  # the damaged file: en / fr
    block: int  # 0-based, in the undamaged file
    start: int = 0
    end: int = 0
    text: str = ""  # what is at [start, end)
    info: dict = field(default_factory=dict)

    @property
    def id(self):
        return f"{self.side}:{self.block + 1}:{self.start}"


def pairs(base: Base, sides=("fr", "en")):
    """(side, block, counterpart block) for the blocks with a counterpart."""
    for side in sides:
        for k in range(len(base.blocks(side))):
            j = base.counterpart(side, k)
            if j is not None:
                yield side, k, j


def other(side):
    return "en" if side == "fr" else "fr"


def sites_number(base, lex):
    out = []
    for side, k, j in pairs(base):
        text, there = base.view(side, k), base.view(other(side), j)
        if len(text.strip()) < MIN_CONTENT:
            continue
        mine, theirs = values(text, side), values(there, other(side))
        for m in numbers(text, side):
            v = int(m.group())
            if m.group().startswith("0") or mine[v] != 1 or theirs[v] < 1:
                continue
            out.append(Site(side, k, m.start(), m.end(), m.group()))
    return out


REFERENCE = re.compile(r"\b(?:[Aa]rticles?|[Pp]aragraphes?|[Pp]aragraphs?|[Aa]lin[ée]as?|"
                       r"[Ss]ub-paragraphs?|[Ss]ections?|[Aa]nnex(?:es?)?)\s+$")
IN_LIST = re.compile(r"\d,?\s+(?:(?:et|ou|and|or)\s+)?$")
LIST_NEXT = re.compile(r"^(?:,\s*|\s+(?:et|ou|and|or)\s+)\d")


def options_number(base, site):
    """Another value of as many digits; removal only where a number drops cleanly:
    after a reference word (article, paragraphe...) or inside a list of numbers."""
    v, n = int(site.text), len(site.text)
    text = base.view(site.side, site.block)
    removable = bool(REFERENCE.search(text[:site.start]) or IN_LIST.search(text[:site.start])
                     or LIST_NEXT.match(text[site.end:]))
    taken = set(values(base.view(site.side, site.block), site.side)) | set(
        values(base.view(other(site.side), base.counterpart(site.side, site.block)), other(site.side)))
    lo, hi = (1 if n == 1 else 10 ** (n - 1)), 10 ** n - 1
    if n >= 3:
        near = [v + d for d in range(-15, 16) if d]
        cands = [x for x in near if lo <= x <= hi]
    else:
        cands = list(range(lo, hi + 1))
    return (["remove"] if removable else []) + [str(x) for x in cands if x != v and x not in taken]


def choose_number(rng, site, opts):
    if "remove" in opts and (rng.random() < 1 / 3 or len(opts) == 1):
        return "remove"
    return rng.choice([o for o in opts if o != "remove"])


def apply_number(base, site, opt):
    text = base.blocks(site.side)[site.block]
    if opt == "remove":
        new = remove_span(text, site.start, site.end, site.side, with_article=False)
        return new, site.text, "", {"change": "removed"}
    new = text[:site.start] + opt + text[site.end:]
    return new, site.text, opt, {"change": "changed"}


def date_sites(base, part):
    out = []
    for k, j in ((k, base.counterpart("fr", k)) for k in range(len(base.fr))):
        if j is None:
            continue
        text, there = base.view("fr", k), base.view("en", j)
        for m in date_matches(text, "fr"):
            y = m.groupdict().get("y")
            month_index = (MONTHS_FR.index(m.group("m")) if m.groupdict().get("m")
                           else int(m.group("mn")) - 1 if m.groupdict().get("mn") else None)
            if y and not re.search(rf"\b{y}\b", there):
                continue  # the counterpart must hold the same date
            if month_index is not None and not y and MONTHS_EN[month_index] not in there:
                continue
            days = [g for g in ("d1", "d2", "dw") if m.groupdict().get(g)]
            info = {"date": m.group(), "days": [day_value(m.group(g)) for g in days],
                    "month": month_index, "year": int(y) if y else None, "numeric": "mn" in m.groupdict()}
            if part == "day":
                for g in days:
                    out.append(Site("fr", k, m.start(g), m.end(g), m.group(g), dict(info, group=g)))
            elif part == "month" and month_index is not None:
                g = "m" if m.groupdict().get("m") else "mn"
                out.append(Site("fr", k, m.start(g), m.end(g), m.group(g), dict(info, group=g)))
            elif part == "year" and y:
                out.append(Site("fr", k, m.start("y"), m.end("y"), y, dict(info, group="y")))
    return out


def options_date(base, site, part):
    info = site.info
    if part == "day":
        month_len = MONTH_DAYS[info["month"]] if info["month"] is not None else 28
        old = day_value(site.text)
        days = [d for d in range(1, min(month_len, 28) + 1) if d != old and d not in info["days"]]
        if info["group"] == "dw":
            return [ORDINALS_FR[d] for d in days]
        if info["numeric"]:
            return [f"{d:02}" if site.text.startswith("0") else str(d) for d in days]
        return ["1er" if d == 1 else str(d) for d in days]
    if part == "month":
        day = max(info["days"] or [1])
        months = [i for i in range(12) if i != info["month"] and MONTH_DAYS[i] >= day]
        if info["numeric"]:
            return [f"{i + 1:02}" if site.text.startswith("0") else str(i + 1) for i in months]
        return [MONTHS_FR[i] for i in months]
    k = site.block
    taken = set(values(base.view("fr", k), "fr")) | set(values(base.view("en", base.counterpart("fr", k)), "en"))
    y = info["year"]
    return [str(y + d) for d in range(-15, 16) if d and y + d not in taken]


def apply_replace(base, site, opt):
    text = base.blocks(site.side)[site.block]
    return text[:site.start] + opt + text[site.end:], site.text, opt, {}


def apply_date_month(base, site, opt):
    """A month name replaced; `de`/`d’` in front follows (jour de mai, jour d’août)."""
    text = base.blocks(site.side)[site.block]
    head = text[:site.start]
    vowel = opt[:1] in "aeiouy"
    m = re.search(r"(?<!\w)(de |d[’'])$", head)
    if m:
        apos = "’" if "’" in text else "'"
        head = head[:m.start()] + (f"d{apos}" if vowel else "de ")
    return head + opt + text[site.end:], site.text, opt, {}


def lexicon_sites(base, lex):
    out = []
    for side, k, j in pairs(base):
        text, there = base.view(side, k), base.view(other(side), j)
        if len(text.strip()) < MIN_CONTENT:
            continue
        found = lex.find(text)
        mine = collections.Counter(e for e, _, _ in found)
        theirs = {e for e, _, _ in lex.find(there)}
        for e, a, b in found:
            ent = lex.entities[e]
            if mine[e] != 1 or e not in theirs or ent.en[0] in NOT_NAME_ENTITIES:
                continue
            if (re.match(r"\s+(?:du|de la|de|des)\s+(?:Nord|Sud|Est|Ouest)\b", text[b:])
                    or re.search(r"\b(?:Northern|Southern|Eastern|Western)\s+$", text[:a])):
                continue  # part of a longer name: Irlande du Nord, Northern Ireland
            out.append(Site(side, k, a, b, text[a:b], {"entity": ent.en[0], "section": ent.section,
                                                      "present": sorted(set(mine) | theirs)}))
    return out


def options_lexicon_replaced(base, site, lex):
    ent = next(e for e in lex.entities if e.en[0] == site.info["entity"])
    if ent.section not in ("org", "country", "place"):
        return []
    want = form_class(site.side, site.text, ent.section)
    text = base.view(site.side, site.block)
    curly = "’" in text or base.mojibake
    out = []
    for e in lex.entities:
        if (e.section != ent.section or e.id in site.info["present"] or e.en[0] in NOT_NAME_ENTITIES):
            continue
        for form in (e.en if site.side == "en" else e.fr):
            if form_class(site.side, form, e.section) == want:
                out.append(form.replace("'", "’") if curly else form)
                break
    return out


def learned_sites(base, lex):
    lower = set()
    for side in ("en", "fr"):
        for k in range(len(base.blocks(side))):
            lower.update(w for w in re.findall(r"[^\W\d_]+", base.view(side, k)) if w.islower())
    out = []
    for side, k, j in pairs(base):
        text, there = base.view(side, k), base.view(other(side), j)
        if len(text.strip()) < MIN_CONTENT:
            continue
        spans = [(a, b) for _, a, b in lex.find(text)]
        there_spans = [(a, b) for _, a, b in lex.find(there)]
        caps = list(re.finditer(r"(?<![\w’'-])[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý]?[a-zà-ÿ]+)*(?![\w’'-])", text))
        count = collections.Counter(m.group() for m in caps)
        for m in caps:
            w = m.group()
            if (count[w] != 1 or w.lower() in NOT_NAMES or w.lower() in lower or ROMAN.match(w)
                    or " ".join(fold(w).split()) in lex.forms or initial(text, m.start())
                    or any(a <= m.start() < b for a, b in spans)):
                continue
            hits = [t for t in re.finditer(rf"(?<![\w’'-]){re.escape(w)}(?![\w’'-])", there)
                    if not initial(there, t.start()) and not any(a <= t.start() < b for a, b in there_spans)]
            if hits:
                out.append(Site(side, k, m.start(), m.end(), w, {"name": w}))
    return out


def options_learned_replaced(base, site, lex):
    text = base.view(site.side, site.block) + " " + base.view(
        other(site.side), base.counterpart(site.side, site.block))
    return [n for n in LEARNED_NAMES if n not in text]


def removable(base, site):
    after = base.view(site.side, site.block)[site.end:]
    return not re.match(r"[’'â]s\b", after)


def apply_remove_name(base, site, opt):
    text = base.blocks(site.side)[site.block]
    end = site.end + len(text[site.end:]) - len(text[site.end:].lstrip("*"))  # Portugal*: its footnote mark
    new = remove_span(text, site.start, end, site.side, with_article=True)
    return new, site.text, "", {}


def number_word_sites(base, lex):
    out = []
    for side, k, j in pairs(base):
        text, there = base.view(side, k), base.view(other(side), j)
        mine = number_words(text, side)
        theirs = collections.Counter(v for _, _, _, v in number_words(there, other(side)))
        count = collections.Counter(v for _, _, _, v in mine)
        for a, b, w, v in mine:
            if count[v] == 1 and theirs[v] >= 1:
                out.append(Site(side, k, a, b, w, {"value": v}))
    return out


def options_number_word(base, site):
    text = base.view(site.side, site.block)
    there = base.view(other(site.side), base.counterpart(site.side, site.block))
    taken = {v for _, _, _, v in number_words(text, site.side)} | {
        v for _, _, _, v in number_words(there, other(site.side))}
    taken |= set(values(text, site.side)) | set(values(there, other(site.side)))
    table = {v: w for w, v in (WORDS_EN if site.side == "en" else WORDS_FR).items()}
    out = []
    for v in NUMBER_WORD_VALUES:
        if v in taken or v == site.info["value"]:
            continue
        w = table[v]
        out.append(w.capitalize() if site.text[:1].isupper() else w)
    return out


def content_sites(base, lo=MIN_CONTENT, hi=None, inner=False, headings=True):
    out = []
    n = len(base.fr)
    for k in range(n):
        if base.counterpart("fr", k) is None:
            continue
        b = base.fr[k].strip()
        if len(b) < lo or (hi is not None and len(b) > hi):
            continue
        if inner and (k == 0 or k == n - 1):
            continue
        if not headings and (LABEL_START.match(b) and len(b) < 40 or b.isupper()
                             or re.match(r"^(Article|ARTICLE|TITRE|Titre|ANNEXE|Annexe|Préambule)\b", b)):
            continue
        out.append(Site("fr", k, 0, len(base.fr[k]), base.fr[k]))
    return out


def language_pool():
    """Statements of the other languages: paragraphs of 40+ characters (the dateline and the
    closing source line left out), alone or as runs of 2-3 consecutive ones, `1.` labels dropped."""
    pool = []
    for lang in OTHER_LANGUAGES:
        blocks = _blocks(LANGUAGES / f"{lang}.txt")
        keep = [(i, re.sub(r"^\d+\.\s+", "", b.strip())) for i, b in enumerate(blocks)
                if i not in (1, len(blocks) - 1)]
        keep = [(i, t) for i, t in keep if len(t) >= MIN_CONTENT]
        for a in range(len(keep)):
            for n in (1, 2, 3):
                run = keep[a:a + n]
                if len(run) == n and run[-1][0] - run[0][0] == n - 1:
                    first, last = run[0][0] + 1, run[-1][0] + 1
                    pool.append((f"{lang}:{first}" + (f"-{last}" if n > 1 else ""),
                                 " ".join(t for _, t in run)))
    return pool


POOL = None


def options_wrong_language(base, site):
    global POOL
    if POOL is None:
        POOL = language_pool()
    body = re.sub(r"^\s*(?:\d+[.)]?|\(?[a-z]\)|\(?[ivx]+\))?\s*", "", base.fr[site.block])
    length = len(body)
    near = sorted(POOL, key=lambda p: (abs(math.log(len(p[1]) / length)), p[0]))[:5]
    return [p[0] for p in near]


def apply_wrong_language(base, site, opt):
    text = base.fr[site.block]
    label = re.match(r"^\s*(?:(?:\d+[.)]?|\(?[a-z]\)|\(?[ivx]+\))\s+)?", text).group()
    stmt = dict(POOL)[opt]
    return label + stmt, text, label + stmt, {"statement": opt}


def apply_untranslated(base, site, opt):
    text = base.fr[site.block]
    en = base.en[base.counterpart("fr", site.block)]
    return en, text, en, {}


def apply_drop(base, site, opt):
    return None, base.fr[site.block], "", {}


@dataclass
class Kind:
    sites: object  # (base, lex) -> list[Site]
    options: object  # (base, site, lex) -> list of options (strings)
    apply: object  # (base, site, option) -> (new block or None, before, after, params)
    choose: object = None  # (rng, site, options) -> option; default rng.choice


GENERATORS = {
    "number": Kind(sites_number, lambda b, s, lex: options_number(b, s), apply_number, choose_number),
    "date-day": Kind(lambda b, lex: date_sites(b, "day"), lambda b, s, lex: options_date(b, s, "day"),
                     apply_replace),
    "date-month": Kind(lambda b, lex: date_sites(b, "month"), lambda b, s, lex: options_date(b, s, "month"),
                       apply_date_month),
    "date-year": Kind(lambda b, lex: date_sites(b, "year"), lambda b, s, lex: options_date(b, s, "year"),
                      apply_replace),
    "name-replaced-lexicon": Kind(lexicon_sites, options_lexicon_replaced, apply_replace),
    "name-replaced-learned": Kind(learned_sites, options_learned_replaced, apply_replace),
    "name-removed-lexicon": Kind(lambda b, lex: [s for s in lexicon_sites(b, lex) if removable(b, s)],
                                 lambda b, s, lex: ["remove"], apply_remove_name),
    "name-removed-learned": Kind(lambda b, lex: [s for s in learned_sites(b, lex) if removable(b, s)],
                                 lambda b, s, lex: ["remove"], apply_remove_name),
    "number-word": Kind(number_word_sites, lambda b, s, lex: options_number_word(b, s), apply_replace),
    "dropped": Kind(lambda b, lex: content_sites(b), lambda b, s, lex: ["drop"], apply_drop),
    "untranslated": Kind(lambda b, lex: content_sites(b), lambda b, s, lex: ["english"], apply_untranslated),
    "wrong-language": Kind(lambda b, lex: content_sites(b), lambda b, s, lex: options_wrong_language(b, s),
                           apply_wrong_language),
    "merged": Kind(lambda b, lex: content_sites(b, MERGE_MIN, MERGE_MAX, inner=True, headings=False),
                   lambda b, s, lex: ["drop"], apply_drop),
}


# ---------------------------------------------------------------------- the cases

def plan(base: Base, kind: str, lex: Lexicon):
    """Sites of a kind in a base, with their options: [(site, [option, ...])]."""
    g = GENERATORS[kind]
    sides = ("fr", "en") if kind in EN_TOO else ("fr",)
    out = []
    for s in g.sites(base, lex):
        if s.side not in sides:
            continue
        opts = [o for o in g.options(base, s, lex) if o != s.text]
        if opts:
            out.append((s, opts))
    return out


def draw_cases(base: Base, kind: str, planned, count: int):
    """Up to `count` cases: seed s picks, with Random("<base>/<kind>/<s>"), a (site, option)
    no earlier seed took, among the least-used sites."""
    g = GENERATORS[kind]
    used, uses, out = set(), collections.Counter(), []
    for seed in range(1, count + 1):
        rng = random.Random(f"{base.name}/{kind}/{seed}")
        avail = [(s, [o for o in opts if (s.id, o) not in used]) for s, opts in planned]
        avail = [(s, opts) for s, opts in avail if opts]
        if not avail:
            break
        want = "en" if kind in EN_TOO and rng.random() < EN_SHARE else "fr"
        pool = [a for a in avail if a[0].side == want] or avail
        least = min(uses[s.id] for s, _ in pool)
        pool = [a for a in pool if uses[a[0].id] == least]
        site, opts = rng.choice(pool)
        opt = g.choose(rng, site, opts) if g.choose else rng.choice(opts)
        used.add((site.id, opt))
        uses[site.id] += 1
        out.append((seed, site, opt))
    return out


def build(base: Base, kind: str, seed: int, site: Site, opt: str):
    g = GENERATORS[kind]
    new, before, after, params = g.apply(base, site, opt)
    side = site.side
    blocks = {"en": list(base.en), "fr": list(base.fr)}
    old = blocks[side][site.block]
    if new is None:
        del blocks[side][site.block]
    else:
        new = new.rstrip()
        assert new != old, f"{base.name}/{kind}-{seed}: no-op damage"
        assert new.strip() and "\n\n" not in new, f"{base.name}/{kind}-{seed}: broken block"
        blocks[side][site.block] = new
    assert before != after, f"{base.name}/{kind}-{seed}: no-op damage"
    j = base.counterpart(side, site.block)
    ranges = {s: line_ranges(b) for s, b in blocks.items()}
    damaged = {"file": f"{side}.txt", "block": None, "lines": None}
    if new is None:
        damaged["removed_block"] = site.block + 1
    else:
        damaged["block"] = site.block + 1
        damaged["lines"] = list(ranges[side][site.block])
    o = other(side)
    counterpart = {"file": f"{o}.txt", "block": j + 1, "lines": list(ranges[o][j])}
    if new is None or kind in ("untranslated", "wrong-language"):
        ctx_before, ctx_after = old, new or ""
    else:
        delta = len(new) - len(old)
        ctx_before = sentence_around(old, site.start, site.end)
        ctx_after = sentence_around(new, site.start, max(site.start, site.end + delta))
    meta = {
        "base": base.name, "kind": kind, "seed": seed, "side": side,
        "expect": [{"rule": r, "severity": s} for r, s in EXPECT[kind]],
        "damaged": damaged, "counterpart": counterpart,
        "before": before, "after": after,
        "context_before": ctx_before, "context_after": ctx_after,
        "site": site.id, "params": dict(site.info, option=opt, **params),
    }
    meta["params"].pop("present", None)
    return blocks, meta


def write_pair(out: Path, en: list[str], fr: list[str]):
    out.mkdir(parents=True, exist_ok=True)
    for name, blocks in (("en.txt", en), ("fr.txt", fr)):
        (out / name).write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def allocate(capacity: dict[str, int], target: int) -> dict[str, int]:
    """Share `target` cases equally among bases, each capped by its capacity."""
    share = {b: 0 for b in capacity}
    left = target
    open_ = [b for b in capacity if capacity[b] > 0]
    while left > 0 and open_:
        each = max(1, left // len(open_))
        for b in list(open_):
            if left == 0:
                break
            give = min(each, capacity[b] - share[b], left)
            share[b] += give
            left -= give
            if share[b] >= capacity[b]:
                open_.remove(b)
    return share


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seeds", type=int, default=None,
                    help=f"seeds 1..N per base and kind (default: about {TARGET} cases per kind in all)")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--bases", default=",".join(BASES))
    args = ap.parse_args(argv)
    kinds, names = args.kinds.split(","), args.bases.split(",")
    for k in kinds:
        if k not in GENERATORS:
            ap.error(f"unknown kind {k!r} (kinds: {', '.join(KINDS)})")
    bases = load_bases()
    for n in names:
        if n not in bases:
            ap.error(f"unknown base {n!r} (bases: {', '.join(BASES)})")
    lex = Lexicon()
    for n in names:
        b = bases[n]
        write_pair(args.out / n / "clean", b.en, b.fr)
    rows, total = [], 0
    for kind in kinds:
        planned = {n: plan(bases[n], kind, lex) for n in names}
        capacity = {n: sum(len(o) for _, o in planned[n]) for n in names}
        counts = ({n: min(args.seeds, capacity[n]) for n in names} if args.seeds is not None
                  else allocate(capacity, TARGET))
        made = 0
        for n in names:
            if not planned[n]:
                print(f"{kind}: no site in {n}, skipped there", file=sys.stderr)
            elif args.seeds is not None and capacity[n] < args.seeds:
                print(f"{kind}: {n} has {capacity[n]} distinct damages only", file=sys.stderr)
            cases = draw_cases(bases[n], kind, planned[n], counts[n])
            for seed, site, opt in cases:
                blocks, meta = build(bases[n], kind, seed, site, opt)
                d = args.out / n / f"{kind}-{seed}"
                write_pair(d, blocks["en"], blocks["fr"])
                (d / "case.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
                                             encoding="utf-8")
            made += len(cases)
            rows.append((n, kind, len({s.id for s, _ in planned[n]}), capacity[n], len(cases)))
        if made < 30 and args.seeds is None:
            print(f"{kind}: {made} cases only (distinct damages: {sum(capacity.values())})", file=sys.stderr)
        total += made
    with open(args.out / "sites.tsv", "w", encoding="utf-8") as f:
        f.write("base\tkind\tsites\tdistinct_damages\tcases\n")
        for r in rows:
            f.write("\t".join(map(str, r)) + "\n")
    print(f"{total} cases in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

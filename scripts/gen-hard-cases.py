#!/usr/bin/env python3
"""Generate hard English/French alignment cases, with their gold, from the real pairs.

Usage:
    scripts/gen-hard-cases.py OUT [--seeds N] [--kinds K,K] [--bases B,B]

Bases: the three corpus pairs (tests/data/corpus/<name>/{en,fr}.txt and
gold_blocks.tsv; blocks are blank-line separated, as tests/integration/perturb.rs
reads them) and seed-001: samples/001_8e0e90c685f40201.txt cut into 5 English
blocks (lines 1-2 joined, then lines 3, 4, 5, 6) and 5 French blocks (lines
11-12 joined, then 13-16), English block n <-> French block n, exactly as
`Pair::seed_001` in perturb.rs builds them. Its text is kept as it arrives,
broken encoding included (natalign repairs it).

Kinds, each with seeds 1..N (default 20) per base; every parameter is drawn from
its range by random.Random("<base>/<kind>/<seed>"), so a case depends only on
its base, kind and seed:
  truncated    one side stops after 10-90 % of its blocks (at least one block
               kept and one cut): the French side, or with probability 1/4 the
               English side (the French then longer). With probability 1/2 a
               translator's note ends the cut side, in its language, its wording
               drawn from NOTES_FR / NOTES_EN ("[La suite de ce document n’a pas
               été traduite.]", "Traduction en cours", "** Traduction !" ...).
               Blocks whose counterpart was cut, and the note, have none.
  gap          1-10 consecutive French blocks removed in the middle (never the
               first or the last block; at most n-2 of n).
  replaced     1-5 French content blocks (40 characters or more) replaced, as one
               run or scattered (1/2 each), by French blocks of similar length
               (one of the 5 nearest in length, 40+ characters) from the other
               bases: the English blocks lose their counterpart and the new French
               blocks have none.
  furniture    2-6 lines of English page furniture ("Print this page | Share |
               Email", "Skip to main content", "Menu", "Last updated: <date>",
               ...), each its own block, inserted in BOTH files: one or two at the
               top, the others between blocks at matching places. They stay
               English in the French file, as scraped French pages carry them.
               Gold: none for the English furniture; case.json lists the English
               blocks of the French file (english_in_fr), which must never appear
               in an output row's `fr` column.
  furniture-fr the same, but the French file's furniture is French ("Imprimer
               cette page | Partager", "Aller au contenu principal", ...). Gold:
               none either; a furniture<->furniture pair is neither required nor
               wrong (scripts/hard-cases leaves such rows out before scoring),
               but furniture glued to a content pair makes that pair wrong
               (score_blocks.py --strict).

Each case is written to OUT/<base>/<kind>-<seed>/:
  en.txt, fr.txt    blocks separated by one blank line, as in tests/data/corpus
  gold_blocks.tsv   one line per English block: `EN<TAB>FR`, 1-based, `-` when the
                    block has no counterpart (the corpus format, for score_blocks.py)
  case.json         base, kind, seed, the drawn parameters, block counts, and
                    1-based block indices: english_in_fr (English blocks inside the
                    French file), furniture_en / furniture_fr (furniture blocks of
                    each file), notes_en / notes_fr (translator's notes),
                    replaced_fr (French blocks put in by `replaced`).

Python 3.11 standard library only; no network.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ["nato-ottawa-agreement-1951", "nato-paris-protocol-1952", "un-udhr-1948"]
SAMPLE_001 = ROOT / "samples" / "001_8e0e90c685f40201.txt"
KINDS = ["truncated", "gap", "replaced", "furniture", "furniture-fr"]

NOTES_FR = [
    "[La suite de ce document n’a pas été traduite.]",
    "Traduction en cours",
    "** Traduction !",
    "[Traduction à venir]",
    "(La suite du texte n’est disponible qu’en anglais.)",
    "Fin de la partie traduite – la suite est en cours de traduction.",
]
NOTES_EN = [
    "[The rest of this document is available in French only.]",
    "Translation pending",
    "(End of the English text.)",
    "** English version incomplete **",
]
FURNITURE_EN = [
    "Print this page | Share | Email",
    "Skip to main content",
    "Menu",
    "Last updated: {date}",
    "Follow us on X",
    "Cookie settings",
    "Home > News > Statements",
]
FURNITURE_FR = [
    "Imprimer cette page | Partager | Courriel",
    "Aller au contenu principal",
    "Menu",
    "Dernière mise à jour : {date}",
    "Suivez-nous sur X",
    "Paramètres des cookies",
    "Accueil > Actualités > Déclarations",
]
MONTHS_EN = "Jan. Feb. Mar. Apr. May Jun. Jul. Aug. Sep. Oct. Nov. Dec.".split()
MONTHS_FR = "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split()
MIN_CONTENT = 40  # characters: a `replaced` block is a paragraph, not a heading


class Case:
    """Blocks of both sides; gold[i] = French index (0-based) of English block i, or None."""

    def __init__(self, en, fr, gold):
        self.en, self.fr, self.gold = list(en), list(fr), list(gold)
        self.tags_en: dict[int, str] = {}  # English index -> furniture / note
        self.tags_fr: dict[int, str] = {}  # French index -> furniture / furniture-en / note / replaced

    def insert_fr(self, at, block, tag):
        self.fr.insert(at, block)
        self.gold = [g if g is None or g < at else g + 1 for g in self.gold]
        self.tags_fr = {(k if k < at else k + 1): t for k, t in self.tags_fr.items()}
        self.tags_fr[at] = tag

    def insert_en(self, at, block, tag):
        self.en.insert(at, block)
        self.gold.insert(at, None)
        self.tags_en = {(k if k < at else k + 1): t for k, t in self.tags_en.items()}
        self.tags_en[at] = tag

    def remove_fr(self, keep):
        """Keep the French blocks whose index is in `keep` (a set)."""
        new = {}
        for old in range(len(self.fr)):
            if old in keep:
                new[old] = len(new)
        self.fr = [b for k, b in enumerate(self.fr) if k in keep]
        self.gold = [None if g is None else new.get(g) for g in self.gold]
        self.tags_fr = {new[k]: t for k, t in self.tags_fr.items() if k in new}

    def remove_en(self, keep):
        self.en = [b for k, b in enumerate(self.en) if k in keep]
        self.gold = [g for k, g in enumerate(self.gold) if k in keep]


def corpus_base(name):
    d = ROOT / "tests" / "data" / "corpus" / name

    def blocks(f):
        text = (d / f).read_text(encoding="utf-8")
        return [b.rstrip() for b in text.split("\n\n") if b.strip()]

    en, fr = blocks("en.txt"), blocks("fr.txt")
    gold = [None] * len(en)
    for line in (d / "gold_blocks.tsv").read_text(encoding="utf-8").splitlines():
        a, b = line.split("\t")[:2]
        if a.isdigit() and b.isdigit():
            gold[int(a) - 1] = int(b) - 1
    return Case(en, fr, gold)


def seed_001_base():
    # As perturb.rs (Rust `str::lines`: split on \n, a trailing \r dropped).
    lines = [l.removesuffix("\r") for l in SAMPLE_001.read_text(encoding="utf-8").split("\n")]
    en = ["\n".join(lines[0:2])] + lines[2:6]
    fr = ["\n".join(lines[10:12])] + lines[12:16]
    return Case(en, fr, range(5))


def load_bases():
    bases = {name: corpus_base(name) for name in CORPUS}
    bases["seed-001"] = seed_001_base()
    return bases


def clone(base):
    return Case(base.en, base.fr, base.gold)


def truncated(c, rng, other):
    side = "en" if rng.random() < 0.25 else "fr"
    frac = round(rng.uniform(0.10, 0.90), 3)
    n = len(c.en if side == "en" else c.fr)
    keep = min(max(1, round(n * frac)), n - 1)
    note = rng.random() < 0.5
    params = {"side": side, "fraction": frac, "kept": keep, "of": n, "note": None}
    if side == "fr":
        c.remove_fr(set(range(keep)))
        if note:
            params["note"] = rng.choice(NOTES_FR)
            c.insert_fr(len(c.fr), params["note"], "note")
    else:
        c.remove_en(set(range(keep)))
        if note:
            params["note"] = rng.choice(NOTES_EN)
            c.insert_en(len(c.en), params["note"], "note")
    return params


def gap(c, rng, other):
    n = len(c.fr)
    count = rng.randint(1, min(10, n - 2))
    start = rng.randint(1, n - 1 - count)  # 0-based first removed; first and last kept
    c.remove_fr(set(range(n)) - set(range(start, start + count)))
    return {"removed": count, "first": start + 1, "of": n}


def replaced(c, rng, other):
    content = [k for k, b in enumerate(c.fr) if len(b.strip()) >= MIN_CONTENT]
    count = rng.randint(1, min(5, len(content) - 1))
    run = rng.random() < 0.5
    if run:
        start = rng.randint(0, len(content) - count)
        picked = content[start:start + count]
    else:
        picked = sorted(rng.sample(content, count))
    pool = [(name, k, b) for name, base in other.items()
            for k, b in enumerate(base.fr) if len(b.strip()) >= MIN_CONTENT]
    used, sources = set(), []
    for k in picked:
        length = len(c.fr[k])
        near = sorted((p for p in pool if (p[0], p[1]) not in used),
                      key=lambda p: (abs(len(p[2]) - length), p[0], p[1]))[:5]
        name, j, block = rng.choice(near)
        used.add((name, j))
        # Keep the replaced block's indentation (nested provisions start with spaces).
        indent = c.fr[k][:len(c.fr[k]) - len(c.fr[k].lstrip())]
        c.fr[k] = indent + block.strip()
        c.gold = [None if g == k else g for g in c.gold]
        c.tags_fr[k] = "replaced"
        sources.append({"fr_block": k + 1, "from": name, "from_block": j + 1})
    return {"count": count, "run": run, "sources": sources}


def furniture_lines(rng, french):
    month = rng.randrange(12)
    day, year = rng.randint(1, 28), rng.randint(2019, 2025)
    hour, minute = rng.randint(0, 23), rng.randint(0, 59)
    date_en = f"{day} {MONTHS_EN[month]} {year} {hour:02}:{minute:02}"
    date_fr = f"{day} {MONTHS_FR[month]} {year} {hour:02}:{minute:02}"
    count = rng.randint(2, 6)
    picked = rng.sample(range(len(FURNITURE_EN)), count)
    en = [FURNITURE_EN[i].format(date=date_en) for i in picked]
    fr = [FURNITURE_FR[i].format(date=date_fr) for i in picked] if french else list(en)
    return en, fr


def furniture(c, rng, other, french=False):
    en_lines, fr_lines = furniture_lines(rng, french)
    top = min(len(en_lines), rng.randint(1, 2))
    # The other lines go after English blocks drawn at random (not the last; two
    # lines may follow the same block), and in the French file after the matching
    # French block: the counterpart of the nearest English block at or before it
    # that has one.
    inside = sorted(rng.choices(range(len(c.en) - 1), k=len(en_lines) - top))
    after_fr = []
    for i in inside:
        g = next((c.gold[k] for k in range(i, -1, -1) if c.gold[k] is not None), -1)
        after_fr.append(g)
    tag_fr = "furniture" if french else "furniture-en"
    # Insert from the bottom up so the drawn positions stay valid; lines after the
    # same block go in last first, so they keep their order.
    for line, i in reversed(list(zip(en_lines[top:], inside))):
        c.insert_en(i + 1, line, "furniture")
    inner = list(enumerate(zip(fr_lines[top:], after_fr)))
    for _, (line, g) in sorted(inner, key=lambda x: (-x[1][1], -x[0])):
        c.insert_fr(g + 1, line, tag_fr)
    for line in reversed(en_lines[:top]):
        c.insert_en(0, line, "furniture")
    for line in reversed(fr_lines[:top]):
        c.insert_fr(0, line, tag_fr)
    return {"lines_en": en_lines, "lines_fr": fr_lines, "at_top": top,
            "after_base_en_blocks": [i + 1 for i in inside]}


GENERATORS = {
    "truncated": truncated,
    "gap": gap,
    "replaced": replaced,
    "furniture": furniture,
    "furniture-fr": lambda c, rng, other: furniture(c, rng, other, french=True),
}


def make_case(bases, base_name, kind, seed):
    rng = random.Random(f"{base_name}/{kind}/{seed}")
    c = clone(bases[base_name])
    other = {n: b for n, b in bases.items() if n != base_name}
    params = GENERATORS[kind](c, rng, other)
    return c, params


def write_case(c, params, out, base_name, kind, seed):
    out.mkdir(parents=True, exist_ok=True)
    for name, blocks in (("en.txt", c.en), ("fr.txt", c.fr)):
        (out / name).write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    gold = "".join(f"{i}\t{'-' if g is None else g + 1}\n" for i, g in enumerate(c.gold, 1))
    (out / "gold_blocks.tsv").write_text(gold, encoding="utf-8")

    def tagged(tags, *want):
        return sorted(k + 1 for k, t in tags.items() if t in want)

    meta = {
        "base": base_name,
        "kind": kind,
        "seed": seed,
        "params": params,
        "en_blocks": len(c.en),
        "fr_blocks": len(c.fr),
        "gold_pairs": sum(g is not None for g in c.gold),
        "english_in_fr": tagged(c.tags_fr, "furniture-en"),
        "furniture_en": tagged(c.tags_en, "furniture"),
        "furniture_fr": tagged(c.tags_fr, "furniture", "furniture-en"),
        "notes_en": tagged(c.tags_en, "note"),
        "notes_fr": tagged(c.tags_fr, "note"),
        "replaced_fr": tagged(c.tags_fr, "replaced"),
    }
    (out / "case.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n",
                                   encoding="utf-8")


def check(c):
    """The gold is one-to-one and in range; blocks hold no blank line."""
    mapped = [g for g in c.gold if g is not None]
    assert len(mapped) == len(set(mapped)), "a French block mapped twice"
    assert all(0 <= g < len(c.fr) for g in mapped), "gold out of range"
    for b in c.en + c.fr:
        assert b.strip() and "\n\n" not in b and not b.endswith("\n"), repr(b[:60])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seeds", type=int, default=20, help="seeds 1..N per kind and base (default 20)")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--bases", default=",".join(CORPUS + ["seed-001"]))
    args = ap.parse_args(argv)
    kinds, names = args.kinds.split(","), args.bases.split(",")
    bases = load_bases()
    for k in kinds:
        if k not in GENERATORS:
            ap.error(f"unknown kind {k!r} (kinds: {', '.join(KINDS)})")
    for n in names:
        if n not in bases:
            ap.error(f"unknown base {n!r} (bases: {', '.join(bases)})")
    count = 0
    for base_name in names:
        for kind in kinds:
            for seed in range(1, args.seeds + 1):
                c, params = make_case(bases, base_name, kind, seed)
                check(c)
                write_case(c, params, args.out / base_name / f"{kind}-{seed}", base_name, kind, seed)
                count += 1
    print(f"{count} cases in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Generate a shuffled archive of English and French documents, with the gold document pairing.

Usage:
    scripts/gen-archive.py --seed S --out DIR [--size MB] [--paragraphs MIN-MAX] [--extra P]

Writes the archive under DIR (the folder `natalign corpus` walks) and, next to
it, outside the walked folder:
  DIR/../gold-pairs.tsv   the gold pairing, `EN_DOC<TAB>FR_DOC`, one line per
                          acceptable pair; an English document with several
                          lines may pair with any of them (the French text
                          exists as identical copies); an English document
                          with no line has no French counterpart in the
                          archive and must stay unpaired;
  DIR/../docs.tsv         every document: `DOC<TAB>LANG<TAB>FILE<TAB>FIRST<TAB>COUNT<TAB>ROLE`,
                          its paragraphs being blank-line-separated blocks
                          FIRST..FIRST+COUNT-1 (0-based) of FILE (for
                          scripts/galechurch-driver.py); ROLE says what it is.
Document names follow natalign's summary: the file's path relative to DIR for a
one-language file, `PATH#en` / `PATH#fr` for a file holding both languages.

What is in it (all deterministic for a given seed, size and paragraph range):
  - real texts: tests/data/corpus/* (UDHR and the Ottawa agreement as separate
    EN and FR files, the Paris protocol as one mixed file, EN then FR) and
    samples/: 001 (mixed, as it arrives, broken encoding included), 000 (the
    same English text as 001's, alone in its file: pairs with 001#fr), 002,
    003, 004 (English statements with no French version: unpaired);
  - synthetic works, until the archive reaches --size MB: a title and
    MIN..MAX numbered paragraphs drawn at random from the aligned paragraph
    pool of scripts/gen-pairs.py, every digit run replaced by a random number
    of the same width (consistently on both sides), and about two thirds of
    the paragraphs given an extra sentence naming random countries and
    numbers (so that the units are mostly unique and the documents differ in
    entities, not only in numbers). Each work is written as one of:
      separate EN and FR files (45 %); one mixed file, EN then FR (22 %);
      separate files plus an identical copy of the English file under another
      name (8 %) or of the French file (6 %); the originals plus a perturbed
      English copy, one paragraph dropped and 1-3 numbers changed by 1-3 (7 %:
      the copy pairs with the French too); the English file with only a
      perturbed French file (6 %: they pair); the originals plus a perturbed
      French copy (6 %: the English pairs with the original, the copy stays
      unpaired); perturbed copies only of works of 8 paragraphs or more
      (PERTURB_MIN; shorter ones are written as separate files);
  - distractors, one-language documents with no counterpart (about one for
    eight works): fresh shuffled pool paragraphs with their own numbers, or a
    mix of paragraphs taken (numbers included) from the English or French
    side of three or four generated works.
File names are random hex, in one or two levels of hex subfolders, most with
`.txt`, some without an extension.

Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("gen_pairs", ROOT / "scripts" / "gen-pairs.py")
gen_pairs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen_pairs)

CORPUS = ROOT / "tests" / "data" / "corpus"
SAMPLES = ROOT / "samples"

# (English, French) names that natalign's entity table knows.
COUNTRIES = [
    ("Albania", "Albanie"), ("Belgium", "Belgique"), ("Bulgaria", "Bulgarie"),
    ("Canada", "Canada"), ("Croatia", "Croatie"), ("Denmark", "Danemark"),
    ("Estonia", "Estonie"), ("Finland", "Finlande"), ("France", "France"),
    ("Germany", "Allemagne"), ("Greece", "Grèce"), ("Hungary", "Hongrie"),
    ("Iceland", "Islande"), ("Italy", "Italie"), ("Latvia", "Lettonie"),
    ("Lithuania", "Lituanie"), ("Luxembourg", "Luxembourg"), ("Montenegro", "Monténégro"),
    ("Netherlands", "Pays-Bas"), ("Norway", "Norvège"), ("Poland", "Pologne"),
    ("Portugal", "Portugal"), ("Romania", "Roumanie"), ("Slovakia", "Slovaquie"),
    ("Slovenia", "Slovénie"), ("Spain", "Espagne"), ("Sweden", "Suède"),
    ("Ukraine", "Ukraine"), ("Georgia", "Géorgie"), ("Japan", "Japon"),
    ("Australia", "Australie"), ("Switzerland", "Suisse"), ("Austria", "Autriche"),
    ("Ireland", "Irlande"), ("Serbia", "Serbie"), ("Kosovo", "Kosovo"),
]
CITIES = [
    ("Brussels", "Bruxelles"), ("London", "Londres"), ("Warsaw", "Varsovie"),
    ("Lisbon", "Lisbonne"), ("Vilnius", "Vilnius"), ("Madrid", "Madrid"),
    ("Tallinn", "Tallinn"), ("Ottawa", "Ottawa"), ("Washington", "Washington"),
]
# Extra sentences: (English, French) templates over {a}, {b} (countries),
# {c} (a city), {n}, {m} (numbers), {y} (a year).
EXTRA = [
    ("{a} reported {n} incidents to the Council in {y}.",
     "Le pays suivant a signalé {n} incidents au Conseil en {y} : {a}."),
    ("The delegations of {a} and {b} submitted document {n}/{m}.",
     "Les délégations suivantes ont présenté le document {n}/{m} : {a} et {b}."),
    ("A total of {n} experts met in {c} on {m} occasions in {y}.",
     "Au total, {n} experts se sont réunis à {c} à {m} reprises en {y}."),
    ("The meeting held in {c} in {y} was attended by {n} participants from {a}.",
     "La réunion tenue à {c} en {y} a réuni {n} participants venus du pays suivant : {a}."),
    ("Contributions from {a} reached {n} million euros, and those from {b} {m} million.",
     "Les contributions versées par le pays suivant ont atteint {n} millions d'euros : {a} ; celles du pays suivant, {m} millions : {b}."),
]
TITLES = [
    ("Statement No. {n} by the North Atlantic Council on cooperation with {a}",
     "Déclaration no {n} du Conseil de l'Atlantique Nord sur la coopération avec le pays suivant : {a}"),
    ("Report {n}/{y} on the meeting held in {c}",
     "Rapport {n}/{y} sur la réunion tenue à {c}"),
    ("Decision {n} of {y} concerning {a} and {b}",
     "Décision {n} de {y} concernant les pays suivants : {a} et {b}"),
]
DIGITS = re.compile(r"[0-9]+")
# Perturbed copies are made of works with at least this many numbered
# paragraphs: dropping one then removes at most an eighth of the text. (On a
# work of 2-3 paragraphs, a copy missing one, with numbers changed, has lost a
# third of its text; natalign does not pair it, and should it?)
PERTURB_MIN = 8


def fill(rng: random.Random, pair: tuple[str, str]) -> tuple[str, str]:
    a, b = rng.sample(COUNTRIES, 2)
    c = rng.choice(CITIES)
    vals = dict(n=rng.randint(2, 9999), m=rng.randint(2, 999), y=rng.randint(1950, 2025))
    en = pair[0].format(a=a[0], b=b[0], c=c[0], **vals)
    fr = pair[1].format(a=a[1], b=b[1], c=c[1], **vals)
    return en, fr


class Work:
    """A text in both languages: title and numbered paragraphs."""

    def __init__(self, title: tuple[str, str], paras: list[tuple[str, str, int]]):
        self.title = title
        self.paras = paras  # (en, fr, printed number)

    def text(self, side: int) -> list[str]:
        return [self.title[side]] + [f"{k}. {p[side]}" for *p, k in self.paras]


def make_work(rng: random.Random, pool: list[tuple[str, str]], lo: int, hi: int, extra: float) -> Work:
    n = rng.randint(lo, hi)
    paras = []
    for k in range(1, n + 1):
        en, fr = gen_pairs.vary_numbers(rng, *rng.choice(pool))
        if rng.random() < extra:
            xe, xf = fill(rng, rng.choice(EXTRA))
            en, fr = f"{en} {xe}", f"{fr} {xf}"
        paras.append((en, fr, k))
    return Work(fill(rng, rng.choice(TITLES)), paras)


def perturb(rng: random.Random, blocks: list[str]) -> list[str]:
    """Drop one paragraph (not the title) and change 1-3 numbers by 1-3."""
    out = list(blocks)
    if len(out) > 2:
        del out[rng.randrange(1, len(out))]
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(out))
        runs = [m for m in DIGITS.finditer(out[i]) if len(m.group(0)) >= 2]
        # Leave the printed paragraph number alone.
        runs = [m for m in runs if m.start() > 4]
        if not runs:
            continue
        m = rng.choice(runs)
        v = int(m.group(0))
        w = len(m.group(0))
        nv = v + rng.choice([-3, -2, -1, 1, 2, 3])
        if len(str(nv)) != w:
            nv = v - (nv - v)
        out[i] = out[i][: m.start()] + str(nv) + out[i][m.end() :]
    return out


def blocks_of(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]


class Archive:
    def __init__(self, rng: random.Random, out: Path):
        self.rng = rng
        self.out = out
        self.names: set[str] = set()
        self.gold: list[tuple[str, str]] = []
        self.docs: list[tuple[str, str, str, int, int, str]] = []
        self.bytes = 0
        self.files = 0

    def name(self) -> str:
        rng = self.rng
        while True:
            parts = [f"{rng.getrandbits(8):02x}"]
            if rng.random() < 0.5:
                parts.append(f"{rng.getrandbits(8):02x}")
            base = f"{rng.getrandbits(64):016x}"
            parts.append(base + (".txt" if rng.random() < 0.8 else ""))
            name = "/".join(parts)
            if name not in self.names:
                self.names.add(name)
                return name

    def write(self, data: bytes) -> str:
        name = self.name()
        path = self.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.bytes += len(data)
        self.files += 1
        return name

    def single(self, blocks: list[str], lang: str, role: str) -> str:
        name = self.write(("\n\n".join(blocks) + "\n").encode("utf-8", "surrogateescape"))
        self.docs.append((name, lang, name, 0, len(blocks), role))
        return name

    def mixed(self, en: list[str], fr: list[str], role: str) -> tuple[str, str]:
        data = "\n\n".join(en) + "\n\n\n" + "\n\n".join(fr) + "\n"
        name = self.write(data.encode("utf-8", "surrogateescape"))
        self.docs.append((name + "#en", "en", name, 0, len(en), role))
        self.docs.append((name + "#fr", "fr", name, len(en), len(fr), role))
        return name + "#en", name + "#fr"

    def work(self, en: list[str], fr: list[str], tag: str) -> None:
        rng = self.rng
        r = rng.random()
        if r >= 0.81 and len(en) <= PERTURB_MIN:
            # Too short for a perturbed copy that is still the same text: see
            # PERTURB_MIN. Written as separate files instead.
            r = 0.0
        if r < 0.45:
            self.gold.append((self.single(en, "en", tag), self.single(fr, "fr", tag)))
        elif r < 0.67:
            self.gold.append(self.mixed(en, fr, tag + " mixed"))
        elif r < 0.75:
            f = self.single(fr, "fr", tag)
            for role in ("", " duplicate"):
                self.gold.append((self.single(en, "en", tag + role), f))
        elif r < 0.81:
            e = self.single(en, "en", tag)
            for role in ("", " duplicate"):
                self.gold.append((e, self.single(fr, "fr", tag + role)))
        elif r < 0.88:
            f = self.single(fr, "fr", tag)
            self.gold.append((self.single(en, "en", tag), f))
            self.gold.append((self.single(perturb(rng, en), "en", tag + " perturbed"), f))
        elif r < 0.94:
            e = self.single(en, "en", tag)
            self.gold.append((e, self.single(perturb(rng, fr), "fr", tag + " perturbed")))
        else:
            e = self.single(en, "en", tag)
            self.gold.append((e, self.single(fr, "fr", tag)))
            self.single(perturb(rng, fr), "fr", tag + " perturbed copy (unpaired)")


def generate(seed: int, out: Path, size_mb: float, lo: int, hi: int, extra: float = 0.67) -> dict[str, int]:
    rng = random.Random(seed)
    if out.exists() and any(out.iterdir()):
        sys.exit(f"{out} exists and is not empty")
    out.mkdir(parents=True, exist_ok=True)
    arc = Archive(rng, out)
    pool = gen_pairs.pool()

    # Real texts, as they are.
    udhr, ottawa, paris = (CORPUS / n for n in
                           ("un-udhr-1948", "nato-ottawa-agreement-1951", "nato-paris-protocol-1952"))
    for d in (udhr, ottawa):
        arc.gold.append((arc.single(blocks_of(d / "en.txt"), "en", d.name),
                         arc.single(blocks_of(d / "fr.txt"), "fr", d.name)))
    arc.gold.append(arc.mixed(blocks_of(paris / "en.txt"), blocks_of(paris / "fr.txt"), paris.name + " mixed"))
    sample = {p.name[:3]: p for p in SAMPLES.glob("*.txt")}
    raw = sample["001"].read_bytes()
    name = arc.write(raw)
    en001, fr001 = name + "#en", name + "#fr"
    # 001: English on its first lines, French after (see gen-pairs.py); the
    # block counts are only for the galechurch driver.
    n_blocks = len(blocks_of(sample["001"]))
    arc.docs.append((en001, "en", name, 0, n_blocks // 2, "sample 001 mixed"))
    arc.docs.append((fr001, "fr", name, n_blocks // 2, n_blocks - n_blocks // 2, "sample 001 mixed"))
    arc.gold.append((en001, fr001))
    e000 = arc.single(blocks_of(sample["000"]), "en", "sample 000 (= 001#en)")
    arc.gold.append((e000, fr001))
    for k in ("002", "003", "004"):
        arc.single(blocks_of(sample[k]), "en", f"sample {k} (unpaired)")

    # Synthetic works and distractors until the size is reached.
    target = size_mb * 1e6
    works: list[Work] = []
    stats = dict(works=0, distractors=0)
    while arc.bytes < target:
        if works and rng.random() < 1 / 9:
            side = rng.randrange(2)
            lang = ("en", "fr")[side]
            if len(works) >= 4 and rng.random() < 0.5:
                picked = rng.sample(works[-50:], min(len(works[-50:]), rng.randint(3, 4)))
                paras = [p for w in picked for p in rng.sample(w.paras, max(1, len(w.paras) // 3))]
                rng.shuffle(paras)
                src = rng.choice(picked)
                blocks = [src.title[side]] + [f"{k}. {p[side]}" for k, p in enumerate(paras, 1)]
                arc.single(blocks, lang, "distractor mix (unpaired)")
            else:
                arc.single(make_work(rng, pool, lo, hi, extra).text(side), lang, "distractor (unpaired)")
            stats["distractors"] += 1
            continue
        w = make_work(rng, pool, lo, hi, extra)
        works.append(w)
        if len(works) > 50:
            works.pop(0)
        stats["works"] += 1
        arc.work(w.text(0), w.text(1), f"work {stats['works']}")

    parent = out.resolve().parent
    with open(parent / "gold-pairs.tsv", "w", encoding="utf-8") as fh:
        fh.write(f"# gold pairing for {out.name}/ (seed {seed}, size {size_mb} MB, "
                 f"paragraphs {lo}-{hi}): EN_DOC<TAB>FR_DOC\n")
        for e, f in arc.gold:
            fh.write(f"{e}\t{f}\n")
    with open(parent / "docs.tsv", "w", encoding="utf-8") as fh:
        fh.write("# DOC\tLANG\tFILE\tFIRST\tCOUNT\tROLE\n")
        for row in arc.docs:
            fh.write("\t".join(map(str, row)) + "\n")
    stats.update(files=arc.files, bytes=arc.bytes, documents=len(arc.docs),
                 gold_pairs=len({e for e, _ in arc.gold}))
    return stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--size", type=float, default=1.0, help="archive size in MB (default 1)")
    ap.add_argument("--paragraphs", default="8-120", help="paragraphs per synthetic work, MIN-MAX")
    ap.add_argument("--extra", type=float, default=0.67,
                    help="share of paragraphs given an extra sentence (default 0.67; 1 for mostly unique units)")
    args = ap.parse_args()
    lo, hi = (int(x) for x in args.paragraphs.split("-"))
    stats = generate(args.seed, args.out, args.size, lo, hi, args.extra)
    print(" ".join(f"{k}={v}" for k, v in stats.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

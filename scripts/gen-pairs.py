#!/usr/bin/env python3
"""Generate a synthetic English/French document pair of N paragraphs, with its gold pairing.

Usage:
    scripts/gen-pairs.py N --seed S --out DIR     # writes DIR/en.txt, DIR/fr.txt, DIR/gold.tsv
    scripts/gen-pairs.py --score DIR/gold.tsv OUT.csv

The paragraphs are real aligned EN/FR paragraph pairs, taken from
tests/data/corpus/*/{en,fr}.txt (blank-line-separated blocks, paired by each
corpus's gold_blocks.tsv; only 1-1 block pairs are used) and from
samples/001_8e0e90c685f40201.txt (English paragraphs 1-5 on lines 1-6, French
on lines 11-16; kept with its broken encoding, as it really arrives). Leading
labels (`1.`, `(a)`) are stripped; short blocks (< 40 characters on either
side: `Article 12`, `PART III`) are left out, because the same few headings
repeated thousands of times read as running headers and are dropped as noise.

The English document has exactly N paragraphs, blank-line separated. Pairs are
drawn from the pool in shuffled rounds; in each emitted pair every digit run is
replaced by a random number of the same width, consistently on both sides (so
paragraphs differ and the numbers they contain still agree). Paragraphs are
printed `K. text`, the same K in both languages; K restarts at 1 every 50-400
paragraphs (sections: natalign reads labels of up to 3 digits, and real
documents rarely number past a few hundred). Perturbations, on the French side, each with probability --rate
(default 1%) per paragraph:
  - deleted: the English paragraph has no French counterpart (the French
    numbering skips its number, as when a paragraph is lost);
  - split in two at the sentence end nearest the middle, the second half
    unnumbered (a split drawn on a paragraph that cannot be split is done on
    the next one that can);
  - unnumbered: the French paragraph loses its printed number.
Also --rate / 2 of paragraphs are printed without a number on both sides.
Only paragraphs that natalign will still read as paragraphs of their own
lose their number (see can_be_unnumbered), so that the gold stays right.

gold.tsv has one line per English paragraph: `EN<TAB>FR`, 1-based positions
among each file's paragraphs, FR `+`-joined for a split and `-` for none (the
`en_index` / `fr_index` convention of natalign's CSV).

--score compares a natalign CSV with a gold.tsv: a gold line counts as found
when the CSV has a unit with exactly that English and French index set (for a
deleted paragraph, the English-only unit). Prints one line:
`gold found accuracy units`.

--unnumbered prints no numbers at all and --no-split makes deletions the only
French perturbation (the French side shorter by about --rate): together, the
case of two unnumbered documents of different lengths, where natalign's band
has no anchors to follow.

--clean leaves the sample out: text with no broken encoding, so natalign's
repair stage has nothing to do (a control for where memory goes).

Python 3.11 standard library only; the output depends only on N and the
options (and the repository's data files).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "001_8e0e90c685f40201.txt"
CORPUS = ROOT / "tests" / "data" / "corpus"

LABEL = re.compile(r"^\s*(?:\(?[0-9]{1,3}[.)]|[0-9]{1,3}(?= [A-ZÀ-Ý])|\([a-z]{1,4}\)|[a-z]\))\s+")
DIGITS = re.compile(r"[0-9]+")
HEADING_MAX = 40
# Paragraphs natalign reads as labelled divisions (`PART III ...`).
DIVISION = re.compile(r"^(PART|TITRE|Article|ARTICLE|SCHEDULE|ANNEX|CHAPTER|Chapitre)\b")
# natalign reads labels of 1-3 digits (`2024 was` is not a label), so a long
# document is a run of sections whose numbering restarts.
SECTION_MIN, SECTION_MAX = 50, 400
UNNUMBERED_MIN = 80


def clean(block: str) -> str:
    """One line, single spaces, leading label removed."""
    text = " ".join(block.split())
    return LABEL.sub("", text, count=1)


def blocks(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [b for b in re.split(r"\n\s*\n", text) if b.strip()]


def corpus_pairs() -> list[tuple[str, str]]:
    pairs = []
    for d in sorted(CORPUS.iterdir()):
        gold = d / "gold_blocks.tsv"
        if not gold.is_file():
            continue
        en, fr = blocks(d / "en.txt"), blocks(d / "fr.txt")
        for line in gold.read_text(encoding="utf-8").splitlines():
            e, _, f = line.partition("\t")
            if e.isdigit() and f.isdigit():
                pairs.append((clean(en[int(e) - 1]), clean(fr[int(f) - 1])))
    return pairs


def numbered_paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs starting `K. `; other lines continue the previous one."""
    paras: list[str] = []
    for line in lines:
        if re.match(r"^[0-9]+\. ", line) or not paras:
            paras.append(line)
        else:
            paras[-1] += " " + line
    return [clean(p) for p in paras]


def sample_pairs() -> list[tuple[str, str]]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    en = numbered_paragraphs(lines[0:6])
    fr = numbered_paragraphs(lines[10:16])
    assert len(en) == len(fr) == 5, (len(en), len(fr))
    return list(zip(en, fr))


def pool(clean: bool = False) -> list[tuple[str, str]]:
    pairs = corpus_pairs() + ([] if clean else sample_pairs())
    return [(e, f) for e, f in pairs if min(len(e), len(f)) >= HEADING_MAX]


def vary_numbers(rng: random.Random, en: str, fr: str) -> tuple[str, str]:
    mapping: dict[str, str] = {}
    for run in sorted(set(DIGITS.findall(en)) | set(DIGITS.findall(fr))):
        width = len(run)
        lo = 1 if width == 1 else 10 ** (width - 1)
        mapping[run] = str(rng.randint(lo, 10**width - 1))

    def sub(s: str) -> str:
        return DIGITS.sub(lambda m: mapping[m.group(0)], s)

    return sub(en), sub(fr)


def can_be_unnumbered(*texts: str) -> bool:
    """Whether each text may be printed without a number and stay one paragraph
    of its own for natalign: it starts with a capital (one starting in
    lowercase after one ending on `,` is, rightly, read as the same paragraph
    broken by a page) and has 80 characters or more (shorter unnumbered lines
    repeated three times are dropped as running headers, and the small pool
    repeats)."""
    return all(t[:1].isupper() and len(t) >= UNNUMBERED_MIN for t in texts)


def split_in_two(text: str) -> tuple[str, str] | None:
    """Split at the sentence end (`. ` before a capital) nearest the middle.

    Only there: a half ending on `;` or `,` followed by a lowercase start is,
    rightly, joined back by natalign as one paragraph broken by a page.
    """
    mid = len(text) // 2
    cuts = [m.end() for m in re.finditer(r"[.!?] (?=[A-ZÀ-Ý])", text)]
    cuts = [c for c in cuts if 20 <= c <= len(text) - UNNUMBERED_MIN]
    if not cuts:
        return None
    cut = min(cuts, key=lambda c: abs(c - mid))
    a, b = text[:cut].strip(), text[cut:].strip()
    return (a, b) if a and b else None


def generate(
    n: int,
    seed: int,
    rate: float,
    out: Path,
    clean: bool = False,
    unnumbered: bool = False,
    split: bool = True,
) -> dict[str, int]:
    rng = random.Random(seed)
    source = pool(clean)
    if unnumbered:  # no printed numbers at all: no anchors for natalign
        source = [(e, f) for e, f in source if not (DIVISION.match(e) or DIVISION.match(f))]
    en_out: list[str] = []
    fr_out: list[str] = []
    gold: list[str] = []
    stats = dict(pool=len(source), sections=0, deleted=0, split=0, fr_unnumbered=0, unnumbered=0)
    order: list[int] = []
    number = section_end = 0
    split_due = 0  # splits drawn on paragraphs of one sentence, done on the next splittable one
    while len(en_out) < n:
        if not order:
            order = list(range(len(source)))
            rng.shuffle(order)
        en, fr = vary_numbers(rng, *source[order.pop()])
        if number == section_end:  # a new section (document): numbering restarts
            stats["sections"] += 1
            number, section_end = 0, rng.randint(SECTION_MIN, SECTION_MAX)
        number += 1
        label_en = label_fr = ""
        if unnumbered:
            pass
        elif rng.random() < rate / 2 and can_be_unnumbered(en, fr):
            stats["unnumbered"] += 1
        else:
            label_en = label_fr = f"{number}. "
        en_out.append(label_en + en)
        r = rng.random()
        if r < rate:  # deleted on the French side
            stats["deleted"] += 1
            gold.append(f"{len(en_out)}\t-")
            continue
        if split and r < 2 * rate:
            split_due += 1
        if split_due and (halves := split_in_two(fr)):
            split_due -= 1
            stats["split"] += 1
            fr_out.append(label_fr + halves[0])
            fr_out.append(halves[1])
            gold.append(f"{len(en_out)}\t{len(fr_out) - 1}+{len(fr_out)}")
            continue
        if label_fr and 2 * rate <= r < 3 * rate and can_be_unnumbered(fr):
            stats["fr_unnumbered"] += 1
            label_fr = ""
        fr_out.append(label_fr + fr)
        gold.append(f"{len(en_out)}\t{len(fr_out)}")
    out.mkdir(parents=True, exist_ok=True)
    (out / "en.txt").write_text("\n\n".join(en_out) + "\n", encoding="utf-8")
    (out / "fr.txt").write_text("\n\n".join(fr_out) + "\n", encoding="utf-8")
    (out / "gold.tsv").write_text("\n".join(gold) + "\n", encoding="utf-8")
    stats.update(en=len(en_out), fr=len(fr_out))
    return stats


def score(gold_path: Path, csv_path: Path) -> str:
    gold = set()
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        e, _, f = line.partition("\t")
        gold.add((e, "" if f == "-" else f))
    found = 0
    units = 0
    csv.field_size_limit(sys.maxsize)
    with csv_path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            units += 1
            if (row["en_index"], row["fr_index"]) in gold:
                found += 1
    return f"{len(gold)} {found} {found / max(len(gold), 1):.4f} {units}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", nargs="?", type=int, help="English paragraphs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rate", type=float, default=0.01)
    ap.add_argument("--out", type=Path)
    ap.add_argument(
        "--unnumbered",
        action="store_true",
        help="print no paragraph numbers (and leave out `PART III ...` divisions): no anchors",
    )
    ap.add_argument(
        "--no-split",
        action="store_true",
        help="no French splits: deletions alone, so the French side is shorter by --rate",
    )
    ap.add_argument(
        "--clean",
        action="store_true",
        help="leave out the sample's paragraphs (broken encoding): no repair work",
    )
    ap.add_argument("--score", nargs=2, type=Path, metavar=("GOLD", "CSV"))
    args = ap.parse_args()
    if args.score:
        print(score(*args.score))
        return 0
    if args.n is None or args.out is None:
        ap.error("N and --out are required (or --score GOLD CSV)")
    stats = generate(
        args.n, args.seed, args.rate, args.out, args.clean, args.unnumbered, not args.no_split
    )
    print(" ".join(f"{k}={v}" for k, v in stats.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Align the gold document pairs of a generated archive with the `galechurch` PyPI package.

Usage: python scripts/galechurch-driver.py ARCHIVE_DIR
(with galechurch installed: python3 -m venv target/gcvenv && target/gcvenv/bin/pip install galechurch)

Reads ARCHIVE_DIR/../gold-pairs.tsv and ../docs.tsv (scripts/gen-archive.py),
and for each English document of the gold, its first French counterpart: the
two paragraph lists (blank-line-separated blocks of the files) are aligned by
`galechurch.align` (Gale-Church on paragraph lengths, one pair at a time, one
thread). Prints `pairs N paragraphs EN FR beads B read_s R align_s A` on one
line. The comparison point for natalign corpus's alignment step: no reading
of encodings, no repair, no language split, no document pairing, no output.
"""

import re
import sys
import time
from pathlib import Path

import galechurch


def main() -> int:
    archive = Path(sys.argv[1])
    t0 = time.perf_counter()
    docs = {}
    for line in (archive.parent / "docs.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        name, _lang, file, first, count, _role = line.split("\t")
        docs[name] = (file, int(first), int(count))
    gold = {}
    for line in (archive.parent / "gold-pairs.tsv").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            e, f = line.split("\t")
            gold.setdefault(e, f)
    cache = {}

    def paragraphs(doc):
        file, first, count = docs[doc]
        if file not in cache:
            text = (archive / file).read_bytes().decode("utf-8", "replace")
            cache.clear()
            cache[file] = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]
        return cache[file][first : first + count]

    pairs = [(paragraphs(e), paragraphs(f)) for e, f in gold.items()]
    t1 = time.perf_counter()
    beads = 0
    for en, fr in pairs:
        beads += len(galechurch.align(en, fr).beads)
    t2 = time.perf_counter()
    n_en = sum(len(e) for e, _ in pairs)
    n_fr = sum(len(f) for _, f in pairs)
    print(f"pairs {len(pairs)} paragraphs {n_en} {n_fr} beads {beads} "
          f"read_s {t1 - t0:.3f} align_s {t2 - t1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Score natalign corpus mode's document pairing against a gold pairing.

Usage:
    scripts/score-pairing.py GOLD SUMMARY.json [--json]

GOLD is a gold-pairs.tsv from scripts/gen-archive.py: `EN_DOC<TAB>FR_DOC`
lines (an English document listed several times may pair with any of its
French documents; one not listed must stay unpaired); `#` lines are comments.
SUMMARY.json is the file written by `natalign corpus --json-summary`; its
`pairs` are `[EN_DOC, FR_DOC, score]`, documents named by the path natalign
was given (`ARCHIVE/ab/cd.txt`, `ARCHIVE/ab/cd.txt#fr`): a summary name
matches a gold name when it is that name or ends with `/` + that name.

Prints `precision P recall R (correct C of predicted N, gold G)`, then one line
per wrong, missing or unknown pair. Precision: predicted pairs that are gold /
predicted pairs. Recall: English documents of the gold paired with a right
French document / English documents of the gold. Exit status 0 either way.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    gold: dict[str, set[str]] = defaultdict(set)
    gold_names: set[str] = set()
    with open(args[0], encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            e, f = line.rstrip("\n").split("\t")
            gold[e].add(f)
            gold_names.update((e, f))
    # Every document name of the archive (docs.tsv beside the gold), so that
    # extra pairs are named as in the gold too.
    docs_tsv = os.path.join(os.path.dirname(os.path.abspath(args[0])), "docs.tsv")
    if os.path.exists(docs_tsv):
        with open(docs_tsv, encoding="utf-8") as fh:
            gold_names.update(l.split("\t")[0] for l in fh if not l.startswith("#"))
    with open(args[1], encoding="utf-8") as fh:
        summary = json.load(fh)

    def normal(name: str) -> str:
        # The gold name this summary name is (the longest that matches).
        parts = name.split("/")
        for i in range(len(parts)):
            cand = "/".join(parts[i:])
            if cand in gold_names:
                return cand
        return name

    correct = 0
    found: set[str] = set()
    problems = []
    for e, f, score in summary["pairs"]:
        ge, gf = normal(e), normal(f)
        if gf in gold.get(ge, ()):
            correct += 1
            found.add(ge)
        elif ge in gold:
            problems.append(f"wrong   {ge} -> {gf} ({score:.3f}); gold {' | '.join(sorted(gold[ge]))}")
        else:
            problems.append(f"extra   {ge} -> {gf} ({score:.3f}); gold: unpaired")
    for e in sorted(set(gold) - found):
        if not any(normal(p[0]) == e for p in summary["pairs"]):
            problems.append(f"missing {e}; gold {' | '.join(sorted(gold[e]))}")
    n = len(summary["pairs"])
    precision = correct / n if n else 1.0
    recall = len(found) / len(gold) if gold else 1.0
    if "--json" in sys.argv:
        print(json.dumps(dict(precision=precision, recall=recall, correct=correct,
                              predicted=n, gold=len(gold), problems=problems)))
    else:
        print(f"precision {precision:.4f} recall {recall:.4f} "
              f"(correct {correct} of predicted {n}, gold {len(gold)})")
        for p in problems:
            print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())

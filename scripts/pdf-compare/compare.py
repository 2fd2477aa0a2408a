#!/usr/bin/env python3
"""Compare PDF text extractors on the PDF fixtures (docs/FORMATS.md, PDF).

Usage: scripts/pdf-compare/compare.py PDFCMP NATALIGN
  PDFCMP: the comparison program (built outside the repository: a Cargo
  project depending on pdf-extract, lopdf, pdf_oxide and oxidize-pdf whose
  main is `pdfcmp CRATE FILE...`, writing FILE.CRATE.txt, pages separated by
  a form feed, and printing `file ms status`); NATALIGN: the natalign binary.
For each extractor and for poppler's pdftotext (plain and -layout): character
accuracy (1 - normalised edit distance, difflib, to the source text,
whitespace folded, furniture lines removed from neither), block F1 of
`natalign align` on the extracted texts (scorer), ms per file, failures.
A last row, "natalign PDF reader", is natalign itself on the PDFs (the
pdf-extract glyph path with furniture and paragraph detection): accuracy of
its non-noise paragraphs, labels such as `(a)` put back (`inspect --json`),
block F1 of `natalign align EN.pdf FR.pdf`; no ms (NATALIGN is usually a
debug build and its time includes segmentation).
"""
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PDF = os.path.join(ROOT, "tests", "data", "formats", "pdf")
CORPUS = os.path.join(ROOT, "tests", "data", "corpus")
PAIRS = ["nato-ottawa-agreement-1951", "nato-paris-protocol-1952", "un-udhr-1948"]
CRATES = ["pdf-extract", "lopdf", "pdf_oxide", "pdf_oxide-lines", "oxidize-pdf"]


def fold(s):
    return re.sub(r"\s+", " ", s.replace("\u00ad", "")).strip()


def accuracy(got, want):
    got = fold(re.sub(r"NATO UNCLASSIFIED|Page \d+ of \d+|- \d+ -", " ", got))
    return difflib.SequenceMatcher(None, got, fold(want), autojunk=False).ratio()


def f1(csv, pair):
    d = os.path.join(CORPUS, pair)
    out = subprocess.run([sys.executable, os.path.join(ROOT, "tests/tools/score_blocks.py"), csv,
                          f"{d}/en.txt", f"{d}/fr.txt", f"{d}/gold_blocks.tsv"],
                         capture_output=True, text=True).stdout.strip().splitlines()
    return float(out[-1].split()[2]) if out else 0.0


def main():
    pdfcmp, natalign = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp()
    files = [f"{p}.{l}.pdf" for p in PAIRS for l in ("en", "fr")]
    for f in files:
        subprocess.run(["cp", os.path.join(PDF, f), tmp], check=True)
    paths = [os.path.join(tmp, f) for f in files]
    rows = []
    tools = CRATES + ["pdftotext", "pdftotext -layout"]
    for tool in tools:
        ms, fails = [], 0
        if tool.startswith("pdftotext"):
            for p in paths:
                t = time.perf_counter()
                r = subprocess.run(tool.split() + [p, f"{p}.{tool}.txt"], capture_output=True)
                ms.append((time.perf_counter() - t) * 1000)
                fails += r.returncode != 0
        else:
            out = subprocess.run([pdfcmp, tool] + paths, capture_output=True, text=True).stdout
            for line in out.splitlines():
                _, m, status = line.split("\t", 2)
                ms.append(float(m))
                fails += status != "ok"
        accs, f1s = [], []
        for pair in PAIRS:
            txt = {}
            for lang in ("en", "fr"):
                p = os.path.join(tmp, f"{pair}.{lang}.pdf.{tool}.txt")
                got = open(p, encoding="utf-8").read() if os.path.exists(p) else ""
                accs.append(accuracy(got, open(os.path.join(CORPUS, pair, f"{lang}.txt"),
                                               encoding="utf-8").read()))
                txt[lang] = p
            csv = os.path.join(tmp, f"{pair}.{tool}.csv")
            r = subprocess.run([natalign, "align", txt["en"], txt["fr"], "-o", csv], capture_output=True)
            f1s.append(f1(csv, pair) if r.returncode == 0 else 0.0)
        rows.append((tool, sum(accs) / len(accs), min(accs), sum(f1s) / len(f1s), min(f1s),
                     sum(ms) / len(ms), fails))
    accs, f1s, fails = [], [], 0
    for pair in PAIRS:
        for lang in ("en", "fr"):
            r = subprocess.run([natalign, "inspect", "--json", os.path.join(tmp, f"{pair}.{lang}.pdf")],
                               capture_output=True, text=True)
            fails += r.returncode != 0
            paras = json.loads(r.stdout)["paragraphs"] if r.returncode == 0 else []
            got = "\n\n".join(p["text"] if not p["label"] or p["text"].startswith(p["label"])
                                else f'{p["label"]} {p["text"]}'
                                for p in paras if p["kind"] != "noise")
            accs.append(accuracy(got, open(os.path.join(CORPUS, pair, f"{lang}.txt"),
                                           encoding="utf-8").read()))
        csv = os.path.join(tmp, f"{pair}.natalign.csv")
        r = subprocess.run([natalign, "align", os.path.join(tmp, f"{pair}.en.pdf"),
                            os.path.join(tmp, f"{pair}.fr.pdf"), "-o", csv], capture_output=True)
        f1s.append(f1(csv, pair) if r.returncode == 0 else 0.0)
    rows.append(("natalign PDF reader", sum(accs) / len(accs), min(accs), sum(f1s) / len(f1s),
                 min(f1s), None, fails))
    print("| extractor | char accuracy (mean / min) | block F1 via text path (mean / min) | ms per file | failures |")
    print("|---|---|---|---|---|")
    for t, a, amin, f, fmin, m, fl in rows:
        ms = "—" if m is None else f"{m:.1f}"
        print(f"| {t} | {a:.4f} / {amin:.4f} | {f:.4f} / {fmin:.4f} | {ms} | {fl} of {len(files)} |")


if __name__ == "__main__":
    main()

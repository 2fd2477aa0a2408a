#!/usr/bin/env python3
"""Load natalign's outputs with the tools users load them with.

Usage: check_outputs.py NATALIGN_BINARY

For the bundled samples and the corpus pairs (and a hostile document), runs the
binary in every format and checks that:
- every TMX validates against tests/data/tmx14.dtd (xmllint) and loads with
  translate-toolkit (translate.storage.tmx.tmxfile) giving the same units, as
  many and with the same texts, as the two-sided rows of the CSV at the same
  --unit (paragraph or sentence);
- the CSV loads with Python's csv module and with pandas, giving the same texts;
- the JSONL loads line by line with json, giving the same texts;
- the Moses files have equal line counts, equal to the number of pairs.
Prints one line per check and exits non-zero on the first failure.
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

import pandas
from translate.storage.tmx import tmxfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DTD = os.path.join(ROOT, "tests", "data", "tmx14.dtd")


def run(binary, args):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    res = subprocess.run([binary, "align", *args, "-q"], capture_output=True, env=env)
    if res.returncode != 0:
        sys.exit(f"natalign {' '.join(args)} failed: {res.stderr.decode()}")
    return res.stdout


def check(name, cond, detail=""):
    if not cond:
        sys.exit(f"FAIL {name} {detail}")


def inputs(tmp):
    samples = os.path.join(ROOT, "samples")
    yield "seed-001", [os.path.join(samples, f) for f in sorted(os.listdir(samples)) if f.startswith("001_")]
    corpus = os.path.join(ROOT, "tests", "data", "corpus")
    for pair in sorted(os.listdir(corpus)):
        yield pair, [os.path.join(corpus, pair, "en.txt"), os.path.join(corpus, pair, "fr.txt")]
    en = os.path.join(tmp, "hostile.en.txt")
    fr = os.path.join(tmp, "hostile.fr.txt")
    with open(en, "w", encoding="utf-8") as f:
        f.write('1. Allies < partners & "friends" ]]> \'quoted\', =SUM(A1), \x01bell\x07 <b>x</b>.\n\n'
                "2. " + "The Allies, \"together\"; agree. " * 3000 + "\n")
    with open(fr, "w", encoding="utf-8") as f:
        f.write('1. Alliés < partenaires & « amis » ]]> \'cités\', =SUM(A1), \x01cloche\x07 <b>x</b>.\n\n'
                "2. " + "Les Alliés, « ensemble » ; conviennent. " * 3000 + "\n")
    yield "hostile", [en, fr]


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        for name, files in inputs(tmp):
            csv_bytes = run(binary, files + ["--format", "csv"])
            rows = list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8"))))
            pairs = [(r["en"], r["fr"]) for r in rows if r["en"] and r["fr"]]
            check(f"{name} csv", len(pairs) > 0)
            frame = pandas.read_csv(io.BytesIO(csv_bytes), keep_default_na=False, dtype=str)
            check(f"{name} pandas", list(zip(frame["en"], frame["fr"])) == [(r["en"], r["fr"]) for r in rows])
            print(f"ok {name}: csv and pandas agree ({len(rows)} rows)")
            sentence_csv = run(binary, files + ["--format", "csv", "--unit", "sentence"])
            sentence_rows = list(csv.DictReader(io.StringIO(sentence_csv.decode("utf-8"))))
            sentence_pairs = [(r["en"], r["fr"]) for r in sentence_rows if r["en"] and r["fr"]]
            expected = {"paragraph": pairs, "sentence": sentence_pairs}

            for unit in ["paragraph", "sentence"]:
                tmx_path = os.path.join(tmp, f"{name}.{unit}.tmx")
                run(binary, files + ["-o", tmx_path, "--unit", unit, "--en-lang", "en-GB", "--fr-lang", "fr-CA"])
                lint = subprocess.run(["xmllint", "--noout", "--dtdvalid", DTD, tmx_path], capture_output=True)
                check(f"{name} {unit} xmllint", lint.returncode == 0, lint.stderr.decode())
                with open(tmx_path, "rb") as f:
                    store = tmxfile(f, "en-GB", "fr-CA")
                units = [(u.source, u.target) for u in store.units]
                want = expected[unit]
                check(f"{name} {unit} translate-toolkit", len(units) == len(want), f"{len(units)} units vs {len(want)} {unit} pairs in the CSV")
                check(f"{name} {unit} translate-toolkit texts", units == want)
                print(f"ok {name}: {unit} TMX valid (xmllint) and loaded by translate-toolkit ({len(units)} units)")

            jsonl = run(binary, files + ["--format", "jsonl"]).decode("utf-8")
            objects = [json.loads(line) for line in jsonl.splitlines()]
            check(f"{name} jsonl", [(o["en"], o["fr"]) for o in objects] == [(r["en"], r["fr"]) for r in rows])
            print(f"ok {name}: JSONL loads with json ({len(objects)} objects)")

            prefix = os.path.join(tmp, f"{name}.moses")
            run(binary, files + ["--format", "moses", "-o", prefix])
            with open(prefix + ".en", encoding="utf-8") as f:
                en_lines = f.read().split("\n")[:-1]
            with open(prefix + ".fr", encoding="utf-8") as f:
                fr_lines = f.read().split("\n")[:-1]
            check(f"{name} moses", len(en_lines) == len(fr_lines) == len(pairs))
            check(f"{name} moses texts", list(zip(en_lines, fr_lines)) == pairs)
            print(f"ok {name}: Moses files line-aligned ({len(en_lines)} lines each)")
    print("client checks: all passed")


if __name__ == "__main__":
    main()

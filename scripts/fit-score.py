#!/usr/bin/env python3
"""Fit natalign's unit score (src/align/score.rs) and measure its reliability.

Usage: scripts/fit-score.py [--seeds N] [--forced N] [--write] [--keep DIR]

The score of a two-sided unit is a logistic model of its evidence (lengths,
cognates, numbers and names, contradiction, merge parts, number keys, merge,
length; `Evidence::features` in score.rs, mirrored by `features` here). This
script:
  1. generates evidence: for each base (the three corpus pairs and seed 001),
     the hard cases of scripts/gen-hard-cases.py (seeds 1..N per kind, default
     10), the base itself, the base with two French blocks merged (5 seeds:
     right 2-1 merges), the base with its French numbering moved by +1, -1
     and +2 (right pairs whose labels conflict), plus N (--forced, default 50) runs with
     deliberately wrong pairs forced: 2-6 of the base's pairs, shifted by 1-3
     paragraphs on the French side, given with --anchors;
  2. runs `natalign align EN FR --split-below 0` on each (so every pair the
     aligner finds is kept), as CSV (judged by tests/tools/score_blocks.py
     --strict --pairs: right or wrong per output pair) and JSONL (each pair's
     evidence, in the same order);
  3. leaves each base out in turn: fits on the other three, scores the
     held-out base's pairs; then, as `align` does, a 1-1 pair the aligner found
     (not forced) scoring under 0.5 is written as two one-sided units, so it
     leaves the pairs (a right one so split counts as a right pair scored
     under 0.5). Prints the reliability table (score bins against the share of
     right pairs), precision among pairs scoring 0.5 or more, the share of right
     pairs scoring 0.5 or more, and the highest score of a wrong pair;
  4. fits on everything and prints the coefficients as Rust; with --write, puts
     them into src/align/score.rs (rebuild, and rerun to measure the new build).

Checks that the Python features reproduce natalign's score (to 1e-6) with the
coefficients the binary was built with, so the two stay in step.

Needs: cargo (unless NATALIGN=path/to/natalign), Python 3.11 standard library.
Deterministic for a given --seeds and --forced.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import importlib.util
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT / "tests" / "tools" / "score_blocks.py"
SCORE_RS = ROOT / "src" / "align" / "score.rs"
SPLIT_BELOW = 0.5
COGNATE_PIVOT = 0.15  # score.rs
WORDS_CAP = 30.0  # score.rs
RIVAL_CAP = 10.0  # score.rs
ISLAND = 3  # score.rs
SUPPORT = 0.5  # score.rs
LEXICAL_FULL = 10.0  # score.rs
MIN_JUDGED = 3  # score.rs
STRONG_SUPPORT = 2.0  # score.rs
MAX_CAP = 0.9  # score.rs: no doubtful pair is more than 90 % sure
LEXICAL_PIVOT = 0.3  # score.rs
L2 = 1.0

_spec = importlib.util.spec_from_file_location("gen_hard_cases", ROOT / "scripts" / "gen-hard-cases.py")
gen = importlib.util.module_from_spec(_spec)
sys.modules["gen_hard_cases"] = gen
_spec.loader.exec_module(gen)
csv.field_size_limit(1 << 30)


def features(e: dict) -> list[float]:
    """The model's inputs: Evidence::features in src/align/score.rs."""
    flag = lambda b: 1.0 if b else 0.0
    per_word = lambda share, pivot, words: (share - pivot) * min(words, WORDS_CAP)
    return [
        max(math.log(max(e["length"], 1e-9)), -20.0),
        per_word(e["cognates"], COGNATE_PIVOT, e["words"]),
        math.log(1.0 + e["shared"]),
        math.log(1.0 + e["only"]),
        e["contradiction"],
        e["parts"],
        flag(e["keyed"]),
        flag(e["key_conflict"]),
        flag(e["merge"]),
        float(e["lonely"]),
        per_word(e["lexical"], LEXICAL_PIVOT, e["lexical_words"]),
        max(min(e["rival"], RIVAL_CAP), -RIVAL_CAP),
        e["lexical_rival"] * min(e["lexical_words"], LEXICAL_FULL) / LEXICAL_FULL,
    ]


def predict(w: list[float], x: list[float], doubts: list[bool] = (), caps: list[float] = ()) -> float:
    """Evidence::probability in src/align/score.rs."""
    z = w[0] + sum(a * b for a, b in zip(w[1:], x))
    p = 1.0 / (1.0 + math.exp(-max(min(z, 60.0), -60.0)))
    for doubt, cap in zip(doubts, caps):
        if doubt:
            p = min(p, cap)
    return p


def doubts(e: dict, x: list[float]) -> list[bool]:
    """Evidence::doubts in src/align/score.rs."""
    supported = e["shared"] > 0 or e["keyed"] or x[1] >= SUPPORT or x[10] >= SUPPORT
    strong = (e["shared"] >= 2 or (e["keyed"] and e["shared"] >= 1) or x[1] >= STRONG_SUPPORT
              or x[10] >= STRONG_SUPPORT)
    return [not supported, e["rival"] < 0, e["lexical_rival"] < 0 and e["lexical_words"] >= MIN_JUDGED, e["lonely"] == 2,
            e["merge"], e["key_conflict"], e["island"] >= ISLAND and not strong,
            e["names_only"] > 0 and not strong]


def fit_caps(pairs: list[dict]) -> list[float]:
    """Each doubt's cap: the share of right pairs under it (smoothed, the
    pairs the user forced aside), at most MAX_CAP."""
    caps = []
    for k in range(len(pairs[0]["doubts"])):
        under = [p["y"] for p in pairs if p["doubts"][k] and p["method"] != "forced"]
        caps.append(min(MAX_CAP, (sum(under) + 1) / (len(under) + 2)))
    return caps


def solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def fit(xs: list[list[float]], ys: list[int], wrong_weight: float = 1.0) -> list[float]:
    """L2-regularised logistic regression by Newton's method, on standardised
    features (the intercept unpenalised); weights returned on the raw scale.
    Wrong pairs weigh `wrong_weight` times a right one: the model then errs
    on the side of doubt where the evidence cannot tell (a score is then a
    lower bound of the share of right pairs rather than its estimate)."""
    d = len(xs[0])
    mean = [sum(x[k] for x in xs) / len(xs) for k in range(d)]
    # A feature constant in the data (sd 0) keeps weight 0.
    sd = [math.sqrt(sum((x[k] - mean[k]) ** 2 for x in xs) / len(xs)) or 1.0 for k in range(d)]
    zs = [[1.0] + [(x[k] - mean[k]) / sd[k] for k in range(d)] for x in xs]
    w = [0.0] * (d + 1)
    for _ in range(50):
        grad = [0.0] * (d + 1)
        hess = [[0.0] * (d + 1) for _ in range(d + 1)]
        for z, y in zip(zs, ys):
            p = 1.0 / (1.0 + math.exp(-max(min(sum(a * b for a, b in zip(w, z)), 60.0), -60.0)))
            weight = 1.0 if y else wrong_weight
            g, h = weight * (p - y), weight * p * (1.0 - p)
            for i in range(d + 1):
                grad[i] += g * z[i]
                zi = h * z[i]
                for j in range(i, d + 1):
                    hess[i][j] += zi * z[j]
        for i in range(d + 1):
            for j in range(i):
                hess[i][j] = hess[j][i]
            if i > 0:
                grad[i] += L2 * w[i]
                hess[i][i] += L2
        step = solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    raw = [w[0] - sum(w[k + 1] * mean[k] / sd[k] for k in range(d))]
    raw += [w[k + 1] / sd[k] for k in range(d)]
    return raw


def build() -> Path:
    if os.environ.get("NATALIGN"):
        return Path(os.environ["NATALIGN"])
    print("== cargo build --release --locked", file=sys.stderr)
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return (target if target.is_absolute() else ROOT / target) / "release" / "natalign"


def write_pair(c, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "en.txt").write_text("\n\n".join(c.en) + "\n", encoding="utf-8")
    (out / "fr.txt").write_text("\n\n".join(c.fr) + "\n", encoding="utf-8")
    gold = "".join(f"{i}\t{'-' if g is None else g + 1}\n" for i, g in enumerate(c.gold, 1))
    (out / "gold_blocks.tsv").write_text(gold, encoding="utf-8")


def align(binary: Path, case: Path, extra: list[str]) -> list[dict]:
    """Every output pair of a case: evidence, natalign's score, method, and
    right or wrong as the block scorer judges it."""
    args = [str(binary), "align", str(case / "en.txt"), str(case / "fr.txt"), "-q", "--split-below", "0", *extra]
    subprocess.run(args + ["-o", str(case / "out.csv")], check=True)
    subprocess.run(args + ["-o", str(case / "out.jsonl")], check=True)
    subprocess.run(
        [sys.executable, str(SCORER), str(case / "out.csv"), str(case / "en.txt"), str(case / "fr.txt"),
         str(case / "gold_blocks.tsv"), "--strict", "--pairs", str(case / "pairs.tsv")],
        check=True, stdout=subprocess.DEVNULL)
    judged = [l.split("\t") for l in (case / "pairs.tsv").read_text().splitlines() if l]
    meta = json.loads((case / "case.json").read_text()) if (case / "case.json").exists() else {}
    furniture = set()
    if meta.get("kind") == "furniture-fr":
        # As scripts/hard-cases: a furniture<->furniture pair is neither right
        # nor wrong, so it is left out.
        blocks = lambda f: (case / f).read_text(encoding="utf-8").split("\n\n")
        en_b, fr_b = blocks("en.txt"), blocks("fr.txt")
        furniture = {en_b[k - 1].strip() for k in meta["furniture_en"]}
        furniture |= {fr_b[k - 1].strip() for k in meta["furniture_fr"]}
    rows = [json.loads(l) for l in (case / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    pairs = [r for r in rows if r["en"] and r["fr"]]
    assert len(pairs) == len(judged), f"{case}: {len(pairs)} pairs, {len(judged)} judged"
    out = []
    for r, (_, ok) in zip(pairs, judged):
        if "evidence" not in r:
            continue  # sentence rows carry none; paragraph pairs always do
        if r["en"].strip() in furniture and r["fr"].strip() in furniture:
            continue
        x = features(r["evidence"])
        out.append({
            "x": x,
            "doubts": doubts(r["evidence"], x),
            "y": int(ok),
            "score": r["score"],
            "method": r["method"],
            "one_to_one": "+" not in r["en_index"] and "+" not in r["fr_index"],
            "en_index": r["en_index"],
            "fr_index": r["fr_index"],
        })
    return out


def renumbered(base, delta: int):
    """The base with every printed number of the French side's labels moved
    by `delta` (`1.` -> `2.`, `Article 3` -> `Article 4`), as the perturbation
    suite's "numbering shifted by one" does: right pairs whose labels
    conflict."""
    label = re.compile(r"^(\s*(?:Article\s+)?)(\d{1,3})\b")
    c = gen.clone(base)
    c.fr = [label.sub(lambda m: f"{m.group(1)}{max(int(m.group(2)) + delta, 0)}", b) for b in c.fr]
    return c


def merged(base, rng):
    """The base with two consecutive French blocks that both have a
    counterpart merged into one (a paragraph the translation joined): their
    English blocks pair with it as a 2-1 merge."""
    c = gen.clone(base)
    inverse = {g: i for i, g in enumerate(c.gold) if g is not None}
    ks = [k for k in range(len(c.fr) - 1) if k in inverse and k + 1 in inverse
          and inverse[k + 1] == inverse[k] + 1]
    if not ks:
        return c
    k = rng.choice(ks)
    c.fr = c.fr[:k] + [c.fr[k] + " " + c.fr[k + 1].strip()] + c.fr[k + 2:]
    c.gold = [None if g is None else (g if g <= k else g - 1) for g in c.gold]
    return c


def forced_runs(binary: Path, base_name: str, base_dir: Path, work: Path, n: int) -> list[tuple[Path, list[str]]]:
    """Runs with deliberately wrong pairs forced: pairs of the base's own
    (unforced) output that the scorer judges right, their French side
    shifted by 1-3 paragraphs, as many as keep the forced pairs in order."""
    right = [(int(p["en_index"]), int(p["fr_index"])) for p in align(binary, base_dir, [])
             if p["y"] == 1 and p["one_to_one"]]
    n_fr = len((base_dir / "fr.txt").read_text(encoding="utf-8").split("\n\n"))
    runs = []
    for seed in range(1, n + 1):
        rng = random.Random(f"{base_name}/forced/{seed}")
        chosen = sorted(rng.sample(right, min(len(right), rng.randint(2, 6))))
        forced, last_e, last_f = [], 0, 0
        for e, f in chosen:
            f2 = f + rng.choice([-3, -2, -1, 1, 2, 3])
            if e > last_e and last_f < f2 <= n_fr:
                forced.append((e, f2))
                last_e, last_f = e, f2
        anchors = work / f"{base_name}.forced-{seed}.tsv"
        anchors.write_text("".join(f"{e}\t{f}\n" for e, f in forced))
        runs.append((base_dir, ["--anchors", str(anchors)]))
    return runs


def collect(binary: Path, work: Path, seeds: int, forced: int) -> dict[str, list[dict]]:
    bases = gen.load_bases()
    jobs: list[tuple[str, Path, list[str]]] = []
    for name, base in bases.items():
        base_dir = work / name / "base"
        write_pair(gen.clone(base), base_dir)
        jobs.append((name, base_dir, []))
        for seed in range(1, 6):
            out = work / name / f"merged-{seed}"
            write_pair(merged(base, random.Random(f"{name}/merged/{seed}")), out)
            jobs.append((name, out, []))
        for delta in (1, -1, 2):
            out = work / name / f"renumbered{delta:+d}"
            write_pair(renumbered(base, delta), out)
            jobs.append((name, out, []))
        for kind in gen.KINDS:
            for seed in range(1, seeds + 1):
                c, params = gen.make_case(bases, name, kind, seed)
                out = work / name / f"{kind}-{seed}"
                gen.write_case(c, params, out, name, kind, seed)
                jobs.append((name, out, []))
        for i, (d, extra) in enumerate(forced_runs(binary, name, base_dir, work, forced)):
            out = work / name / f"forced-{i + 1}"
            out.mkdir(parents=True, exist_ok=True)
            for f in ("en.txt", "fr.txt", "gold_blocks.tsv"):
                (out / f).write_bytes((d / f).read_bytes())
            jobs.append((name, out, extra))
    data: dict[str, list[dict]] = {name: [] for name in bases}
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        futures = {pool.submit(align, binary, case, extra): (name, case) for name, case, extra in jobs}
        for f in concurrent.futures.as_completed(futures):
            name, case = futures[f]
            for p in f.result():
                p["case"] = case.name
                data[name].append(p)
    for name in data:
        data[name].sort(key=lambda p: (p["case"], p["en_index"], p["fr_index"]))
    return data


def reliability(scored: list[tuple[float, int]]) -> list[str]:
    bins = [(0.0, 0.1), (0.1, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 0.99), (0.99, 1.0001)]
    lines = ["| score | pairs | right | share right |", "|---|---:|---:|---:|"]
    for lo, hi in bins:
        inside = [y for s, y in scored if lo <= s < hi]
        share = f"{sum(inside) / len(inside):.3f}" if inside else "-"
        lines.append(f"| {lo:.2f}–{min(hi, 1.0):.2f} | {len(inside)} | {sum(inside)} | {share} |")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=10, help="hard-case seeds per kind and base")
    ap.add_argument("--forced", type=int, default=50, help="runs with wrong forced pairs per base")
    ap.add_argument("--write", action="store_true", help="write the fitted coefficients into score.rs")
    ap.add_argument("--keep", type=Path, help="keep the cases and outputs here")
    ap.add_argument("--wrong", action="store_true", help="list the wrong pairs scoring 0.5 or more")
    ap.add_argument("--wrong-weight", type=float, default=3.0,
                    help="weight of a wrong pair against a right one in the fit")
    args = ap.parse_args()
    binary = build()
    work = args.keep or Path(tempfile.mkdtemp(prefix="fit-score."))
    work.mkdir(parents=True, exist_ok=True)
    print(f"== evidence: {args.seeds} seeds per kind, {args.forced} forced runs per base ({work})", file=sys.stderr)
    data = collect(binary, work, args.seeds, args.forced)
    source = SCORE_RS.read_text()
    constant = lambda name: [float(v) for v in re.search(name + r": \[f64; \d+\] = \[(.*?)\];", source, re.S).group(1).replace("\n", " ").split(",") if v.strip()]
    current, current_caps = constant("COEFFICIENTS"), constant("CAPS")
    drift = max(abs(predict(current, p["x"], p["doubts"], current_caps) - p["score"]) for ps in data.values() for p in ps)
    # natalign writes scores with three decimals in CSV but full precision in JSONL.
    if drift > 1e-6:
        print(f"warning: the Python features give scores {drift:.2g} off natalign's: "
              "score.rs and this script disagree, or the binary is not built from score.rs",
              file=sys.stderr)
    everything = [p for ps in data.values() for p in ps]
    print(f"{len(everything)} pairs: {sum(p['y'] for p in everything)} right, "
          f"{sum(1 - p['y'] for p in everything)} wrong")
    # Leave one base out.
    held: list[tuple[float, int, bool]] = []
    print("\n| held out | pairs | right | wrong | precision ≥ 0.5 | right ≥ 0.5 | highest wrong |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, ps in data.items():
        train = [p for n, qs in data.items() if n != name for p in qs]
        w = fit([p["x"] for p in train], [p["y"] for p in train], args.wrong_weight)
        caps = fit_caps(train)
        if args.wrong:
            print(f"  fold {name}: weights {[round(v, 2) for v in w]}", file=sys.stderr)
        rows = []
        for p in ps:
            s = predict(w, p["x"], p["doubts"], caps)
            split = s < SPLIT_BELOW and p["one_to_one"] and p["method"] != "forced"
            rows.append((s, p["y"], split))
            if p["y"] == 0 and s >= 0.5 and not split and args.wrong:
                print(f"  wrong {s:.3f} {name}/{p['case']} {p['method']} en {p['en_index']} fr {p['fr_index']} x {[round(v, 2) for v in p['x']]}", file=sys.stderr)
        held += rows
        kept = [(s, y) for s, y, split in rows if not split]
        hi = [y for s, y in kept if s >= 0.5]
        right = [s for s, y, _ in rows if y == 1]
        print(f"| {name} | {len(rows)} | {len(right)} | {len(rows) - len(right)} | "
              f"{sum(hi) / max(len(hi), 1):.4f} | {sum(1 for s in right if s >= 0.5) / max(len(right), 1):.4f} | "
              f"{max((s for s, y in kept if y == 0), default=0.0):.3f} |")
    kept = [(s, y) for s, y, split in held if not split]
    hi = [y for s, y in kept if s >= 0.5]
    right = [s for s, y, _ in held if y == 1]
    split_right = sum(1 for s, y, split in held if split and y == 1)
    split_wrong = sum(1 for s, y, split in held if split and y == 0)
    print(f"\nall held out: {len(held)} pairs ({len(right)} right, {len(held) - len(right)} wrong); "
          f"split into one-sided units: {split_wrong} wrong, {split_right} right")
    print(f"precision among pairs scoring >= 0.5: {sum(hi) / max(len(hi), 1):.4f} ({len(hi)} pairs)")
    print(f"right pairs scoring >= 0.5: {sum(1 for s in right if s >= 0.5) / max(len(right), 1):.4f}")
    print(f"highest score of a wrong pair written: {max((s for s, y in kept if y == 0), default=0.0):.3f}")
    print("\nReliability of the pairs written (held-out scores):\n")
    print("\n".join(reliability(kept)))
    w = fit([p["x"] for p in everything], [p["y"] for p in everything], args.wrong_weight)
    caps = fit_caps(everything)
    rust = ", ".join(f"{v:.6}" for v in w)
    rust_caps = ", ".join(f"{v:.4}" for v in caps)
    print(f"\nFitted on everything:\npub const COEFFICIENTS: [f64; {len(w)}] = [{rust}];")
    print(f"pub const CAPS: [f64; {len(caps)}] = [{rust_caps}];")
    if args.write:
        text = SCORE_RS.read_text()
        new = re.sub(r"(pub const COEFFICIENTS: \[f64; \d+\] = \[)(.*?)(\];)",
                     lambda m: m.group(1) + "\n    " + rust + ",\n" + m.group(3), text, flags=re.S)
        new = re.sub(r"(pub const CAPS: \[f64; \d+\] = \[)(.*?)(\];)",
                     lambda m: m.group(1) + rust_caps + m.group(3), new, flags=re.S)
        SCORE_RS.write_text(new)
        print(f"written into {SCORE_RS.relative_to(ROOT)} (cargo fmt it)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

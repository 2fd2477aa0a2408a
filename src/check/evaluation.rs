//! Precision and recall of the checker on generated damage: numbers changed or
//! dropped, entities removed and paragraphs deleted in the French of the corpus
//! pairs and seed 001, each compared with the clean run.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::align::align;
use crate::pipeline::{load, sides};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn pairs() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for p in [
        "nato-ottawa-agreement-1951",
        "nato-paris-protocol-1952",
        "un-udhr-1948",
    ] {
        let read = |l: &str| {
            std::fs::read_to_string(format!("{ROOT}/tests/data/corpus/{p}/{l}.txt")).unwrap()
        };
        out.push((p.to_string(), read("en"), read("fr")));
    }
    let dir = format!("{ROOT}/samples");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("001_"))
        .unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // One line per paragraph (paragraph 1 is broken over two lines in the file).
    let one_per_line = |r: std::ops::Range<usize>| {
        let mut ls: Vec<String> = lines[r].iter().map(|l| l.to_string()).collect();
        let second = ls.remove(1);
        ls[0] = format!("{} {second}", ls[0]);
        ls.join("\n")
    };
    out.push(("seed-001".into(), one_per_line(0..6), one_per_line(10..16)));
    out
}

fn findings(en: &str, fr: &str) -> Vec<Finding> {
    let docs = [
        load("en", en.as_bytes()).unwrap(),
        load("fr", fr.as_bytes()).unwrap(),
    ];
    let (e, f) = sides(&docs).unwrap();
    check(
        &units_of(&align(e, f, &crate::check::ALIGN_OPTIONS)),
        &CheckOptions::default(),
    )
}

/// A finding as the damage is judged by: its rule and fingerprint (which
/// holds the English text: a paragraph with no counterpart in the clean
/// text is not the one a deletion leaves).
fn key(f: &Finding) -> (Rule, String) {
    (f.rule, f.fingerprint.clone())
}

/// A tiny deterministic generator (no dependency).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// French blocks (paragraphs separated by blank lines, or lines for seed 001).
fn blocks(fr: &str) -> (Vec<String>, &'static str) {
    if fr.contains("\n\n") {
        (fr.split("\n\n").map(String::from).collect(), "\n\n")
    } else {
        (fr.lines().map(String::from).collect(), "\n")
    }
}

#[test]
fn checker_precision_and_recall_on_generated_damage() {
    let number = regex::Regex::new(r"\b\d{2,4}\b").unwrap();
    let mut rng = Lcg(2026);
    // (kind, expected rule, detected, new findings, correct new findings)
    let mut tally: BTreeMap<&str, (usize, usize, usize, usize)> = BTreeMap::new();
    for (name, en, fr) in pairs() {
        let clean: BTreeSet<(Rule, String)> = findings(&en, &fr).iter().map(key).collect();
        let (fr_blocks, sep) = blocks(&fr);
        for round in 0..6 {
            // A number changed inside a date is a date that differs.
            for (kind, rules) in [
                (
                    "number changed",
                    &[Rule::NumberMismatch, Rule::DateMismatch][..],
                ),
                ("number dropped", &[Rule::NumberMismatch]),
                ("entity removed", &[Rule::EntityMissing]),
                ("paragraph deleted", &[Rule::MissingCounterpart]),
            ] {
                let mut damaged = fr_blocks.clone();
                // Candidate blocks for this damage.
                let candidates: Vec<usize> = (0..damaged.len())
                    .filter(|&k| match kind {
                        "number changed" | "number dropped" => {
                            number.is_match(&damaged[k])
                                && !damaged[k].trim_start().starts_with("Article")
                        }
                        "entity removed" => !crate::lexicon::entities(&damaged[k]).is_empty(),
                        _ => damaged[k].split_whitespace().count() > 12,
                    })
                    .collect();
                if candidates.is_empty() {
                    continue;
                }
                let k = candidates[rng.next(candidates.len())];
                let block = damaged[k].clone();
                match kind {
                    "number changed" => {
                        let m = number
                            .find_iter(&block)
                            .nth(round % number.find_iter(&block).count())
                            .unwrap();
                        let v: u32 = m.as_str().parse().unwrap();
                        damaged[k] =
                            format!("{}{}{}", &block[..m.start()], v + 1, &block[m.end()..]);
                    }
                    "number dropped" => {
                        let m = number
                            .find_iter(&block)
                            .nth(round % number.find_iter(&block).count())
                            .unwrap();
                        damaged[k] =
                            format!("{}{}", block[..m.start()].trim_end(), &block[m.end()..]);
                    }
                    "entity removed" => {
                        let ids = crate::lexicon::entities(&block);
                        let (en_name, fr_name) = crate::lexicon::names(ids[round % ids.len()]);
                        // Only a real removal: the name written this way, and
                        // not already reported missing in the clean run.
                        let known = clean
                            .iter()
                            .any(|(r, m)| *r == Rule::EntityMissing && m.contains(en_name));
                        if !block.contains(fr_name) || known {
                            continue;
                        }
                        damaged[k] = block.replace(fr_name, "");
                    }
                    _ => {
                        damaged.remove(k);
                    }
                }
                let now = findings(&en, &damaged.join(sep));
                let new: Vec<(Rule, String)> =
                    now.iter().map(key).filter(|k| !clean.contains(k)).collect();
                let e = tally.entry(kind).or_default();
                e.0 += 1;
                let expected = |r: &Rule| rules.contains(r);
                e.1 += usize::from(new.iter().any(|(r, _)| expected(r)));
                e.2 += new.len();
                e.3 += new.iter().filter(|(r, _)| expected(r)).count().min(1);
                if !new.iter().any(|(r, _)| expected(r)) || new.len() != 1 {
                    println!("{name} {kind} block {}: new findings {new:?}", k + 1);
                }
            }
        }
    }
    println!("| damage | cases | detected (recall) | new findings | precision |");
    println!("|---|---|---|---|---|");
    let (mut cases, mut detected, mut new, mut correct) = (0, 0, 0, 0);
    for (kind, (c, d, n, k)) in &tally {
        println!(
            "| {kind} | {c} | {d} ({:.2}) | {n} | {:.2} |",
            *d as f64 / *c as f64,
            *k as f64 / (*n).max(1) as f64
        );
        (cases, detected, new, correct) = (cases + c, detected + d, new + n, correct + k);
    }
    let (recall, precision) = (
        detected as f64 / cases as f64,
        correct as f64 / new.max(1) as f64,
    );
    println!("| all | {cases} | {detected} ({recall:.2}) | {new} | {precision:.2} |");
    assert!(recall >= 0.95, "recall {recall}");
    assert!(precision >= 0.8, "precision {precision}");
}

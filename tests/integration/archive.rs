//! Document pairing over a generated archive (scripts/gen-archive.py):
//! shuffled hex file names in nested folders, pairs as separate files and as
//! mixed files, identical copies, perturbed copies and unrelated one-language
//! documents, with the gold pairing written by the generator. Scored by
//! scripts/score-pairing.py; docs/CORPUS.md has the figures.

use std::process::Command;

use crate::util::*;

#[test]
fn generated_archive_pairs_with_full_precision_and_recall() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    let generated = Command::new("python3")
        .arg(root().join("scripts/gen-archive.py"))
        .args([
            "--seed",
            "7",
            "--size",
            "0.4",
            "--paragraphs",
            "3-30",
            "--out",
        ])
        .arg(&archive)
        .output()
        .expect("python3 must be installed");
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    // Every kind of case is there (this seed: 70 files, 77 documents).
    let docs = std::fs::read_to_string(dir.path().join("docs.tsv")).unwrap();
    for kind in [
        "mixed",
        "duplicate",
        "perturbed",
        "distractor mix",
        "distractor (",
        "sample 002",
    ] {
        assert!(docs.contains(kind), "no {kind} in the archive");
    }
    let gold = dir.path().join("gold-pairs.tsv");
    assert!(gold.is_file());
    let summary = dir.path().join("summary.json");
    let res = run(&[
        &"corpus",
        &archive,
        &"-o",
        &dir.path().join("out.jsonl"),
        &"--json-summary",
        &summary,
        &"-q",
    ]);
    assert!(res.status.success(), "{}", stderr(&res));
    let score = Command::new("python3")
        .arg(root().join("scripts/score-pairing.py"))
        .arg(&gold)
        .arg(&summary)
        .arg("--json")
        .output()
        .unwrap();
    assert!(score.status.success());
    let s: serde_json::Value = serde_json::from_slice(&score.stdout).unwrap();
    // Enough of each kind of case for the figures to mean something.
    assert!(s["gold"].as_u64().unwrap() >= 30, "{s}");
    assert_eq!(s["precision"], 1.0, "{s:#}");
    assert_eq!(s["recall"], 1.0, "{s:#}");
    // The distractors and the English-only samples stay unpaired.
    let sum: serde_json::Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    let unpaired: Vec<&str> = sum["unpaired"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    for line in docs.lines().filter(|l| l.contains("(unpaired)")) {
        let name = line.split('\t').next().unwrap();
        assert!(
            unpaired.iter().any(|u| u.ends_with(&format!("/{name}"))),
            "{name} should be unpaired"
        );
    }
}

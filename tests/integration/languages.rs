//! Documents in other languages than English and French, and paragraphs in
//! the wrong language: never in a pair, never under an English or French
//! language code, always accounted for (tests/data/languages, written for
//! these tests).

use std::path::PathBuf;

use crate::util::*;

fn language(name: &str) -> PathBuf {
    root().join("tests/data/languages").join(name)
}

const OTHERS: &[(&str, &str)] = &[
    ("de", "German"),
    ("es", "Spanish"),
    ("it", "Italian"),
    ("pt", "Portuguese"),
    ("nl", "Dutch"),
    ("pl", "Polish"),
    ("ru", "Russian"),
    ("uk", "Ukrainian"),
];

#[test]
fn align_refuses_a_document_in_another_language() {
    let dir = tempfile::tempdir().unwrap();
    for (code, name) in OTHERS {
        let other = language(&format!("{code}.txt"));
        let out = dir.path().join(format!("{code}.tmx"));
        let res = run(&[&"align", &language("en.txt"), &other, &"-o", &out]);
        assert_eq!(res.status.code(), Some(3), "{code}: {}", stderr(&res));
        assert_eq!(
            stderr(&res).trim(),
            format!(
                "natalign: {}: is in {name} ({code}), not English or French: natalign aligns English with French",
                other.display()
            )
        );
        assert!(!out.exists(), "{code}: no output");
    }
}

#[test]
fn corpus_skips_documents_in_other_languages_and_never_pairs_them() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.json");
    let res = run(&[
        &"corpus",
        &root().join("tests/data/languages"),
        &"--exclude",
        &"mixed-*",
        &"--exclude",
        &"SOURCE",
        &"-o",
        &dir.path().join("out.jsonl"),
        &"--json-summary",
        &summary,
    ]);
    assert!(res.status.success(), "{}", stderr(&res));
    let s: serde_json::Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    let mut skipped: Vec<(String, String)> = s["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            let file = k["file"].as_str().unwrap();
            (
                file.rsplit('/').next().unwrap().to_string(),
                k["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    skipped.sort();
    let mut expected: Vec<(String, String)> = OTHERS
        .iter()
        .map(|(code, name)| {
            (
                format!("{code}.txt"),
                format!("is in {name} ({code}), not English or French: natalign aligns English with French"),
            )
        })
        .collect();
    expected.sort();
    assert_eq!(skipped, expected);
    // The English and French statements pair with each other only.
    let pairs: Vec<(String, String)> = s["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let name =
                |v: &serde_json::Value| v.as_str().unwrap().rsplit('/').next().unwrap().to_string();
            (name(&p[0]), name(&p[1]))
        })
        .collect();
    assert_eq!(pairs, [("en.txt".to_string(), "fr.txt".to_string())]);
}

#[test]
fn a_russian_block_in_a_mixed_file_stays_out_of_every_unit() {
    let mixed = language("mixed-en-ru-fr.txt");
    let res = run(&[&"align", &mixed]);
    assert!(res.status.success(), "{}", stderr(&res));
    let rows = csv_rows(&res.stdout);
    let cyrillic = |s: &str| s.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    let russian: Vec<&Row> = rows
        .iter()
        .filter(|r| cyrillic(&r["en"]) || cyrillic(&r["fr"]))
        .collect();
    // The four Russian blocks are there, each alone, noted with its language.
    assert_eq!(russian.len(), 4, "{rows:?}");
    for r in &russian {
        assert!(r["en"].is_empty() || r["fr"].is_empty(), "{r:?}");
        assert_eq!(r["note"], "other-language:ru");
        assert_eq!(r["method"], "language");
    }
    // Every English and French block is paired.
    let pairs = rows
        .iter()
        .filter(|r| !r["en"].is_empty() && !r["fr"].is_empty())
        .count();
    assert_eq!(pairs, 11);
    assert!(
        stderr(&res).contains("4 paragraphs in other languages (ru) set aside"),
        "{}",
        stderr(&res)
    );
    // TMX never writes them, even with --keep-unaligned.
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("out.tmx");
    let res = run(&[&"align", &mixed, &"-o", &tmx, &"--keep-unaligned"]);
    assert!(res.status.success());
    let xml = std::fs::read_to_string(&tmx).unwrap();
    assert!(!cyrillic(&xml), "Russian under an English or French code");
    assert_valid_tmx(&tmx);
}

#[test]
fn english_in_the_french_document_is_one_sided_in_the_english_column() {
    // Seed 000 is the English text of seed 001, which holds English and
    // French: aligned as two documents, the English half of 001 is English
    // in the French document.
    let res = run(&[&"align", &sample("000"), &sample("001")]);
    assert!(res.status.success(), "{}", stderr(&res));
    let rows = csv_rows(&res.stdout);
    let set_aside: Vec<&Row> = rows
        .iter()
        .filter(|r| r["note"] == "english-in-french")
        .collect();
    assert_eq!(set_aside.len(), 5, "{rows:?}");
    for r in &set_aside {
        assert!(r["fr"].is_empty() && !r["en"].is_empty());
        assert!(
            r["en_doc"].ends_with(
                &sample("001")
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .to_string()
            )
        );
    }
    // The five pairs are English with French.
    let pairs: Vec<&Row> = rows
        .iter()
        .filter(|r| !r["en"].is_empty() && !r["fr"].is_empty())
        .collect();
    assert_eq!(pairs.len(), 5);
    assert!(
        pairs
            .iter()
            .all(|r| r["fr"].contains(|c: char| "éèàçô".contains(c)) || r["fr"].contains("Nous"))
    );
}

#[test]
fn split_leaves_other_languages_out_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let res = run(&[
        &"split",
        &language("mixed-en-ru-fr.txt"),
        &"--out-dir",
        &dir.path(),
    ]);
    assert!(res.status.success(), "{}", stderr(&res));
    assert!(
        stderr(&res).contains("; 4 paragraphs in other languages (ru) left out"),
        "{}",
        stderr(&res)
    );
    for part in ["en", "fr"] {
        let text =
            std::fs::read_to_string(dir.path().join(format!("mixed-en-ru-fr.{part}.txt"))).unwrap();
        assert!(
            !text.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
            "{part}"
        );
    }
}

//! Word documents: block F1 on the corpus pairs, labels as printed, one-file
//! two-column tables, notes, revisions and fields, bad files refused.

use std::path::{Path, PathBuf};

use super::score;
use crate::util::{CORPUS, corpus, root, run, sample, stderr, stdout};

fn docx(name: &str) -> PathBuf {
    root().join("tests/data/formats/docx").join(name)
}

/// (label, kind) of each paragraph `inspect --json` reports.
fn labels(file: &Path) -> Vec<(String, String)> {
    let out = run(&[&"inspect", &"--json", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["label"].as_str().unwrap_or("-").to_string(),
                p["kind"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn docx_corpus_pairs_align_with_block_f1_1() {
    let dir = tempfile::tempdir().unwrap();
    for pair in CORPUS {
        let csv = dir.path().join(format!("{pair}.csv"));
        let en = docx(&format!("{pair}.en.docx"));
        let fr = docx(&format!("{pair}.fr.docx"));
        let out = run(&[&"align", &en, &fr, &"-o", &csv]);
        assert!(out.status.success(), "{pair}: {}", stderr(&out));
        let figures = score(&csv, pair);
        let f1 = figures.split_whitespace().nth(2);
        assert_eq!(f1, Some("1.0000"), "{pair}: {figures}");
    }
}

#[test]
fn docx_numbering_prints_the_labels_of_the_text() {
    for pair in CORPUS {
        for lang in ["en", "fr"] {
            let from_docx = labels(&docx(&format!("{pair}.{lang}.docx")));
            let from_text = labels(&corpus(pair).join(format!("{lang}.txt")));
            assert_eq!(from_docx, from_text, "{pair} {lang}");
        }
    }
    // The numbered paragraphs hold automatic numbering, not typed labels.
    let ottawa_fr = labels(&docx("nato-ottawa-agreement-1951.fr.docx"));
    let items: Vec<&str> = ottawa_fr
        .iter()
        .filter(|(_, kind)| kind == "list-item")
        .map(|(l, _)| l.as_str())
        .take(5)
        .collect();
    assert_eq!(items, ["a)", "b)", "c)", "d)", "a)"]);
    // Sample 001 as one Word file: the same paragraphs and labels as its text.
    let seed = labels(&docx("seed-001.docx"));
    let text: Vec<(String, String)> = labels(&sample("001"))
        .into_iter()
        .filter(|(_, kind)| kind != "noise")
        .collect();
    assert_eq!(seed, text);
    assert_eq!(seed.iter().filter(|(l, _)| l == "1.").count(), 2);
}

#[test]
fn docx_two_column_table_aligns_from_one_file() {
    let file = docx("paris-two-column.docx");
    let out = run(&[&"inspect", &file]);
    assert!(
        stdout(&out).contains(
            "format docx: 0 blocks left out; layout: two-column table (English left, French right), 68 rows"
        ),
        "{}",
        stdout(&out)
    );
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("two.csv");
    let out = run(&[&"align", &file, &"-o", &csv]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        score(&csv, "nato-paris-protocol-1952"),
        "1.0000 1.0000 1.0000 68"
    );
}

#[test]
fn docx_notes_revisions_and_fields() {
    let out = run(&[&"inspect", &"--json", &docx("notes-revisions.docx")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<String> = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{} [{}] {}{}",
                p["kind"].as_str().unwrap_or_default(),
                p["label"].as_str().unwrap_or("-"),
                p["text"].as_str().unwrap_or_default(),
                p["reason"]
                    .as_str()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "title [-] Agreement on Cooperation",
            "noise [Article 1] Article 1 Definitions (table of contents)",
            "noise [Article 2] Article 2 Scope (table of contents)",
            "heading [Article 1] Article 1",
            "numbered [1.] The Parties agree on the terms below. These terms may be amended.",
            "noise [-] These terms are final. (deleted revision)",
            "list-item [(a)] the Organisation means the North Atlantic Treaty Organisation;",
            "list-item [(b)] the Council means the North Atlantic Council;",
            "noise [-] and its deputies (deleted revision)",
            "numbered [2.] This text was signed on 4 April 1949.",
            "body [-] Page of Moved sentence.",
            "noise [-] Hidden remark. (hidden text)",
            "heading [Article 2] Article 2",
            "body [-] Line one line two after a tab; co-operation.",
            "footnote [1] See the Annex.",
            "footnote [2] Signed in Washington.",
        ]
    );
}

/// Run `inspect` and `align` on `bytes` saved as `name`: exit 3, one line
/// `natalign: FILE: message`, no output file.
fn refused(name: &str, bytes: &[u8], message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    let csv = dir.path().join("out.csv");
    let out = run(&[&"align", &file, &"-o", &csv]);
    assert_eq!(out.status.code(), Some(3), "{name}: {}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!("natalign: {}: {message}\n", file.display()),
        "{name}"
    );
    assert!(!csv.exists(), "{name}: an output file was written");
}

/// Set every declared uncompressed size of a zip (local and central
/// headers) to `size`.
fn declare_size(zip: &mut [u8], size: u32) {
    for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let starts: Vec<usize> = memchr::memmem::find_iter(zip, sig).collect();
        for s in starts {
            zip[s + at..s + at + 4].copy_from_slice(&size.to_le_bytes());
        }
    }
}

#[test]
fn docx_bad_files_are_refused_with_one_line() {
    let good = std::fs::read(docx("notes-revisions.docx")).unwrap();
    refused(
        "corrupt.docx",
        b"PK\x03\x04 this is no zip, though it names word/document.xml",
        "corrupt DOCX: invalid Zip archive: Could not find EOCD",
    );
    refused(
        "truncated.docx",
        &good[..good.len() - 40],
        "corrupt DOCX: invalid Zip archive: Could not find EOCD",
    );
    let mut bomb = good.clone();
    declare_size(&mut bomb, 600 << 20);
    refused(
        "bomb.docx",
        &bomb,
        "DOCX inflates past 512 MiB: likely a zip bomb",
    );
    let mut lying = good.clone();
    declare_size(&mut lying, 100);
    refused(
        "lying.docx",
        &lying,
        "corrupt DOCX: word/document.xml inflates past its declared size",
    );
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.resize(512, 0);
    ole.extend(
        "EncryptedInfo\0EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    refused(
        "locked.docx",
        &ole,
        "password-protected DOCX: remove the password first",
    );
    // Named anything: the content says it.
    refused(
        "locked.bin",
        &ole,
        "password-protected DOCX: remove the password first",
    );
}

//! Documents in structured formats (PDF here), read by the real binary from
//! the fixtures under tests/data/formats/ (made by
//! scripts/gen-format-fixtures/): block F1 against the corpus gold, page
//! furniture left out, two language columns, bad files refused.

use std::path::PathBuf;

use super::block_f1;
use crate::util::{CORPUS, root, run, stderr, stdout};

fn pdf(name: &str) -> PathBuf {
    root().join("tests/data/formats/pdf").join(name)
}

#[test]
fn pdf_pairs_align_as_the_gold_without_page_furniture() {
    let expected = [
        ("nato-ottawa-agreement-1951", 1.0),
        ("nato-paris-protocol-1952", 0.9926),
        ("un-udhr-1948", 1.0),
    ];
    assert_eq!(expected.len(), CORPUS.len());
    let dir = tempfile::tempdir().unwrap();
    for (pair, f1) in expected {
        let csv = dir.path().join(format!("{pair}.csv"));
        let out = run(&[
            &"align",
            &pdf(&format!("{pair}.en.pdf")),
            &pdf(&format!("{pair}.fr.pdf")),
            &"-o",
            &csv,
        ]);
        assert!(out.status.success(), "{pair}: {}", stderr(&out));
        let got = block_f1(&csv, pair);
        assert!(
            (got - f1).abs() < 1e-4 && got >= 0.98,
            "{pair}: F1 {got}, expected {f1}"
        );
        let text = std::fs::read_to_string(&csv).unwrap();
        for furniture in ["NATO UNCLASSIFIED", "Page 3 of", "- 3 -"] {
            assert!(!text.contains(furniture), "{pair}: {furniture:?} in a unit");
        }
    }
}

#[test]
fn pdf_furniture_is_reported_with_its_reason() {
    let out = run(&[&"inspect", &pdf("un-udhr-1948.en.pdf")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("format pdf: 24 blocks left out"), "{text}");
    assert!(
        text.contains("[page header repeated on 8 of 8 pages] NATO UNCLASSIFIED"),
        "{text}"
    );
    assert!(text.contains("[page number] Page 1 of 8"), "{text}");
}

#[test]
fn two_language_columns_align_from_one_pdf() {
    let file = pdf("udhr-two-column.pdf");
    let out = run(&[&"inspect", &file]);
    assert!(
        stdout(&out).contains("layout: two language columns (English left, French right), 5 pages"),
        "{}",
        stdout(&out)
    );
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("two.csv");
    let out = run(&[&"align", &file, &"-o", &csv]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(block_f1(&csv, "un-udhr-1948"), 1.0);
}

#[test]
fn bad_pdfs_exit_3_with_one_line() {
    let cases = [
        ("scanned.pdf", "no text layer: OCR it first"),
        ("encrypted.pdf", "password-protected PDF: "),
        ("truncated.pdf", "corrupt PDF: "),
        ("corrupt.pdf", "corrupt PDF: "),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, message) in cases {
        let csv = dir.path().join("out.csv");
        let out = run(&[
            &"align",
            &pdf(name),
            &pdf("un-udhr-1948.fr.pdf"),
            &"-o",
            &csv,
        ]);
        assert_eq!(out.status.code(), Some(3), "{name}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(
            err.starts_with("natalign: ") && err.contains(&format!("{name}: {message}")),
            "{name}: {err}"
        );
        assert!(!csv.exists(), "{name}: an output was written");
    }
}

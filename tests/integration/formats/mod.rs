//! Structured formats read by the real binary: the committed fixtures under
//! tests/data/formats/ (made by scripts/gen-format-fixtures/), aligned and
//! scored against the corpus pairs' gold, their labels compared with those
//! of the text, and bad files refused with one line and exit code 3.

mod docx;
mod html;
mod pdf;

use std::path::Path;
use std::process::Command;

use crate::util::{corpus, root, stderr, stdout};

/// `P R F1 pairs` of an alignment CSV against a corpus pair's gold blocks.
pub fn score(csv: &Path, pair: &str) -> String {
    let dir = corpus(pair);
    let out = Command::new("python3")
        .arg(root().join("tests/tools/score_blocks.py"))
        .arg(csv)
        .arg(dir.join("en.txt"))
        .arg(dir.join("fr.txt"))
        .arg(dir.join("gold_blocks.tsv"))
        .output()
        .expect("run python3");
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).lines().last().unwrap_or_default().to_string()
}

/// The F1 of [`score`].
pub fn block_f1(csv: &Path, pair: &str) -> f64 {
    score(csv, pair)
        .split_whitespace()
        .nth(2)
        .and_then(|f| f.parse().ok())
        .unwrap_or(0.0)
}

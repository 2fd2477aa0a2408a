//! Throughput of each format reader beside the text path, in one run so the
//! ratios hold on a noisy machine.
//!
//! Run: `cargo bench --bench formats` (optionally `-- SECONDS`, the time spent
//! per format, default 2). For every fixture under `tests/data/formats/<format>/`
//! made from a corpus pair (`<pair>.<lang>.<ext>`, HTML in several page
//! structures), `pipeline::load` (read, decode, repair, segment, langid) runs
//! in a loop on the file's bytes; the text path runs on the pair's `.txt`
//! files the fixtures were made from. Figures: file MiB/s (the bytes read),
//! text MiB/s (the size of the same text as plain UTF-8, comparable across
//! formats), and time per document relative to the text path.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

const PAIRS: [&str; 3] = [
    "nato-ottawa-agreement-1951",
    "nato-paris-protocol-1952",
    "un-udhr-1948",
];

/// (name, file bytes, the size of the text it holds as .txt)
type Input = (String, Vec<u8>, usize);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The plain text a fixture was made from, from its path below the format's
/// folder (`nato-ottawa-agreement-1951.en.docx`, `landmarks/un-udhr-1948/fr.html`).
fn text_size(rel: &str) -> Option<usize> {
    let pair = PAIRS.iter().find(|p| rel.contains(*p))?;
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let lang = if name.contains(".en.") || name.starts_with("en.") {
        "en"
    } else if name.contains(".fr.") || name.starts_with("fr.") {
        "fr"
    } else {
        return None;
    };
    let path = root().join(format!("tests/data/corpus/{pair}/{lang}.txt"));
    std::fs::metadata(path).ok().map(|m| m.len() as usize)
}

/// The fixtures made from a corpus pair under `dir`, at any depth.
fn inputs(dir: &Path) -> Vec<Input> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .to_string();
            if let (Some(size), Ok(bytes)) = (text_size(&rel), std::fs::read(&path)) {
                out.push((rel, bytes, size));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Seconds per pass over `inputs`, running passes for about `budget` seconds.
fn per_pass(inputs: &[Input], budget: f64) -> f64 {
    let pass = || {
        for (name, bytes, _) in inputs {
            black_box(natalign::pipeline::load(name, bytes).ok());
        }
    };
    pass();
    let start = Instant::now();
    let mut passes = 0u32;
    while passes < 3 || start.elapsed().as_secs_f64() < budget {
        pass();
        passes += 1;
    }
    start.elapsed().as_secs_f64() / f64::from(passes)
}

fn main() {
    let budget: f64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(2.0);
    let text: Vec<Input> = PAIRS
        .iter()
        .flat_map(|p| {
            ["en", "fr"].map(|l| {
                let path = root().join(format!("tests/data/corpus/{p}/{l}.txt"));
                let bytes = std::fs::read(&path).unwrap_or_default();
                let n = bytes.len();
                (format!("{p}.{l}.txt"), bytes, n)
            })
        })
        .collect();
    println!("per format: the corpus pairs' fixtures, pipeline::load in a loop, ~{budget} s each");
    println!(
        "{:<10} {:>5} {:>12} {:>12} {:>14}",
        "format", "files", "file MiB/s", "text MiB/s", "x text path"
    );
    let mib = (1u64 << 20) as f64;
    // Seconds per document of the text path, once measured.
    let base = std::cell::Cell::new(0.0f64);
    let row = |name: &str, inputs: &[Input]| {
        if inputs.is_empty() {
            return;
        }
        let secs = per_pass(inputs, budget);
        let per_doc = secs / inputs.len() as f64;
        if base.get() == 0.0 {
            base.set(per_doc);
        }
        let file: usize = inputs.iter().map(|i| i.1.len()).sum();
        let text: usize = inputs.iter().map(|i| i.2).sum();
        println!(
            "{name:<10} {:>5} {:>12.1} {:>12.1} {:>14.1}",
            inputs.len(),
            file as f64 / mib / secs,
            text as f64 / mib / secs,
            per_doc / base.get()
        );
    };
    row("text", &text);
    let formats = root().join("tests/data/formats");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&formats)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    dirs.sort();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        let name = dir.file_name().unwrap_or_default().to_string_lossy();
        row(&name, &inputs(dir));
    }
}

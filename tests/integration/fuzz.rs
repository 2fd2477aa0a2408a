//! The fuzz targets on stable `cargo test` (docs/FUZZING.md): the committed
//! seeds, a fixed set of mutations of them and every regression input run
//! through the targets' own bodies (`fuzz/src/lib.rs`); then properties of
//! the whole pipeline on generated inputs, through the library and, for a
//! few cases, the binary.

use std::path::{Path, PathBuf};

use natalign::align::align;
use natalign::export::{self, ExportOptions, Format};
use natalign::pipeline;
use proptest::prelude::*;

use crate::fuzz_targets as targets;
use crate::util::{self, assert_valid_tmx};

/// A target body by name.
fn target(name: &str) -> fn(&[u8]) {
    match name {
        "decode" => targets::decode,
        "segment" => targets::segment,
        "pipeline" => targets::pipeline,
        "docx" => targets::docx,
        "pdf" => targets::pdf,
        "html" => targets::html,
        "markdown" => targets::markdown,
        _ => panic!("no fuzz target {name}"),
    }
}

const TARGETS: &[&str] = &[
    "decode", "segment", "pipeline", "docx", "pdf", "html", "markdown",
];

fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn seeds(name: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let seeds = files(&util::root().join("fuzz/seeds").join(name));
    assert!(!seeds.is_empty(), "no seeds for {name}");
    seeds
}

#[test]
fn fuzz_seeds_replay() {
    for name in TARGETS {
        for (path, bytes) in seeds(name) {
            eprintln!("{name}: {}", path.display());
            target(name)(&bytes);
        }
    }
}

/// Every file under tests/data/regressions/<target>/ but its README.md is an
/// input that once made the target fail (see docs/FUZZING.md for what broke).
/// Each target has its folder, even before its first regression (a README
/// then), and every folder is a target's: a missing or misnamed folder would
/// otherwise replay nothing and pass.
#[test]
fn fuzz_regressions_replay() {
    let root = util::root().join("tests/data/regressions");
    let mut replayed = 0;
    for name in TARGETS {
        let dir = root.join(name);
        assert!(
            dir.is_dir(),
            "{} is missing: the {name} target's regressions would not be replayed \
             (a target with none yet keeps the folder with a README.md)",
            dir.display()
        );
        for (path, bytes) in files(&dir) {
            if path.file_name().is_some_and(|n| n == "README.md") {
                continue;
            }
            eprintln!("{name}: {}", path.display());
            target(name)(&bytes);
            replayed += 1;
        }
    }
    for entry in std::fs::read_dir(&root).unwrap() {
        let name = entry.unwrap().file_name();
        assert!(
            TARGETS.iter().any(|t| name == *t),
            "{}: not a fuzz target ({}), so its inputs would not be replayed",
            root.join(&name).display(),
            TARGETS.join(", ")
        );
    }
    assert!(replayed > 0, "no regression input replayed");
}

/// xorshift64*: a fixed, dependency-free generator, so the mutations are the
/// same on every run and machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that matter to the stages: line ends, page breaks, UTF-8 and UTF-16
/// structure, mojibake leads, labels, markup, BOMs.
const INTERESTING: &[&[u8]] = &[
    b"\n",
    b"\n\n",
    b"\r",
    b"\r\n",
    b"\x0c",
    b"\0",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"\xe2\x80",
    b"\x80",
    b"\x9d",
    b"\xc3\xa9",
    b"\xe2\x80\x99",
    b"\xc2\xa0",
    b"1. ",
    b"(a) ",
    b"Article 12\n",
    b"ARTICLE IV ",
    b"# ",
    b"|\n---|\n",
    b"-\n",
    b"12\n",
    b"<&>\"'",
    b"]]>",
    b"\xef\xbf\xbf",
    b"\xf0\x9f\x98\x80",
    b"\xed\xa0\x80",
    b"\x07",
    b"\t",
    b"\xad",
    targets::SEPARATOR,
];

fn mutate(rng: &mut Rng, base: &[u8], other: &[u8]) -> Vec<u8> {
    let mut v = base.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(7) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                v.splice(at..at, piece.iter().copied());
            }
            2 => {
                let end = (at + rng.below(64)).min(v.len());
                v.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(256)).min(v.len());
                let copy = v[at..end].to_vec();
                let to = rng.below(v.len() + 1);
                v.splice(to..to, copy);
            }
            4 => v.truncate(at),
            5 if !other.is_empty() => {
                let from = rng.below(other.len());
                let end = (from + rng.below(512)).min(other.len());
                v.splice(at..at, other[from..end].iter().copied());
            }
            _ => {
                let byte = rng.next() as u8;
                v.insert(at, byte);
            }
        }
    }
    v
}

fn replay_mutations(name: &str, per_seed: usize) {
    let seeds = seeds(name);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for (i, (path, bytes)) in seeds.iter().enumerate() {
        let other = &seeds[(i + 1) % seeds.len()].1;
        for k in 0..per_seed {
            let input = mutate(&mut rng, bytes, other);
            let outcome = std::panic::catch_unwind(|| target(name)(&input));
            if outcome.is_err() {
                let out = std::env::temp_dir().join(format!("natalign-{name}-crash-{i}-{k}"));
                std::fs::write(&out, &input).unwrap();
                panic!(
                    "{name}: mutation {k} of {} fails; input written to {}",
                    path.display(),
                    out.display()
                );
            }
        }
    }
}

#[test]
fn fuzz_decode_mutations() {
    replay_mutations("decode", 300);
}

#[test]
fn fuzz_segment_mutations() {
    replay_mutations("segment", 60);
}

#[test]
fn fuzz_pipeline_mutations() {
    replay_mutations("pipeline", 8);
}

// ---------------------------------------------------------------------------
// Regressions found by fuzzing, one test per thing that broke.

/// A form feed in the middle of a line, with page furniture (`.`) after it,
/// inside a paragraph that goes on across the page break: the paragraph's span
/// holds the noise line's span. The fuzz target first read "exactly one span"
/// literally; the segmenter's guarantee is that noise lies inside or outside a
/// text paragraph, never across its edge, and nothing is lost.
#[test]
fn segment_page_furniture_inside_a_paragraph_is_nested_not_lost() {
    let text = "U\x0c.\ns";
    let paragraphs = natalign::segment::segment(text);
    let body = paragraphs.iter().find(|p| p.is_text()).unwrap();
    let noise = paragraphs.iter().find(|p| !p.is_text()).unwrap();
    assert_eq!(body.text, "U s");
    assert_eq!(&text[noise.span.clone()], ".");
    assert!(body.span.start <= noise.span.start && noise.span.end <= body.span.end);
    targets::segment(text.as_bytes());
}

// ---------------------------------------------------------------------------
// Properties of the whole pipeline on generated inputs.

const EN: &[&str] = &[
    "NATO condemns the attack of 3 May 2021.",
    "The Allies stand together in solidarity with Ukraine.",
    "The Council met in Brussels on 12 October.",
    "Article 5 of the Washington Treaty applies.",
    "We will continue to support our partners, including the European Union.",
    "The Secretary General welcomed the decision.",
];
const FR: &[&str] = &[
    "L’OTAN condamne l’attaque du 3 mai 2021.",
    "Les Alliés restent solidaires de l’Ukraine.",
    "Le Conseil s’est réuni à Bruxelles le 12 octobre.",
    "L’article 5 du Traité de Washington s’applique.",
    "Nous continuerons de soutenir nos partenaires, y compris l’Union européenne.",
    "Le secrétaire général s’est félicité de la décision.",
];
const LAYOUT: &[&str] = &[
    "\n",
    "\n\n",
    "\n\n",
    "1. ",
    "2. ",
    "(a) ",
    "Article 3\n",
    "ARTICLE III\n",
    "# ",
    "|\n---|\n",
    "\x0c",
    "12\n",
    "Source: NATO\n",
    "-\n",
    "\r\n",
    "\u{a0}",
    "<b>&amp;</b> ",
    "]]> ",
    "\"quoted\" ",
    "Ã©tÃ© ",
    "lâOTAN ",
    "\u{feff}",
    "\u{1}",
];

/// A document as bytes: sentences of one or both languages, layout pieces
/// and a few raw bytes.
fn document(en: u32, fr: u32) -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        en => proptest::sample::select(EN).prop_map(|s| format!("{s} ").into_bytes()),
        fr => proptest::sample::select(FR).prop_map(|s| format!("{s} ").into_bytes()),
        6 => proptest::sample::select(LAYOUT).prop_map(|s| s.as_bytes().to_vec()),
        1 => proptest::collection::vec(any::<u8>(), 0..4),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// One mixed document, or an English and a French one.
fn inputs() -> impl Strategy<Value = Vec<Vec<u8>>> {
    prop_oneof![
        document(4, 4).prop_map(|d| vec![d]),
        (document(8, 1), document(1, 8)).prop_map(|(a, b)| vec![a, b]),
    ]
}

/// Everything one run of the pipeline gives: (TMX, CSV) or the error.
fn run_library(inputs: &[Vec<u8>]) -> Result<(Vec<u8>, Vec<u8>, usize, usize), String> {
    let docs = inputs
        .iter()
        .enumerate()
        .map(|(i, bytes)| pipeline::load(&format!("in{i}.txt"), bytes))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let (en, fr) = pipeline::sides(&docs).map_err(|e| e.to_string())?;
    let (n_en, n_fr) = (en.paragraphs.len(), fr.paragraphs.len());
    targets::check_sides(&docs, &en, &fr);
    let alignment = align(en, fr, &Default::default());
    targets::check_alignment(&alignment, n_en, n_fr);
    let options = ExportOptions {
        creation_time: 1_700_000_000,
        ..ExportOptions::default()
    };
    let mut tmx = Vec::new();
    let mut csv = Vec::new();
    export::write(Format::Tmx, &alignment, &options, &mut tmx).unwrap();
    let csv_stats = export::write(Format::Csv, &alignment, &options, &mut csv).unwrap();
    assert_eq!(targets::csv_rows(&csv), csv_stats.written);
    let set_aside = alignment.en.aside.len() + alignment.fr.aside.len();
    assert_eq!(csv_stats.written, alignment.units.len() + set_aside);
    Ok((tmx, csv, n_en, n_fr))
}

fn assert_valid_tmx_bytes(tmx: &[u8], dir: &Path) {
    targets::tmx_units(tmx);
    let path = dir.join("out.tmx");
    std::fs::write(&path, tmx).unwrap();
    assert_valid_tmx(&path);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any input gives an error or a TMX that validates against the DTD and a
    /// CSV that parses, with every paragraph in one unit, the same bytes on a
    /// second run.
    #[test]
    fn pipeline_gives_an_error_or_valid_deterministic_output(inputs in inputs()) {
        let first = run_library(&inputs);
        let second = run_library(&inputs);
        prop_assert_eq!(&first, &second);
        if let Ok((tmx, _, _, _)) = &first {
            let dir = tempfile::tempdir().unwrap();
            assert_valid_tmx_bytes(tmx, dir.path());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// The binary on generated files: exit 0 with a valid TMX and a CSV that
    /// parses, identical across two runs with SOURCE_DATE_EPOCH set, or a
    /// one-line error with an input exit code; never a panic.
    #[test]
    fn binary_gives_an_error_or_valid_deterministic_output(inputs in inputs()) {
        let dir = tempfile::tempdir().unwrap();
        let mut args: Vec<PathBuf> = Vec::new();
        for (i, bytes) in inputs.iter().enumerate() {
            let path = dir.path().join(format!("in{i}.txt"));
            std::fs::write(&path, bytes).unwrap();
            args.push(path);
        }
        let mut outputs = Vec::new();
        for run in 0..2 {
            let mut got = Vec::new();
            for ext in ["tmx", "csv"] {
                let out = dir.path().join(format!("out{run}.{ext}"));
                let mut cmd = util::natalign();
                cmd.arg("align").args(&args).arg("-o").arg(&out).arg("-q");
                let res = cmd.stdin(std::process::Stdio::null()).output().unwrap();
                let stderr = String::from_utf8_lossy(&res.stderr).into_owned();
                prop_assert!(!stderr.contains("panicked"), "panic: {}", stderr);
                if res.status.success() {
                    let bytes = std::fs::read(&out).unwrap();
                    if ext == "tmx" {
                        assert_valid_tmx(&out);
                    } else {
                        targets::csv_rows(&bytes);
                    }
                    got.push(Ok(bytes));
                } else {
                    prop_assert!(
                        res.status.code() == Some(3),
                        "exit {:?}: {}", res.status.code(), stderr
                    );
                    prop_assert!(stderr.trim().lines().count() == 1, "not one line: {}", stderr);
                    got.push(Err(res.status.code()));
                }
            }
            outputs.push(got);
        }
        prop_assert_eq!(&outputs[0], &outputs[1]);
    }
}

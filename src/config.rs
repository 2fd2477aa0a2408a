//! Plain settings for each command, built by the binary from its arguments.
//! The library never sees the command-line parser.

use std::path::PathBuf;

use crate::export::{ExportOptions, Format};

/// Settings of `natalign align`.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignConfig {
    /// One document holding both languages, or two documents; `-` is stdin.
    pub inputs: Vec<PathBuf>,
    /// Where to write; `None` or `-` is standard output.
    pub output: Option<PathBuf>,
    /// The data format to write.
    pub format: Format,
    /// How to write it (creation time, unit, language codes, CSV and TMX
    /// options).
    pub export: ExportOptions,
    /// Run the consistency checks and carry their findings into the output
    /// (TMX `<note>`s, JSONL `notes`).
    pub check: bool,
    /// A TSV of pairs the user knows, forced into the alignment.
    pub anchors: Option<PathBuf>,
    /// A glossary (CSV or TBX): its terms are alignment cues, and with
    /// `check` its `term-missing` findings are noted.
    pub glossary: Option<PathBuf>,
    /// Two-sided units scoring below this are left out (and counted).
    pub min_score: Option<f64>,
    /// Pairs the aligner found scoring below this are written as two
    /// one-sided units.
    pub split_below: f64,
    /// Longest line accepted, in bytes.
    pub max_paragraph: usize,
}

/// Settings of `natalign inspect`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectConfig {
    /// The file to inspect; `-` is stdin.
    pub input: PathBuf,
    /// Machine-readable JSON instead of the readable report.
    pub json: bool,
}

/// Settings of `natalign split`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitConfig {
    /// The mixed file; `-` is stdin.
    pub input: PathBuf,
    /// Where to write `STEM.en.txt` and `STEM.fr.txt`; `None` is the current
    /// directory.
    pub out_dir: Option<PathBuf>,
}

/// The severity from which `check` fails (exit code 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailOn {
    /// Fail on errors only (the default).
    #[default]
    Error,
    /// Fail on any finding.
    Warning,
    /// Never fail on findings.
    Never,
}

/// Settings of `natalign check`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckConfig {
    /// One mixed document or memory (TMX), or an English and a French document.
    pub inputs: Vec<PathBuf>,
    /// Print JSON instead of the readable report.
    pub json: bool,
    /// The severity from which the run fails.
    pub fail_on: FailOn,
    /// Findings accepted earlier (`--write-baseline`).
    pub baseline: Option<PathBuf>,
    /// Write all current findings as a baseline here.
    pub write_baseline: Option<PathBuf>,
    /// A glossary (CSV or TBX): rule `term-missing`, and alignment cues.
    pub glossary: Option<PathBuf>,
    /// Check French typography (rule `typography`).
    pub typography: bool,
    /// Print no report: the exit code says it all.
    pub quiet: bool,
}

/// Settings of `natalign corpus`.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusConfig {
    /// Files and folders to read (ignored with `jsonl_in`).
    pub inputs: Vec<PathBuf>,
    /// Read documents (or paths) as JSON lines from standard input.
    pub jsonl_in: bool,
    /// Globs a file in a folder must match (any file when empty).
    pub include: Vec<String>,
    /// Globs of files and folders left out of folders.
    pub exclude: Vec<String>,
    /// Where to write; `None` or `-` is standard output.
    pub output: Option<PathBuf>,
    /// The data format to write.
    pub format: Format,
    /// How to write it.
    pub export: ExportOptions,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Write the run's summary as JSON here.
    pub json_summary: Option<PathBuf>,
}

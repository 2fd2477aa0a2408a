//! Plain settings for each command, built by the binary from its arguments.
//! The library never sees the command-line parser.

use std::path::PathBuf;

use crate::export::{Format, Unit};

/// Settings of `natalign align`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlignConfig {
    /// One document holding both languages, or two documents; `-` is stdin.
    pub inputs: Vec<PathBuf>,
    /// Where to write; `None` or `-` is standard output.
    pub output: Option<PathBuf>,
    /// The data format to write.
    pub format: Format,
    /// Creation time for the output, seconds since the Unix epoch (UTC).
    pub creation_time: u64,
    /// What one output unit holds: aligned paragraphs, or aligned sentences
    /// inside them.
    pub unit: Unit,
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

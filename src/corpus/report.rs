//! What a corpus run reports: its [`CorpusSummary`] (files read and skipped,
//! documents, pairs, units, duplicates) with its readable form, and the
//! [`Progress`] hook a front end turns into a progress bar.

use std::fmt;

use serde::Serialize;

use crate::export::RunSummary;
use crate::io::Skipped;

/// What a corpus run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CorpusSummary {
    /// Files read.
    pub files_read: usize,
    /// Files skipped, with reasons.
    pub skipped: Vec<Skipped>,
    /// Files and folders left out by `--include` / `--exclude`.
    pub excluded: usize,
    /// English documents.
    pub english_documents: usize,
    /// French documents.
    pub french_documents: usize,
    /// Document pairs aligned (English file → French file, score).
    pub pairs: Vec<(String, String, f64)>,
    /// Documents with no counterpart.
    pub unpaired: Vec<String>,
    /// Units written.
    pub units_written: usize,
    /// Duplicate units removed.
    pub duplicates_removed: usize,
    /// One-sided units (written to formats that keep them, counted always).
    pub one_sided: usize,
    /// Encoding repairs in the files read.
    pub repairs: usize,
    /// Seconds taken.
    pub seconds: f64,
}

/// Progress callbacks (a progress bar in the binary).
pub trait Progress: Sync {
    /// Total steps of a phase.
    fn start(&self, phase: &str, total: u64);
    /// One step done.
    fn step(&self);
}

/// No progress report.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: &str, _: u64) {}
    fn step(&self) {}
}

impl fmt::Display for CorpusSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "natalign corpus: {} files read, {} skipped",
            self.files_read,
            self.skipped.len()
        )?;
        if self.excluded > 0 {
            write!(f, ", {} excluded by --include/--exclude", self.excluded)?;
        }
        writeln!(
            f,
            "; {} English and {} French documents; {} pairs; {} unpaired",
            self.english_documents,
            self.french_documents,
            self.pairs.len(),
            self.unpaired.len()
        )?;
        for s in &self.skipped {
            writeln!(f, "  skipped {}: {}", s.file, s.reason)?;
        }
        for (en, fr, score) in &self.pairs {
            writeln!(f, "  paired {en} with {fr} (score {score:.2})")?;
        }
        for u in &self.unpaired {
            writeln!(f, "  no counterpart: {u}")?;
        }
        write!(
            f,
            "natalign corpus: {} units written, {} duplicates removed, {} one-sided, {} repairs, {:.2} s",
            self.units_written, self.duplicates_removed, self.one_sided, self.repairs, self.seconds
        )
    }
}

impl CorpusSummary {
    /// The run as [`crate::export::Exporter::finish`] takes it (counts known
    /// when the last unit has been written).
    pub fn run_summary(&self) -> RunSummary {
        let count = |what: &str, n: usize| (what.to_string(), n);
        RunSummary {
            command: "corpus".into(),
            documents: self
                .pairs
                .iter()
                .flat_map(|(en, fr, _)| [en.clone(), fr.clone()])
                .chain(self.unpaired.iter().cloned())
                .collect(),
            counts: vec![
                count("files read", self.files_read),
                count("files skipped", self.skipped.len()),
                count("files excluded", self.excluded),
                count("English documents", self.english_documents),
                count("French documents", self.french_documents),
                count("document pairs", self.pairs.len()),
                count("unpaired documents", self.unpaired.len()),
                count("duplicates removed", self.duplicates_removed),
                count("one-sided units", self.one_sided),
                count("repairs", self.repairs),
            ],
            settings: Vec::new(),
        }
    }
}

//! `natalign align`: one mixed document, or an English and a French document,
//! into aligned units in a data format.

use std::fmt;

use super::data_output;
use crate::align::sentence::align_sentences;
use crate::align::{AlignOptions, Alignment, align, check_forced, forced};
use crate::check;
use crate::config::AlignConfig;
use crate::document::{Document, Dropped};
use crate::error::{Error, InputProblem, Result};
use crate::export::{self, ExportStats, Exporter, Row, RunSummary, Unit};
use crate::io::{read_input, write_error};
use crate::pipeline::{load_limited, sides};

/// Run `align`: read, align, write. Returns the run's summary.
///
/// # Errors
/// Input, usage and output errors; nothing is written when an input fails.
pub fn run(config: &AlignConfig) -> Result<Summary> {
    let docs = config
        .inputs
        .iter()
        .map(|path| {
            let bytes = read_input(path)?;
            load_limited(&path.display().to_string(), &bytes, config.max_paragraph)
        })
        .collect::<Result<Vec<_>>>()?;
    let (en, fr) = sides(&docs)?;
    let mut options = AlignOptions::default();
    if let Some(path) = &config.anchors {
        let text = String::from_utf8(read_input(path)?)
            .map_err(|_| Error::input(path, InputProblem::BadAnchors("not UTF-8 text".into())))?;
        let bad = |why| Error::input(path, InputProblem::BadAnchors(why));
        options.forced = forced::parse(&text, &en, &fr).map_err(bad)?;
        check_forced(&options.forced, en.paragraphs.len(), fr.paragraphs.len()).map_err(bad)?;
    }
    let mut alignment = align(en, fr, &options);
    let mut summary = Summary::new(&docs, &alignment);
    if let Some(min) = config.min_score {
        let before = alignment.units.len();
        alignment.units.retain(|u| !u.is_pair() || u.score >= min);
        summary.below_min_score = before - alignment.units.len();
    }
    let sentences = (config.export.unit == Unit::Sentence).then(|| align_sentences(&alignment));
    if let Some(s) = &sentences {
        // The summary counts what is written: sentence units.
        summary.units = s.units.len();
        summary.pairs = s
            .units
            .iter()
            .filter(|u| !u.en.is_empty() && !u.fr.is_empty())
            .count();
        summary.english_only = s.units.iter().filter(|u| u.fr.is_empty()).count();
        summary.french_only = s.units.iter().filter(|u| u.en.is_empty()).count();
    }
    let mut rows = export::rows_for(&alignment, sentences.as_ref());
    if config.check {
        // Findings of each paragraph unit go with its rows.
        let units = check::units_of(&alignment);
        let notes: Vec<Vec<String>> = units
            .iter()
            .map(|u| {
                check::check_unit(u)
                    .iter()
                    .map(ToString::to_string)
                    .collect()
            })
            .collect();
        summary.findings = notes.iter().map(Vec::len).sum();
        match &sentences {
            Some(s) => {
                for (row, unit) in rows.iter_mut().zip(&s.units) {
                    row.notes = notes[unit.unit].clone();
                }
            }
            None => {
                for (row, n) in rows.iter_mut().zip(notes) {
                    row.notes = n;
                }
            }
        }
    }
    let mut out = data_output(config.output.as_deref(), config.format, &config.inputs)?;
    let mut exporter = export::exporter(config.format, &config.export, out.writers());
    let result = write(&mut *exporter, &summary, &rows, config);
    drop(exporter);
    let stats = out.finish(result)?;
    summary.written = stats.written;
    summary.skipped_one_sided = stats.skipped_one_sided;
    summary.removed_chars = stats.removed_chars;
    Ok(summary)
}

/// Write the rows, and the noise left out, through `exporter`.
fn write(
    exporter: &mut dyn Exporter,
    summary: &Summary,
    rows: &[Row],
    config: &AlignConfig,
) -> Result<ExportStats> {
    (|| {
        exporter.begin()?;
        for dropped in &summary.dropped {
            exporter.noise(dropped)?;
        }
        for row in rows {
            exporter.row(row)?;
        }
        exporter.finish(&summary.run_summary(config))
    })()
    .map_err(write_error)
}

/// What a run of `align` did, for the report on standard error.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    /// Units in the alignment.
    pub units: usize,
    /// Two-sided units.
    pub pairs: usize,
    /// English paragraphs with no French counterpart.
    pub english_only: usize,
    /// French paragraphs with no English counterpart.
    pub french_only: usize,
    /// Units written to the output.
    pub written: usize,
    /// One-sided units the format left out (TMX).
    pub skipped_one_sided: usize,
    /// Encoding repairs made to the inputs.
    pub repairs: usize,
    /// Pairs left out because they scored under `--min-score`.
    pub below_min_score: usize,
    /// Consistency findings carried into the output (`--check`).
    pub findings: usize,
    /// Characters the output format cannot hold, removed.
    pub removed_chars: usize,
    /// Noise lines dropped, with reasons.
    pub dropped: Vec<Dropped>,
}

impl Summary {
    /// Summarise an alignment of `docs`.
    pub fn new(docs: &[Document], alignment: &Alignment) -> Self {
        let units = &alignment.units;
        let dropped = docs.iter().flat_map(Document::dropped).collect();
        Summary {
            units: units.len(),
            pairs: units.iter().filter(|u| u.is_pair()).count(),
            english_only: units.iter().filter(|u| u.fr.is_empty()).count(),
            french_only: units.iter().filter(|u| u.en.is_empty()).count(),
            written: 0,
            skipped_one_sided: 0,
            repairs: docs.iter().map(|d| d.repairs.len()).sum(),
            below_min_score: 0,
            findings: 0,
            removed_chars: 0,
            dropped,
        }
    }
}

impl Summary {
    /// The run as [`Exporter::finish`] takes it.
    fn run_summary(&self, config: &AlignConfig) -> RunSummary {
        let count = |what: &str, n: usize| (what.to_string(), n);
        let setting = |what: &str, value: String| (what.to_string(), value);
        let mut settings = vec![
            setting("unit", config.export.unit.name().into()),
            setting("English code", config.export.en_lang.clone()),
            setting("French code", config.export.fr_lang.clone()),
        ];
        if let Some(min) = config.min_score {
            settings.push(setting("min-score", min.to_string()));
        }
        if let Some(anchors) = &config.anchors {
            settings.push(setting("anchors", anchors.display().to_string()));
        }
        RunSummary {
            command: "align".into(),
            documents: config
                .inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
            counts: vec![
                count("units", self.units),
                count("pairs", self.pairs),
                count("English only", self.english_only),
                count("French only", self.french_only),
                count("below min-score", self.below_min_score),
                count("noise dropped", self.dropped.len()),
                count("repairs", self.repairs),
                count("findings", self.findings),
            ],
            settings,
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "natalign: {} units: {} pairs, {} English only, {} French only; {} written",
            self.units, self.pairs, self.english_only, self.french_only, self.written
        )?;
        if self.skipped_one_sided > 0 {
            write!(
                f,
                " ({} one-sided units not written: TMX holds pairs only; use CSV to see them)",
                self.skipped_one_sided
            )?;
        }
        if self.below_min_score > 0 {
            write!(
                f,
                "; {} pairs under --min-score left out",
                self.below_min_score
            )?;
        }
        if self.findings > 0 {
            write!(
                f,
                "; {} consistency findings noted in the output",
                self.findings
            )?;
        }
        if self.removed_chars > 0 {
            write!(
                f,
                "; {} characters the format cannot hold removed",
                self.removed_chars
            )?;
        }
        if self.repairs > 0 {
            write!(
                f,
                "\nnatalign: {} encoding repairs (the `repairs` column / x-repairs prop marks the units; `natalign inspect` lists them)",
                self.repairs
            )?;
        }
        if !self.dropped.is_empty() {
            // Group consecutive reasons per document for a short report.
            let mut groups: Vec<(String, String, Vec<usize>)> = Vec::new();
            for d in &self.dropped {
                match groups.last_mut() {
                    Some((doc, reason, lines)) if *doc == d.document && *reason == d.reason => {
                        lines.push(d.lines.start)
                    }
                    _ => groups.push((d.document.clone(), d.reason.clone(), vec![d.lines.start])),
                }
            }
            write!(f, "\nnatalign: {} noise lines dropped:", self.dropped.len())?;
            for (doc, reason, lines) in groups {
                let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
                write!(f, "\n  {doc}: {reason} (line {})", lines.join(", "))?;
            }
        }
        Ok(())
    }
}

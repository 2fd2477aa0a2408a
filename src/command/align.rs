//! `natalign align`: one mixed document, or an English and a French document,
//! into aligned units in a data format.

use std::fmt;
use std::sync::Arc;

use super::data_output;
use crate::align::sentence::align_sentences;
use crate::align::{AlignOptions, Alignment, Method, align, check_forced, forced};
use crate::check;
use crate::config::AlignConfig;
use crate::document::{Document, Dropped};
use crate::error::{Error, InputProblem, Result};
use crate::export::{self, ExportStats, Exporter, Row, RunSummary, Unit};
use crate::glossary::Glossary;
use crate::io::{read_input, write_error};
use crate::pipeline::{load_limited, sides};

/// Run `align`: read, align, write. Returns the run's summary.
///
/// # Errors
/// Input, usage and output errors; nothing is written when an input fails.
pub fn run(config: &AlignConfig) -> Result<Summary> {
    let glossary = match &config.glossary {
        Some(path) => Some(Arc::new(Glossary::load(path)?)),
        None => None,
    };
    let docs = config
        .inputs
        .iter()
        .map(|path| {
            let bytes = read_input(path)?;
            load_limited(&path.display().to_string(), &bytes, config.max_paragraph)
        })
        .collect::<Result<Vec<_>>>()?;
    let (en, fr) = sides(&docs)?;
    let mut options = AlignOptions {
        split_below: config.split_below,
        glossary: glossary.clone(),
        ..AlignOptions::default()
    };
    if let Some(path) = &config.anchors {
        let text = String::from_utf8(read_input(path)?)
            .map_err(|_| Error::input(path, InputProblem::BadAnchors("not UTF-8 text".into())))?;
        let bad = |why| Error::input(path, InputProblem::BadAnchors(why));
        options.forced = forced::parse(&text, &en, &fr).map_err(bad)?;
        check_forced(&options.forced, en.paragraphs.len(), fr.paragraphs.len()).map_err(bad)?;
    }
    let alignment = align(en, fr, &options);
    let check_options = check::CheckOptions {
        glossary,
        typography: false,
    };
    let (mut rows, findings) = rows(&alignment, config, &check_options);
    // Each row is judged by its own score: a sentence pair by the sentence's,
    // not by its paragraph's.
    let mut below_min_score = 0;
    if let Some(min) = config.min_score {
        let before = rows.len();
        rows.retain(|r| !r.is_pair() || r.score >= min);
        below_min_score = before - rows.len();
    }
    let mut summary = Summary::new(&docs, &rows);
    summary.below_min_score = below_min_score;
    summary.findings = findings;
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

/// The rows to write, at the unit asked for, with the findings of their
/// paragraph unit when `--check` asks for them; and how many findings.
fn rows(
    alignment: &Alignment,
    config: &AlignConfig,
    check_options: &check::CheckOptions,
) -> (Vec<Row>, usize) {
    let sentences = (config.export.unit == Unit::Sentence).then(|| align_sentences(alignment));
    let rows = export::unit_rows(alignment, sentences.as_ref(), &config.export);
    let mut rows = export::with_aside(alignment, rows, sentences.as_ref(), &config.export);
    if !config.check {
        return (rows, 0);
    }
    let units = check::units_of(alignment);
    let findings = check::check(&units, check_options);
    // Each finding is noted on every unit it covers (a run without
    // counterpart on each of its paragraphs).
    let mut notes: Vec<Vec<String>> = vec![Vec::new(); units.len()];
    for f in &findings {
        for u in f.unit..=f.through.unwrap_or(f.unit) {
            notes[u - 1].push(f.to_string());
        }
    }
    // Rows and check units list the units and the paragraphs set aside in
    // the same order; a unit may have several rows (sentences).
    let by_aligned: std::collections::HashMap<usize, usize> = units
        .iter()
        .enumerate()
        .filter_map(|(k, u)| u.aligned.map(|a| (a, k)))
        .collect();
    let mut asides = units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.aside.is_some())
        .map(|(k, _)| k);
    let mut next_row = 0;
    for row in &mut rows {
        let unit = if row.method == Method::Language.as_str() {
            asides.next()
        } else {
            let aligned = sentences
                .as_ref()
                .map_or(next_row, |s| s.units[next_row].unit);
            next_row += 1;
            by_aligned.get(&aligned).copied()
        };
        if let Some(k) = unit {
            row.notes.clone_from(&notes[k]);
        }
    }
    (rows, findings.len())
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

/// What a run of `align` did, for the report on standard error. Units count
/// the rows given to the format (sentence units with `--unit sentence`, pairs
/// under `--min-score` left out); `written` is what the format kept of them.
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
    /// Paragraphs set aside as in the other language of the pair than their
    /// document's (English in the French document), written one-sided.
    pub wrong_language: usize,
    /// Paragraphs set aside as in another language than English and French,
    /// with the languages found.
    pub other_language: usize,
    /// The other languages found (codes), in order of first appearance.
    pub other_languages: Vec<String>,
    /// Consistency findings carried into the output (`--check`).
    pub findings: usize,
    /// Characters the output format cannot hold, removed.
    pub removed_chars: usize,
    /// Noise lines dropped, with reasons.
    pub dropped: Vec<Dropped>,
}

impl Summary {
    /// Summarise the `rows` of an alignment of `docs`, to be written.
    pub fn new(docs: &[Document], rows: &[Row]) -> Self {
        let dropped = docs.iter().flat_map(Document::dropped).collect();
        let set_aside = |other: bool| {
            rows.iter()
                .filter(|r| r.method == Method::Language.as_str() && r.other.is_empty() != other)
                .count()
        };
        let mut other_languages: Vec<String> = Vec::new();
        for r in rows.iter().filter(|r| !r.other.is_empty()) {
            if !other_languages.contains(&r.other) {
                other_languages.push(r.other.clone());
            }
        }
        Summary {
            units: rows.len(),
            pairs: rows.iter().filter(|r| r.is_pair()).count(),
            english_only: rows.iter().filter(|r| r.fr.is_empty()).count(),
            french_only: rows.iter().filter(|r| r.en.is_empty()).count(),
            written: 0,
            skipped_one_sided: 0,
            repairs: docs.iter().map(|d| d.repairs.len()).sum(),
            below_min_score: 0,
            wrong_language: set_aside(false),
            other_language: set_aside(true),
            other_languages,
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
        if let Some(glossary) = &config.glossary {
            settings.push(setting("glossary", glossary.display().to_string()));
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
                count("set aside: wrong language", self.wrong_language),
                count("set aside: other language", self.other_language),
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
        if self.wrong_language > 0 {
            write!(
                f,
                "; {} paragraphs in the other document's language set aside (one-sided, noted)",
                self.wrong_language
            )?;
        }
        if self.other_language > 0 {
            write!(
                f,
                "; {} paragraphs in other languages ({}) set aside (one-sided, noted; never in TMX)",
                self.other_language,
                self.other_languages.join(", ")
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

//! Stage 7: aligned units → files.
//!
//! Input: [`Row`]s — the units of an [`Alignment`] (or of its sentence
//! alignment) flattened, so every format agrees on numbers, indices, texts
//! and scores — and, for formats that report on the run, the noise left out
//! ([`Exporter::noise`]) and a [`RunSummary`] at the end. Output: bytes on
//! [`std::io::Write`]s, streamed row by row through an [`Exporter`] (no
//! whole-corpus document in memory).
//! Guarantees: output is valid for its format (TMX validates against the TMX
//! 1.4b DTD; CSV is RFC 4180; JSONL is one JSON object per line; Moses files are
//! line-aligned), characters a format cannot hold are removed and counted, and
//! with the same [`ExportOptions`] the same rows give the same bytes.
//!
//! Adding a format is one file here, one [`Format`] variant (with its line in
//! [`exporter`]) and one test.

pub mod csv;
pub mod jsonl;
pub mod moses;
mod row;
pub mod tmx;
pub mod tsv;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::align::Alignment;
use crate::document::Dropped;
#[cfg(test)]
pub(crate) use row::test_row;
pub use row::{Row, rows, rows_for, sentence_rows, unit_rows, with_aside};

/// An output data format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// TMX 1.4b translation memory (two-sided units, unless `keep_unaligned`).
    Tmx,
    /// CSV with a header row, one row per unit.
    Csv,
    /// Tab-separated values, tabs and newlines inside text escaped.
    Tsv,
    /// JSON lines: one object per unit with all its metadata.
    Jsonl,
    /// Moses plain text: `PREFIX.en` and `PREFIX.fr`, one pair per line.
    Moses,
}

impl Format {
    /// Every format, for help texts and tests.
    pub const ALL: &'static [Format] = &[
        Format::Tmx,
        Format::Csv,
        Format::Tsv,
        Format::Jsonl,
        Format::Moses,
    ];

    /// The format's name, as given to `--format`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
            Format::Moses => "moses",
        }
    }

    /// The format named `name` (case-insensitive), if any.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// The format an output path's extension implies, if any (Moses has no
    /// extension of its own: ask for it with `--format moses`).
    pub fn from_path(path: &Path) -> Option<Format> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_name)
            .filter(|&f| f != Format::Moses)
    }

    /// The files this format writes for an output named `output`: the output
    /// itself, or for Moses `output.en` and `output.fr`.
    pub fn files(self, output: &Path) -> Vec<PathBuf> {
        match self {
            Format::Moses => ["en", "fr"]
                .iter()
                .map(|l| {
                    let mut p = output.as_os_str().to_owned();
                    p.push(format!(".{l}"));
                    PathBuf::from(p)
                })
                .collect(),
            _ => vec![output.to_path_buf()],
        }
    }
}

/// What one output unit (row, `<tu>`) holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Unit {
    /// Aligned paragraphs (one or two per side).
    #[default]
    Paragraph,
    /// Aligned sentences inside the aligned paragraphs.
    Sentence,
}

impl Unit {
    /// The unit's name, as given to `--unit` and written as the TMX `segtype`.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Paragraph => "paragraph",
            Unit::Sentence => "sentence",
        }
    }
}

/// Settings shared by the exporters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// Creation time written into the file, in seconds since the Unix epoch (UTC).
    /// Set it from `SOURCE_DATE_EPOCH` for reproducible output.
    pub creation_time: u64,
    /// Whether rows are paragraph or sentence units.
    pub unit: Unit,
    /// Language code of the English side in TMX (`en`, `en-GB`; BCP 47).
    pub en_lang: String,
    /// Language code of the French side in TMX (`fr`, `fr-FR`, `fr-CA`).
    pub fr_lang: String,
    /// TMX: also write one-sided units, as single-`<tuv>` units.
    pub keep_unaligned: bool,
    /// CSV: a UTF-8 byte-order mark and CRLF line ends, for spreadsheets.
    pub excel: bool,
    /// CSV/TSV: neutralise cells a spreadsheet would run as a formula
    /// (starting with `=`, `+`, `-`, `@`, tab or CR) by prefixing `'`.
    pub csv_safe: bool,
    /// Texts keep their printed labels (`1. We strongly condemn…`, `(a) the
    /// Organisation…`) instead of leaving them to the number columns: a CAT
    /// tool looks a segment up as the translator sees it, so the memory must
    /// match how the documents will be segmented. Headings hold their label
    /// either way; in sentence units the label opens its paragraph's first
    /// sentence.
    pub keep_labels: bool,
    /// CSV/TSV: a `findings` column after `note`, holding the unit's
    /// consistency findings one per line (`align --check`; JSONL and TMX
    /// carry them as `notes`).
    pub findings: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            creation_time: 0,
            unit: Unit::Paragraph,
            en_lang: "en".into(),
            fr_lang: "fr".into(),
            keep_unaligned: false,
            excel: false,
            csv_safe: false,
            keep_labels: false,
            findings: false,
        }
    }
}

/// What an exporter wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportStats {
    /// Units written.
    pub written: usize,
    /// One-sided units left out (TMX without `keep_unaligned`, Moses).
    pub skipped_one_sided: usize,
    /// Characters the format cannot hold (XML-forbidden controls), removed.
    pub removed_chars: usize,
}

/// A streaming writer of one format: `begin`, one `row` per unit, `finish`.
pub trait Exporter {
    /// Write what comes before the first unit (header, XML prologue).
    ///
    /// # Errors
    /// I/O errors.
    fn begin(&mut self) -> io::Result<()>;
    /// Write one unit.
    ///
    /// # Errors
    /// I/O errors.
    fn row(&mut self, row: &Row) -> io::Result<()>;
    /// Take note of noise left out of the text (a running header, a table
    /// rule), with its reason. Data formats hold aligned text only and ignore
    /// it; a format that shows the whole document (a review page) places it.
    ///
    /// # Errors
    /// I/O errors.
    fn noise(&mut self, dropped: &Dropped) -> io::Result<()> {
        let _ = dropped;
        Ok(())
    }
    /// Write what comes after the last unit, flush, and report. `run` is what
    /// the run did, for formats that report it (a review page's header, a
    /// workbook's summary sheet); data formats ignore it.
    ///
    /// # Errors
    /// I/O errors.
    fn finish(&mut self, run: &RunSummary) -> io::Result<ExportStats>;
}

/// What a run did, as a report needs it: given to [`Exporter::finish`], when
/// every unit has been written.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RunSummary {
    /// The command that ran (`align`, `corpus`).
    pub command: String,
    /// The input documents, as the rows name them.
    pub documents: Vec<String>,
    /// What was counted, in reading order (`units`, `pairs`, `one-sided`,
    /// `noise dropped`, `repairs`, `findings`…), with the count.
    pub counts: Vec<(String, usize)>,
    /// The settings that shaped the output (`unit`, language codes,
    /// `min-score`…), with their values.
    pub settings: Vec<(String, String)>,
}

/// The exporter of `format` writing to `outs` (one writer; two for Moses:
/// English, then French).
///
/// # Panics
/// If `outs` does not hold as many writers as [`Format::files`] gives paths.
pub fn exporter<'a>(
    format: Format,
    options: &ExportOptions,
    mut outs: Vec<Box<dyn Write + 'a>>,
) -> Box<dyn Exporter + 'a> {
    let first = outs.remove(0);
    match format {
        Format::Tmx => Box::new(tmx::TmxExporter::new(first, options)),
        Format::Csv => Box::new(csv::CsvExporter::new(first, options)),
        Format::Tsv => Box::new(tsv::TsvExporter::new(first, options)),
        Format::Jsonl => Box::new(jsonl::JsonlExporter::new(first)),
        Format::Moses => Box::new(moses::MosesExporter::new(first, outs.remove(0))),
    }
}

/// Write `rows` in `format` (one writer; two for Moses).
///
/// # Errors
/// Any I/O error of the writers.
pub fn write_rows<'a>(
    format: Format,
    rows: &[Row],
    options: &ExportOptions,
    outs: Vec<Box<dyn Write + 'a>>,
) -> io::Result<ExportStats> {
    let mut e = exporter(format, options, outs);
    e.begin()?;
    for row in rows {
        e.row(row)?;
    }
    e.finish(&RunSummary::default())
}

/// Write the paragraph units of `alignment`, and the paragraphs it set aside
/// for their language, in a one-file `format` to `out`.
///
/// # Errors
/// Any I/O error of `out`.
pub fn write(
    format: Format,
    alignment: &Alignment,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<ExportStats> {
    write_rows(
        format,
        &rows_for(alignment, None, options),
        options,
        vec![Box::new(out)],
    )
}

/// Spreadsheet formula guard: a cell starting with `=`, `+`, `-`, `@`, tab or
/// CR gets a leading `'` (OWASP's advice for CSV injection).
pub(crate) fn formula_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A score as written in files: three decimals.
pub(crate) fn format_score(score: f64) -> String {
    format!("{score:.3}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_guard() {
        assert_eq!(formula_safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(formula_safe("-1"), "'-1");
        assert_eq!(formula_safe("@cmd"), "'@cmd");
        assert_eq!(formula_safe("NATO"), "NATO");
    }

    #[test]
    fn moses_files_from_a_prefix() {
        assert_eq!(
            Format::Moses.files(Path::new("out/corpus")),
            [
                PathBuf::from("out/corpus.en"),
                PathBuf::from("out/corpus.fr")
            ]
        );
        assert_eq!(Format::from_path(Path::new("x.jsonl")), Some(Format::Jsonl));
        assert_eq!(Format::from_path(Path::new("x.moses")), None);
    }

    #[test]
    fn formats_from_names_and_paths() {
        assert_eq!(Format::from_name("TMX"), Some(Format::Tmx));
        assert_eq!(Format::from_path(Path::new("out.csv")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("out.txt")), None);
    }
}

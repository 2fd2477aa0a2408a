//! Stage 7: aligned units → files.
//!
//! Input: [`Row`]s — the units of an [`Alignment`] (or of its
//! [`SentenceAlignment`]) flattened, so every format agrees on numbers,
//! indices, texts and scores. Output: bytes on [`std::io::Write`]s, streamed
//! row by row through an [`Exporter`] (no whole-corpus document in memory).
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
pub mod tmx;
pub mod tsv;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::align::sentence::SentenceAlignment;
use crate::align::{AlignedUnit, Alignment};
use crate::document::Lang;

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
    /// Write what comes after the last unit, flush, and report.
    ///
    /// # Errors
    /// I/O errors.
    fn finish(&mut self) -> io::Result<ExportStats>;
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
    e.finish()
}

/// Write the paragraph units of `alignment` in a one-file `format` to `out`.
///
/// # Errors
/// Any I/O error of `out`.
pub fn write(
    format: Format,
    alignment: &Alignment,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<ExportStats> {
    write_rows(format, &rows(alignment), options, vec![Box::new(out)])
}

/// Rows of an alignment at the unit of `options`: paragraph units, or the
/// sentence units of `sentences`.
pub fn rows_for(alignment: &Alignment, sentences: Option<&SentenceAlignment>) -> Vec<Row> {
    match sentences {
        Some(s) => sentence_rows(alignment, s),
        None => rows(alignment),
    }
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

/// One unit, flattened for output. For a sentence unit, the paragraph fields
/// (`*_number`, `*_index`, `*_doc`, `repairs`, `method`) are those of the
/// paragraph unit holding the sentences.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    /// The printed labels of the English paragraphs (`3`, `Article 3`, `(a)`),
    /// joined with `+`; empty when none.
    pub en_number: String,
    /// The printed labels of the French paragraphs.
    pub fr_number: String,
    /// 1-based positions among the English paragraphs, joined with `+`.
    pub en_index: String,
    /// 1-based positions among the French paragraphs, joined with `+`.
    pub fr_index: String,
    /// 1-based positions of the English sentences within the paragraph unit,
    /// joined with `+`; empty for paragraph units.
    pub en_sentence: String,
    /// 1-based positions of the French sentences within the paragraph unit.
    pub fr_sentence: String,
    /// The English text (paragraphs joined with a space).
    pub en: String,
    /// The French text.
    pub fr: String,
    /// Agreement score in [0, 1].
    pub score: f64,
    /// How the unit was found (`anchor`, `anchor+dp`, `dp`, `forced`).
    pub method: std::borrow::Cow<'static, str>,
    /// Why the unit is one-sided; empty for pairs.
    pub note: String,
    /// Encoding repairs made inside the unit's paragraphs (both sides): a
    /// translator may want to review guessed characters.
    pub repairs: usize,
    /// The English source document.
    pub en_doc: String,
    /// The French source document.
    pub fr_doc: String,
    /// Remarks to carry with the unit (consistency findings): TMX `<note>`s,
    /// JSONL `notes`.
    pub notes: Vec<String>,
    /// Corpus mode: how many times the unit was seen (0 outside corpus mode).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub copies: usize,
    /// Corpus mode: where each copy was seen (`EN doc | FR doc | unit n`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<String>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Row {
    /// Whether both sides have text.
    pub fn is_pair(&self) -> bool {
        !self.en.is_empty() && !self.fr.is_empty()
    }
}

/// Flatten an alignment into rows, in unit order.
pub fn rows(alignment: &Alignment) -> Vec<Row> {
    alignment
        .units
        .iter()
        .map(|unit| row(alignment, unit))
        .collect()
}

/// 0-based positions as written in files: 1-based, joined with `+`.
fn indices(idx: &[usize]) -> String {
    idx.iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join("+")
}

/// Flatten the sentence units of `sentences` into rows, in unit order.
pub fn sentence_rows(alignment: &Alignment, sentences: &SentenceAlignment) -> Vec<Row> {
    let paragraphs = rows(alignment);
    sentences
        .units
        .iter()
        .map(|unit| Row {
            en_sentence: indices(&unit.en),
            fr_sentence: indices(&unit.fr),
            en: sentences.text(unit, Lang::En).to_string(),
            fr: sentences.text(unit, Lang::Fr).to_string(),
            score: unit.score,
            method: unit.method.as_str().into(),
            note: unit.note.clone().unwrap_or_default(),
            ..paragraphs[unit.unit].clone()
        })
        .collect()
}

fn row(alignment: &Alignment, unit: &AlignedUnit) -> Row {
    let labels = |lang: Lang, idx: &[usize]| {
        let side = match lang {
            Lang::En => &alignment.en,
            Lang::Fr => &alignment.fr,
        };
        idx.iter()
            .filter_map(|&i| side.paragraphs[i].label.as_deref())
            .filter(|l| !l.starts_with('#'))
            .map(|l| {
                l.trim_end_matches(['.', ':', '—', '–', '-', ' '])
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("+")
    };
    let doc = |lang: Lang, idx: &[usize]| {
        if idx.is_empty() {
            String::new()
        } else if lang == Lang::En {
            alignment.en.document.clone()
        } else {
            alignment.fr.document.clone()
        }
    };
    Row {
        en_number: labels(Lang::En, &unit.en),
        fr_number: labels(Lang::Fr, &unit.fr),
        en_index: indices(&unit.en),
        fr_index: indices(&unit.fr),
        en_sentence: String::new(),
        fr_sentence: String::new(),
        en: alignment.text(unit, Lang::En),
        fr: alignment.text(unit, Lang::Fr),
        score: unit.score,
        method: unit.method.as_str().into(),
        note: unit.note.clone().unwrap_or_default(),
        repairs: unit
            .en
            .iter()
            .map(|&i| alignment.en.paragraphs[i].repairs)
            .chain(unit.fr.iter().map(|&i| alignment.fr.paragraphs[i].repairs))
            .sum(),
        en_doc: doc(Lang::En, &unit.en),
        fr_doc: doc(Lang::Fr, &unit.fr),
        notes: Vec::new(),
        copies: 0,
        provenance: Vec::new(),
    }
}

/// A score as written in files: three decimals.
pub(crate) fn format_score(score: f64) -> String {
    format!("{score:.3}")
}

/// Format seconds since the epoch as a TMX UTC date, `YYYYMMDDThhmmssZ`.
pub fn tmx_date(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil-from-days (Howard Hinnant), proleptic Gregorian calendar.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// A row for exporter tests.
#[cfg(test)]
pub(crate) fn test_row(en: &str, fr: &str) -> Row {
    Row {
        en_number: "1".into(),
        fr_number: "1".into(),
        en_index: "1".into(),
        fr_index: "1".into(),
        en_sentence: String::new(),
        fr_sentence: String::new(),
        en: en.into(),
        fr: fr.into(),
        score: 0.5,
        method: "anchor".into(),
        note: String::new(),
        repairs: 0,
        en_doc: "a.txt".into(),
        fr_doc: "a.txt".into(),
        notes: Vec::new(),
        copies: 0,
        provenance: Vec::new(),
    }
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
    fn tmx_dates_are_utc() {
        assert_eq!(tmx_date(0), "19700101T000000Z");
        assert_eq!(tmx_date(951_782_400), "20000229T000000Z");
        assert_eq!(tmx_date(1_700_000_000), "20231114T221320Z");
    }

    #[test]
    fn formats_from_names_and_paths() {
        assert_eq!(Format::from_name("TMX"), Some(Format::Tmx));
        assert_eq!(Format::from_path(Path::new("out.csv")), Some(Format::Csv));
        assert_eq!(Format::from_path(Path::new("out.txt")), None);
    }
}

//! CSV: UTF-8, RFC 4180 quoting, a header row, one row per unit (one-sided
//! units included, with their `note`). Sentence units add the `en_sentence` and
//! `fr_sentence` columns after `fr_index`; paragraph units have [`HEADER`]
//! exactly; [`ExportOptions::findings`] adds a `findings` column after
//! `note`. `excel` adds a byte-order mark and CRLF line ends; `csv_safe`
//! guards against formula injection.

use std::io::{self, Write};

use super::{
    ExportOptions, ExportStats, Exporter, Row, RunSummary, Unit, format_score, formula_safe,
};

/// The header row of paragraph units.
pub const HEADER: &[&str] = &[
    "en_number",
    "fr_number",
    "en_index",
    "fr_index",
    "en",
    "fr",
    "score",
    "method",
    "note",
    "repairs",
    "en_doc",
    "fr_doc",
];

/// The header row of sentence units.
pub const SENTENCE_HEADER: &[&str] = &[
    "en_number",
    "fr_number",
    "en_index",
    "fr_index",
    "en_sentence",
    "fr_sentence",
    "en",
    "fr",
    "score",
    "method",
    "note",
    "repairs",
    "en_doc",
    "fr_doc",
];

/// A CSV error as an I/O error, keeping the kind of an underlying I/O error
/// (a closed pipe must stay a closed pipe).
fn io_error(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The cells of a row, in header order.
pub(crate) fn cells(r: &Row, unit: Unit, findings: bool) -> Vec<String> {
    let mut out = vec![
        r.en_number.clone(),
        r.fr_number.clone(),
        r.en_index.clone(),
        r.fr_index.clone(),
    ];
    if unit == Unit::Sentence {
        out.push(r.en_sentence.clone());
        out.push(r.fr_sentence.clone());
    }
    out.extend([
        r.en.clone(),
        r.fr.clone(),
        format_score(r.score),
        r.method.to_string(),
        r.note.clone(),
    ]);
    if findings {
        out.push(r.notes.join("\n"));
    }
    out.extend([r.repairs.to_string(), r.en_doc.clone(), r.fr_doc.clone()]);
    out
}

/// The header of `unit`s, with the `findings` column when asked.
pub(crate) fn header(unit: Unit, findings: bool) -> Vec<&'static str> {
    let mut out = if unit == Unit::Sentence {
        SENTENCE_HEADER.to_vec()
    } else {
        HEADER.to_vec()
    };
    if findings {
        let at = out
            .iter()
            .position(|&c| c == "note")
            .map_or(out.len(), |i| i + 1);
        out.insert(at, "findings");
    }
    out
}

/// Streaming CSV writer.
pub struct CsvExporter<'a> {
    /// The output, until `begin` (which may write a byte-order mark first).
    out: Option<Box<dyn Write + 'a>>,
    w: Option<::csv::Writer<Box<dyn Write + 'a>>>,
    terminator: ::csv::Terminator,
    unit: Unit,
    findings: bool,
    excel: bool,
    safe: bool,
    written: usize,
}

impl<'a> CsvExporter<'a> {
    /// A CSV exporter writing to `out`.
    pub fn new(out: Box<dyn Write + 'a>, options: &ExportOptions) -> Self {
        let terminator = if options.excel {
            ::csv::Terminator::CRLF
        } else {
            ::csv::Terminator::Any(b'\n')
        };
        CsvExporter {
            out: Some(out),
            w: None,
            terminator,
            unit: options.unit,
            findings: options.findings,
            excel: options.excel,
            safe: options.csv_safe,
            written: 0,
        }
    }
}

impl Exporter for CsvExporter<'_> {
    fn begin(&mut self) -> io::Result<()> {
        let Some(mut out) = self.out.take() else {
            return Ok(());
        };
        if self.excel {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut w = ::csv::WriterBuilder::new()
            .terminator(self.terminator)
            .from_writer(out);
        w.write_record(header(self.unit, self.findings))
            .map_err(io_error)?;
        self.w = Some(w);
        Ok(())
    }

    fn row(&mut self, row: &Row) -> io::Result<()> {
        let Some(w) = self.w.as_mut() else {
            return Err(io::Error::other("CSV row before begin"));
        };
        let cells = cells(row, self.unit, self.findings);
        if self.safe {
            w.write_record(cells.iter().map(|c| formula_safe(c).into_owned()))
                .map_err(io_error)?;
        } else {
            w.write_record(&cells).map_err(io_error)?;
        }
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self, _: &RunSummary) -> io::Result<ExportStats> {
        if let Some(w) = self.w.as_mut() {
            w.flush()?;
        }
        Ok(ExportStats {
            written: self.written,
            ..Default::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Format, test_row, write_rows};

    fn csv(rows: &[Row], options: &ExportOptions) -> String {
        let mut out = Vec::new();
        write_rows(Format::Csv, rows, options, vec![Box::new(&mut out)]).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn quotes_commas_quotes_and_newlines() {
        let mut row = test_row("Allies, \"partners\"\nand others", "Alliés");
        row.repairs = 2;
        assert_eq!(
            csv(&[row], &ExportOptions::default()),
            "en_number,fr_number,en_index,fr_index,en,fr,score,method,note,repairs,en_doc,fr_doc\n\
             1,1,1,1,\"Allies, \"\"partners\"\"\nand others\",Alliés,0.500,anchor,,2,a.txt,a.txt\n"
        );
    }

    #[test]
    fn excel_and_formula_guard() {
        let options = ExportOptions {
            excel: true,
            csv_safe: true,
            ..Default::default()
        };
        let text = csv(&[test_row("=HYPERLINK(\"x\")", "+33 1 23")], &options);
        assert!(text.starts_with("\u{feff}en_number,"));
        assert!(
            text.contains("\r\n1,1,1,1,\"'=HYPERLINK(\"\"x\"\")\",'+33 1 23,"),
            "{text}"
        );
        assert!(text.ends_with("a.txt,a.txt\r\n"));
    }
}

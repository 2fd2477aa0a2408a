//! TSV: a header row, one row per unit, the columns of the CSV. Inside cells,
//! `\` is written `\\`, tab `\t`, newline `\n` and carriage return `\r`, so a
//! row is always one line with a fixed number of tabs.

use std::io::{self, Write};

use super::csv::{cells, header};
use super::{ExportOptions, ExportStats, Exporter, Row, RunSummary, Unit, formula_safe};

/// Escape a cell (see the module docs).
pub fn escape(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for c in cell.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// Undo [`escape`].
pub fn unescape(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Streaming TSV writer.
pub struct TsvExporter<'a> {
    w: io::BufWriter<Box<dyn Write + 'a>>,
    unit: Unit,
    findings: bool,
    safe: bool,
    written: usize,
}

impl<'a> TsvExporter<'a> {
    /// A TSV exporter writing to `out`.
    pub fn new(out: Box<dyn Write + 'a>, options: &ExportOptions) -> Self {
        TsvExporter {
            w: io::BufWriter::new(out),
            unit: options.unit,
            findings: options.findings,
            safe: options.csv_safe,
            written: 0,
        }
    }
}

impl Exporter for TsvExporter<'_> {
    fn begin(&mut self) -> io::Result<()> {
        writeln!(self.w, "{}", header(self.unit, self.findings).join("\t"))
    }

    fn row(&mut self, row: &Row) -> io::Result<()> {
        let line: Vec<String> = cells(row, self.unit, self.findings)
            .iter()
            .map(|c| {
                escape(&if self.safe {
                    formula_safe(c).into_owned()
                } else {
                    c.clone()
                })
            })
            .collect();
        writeln!(self.w, "{}", line.join("\t"))?;
        self.written += 1;
        Ok(())
    }

    fn finish(&mut self, _: &RunSummary) -> io::Result<ExportStats> {
        self.w.flush()?;
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

    #[test]
    fn tabs_and_newlines_round_trip() {
        let hostile = "a\tb\nc\\d\re";
        assert_eq!(unescape(&escape(hostile)), hostile);
        let mut out = Vec::new();
        write_rows(
            Format::Tsv,
            &[test_row(hostile, "x")],
            &ExportOptions::default(),
            vec![Box::new(&mut out)],
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let cols: Vec<&str> = lines[1].split('\t').collect();
        assert_eq!(cols.len(), lines[0].split('\t').count());
        assert_eq!(unescape(cols[4]), hostile);
    }
}

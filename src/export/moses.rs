//! Moses plain text: two files, English and French, one pair per line, so line
//! n of one is the translation of line n of the other. One-sided units cannot
//! be line-aligned and are left out (counted); newlines inside a text become
//! spaces.

use std::io::{self, Write};

use super::{ExportStats, Exporter, Row, RunSummary};

/// Streaming Moses writer.
pub struct MosesExporter<'a> {
    en: io::BufWriter<Box<dyn Write + 'a>>,
    fr: io::BufWriter<Box<dyn Write + 'a>>,
    stats: ExportStats,
}

impl<'a> MosesExporter<'a> {
    /// A Moses exporter writing English to `en` and French to `fr`.
    pub fn new(en: Box<dyn Write + 'a>, fr: Box<dyn Write + 'a>) -> Self {
        MosesExporter {
            en: io::BufWriter::new(en),
            fr: io::BufWriter::new(fr),
            stats: ExportStats::default(),
        }
    }
}

fn one_line(text: &str) -> String {
    text.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
}

impl Exporter for MosesExporter<'_> {
    fn begin(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn row(&mut self, row: &Row) -> io::Result<()> {
        if !row.is_pair() {
            self.stats.skipped_one_sided += 1;
            return Ok(());
        }
        writeln!(self.en, "{}", one_line(&row.en))?;
        writeln!(self.fr, "{}", one_line(&row.fr))?;
        self.stats.written += 1;
        Ok(())
    }

    fn finish(&mut self, _: &RunSummary) -> io::Result<ExportStats> {
        self.en.flush()?;
        self.fr.flush()?;
        Ok(self.stats)
    }
}

#[cfg(test)]
mod tests {
    use crate::export::{ExportOptions, ExportStats, Format, test_row, write_rows};

    #[test]
    fn line_aligned_pairs_only() {
        let (mut en, mut fr) = (Vec::new(), Vec::new());
        let rows = [
            test_row("one\ntwo", "un"),
            test_row("alone", ""),
            test_row("three", "trois"),
        ];
        let stats = write_rows(
            Format::Moses,
            &rows,
            &ExportOptions::default(),
            vec![Box::new(&mut en), Box::new(&mut fr)],
        )
        .unwrap();
        assert_eq!(
            stats,
            ExportStats {
                written: 2,
                skipped_one_sided: 1,
                removed_chars: 0
            }
        );
        assert_eq!(String::from_utf8(en).unwrap(), "one two\nthree\n");
        assert_eq!(String::from_utf8(fr).unwrap(), "un\ntrois\n");
    }
}

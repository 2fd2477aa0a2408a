//! JSON lines: one JSON object per unit, with every field of its [`Row`]
//! (numbers, indices, sentences, texts, score, method, note, repairs, source
//! documents, notes), one per line.

use std::io::{self, Write};

use super::{ExportStats, Exporter, Row, RunSummary};

/// Streaming JSONL writer.
pub struct JsonlExporter<'a> {
    w: io::BufWriter<Box<dyn Write + 'a>>,
    written: usize,
}

impl<'a> JsonlExporter<'a> {
    /// A JSONL exporter writing to `out`.
    pub fn new(out: Box<dyn Write + 'a>) -> Self {
        JsonlExporter {
            w: io::BufWriter::new(out),
            written: 0,
        }
    }
}

impl Exporter for JsonlExporter<'_> {
    fn begin(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn row(&mut self, row: &Row) -> io::Result<()> {
        serde_json::to_writer(&mut self.w, row)?;
        self.w.write_all(b"\n")?;
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
    use crate::export::{ExportOptions, Format, test_row, write_rows};

    #[test]
    fn one_object_per_line_with_metadata() {
        let mut out = Vec::new();
        let rows = [test_row("a \"quoted\"\nline", "b"), test_row("c", "")];
        write_rows(
            Format::Jsonl,
            &rows,
            &ExportOptions::default(),
            vec![Box::new(&mut out)],
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        let objects: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(objects.len(), 2);
        assert_eq!(objects[0]["en"], "a \"quoted\"\nline");
        assert_eq!(objects[0]["en_doc"], "a.txt");
        assert_eq!(objects[0]["score"], 0.5);
        assert_eq!(objects[1]["fr"], "");
    }
}

//! `natalign inspect`: what natalign sees in one file — its encoding, each
//! encoding repair (where, before, after, rule), then one line per paragraph (kind, number, language, confidence, lines, first words).

use std::io::Write;

use crate::config::InspectConfig;
use crate::document::{Document, Lang};
use crate::error::Result;
use crate::io::{read_input, write_to};
use crate::pipeline::load;

/// Run `inspect`, writing the report to standard output.
///
/// # Errors
/// Input errors, and output errors on standard output.
pub fn run(config: &InspectConfig) -> Result<()> {
    let bytes = read_input(&config.input)?;
    let doc = load(&config.input.display().to_string(), &bytes)?;
    write_to(None, &[], |w| {
        if config.json {
            serde_json::to_writer_pretty(&mut *w, &doc)?;
            writeln!(w)
        } else {
            report(&doc, w)
        }
    })
}

fn report(doc: &Document, w: &mut dyn Write) -> std::io::Result<()> {
    writeln!(w, "{}: encoding {}", doc.name, doc.encoding)?;
    if doc.format != crate::import::structured::SourceFormat::Text {
        // Lines below are lines of the document as read: one paragraph of
        // the format every other line.
        let noise = doc.dropped().count();
        write!(w, "format {}: {noise} blocks left out", doc.format.as_str())?;
        match &doc.layout {
            Some(layout) => writeln!(w, "; layout: {layout}")?,
            None => writeln!(w)?,
        }
    }
    writeln!(w, "{} repairs:", doc.repairs.len())?;
    for r in &doc.repairs {
        // The paragraph holding the repair gives the reader a place to look.
        let at = crate::pipeline::holder(&doc.paragraphs, r.span.start).unwrap_or(usize::MAX);
        let place = doc.paragraphs.get(at).map_or(String::from("?"), |p| {
            format!(
                "paragraph {} (lines {}-{})",
                at + 1,
                p.lines.start,
                p.lines.end - 1
            )
        });
        writeln!(
            w,
            "  {place}: {:?} -> {:?} [{}]",
            r.before,
            r.after,
            r.rule.as_str()
        )?;
    }
    writeln!(w, "{} paragraphs:", doc.paragraphs.len())?;
    for (i, p) in doc.paragraphs.iter().enumerate() {
        let words: Vec<&str> = p.text.split_whitespace().take(8).collect();
        writeln!(
            w,
            "{:>4} {:<9} {:<14} {} {:.2} lines {}-{}  {}",
            i + 1,
            p.kind.as_str(),
            p.key.as_ref().map_or("-", |k| k.as_str()),
            p.lang
                .map(Lang::code)
                .or(p.other.as_deref())
                .unwrap_or("--"),
            p.confidence,
            p.lines.start,
            p.lines.end - 1,
            p.reason
                .as_deref()
                .map_or_else(|| words.join(" "), |r| format!("[{r}] {}", words.join(" ")))
        )?;
    }
    Ok(())
}

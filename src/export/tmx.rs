//! TMX 1.4b: a translation memory that validates against the TMX 1.4b DTD.
//!
//! Only two-sided units are written (many CAT tools reject one-sided units);
//! the count of those left out is returned. Each `<tu>` carries `<prop>`s for the
//! source documents, paragraph numbers and indices, score and method; sentence
//! units also carry their sentence indices (`x-en-sentence`, `x-fr-sentence`)
//! and the header's `segtype` is `sentence`. Characters
//! XML 1.0 does not allow never reach the file.

use std::io;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{ExportOptions, ExportStats, Row, Unit, format_score, tmx_date};

/// Whether XML 1.0 allows `c` in character data.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` without the characters XML 1.0 forbids.
pub(crate) fn xml_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(xml_char) {
        text.into()
    } else {
        text.chars()
            .filter(|&c| xml_char(c))
            .collect::<String>()
            .into()
    }
}

/// Write the two-sided `rows` of `unit`s as TMX 1.4b.
///
/// # Errors
/// Any I/O error of `out`.
pub fn write(
    rows: &[Row],
    unit: Unit,
    options: &ExportOptions,
    out: &mut dyn io::Write,
) -> io::Result<ExportStats> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    let date = tmx_date(options.creation_time);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::DocType(BytesText::from_escaped(
        r#"tmx SYSTEM "tmx14.dtd""#,
    )))?;
    w.write_event(Event::Start(
        BytesStart::new("tmx").with_attributes([("version", "1.4")]),
    ))?;
    let header = BytesStart::new("header").with_attributes([
        ("creationtool", "natalign"),
        ("creationtoolversion", env!("CARGO_PKG_VERSION")),
        ("segtype", unit.name()),
        ("o-tmf", "natalign"),
        ("adminlang", "en"),
        ("srclang", "en"),
        ("datatype", "plaintext"),
        ("creationdate", date.as_str()),
    ]);
    w.write_event(Event::Empty(header))?;
    w.write_event(Event::Start(BytesStart::new("body")))?;
    let mut stats = ExportStats::default();
    for row in rows {
        if !row.is_pair() {
            stats.skipped_one_sided += 1;
            continue;
        }
        stats.written += 1;
        let tuid = stats.written.to_string();
        w.write_event(Event::Start(
            BytesStart::new("tu").with_attributes([("tuid", tuid.as_str())]),
        ))?;
        let score = format_score(row.score);
        let repairs = if row.repairs > 0 {
            row.repairs.to_string()
        } else {
            String::new()
        };
        let props = [
            ("x-en-document", row.en_doc.as_str()),
            ("x-fr-document", &row.fr_doc),
            ("x-en-number", &row.en_number),
            ("x-fr-number", &row.fr_number),
            ("x-en-index", &row.en_index),
            ("x-fr-index", &row.fr_index),
            ("x-en-sentence", &row.en_sentence),
            ("x-fr-sentence", &row.fr_sentence),
            ("x-score", &score),
            ("x-method", row.method),
            ("x-repairs", &repairs),
        ];
        for (kind, value) in props {
            if value.is_empty() {
                continue;
            }
            w.create_element("prop")
                .with_attribute(("type", kind))
                .write_text_content(BytesText::new(&xml_safe(value)))?;
        }
        for (lang, text) in [("en", &row.en), ("fr", &row.fr)] {
            w.write_event(Event::Start(
                BytesStart::new("tuv").with_attributes([("xml:lang", lang)]),
            ))?;
            w.create_element("seg")
                .write_text_content(BytesText::new(&xml_safe(text)))?;
            w.write_event(Event::End(BytesEnd::new("tuv")))?;
        }
        w.write_event(Event::End(BytesEnd::new("tu")))?;
    }
    w.write_event(Event::End(BytesEnd::new("body")))?;
    w.write_event(Event::End(BytesEnd::new("tmx")))?;
    w.get_mut().write_all(b"\n")?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(en: &str, fr: &str) -> Row {
        Row {
            en_number: "1".into(),
            fr_number: "1".into(),
            en_index: "1".into(),
            fr_index: "1".into(),
            en_sentence: String::new(),
            fr_sentence: String::new(),
            en: en.into(),
            fr: fr.into(),
            score: 0.75,
            method: "anchor",
            note: String::new(),
            repairs: 0,
            en_doc: "doc.txt".into(),
            fr_doc: "doc.txt".into(),
        }
    }

    #[test]
    fn escapes_and_drops_forbidden_characters() {
        let mut out = Vec::new();
        let options = ExportOptions { creation_time: 0 };
        let stats = write(
            &[
                row("a < b & \"c\" ]]> d\u{1}", "l’OTAN"),
                row("only English", ""),
            ],
            Unit::Paragraph,
            &options,
            &mut out,
        )
        .unwrap();
        assert_eq!(
            stats,
            ExportStats {
                written: 1,
                skipped_one_sided: 1
            }
        );
        let xml = String::from_utf8(out).unwrap();
        assert!(
            xml.contains("<seg>a &lt; b &amp; &quot;c&quot; ]]&gt; d</seg>"),
            "{xml}"
        );
        assert!(xml.contains("<seg>l’OTAN</seg>"));
        assert!(xml.contains(r#"creationdate="19700101T000000Z""#));
        assert!(xml.contains(r#"<prop type="x-score">0.750</prop>"#));
        assert!(!xml.contains("only English"));
        assert!(xml.contains(r#"segtype="paragraph""#));
        assert!(!xml.contains("x-en-sentence"));
    }

    #[test]
    fn sentence_units_say_so() {
        let mut out = Vec::new();
        let options = ExportOptions { creation_time: 0 };
        let mut r = row("One.", "Un.");
        r.en_sentence = "1".into();
        r.fr_sentence = "1+2".into();
        write(&[r], Unit::Sentence, &options, &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains(r#"segtype="sentence""#));
        assert!(xml.contains(r#"<prop type="x-en-sentence">1</prop>"#));
        assert!(xml.contains(r#"<prop type="x-fr-sentence">1+2</prop>"#));
    }
}

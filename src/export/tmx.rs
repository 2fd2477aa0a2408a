//! TMX 1.4b: a translation memory that validates against the TMX 1.4b DTD,
//! streamed unit by unit.
//!
//! By default only two-sided units are written (many CAT tools reject
//! one-sided units); `keep_unaligned` writes them as single-`<tuv>` units. The
//! header carries every required attribute, `srclang` the English code, and a
//! UTC `creationdate`. Each `<tu>` has a `tuid` stable across runs (a hash of
//! its two texts; repeats get `-2`, `-3`…), `<prop>`s for the source documents,
//! paragraph numbers and indices, sentences, score, method and repairs, and
//! `<note>`s for findings. Characters XML 1.0 does not allow never reach the
//! file; they are counted.

use std::collections::HashMap;
use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{ExportOptions, ExportStats, Exporter, Row, RunSummary, Unit, format_score};
use crate::hash::stable_hash;

/// Whether XML 1.0 allows `c` in character data.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` without the characters XML 1.0 forbids, and how many were removed.
pub(crate) fn xml_safe(text: &str) -> (std::borrow::Cow<'_, str>, usize) {
    if text.chars().all(xml_char) {
        (text.into(), 0)
    } else {
        let kept: String = text.chars().filter(|&c| xml_char(c)).collect();
        let removed = text.chars().count() - kept.chars().count();
        (kept.into(), removed)
    }
}

/// Check a BCP 47 language tag whose primary language must be `primary`
/// (`en-GB`, `fr-CA`, `fr-Latn-FR`), returning it in canonical case.
///
/// # Errors
/// A message saying what is wrong.
pub fn check_lang(tag: &str, primary: &str) -> Result<String, String> {
    let parts: Vec<&str> = tag.split(['-', '_']).collect();
    let (name, examples) = match primary {
        "en" => ("English", "en, en-GB, en-US"),
        "fr" => ("French", "fr, fr-FR, fr-CA, fr-BE"),
        _ => ("this", primary),
    };
    let bad = || format!("{tag:?} is not a BCP 47 language tag (e.g. {examples})");
    if !parts[0].eq_ignore_ascii_case(primary) {
        let other = match parts[0].to_ascii_lowercase().as_str() {
            "en" => " is an English tag;",
            "fr" => " is a French tag;",
            _ => "",
        };
        return Err(format!(
            "{tag:?}{other} the {name} side needs a {name} tag (e.g. {examples})"
        ));
    }
    let mut out = vec![primary.to_string()];
    let mut stage = 0; // 0: script or region next, 1: region next, 2: variants
    for p in &parts[1..] {
        let alpha = p.chars().all(|c| c.is_ascii_alphabetic());
        let digits = p.chars().all(|c| c.is_ascii_digit());
        let alnum = p.chars().all(|c| c.is_ascii_alphanumeric());
        if stage == 0 && p.len() == 4 && alpha {
            let mut s = p.to_ascii_lowercase();
            s[..1].make_ascii_uppercase();
            out.push(s);
            stage = 1;
        } else if stage <= 1 && ((p.len() == 2 && alpha) || (p.len() == 3 && digits)) {
            out.push(p.to_ascii_uppercase());
            stage = 2;
        } else if ((5..=8).contains(&p.len()) && alnum)
            || (p.len() == 4 && p.starts_with(|c: char| c.is_ascii_digit()) && alnum)
        {
            out.push(p.to_ascii_lowercase());
            stage = 2;
        } else {
            return Err(bad());
        }
    }
    Ok(out.join("-"))
}

/// Streaming TMX writer.
pub struct TmxExporter<'a> {
    w: Writer<io::BufWriter<Box<dyn Write + 'a>>>,
    options: ExportOptions,
    stats: ExportStats,
    /// How many times each tuid was used, to keep them unique.
    tuids: HashMap<u64, u32>,
}

impl<'a> TmxExporter<'a> {
    /// A TMX exporter writing to `out`.
    pub fn new(out: Box<dyn Write + 'a>, options: &ExportOptions) -> Self {
        TmxExporter {
            w: Writer::new_with_indent(io::BufWriter::new(out), b' ', 2),
            options: options.clone(),
            stats: ExportStats::default(),
            tuids: HashMap::new(),
        }
    }

    fn text_element(
        &mut self,
        name: &str,
        attr: Option<(&str, &str)>,
        text: &str,
    ) -> io::Result<()> {
        let (safe, removed) = xml_safe(text);
        self.stats.removed_chars += removed;
        let mut e = self.w.create_element(name);
        if let Some(a) = attr {
            e = e.with_attribute(a);
        }
        e.write_text_content(BytesText::new(&safe))?;
        Ok(())
    }
}

impl Exporter for TmxExporter<'_> {
    fn begin(&mut self) -> io::Result<()> {
        let date = tmx_date(self.options.creation_time);
        self.w
            .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        self.w.write_event(Event::DocType(BytesText::from_escaped(
            r#"tmx SYSTEM "tmx14.dtd""#,
        )))?;
        self.w.write_event(Event::Start(
            BytesStart::new("tmx").with_attributes([("version", "1.4")]),
        ))?;
        let header = BytesStart::new("header").with_attributes([
            ("creationtool", "natalign"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("segtype", self.options.unit.name()),
            ("o-tmf", "natalign"),
            ("adminlang", "en"),
            ("srclang", self.options.en_lang.as_str()),
            ("datatype", "plaintext"),
            ("creationdate", date.as_str()),
        ]);
        self.w.write_event(Event::Empty(header))?;
        self.w.write_event(Event::Start(BytesStart::new("body")))?;
        Ok(())
    }

    fn row(&mut self, row: &Row) -> io::Result<()> {
        // A paragraph in another language has no code to write it under.
        if !row.is_pair() && (!self.options.keep_unaligned || !row.other.is_empty()) {
            self.stats.skipped_one_sided += 1;
            return Ok(());
        }
        if row.en.is_empty() && row.fr.is_empty() {
            return Ok(());
        }
        self.stats.written += 1;
        let hash = stable_hash(&[&row.en, &row.fr]);
        let seen = self.tuids.entry(hash).or_insert(0);
        *seen += 1;
        let tuid = if *seen == 1 {
            format!("{hash:016x}")
        } else {
            format!("{hash:016x}-{seen}")
        };
        self.w.write_event(Event::Start(
            BytesStart::new("tu").with_attributes([("tuid", tuid.as_str())]),
        ))?;
        for note in &row.notes {
            self.text_element("note", None, note)?;
        }
        let score = format_score(row.score);
        let repairs = if row.repairs > 0 {
            row.repairs.to_string()
        } else {
            String::new()
        };
        let sentence = self.options.unit == Unit::Sentence;
        let props = [
            ("x-en-document", row.en_doc.as_str()),
            ("x-fr-document", &row.fr_doc),
            ("x-en-number", &row.en_number),
            ("x-fr-number", &row.fr_number),
            ("x-en-index", &row.en_index),
            ("x-fr-index", &row.fr_index),
            (
                "x-en-sentence",
                if sentence { &row.en_sentence } else { "" },
            ),
            (
                "x-fr-sentence",
                if sentence { &row.fr_sentence } else { "" },
            ),
            ("x-score", &score),
            ("x-method", &row.method),
            ("x-repairs", &repairs),
            ("x-note", &row.note),
        ];
        for (kind, value) in props {
            if !value.is_empty() {
                self.text_element("prop", Some(("type", kind)), value)?;
            }
        }
        if row.copies > 0 {
            self.text_element("prop", Some(("type", "x-copies")), &row.copies.to_string())?;
        }
        for place in &row.provenance {
            self.text_element("prop", Some(("type", "x-provenance")), place)?;
        }
        let langs = [
            (self.options.en_lang.clone(), &row.en),
            (self.options.fr_lang.clone(), &row.fr),
        ];
        for (lang, text) in langs {
            if text.is_empty() {
                continue;
            }
            self.w.write_event(Event::Start(
                BytesStart::new("tuv").with_attributes([("xml:lang", lang.as_str())]),
            ))?;
            self.text_element("seg", None, text)?;
            self.w.write_event(Event::End(BytesEnd::new("tuv")))?;
        }
        self.w.write_event(Event::End(BytesEnd::new("tu")))?;
        Ok(())
    }

    fn finish(&mut self, _: &RunSummary) -> io::Result<ExportStats> {
        self.w.write_event(Event::End(BytesEnd::new("body")))?;
        self.w.write_event(Event::End(BytesEnd::new("tmx")))?;
        self.w.get_mut().write_all(b"\n")?;
        self.w.get_mut().flush()?;
        Ok(self.stats)
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Format, test_row, write_rows};

    fn tmx(rows: &[Row], options: &ExportOptions) -> (String, ExportStats) {
        let mut out = Vec::new();
        let stats = write_rows(Format::Tmx, rows, options, vec![Box::new(&mut out)]).unwrap();
        (String::from_utf8(out).unwrap(), stats)
    }

    #[test]
    fn escapes_and_drops_forbidden_characters() {
        let (xml, stats) = tmx(
            &[
                test_row("a < b & \"c\" ]]> d\u{1}", "l’OTAN"),
                test_row("only English", ""),
            ],
            &ExportOptions::default(),
        );
        assert_eq!(
            stats,
            ExportStats {
                written: 1,
                skipped_one_sided: 1,
                removed_chars: 1
            }
        );
        assert!(
            xml.contains("<seg>a &lt; b &amp; &quot;c&quot; ]]&gt; d</seg>"),
            "{xml}"
        );
        assert!(xml.contains("<seg>l’OTAN</seg>"));
        assert!(xml.contains(r#"creationdate="19700101T000000Z""#));
        assert!(xml.contains(r#"<prop type="x-score">0.500</prop>"#));
        assert!(!xml.contains("only English"));
    }

    #[test]
    fn language_codes_unaligned_units_and_stable_tuids() {
        let options = ExportOptions {
            en_lang: "en-GB".into(),
            fr_lang: "fr-CA".into(),
            keep_unaligned: true,
            ..Default::default()
        };
        let mut noted = test_row("same", "même");
        noted.notes.push("error[number-mismatch]: x".into());
        let (xml, stats) = tmx(
            &[noted, test_row("same", "même"), test_row("alone", "")],
            &options,
        );
        assert_eq!(stats.written, 3);
        assert!(xml.contains(r#"srclang="en-GB""#) && xml.contains(r#"<tuv xml:lang="fr-CA">"#));
        let id = format!("{:016x}", stable_hash(&["same", "même"]));
        assert!(
            xml.contains(&format!(r#"<tu tuid="{id}">"#))
                && xml.contains(&format!(r#"<tu tuid="{id}-2">"#))
        );
        assert!(xml.contains("<note>error[number-mismatch]: x</note>"));
        assert_eq!(
            xml.matches("<tuv").count(),
            5,
            "the one-sided unit has one tuv"
        );
    }

    #[test]
    fn bcp47_tags() {
        assert_eq!(check_lang("en-gb", "en"), Ok("en-GB".into()));
        assert_eq!(check_lang("fr_CA", "fr"), Ok("fr-CA".into()));
        assert_eq!(check_lang("fr-latn-fr", "fr"), Ok("fr-Latn-FR".into()));
        assert_eq!(check_lang("en-419", "en"), Ok("en-419".into()));
        assert!(check_lang("english", "en").is_err());
        assert!(check_lang("fr-FRANCE!", "fr").is_err());
        assert!(check_lang("de-DE", "fr").is_err());
        assert_eq!(
            check_lang("en-US", "fr"),
            Err("\"en-US\" is an English tag; the French side needs a French tag (e.g. fr, fr-FR, fr-CA, fr-BE)".into())
        );
    }

    #[test]
    fn tmx_dates_are_utc() {
        assert_eq!(tmx_date(0), "19700101T000000Z");
        assert_eq!(tmx_date(951_782_400), "20000229T000000Z");
        assert_eq!(tmx_date(1_700_000_000), "20231114T221320Z");
    }
}

//! TMX reader: TMX 1.1–1.4 from any tool, read as a stream of units.
//!
//! Input: the bytes of a TMX file (UTF-8, or UTF-16 with a byte-order mark).
//! Output: [`MemoryUnit`]s, one per `<tu>`, in file order, each with its
//! variants (`lang` or `xml:lang`) and properties. Guarantees:
//! - inline markup is flattened to text: the codes inside `bpt`, `ept`, `ph`,
//!   `it` and `ut` are dropped (they are native formatting, not text), the text
//!   inside `hi` and `sub` is kept;
//! - entity declarations (`<!ENTITY` in a DOCTYPE) are refused, so no entity
//!   expansion ever happens; only the five XML entities and character
//!   references are resolved;
//! - malformed files give a [`TmxError`] with the line and column.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::decode;

/// One `<tuv>`: a language and its text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Variant {
    /// The language code as written (`en`, `en-GB`, `FR-CA`).
    pub lang: String,
    /// The text of its `<seg>`, inline codes removed.
    pub text: String,
}

/// One `<tu>` of a memory.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MemoryUnit {
    /// The `tuid` attribute, if any.
    pub tuid: Option<String>,
    /// The variants, in file order.
    pub variants: Vec<Variant>,
    /// The `<prop type="…">` values of the unit.
    pub props: Vec<(String, String)>,
    /// The line of the `<tu>` in the file (1-based).
    pub line: usize,
}

impl MemoryUnit {
    /// The text of the first variant whose language is `lang` or a region of
    /// it (`en` matches `en-GB`), case-insensitively.
    pub fn text(&self, lang: &str) -> Option<&str> {
        self.variants
            .iter()
            .find(|v| {
                let l = v.lang.to_ascii_lowercase();
                l == lang
                    || l.starts_with(&format!("{lang}-"))
                    || l.starts_with(&format!("{lang}_"))
            })
            .map(|v| v.text.as_str())
    }
}

/// A TMX file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct TmxError {
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Line and column of byte offset `pos` in `text`.
fn line_col(text: &[u8], pos: usize) -> (usize, usize) {
    let before = &text[..pos.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// Whether a file is a TMX translation memory: named `.tmx`, or XML whose
/// root element is `<tmx>` (a byte-order mark, an XML declaration, comments
/// or a DOCTYPE before it are passed over). Only the start of the file is read.
///
/// ```
/// use natalign::import::tmx::is_tmx;
/// assert!(is_tmx("memory.TMX", b""));
/// assert!(is_tmx("export.xml", b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- x -->\n<tmx version=\"1.4\">"));
/// assert!(!is_tmx("page.xml", b"<?xml version=\"1.0\"?><html>"));
/// assert!(!is_tmx("statement.txt", b"1. NATO <tmx> tags"));
/// ```
pub fn is_tmx(name: &str, bytes: &[u8]) -> bool {
    let named = std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tmx"));
    if named {
        return true;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let (text, _, _) = encoding_rs::UTF_8.decode(head);
    let mut reader = Reader::from_str(text.trim_start());
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                return e.local_name().as_ref().eq_ignore_ascii_case(b"tmx");
            }
            Ok(Event::Decl(_) | Event::Comment(_) | Event::DocType(_) | Event::PI(_)) => {}
            Ok(Event::Text(t)) if t.iter().all(u8::is_ascii_whitespace) => {}
            _ => return false,
        }
    }
}

/// Read all units of a TMX file.
///
/// # Errors
/// A [`TmxError`] for malformed XML, entity declarations, undefined entities,
/// a file that is not TMX, or bytes that are not text.
///
/// ```
/// let tmx = br#"<?xml version="1.0"?><tmx version="1.4"><header srclang="en"/><body>
/// <tu tuid="1"><tuv xml:lang="en"><seg>NATO <ph x="1">&lt;b&gt;</ph>condemns</seg></tuv>
/// <tuv lang="FR"><seg>L&#8217;OTAN condamne</seg></tuv></tu></body></tmx>"#;
/// let units = natalign::import::tmx::read(tmx).unwrap();
/// assert_eq!(units[0].text("en"), Some("NATO condemns"));
/// assert_eq!(units[0].text("fr"), Some("L’OTAN condamne"));
/// ```
pub fn read(bytes: &[u8]) -> Result<Vec<MemoryUnit>, TmxError> {
    let decoded;
    let bytes: &[u8] = if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        decoded = decode::decode(bytes).map_err(|p| TmxError {
            line: 1,
            column: 1,
            message: p.to_string(),
        })?;
        decoded.text.as_bytes()
    } else {
        bytes
    };
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut units = Vec::new();
    let mut seen_tmx = false;
    let mut unit: Option<MemoryUnit> = None;
    let mut variant: Option<Variant> = None;
    let mut prop: Option<(String, String)> = None;
    let mut in_seg = false;
    // Depth inside code elements (bpt, ept, ph, it, ut) whose text is dropped.
    let mut in_code = 0usize;
    // Elements open: a file cut short (a copy interrupted, a download
    // stopped) ends with some still open, and must not pass for a whole
    // memory.
    let mut open = 0usize;
    let fail = |reader: &Reader<&[u8]>, message: String| {
        let (line, column) = line_col(bytes, reader.buffer_position() as usize);
        TmxError {
            line,
            column,
            message,
        }
    };
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            // An error at the very end is a file cut inside a tag.
            let cut = reader.buffer_position() as usize >= bytes.len();
            let what = if cut { "truncated" } else { "malformed XML" };
            fail(&reader, format!("{what}: {e}"))
        })?;
        match &event {
            Event::Start(_) => open += 1,
            Event::End(_) => open = open.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::DocType(d) => {
                let d = String::from_utf8_lossy(&d).into_owned();
                if d.contains("<!ENTITY") || d.contains('[') {
                    return Err(fail(
                        &reader,
                        "the DOCTYPE declares entities; natalign refuses entity expansion".into(),
                    ));
                }
            }
            Event::Start(e) | Event::Empty(e) if matches!(e.local_name().as_ref(), b"tmx") => {
                seen_tmx = true;
                let _ = e;
            }
            Event::Start(e) => match e.local_name().as_ref() {
                b"tu" => {
                    let (line, _) = line_col(bytes, reader.buffer_position() as usize);
                    unit = Some(MemoryUnit {
                        tuid: attr(&e, b"tuid"),
                        variants: Vec::new(),
                        props: Vec::new(),
                        line,
                    });
                }
                b"tuv" => {
                    let lang = attr(&e, b"xml:lang")
                        .or_else(|| attr(&e, b"lang"))
                        .unwrap_or_default();
                    variant = Some(Variant {
                        lang,
                        text: String::new(),
                    });
                }
                b"seg" => in_seg = true,
                b"prop" if unit.is_some() && variant.is_none() => {
                    prop = Some((attr(&e, b"type").unwrap_or_default(), String::new()));
                }
                b"bpt" | b"ept" | b"ph" | b"it" | b"ut" if in_seg => in_code += 1,
                // Translatable text inside a code: keep it.
                b"sub" if in_code > 0 => in_code -= 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"tu" => {
                    if let Some(u) = unit.take() {
                        units.push(u);
                    }
                }
                b"tuv" => {
                    if let (Some(v), Some(u)) = (variant.take(), unit.as_mut()) {
                        u.variants.push(v);
                    }
                }
                b"seg" => in_seg = false,
                b"prop" => {
                    if let (Some(p), Some(u)) = (prop.take(), unit.as_mut()) {
                        u.props.push(p);
                    }
                }
                b"bpt" | b"ept" | b"ph" | b"it" | b"ut" if in_seg => {
                    in_code = in_code.saturating_sub(1)
                }
                b"sub" if in_seg => in_code += 1,
                _ => {}
            },
            Event::Text(t) => {
                let raw = t
                    .decode()
                    .map_err(|e| fail(&reader, format!("bad text: {e}")))?;
                push_text(&raw, in_seg, in_code, &mut variant, &mut prop);
            }
            Event::CData(t) => {
                let raw = String::from_utf8_lossy(&t).into_owned();
                push_text(&raw, in_seg, in_code, &mut variant, &mut prop);
            }
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .ok_or_else(|| fail(&reader, "invalid character reference".into()))?
                } else {
                    let name = r
                        .decode()
                        .map_err(|e| fail(&reader, format!("bad entity: {e}")))?;
                    quick_xml::escape::resolve_predefined_entity(&name)
                        .map(String::from)
                        .ok_or_else(|| {
                            fail(
                                &reader,
                                format!("undefined entity &{name}; (entity expansion is refused)"),
                            )
                        })?
                };
                push_text(&resolved, in_seg, in_code, &mut variant, &mut prop);
            }
            Event::Eof if open > 0 => {
                return Err(fail(
                    &reader,
                    format!(
                        "truncated: the file ends with {open} element{} still open (</tmx> missing)",
                        if open == 1 { "" } else { "s" }
                    ),
                ));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !seen_tmx {
        return Err(TmxError {
            line: 1,
            column: 1,
            message: "not a TMX file (no <tmx> element)".into(),
        });
    }
    Ok(units)
}

fn push_text(
    text: &str,
    in_seg: bool,
    in_code: usize,
    variant: &mut Option<Variant>,
    prop: &mut Option<(String, String)>,
) {
    if in_seg && in_code == 0 {
        if let Some(v) = variant.as_mut() {
            v.text.push_str(text);
        }
    } else if let Some((_, value)) = prop.as_mut() {
        value.push_str(text);
    }
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tmx_11_lang_attribute_and_inline_codes() {
        let tmx = br#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1"><header srclang="EN-US" datatype="rtf"/><body>
<tu><prop type="x-origin">old tool</prop>
<tuv lang="EN-US"><seg><bpt i="1">{\b </bpt>Bold<ept i="1">}</ept> and <hi type="x">high</hi>lighted</seg></tuv>
<tuv lang="FR-FR"><seg><![CDATA[En <gras>]]> et &amp; &#233;</seg></tuv>
</tu></body></tmx>"#;
        let units = read(tmx).unwrap();
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].text("en"), Some("Bold and highlighted"));
        assert_eq!(units[0].text("fr"), Some("En <gras> et & é"));
        assert_eq!(
            units[0].props,
            [("x-origin".to_string(), "old tool".to_string())]
        );
        assert_eq!(units[0].line, 4);
    }

    #[test]
    fn malformed_files_say_where() {
        let err = read(
            b"<tmx version=\"1.4\"><body>\n<tu><tuv xml:lang=\"en\"><seg>a</tuv></tu></body></tmx>",
        )
        .unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("malformed XML"), "{err}");
        let err = read(b"plain text, not XML at all").unwrap_err();
        assert!(err.message.contains("not a TMX file"), "{err}");
    }

    #[test]
    fn entity_expansion_is_refused() {
        let bomb = br#"<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv></tu></body></tmx>"#;
        let err = read(bomb).unwrap_err();
        assert!(err.message.contains("refuses entity expansion"), "{err}");
        let undefined = br#"<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&nbsp;</seg></tuv></tu></body></tmx>"#;
        let err = read(undefined).unwrap_err();
        assert!(err.message.contains("undefined entity &nbsp;"), "{err}");
        assert_eq!((err.line, err.column > 1), (1, true));
    }

    #[test]
    fn utf16_files_are_read() {
        let text = r#"<?xml version="1.0" encoding="UTF-16"?><tmx version="1.4"><body><tu><tuv xml:lang="fr"><seg>États</seg></tuv></tu></body></tmx>"#;
        let mut bytes = vec![0xff, 0xfe];
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(read(&bytes).unwrap()[0].text("fr"), Some("États"));
    }
}

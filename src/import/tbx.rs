//! TBX reader: termbases (TermBase eXchange) as concepts and their terms.
//!
//! Input: the text of a TBX file, TBX 3.0 (root `<tbx>`: `conceptEntry`,
//! `langSec xml:lang`, `termSec`, `term`; TBX-Basic and the DCA and DCT
//! styles) or TBX 2.0 / TBX-Basic (root `<martif>`: `termEntry`, `langSet`,
//! `tig` or `ntig`/`termGrp`, `term`). Output: [`Concept`]s in file order,
//! each with its terms (language, text, line, whether the termbase marks it
//! deprecated), its notes and a severity. Guarantees:
//! - elements are known by their local name, so namespace prefixes do not
//!   matter;
//! - a term is deprecated when its administrative status (`termNote
//!   type="administrativeStatus"`, TBX 2.0's `normativeAuthorization`, or a
//!   DCT `<administrativeStatus>` element) says deprecated, superseded or
//!   obsolete;
//! - `<note>`s of the concept and of its English side are its note; a
//!   `descrip`, `admin` or `termNote` of type `severity` (or `x-severity`)
//!   is its severity (a natalign convention: TBX has no such field);
//! - entity declarations are refused (no entity expansion ever happens);
//!   malformed XML gives a [`TbxError`] with the line and column.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::document::Lang;

/// One term of a concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The language code as written (`en`, `en-GB`, `fr-CA`).
    pub lang: String,
    /// The term, whitespace runs folded to one space.
    pub text: String,
    /// Marked deprecated, superseded or obsolete.
    pub deprecated: bool,
    /// 1-based line of the term.
    pub line: usize,
}

/// One concept entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    /// The `id` attribute, if any.
    pub id: Option<String>,
    /// 1-based line of the entry.
    pub line: usize,
    /// Its terms, in file order.
    pub terms: Vec<Term>,
    /// Its notes and its English side's, joined by `; `.
    pub note: Option<String>,
    /// Its severity, as written.
    pub severity: Option<String>,
}

impl Concept {
    /// The terms of one language (by primary subtag: `en-GB` is English).
    pub fn terms(&self, lang: Lang) -> impl Iterator<Item = &Term> {
        self.terms
            .iter()
            .filter(move |t| lang_of(&t.lang) == Some(lang))
    }
}

/// English or French, from a language code's primary subtag (`en`, `EN-GB`,
/// `fr_CA`, `fra`); `None` for another language.
pub fn lang_of(code: &str) -> Option<Lang> {
    let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.as_str() {
        "en" | "eng" => Some(Lang::En),
        "fr" | "fra" | "fre" => Some(Lang::Fr),
        _ => None,
    }
}

/// A TBX file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct TbxError {
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// The local name of the root element of `text` when it is XML (a
/// byte-order mark, an XML declaration, comments and a DOCTYPE passed over);
/// `None` when it does not start like XML; an empty name when it starts like
/// XML but no element can be read.
pub fn root(text: &str) -> Option<String> {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if !text.starts_with('<') {
        return None;
    }
    let mut reader = Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                return Some(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
            }
            Ok(Event::Decl(_) | Event::Comment(_) | Event::DocType(_) | Event::PI(_)) => {}
            Ok(Event::Text(t)) if t.iter().all(u8::is_ascii_whitespace) => {}
            _ => return Some(String::new()),
        }
    }
}

/// Whether an XML root is a TBX one: `tbx` (TBX 3.0) or `martif` (TBX 2.0).
pub fn is_tbx_root(name: &str) -> bool {
    name.eq_ignore_ascii_case("tbx") || name.eq_ignore_ascii_case("martif")
}

/// Line and column of byte offset `pos` in `text`.
fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..pos.min(text.len())];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let start = memchr::memrchr(b'\n', before).map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// What the text of an element being read is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Status,
    Severity,
    Note,
}

/// The field an element holds, from its local name and `type`.
fn field(e: &BytesStart<'_>) -> Option<Field> {
    let kind = attr(e, b"type").unwrap_or_default().to_ascii_lowercase();
    match e.local_name().as_ref() {
        b"administrativeStatus" | b"normativeAuthorization" => Some(Field::Status),
        b"note" => Some(Field::Note),
        b"termNote" | b"descrip" | b"admin" => match kind.as_str() {
            "administrativestatus" | "normativeauthorization" => Some(Field::Status),
            "severity" | "x-severity" => Some(Field::Severity),
            _ => None,
        },
        _ => None,
    }
}

/// A term being read.
#[derive(Debug, Default)]
struct Draft {
    text: String,
    deprecated: bool,
    line: usize,
}

/// Read the concepts of a TBX file.
///
/// # Errors
/// A [`TbxError`] for malformed XML, entity declarations, undefined
/// entities, or a root that is not `<tbx>` or `<martif>`.
///
/// ```
/// let tbx = r#"<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
/// <conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>North Atlantic Council</term></termSec></langSec>
/// <langSec xml:lang="fr-FR"><termSec><term>Conseil de l’Atlantique Nord</term></termSec></langSec>
/// </conceptEntry></body></text></tbx>"#;
/// let concepts = natalign::import::tbx::read(tbx).unwrap();
/// assert_eq!(concepts[0].terms[1].text, "Conseil de l’Atlantique Nord");
/// assert_eq!(concepts[0].line, 2);
/// ```
pub fn read(text: &str) -> Result<Vec<Concept>, TbxError> {
    let mut reader = Reader::from_str(text);
    let fail = |reader: &Reader<&[u8]>, message: String| {
        let (line, column) = line_col(text, reader.buffer_position() as usize);
        TbxError {
            line,
            column,
            message,
        }
    };
    let mut root_seen = false;
    let mut concepts = Vec::new();
    let mut concept: Option<Concept> = None;
    let mut lang: Option<String> = None;
    let mut draft: Option<Draft> = None;
    let mut in_term = 0usize;
    // Open elements, and the depth of the one whose text is captured.
    let mut depth = 0usize;
    let mut capture: Option<(Field, String, usize)> = None;
    let mut lines = Lines::default();
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| fail(&reader, format!("malformed XML: {e}")))?;
        // The line where the event starts (where the previous one ended).
        let line = lines.at(text, at);
        if matches!(event, Event::Start(_)) {
            depth += 1;
        }
        let ended = matches!(event, Event::End(_));
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
            Event::Start(e) if !root_seen => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if !is_tbx_root(&name) {
                    return Err(fail(
                        &reader,
                        format!("not a TBX file: the root is <{name}>, not <tbx> or <martif>"),
                    ));
                }
                root_seen = true;
            }
            Event::Start(e) => match e.local_name().as_ref() {
                b"conceptEntry" | b"termEntry" => {
                    concept = Some(Concept {
                        id: attr(&e, b"id"),
                        line,
                        terms: Vec::new(),
                        note: None,
                        severity: None,
                    });
                }
                b"langSec" | b"langSet" => {
                    lang = attr(&e, b"xml:lang").or_else(|| attr(&e, b"lang"));
                }
                b"termSec" | b"tig" | b"ntig" => {
                    draft = Some(Draft {
                        line,
                        ..Draft::default()
                    });
                }
                b"term" => {
                    in_term += 1;
                    draft.get_or_insert_with(|| Draft {
                        line,
                        ..Draft::default()
                    });
                }
                _ => {
                    if in_term == 0 && capture.is_none() {
                        capture = field(&e).map(|f| (f, String::new(), depth));
                    }
                }
            },
            Event::Empty(e) if !root_seen => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                return Err(fail(
                    &reader,
                    format!("not a TBX file: the root is an empty <{name}/>"),
                ));
            }
            Event::End(e) => match (e.local_name().as_ref(), depth) {
                (b"term", _) => in_term = in_term.saturating_sub(1),
                (b"termSec" | b"tig" | b"ntig", _) => {
                    if let (Some(d), Some(c)) = (draft.take(), concept.as_mut()) {
                        push_term(c, lang.as_deref(), d);
                    }
                }
                (b"langSec" | b"langSet", _) => {
                    // A term outside a term group (TBX-Min style).
                    if let (Some(d), Some(c)) = (draft.take(), concept.as_mut()) {
                        push_term(c, lang.as_deref(), d);
                    }
                    lang = None;
                }
                (b"conceptEntry" | b"termEntry", _) => {
                    concepts.extend(concept.take());
                }
                (_, d) => {
                    if let Some((f, value, _)) = capture.take_if(|c| c.2 == d) {
                        finish_field(
                            f,
                            &fold_spaces(&value),
                            lang.as_deref(),
                            &mut draft,
                            &mut concept,
                        );
                    }
                }
            },
            Event::Text(t) => {
                let raw = t
                    .decode()
                    .map_err(|e| fail(&reader, format!("bad text: {e}")))?;
                push_text(&raw, in_term, &mut draft, &mut capture);
            }
            Event::CData(t) => {
                let raw = String::from_utf8_lossy(&t).into_owned();
                push_text(&raw, in_term, &mut draft, &mut capture);
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
                push_text(&resolved, in_term, &mut draft, &mut capture);
            }
            Event::Eof => break,
            _ => {}
        }
        if ended {
            depth = depth.saturating_sub(1);
        }
    }
    if !root_seen {
        return Err(TbxError {
            line: 1,
            column: 1,
            message: "not a TBX file (no <tbx> or <martif> element)".into(),
        });
    }
    Ok(concepts)
}

/// Lines counted as the reader moves on: each event's line without
/// counting from the start again.
#[derive(Debug, Default)]
struct Lines {
    pos: usize,
    newlines: usize,
}

impl Lines {
    /// The 1-based line of byte `at` (at or after the last one asked).
    fn at(&mut self, text: &str, at: usize) -> usize {
        let at = at.min(text.len());
        if at > self.pos {
            self.newlines += memchr::memchr_iter(b'\n', &text.as_bytes()[self.pos..at]).count();
            self.pos = at;
        }
        self.newlines + 1
    }
}

/// Put a field's text where it belongs: a status on the term being read, a
/// severity or an English-side note on the concept.
fn finish_field(
    f: Field,
    value: &str,
    lang: Option<&str>,
    draft: &mut Option<Draft>,
    concept: &mut Option<Concept>,
) {
    match f {
        Field::Status => {
            let v = value.to_ascii_lowercase();
            if let Some(d) = draft.as_mut() {
                d.deprecated = ["deprecated", "superseded", "obsolete"]
                    .iter()
                    .any(|w| v.contains(w));
            }
        }
        Field::Severity => {
            if let Some(c) = concept.as_mut() {
                c.severity = Some(value.to_string());
            }
        }
        Field::Note => {
            let english = lang.is_none_or(|l| lang_of(l) == Some(Lang::En));
            if let Some(c) = concept.as_mut().filter(|_| english && !value.is_empty()) {
                c.note = Some(match c.note.take() {
                    Some(n) => format!("{n}; {value}"),
                    None => value.to_string(),
                });
            }
        }
    }
}

fn push_term(concept: &mut Concept, lang: Option<&str>, draft: Draft) {
    let text = fold_spaces(&draft.text);
    if text.is_empty() {
        return;
    }
    concept.terms.push(Term {
        lang: lang.unwrap_or_default().to_string(),
        text,
        deprecated: draft.deprecated,
        line: draft.line,
    });
}

fn push_text(
    text: &str,
    in_term: usize,
    draft: &mut Option<Draft>,
    capture: &mut Option<(Field, String, usize)>,
) {
    if in_term > 0 {
        if let Some(d) = draft.as_mut() {
            d.text.push_str(text);
        }
    } else if let Some((_, value, _)) = capture.as_mut() {
        value.push_str(text);
    }
}

/// Whitespace runs folded to one space, trimmed.
fn fold_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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

    const TBX2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en">
 <martifHeader><fileDesc><sourceDesc><p>NATO terms</p></sourceDesc></fileDesc></martifHeader>
 <text><body>
  <termEntry id="e1">
   <descrip type="subjectField">organisations</descrip>
   <note>The body of Article 9.</note>
   <langSet xml:lang="en-GB">
    <tig><term>North Atlantic Council</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
   </langSet>
   <langSet xml:lang="fr">
    <tig><term>Conseil de l'Atlantique Nord</term></tig>
    <ntig><termGrp><term>Conseil atlantique</term></termGrp>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></ntig>
    <note>Pas de note en français.</note>
   </langSet>
  </termEntry>
  <termEntry id="e2"><langSet xml:lang="de"><tig><term>Rat</term></tig></langSet></termEntry>
 </body></text>
</martif>"#;

    #[test]
    fn tbx_2_martif() {
        let c = read(TBX2).unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].id.as_deref(), Some("e1"));
        assert_eq!(c[0].line, 6);
        let en: Vec<&str> = c[0].terms(Lang::En).map(|t| t.text.as_str()).collect();
        assert_eq!(en, ["North Atlantic Council"]);
        let fr: Vec<(&str, bool)> = c[0]
            .terms(Lang::Fr)
            .map(|t| (t.text.as_str(), t.deprecated))
            .collect();
        assert_eq!(
            fr,
            [
                ("Conseil de l'Atlantique Nord", false),
                ("Conseil atlantique", true)
            ]
        );
        assert_eq!(c[0].terms[0].line, 10);
        assert_eq!(c[0].note.as_deref(), Some("The body of Article 9."));
        assert_eq!(c[1].terms(Lang::En).count(), 0);
    }

    const TBX3: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="TBXcoreStructV03.rng" type="application/xml"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <descrip type="x-severity">error</descrip>
      <langSec xml:lang="EN-US">
        <termSec><term>Allied Command Operations</term></termSec>
        <termSec><term>ACO</term><note>The acronym.</note></termSec>
      </langSec>
      <langSec xml:lang="fr-CA">
        <termSec><term>Commandement allié <hi>Opérations</hi></term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>"#;

    #[test]
    fn tbx_3_concept_entries() {
        let c = read(TBX3).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].severity.as_deref(), Some("error"));
        let en: Vec<&str> = c[0].terms(Lang::En).map(|t| t.text.as_str()).collect();
        assert_eq!(en, ["Allied Command Operations", "ACO"]);
        let fr: Vec<&str> = c[0].terms(Lang::Fr).map(|t| t.text.as_str()).collect();
        assert_eq!(fr, ["Commandement allié Opérations"]);
        assert!(!c[0].terms[2].deprecated);
        assert_eq!(c[0].note.as_deref(), Some("The acronym."));
    }

    #[test]
    fn dct_style_and_prefixes() {
        let tbx = r#"<tbx xmlns:basic="http://www.tbxinfo.net/ns/basic" type="TBX-Basic" style="dct">
<text><body><conceptEntry id="1"><langSec xml:lang="en"><termSec><term>staff</term></termSec></langSec>
<langSec xml:lang="fr"><termSec><term>personnel</term></termSec>
<termSec><term>staff</term><basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec>
</langSec></conceptEntry></body></text></tbx>"#;
        let c = read(tbx).unwrap();
        let fr: Vec<(&str, bool)> = c[0]
            .terms(Lang::Fr)
            .map(|t| (t.text.as_str(), t.deprecated))
            .collect();
        assert_eq!(fr, [("personnel", false), ("staff", true)]);
    }

    #[test]
    fn malformed_files_say_where() {
        let err =
            read("<tbx>\n<text><body>\n<conceptEntry></langSec></body></text></tbx>").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.contains("malformed XML"), "{err}");
        let err = read("<html><body/></html>").unwrap_err();
        assert!(err.message.contains("root is <html>"), "{err}");
        let bomb =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY a \"aaaa\">]>\n<tbx><text/></tbx>";
        assert!(
            read(bomb)
                .unwrap_err()
                .message
                .contains("refuses entity expansion")
        );
        let undefined = "<tbx><text><body><conceptEntry><langSec xml:lang=\"en\"><termSec><term>&nbsp;</term></termSec></langSec></conceptEntry></body></text></tbx>";
        assert!(
            read(undefined)
                .unwrap_err()
                .message
                .contains("undefined entity &nbsp;")
        );
    }

    #[test]
    fn roots_and_languages() {
        assert_eq!(
            root("\u{feff}<?xml version=\"1.0\"?>\n<martif>").as_deref(),
            Some("martif")
        );
        assert_eq!(root("en,fr\n"), None);
        assert_eq!(lang_of("EN-gb"), Some(Lang::En));
        assert_eq!(lang_of("fr_CA"), Some(Lang::Fr));
        assert_eq!(lang_of("de"), None);
    }
}

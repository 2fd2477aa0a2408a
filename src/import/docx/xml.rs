//! The paragraphs and tables of one WordprocessingML part, as Word shows them.
//!
//! Input: the XML of `word/document.xml`, `word/footnotes.xml` or
//! `word/endnotes.xml`. Output: [`Part`], the body as [`Node`]s (paragraphs
//! and tables of rows of cells, nested tables inside cells) and the notes,
//! each [`Para`] with its style, numbering, displayed text and what was left
//! out of it (deleted revisions, a table of contents, hidden text, text boxes).
//!
//! Guarantees: elements are matched by local name (any prefix, Strict or
//! Transitional namespaces); inserted and moved-to text is kept, deleted and
//! moved-from text is not (deleted text is reported); a field shows its
//! result, except page numbers and cross-references (dropped) and tables of
//! contents (reported); tabs and line breaks are spaces; entities are never
//! expanded beyond the predefined ones; malformed XML is an [`XmlError`].

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::numbering::NumPr;

/// XML that cannot be read, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlError(pub String);

/// An element's local name (no prefix).
pub(crate) fn local<'a>(e: &'a BytesStart<'_>) -> &'a [u8] {
    let name = e.name().into_inner();
    match memchr::memchr(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The value of the attribute whose local name is `name`.
pub(crate) fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = a.key.into_inner();
        let key = memchr::memchr(b':', key).map_or(key, |i| &key[i + 1..]);
        (key == name).then(|| {
            a.unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
    })
}

/// The text an event carries (text, CDATA, a predefined or character
/// reference), if any.
fn text_of(ev: &Event<'_>) -> Result<Option<String>, XmlError> {
    Ok(match ev {
        Event::Text(t) => Some(
            t.decode()
                .map_err(|e| XmlError(format!("bad text: {e}")))?
                .into_owned(),
        ),
        Event::CData(t) => Some(String::from_utf8_lossy(t).into_owned()),
        Event::GeneralRef(r) => {
            if r.is_char_ref() {
                r.resolve_char_ref().ok().flatten().map(String::from)
            } else {
                let name = r
                    .decode()
                    .map_err(|e| XmlError(format!("bad entity: {e}")))?;
                quick_xml::escape::resolve_predefined_entity(&name).map(String::from)
            }
        }
        _ => None,
    })
}

fn truncated() -> XmlError {
    XmlError("malformed XML: truncated (elements left open)".into())
}

/// Call `f` on every event of `xml` until the end.
///
/// # Errors
/// Malformed XML, with the byte offset.
pub(crate) fn events(xml: &[u8], mut f: impl FnMut(&Event<'_>)) -> Result<(), XmlError> {
    let mut reader = Reader::from_reader(xml);
    let mut open = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) if open > 0 => return Err(truncated()),
            Ok(Event::Eof) => return Ok(()),
            Ok(ev) => {
                match ev {
                    Event::Start(_) => open += 1,
                    Event::End(_) => open = open.saturating_sub(1),
                    _ => {}
                }
                f(&ev);
            }
            Err(e) => {
                return Err(XmlError(format!(
                    "malformed XML at byte {}: {e}",
                    reader.error_position()
                )));
            }
        }
    }
}

/// Footnote or endnote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NoteKind {
    /// `w:footnote`.
    Foot,
    /// `w:endnote`.
    End,
}

/// One paragraph as read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Para {
    /// `w:pStyle`.
    pub style: Option<String>,
    /// `w:numPr`.
    pub num: NumPr,
    /// `w:outlineLvl`.
    pub outline: Option<u8>,
    /// The displayed text.
    pub text: String,
    /// Deleted runs' text, one entry per deletion.
    pub deleted: Vec<String>,
    /// Text shown by a table-of-contents field.
    pub toc: String,
    /// Hidden (`w:vanish`) text.
    pub hidden: String,
    /// Text boxes anchored in the paragraph.
    pub textboxes: Vec<String>,
    /// Characters in runs declared English, French.
    pub lang: [usize; 2],
    /// Note references, in order.
    pub notes: Vec<(NoteKind, String)>,
}

/// A paragraph or a table (rows of cells of nodes).
#[derive(Debug, Clone)]
pub(crate) enum Node {
    /// A paragraph.
    Para(Para),
    /// A table.
    Table(Vec<Vec<Vec<Node>>>),
}

/// A footnote or an endnote.
#[derive(Debug, Clone)]
pub(crate) struct Note {
    /// Which.
    pub kind: NoteKind,
    /// `w:id`.
    pub id: String,
    /// A separator or continuation notice, not a note.
    pub special: bool,
    /// Its paragraphs.
    pub body: Vec<Node>,
}

/// A part read: its body and notes, and the note number formats it sets.
#[derive(Debug, Clone, Default)]
pub(crate) struct Part {
    /// The body's nodes.
    pub body: Vec<Node>,
    /// The notes (in a notes part).
    pub notes: Vec<Note>,
    /// `w:footnotePr/w:numFmt`, `w:endnotePr/w:numFmt`.
    pub note_formats: [Option<String>; 2],
}

enum Container {
    Nodes(Vec<Node>),
    Note(Note),
    Row(Vec<Vec<Node>>),
    Table(Vec<Vec<Vec<Node>>>),
}

/// A field being read: its instruction, whether its result has begun, and
/// what its result becomes.
struct Field {
    instr: String,
    result: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TextIn {
    Text,
    Deleted,
    Instr,
}

/// Where displayed text goes while inside `fields`.
#[derive(PartialEq, Eq)]
enum Route {
    Shown,
    Toc,
    Dropped,
}

fn route(fields: &[Field]) -> Route {
    let mut out = Route::Shown;
    for f in fields {
        if !f.result {
            return Route::Dropped;
        }
        let name = f
            .instr
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        match name.as_str() {
            "TOC" if out == Route::Shown => out = Route::Toc,
            "PAGE" | "NUMPAGES" | "PAGEREF" | "SECTIONPAGES" => out = Route::Dropped,
            _ => {}
        }
    }
    out
}

/// Elements whose whole content is not shown or is an old version.
fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        b"pPrChange"
            | b"rPrChange"
            | b"sectPrChange"
            | b"tblPrChange"
            | b"trPrChange"
            | b"tcPrChange"
            | b"tblGridChange"
            | b"numberingChange"
            | b"moveFrom"
            | b"Fallback"
            | b"sdtPr"
            | b"sdtEndPr"
            | b"del"
    )
}

/// Read one part.
///
/// # Errors
/// Malformed XML.
pub(crate) fn parse(xml: &[u8]) -> Result<Part, XmlError> {
    let mut st = State::default();
    let mut reader = Reader::from_reader(xml);
    let mut open = 0usize;
    loop {
        let ev = match reader.read_event() {
            Ok(Event::Eof) if open > 0 => return Err(truncated()),
            Ok(Event::Eof) => break,
            Ok(ev) => ev,
            Err(e) => {
                return Err(XmlError(format!(
                    "malformed XML at byte {}: {e}",
                    reader.error_position()
                )));
            }
        };
        match ev {
            Event::Start(_) => open += 1,
            Event::End(_) => open = open.saturating_sub(1),
            _ => {}
        }
        st.event(&ev)?;
    }
    while st.stack.len() > 1 {
        st.close_container();
    }
    let body = match st.stack.pop() {
        Some(Container::Nodes(n)) => n,
        _ => Vec::new(),
    };
    Ok(Part {
        body,
        notes: st.notes,
        note_formats: st.note_formats,
    })
}

struct State {
    stack: Vec<Container>,
    paras: Vec<Para>,
    notes: Vec<Note>,
    note_formats: [Option<String>; 2],
    note_pr: Option<usize>,
    skip: usize,
    deleted: usize,
    deletion: String,
    textbox: usize,
    textbox_text: String,
    ppr: usize,
    run: usize,
    run_hidden: bool,
    run_lang: Option<usize>,
    text_in: Option<TextIn>,
    fields: Vec<Field>,
    simple_fields: usize,
}

impl Default for State {
    fn default() -> Self {
        State {
            stack: vec![Container::Nodes(Vec::new())],
            paras: Vec::new(),
            notes: Vec::new(),
            note_formats: [None, None],
            note_pr: None,
            skip: 0,
            deleted: 0,
            deletion: String::new(),
            textbox: 0,
            textbox_text: String::new(),
            ppr: 0,
            run: 0,
            run_hidden: false,
            run_lang: None,
            text_in: None,
            fields: Vec::new(),
            simple_fields: 0,
        }
    }
}

impl State {
    fn event(&mut self, ev: &Event<'_>) -> Result<(), XmlError> {
        match ev {
            Event::Start(e) => self.start(e, true),
            Event::Empty(e) => self.start(e, false),
            Event::End(e) => {
                let name = e.local_name();
                self.end(name.as_ref());
            }
            _ => {
                if let (Some(t), Some(kind)) = (text_of(ev)?, self.text_in) {
                    self.text(&t, kind);
                }
            }
        }
        Ok(())
    }

    fn start(&mut self, e: &BytesStart<'_>, open: bool) {
        let name = local(e);
        if self.skip > 0 {
            if self.deleted > 0 && name == b"delText" && open {
                self.text_in = Some(TextIn::Deleted);
            }
            self.skip += usize::from(open);
            return;
        }
        if skipped(name) {
            if open {
                self.skip = 1;
                if name == b"del" {
                    self.deleted = 1;
                }
            }
            return;
        }
        let val = || attr(e, b"val");
        match name {
            b"txbxContent" if open => self.textbox += 1,
            b"t" if self.textbox > 0 && open => self.text_in = Some(TextIn::Text),
            _ if self.textbox > 0 => {}
            b"footnote" | b"endnote" if open => {
                let kind = if name == b"footnote" {
                    NoteKind::Foot
                } else {
                    NoteKind::End
                };
                let special = attr(e, b"type").is_some_and(|t| t != "normal");
                self.stack.push(Container::Note(Note {
                    kind,
                    id: attr(e, b"id").unwrap_or_default(),
                    special,
                    body: Vec::new(),
                }));
            }
            b"footnotePr" if open => self.note_pr = Some(0),
            b"endnotePr" if open => self.note_pr = Some(1),
            b"numFmt" if self.note_pr.is_some() => {
                if let Some(i) = self.note_pr {
                    self.note_formats[i] = val();
                }
            }
            b"tbl" if open => self.stack.push(Container::Table(Vec::new())),
            b"tr" if open => self.stack.push(Container::Row(Vec::new())),
            b"tc" if open => self.stack.push(Container::Nodes(Vec::new())),
            b"p" if open => self.paras.push(Para::default()),
            b"pPr" if open => self.ppr += 1,
            b"r" if open => {
                self.run += 1;
                self.run_hidden = false;
                self.run_lang = None;
            }
            b"pStyle" if self.ppr > 0 => self.para(|p| p.style = val()),
            b"numId" if self.ppr > 0 => {
                let v = val().and_then(|v| v.trim().parse().ok());
                self.para(|p| p.num.num = v);
            }
            b"ilvl" if self.ppr > 0 => {
                let v = val().and_then(|v| v.trim().parse().ok());
                self.para(|p| p.num.level = v);
            }
            b"outlineLvl" if self.ppr > 0 => {
                let v = val().and_then(|v| v.trim().parse().ok());
                self.para(|p| p.outline = v);
            }
            _ if self.ppr > 0 => {}
            b"vanish" if self.run > 0 => {
                self.run_hidden = val().is_none_or(|v| v != "0" && v != "false");
            }
            b"lang" if self.run > 0 => {
                let lang = val().map(|v| v.to_ascii_lowercase());
                self.run_lang = match lang.as_deref().map(|l| l.get(..2)) {
                    Some(Some("en")) => Some(0),
                    Some(Some("fr")) => Some(1),
                    _ => None,
                };
            }
            b"t" if open => self.text_in = Some(TextIn::Text),
            b"instrText" if open => self.text_in = Some(TextIn::Instr),
            b"tab" | b"ptab" | b"br" | b"cr" if self.run > 0 => self.text(" ", TextIn::Text),
            b"noBreakHyphen" if self.run > 0 => self.text("-", TextIn::Text),
            b"fldChar" => match attr(e, b"fldCharType").as_deref() {
                Some("begin") => self.fields.push(Field {
                    instr: String::new(),
                    result: false,
                }),
                Some("separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        f.result = true;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            b"fldSimple" if open => {
                self.simple_fields += 1;
                self.fields.push(Field {
                    instr: attr(e, b"instr").unwrap_or_default(),
                    result: true,
                });
            }
            b"footnoteReference" | b"endnoteReference" if route(&self.fields) == Route::Shown => {
                let kind = if name == b"footnoteReference" {
                    NoteKind::Foot
                } else {
                    NoteKind::End
                };
                let id = attr(e, b"id").unwrap_or_default();
                self.para(|p| p.notes.push((kind, id)));
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        let name = match memchr::memchr(b':', name) {
            Some(i) => &name[i + 1..],
            None => name,
        };
        if matches!(name, b"t" | b"delText" | b"instrText") {
            self.text_in = None;
        }
        if self.skip > 0 {
            self.skip -= 1;
            if self.skip == 0 && self.deleted > 0 {
                self.deleted = 0;
                let text = std::mem::take(&mut self.deletion);
                let text = text.trim();
                if !text.is_empty() {
                    let text = text.to_string();
                    self.para(|p| p.deleted.push(text));
                }
            }
            return;
        }
        match name {
            b"txbxContent" if self.textbox > 0 => {
                self.textbox -= 1;
                if self.textbox == 0 {
                    let text = std::mem::take(&mut self.textbox_text);
                    let text = text.trim().to_string();
                    if !text.is_empty() {
                        self.para(|p| p.textboxes.push(text));
                    }
                }
            }
            b"p" if self.textbox > 0 => self.textbox_text.push(' '),
            _ if self.textbox > 0 => {}
            b"footnotePr" | b"endnotePr" => self.note_pr = None,
            b"pPr" => self.ppr = self.ppr.saturating_sub(1),
            b"r" => self.run = self.run.saturating_sub(1),
            b"fldSimple" if self.simple_fields > 0 => {
                self.simple_fields -= 1;
                self.fields.pop();
            }
            b"p" => {
                if let Some(p) = self.paras.pop() {
                    self.add(Node::Para(p));
                }
            }
            b"tc" | b"tr" | b"tbl" | b"footnote" | b"endnote" => self.close_container(),
            _ => {}
        }
    }

    /// Apply `f` to the paragraph being read, if any.
    fn para(&mut self, f: impl FnOnce(&mut Para)) {
        if let Some(p) = self.paras.last_mut() {
            f(p);
        }
    }

    fn text(&mut self, t: &str, kind: TextIn) {
        if self.textbox > 0 {
            if kind == TextIn::Text {
                self.textbox_text.push_str(t);
            }
            return;
        }
        match kind {
            TextIn::Deleted => self.deletion.push_str(t),
            TextIn::Instr => {
                if let Some(f) = self.fields.last_mut().filter(|f| !f.result) {
                    f.instr.push_str(t);
                }
            }
            TextIn::Text => {
                let route = route(&self.fields);
                let (hidden, lang) = (self.run_hidden, self.run_lang);
                self.para(|p| match route {
                    Route::Dropped => {}
                    Route::Toc => p.toc.push_str(t),
                    Route::Shown if hidden => p.hidden.push_str(t),
                    Route::Shown => {
                        p.text.push_str(t);
                        if let Some(l) = lang {
                            p.lang[l] += t.chars().count();
                        }
                    }
                });
            }
        }
    }

    /// Add a node to the innermost container that holds nodes.
    fn add(&mut self, node: Node) {
        for c in self.stack.iter_mut().rev() {
            match c {
                Container::Nodes(n) => return n.push(node),
                Container::Note(n) => return n.body.push(node),
                Container::Row(_) | Container::Table(_) => {}
            }
        }
    }

    /// Close the innermost container: a cell into its row, a row into its
    /// table, a table into what holds it, a note into the notes.
    fn close_container(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        match self.stack.pop() {
            Some(Container::Nodes(cell)) => match self.stack.last_mut() {
                Some(Container::Row(row)) => row.push(cell),
                _ => cell.into_iter().for_each(|n| self.add(n)),
            },
            Some(Container::Row(row)) => match self.stack.last_mut() {
                Some(Container::Table(t)) => t.push(row),
                _ => self.add(Node::Table(vec![row])),
            },
            Some(Container::Table(t)) => self.add(Node::Table(t)),
            Some(Container::Note(n)) => self.notes.push(n),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(nodes: &[Node]) -> Vec<String> {
        let mut out = Vec::new();
        for n in nodes {
            match n {
                Node::Para(p) => out.push(p.text.clone()),
                Node::Table(rows) => {
                    for cell in rows.iter().flatten() {
                        out.extend(texts(cell).into_iter().map(|t| format!("|{t}")));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn runs_revisions_fields_and_tables() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
          <w:p><w:pPr><w:pStyle w:val="H1"/><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr>
            <w:r><w:t>One</w:t><w:tab/><w:t>two</w:t><w:br/><w:t>three &amp; co</w:t></w:r>
            <w:ins><w:r><w:t xml:space="preserve"> added</w:t></w:r></w:ins>
            <w:del><w:r><w:delText>gone</w:delText></w:r></w:del>
            <w:moveFrom><w:r><w:t>moved away</w:t></w:r></w:moveFrom>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
            <w:fldSimple w:instr=" DATE "><w:r><w:t> 1 May</w:t></w:r></w:fldSimple>
            <w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r>
            <w:r><w:footnoteReference w:id="3"/></w:r>
          </w:p>
          <w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>
            <w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>nested</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>
          <w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>in sdt</w:t></w:r></w:p></w:sdtContent></w:sdt>
          <w:sectPr><w:footnotePr><w:numFmt w:val="lowerRoman"/></w:footnotePr></w:sectPr>
        </w:body></w:document>"#;
        let part = parse(xml.as_bytes()).unwrap();
        assert_eq!(
            texts(&part.body),
            ["One two three & co added 1 May", "|a", "||nested", "in sdt"]
        );
        let Node::Para(p) = &part.body[0] else {
            panic!("not a paragraph")
        };
        assert_eq!(p.style.as_deref(), Some("H1"));
        assert_eq!(p.deleted, ["gone"]);
        assert_eq!(p.hidden, "secret");
        assert_eq!(p.notes, [(NoteKind::Foot, "3".to_string())]);
        assert_eq!(part.note_formats[0].as_deref(), Some("lowerRoman"));
    }

    #[test]
    fn table_of_contents_is_set_apart_and_malformed_xml_is_an_error() {
        let xml = r#"<w:body xmlns:w="w">
          <w:p><w:r><w:fldChar w:fldCharType="begin"/><w:instrText>TOC \o "1-3"</w:instrText><w:fldChar w:fldCharType="separate"/></w:r>
            <w:r><w:t>Article 1</w:t></w:r></w:p>
          <w:p><w:r><w:t>Article 2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
          <w:p><w:r><w:t>Body</w:t></w:r></w:p></w:body>"#;
        let part = parse(xml.as_bytes()).unwrap();
        let tocs: Vec<String> = part
            .body
            .iter()
            .filter_map(|n| match n {
                Node::Para(p) => Some(p.toc.clone()),
                Node::Table(_) => None,
            })
            .collect();
        assert_eq!(tocs, ["Article 1", "Article 2", ""]);
        assert_eq!(texts(&part.body), ["", "", "Body"]);
        assert!(parse(b"<w:p><w:r></w:p>").is_err());
    }
}

//! The Word (`.docx`) reader.
//!
//! Input: the bytes of a `.docx` file (a zip of WordprocessingML parts).
//! Output: a [`Structured`] document: the body's paragraphs in order, each
//! with the label Word prints for its automatic numbering (`1.`, `(a)`,
//! `Article 3`, `•`), headings and the title told by their style, table
//! cells row by row, then footnotes and endnotes labelled with their printed
//! number; deleted revisions, tables of contents, hidden text and text boxes
//! as [`Omitted`] text. A table whose rows hold an English and a French cell
//! side by side is read as two language columns ([`Structured::from_columns`]).
//! Headers and footers are not read (page furniture).
//!
//! Guarantees: never panics; a file that is not a zip, is truncated, lacks
//! `word/document.xml`, holds malformed XML or is password-protected (an OLE
//! file holding `EncryptedPackage`) is an [`InputProblem::BadDocument`] with
//! a one-line message; no part inflates past its declared size, and all
//! parts together not past [`MAX_INFLATED`] (a likely zip bomb).

mod numbering;
mod xml;

use std::io::{Cursor, Read};

use rustc_hash::FxHashMap;

use crate::error::InputProblem;
use crate::import::structured::{
    Block, BlockKind, Columns, Item, MAX_INFLATED, Omitted, SourceFormat, Structured, one_line,
};
use numbering::{Numbering, StyleKind, Styles, format_number};
use xml::{Node, NoteKind, Para};

/// The OLE compound file signature (old `.doc`, and encrypted `.docx`).
pub const OLE_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Whether `bytes` are an OLE compound file holding `EncryptedPackage` (in
/// UTF-16, as OLE names its streams): a password-protected Office file.
pub fn is_encrypted_package(bytes: &[u8]) -> bool {
    const NAME: &[u8] = b"E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    bytes.starts_with(OLE_SIGNATURE) && memchr::memmem::find(bytes, NAME).is_some()
}

/// Read a `.docx` file.
///
/// # Errors
/// [`InputProblem::BadDocument`]: not a zip or a corrupt one, no
/// `word/document.xml`, malformed XML, password-protected, a zip bomb.
pub fn read(bytes: &[u8]) -> Result<Structured, InputProblem> {
    read_limited(bytes, MAX_INFLATED)
}

fn bad(message: impl Into<String>) -> InputProblem {
    InputProblem::BadDocument(one_line(&message.into()))
}

/// [`read`] with `limit` bytes of inflated XML at most.
fn read_limited(bytes: &[u8], limit: u64) -> Result<Structured, InputProblem> {
    if bytes.starts_with(OLE_SIGNATURE) {
        return Err(bad(if is_encrypted_package(bytes) {
            "password-protected DOCX: remove the password first"
        } else {
            "corrupt DOCX: an OLE file (an old Word .doc?), not a zip"
        }));
    }
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(format!("corrupt DOCX: {e}")))?;
    let mut budget = limit;
    let mut part = |name: &str| -> Result<Option<Vec<u8>>, InputProblem> {
        let mut file = match zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(bad(format!("corrupt DOCX: {name}: {e}"))),
        };
        let declared = file.size();
        if declared > budget {
            return Err(bomb());
        }
        let mut out = Vec::with_capacity(declared.min(64 << 20) as usize);
        (&mut file)
            .take(declared.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| bad(format!("corrupt DOCX: {name}: {e}")))?;
        if out.len() as u64 > declared {
            return Err(bad(format!(
                "corrupt DOCX: {name} inflates past its declared size"
            )));
        }
        budget -= out.len() as u64;
        Ok(Some(out))
    };
    let document =
        part("word/document.xml")?.ok_or_else(|| bad("corrupt DOCX: no word/document.xml"))?;
    let styles = part("word/styles.xml")?;
    let numbering = part("word/numbering.xml")?;
    let footnotes = part("word/footnotes.xml")?;
    let endnotes = part("word/endnotes.xml")?;
    fn xml_err(name: &'static str) -> impl Fn(xml::XmlError) -> InputProblem {
        move |e| bad(format!("corrupt DOCX: {name}: {}", e.0))
    }
    let styles = match styles {
        Some(x) => Styles::parse(&x).map_err(xml_err("word/styles.xml"))?,
        None => Styles::default(),
    };
    let numbering = match numbering {
        Some(x) => Numbering::parse(&x).map_err(xml_err("word/numbering.xml"))?,
        None => Numbering::default(),
    };
    let body = xml::parse(&document).map_err(xml_err("word/document.xml"))?;
    let mut notes = Vec::new();
    for (name, x) in [
        ("word/footnotes.xml", footnotes),
        ("word/endnotes.xml", endnotes),
    ] {
        if let Some(x) = x {
            notes.extend(xml::parse(&x).map_err(xml_err(name))?.notes);
        }
    }
    let mut reader = Reader {
        styles,
        numbering,
        refs: Vec::new(),
    };
    let nodes: Vec<Out> = body.body.iter().flat_map(|n| reader.node(n)).collect();
    let mut doc = reader.assemble(nodes);
    reader.notes(&mut doc, notes, &body.note_formats);
    Ok(doc)
}

fn bomb() -> InputProblem {
    bad("DOCX inflates past 512 MiB: likely a zip bomb")
}

/// A body node resolved: items, or a top-level table of cells of items.
enum Out {
    Item(Item),
    Table(Vec<Vec<Vec<Item>>>),
}

struct Reader {
    styles: Styles,
    numbering: Numbering,
    refs: Vec<(NoteKind, String)>,
}

impl Reader {
    fn node(&mut self, node: &Node) -> Vec<Out> {
        match node {
            Node::Para(p) => self.para(p, false).into_iter().map(Out::Item).collect(),
            Node::Table(rows) => {
                let table = rows
                    .iter()
                    .map(|row| row.iter().map(|cell| self.cell(cell)).collect())
                    .collect();
                vec![Out::Table(table)]
            }
        }
    }

    /// A cell's items, nested tables' cells in row order.
    fn cell(&mut self, nodes: &[Node]) -> Vec<Item> {
        let mut out = Vec::new();
        for n in nodes {
            match n {
                Node::Para(p) => out.extend(self.para(p, true)),
                Node::Table(rows) => {
                    for cell in rows.iter().flatten() {
                        out.extend(self.cell(cell));
                    }
                }
            }
        }
        out
    }

    /// A paragraph's block (none when empty) and what was left out of it.
    fn para(&mut self, p: &Para, in_cell: bool) -> Vec<Item> {
        self.refs.extend(p.notes.iter().cloned());
        let style = p.style.as_deref();
        let inherited = self.styles.numbering(style);
        let num = p.num.num.or(inherited.as_ref().and_then(|(n, _)| n.num));
        let mut label = None;
        let mut bullet = false;
        if let Some(num) = num.filter(|&n| n != 0) {
            let level = p
                .num
                .level
                .or(inherited.as_ref().and_then(|(n, _)| n.level))
                .or_else(|| {
                    let (_, from) = inherited.as_ref()?;
                    self.numbering.level_of_style(num, from)
                })
                .unwrap_or(0);
            if let Some((l, b)) = self.numbering.next(num, level) {
                (label, bullet) = (Some(l), b);
            }
        }
        let mut out = Vec::new();
        let text = one_line(&p.text);
        if !text.is_empty() {
            let kind = match self.styles.kind(style) {
                StyleKind::Title => BlockKind::Title,
                StyleKind::Heading => BlockKind::Heading,
                StyleKind::Plain if p.outline.is_some_and(|l| l < 9) => BlockKind::Heading,
                StyleKind::Plain if in_cell => BlockKind::Cell,
                StyleKind::Plain if bullet => BlockKind::ListItem,
                StyleKind::Plain => BlockKind::Body,
            };
            let lang = match p.lang {
                [en, fr] if en > fr && en * 2 > text.len() => Some(crate::document::Lang::En),
                [en, fr] if fr > en && fr * 2 > text.len() => Some(crate::document::Lang::Fr),
                _ => None,
            };
            out.push(Item::Block(Block {
                kind,
                label,
                text,
                lang,
            }));
        }
        let mut omit = |text: &str, reason: &str| {
            let text = one_line(text);
            if !text.is_empty() {
                out.push(Item::Omitted(Omitted {
                    text,
                    reason: reason.to_string(),
                }));
            }
        };
        omit(&p.deleted.join(" "), "deleted revision");
        omit(&p.toc, "table of contents");
        omit(&p.hidden, "hidden text");
        for t in &p.textboxes {
            omit(t, "text box");
        }
        out
    }

    /// The document: a bilingual two-column table as language columns
    /// (everything else before it), else everything in order.
    fn assemble(&self, nodes: Vec<Out>) -> Structured {
        let bilingual = nodes.iter().enumerate().find_map(|(i, n)| match n {
            Out::Table(t) => bilingual(t).map(|layout| (i, layout)),
            Out::Item(_) => None,
        });
        let mut items = Vec::new();
        let mut columns = None;
        for (i, n) in nodes.into_iter().enumerate() {
            match n {
                Out::Item(item) => items.push(item),
                Out::Table(t) => match &bilingual {
                    Some((at, layout)) if *at == i => {
                        columns = Some(split_columns(t, layout.clone()));
                    }
                    _ => items.extend(t.into_iter().flatten().flatten()),
                },
            }
        }
        match columns {
            Some((cols, omitted)) => {
                let mut doc = Structured::from_columns(SourceFormat::Docx, cols, omitted);
                doc.items.splice(0..0, items);
                doc
            }
            None => Structured::new(SourceFormat::Docx, items),
        }
    }

    /// Footnotes then endnotes after the body, in order of reference, each
    /// one block labelled with its printed number.
    fn notes(
        &mut self,
        doc: &mut Structured,
        notes: Vec<xml::Note>,
        formats: &[Option<String>; 2],
    ) {
        let mut by_id: FxHashMap<(NoteKind, String), xml::Note> = FxHashMap::default();
        let mut order: Vec<(NoteKind, String)> = Vec::new();
        for n in notes.into_iter().filter(|n| !n.special) {
            let key = (n.kind, n.id.clone());
            order.push(key.clone());
            by_id.insert(key, n);
        }
        let mut sequence: Vec<(NoteKind, String)> = Vec::new();
        for kind in [NoteKind::Foot, NoteKind::End] {
            let refs = self.refs.iter().chain(order.iter());
            for key in refs.filter(|(k, _)| *k == kind) {
                if by_id.contains_key(key) && !sequence.contains(key) {
                    sequence.push(key.clone());
                }
            }
        }
        let mut counters = [0i64; 2];
        for key in sequence {
            let Some(note) = by_id.remove(&key) else {
                continue;
            };
            let k = usize::from(key.0 == NoteKind::End);
            counters[k] += 1;
            let default = if k == 0 { "decimal" } else { "lowerRoman" };
            let label = format_number(counters[k], formats[k].as_deref().unwrap_or(default));
            let mut parts = Vec::new();
            let mut omitted = Vec::new();
            for item in note.body.iter().flat_map(|n| self.node(n)) {
                let items = match item {
                    Out::Item(i) => vec![i],
                    Out::Table(t) => t.into_iter().flatten().flatten().collect(),
                };
                for i in items {
                    match i {
                        Item::Block(b) => parts.push(match b.label {
                            Some(l) => format!("{l} {}", b.text),
                            None => b.text,
                        }),
                        Item::Omitted(o) => omitted.push(Item::Omitted(o)),
                    }
                }
            }
            let text = parts.join(" ");
            if !text.is_empty() {
                doc.items.push(Item::Block(
                    Block::new(BlockKind::Footnote, text).labelled(label),
                ));
            }
            doc.items.extend(omitted);
        }
    }
}

/// The layout of a two-column bilingual table (most rows two cells, one
/// column English and the other French), if `table` is one.
fn bilingual(table: &[Vec<Vec<Item>>]) -> Option<String> {
    let pairs = table.iter().filter(|r| r.len() == 2).count();
    if pairs < 2 || pairs * 10 < table.len() * 6 {
        return None;
    }
    let column = |c: usize| {
        let mut text = String::new();
        for cell in table.iter().filter_map(|r| r.get(c)) {
            for item in cell {
                if let Item::Block(b) = item {
                    text.push_str(&b.text);
                    text.push('\n');
                }
            }
        }
        text
    };
    // The same decision as every reader's (`import::columns`).
    let (l, r) = crate::import::columns::column_languages(&column(0), &column(1))?;
    let name = crate::import::columns::language_name;
    let sides = format!("{} left, {} right", name(l), name(r));
    Some(format!("two-column table ({sides}), {} rows", table.len()))
}

/// A bilingual table's columns: the first cell of each row left, the
/// others right; cells' paragraphs are the text (not cells); omitted text
/// apart.
fn split_columns(table: Vec<Vec<Vec<Item>>>, layout: String) -> (Columns, Vec<Omitted>) {
    let (mut left, mut right, mut omitted) = (Vec::new(), Vec::new(), Vec::new());
    for row in table {
        for (c, cell) in row.into_iter().enumerate() {
            for item in cell {
                match item {
                    Item::Block(mut b) => {
                        if b.kind == BlockKind::Cell {
                            b.kind = BlockKind::Body;
                        }
                        if c == 0 { &mut left } else { &mut right }.push(b);
                    }
                    Item::Omitted(o) => omitted.push(o),
                }
            }
        }
    }
    (
        Columns {
            layout,
            left,
            right,
        },
        omitted,
    )
}

#[cfg(test)]
mod tests;

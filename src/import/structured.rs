//! Documents whose format gives their structure (Word, web pages, PDF,
//! Markdown), as blocks the rest of the pipeline reads like text.
//!
//! Input: a file's bytes and name. Output: [`Structured`], the document's
//! paragraphs as [`Block`]s in reading order (kind, printed label resolved,
//! text on one line, a language hint when the format gives one), what the
//! reader left out with why ([`Omitted`]: navigation, page furniture, deleted
//! revisions), and the layout found (two language columns side by side).
//!
//! Guarantees: the format is told by content ([`sniff`]: magic bytes, zip
//! entries, markup), the extension only deciding between plain text and
//! Markdown, which content cannot; a reader never panics and returns an
//! [`InputProblem`] naming what is wrong; [`Structured::render`] writes one
//! block per line with a blank line between blocks, so the segmenter finds
//! exactly the format's paragraphs and a block's lines are `2i+1`; a
//! [`BlockKind::Lines`] block (PDF: the page's lines, which the segmenter
//! joins) is written verbatim, after all other items.

use crate::document::{Lang, ParagraphKind};
use crate::error::InputProblem;

/// A file format natalign reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum SourceFormat {
    /// Plain text (any encoding): the segmenter finds the structure.
    Text,
    /// Word (`.docx`, Office Open XML).
    Docx,
    /// A web page.
    Html,
    /// PDF with a text layer.
    Pdf,
    /// Markdown (CommonMark).
    Markdown,
}

impl SourceFormat {
    /// Stable lowercase name, used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Docx => "docx",
            SourceFormat::Html => "html",
            SourceFormat::Pdf => "pdf",
            SourceFormat::Markdown => "markdown",
        }
    }
}

/// The format of `bytes`, by content: a zip holding `word/document.xml` is
/// Word, `%PDF-` is PDF, a document starting (after a BOM, spaces and
/// comments) with `<!DOCTYPE html`, `<html` or `<head` is a web page. Plain
/// text and Markdown look alike, so a `.md` or `.markdown` name decides.
pub fn sniff(name: &str, bytes: &[u8]) -> SourceFormat {
    if bytes.starts_with(b"PK\x03\x04") && memchr::memmem::find(bytes, b"word/").is_some() {
        return SourceFormat::Docx;
    }
    // A password-protected .docx is an OLE file holding `EncryptedPackage`.
    if bytes.starts_with(crate::import::docx::OLE_SIGNATURE)
        && (name.to_ascii_lowercase().ends_with(".docx")
            || crate::import::docx::is_encrypted_package(bytes))
    {
        return SourceFormat::Docx;
    }
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some_and(|at| at < 16) {
        return SourceFormat::Pdf;
    }
    if looks_like_html(head) {
        return SourceFormat::Html;
    }
    let lower = name.to_ascii_lowercase();
    let web_name = [".html", ".htm", ".xhtml"]
        .iter()
        .any(|e| lower.ends_with(e));
    if web_name && starts_with_tag(head) {
        return SourceFormat::Html;
    }
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        return SourceFormat::Markdown;
    }
    SourceFormat::Text
}

/// Whether the first bytes (after a BOM and spaces) open a tag or a comment:
/// `<p>`, `<div class=…>`, `<!-- …`. Only for a file named as a web page.
fn starts_with_tag(head: &[u8]) -> bool {
    let rest = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .trim_ascii_start();
    match rest {
        [b'<', c, ..] => c.is_ascii_alphabetic() || *c == b'!',
        _ => false,
    }
}

/// Whether the first bytes open an HTML document (UTF-8, ASCII-compatible
/// or UTF-16: a NUL between ASCII letters is skipped).
fn looks_like_html(head: &[u8]) -> bool {
    let ascii: Vec<u8> = head
        .iter()
        .copied()
        .filter(|&b| b != 0)
        .skip_while(|&b| b == 0xEF || b == 0xBB || b == 0xBF || b == 0xFE || b == 0xFF)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let mut rest: &[u8] = &ascii;
    loop {
        while let [b, tail @ ..] = rest {
            if b.is_ascii_whitespace() {
                rest = tail;
            } else {
                break;
            }
        }
        if rest.starts_with(b"<!--") {
            match memchr::memmem::find(rest, b"-->") {
                Some(end) => rest = &rest[end + 3..],
                None => return false,
            }
        } else if rest.starts_with(b"<?xml") {
            match memchr::memchr(b'>', rest) {
                Some(end) => rest = &rest[end + 1..],
                None => return false,
            }
        } else {
            break;
        }
    }
    rest.starts_with(b"<!doctype html") || rest.starts_with(b"<html") || rest.starts_with(b"<head")
}

/// What a block is, as the format says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The document's title.
    Title,
    /// A heading (a heading style, `<h1>`–`<h6>`, `#`).
    Heading,
    /// A paragraph of running text (numbered or not: the label says).
    Body,
    /// An item of a list.
    ListItem,
    /// A footnote or endnote, after the body.
    Footnote,
    /// A table cell.
    Cell,
    /// Text as the page laid it out (PDF): its lines kept, blank lines
    /// between paragraphs, form feeds between pages, for the segmenter to
    /// join wrapped lines, bridge page breaks and judge line-end hyphens.
    /// Rendered verbatim; such blocks come after all other items.
    Lines,
}

impl BlockKind {
    /// The paragraph kind a block of this kind forces, if any: headings and
    /// titles stay headings whatever their length, footnotes are footnotes.
    /// Other blocks are classified by the segmenter from their text.
    pub fn paragraph_kind(self) -> Option<ParagraphKind> {
        match self {
            BlockKind::Title => Some(ParagraphKind::Title),
            BlockKind::Heading => Some(ParagraphKind::Heading),
            BlockKind::Footnote => Some(ParagraphKind::Footnote),
            BlockKind::Body | BlockKind::ListItem | BlockKind::Cell | BlockKind::Lines => None,
        }
    }
}

/// One paragraph of a structured document.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// What the format says it is.
    pub kind: BlockKind,
    /// The printed label, resolved when the format numbers automatically
    /// (Word numbering, `<ol>`): `1.`, `(a)`, `Article 3`, `ii)`.
    pub label: Option<String>,
    /// The text, without the label; line breaks inside are spaces.
    pub text: String,
    /// The language the format declares for it (`lang` attribute, `w:lang`).
    pub lang: Option<Lang>,
}

impl Block {
    /// A block of `kind` with `text` and nothing else.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Block {
        Block {
            kind,
            label: None,
            text: text.into(),
            lang: None,
        }
    }

    /// The block with its printed label.
    pub fn labelled(mut self, label: impl Into<String>) -> Block {
        self.label = Some(label.into());
        self
    }
}

/// Something a reader left out of the text, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Omitted {
    /// The text left out (its first words are enough to recognise it).
    pub text: String,
    /// Why: `navigation`, `page header repeated on 12 pages`, `deleted revision`.
    pub reason: String,
}

/// Two language columns side by side (a two-column table, a page in two
/// columns), each read as its own side.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    /// What was found (`two-column table, English left`), for `inspect`.
    pub layout: String,
    /// The left column's blocks.
    pub left: Vec<Block>,
    /// The right column's blocks.
    pub right: Vec<Block>,
}

/// A structured document, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Structured {
    /// The format it was read as.
    pub format: SourceFormat,
    /// The paragraphs in reading order, omitted blocks in their place.
    pub items: Vec<Item>,
    /// Language columns side by side, when found: their blocks are also in
    /// `items`, left column first, so a reader of `items` alone sees a
    /// document holding both languages one after the other.
    pub columns: Option<String>,
}

/// A block, or text left out in its place.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A paragraph of the document.
    Block(Block),
    /// Text left out, with why.
    Omitted(Omitted),
}

impl Structured {
    /// A document of `format` from its items.
    pub fn new(format: SourceFormat, items: Vec<Item>) -> Structured {
        Structured {
            format,
            items,
            columns: None,
        }
    }

    /// A document holding two language columns: the left column's blocks,
    /// then the right's, the layout described for reports.
    pub fn from_columns(format: SourceFormat, columns: Columns, omitted: Vec<Omitted>) -> Self {
        let mut items: Vec<Item> = omitted.into_iter().map(Item::Omitted).collect();
        items.extend(columns.left.into_iter().map(Item::Block));
        items.extend(columns.right.into_iter().map(Item::Block));
        Structured {
            format,
            items,
            columns: Some(columns.layout),
        }
    }

    /// The text the segmenter reads: one item per line (label, a space, the
    /// text), a blank line between items, so item `i` is line `2i + 1`.
    /// Empty items are kept as a lone space so that numbering holds.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                out.push_str("\n\n");
            }
            if let Item::Block(b) = item
                && b.kind == BlockKind::Lines
            {
                out.push_str(&verbatim(&b.text));
                continue;
            }
            let line = match item {
                Item::Block(b) => match &b.label {
                    Some(l) if !b.text.is_empty() => format!("{l} {}", b.text),
                    Some(l) => l.clone(),
                    None => b.text.clone(),
                },
                Item::Omitted(o) => o.text.clone(),
            };
            let line = one_line(&line);
            out.push_str(if line.is_empty() { " " } else { &line });
        }
        out.push('\n');
        out
    }

    /// The item on 1-based line `line` of [`Structured::render`]'s text
    /// (for a [`BlockKind::Lines`] block, any of its lines).
    pub fn item_at_line(&self, line: usize) -> Option<&Item> {
        let is_lines = |i: &Item| matches!(i, Item::Block(b) if b.kind == BlockKind::Lines);
        if self.items.last().is_some_and(is_lines) {
            // Lines blocks come last: walk the items, counting their lines.
            let mut start = 1;
            for item in &self.items {
                let lines = match item {
                    Item::Block(b) if b.kind == BlockKind::Lines => {
                        verbatim(&b.text).matches('\n').count() + 1
                    }
                    _ => 1,
                };
                if line < start {
                    return None;
                }
                if line < start + lines {
                    return Some(item);
                }
                start += lines + 1;
            }
            return None;
        }
        line.checked_sub(1)
            .filter(|l| l % 2 == 0)
            .and_then(|l| self.items.get(l / 2))
    }
}

/// `text` on one line: line breaks and tabs as spaces, runs of spaces as one,
/// control characters out.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' {
            space = !out.is_empty();
        } else if !c.is_control() {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// A [`BlockKind::Lines`] block's text as rendered: control characters out
/// but line ends and form feeds, no line end at the end.
fn verbatim(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\x0c' || c == '\t')
        .collect();
    let text = text.trim_end_matches(['\n', '\x0c', ' ', '\t']);
    if text.is_empty() {
        " ".to_string()
    } else {
        text.to_string()
    }
}

/// The most bytes a reader inflates or builds from one file (zip entries,
/// decoded streams): a Word file whose XML inflates past it is refused as a
/// likely zip bomb.
pub const MAX_INFLATED: u64 = 512 << 20;

/// Whether natalign reads `format` as a structured document; a format it
/// does not read yet goes the text path, where the decoder refuses binary
/// files with what they look like.
pub fn supported(format: SourceFormat) -> bool {
    match format {
        SourceFormat::Text => false,
        SourceFormat::Docx | SourceFormat::Pdf | SourceFormat::Html | SourceFormat::Markdown => {
            true
        }
    }
}

/// Read a structured document of `format` (one [`supported`]).
///
/// # Errors
/// The reader's [`InputProblem`]: a corrupt or encrypted file, one that
/// inflates past the limit, a PDF with no text layer.
pub fn read(format: SourceFormat, bytes: &[u8]) -> Result<Structured, InputProblem> {
    match format {
        SourceFormat::Docx => crate::import::docx::read(bytes),
        SourceFormat::Pdf => crate::import::pdf::read(bytes),
        SourceFormat::Html => crate::import::html::read(bytes),
        SourceFormat::Markdown => crate::import::markdown::read(bytes),
        _ => Err(InputProblem::Binary(format!(
            "looks like {}, which natalign does not read",
            format.as_str()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(sniff("x.txt", b"%PDF-1.7\n"), SourceFormat::Pdf);
        assert_eq!(
            sniff("x", b"PK\x03\x04....word/document.xml"),
            SourceFormat::Docx
        );
        assert_eq!(
            sniff(
                "page.txt",
                b"\xef\xbb\xbf  <!-- saved -->\n<!DOCTYPE HTML><html>"
            ),
            SourceFormat::Html
        );
        assert_eq!(sniff("page", b"<html lang=\"fr\">"), SourceFormat::Html);
        assert_eq!(
            sniff("notes.md", b"# Title\n\nText"),
            SourceFormat::Markdown
        );
        assert_eq!(sniff("notes.txt", b"# Title\n\nText"), SourceFormat::Text);
        // A zip that is not Word, and text mentioning HTML, are not.
        assert_eq!(sniff("a.zip", b"PK\x03\x04data.csv"), SourceFormat::Text);
        assert_eq!(sniff("a.txt", b"The <html> tag opens"), SourceFormat::Text);
        // A fragment is a web page only when named as one.
        assert_eq!(sniff("a.html", b"\n <p>Text</p>"), SourceFormat::Html);
        assert_eq!(sniff("a.HTM", b"<!-- x --><div>"), SourceFormat::Html);
        assert_eq!(sniff("a.txt", b"<p>Text</p>"), SourceFormat::Text);
        assert_eq!(sniff("a.html", b"Text <p>"), SourceFormat::Text);
    }

    #[test]
    fn render_puts_item_i_on_line_2i_plus_1() {
        let s = Structured::new(
            SourceFormat::Docx,
            vec![
                Item::Block(Block::new(BlockKind::Heading, "Article 1")),
                Item::Omitted(Omitted {
                    text: "Share | Print".into(),
                    reason: "navigation".into(),
                }),
                Item::Block(Block::new(BlockKind::Body, "The Parties\nagree.").labelled("1.")),
                Item::Block(Block::new(BlockKind::Cell, "")),
            ],
        );
        let text = s.render();
        assert_eq!(
            text,
            "Article 1\n\nShare | Print\n\n1. The Parties agree.\n\n \n"
        );
        assert!(
            matches!(s.item_at_line(5), Some(Item::Block(b)) if b.label.as_deref() == Some("1."))
        );
        assert_eq!(s.item_at_line(2), None);
    }
}

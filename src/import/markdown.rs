//! Markdown files as blocks, read by a CommonMark parser (pulldown-cmark).
//!
//! Input: a `.md` file's bytes (any encoding the text path reads,
//! [`crate::decode`]). Output: a [`Structured`] of format
//! [`SourceFormat::Markdown`]: `#` headings as headings (the first level-1
//! heading the title), paragraphs, list items (ordered ones labelled `N.` or
//! `N)` as written, numbered from the list's start; bullet items unlabelled),
//! block quotes' and footnotes' paragraphs, code blocks as text, tables cell
//! by cell (a two-column English|French table as two language columns,
//! [`crate::import::columns`]); emphasis, links, images and inline HTML
//! reduced to their text by the same function as the text path's
//! (`segment::markdown::reduce_inline`); an HTML block as its text, or omitted
//! (`html block`) when it shows none; YAML front matter omitted
//! (`front matter`).
//!
//! Guarantees: nothing of the file's text is lost (what is not a block is an
//! omitted item with its reason); pulldown-cmark parses without recursion on
//! the input's nesting, and this reader keeps its own state on the heap;
//! never panics.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::document::Lang;
use crate::error::InputProblem;
use crate::import::columns;
use crate::import::structured::{
    Block, BlockKind, Item, Omitted, SourceFormat, Structured, one_line,
};
use crate::segment::{Inline, reduce_inline};

/// Read a Markdown file.
///
/// # Errors
/// What the text path's decoder refuses (binary data, an empty file), and
/// [`InputProblem::BadDocument`] for a file with no text.
pub fn read(bytes: &[u8]) -> Result<Structured, InputProblem> {
    let decoded = crate::decode::decode(bytes)?;
    let source = decoded.text;
    let mut reader = Reader::default();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_FOOTNOTES;
    for (event, range) in Parser::new_ext(&source, options).into_offset_iter() {
        let at = source.get(range.start..).unwrap_or("");
        reader.event(event, at);
    }
    reader.flush();
    if !reader.items.iter().any(|i| matches!(i, Item::Block(_))) {
        return Err(InputProblem::BadDocument(
            "no text in the Markdown file".into(),
        ));
    }
    Ok(columns::into_columns(
        SourceFormat::Markdown,
        reader.items,
        &reader.bilingual,
    ))
}

/// An open block.
enum Frame {
    Heading,
    Item { label: Option<String> },
    List { next: Option<u64> },
    Cell,
    Footnote,
    Other,
}

#[derive(Default)]
struct Reader {
    items: Vec<Item>,
    frames: Vec<Frame>,
    text: String,
    titled: bool,
    /// A level-1 heading is open and will be the title.
    title_open: bool,
    /// Raw text of an HTML block or front matter being read.
    raw: Option<(String, &'static str)>,
    rows: Vec<Vec<std::ops::Range<usize>>>,
    bilingual: Vec<columns::Found>,
}

impl Reader {
    fn event(&mut self, event: Event<'_>, at: &str) {
        if let Some((raw, _)) = &mut self.raw {
            match event {
                Event::End(TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => self.end_raw(),
                Event::Text(t) | Event::Html(t) => raw.push_str(&t),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, at),
            Event::End(tag) => self.end(tag),
            Event::Html(t) => self.text.push_str(&t),
            Event::Rule => self.flush(),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
            other => {
                if reduce_inline(&other, &mut self.text) == Inline::Other {
                    if let Event::InlineMath(t) | Event::DisplayMath(t) = other {
                        self.text.push_str(&t);
                    }
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, at: &str) {
        match tag {
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript => {}
            Tag::HtmlBlock => {
                self.flush();
                self.raw = Some((String::new(), "html block"));
            }
            Tag::MetadataBlock(_) => {
                self.flush();
                self.raw = Some((String::new(), "front matter"));
            }
            Tag::Heading { level, .. } => {
                self.flush();
                if level == pulldown_cmark::HeadingLevel::H1 && !self.titled {
                    self.titled = true;
                    self.title_open = true;
                }
                self.frames.push(Frame::Heading);
            }
            Tag::List(start) => {
                self.flush();
                self.frames.push(Frame::List { next: start });
            }
            Tag::Item => {
                self.flush();
                let label = match self.frames.last_mut() {
                    Some(Frame::List { next: Some(n) }) => {
                        let delim = marker_delimiter(at);
                        let label = format!("{n}{delim}");
                        *n = n.saturating_add(1);
                        Some(label)
                    }
                    _ => None,
                };
                self.frames.push(Frame::Item { label });
            }
            Tag::Table(_) => {
                self.flush();
                self.rows.clear();
                self.frames.push(Frame::Other);
            }
            Tag::TableHead | Tag::TableRow => {
                self.flush();
                self.rows.push(Vec::new());
                self.frames.push(Frame::Other);
            }
            Tag::TableCell => {
                self.flush();
                let at = self.items.len();
                if let Some(row) = self.rows.last_mut() {
                    row.push(at..at);
                }
                self.frames.push(Frame::Cell);
            }
            Tag::FootnoteDefinition(_) => {
                self.flush();
                self.frames.push(Frame::Footnote);
            }
            _ => {
                self.flush();
                self.frames.push(Frame::Other);
            }
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript => return,
            _ => {}
        }
        self.flush();
        match tag {
            TagEnd::TableCell => {
                let end = self.items.len();
                if let Some(cell) = self.rows.last_mut().and_then(|r| r.last_mut()) {
                    cell.end = end;
                }
            }
            TagEnd::Table => self.end_table(),
            TagEnd::Heading(_) => self.title_open = false,
            _ => {}
        }
        self.frames.pop();
    }

    fn end_raw(&mut self) {
        let Some((raw, reason)) = self.raw.take() else {
            return;
        };
        let shown = if reason == "html block" {
            crate::import::html::fragment_text(&raw)
        } else {
            String::new()
        };
        if shown.is_empty() {
            let text = one_line(&raw);
            if !text.is_empty() {
                self.items.push(Item::Omitted(Omitted {
                    text,
                    reason: reason.to_string(),
                }));
            }
        } else {
            self.items
                .push(Item::Block(Block::new(BlockKind::Body, shown)));
        }
    }

    fn end_table(&mut self) {
        let rows = std::mem::take(&mut self.rows);
        let texts: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| {
                        let parts: Vec<&str> = self.items[c.clone()]
                            .iter()
                            .filter_map(|i| match i {
                                Item::Block(b) => Some(b.text.as_str()),
                                Item::Omitted(_) => None,
                            })
                            .collect();
                        parts.join(" ")
                    })
                    .collect()
            })
            .collect();
        let Some(langs) = columns::language_columns(&texts) else {
            return;
        };
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for r in &rows {
            for (i, c) in r.iter().enumerate() {
                if i == 1 {
                    right.extend(c.clone());
                } else {
                    left.extend(c.clone());
                }
            }
        }
        self.bilingual.push(columns::Found {
            left,
            right,
            langs,
            rows: rows.len(),
        });
    }

    /// The text gathered since the last block boundary, as a block.
    fn flush(&mut self) {
        let text = one_line(&self.text);
        self.text.clear();
        if text.is_empty() {
            return;
        }
        let mut kind = BlockKind::Body;
        for f in self.frames.iter().rev() {
            kind = match f {
                Frame::Heading if self.title_open => BlockKind::Title,
                Frame::Heading => BlockKind::Heading,
                Frame::Item { .. } => BlockKind::ListItem,
                Frame::Cell => BlockKind::Cell,
                Frame::Footnote => BlockKind::Footnote,
                Frame::List { .. } | Frame::Other => continue,
            };
            break;
        }
        let mut label = None;
        for f in self.frames.iter_mut().rev() {
            if let Frame::Item { label: l } = f {
                label = l.take();
                break;
            }
        }
        self.items.push(Item::Block(Block {
            kind,
            label,
            text,
            lang: None::<Lang>,
        }));
    }
}

/// `.` or `)`, as the ordered list item's marker at the start of `at` has it.
fn marker_delimiter(at: &str) -> char {
    let rest = at
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit());
    if rest.starts_with(')') { ')' } else { '.' }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(md: &str) -> Vec<String> {
        read(md.as_bytes())
            .expect("read")
            .items
            .into_iter()
            .map(|i| match i {
                Item::Block(b) => match b.label {
                    Some(l) => format!("{:?} {l} {}", b.kind, b.text),
                    None => format!("{:?} {}", b.kind, b.text),
                },
                Item::Omitted(o) => format!("[{}] {}", o.reason, o.text),
            })
            .collect()
    }

    #[test]
    fn blocks_lists_and_inline_markup() {
        let md = "---\ntitle: x\n---\n\n# The *Agreement*\n\n## Article 1\n\nThe **Parties** \
                  [agree](https://x.org) `now`.\n\n3. Three\n4. Four\n   - bullet\n\n7) Seven\n\n\
                  * one\n\n> Quoted\n\n```\ncode  here\n```\n\n<div>Shown <b>text</b></div>\n\n<!-- comment -->\n";
        assert_eq!(
            shown(md),
            [
                "[front matter] title: x",
                "Title The Agreement",
                "Heading Article 1",
                "Body The Parties agree now.",
                "ListItem 3. Three",
                "ListItem 4. Four",
                "ListItem bullet",
                "ListItem 7) Seven",
                "ListItem one",
                "Body Quoted",
                "Body code here",
                "Body Shown text",
                "[html block] <!-- comment -->",
            ]
        );
    }

    #[test]
    fn loose_list_items_keep_their_label_on_the_first_paragraph() {
        assert_eq!(
            shown("1. First\n\n   More\n\n2. Second\n"),
            ["ListItem 1. First", "ListItem More", "ListItem 2. Second"]
        );
    }

    #[test]
    fn tables_cell_by_cell_and_bilingual_tables_as_columns() {
        assert_eq!(
            shown("| Year | City |\n|---|---|\n| 1951 | Ottawa |\n"),
            ["Cell Year", "Cell City", "Cell 1951", "Cell Ottawa"]
        );
        let md = "| English | Français |\n|---|---|\n\
                  | The Parties agree that the Organisation shall have legal personality. | Les Parties conviennent que l’Organisation possède la personnalité juridique. |\n\
                  | This Agreement shall be open for signature by the Member States. | Le présent Accord est ouvert à la signature des États membres. |\n";
        let s = read(md.as_bytes()).unwrap();
        assert_eq!(
            s.columns.as_deref(),
            Some("two-column table (English left, French right), 3 rows")
        );
    }

    #[test]
    fn no_text_is_a_bad_document() {
        assert!(read(b"<!-- only a comment -->\n").is_err());
        assert!(read(b"").is_err());
    }
}

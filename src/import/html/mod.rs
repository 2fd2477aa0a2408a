//! Web pages (HTML) as blocks: the page's main content in reading order,
//! its furniture left out with why.
//!
//! Input: a page's bytes (any encoding, `charset`). Output: a
//! [`Structured`] of format [`SourceFormat::Html`]: `<p>`, `<li>`,
//! `<h1>`–`<h6>` (the first `<h1>` the title), data-table cells,
//! `<blockquote>`, `<dt>`/`<dd>`, `<pre>` and text directly inside `<div>`,
//! `<section>`, `<article>` as blocks (inline markup is text, `<br>` a space);
//! `<ol>` labels resolved as printed (`lists`); each block's `lang`
//! (inherited `lang` attribute); navigation, headers, footers, cookie
//! banners, breadcrumbs, share and link lists as [`Omitted`] with their reason
//! (`boilerplate`); a two-column table with English in one column and
//! French in the other as two language columns.
//!
//! Guarantees: the parser is html5ever (through scraper, entities decoded,
//! malformed markup repaired as browsers do); every walk over the tree is
//! iterative, so nesting depth costs memory, never stack; `<script>`,
//! `<style>`, `<noscript>`, `<template>`, `<svg>` and the `<head>` give
//! nothing, not even omitted text; a page with no text in its main content is
//! [`InputProblem::BadDocument`]; never panics.

mod boilerplate;
mod charset;
mod lists;

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, iter::Edge};
use scraper::{Html, Node};

use crate::document::Lang;
use crate::error::InputProblem;
use crate::import::columns;
use crate::import::structured::{
    Block, BlockKind, Item, Omitted, SourceFormat, Structured, one_line,
};
use boilerplate::Stats;
use lists::Counter;

/// Read a web page.
///
/// # Errors
/// [`InputProblem::BadDocument`] for binary data, or a page with no text in
/// its main content.
pub fn read(bytes: &[u8]) -> Result<Structured, InputProblem> {
    let (text, _encoding) = charset::decode(bytes);
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !c.is_whitespace())
        .count();
    if controls > 0 && controls * 20 > text.chars().count().min(1 << 20) {
        return Err(InputProblem::BadDocument(
            "not a web page: binary data after the markup".into(),
        ));
    }
    if let Some(depth) = too_deep(&text) {
        return Err(InputProblem::BadDocument(format!(
            "markup nested more than {depth} elements deep (browsers stop at 512): not read"
        )));
    }
    let html = Html::parse_document(&text);
    let mut walker = Walker::new(&html);
    walker.walk(&html);
    walker.finish()
}

/// Deepest element nesting read: past it, the parser's work grows with the
/// square of the depth (each start tag looks through the open elements).
const MAX_DEPTH: usize = 4096;

/// `Some(MAX_DEPTH)` when the markup nests elements deeper than it, counted
/// on the tags alone: a start tag opens one, an end tag closes one; void
/// elements, self-closing tags and the elements whose end tag may be left out
/// (`p`, `li`, `td`…, which the next one closes) do not count.
fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        match rest.first() {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let end = rest
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(rest.len());
                let name = String::from_utf8_lossy(&rest[..end]).to_ascii_lowercase();
                let close = memchr::memchr(b'>', rest).unwrap_or(rest.len());
                let self_closing = close > 0 && rest[close - 1] == b'/';
                let free = matches!(
                    name.as_str(),
                    "area"
                        | "base"
                        | "br"
                        | "col"
                        | "embed"
                        | "hr"
                        | "img"
                        | "input"
                        | "link"
                        | "meta"
                        | "source"
                        | "track"
                        | "wbr"
                        | "p"
                        | "li"
                        | "dt"
                        | "dd"
                        | "tr"
                        | "td"
                        | "th"
                        | "option"
                        | "optgroup"
                        | "tbody"
                        | "thead"
                        | "tfoot"
                        | "colgroup"
                        | "caption"
                        | "rp"
                        | "rt"
                        | "html"
                        | "head"
                        | "body"
                );
                if !free && !self_closing {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Some(MAX_DEPTH);
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether an element ends a block of text where it opens and closes.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// The language a `lang` attribute names, if English or French.
fn lang_of(attr: &str) -> Option<Lang> {
    let a = attr.trim().to_ascii_lowercase();
    if a == "en" || a.starts_with("en-") || a.starts_with("en_") {
        Some(Lang::En)
    } else if a == "fr" || a.starts_with("fr-") || a.starts_with("fr_") {
        Some(Lang::Fr)
    } else {
        None
    }
}

/// An open element, as the walk sees it.
struct Frame {
    id: NodeId,
    /// The kind of block its own text makes, for block elements.
    kind: Option<BlockKind>,
    /// A list item's printed label, until its first block takes it.
    label: Option<String>,
    is_li: bool,
    /// A plain container (`div`, `section`, a layout cell, `p`): its text,
    /// when mostly links, is a link list.
    plain: bool,
    lang: Option<Lang>,
    counter: Option<Counter>,
}

/// A data table being read: its rows of cells, each cell the items it gave.
struct Table {
    id: NodeId,
    layout: bool,
    rows: Vec<Vec<Cell>>,
}

struct Cell {
    items: std::ops::Range<usize>,
    lang: Option<Lang>,
}

struct Walker {
    stats: HashMap<NodeId, Stats>,
    root: Option<NodeId>,
    ancestors: HashSet<NodeId>,
    in_root: bool,
    items: Vec<Item>,
    frames: Vec<Frame>,
    text: String,
    letters: usize,
    link_letters: usize,
    links: usize,
    omit: Option<(NodeId, &'static str, String)>,
    skip: Option<NodeId>,
    titled: bool,
    tables: Vec<Table>,
    bilingual: Vec<columns::Found>,
}

impl Walker {
    fn new(html: &Html) -> Walker {
        let top = html.tree.root();
        let stats = boilerplate::stats(top);
        let root = boilerplate::main_root(top, &stats);
        let ancestors = root
            .and_then(|id| html.tree.get(id))
            .map(|n| n.ancestors().map(|a| a.id()).collect())
            .unwrap_or_default();
        Walker {
            stats,
            root,
            ancestors,
            in_root: false,
            items: Vec::new(),
            frames: Vec::new(),
            text: String::new(),
            letters: 0,
            link_letters: 0,
            links: 0,
            omit: None,
            skip: None,
            titled: false,
            tables: Vec::new(),
            bilingual: Vec::new(),
        }
    }

    fn walk(&mut self, html: &Html) {
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if self.skip.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Element(e) => self.open(node, e),
                        Node::Text(t) => self.push_text(t),
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if let Some(id) = self.skip {
                        if id == node.id() {
                            self.skip = None;
                        }
                        continue;
                    }
                    if let Node::Element(e) = node.value() {
                        self.close(node.id(), e);
                    }
                }
            }
        }
        self.flush();
    }

    fn open(&mut self, node: ego_tree::NodeRef<'_, Node>, e: &scraper::node::Element) {
        let id = node.id();
        let name = e.name();
        if boilerplate::ignored(name) {
            self.skip = Some(id);
            return;
        }
        let block = is_block(name);
        if block {
            self.flush();
        }
        if name == "br" || name == "hr" {
            self.push_str(" ");
        }
        if name == "a" && e.attr("href").is_some() {
            self.links += 1;
        }
        if self.omit.is_none() {
            let outside = self
                .root
                .is_some_and(|r| !self.in_root && r != id && !self.ancestors.contains(&id));
            let reason = if outside {
                Some(
                    boilerplate::judge(e, self.stats.get(&id), false)
                        .unwrap_or("outside the main content"),
                )
            } else if block && Some(id) != self.root {
                let in_main = self.root.is_some() && self.in_root;
                boilerplate::judge(e, self.stats.get(&id), in_main)
            } else {
                None
            };
            if let Some(reason) = reason {
                self.omit = Some((id, reason, String::new()));
            }
        }
        if Some(id) == self.root {
            self.in_root = true;
        }
        let parent_lang = self.frames.last().and_then(|f| f.lang);
        let lang = match e.attr("lang").or_else(|| e.attr("xml:lang")) {
            Some(a) => lang_of(a),
            None => parent_lang,
        };
        let in_data_table = self.tables.last().is_some_and(|t| !t.layout);
        let mut kind = match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
            "li" => Some(BlockKind::ListItem),
            "td" | "th" if in_data_table => Some(BlockKind::Cell),
            _ if block => Some(BlockKind::Body),
            _ => None,
        };
        if name == "h1" && !self.titled && self.omit.is_none() {
            self.titled = true;
            kind = Some(BlockKind::Title);
        }
        let label = if name == "li" {
            let value = e.attr("value");
            self.frames
                .iter_mut()
                .rev()
                .find_map(|f| f.counter.as_mut())
                .and_then(|c| c.label(value))
        } else {
            None
        };
        let counter = match name {
            "ol" => {
                let items = node
                    .children()
                    .filter(|c| matches!(c.value(), Node::Element(li) if li.name() == "li"))
                    .count();
                Some(Counter::ordered(
                    e.attr("start"),
                    e.attr("type"),
                    e.attr("reversed").is_some(),
                    items,
                ))
            }
            "ul" | "menu" => Some(Counter::unordered()),
            _ => None,
        };
        let plain = matches!(
            name,
            "div" | "section" | "article" | "body" | "p" | "center"
        ) || (matches!(name, "td" | "th") && !in_data_table);
        match name {
            "table" => {
                let layout = matches!(e.attr("role"), Some("presentation" | "none"))
                    || self.stats.get(&id).is_some_and(|s| s.structure);
                self.tables.push(Table {
                    id,
                    layout,
                    rows: Vec::new(),
                });
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut().filter(|t| !t.layout) {
                    t.rows.push(Vec::new());
                }
            }
            "td" | "th" => {
                let at = self.items.len();
                if let Some(row) = self
                    .tables
                    .last_mut()
                    .filter(|t| !t.layout)
                    .and_then(|t| t.rows.last_mut())
                {
                    row.push(Cell {
                        items: at..at,
                        lang,
                    });
                }
            }
            _ => {}
        }
        self.frames.push(Frame {
            id,
            kind,
            label,
            is_li: name == "li",
            plain,
            lang,
            counter,
        });
    }

    fn close(&mut self, id: NodeId, e: &scraper::node::Element) {
        let name = e.name();
        if is_block(name) {
            self.flush();
        }
        if name == "a" && e.attr("href").is_some() {
            self.links = self.links.saturating_sub(1);
        }
        match name {
            "td" | "th" => {
                let end = self.items.len();
                if let Some(cell) = self
                    .tables
                    .last_mut()
                    .filter(|t| !t.layout)
                    .and_then(|t| t.rows.last_mut())
                    .and_then(|r| r.last_mut())
                {
                    cell.items.end = end;
                }
            }
            "table" if self.tables.last().is_some_and(|t| t.id == id) => {
                if let Some(t) = self.tables.pop() {
                    self.finish_table(t);
                }
            }
            _ => {}
        }
        if self.omit.as_ref().is_some_and(|(o, _, _)| *o == id) {
            if let Some((_, reason, text)) = self.omit.take() {
                let text = one_line(&text);
                if !text.is_empty() {
                    let reason = boilerplate::refine(reason, &text);
                    self.items.push(Item::Omitted(Omitted {
                        text,
                        reason: reason.to_string(),
                    }));
                }
            }
        }
        if Some(id) == self.root {
            self.in_root = false;
        }
        if self.frames.last().is_some_and(|f| f.id == id) {
            self.frames.pop();
        }
    }

    fn push_text(&mut self, t: &str) {
        if self.omit.is_none() {
            let n = t.chars().filter(|c| c.is_alphanumeric()).count();
            self.letters += n;
            if self.links > 0 {
                self.link_letters += n;
            }
        }
        self.push_str(t);
    }

    fn push_str(&mut self, t: &str) {
        match &mut self.omit {
            Some((_, _, text)) => text.push_str(t),
            None => self.text.push_str(t),
        }
    }

    /// The text gathered since the last block boundary, as a block.
    fn flush(&mut self) {
        if let Some((_, _, text)) = &mut self.omit {
            text.push(' ');
            return;
        }
        let text = one_line(&self.text);
        self.text.clear();
        let (letters, links) = (self.letters, self.link_letters);
        (self.letters, self.link_letters) = (0, 0);
        if text.is_empty() {
            return;
        }
        let holder = self.frames.iter().rev().find(|f| f.kind.is_some());
        let kind = holder.and_then(|f| f.kind).unwrap_or(BlockKind::Body);
        let plain = holder.is_none_or(|f| f.plain);
        let lang = self.frames.last().and_then(|f| f.lang);
        if plain && letters > 0 && links * 10 >= letters * 6 {
            let reason = boilerplate::refine("link list", &text);
            self.items.push(Item::Omitted(Omitted {
                text,
                reason: reason.to_string(),
            }));
            return;
        }
        let mut label = None;
        for f in self.frames.iter_mut().rev() {
            if f.label.is_some() {
                label = f.label.take();
                break;
            }
            if f.is_li {
                break;
            }
        }
        self.items.push(Item::Block(Block {
            kind,
            label,
            text,
            lang,
        }));
    }

    /// A data table closed: is it two language columns?
    fn finish_table(&mut self, t: Table) {
        let rows: Vec<&Vec<Cell>> = t.rows.iter().filter(|r| !r.is_empty()).collect();
        if rows.is_empty() {
            return;
        }
        let text_of = |c: &Cell| -> String {
            let parts: Vec<&str> = self.items[c.items.clone()]
                .iter()
                .filter_map(|i| match i {
                    Item::Block(b) => Some(b.text.as_str()),
                    Item::Omitted(_) => None,
                })
                .collect();
            parts.join(" ")
        };
        let texts: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(text_of).collect())
            .collect();
        // Declared languages first: every two-cell row's cells saying the
        // same language per column, different between columns.
        let declared = |i: usize| -> Option<Lang> {
            let mut langs = rows.iter().filter(|r| r.len() == 2).map(|r| r[i].lang);
            let first = langs.next()??;
            langs.all(|l| l == Some(first)).then_some(first)
        };
        let langs = match (declared(0), declared(1)) {
            (Some(a), Some(b)) if a != b => Some((a, b)),
            _ => columns::language_columns(&texts),
        };
        let Some(langs) = langs else { return };
        let (mut left, mut right) = (Vec::new(), Vec::new());
        for r in &rows {
            for (i, c) in r.iter().enumerate() {
                let side = if i == 1 { &mut right } else { &mut left };
                side.extend(c.items.clone());
            }
        }
        self.bilingual.push(columns::Found {
            left,
            right,
            langs,
            rows: rows.len(),
        });
    }

    fn finish(self) -> Result<Structured, InputProblem> {
        if !self.items.iter().any(|i| matches!(i, Item::Block(_))) {
            let mut reasons: Vec<&str> = Vec::new();
            for i in &self.items {
                if let Item::Omitted(o) = i {
                    if !reasons.contains(&o.reason.as_str()) {
                        reasons.push(&o.reason);
                    }
                }
            }
            let why = if reasons.is_empty() {
                "the page holds no text".to_string()
            } else {
                format!("left out as page furniture: {}", reasons.join(", "))
            };
            return Err(InputProblem::BadDocument(format!(
                "no text in the page's main content ({why})"
            )));
        }
        Ok(columns::into_columns(
            SourceFormat::Html,
            self.items,
            &self.bilingual,
        ))
    }
}

#[cfg(test)]
mod tests;

/// The text a browser shows of an HTML fragment (an HTML block of a Markdown
/// file), on one line: its text outside ignored elements, block boundaries
/// and `<br>` as spaces. Iterative, like the page walk.
pub(crate) fn fragment_text(fragment: &str) -> String {
    let html = Html::parse_fragment(fragment);
    let mut out = String::new();
    let mut skip: Option<NodeId> = None;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) if skip.is_none() => match node.value() {
                Node::Element(e) if boilerplate::ignored(e.name()) => skip = Some(node.id()),
                Node::Element(e) if is_block(e.name()) || e.name() == "br" => out.push(' '),
                Node::Text(t) => out.push_str(t),
                _ => {}
            },
            Edge::Close(node) if skip == Some(node.id()) => skip = None,
            Edge::Close(node) if skip.is_none() => {
                if let Node::Element(e) = node.value() {
                    if is_block(e.name()) {
                        out.push(' ');
                    }
                }
            }
            _ => {}
        }
    }
    one_line(&out)
}

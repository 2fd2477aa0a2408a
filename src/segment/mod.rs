//! Stage 3: text → paragraphs.
//!
//! Input: the decoded and repaired text of one file. Output: every
//! [`Paragraph`] of it in source order, noise included, each with its kind, its
//! printed label and [`NumberKey`], its text and its source lines and bytes.
//! Guarantees:
//! - nothing is lost: every character of the input that cleaning keeps (all
//!   but whitespace, soft hyphens and control characters) is in a
//!   paragraph's span (noise lines included, with a reason), and every
//!   paragraph's text is built only from its span. Text paragraphs' spans are
//!   disjoint and in order, and so are noise paragraphs'; page furniture that a
//!   paragraph goes on across (a page number, a form feed, a running header) is
//!   its own noise paragraph whose span lies inside that paragraph's span, but
//!   not in its text (fuzzed: `fuzz/src/lib.rs`). Markdown inline markup is
//!   kept by the span only: `text` holds what the page showed (`**bold**` →
//!   `bold`, `segment/markdown.rs`); text without markup is left byte for byte;
//! - hard-wrapped lines (PDF extraction) are joined into one paragraph, and a page
//!   break (blank lines, form feed, a lone page number) inside a sentence does not
//!   end the paragraph; a line that stops short of the margin although the next
//!   line's first word would have fitted ends its paragraph, so consecutive
//!   headings, and a heading and its text, stay apart;
//! - line-end hyphens are removed when they only split a word and kept in real
//!   compounds (`like-minded`), judged from the document's own vocabulary;
//! - text is NFC, without soft hyphens, ligatures or control characters, with runs
//!   of ordinary whitespace folded to one space (U+00A0 and U+202F alone are kept:
//!   they are French typography);
//! - labels (`1.`, `(a)`, `Article 3` opening a paragraph) are removed from the
//!   text and kept in `label`/`key`; a heading keeps its label in its text
//!   (a markdown `#` is only its label). An `Article`, `PART`, `TITRE`… label
//!   before a title (text not ending like a sentence) makes a heading whatever
//!   its length or language, so both sides keep the label alike; a heading
//!   citing a sub-unit (`PARAGRAPH 2 OF ARTICLE 8`) is keyed by it
//!   (`Article 8 2`), and so are the items below (`Article 8 2 (a)`).
//!
//! Language is not known yet: [`crate::langid`] fills it in. [`sentence`]
//! splits a paragraph's text into sentences, for `--unit sentence`.

mod label;
mod markdown;
pub mod sentence;

pub(crate) use label::roman;
pub(crate) use markdown::{Inline, reduce_inline};

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::document::{NumberKey, Paragraph, ParagraphKind};
use label::{Label, LabelValue};

/// How a physical line was classified.
#[derive(Debug, Clone, PartialEq)]
enum LineClass {
    Blank,
    /// A form feed or a lone page number: a page break, which may fall inside a
    /// paragraph.
    PageBreak(Option<&'static str>),
    /// Not text and not a page break: table rules, running headers.
    Noise(&'static str),
    Content,
}

#[derive(Debug)]
struct Line<'a> {
    /// The line without its line end and trailing whitespace.
    text: &'a str,
    /// Byte offset of `text` in the source.
    start: usize,
    /// 1-based line number.
    no: usize,
    class: LineClass,
}

impl Line<'_> {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Split into physical lines at `\n` and form feeds; form feeds become their own
/// page-break lines so the text around them stays intact.
fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut no = 1;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' || c == '\x0c' {
            lines.push(Line {
                text: text[start..i].trim_end(),
                start,
                no,
                class: LineClass::Content,
            });
            if c == '\x0c' {
                lines.push(Line {
                    text: &text[i..i + 1],
                    start: i,
                    no,
                    class: LineClass::PageBreak(Some("form feed")),
                });
            } else {
                no += 1;
            }
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        lines.push(Line {
            text: text[start..].trim_end(),
            start,
            no,
            class: LineClass::Content,
        });
    }
    lines
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:/|of|sur)\s*\d{1,4})?(?:\s*[-–—])?\s*$",
    )
    .unwrap()
});

/// A line with no letters or digits made of table and rule characters.
fn is_rule_line(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty()
        && t.chars().all(|c| {
            c.is_whitespace()
                || matches!(
                    c,
                    '|' | '-'
                        | ':'
                        | '+'
                        | '='
                        | '_'
                        | '*'
                        | '~'
                        | '─'
                        | '│'
                        | '┼'
                        | '—'
                        | '–'
                        | '.'
                        | '#'
                )
        })
}

fn classify(lines: &mut [Line<'_>]) {
    for line in lines.iter_mut() {
        if line.class != LineClass::Content {
            continue;
        }
        let t = line.text.trim();
        // Nothing left once cleaned (soft hyphens, control characters): blank,
        // not a paragraph with no text.
        line.class = if t
            .chars()
            .all(|c| c.is_whitespace() || c == '\u{ad}' || c.is_control())
        {
            LineClass::Blank
        } else if is_rule_line(t) {
            LineClass::Noise("table remnant or rule line")
        } else if PAGE_NUMBER.is_match(t) && !t.ends_with('.') {
            LineClass::PageBreak(Some("page number"))
        } else {
            LineClass::Content
        };
    }
    // A lone number is a page number only next to a break; elsewhere ("1" alone
    // before its paragraph) it may be a label on its own line.
    for i in 0..lines.len() {
        if lines[i].class == LineClass::PageBreak(Some("page number")) {
            let near_break = |j: Option<usize>| {
                j.and_then(|j| lines.get(j))
                    .is_none_or(|l| !matches!(l.class, LineClass::Content))
            };
            if !(near_break(i.checked_sub(1)) || near_break(Some(i + 1))) {
                lines[i].class = LineClass::Content;
            }
        }
    }
    mark_running_headers(lines);
}

const RUNNING_HEADER: &str = "running header or footer";

/// Short lines repeated three or more times, each next to a page break or a blank,
/// are running headers or footers.
fn mark_running_headers(lines: &mut [Line<'_>]) {
    // Only a paginated text (form feeds or page numbers) has running headers;
    // elsewhere a repeated short line is text said twice.
    let page_marks = lines
        .iter()
        .filter(|l| matches!(l.class, LineClass::PageBreak(Some(_))))
        .count();
    if page_marks < 2 {
        return;
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for line in lines.iter() {
        let t = line.text.trim();
        if line.class == LineClass::Content && t.chars().count() < 80 {
            *counts.entry(t).or_default() += 1;
        }
    }
    let repeated: HashSet<String> = counts
        .into_iter()
        .filter(|&(t, n)| n >= 3 && label::parse(t, false).is_none())
        .map(|(t, _)| t.to_string())
        .collect();
    if repeated.is_empty() {
        return;
    }
    let is_break = |l: Option<&Line<'_>>| l.is_none_or(|l| l.class != LineClass::Content);
    let mut mark = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.class == LineClass::Content && repeated.contains(line.text.trim()) {
            let prev = i.checked_sub(1).and_then(|j| lines.get(j));
            if is_break(prev) || is_break(lines.get(i + 1)) {
                mark.push(i);
            }
        }
    }
    for i in mark {
        lines[i].class = LineClass::Noise(RUNNING_HEADER);
    }
}

/// Sentence-final punctuation at the end of a line.
fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| {
        matches!(c, '"' | '”' | '»' | '’' | '\'' | ')' | ']' | '*') || c.is_whitespace()
    });
    t.ends_with(['.', '!', '?', ':', ';', '…'])
}

fn starts_lowercase(t: &str) -> bool {
    t.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// Layout facts about a document that decide how lines join.
struct Layout {
    /// Lines are hard-wrapped at about this many characters (PDF extraction).
    wrap: Option<usize>,
}

fn layout(lines: &[Line<'_>]) -> Layout {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| l.class == LineClass::Content)
        .map(|l| l.text.trim().chars().count())
        .collect();
    if lens.len() < 4 {
        return Layout { wrap: None };
    }
    lens.sort_unstable();
    let width = lens[(lens.len() * 9) / 10];
    let near = lens.iter().filter(|&&n| n * 10 >= width * 6).count();
    let unfinished = lines
        .iter()
        .filter(|l| l.class == LineClass::Content && !ends_sentence(l.text))
        .count();
    let wrapped = width <= 200 && near * 2 >= lens.len() && unfinished * 10 >= lens.len() * 3;
    Layout {
        wrap: wrapped.then_some(width),
    }
}

/// A paragraph under construction: the content lines it takes.
struct Draft {
    lines: Vec<usize>,
}

/// Whether line `cur` starts a new paragraph when it follows `prev` directly
/// (no blank line between).
fn breaks_before(prev: &Line<'_>, cur: &Line<'_>, layout: &Layout) -> bool {
    match layout.wrap {
        Some(width) => {
            if label::parse(cur.text, !ends_sentence(prev.text)).is_some() {
                return true;
            }
            if starts_lowercase(cur.text) {
                return false;
            }
            let prev_len = prev.text.trim().chars().count();
            // In wrapped text a short line that ends a sentence ends its paragraph.
            if ends_sentence(prev.text) {
                return prev_len * 4 < width * 3;
            }
            // A line that stops well before the margin, though the next line's
            // first word would have fitted, was not wrapped: its end is the
            // author's. So a heading ends there, before the next heading or the
            // text under it; a long heading wrapped at the margin goes on.
            let next_word = cur.text.split_whitespace().next().unwrap_or("");
            (prev_len + 1 + next_word.chars().count()) * 4 < width * 3
        }
        None => {
            if label::parse(cur.text, false).is_some() {
                return true;
            }
            // One line per paragraph (web text): a line continues the previous one
            // only when it visibly continues the sentence.
            let unfinished = !ends_sentence(prev.text);
            let continues = starts_lowercase(cur.text)
                || (unfinished && prev.text.trim().chars().count() >= 150)
                // "…to spend\n2 per cent": a number that is not a label.
                || (unfinished
                    && cur.text.trim_start().starts_with(|c: char| c.is_ascii_digit())
                    && !is_metadata(cur.text));
            !continues
        }
    }
}

/// Whether a paragraph ending with `last` continues after a blank line / page
/// break into `next`: the sentence is unfinished and the next line is lowercase.
fn continues_across_break(last: &Line<'_>, next: &Line<'_>) -> bool {
    let last_text = last.text.trim_end();
    starts_lowercase(next.text)
        && label::parse(next.text, true).is_none()
        && (!ends_sentence(last_text) || last_text.ends_with(['-', '\u{ad}']))
}

/// Split `text` into paragraphs. See the module documentation for guarantees.
///
/// ```
/// use natalign::segment::segment;
/// use natalign::document::ParagraphKind;
/// let paras = segment("Title of the statement\n\n1. First paragraph,\nwrapped here.\n2. Second.\n|\n---|\n");
/// let kinds: Vec<_> = paras.iter().map(|p| p.kind).collect();
/// assert_eq!(kinds, [ParagraphKind::Title, ParagraphKind::Numbered, ParagraphKind::Numbered,
///                    ParagraphKind::Noise, ParagraphKind::Noise]);
/// assert_eq!(paras[1].text, "First paragraph, wrapped here.");
/// assert_eq!(paras[1].label.as_deref(), Some("1."));
/// ```
pub fn segment(text: &str) -> Vec<Paragraph> {
    let mut lines = split_lines(text);
    classify(&mut lines);
    let layout = layout(&lines);

    // Group lines into drafts (content) and noise, in order.
    enum Piece {
        Text(Draft),
        Noise(usize),
    }
    let mut pieces: Vec<Piece> = Vec::new();
    // Index into `pieces` of the open text paragraph, whether a break (blank
    // line, page break) came since its last line, and whether that break held
    // page furniture (a page number, form feed, running header).
    let mut open: Option<usize> = None;
    let mut gap = false;
    let mut page_break = false;
    for (i, line) in lines.iter().enumerate() {
        match line.class {
            LineClass::Blank | LineClass::PageBreak(None) => gap = true,
            // Page furniture is reported but, like a blank line, may fall inside
            // a paragraph that goes on after it.
            LineClass::PageBreak(Some(_)) | LineClass::Noise(_) => {
                gap = true;
                page_break |= matches!(line.class, LineClass::PageBreak(Some(_)))
                    || line.class == LineClass::Noise(RUNNING_HEADER);
                if !line.text.trim().is_empty() {
                    pieces.push(Piece::Noise(i));
                }
            }
            LineClass::Content => {
                let joined = open.is_some_and(|p| {
                    let Piece::Text(draft) = &pieces[p] else {
                        return false;
                    };
                    let last = &lines[*draft.lines.last().unwrap_or(&i)];
                    if gap {
                        // A blank line ends a paragraph, except where a page
                        // break falls inside a sentence: in hard-wrapped text,
                        // or next to page furniture.
                        (page_break || layout.wrap.is_some()) && continues_across_break(last, line)
                    } else {
                        !breaks_before(last, line, &layout)
                    }
                });
                if joined {
                    if let Some(Piece::Text(draft)) = open.and_then(|p| pieces.get_mut(p)) {
                        draft.lines.push(i);
                    }
                } else {
                    pieces.push(Piece::Text(Draft { lines: vec![i] }));
                    open = Some(pieces.len() - 1);
                }
                gap = false;
                page_break = false;
            }
        }
    }

    // A label alone on its line ("1." then the text below) joins the next draft.
    let mut merged: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if let (Piece::Text(draft), Some(Piece::Text(prev))) = (&piece, merged.last_mut()) {
            if prev.lines.len() == 1 && is_bare_label(lines[prev.lines[0]].text) {
                prev.lines.extend(&draft.lines);
                continue;
            }
        }
        merged.push(piece);
    }

    let vocab = Vocabulary::new(text);
    let mut builder = Builder::default();
    merged
        .iter()
        .map(|piece| match piece {
            Piece::Noise(i) => noise_paragraph(&lines[*i]),
            Piece::Text(draft) => builder.paragraph(&lines, draft, &vocab),
        })
        .collect()
}

fn is_bare_label(t: &str) -> bool {
    label::parse(t, false).is_some_and(|l| {
        l.len >= t.len()
            && !matches!(
                l.value,
                LabelValue::Article(_) | LabelValue::Division(..) | LabelValue::Markdown(_)
            )
    })
}

fn noise_paragraph(line: &Line<'_>) -> Paragraph {
    let reason = match line.class {
        LineClass::Noise(r) | LineClass::PageBreak(Some(r)) => r,
        _ => "noise",
    };
    Paragraph {
        kind: ParagraphKind::Noise,
        label: None,
        key: None,
        text: clean(line.text),
        lines: line.no..line.no + 1,
        span: line.start..line.end(),
        lang: None,
        other: None,
        confidence: 0.0,
        reason: Some(reason.to_string()),
        repairs: 0,
    }
}

/// The words of the document, to judge line-end hyphens.
struct Vocabulary {
    words: HashSet<String>,
}

impl Vocabulary {
    fn new(text: &str) -> Self {
        // Only needed when some line ends with a hyphen; cheap to skip otherwise.
        let needed = text.lines().any(|l| l.trim_end().ends_with('-'));
        let words = if needed {
            text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .filter(|w| !w.is_empty() && !w.ends_with('-') && !w.starts_with('-'))
                .map(str::to_lowercase)
                .collect()
        } else {
            HashSet::new()
        };
        Vocabulary { words }
    }

    fn has(&self, w: &str) -> bool {
        self.words.contains(&w.to_lowercase())
    }

    /// Whether `left-` at a line end followed by `right` is a real compound.
    fn keeps_hyphen(&self, left: &str, right: &str) -> bool {
        const COMPOUND_HEADS: &[&str] = &[
            "like", "well", "non", "self", "co", "ex", "so", "long", "short", "high", "low",
            "cross", "anti", "pre", "post", "multi", "state", "cyber", "euro", "north", "south",
            "east", "west", "full", "half", "all", "far", "near", "semi", "quasi", "vice", "sous",
            "contre", "arrière", "avant", "demi", "mi", "auto", "grand", "peut", "c'est", "lui",
            "eux", "elle", "elles", "nous", "vous", "moi", "toi", "celles", "ceux", "celle",
            "celui",
        ];
        if self.has(&format!("{left}-{right}")) {
            return true;
        }
        if self.has(&format!("{left}{right}")) {
            return false;
        }
        let l = left.to_lowercase();
        if COMPOUND_HEADS.contains(&l.as_str())
            || left.chars().next().is_some_and(char::is_uppercase)
        {
            return true;
        }
        left.chars().count() >= 2 && right.chars().count() >= 2 && self.has(left) && self.has(right)
    }
}

/// Builds paragraphs and tracks the numbering context (article, paragraph).
#[derive(Default)]
struct Builder {
    /// The unit numbered paragraphs are keyed under: `Article 8`, or what a
    /// citing heading names (`Part 2 Section 3`, `Annex B`).
    article: Option<String>,
    /// The key items are keyed under: the last numbered paragraph's, or a
    /// cited paragraph's (`Article 8 2`).
    numeric: Option<String>,
    /// Whether a text paragraph (not metadata) came already: the first one may be
    /// the title.
    seen_text: bool,
}

impl Builder {
    fn paragraph(&mut self, lines: &[Line<'_>], draft: &Draft, vocab: &Vocabulary) -> Paragraph {
        let first = &lines[draft.lines[0]];
        let last = &lines[*draft.lines.last().unwrap_or(&draft.lines[0])];
        let raw = join_lines(draft.lines.iter().map(|&i| lines[i].text), vocab);
        let mut text = clean(&raw);
        // Markup first, so labels and kinds are read from the text a reader
        // of the page sees (`**1.** We…` is numbered, `**Source:** …` metadata).
        if let Cow::Owned(shown) = markdown::inline_text(&text) {
            text = shown;
        }
        let span = first.start..last.end();
        let line_range = first.no..last.no + 1;
        let label = label::parse(&text, false);
        let (kind, label_text, key, text) = self.classify(&text, label);
        Paragraph {
            kind,
            label: label_text,
            key,
            text,
            lines: line_range,
            span,
            lang: None,
            other: None,
            confidence: 0.0,
            reason: None,
            repairs: 0,
        }
    }

    fn classify(
        &mut self,
        text: &str,
        label: Option<Label>,
    ) -> (ParagraphKind, Option<String>, Option<NumberKey>, String) {
        if is_metadata(text) {
            return (ParagraphKind::Metadata, None, None, text.to_string());
        }
        let first = !std::mem::replace(&mut self.seen_text, true);
        // "PARAGRAPH 2 OF ARTICLE 8": what follows is numbered under it.
        if let Some(cite) = label::citation(text).filter(|_| is_heading_text(text)) {
            let key = format!("{} {}", cite.unit, cite.part);
            if cite.paragraph {
                self.article = Some(cite.unit);
                self.numeric = Some(key.clone());
            } else {
                self.article = Some(key.clone());
                self.numeric = None;
            }
            return (
                ParagraphKind::Heading,
                Some(cite.printed),
                Some(NumberKey(key)),
                text.to_string(),
            );
        }
        let Some(label) = label else {
            let kind = if first && is_title_like(text) {
                ParagraphKind::Title
            } else if is_heading_like(text) {
                ParagraphKind::Heading
            } else {
                ParagraphKind::Body
            };
            return (kind, None, None, text.to_string());
        };
        let rest = text[label.len.min(text.len())..].trim().to_string();
        match label.value {
            // The `#` marker is kept as the label (not text, but not lost).
            LabelValue::Markdown(_) => (ParagraphKind::Heading, Some(label.printed), None, rest),
            LabelValue::Division(name, n) => {
                self.article = None;
                self.numeric = None;
                let key = NumberKey(format!("{name} {n}"));
                (
                    ParagraphKind::Heading,
                    Some(label.printed),
                    Some(key),
                    text.to_string(),
                )
            }
            LabelValue::Article(n) => {
                let key = format!("Article {n}");
                self.article = Some(key.clone());
                self.numeric = None;
                // A title after the label, however long, makes a heading in
                // either language: the same rule on both sides keeps (or
                // strips) the label on both.
                let (kind, text) = if is_heading_text(&rest) {
                    (ParagraphKind::Heading, text.to_string())
                } else {
                    (ParagraphKind::Numbered, rest)
                };
                (kind, Some(label.printed), Some(NumberKey(key)), text)
            }
            LabelValue::Numeric(parts) => {
                let number = parts
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(".");
                let key = match &self.article {
                    Some(a) => format!("{a} {number}"),
                    None => number,
                };
                self.numeric = Some(key.clone());
                (
                    ParagraphKind::Numbered,
                    Some(label.printed),
                    Some(NumberKey(key)),
                    rest,
                )
            }
            LabelValue::Item(letters) => {
                let context = self.numeric.clone().or_else(|| self.article.clone());
                let key = match context {
                    Some(c) => format!("{c} ({letters})"),
                    None => format!("({letters})"),
                };
                (
                    ParagraphKind::ListItem,
                    Some(label.printed),
                    Some(NumberKey(key)),
                    rest,
                )
            }
            LabelValue::Bullet => (ParagraphKind::ListItem, Some(label.printed), None, rest),
        }
    }
}

/// Join the lines of a paragraph: one space between lines, line-end hyphens
/// removed when they only split a word.
fn join_lines<'a>(lines: impl Iterator<Item = &'a str>, vocab: &Vocabulary) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        let next_lower = starts_lowercase(line);
        if out.ends_with('\u{ad}') && next_lower {
            out.pop();
            out.push_str(line);
        } else if out.ends_with('-') && next_lower {
            let left: String = out[..out.len() - 1]
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let right: String = line.chars().take_while(|c| c.is_alphabetic()).collect();
            if left.is_empty() || vocab.keeps_hyphen(&left, &right) {
                out.push_str(line);
            } else {
                out.pop();
                out.push_str(line);
            }
        } else {
            out.push(' ');
            out.push_str(line);
        }
    }
    out
}

/// NFC, ligatures expanded, soft hyphens and control characters removed, runs of
/// ordinary whitespace folded to one space.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut run_len = 0usize;
    let mut run_first = ' ';
    // Most text is already NFC: check quickly before composing.
    let nfc = unicode_normalization::is_nfc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes;
    let chars: Box<dyn Iterator<Item = char>> = if nfc {
        Box::new(text.chars())
    } else {
        Box::new(text.nfc())
    };
    for c in chars {
        if c.is_whitespace() {
            if run_len == 0 {
                run_first = c;
            }
            run_len += 1;
            pending_space = true;
            continue;
        }
        if pending_space {
            // A lone U+00A0 / U+202F is typography: keep it. Any other run folds
            // to one ordinary space.
            if run_len == 1 && matches!(run_first, '\u{a0}' | '\u{202f}') {
                out.push(run_first);
            } else if !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            run_len = 0;
        }
        match c {
            '\u{ad}' => {}
            '\u{fb00}'..='\u{fb06}' => out.extend(c.to_string().nfkc()),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

static METADATA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:
            sources?\s*:                                   # Source: NATO
          | (?:press\s+release|communiqu[ée]\s+de\s+presse|news\s+release|last\s+updated|updated|issued\s+on|published|mis\s+[àa]\s+jour|publi[ée]\s+le)\b
          | \d{1,2}(?:st|nd|rd|th|er)?\s+\p{L}{3,9}\.?\s+\d{4}\b      # 03 Jun. 2020
          | \p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4}\b                       # June 3, 2020
          | \d{4}-\d{2}-\d{2}\b                                        # 2020-06-03
        )",
    )
    .unwrap()
});

/// Datelines, press-release lines and `Source:` lines.
fn is_metadata(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if text.matches('|').count() >= 2 {
        return true;
    }
    let Some(m) = METADATA.find(text) else {
        return false;
    };
    let head = m.as_str();
    // A date only opens a dateline if its word really is a month.
    let month_ok = head.split_whitespace().any(label::is_month)
        || !head
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit() || c.is_alphabetic())
        || head.to_lowercase().starts_with("source")
        || head.contains('-') && head.trim().len() == 10
        || !head.chars().any(|c| c.is_ascii_digit());
    month_ok && words <= 25
}

/// The first paragraph is the title when it is unnumbered, at most 30 words and
/// does not end like a sentence.
fn is_title_like(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=30).contains(&words) && !text.trim_end().ends_with(['.', ',', ';', ':'])
}

/// A short line without sentence-final punctuation reads as a heading.
fn is_heading_like(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=12).contains(&words) && is_heading_text(text)
}

/// Text that does not end like a sentence or a clause (`.`, `;`, `:`, `,`…)
/// reads as a title, whatever its length; empty text too (a label alone).
fn is_heading_text(text: &str) -> bool {
    !ends_sentence(text) && !text.trim_end().ends_with(',')
}

#[cfg(test)]
mod tests;

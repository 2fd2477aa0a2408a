//! Markdown inline markup reduced to its text, one paragraph at a time.
//!
//! Input: the cleaned text of one paragraph (one line: lines are joined and
//! whitespace folded before). Output: the text a reader of the rendered page
//! sees, or the input itself, borrowed and unchanged byte for byte.
//! Guarantees:
//! - the text is only rewritten when pulldown-cmark's inline parser finds
//!   markup in it: emphasis, strong, strikethrough, a code span, a link or
//!   image, an autolink or inline HTML. Text that merely holds the characters
//!   (`2 * 3`, `snake_case`, a lone `*` footnote marker, `[…]`, `[sic]`,
//!   `(a)`) is left as it is, escapes and entities included;
//! - `[text](url)` gives `text`; emphasis, strong, strikethrough and code spans
//!   give their text; an image gives its alt text; an autolink
//!   (`<https://…>`, `<name@host>`) gives the address as printed, without its
//!   brackets; inline HTML tags and comments are dropped and the text between
//!   them kept (a `<br>` becomes a space): a page scraped as Markdown showed
//!   neither;
//! - only inline parsing applies: a paragraph opening like a list item, a
//!   heading, a quote, a code block or a link definition (`1.`, `-`, `#`, `>`,
//!   `[x]: …`) is read as a paragraph's text, so labels and `#` markers stay
//!   for the segmenter to parse;
//! - bare URLs (`https://…`, `www.…`, [`crate::text::url_spans`]) are text:
//!   their `_` and `*` are never emphasis (as GitHub reads them);
//! - the result is cleaned again ([`super::clean`]: entities may give any
//!   character, dropped tags may leave two spaces) and is never empty: a
//!   paragraph that would lose all its text keeps its markup.
//!
//! Reference-style links (`[text][ref]`) stay as printed: their definitions
//! lie in other paragraphs.

use std::borrow::Cow;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Characters without which no inline markup can open.
const OPENERS: &[u8] = b"*_`[<~";

/// Placeholders for protected URLs: private-use characters of plane 15, which
/// pulldown-cmark reads as letters (neither punctuation nor space).
const PLACEHOLDER: u32 = 0xF_0000;

/// Prefixed to the text so that no block construct can open the paragraph:
/// a no-break space is not indentation, and reads as a space around
/// delimiters, as the start of a line does.
const SHIELD: char = '\u{a0}';

/// The paragraph's text without its inline Markdown markup (see the module
/// documentation); borrowed when there is none.
pub(crate) fn inline_text(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| OPENERS.contains(&b)) {
        return Cow::Borrowed(text);
    }
    let (protected, urls) = protect_urls(text);
    let source = format!("{SHIELD}{protected}");
    let mut out = String::with_capacity(text.len());
    let mut markup = false;
    for event in Parser::new_ext(&source, Options::ENABLE_STRIKETHROUGH) {
        match reduce_inline(&event, &mut out) {
            Inline::Text => {}
            Inline::Markup => markup = true,
            Inline::Other => match event {
                Event::Html(tag) => {
                    markup = true;
                    if is_line_break(&tag) {
                        out.push(' ');
                    }
                }
                Event::Start(Tag::Paragraph) | Event::End(_) => {}
                // Anything else is a block the shield should have prevented,
                // or an extension not enabled: leave the text alone.
                _ => return Cow::Borrowed(text),
            },
        }
    }
    if !markup {
        return Cow::Borrowed(text);
    }
    let shown = out.strip_prefix(SHIELD).unwrap_or(&out);
    let restored = restore_urls(shown, &urls);
    let cleaned = super::clean(&restored);
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(cleaned.to_string())
}

/// What an inline event was, for [`reduce_inline`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Inline {
    /// Text, as written.
    Text,
    /// Markup: emphasis, a link, a code span, inline HTML…
    Markup,
    /// Not an inline event (a block's start or end, a rule…): nothing added.
    Other,
}

/// The one reduction of inline Markdown to text, shared by the text path
/// ([`inline_text`]) and the Markdown reader (`crate::import::markdown`):
/// pushes to `out` what a reader of the page sees of `event` (text and code
/// spans as written, a line break or `<br>` as a space, nothing of emphasis,
/// link and image markers or other inline tags) and says what it was.
pub(crate) fn reduce_inline(event: &Event<'_>, out: &mut String) -> Inline {
    match event {
        Event::Text(t) => {
            out.push_str(t);
            Inline::Text
        }
        Event::Code(t) => {
            out.push_str(t);
            Inline::Markup
        }
        Event::InlineHtml(tag) => {
            if is_line_break(tag) {
                out.push(' ');
            }
            Inline::Markup
        }
        Event::SoftBreak | Event::HardBreak => {
            out.push(' ');
            Inline::Text
        }
        Event::Start(
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. },
        )
        | Event::End(
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image,
        ) => Inline::Markup,
        _ => Inline::Other,
    }
}

/// `<br>`, `<br/>`, `<BR />`: a line break, so a space in a paragraph.
fn is_line_break(tag: &str) -> bool {
    let name = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim();
    name.eq_ignore_ascii_case("br")
}

/// `text` with each bare URL replaced by one placeholder character, and the
/// URLs. An autolink's URL (after `<`) is left to the parser. Nothing is
/// replaced when the text already holds plane-15 private-use characters.
fn protect_urls(text: &str) -> (Cow<'_, str>, Vec<&str>) {
    let spans: Vec<_> = crate::text::url_spans(text)
        .into_iter()
        .filter(|s| !text[..s.start].ends_with('<'))
        .collect();
    if spans.is_empty() || text.chars().any(|c| c as u32 >= PLACEHOLDER) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut urls = Vec::with_capacity(spans.len());
    let mut at = 0;
    for (i, span) in spans.into_iter().enumerate() {
        out.push_str(&text[at..span.start]);
        out.push(placeholder(i));
        urls.push(&text[span.clone()]);
        at = span.end;
    }
    out.push_str(&text[at..]);
    (Cow::Owned(out), urls)
}

fn placeholder(i: usize) -> char {
    u32::try_from(i)
        .ok()
        .and_then(|i| char::from_u32(PLACEHOLDER + i))
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The URLs back in place of their placeholders.
fn restore_urls(text: &str, urls: &[&str]) -> String {
    if urls.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + urls.iter().map(|u| u.len()).sum::<usize>());
    for c in text.chars() {
        match (c as u32)
            .checked_sub(PLACEHOLDER)
            .and_then(|i| urls.get(i as usize))
        {
            Some(url) => out.push_str(url),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduced(text: &str) -> String {
        inline_text(text).into_owned()
    }

    #[test]
    fn markup_is_reduced_to_its_text() {
        assert_eq!(
            reduced("We **strongly** condemn *malicious* and _reckless_ acts."),
            "We strongly condemn malicious and reckless acts."
        );
        assert_eq!(
            reduced("Read the [Strategic Concept](https://www.nato.int/sc_2022) now."),
            "Read the Strategic Concept now."
        );
        assert_eq!(
            reduced("![NATO flag at *Brussels*](img/flag.png) The flag"),
            "NATO flag at Brussels The flag"
        );
        assert_eq!(
            reduced("Run `natalign align` and ~~never~~ always check."),
            "Run natalign align and never always check."
        );
        assert_eq!(
            reduced("Write to <press@hq.nato.int> or see <https://www.nato.int/a_b_c>."),
            "Write to press@hq.nato.int or see https://www.nato.int/a_b_c."
        );
        assert_eq!(
            reduced("***Note*** : les Alliés ont *convenu*."),
            "Note : les Alliés ont convenu."
        );
    }

    #[test]
    fn inline_html_tags_are_dropped_and_their_text_kept() {
        assert_eq!(
            reduced("Allies<br>agreed <span class=\"x\">today</span> <!-- note --> to act."),
            "Allies agreed today to act."
        );
    }

    #[test]
    fn once_markup_is_found_escapes_and_entities_are_read_too() {
        assert_eq!(
            reduced(r"**Bold** and \*not\* &amp; more"),
            "Bold and *not* & more"
        );
        // Without markup they stay as printed.
        assert_eq!(reduced(r"\*not\* &amp; more"), r"\*not\* &amp; more");
    }

    #[test]
    fn treaty_text_that_holds_the_characters_is_unchanged() {
        for text in [
            "2 * 3 = 6 and 4 * 5 = 20",
            "the snake_case name and other_name_here",
            "« la Convention » et les guillemets",
            "Portugal*, United Kingdom and Norway*",
            "[*Reserving the non application of Article 6 in case of expropriation.]",
            "the text […] continues [sic] here",
            "as in (a) and (b) [of the Agreement] (c)",
            "see https://www.nato.int/cps/en/natohq/official_texts_17120.htm?selectedLocale=en",
            "see www.nato.int/_docs_/file_name_ and http://x.org/*a*/b",
            "a < b and c > d, 3 < 5",
            "the cost is ~20 % and ~30 % next year",
            "[1]: https://www.nato.int/",
            "\\*",
            "_",
        ] {
            assert!(
                matches!(inline_text(text), Cow::Borrowed(t) if t == text),
                "{text:?} became {:?}",
                inline_text(text)
            );
        }
    }

    #[test]
    fn bare_urls_keep_their_underscores_and_asterisks_among_markup() {
        assert_eq!(
            reduced("**See** https://x.org/_a_/b_c_ and www.nato.int/*x*/y"),
            "See https://x.org/_a_/b_c_ and www.nato.int/*x*/y"
        );
    }

    #[test]
    fn block_syntax_at_the_start_stays_text() {
        for (text, want) in [
            ("1. **We** condemn", "1. We condemn"),
            ("- *item* one", "- item one"),
            ("* **item** two", "* item two"),
            ("# *Heading*", "# Heading"),
            ("> *quoted*", "> quoted"),
            ("[x]: *definition*", "[x]: definition"),
            ("<div>**block**</div>", "block"),
            ("```code``` here", "code here"),
            ("*** *x*", "*** x"),
        ] {
            assert_eq!(reduced(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_paragraph_that_would_lose_all_its_text_keeps_it() {
        assert_eq!(reduced("<br>"), "<br>");
        assert_eq!(reduced("![](image.png)"), "![](image.png)");
    }
}

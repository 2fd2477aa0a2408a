//! What of a web page is its main content and what is page furniture.
//!
//! Input: the parsed page (scraper's arena tree). Output: per element, the
//! counts the judgement needs ([`Stats`]: letters, letters inside links,
//! whether structural blocks lie inside), the main-content root when the page
//! marks one ([`main_root`]), and for any element whether it is boilerplate
//! and why ([`judge`]). Guarantees: every pass is an iterative walk over the
//! arena (no recursion, whatever the nesting depth); the judgement uses only
//! general signals, in this order: landmarks (`<main>`, `role=main`,
//! `<article>`; `<nav>`, `<aside>`, `<form>`, `<header>`/`<footer>` outside
//! the main content, ARIA roles), class and id hints (`nav`, `menu`, `footer`,
//! `breadcrumb`, `cookie`, `share`… against `content`, `main`, `article`,
//! `story`…), and link density (a block whose letters are mostly inside links
//! is a link list).

use std::collections::HashMap;

use ego_tree::{NodeId, NodeRef, iter::Edge};
use scraper::Node;
use scraper::node::Element;

/// Elements whose content is never text: left out entirely, not even as
/// omitted text.
pub(super) fn ignored(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "head"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "select"
            | "datalist"
    )
}

/// What the judgement needs of an element's subtree.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Stats {
    /// Letters and digits of its text.
    pub text: usize,
    /// Of those, the ones inside a link.
    pub link: usize,
    /// Whether a structural block lies inside (a table, a heading, a list of
    /// navigation, a form, a landmark): a table holding one lays a page out.
    pub structure: bool,
}

impl Stats {
    /// The share of its letters inside links (0 without text).
    pub fn link_density(&self) -> f64 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f64 / self.text as f64
        }
    }
}

/// Elements whose presence inside a table cell makes the table a layout.
fn structural(name: &str) -> bool {
    matches!(
        name,
        "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "nav"
            | "form"
            | "header"
            | "footer"
            | "main"
            | "article"
            | "aside"
            | "section"
    )
}

/// The [`Stats`] of every element, in one iterative walk.
pub(super) fn stats(root: NodeRef<'_, Node>) -> HashMap<NodeId, Stats> {
    let mut out = HashMap::new();
    let mut stack: Vec<Stats> = Vec::new();
    let mut skip: Option<NodeId> = None;
    let mut links = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(e) if ignored(e.name()) => skip = Some(node.id()),
                    Node::Element(e) => {
                        if e.name() == "a" {
                            links += 1;
                        }
                        stack.push(Stats::default());
                    }
                    Node::Text(t) => {
                        let n = t.chars().filter(|c| c.is_alphanumeric()).count();
                        if let Some(top) = stack.last_mut() {
                            top.text += n;
                            if links > 0 {
                                top.link += n;
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skip {
                    if id == node.id() {
                        skip = None;
                    }
                    continue;
                }
                let Node::Element(e) = node.value() else {
                    continue;
                };
                if e.name() == "a" {
                    links = links.saturating_sub(1);
                }
                let Some(mine) = stack.pop() else { continue };
                out.insert(node.id(), mine);
                if let Some(parent) = stack.last_mut() {
                    parent.text += mine.text;
                    parent.link += mine.link;
                    parent.structure |= mine.structure || structural(e.name());
                }
            }
        }
    }
    out
}

/// The element holding the page's main content, when the page marks one:
/// the first `<main>` or `role="main"`, else the `<article>` with the most
/// text (outside any other article).
pub(super) fn main_root(root: NodeRef<'_, Node>, stats: &HashMap<NodeId, Stats>) -> Option<NodeId> {
    let mut best: Option<(usize, NodeId)> = None;
    for node in root.descendants() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        if e.name() == "main" || role(e) == Some("main") {
            return Some(node.id());
        }
        if e.name() == "article" {
            let text = stats.get(&node.id()).map_or(0, |s| s.text);
            if best.is_none_or(|(t, _)| text > t) {
                best = Some((text, node.id()));
            }
        }
    }
    best.filter(|&(t, _)| t > 0).map(|(_, id)| id)
}

fn role(e: &Element) -> Option<&str> {
    e.attr("role").map(str::trim)
}

/// Class and id hints of page furniture, with the reason each gives.
const FURNITURE: &[(&str, &str)] = &[
    ("cookie", "cookie banner"),
    ("consent", "cookie banner"),
    ("gdpr", "cookie banner"),
    ("breadcrumb", "breadcrumb"),
    ("share", "share links"),
    ("sharing", "share links"),
    ("social", "share links"),
    ("print", "share links"),
    ("skip", "navigation"),
    ("nav", "navigation"),
    ("menu", "navigation"),
    ("sidebar", "link list"),
    ("related", "link list"),
    ("footer", "page footer"),
    ("header", "page header"),
    ("masthead", "page header"),
    ("banner", "page header"),
];

/// Last words of a class or id that mark a post's metadata (`entry-meta`,
/// `post-date`, `byline`), not its text.
const METADATA: &[&str] = &[
    "meta",
    "metadata",
    "byline",
    "dateline",
    "date",
    "timestamp",
    "updated",
    "posted",
    "author",
    "tags",
];

/// Class and id hints of the main content.
const CONTENT: &[&str] = &[
    "content",
    "main",
    "article",
    "body-text",
    "bodytext",
    "story",
    "entry",
    "post",
    "text",
];

/// Furniture hints that only count outside the main content (an article's
/// own header holds its title).
fn outside_only(reason: &str) -> bool {
    matches!(reason, "page header" | "page footer")
}

/// Link density from which a block is a link list.
const LINK_LIST: f64 = 0.6;

/// Why the element is page furniture, or `None` when it may hold content.
/// `in_main`: the element lies inside the page's marked main content.
pub(super) fn judge(e: &Element, stats: Option<&Stats>, in_main: bool) -> Option<&'static str> {
    let name = e.name();
    if matches!(name, "html" | "body" | "main") {
        return None;
    }
    let dense = stats.is_some_and(|s| s.text > 0 && s.link_density() >= LINK_LIST);
    // Landmarks.
    match (name, role(e)) {
        ("nav", _) | (_, Some("navigation")) => return Some("navigation"),
        (_, Some("search")) => return Some("search"),
        ("form", _) => return Some("form"),
        ("aside", _) | (_, Some("complementary")) => {
            return Some(if dense { "link list" } else { "sidebar" });
        }
        ("header", _) | (_, Some("banner")) if !in_main => return Some("page header"),
        ("footer", _) | (_, Some("contentinfo")) if !in_main => return Some("page footer"),
        _ => {}
    }
    // Class and id hints.
    let hints = format!(
        "{} {}",
        e.attr("class").unwrap_or(""),
        e.attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    // A compound class names its part by its last word (`entry-meta` is the
    // entry's metadata, `entry-content` its content): metadata of a post
    // (date, author, tags) is no text of the document.
    let metadata = hints
        .split_whitespace()
        .filter_map(|t| t.rsplit(['-', '_']).next())
        .any(|head| METADATA.contains(&head));
    if metadata && !matches!(name, "article" | "main") {
        return Some("page metadata");
    }
    if !hints.trim().is_empty() {
        let furniture = FURNITURE
            .iter()
            .find(|(h, reason)| hints.contains(h) && !(in_main && outside_only(reason)));
        if let Some(&(_, reason)) = furniture {
            let content = CONTENT.iter().any(|h| hints.contains(h));
            if !content || dense {
                return Some(reason);
            }
        }
    }
    // Link density, on blocks that hold lists of links.
    let container = matches!(
        name,
        "ul" | "ol"
            | "menu"
            | "dl"
            | "div"
            | "section"
            | "p"
            | "td"
            | "th"
            | "table"
            | "header"
            | "footer"
    );
    let content = CONTENT.iter().any(|h| hints.contains(h));
    if container && dense && !content {
        return Some("link list");
    }
    None
}

/// The reason for a link list, from its words: share and print links are
/// `share links`.
pub(super) fn refine(reason: &'static str, text: &str) -> &'static str {
    if reason != "link list" {
        return reason;
    }
    let lower = text.to_lowercase();
    let share = [
        "share", "print", "partager", "imprimer", "facebook", "twitter", "linkedin", "e-mail",
        "email", "courriel",
    ];
    if share.iter().any(|w| lower.contains(w)) && text.split_whitespace().count() <= 12 {
        "share links"
    } else {
        reason
    }
}

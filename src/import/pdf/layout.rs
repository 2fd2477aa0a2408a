//! Positioned glyphs of PDF pages → the pages' text lines, page furniture
//! and language columns.
//!
//! Input: per page, the glyphs the text layer draws (position, advance, size,
//! text), in drawing order. Output: [`Page`]s of [`Line`]s (glyphs on one
//! baseline, in x order, split where a gap is wider than a column gutter),
//! then [`furniture`]: the lines at the top or bottom of pages that repeat
//! across pages (digits normalised) or are page numbers; [`gutter`]: an x
//! position that no line crosses, splitting a page in two columns.
//!
//! Guarantees: every glyph is in exactly one line; no position read from the
//! file makes it panic (NaN and infinite coordinates are dropped).

use std::collections::HashMap;

/// One glyph of the text layer, in page space with y growing downwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Left edge.
    pub x: f64,
    /// Baseline.
    pub y: f64,
    /// Right edge (x plus the advance).
    pub end: f64,
    /// Font size on the page.
    pub size: f64,
    /// The text it stands for (a ligature may be several letters).
    pub text: String,
}

/// A line of text: glyphs on one baseline, left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// Baseline.
    pub y: f64,
    /// The largest font size in it.
    pub size: f64,
    /// Its text, words separated by one space.
    pub text: String,
}

/// A page: its lines top to bottom.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Page width.
    pub width: f64,
    /// The lines, top to bottom (left to right on one baseline).
    pub lines: Vec<Line>,
}

/// Gap between two glyphs on one baseline, in font sizes, above which they
/// are two segments (table cells, columns) rather than two words.
pub const SEGMENT_GAP: f64 = 1.0;

/// The lines of a page from its glyphs: glyphs grouped by baseline (within
/// a third of the font size), sorted by x, a space where the gap is wider
/// than a tenth of the font size, a new segment where it is wider than
/// [`SEGMENT_GAP`] font sizes.
pub fn lines(width: f64, glyphs: Vec<Glyph>) -> Page {
    let mut glyphs: Vec<Glyph> = glyphs
        .into_iter()
        .filter(|g| g.x.is_finite() && g.y.is_finite() && g.end.is_finite() && g.size.is_finite())
        .filter(|g| !g.text.chars().all(char::is_whitespace))
        .collect();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // Baseline groups: a glyph joins the group whose baseline is near.
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        let tolerance = (g.size.abs() / 3.0).max(0.5);
        match rows.last_mut() {
            Some(row) if row.first().is_some_and(|f| (g.y - f.y).abs() <= tolerance) => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut current: Option<Line> = None;
        for g in row {
            let size = g.size.abs().max(1.0);
            if let Some(line) = current.as_mut() {
                let gap = g.x - line.x1;
                if gap > SEGMENT_GAP * size {
                    out.extend(current.take());
                } else {
                    if gap > 0.1 * size && !line.text.ends_with(' ') {
                        line.text.push(' ');
                    }
                    line.text.push_str(&g.text);
                    line.x1 = line.x1.max(g.end);
                    line.size = line.size.max(size);
                    continue;
                }
            }
            current = Some(Line {
                x0: g.x,
                x1: g.end.max(g.x),
                y: g.y,
                size,
                text: g.text.clone(),
            });
        }
        out.extend(current);
    }
    for l in &mut out {
        l.text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    Page { width, lines: out }
}

/// Why a line is page furniture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Furniture {
    /// A page number (`Page 3 of 12`, `- 3 -`, `3/12`).
    PageNumber,
    /// A line repeated at the top (`header`) or bottom of `count` of `pages`.
    Repeated {
        /// `header` or `footer`.
        place: &'static str,
        /// Pages it is found on.
        count: usize,
        /// Pages in the document.
        pages: usize,
    },
}

impl Furniture {
    /// The reason given for the omitted text.
    pub fn reason(&self) -> String {
        match self {
            Furniture::PageNumber => "page number".to_string(),
            Furniture::Repeated {
                place,
                count,
                pages,
            } => format!("page {place} repeated on {count} of {pages} pages"),
        }
    }
}

/// Lines looked at, at each end of a page, for furniture.
pub const EDGE_LINES: usize = 3;

/// Whether `text` is a page number: `3`, `- 3 -`, `Page 3`, `Page 3 of 12`,
/// `page 3 sur 12`, `3/12`.
pub fn is_page_number(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let t = t.trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ' '));
    let t = t.strip_prefix("page").unwrap_or(t).trim();
    let mut parts = t.splitn(2, ['/', ' ']);
    let first = parts.next().unwrap_or("");
    let rest = parts.next().map(str::trim).unwrap_or("");
    let rest = rest
        .strip_prefix("of")
        .or_else(|| rest.strip_prefix("sur"))
        .or_else(|| rest.strip_prefix("/"))
        .unwrap_or(rest)
        .trim();
    let number = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    number(first) && (rest.is_empty() || number(rest))
}

/// `text` with digits as `#` and spaces folded: a running header that
/// holds the page number is the same line on every page.
fn normalised(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// The furniture among the pages' lines: `result[page][line]` says why a
/// line is left out. A line among the [`EDGE_LINES`] top or bottom lines of
/// a page is furniture when it is a page number, or when the same line
/// (digits normalised) is at the same height and end of at least half the
/// pages (two at least).
pub fn furniture(pages: &[Page]) -> Vec<Vec<Option<Furniture>>> {
    let n = pages.len();
    let edge = |p: &Page, i: usize| -> Option<&'static str> {
        let len = p.lines.len();
        if i < EDGE_LINES.min(len) {
            Some("header")
        } else if i + EDGE_LINES >= len {
            Some("footer")
        } else {
            None
        }
    };
    // The same line at the same height (within a few points) of the page.
    let key = |place, l: &Line| (place, normalised(&l.text), (l.y / 4.0).round() as i64);
    let mut counts: HashMap<(&'static str, String, i64), usize> = HashMap::new();
    for p in pages {
        let mut seen = std::collections::HashSet::new();
        for (i, l) in p.lines.iter().enumerate() {
            if let Some(place) = edge(p, i) {
                let k = key(place, l);
                if seen.insert(k.clone()) {
                    *counts.entry(k).or_default() += 1;
                }
            }
        }
    }
    let threshold = n.div_ceil(2).max(2);
    pages
        .iter()
        .map(|p| {
            p.lines
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let place = edge(p, i)?;
                    if is_page_number(&l.text) {
                        return Some(Furniture::PageNumber);
                    }
                    let count = counts.get(&key(place, l)).copied().unwrap_or(0);
                    (count >= threshold).then_some(Furniture::Repeated {
                        place,
                        count,
                        pages: n,
                    })
                })
                .collect()
        })
        .collect()
}

/// The x position splitting a page's lines in two columns, if there is
/// one: no line crosses it, and each side holds at least a quarter of the
/// lines (five at least). The emptiest band nearest the middle wins.
pub fn gutter(lines: &[&Line], width: f64) -> Option<f64> {
    if lines.len() < 10 || !width.is_finite() || width <= 0.0 {
        return None;
    }
    let min_side = (lines.len() / 4).max(5);
    let mut best: Option<(f64, f64)> = None;
    let steps = 200;
    for k in (steps * 3 / 10)..=(steps * 7 / 10) {
        let x = width * k as f64 / steps as f64;
        if lines.iter().any(|l| l.x0 < x && l.x1 > x) {
            continue;
        }
        let left = lines.iter().filter(|l| l.x1 <= x).count();
        let right = lines.len() - left;
        if left < min_side || right < min_side {
            continue;
        }
        let off = (x - width / 2.0).abs();
        if best.is_none_or(|(_, o)| off < o) {
            best = Some((x, off));
        }
    }
    best.map(|(x, _)| x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(y: f64, x: f64, s: &str) -> Vec<Glyph> {
        s.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + i as f64 * 5.0,
                y,
                end: x + i as f64 * 5.0 + 5.0,
                size: 10.0,
                text: c.to_string(),
            })
            .collect()
    }

    #[test]
    fn glyphs_make_lines_and_segments() {
        let mut g = glyphs(20.0, 10.0, "Hello");
        g.extend(glyphs(20.5, 45.0, "world"));
        g.extend(glyphs(20.0, 200.0, "Bonjour"));
        g.extend(glyphs(40.0, 10.0, "Next"));
        g.push(Glyph {
            x: f64::NAN,
            y: 1.0,
            end: 1.0,
            size: 1.0,
            text: "x".into(),
        });
        let page = lines(300.0, g);
        let texts: Vec<&str> = page.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Hello world", "Bonjour", "Next"]);
    }

    #[test]
    fn page_numbers() {
        for t in [
            "3",
            "- 3 -",
            "Page 3 of 12",
            "page 3 sur 12",
            "3/12",
            "— 12 —",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["Article 3", "3 of the", "12345", "Page", "1951."] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    fn line(y: f64, text: &str) -> Line {
        Line {
            x0: 0.0,
            x1: 100.0,
            y,
            size: 10.0,
            text: text.into(),
        }
    }

    #[test]
    fn furniture_repeats_at_page_ends() {
        let page = |n: usize| Page {
            width: 100.0,
            lines: vec![
                line(1.0, "NATO UNCLASSIFIED"),
                line(2.0, ["Alpha", "Beta", "Gamma"][n - 1]),
                line(3.0, "Body two"),
                line(4.0, "Body three"),
                line(5.0, "Body four"),
                line(6.0, "Body five"),
                line(7.0, "Body six"),
                line(8.0, &format!("Page {n} of 3")),
                line(9.0, "NATO UNCLASSIFIED"),
            ],
        };
        let pages = [page(1), page(2), page(3)];
        let f = furniture(&pages);
        assert_eq!(
            f[0][0].as_ref().map(Furniture::reason).as_deref(),
            Some("page header repeated on 3 of 3 pages")
        );
        assert_eq!(f[1][7], Some(Furniture::PageNumber));
        // Body lines near the edges differ from page to page.
        assert_eq!(f[1][1], None);
        assert_eq!(f[2][4], None);
        assert_eq!(
            f[2][8].as_ref().map(Furniture::reason).as_deref(),
            Some("page footer repeated on 3 of 3 pages")
        );
    }
}

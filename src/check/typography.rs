//! Rule `typography` (`check --typography`): French typographic conventions
//! in the French text.
//!
//! Input: the units (every unit with French text; a paragraph set aside
//! for its language is not French). Output: at most one warning per unit,
//! listing what it found with each place marked `⟦…⟧`:
//! - before `:` `;` `!` `?` and `»`, and after `«`, French puts a no-break
//!   space, U+00A0 or the narrow U+202F (either is accepted): none, or an
//!   ordinary (breaking) space, is reported;
//! - straight quotes (`'`, `"`) when most of the document's French units
//!   that have quotes or apostrophes use curly ones (`’`; `“ ”` or `« »`):
//!   the style is the document's, decided by its majority, and the units
//!   in the minority style are reported.
//!
//! Not reported: URLs and e-mail addresses, times and ratios (`10:30`,
//! `1:2`), a mark after another (`?!`, only the first needs the space), a
//! mark alone in brackets (`(?)`), a mark at the start of a line, and
//! straight quotes after a digit (feet, inches, minutes). Text that follows
//! the conventions gives no finding.

use std::ops::Range;

use super::{CheckUnit, Finding, Rule, finding};

/// What is wrong at one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    /// No space at all before the mark (after `«`).
    NoSpace(char),
    /// An ordinary space where a no-break space is due.
    BreakingSpace(char),
    /// A straight quote in a document of curly ones.
    Straight(char),
}

impl Problem {
    fn describe(self) -> String {
        match self {
            Problem::NoSpace('«') => "no space after “«”".into(),
            Problem::NoSpace(c) => format!("no space before “{c}”"),
            Problem::BreakingSpace('«') => "ordinary space after “«”".into(),
            Problem::BreakingSpace(c) => format!("ordinary space before “{c}”"),
            Problem::Straight('\'') => "straight apostrophe ' (the document uses ’)".into(),
            Problem::Straight(_) => "straight quote \" (the document uses curly quotes)".into(),
        }
    }
}

/// The document's quote style: whether most French units with each kind of
/// quote use the curly form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Style {
    curly_apostrophes: bool,
    curly_quotes: bool,
}

fn is_french(unit: &CheckUnit) -> bool {
    unit.aside.is_none() && !unit.fr.trim().is_empty()
}

/// The style of the majority of the French units.
fn style(units: &[CheckUnit]) -> Style {
    let (mut curly_a, mut straight_a, mut curly_q, mut straight_q) = (0, 0, 0, 0);
    for u in units.iter().filter(|u| is_french(u)) {
        let t = &u.fr;
        curly_a += usize::from(t.contains('’'));
        straight_a += usize::from(t.contains('\''));
        curly_q += usize::from(t.contains(['“', '”', '«', '»']));
        straight_q += usize::from(t.contains('"'));
    }
    Style {
        curly_apostrophes: curly_a > straight_a,
        curly_quotes: curly_q > straight_q,
    }
}

/// A no-break space, as French typography wants before high punctuation.
fn is_no_break(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}')
}

/// The problems of one French text, in text order.
fn problems(text: &str, style: Style) -> Vec<(Range<usize>, Problem)> {
    let urls = crate::text::url_spans(text);
    let in_url = |i: usize| urls.iter().any(|r| r.contains(&i));
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end = |k: usize| chars[k].0 + chars[k].1.len_utf8();
    let mut out = Vec::new();
    // The space before (or after) a mark at `k`, the neighbour at `n`.
    let spacing = |k: usize, n: usize, mark: char, out: &mut Vec<(Range<usize>, Problem)>| {
        let (at, c) = chars[n];
        if is_no_break(c) || c == '\n' {
            return;
        }
        let span = chars[k].0.min(at)..end(k).max(at + c.len_utf8());
        if c.is_whitespace() {
            out.push((span, Problem::BreakingSpace(mark)));
        } else {
            out.push((chars[k].0..end(k), Problem::NoSpace(mark)));
        }
    };
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, c)| c);
        match c {
            ':' | ';' | '!' | '?' => {
                let Some(p) = prev else { continue };
                let digits = p.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit());
                let skip = in_url(i)
                    || matches!(p, ':' | ';' | '!' | '?' | '(' | '[')
                    || (c == ':' && (digits || next == Some('/')))
                    || (c == ';' && is_entity_end(&text[..i]));
                if !skip {
                    spacing(k, k - 1, c, &mut out);
                }
            }
            '«' if next.is_some() && !in_url(i) => spacing(k, k + 1, c, &mut out),
            '»' if prev.is_some() && !in_url(i) => spacing(k, k - 1, c, &mut out),
            '\'' | '"' => {
                let curly = if c == '\'' {
                    style.curly_apostrophes
                } else {
                    style.curly_quotes
                };
                if curly && !in_url(i) && !prev.is_some_and(|p| p.is_ascii_digit()) {
                    out.push((i..i + 1, Problem::Straight(c)));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether `before` (the text before a `;`) ends with an HTML entity's
/// opening (`&amp`, `&#8217`): markup left in the text, not punctuation.
fn is_entity_end(before: &str) -> bool {
    let tail: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !tail.is_empty() && before[..before.len() - tail.len()].ends_with('&')
}

/// The typography findings of the French units, in unit order.
pub(super) fn check_typography(units: &[CheckUnit]) -> Vec<Finding> {
    let style = style(units);
    units
        .iter()
        .filter(|u| is_french(u))
        .filter_map(|u| {
            let found = problems(&u.fr, style);
            if found.is_empty() {
                return None;
            }
            // Each kind once, in order of first appearance, with its count.
            let mut kinds: Vec<(Problem, usize)> = Vec::new();
            for (_, p) in &found {
                match kinds.iter_mut().find(|(q, _)| q == p) {
                    Some((_, n)) => *n += 1,
                    None => kinds.push((*p, 1)),
                }
            }
            let list: Vec<String> = kinds
                .iter()
                .map(|&(p, n)| {
                    if n > 1 {
                        format!("{} ×{n}", p.describe())
                    } else {
                        p.describe()
                    }
                })
                .collect();
            let spaces = kinds
                .iter()
                .any(|(p, _)| !matches!(p, Problem::Straight(_)));
            let message = format!(
                "French typography: {}{}",
                list.join(", "),
                if spaces {
                    "; French puts a no-break space (U+00A0 or U+202F) there"
                } else {
                    ""
                }
            );
            let spans: Vec<Range<usize>> = found.into_iter().map(|(r, _)| r).collect();
            Some(finding(
                u,
                Rule::Typography,
                message.clone(),
                &[],
                &spans,
                &message,
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::unit;
    use super::*;

    fn check_fr(texts: &[&str]) -> Vec<Finding> {
        let units: Vec<CheckUnit> = texts
            .iter()
            .enumerate()
            .map(|(k, t)| CheckUnit {
                unit: k + 1,
                ..unit("English text.", t)
            })
            .collect();
        check_typography(&units)
    }

    #[test]
    fn text_that_follows_the_conventions_gives_nothing() {
        let f = check_fr(&[
            "Article 5\u{a0}: les Parties conviennent\u{202f}; «\u{a0}Pourquoi\u{202f}?\u{a0}» dit-il\u{a0}!",
            "La réunion a lieu à 10:30, dans un rapport de 1:2 (?) ; voir https://www.nato.int/a?b=1;c ou l’OTAN.",
            "«\u{a0}Le Conseil\u{202f}» et l’Alliance\u{a0}?!",
        ]);
        // The second text has an ordinary space before its `;`.
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].unit, 2);
        assert_eq!(
            f[0].message,
            "French typography: ordinary space before “;”; French puts a no-break space (U+00A0 or U+202F) there"
        );
        assert!(f[0].fr.contains("(?)⟦ ;⟧ voir"), "{}", f[0].fr);
    }

    #[test]
    fn one_finding_per_unit_listing_every_place() {
        let f = check_fr(&["Article 5: les Parties; elles conviennent : «Pourquoi ?»"]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].message,
            "French typography: no space before “:”, no space before “;”, ordinary space before “:”, no space after “«”, ordinary space before “?”, no space before “»”; French puts a no-break space (U+00A0 or U+202F) there"
        );
        assert_eq!(
            f[0].fr,
            "Article 5⟦:⟧ les Parties⟦;⟧ elles conviennent⟦ :⟧ ⟦«⟧Pourquoi⟦ ?⟧⟦»⟧"
        );
        assert_eq!(f[0].rule, Rule::Typography);
        assert_eq!(f[0].severity, crate::check::Severity::Warning);
    }

    #[test]
    fn straight_quotes_in_a_curly_document() {
        let f = check_fr(&[
            "l’Organisation et l’OTAN",
            "l’Alliance",
            "l'Assemblée et un \"texte\" de 5' de long",
            "«\u{a0}Texte\u{a0}»",
            "«\u{a0}Autre\u{a0}»",
        ]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].unit, 3);
        assert_eq!(f[0].fr, "l⟦'⟧Assemblée et un ⟦\"⟧texte⟦\"⟧ de 5' de long");
        assert!(
            f[0].message
                .contains("straight apostrophe ' (the document uses ’)")
        );
        assert!(
            f[0].message
                .contains("straight quote \" (the document uses curly quotes) ×2")
        );
        // A document of straight apostrophes keeps its style.
        assert!(check_fr(&["l'Organisation", "l'OTAN", "l’Alliance"]).is_empty());
    }

    #[test]
    fn set_aside_and_english_only_units_are_not_french() {
        let mut u = unit("", "Sont convenus de ce qui suit:");
        u.aside = Some(crate::align::AsideLanguage::Pair(crate::document::Lang::En));
        assert!(check_typography(&[u]).is_empty());
        assert!(check_typography(&[unit("Agreed as follows:", "")]).is_empty());
    }
}

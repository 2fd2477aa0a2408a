//! Dates in a text, as values, and the dates of a unit's two sides that
//! should be one date but differ.
//!
//! Input: a text and its language ([`dates`]); then the dates of both sides
//! of a unit ([`mismatches`]). Output: [`Date`]s with partial fields (day?,
//! month?, year?) and their byte spans; pairs of an English and a French date
//! that differ in a field both give.
//!
//! Forms read: `18 September 1997`, `18th of September, 1997`, `28th day of
//! August 1952`, `September 18, 1997`, `Sept. 18`, `03 Jun. 2020`, `June 1951`;
//! `18 septembre 1997`, `le 1er juin`, `1er juin 2020`, `3 sept. 2020`,
//! `juin 1951`; day ranges (`19-21 June`, `June 19 to 21, 1951`, `du 19 au 21
//! juin`); `18.09.1997`, `18/09/1997`, `18-09-1997` day first (in English,
//! month first when day first is impossible: `09/18/1997`); ISO `1997-09-18`.
//! A month name needs a day or a year beside it (`May`, `mars` alone are
//! words); English month names are capitalised.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::{CheckUnit, Finding, Rule, finding};
use crate::document::Lang;

/// A date read in a text; a field the text does not give is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Date {
    /// The whole date as written (a day range: the whole range).
    pub span: Range<usize>,
    /// Day of the month, 1–31.
    pub day: Option<u32>,
    /// Month, 1–12.
    pub month: Option<u32>,
    /// Year (1000–2999).
    pub year: Option<u32>,
    /// Where the day's digits are.
    pub day_span: Option<Range<usize>>,
    /// Where the year's digits are.
    pub year_span: Option<Range<usize>>,
    /// An English `d/m/yyyy` whose month-first reading is a date too
    /// (`3/4/2020`): it also matches that reading (`4 mars 2020`).
    pub swappable: bool,
}

impl Date {
    fn fields(&self) -> [Option<u32>; 3] {
        [self.day, self.month, self.year]
    }

    /// The fields as read, then month first when that reads too.
    fn readings(&self) -> impl Iterator<Item = [Option<u32>; 3]> {
        let swapped = [self.month, self.day, self.year];
        std::iter::once(self.fields()).chain(self.swappable.then_some(swapped))
    }

    /// Fields both dates give that agree, and that differ, under the
    /// readings that agree best.
    fn agreement(&self, other: &Date) -> (usize, usize) {
        let mut best: Option<(usize, usize)> = None;
        for a in self.readings() {
            for b in other.readings() {
                let (mut agree, mut differ) = (0, 0);
                for (a, b) in a.into_iter().zip(b) {
                    match (a, b) {
                        (Some(a), Some(b)) if a == b => agree += 1,
                        (Some(_), Some(_)) => differ += 1,
                        _ => {}
                    }
                }
                let key =
                    |(agree, differ): (usize, usize)| (differ == 0, agree, usize::MAX - differ);
                if best.is_none_or(|b| key((agree, differ)) > key(b)) {
                    best = Some((agree, differ));
                }
            }
        }
        best.unwrap_or_default()
    }

    /// The same date: every field both give agrees (a partial form matches
    /// the fuller one: `June 19` = `19 juin 1951`).
    fn matches(&self, other: &Date) -> bool {
        let (agree, differ) = self.agreement(other);
        agree > 0 && differ == 0
    }
}

/// Whether a lower-case word is an English month name (`january`): a word
/// only English has, names and numbers aside.
pub(super) fn english_month(lower: &str) -> bool {
    EN_MONTHS[0].iter().any(|(m, _)| *m == lower)
}

/// Month names, then their abbreviations.
const EN_MONTHS: [&[(&str, u32)]; 2] = [
    &[
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
    ],
    &[
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sept", 9),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ],
];
const FR_MONTHS: [&[(&str, u32)]; 2] = [
    &[
        ("janvier", 1),
        ("février", 2),
        ("fevrier", 2),
        ("mars", 3),
        ("avril", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("août", 8),
        ("aout", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("décembre", 12),
        ("decembre", 12),
    ],
    &[
        ("janv", 1),
        ("févr", 2),
        ("fevr", 2),
        ("fév", 2),
        ("fev", 2),
        ("avr", 4),
        ("juil", 7),
        ("juill", 7),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("déc", 12),
        ("dec", 12),
    ],
];

/// The month alternation of a language: full names, then abbreviations with
/// their full stop (`stop`: in French the stop is required, `sept` alone
/// being seven).
fn month_pattern([full, short]: [&[(&str, u32)]; 2], stop: &str) -> String {
    let names = |t: &[(&str, u32)]| t.iter().map(|(m, _)| *m).collect::<Vec<_>>().join("|");
    format!(r"(?P<m>(?:{})\b|(?:{})\b{stop})", names(full), names(short))
}

/// A day: one or two digits, an ordinal ending.
const EN_DAY: &str = r"\d{1,2}(?:st|nd|rd|th)?";
const FR_DAY: &str = r"\d{1,2}(?:er|re|ᵉʳ|ʳᵉ)?";

/// The date forms of a language, each with named groups: `days` (a day or
/// a range of two), `m` (a month name), `y` (a year).
static FORMS: LazyLock<[Vec<Regex>; 2]> = LazyLock::new(|| {
    let re = |s: String| Regex::new(&s).unwrap();
    let en_month = month_pattern(EN_MONTHS, r"\.?");
    let en_days = format!(r"(?P<days>{EN_DAY}(?:\s*(?:-|–|—|\bto\b|\band\b|&)\s*{EN_DAY})?)");
    let en = vec![
        re(format!(
            r"(?i)\b{en_days}\s+(?:day\s+of\s+|of\s+)?{en_month}(?:,?\s+(?P<y>\d{{4}})\b)?"
        )),
        re(format!(
            r"(?i)\b{en_month}\s+{en_days}\b(?:,?\s+(?P<y>\d{{4}})\b)?"
        )),
        re(format!(r"(?i)\b{en_month},?\s+(?P<y>\d{{4}})\b")),
    ];
    let fr_month = month_pattern(FR_MONTHS, r"\.");
    let fr_days = format!(r"(?P<days>{FR_DAY}(?:\s*(?:-|–|—|\bau\b|\bet\b|&)\s*{FR_DAY})?)");
    let fr = vec![
        re(format!(
            r"(?i)\b{fr_days}\s+{fr_month}(?:\s+(?P<y>\d{{4}})\b)?"
        )),
        re(format!(r"(?i)\b{fr_month}\s+(?P<y>\d{{4}})\b")),
    ];
    [en, fr]
});

/// All-digit forms: `18.09.1997`, `18/09/1997`, `18-09-1997`; ISO
/// `1997-09-18`.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<a>\d{1,2})(?P<s1>[./-])(?P<b>\d{1,2})(?P<s2>[./-])(?P<y>\d{4})\b").unwrap()
});
static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b").unwrap());
static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{1,2}").unwrap());

fn year(c: &Captures) -> Option<(u32, Range<usize>)> {
    let g = c.name("y")?;
    let y: u32 = g.as_str().parse().ok()?;
    (1000..=2999).contains(&y).then(|| (y, g.range()))
}

fn valid(day: u32, month: u32) -> bool {
    (1..=31).contains(&day) && (1..=12).contains(&month)
}

/// The dates of a form with a month name, one per day of a range.
fn named(c: &Captures, lang: Lang) -> Vec<Date> {
    let m = c.name("m").expect("month group");
    let name = m.as_str().trim_end_matches('.');
    // English month names are capitalised: `may`, `march` are verbs.
    if lang == Lang::En && !name.starts_with(char::is_uppercase) {
        return Vec::new();
    }
    let [full, short] = match lang {
        Lang::En => EN_MONTHS,
        Lang::Fr => FR_MONTHS,
    };
    let lower = name.to_lowercase();
    let Some(&(_, month)) = full.iter().chain(short).find(|(n, _)| *n == lower) else {
        return Vec::new();
    };
    let year = year(c);
    if c.name("y").is_some() && year.is_none() {
        return Vec::new();
    }
    let span = c.get(0).expect("match").range();
    let date = |day: Option<(u32, Range<usize>)>| Date {
        span: span.clone(),
        day: day.as_ref().map(|d| d.0),
        month: Some(month),
        year: year.as_ref().map(|y| y.0),
        day_span: day.map(|d| d.1),
        year_span: year.as_ref().map(|y| y.1.clone()),
        swappable: false,
    };
    let Some(days) = c.name("days") else {
        return vec![date(None)];
    };
    let out: Vec<Date> = DIGITS
        .find_iter(days.as_str())
        .filter_map(|d| {
            let day: u32 = d.as_str().parse().ok()?;
            let at = days.start() + d.start()..days.start() + d.end();
            valid(day, month).then(|| date(Some((day, at))))
        })
        .collect();
    out
}

/// The date of an all-digit form, day first; in English month first when
/// day first is impossible (`09/18/1997`).
fn numeric(c: &Captures, lang: Lang) -> Option<Date> {
    if c["s1"] != c["s2"] {
        return None;
    }
    let (a, b) = (c.name("a")?, c.name("b")?);
    let (va, vb): (u32, u32) = (a.as_str().parse().ok()?, b.as_str().parse().ok()?);
    // Slashes in English may be American, month first.
    let swappable = lang == Lang::En && &c["s1"] == "/" && va != vb && valid(vb, va);
    let (day, month, day_at) = if valid(va, vb) {
        (va, vb, a.range())
    } else if lang == Lang::En && valid(vb, va) {
        (vb, va, b.range())
    } else {
        return None;
    };
    let (y, y_at) = year(c)?;
    Some(Date {
        span: c.get(0)?.range(),
        day: Some(day),
        month: Some(month),
        year: Some(y),
        day_span: Some(day_at),
        year_span: Some(y_at),
        swappable: swappable && valid(va, vb),
    })
}

fn iso(c: &Captures) -> Option<Date> {
    let (y, y_at) = year(c)?;
    let d = c.name("d")?;
    let (day, month): (u32, u32) = (d.as_str().parse().ok()?, c["m"].parse().ok()?);
    valid(day, month).then(|| Date {
        span: c.get(0).expect("match").range(),
        day: Some(day),
        month: Some(month),
        year: Some(y),
        day_span: Some(d.range()),
        year_span: Some(y_at),
        swappable: false,
    })
}

/// A digit form inside a longer run of numbers (`1.18.09.1997`, a version
/// `18.09.1997.2`) is no date.
fn inside_numbers(text: &str, span: &Range<usize>) -> bool {
    let before = &text.as_bytes()[..span.start];
    let after = &text.as_bytes()[span.end..];
    let digit_sep = |sep: Option<&u8>, digit: Option<&u8>| {
        sep.is_some_and(|c| b"./-,".contains(c)) && digit.is_some_and(u8::is_ascii_digit)
    };
    digit_sep(
        before.last(),
        before.len().checked_sub(2).and_then(|i| before.get(i)),
    ) || digit_sep(after.first(), after.get(1))
}

/// Every date of `text`, in order, none overlapping a span of `skip` (URLs,
/// file names: [`super::numbers::uncompared`]). Where forms overlap, the
/// longest wins.
pub fn dates(text: &str, lang: Lang, skip: &[Range<usize>]) -> Vec<Date> {
    // Every form holds a digit: most paragraphs without digits skip the regexes.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut found: Vec<(Range<usize>, Vec<Date>)> = Vec::new();
    for form in &FORMS[usize::from(lang == Lang::Fr)] {
        for c in form.captures_iter(text) {
            found.push((c.get(0).expect("match").range(), named(&c, lang)));
        }
    }
    for c in NUMERIC.captures_iter(text) {
        found.push((
            c.get(0).expect("match").range(),
            numeric(&c, lang).into_iter().collect(),
        ));
    }
    for c in ISO.captures_iter(text) {
        found.push((
            c.get(0).expect("match").range(),
            iso(&c).into_iter().collect(),
        ));
    }
    found.retain(|(span, ds)| {
        !ds.is_empty()
            && !inside_numbers(text, span)
            && !skip
                .iter()
                .any(|s| s.start < span.end && span.start < s.end)
    });
    found.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
    let mut out: Vec<Date> = Vec::new();
    let mut end = 0;
    for (span, ds) in found {
        if span.start >= end {
            end = span.end;
            out.extend(ds);
        }
    }
    out
}

/// An English date and a French date that stand for one date but differ
/// (indices into the two lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mismatch {
    /// The English date.
    pub en: usize,
    /// The French date.
    pub fr: usize,
}

/// The dates that differ between the sides. Dates are first matched one to
/// one by value; a date with no match anywhere on the other side is lost,
/// and is paired with the other side's date that was left over (lost, or a
/// repetition) and agrees with it most (at least one field); lost dates
/// still unpaired are paired in order when as many are left on each side.
/// A lost date with no counterpart is left to the number comparison.
pub fn mismatches(en: &[Date], fr: &[Date]) -> Vec<Mismatch> {
    // One to one, the fullest agreement first: dates written with the same
    // fields before a partial form meets a fuller one (`July 2024` is
    // `juillet 2024`, not the `13 juillet 2024` beside it).
    let mut en_used = vec![false; en.len()];
    let mut fr_used = vec![false; fr.len()];
    let shape = |d: &Date| d.fields().map(|f| f.is_some());
    for exact in [true, false] {
        for (i, e) in en.iter().enumerate() {
            if en_used[i] {
                continue;
            }
            let best = fr
                .iter()
                .enumerate()
                .filter(|(j, f)| !fr_used[*j] && e.matches(f) && (!exact || shape(e) == shape(f)))
                .max_by_key(|(j, f)| (e.agreement(f).0, std::cmp::Reverse(*j)));
            if let Some((j, _)) = best {
                (en_used[i], fr_used[j]) = (true, true);
            }
        }
    }
    let en_lost: Vec<bool> = en
        .iter()
        .map(|e| !fr.iter().any(|f| e.matches(f)))
        .collect();
    let fr_lost: Vec<bool> = fr
        .iter()
        .map(|f| !en.iter().any(|e| e.matches(f)))
        .collect();
    let mut out = Vec::new();
    // Lost English dates, then lost French dates, against what the other
    // side left over.
    for english in [true, false] {
        let (side, other, lost, other_lost, used, other_used) = if english {
            (en, fr, &en_lost, &fr_lost, &mut en_used, &mut fr_used)
        } else {
            (fr, en, &fr_lost, &en_lost, &mut fr_used, &mut en_used)
        };
        let todo: Vec<usize> = (0..side.len()).filter(|&i| lost[i] && !used[i]).collect();
        for i in todo {
            let best = (0..other.len())
                .filter(|&j| !other_used[j])
                .map(|j| (j, side[i].agreement(&other[j]).0))
                .filter(|&(_, agree)| agree > 0)
                .max_by_key(|&(j, agree)| (agree, other_lost[j], std::cmp::Reverse(j.abs_diff(i))));
            if let Some((j, _)) = best {
                (used[i], other_used[j]) = (true, true);
                out.push(if english {
                    Mismatch { en: i, fr: j }
                } else {
                    Mismatch { en: j, fr: i }
                });
            }
        }
    }
    let left = |lost: &[bool], used: &[bool]| -> Vec<usize> {
        (0..lost.len()).filter(|&i| lost[i] && !used[i]).collect()
    };
    let (en_left, fr_left) = (left(&en_lost, &en_used), left(&fr_lost, &fr_used));
    if en_left.len() == fr_left.len() {
        out.extend(
            en_left
                .into_iter()
                .zip(fr_left)
                .map(|(en, fr)| Mismatch { en, fr }),
        );
    }
    out.sort_by_key(|m| m.en);
    // The days of one range in each language are one date that differs.
    out.dedup_by(|a, b| en[a.en].span == en[b.en].span && fr[a.fr].span == fr[b.fr].span);
    out
}

/// What differs between two dates: the fields both give that differ, then
/// those one side only gives (`month`, `day, year`, `day; year in English
/// only`).
pub fn differences(en: &Date, fr: &Date) -> String {
    let names = ["day", "month", "year"];
    let mut differ = Vec::new();
    let mut one_side = Vec::new();
    for ((a, b), name) in en.fields().into_iter().zip(fr.fields()).zip(names) {
        match (a, b) {
            (Some(a), Some(b)) if a != b => differ.push(name.to_string()),
            (Some(_), None) => one_side.push(format!("{name} in English only")),
            (None, Some(_)) => one_side.push(format!("{name} in French only")),
            _ => {}
        }
    }
    let mut out = differ.join(", ");
    if !one_side.is_empty() {
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(&one_side.join(", "));
    }
    out
}

/// The `date-mismatch` finding of two dates of `unit` (`en` in its English,
/// `fr` in its French), both marked.
pub(super) fn date_finding(unit: &CheckUnit, en: &Date, fr: &Date) -> Finding {
    let (e, f) = (&unit.en[en.span.clone()], &unit.fr[fr.span.clone()]);
    finding(
        unit,
        Rule::DateMismatch,
        format!(
            "dates differ: English {e}, French {f} ({})",
            differences(en, fr)
        ),
        std::slice::from_ref(&en.span),
        std::slice::from_ref(&fr.span),
        &format!("{e}≠{f}"),
    )
}

#[cfg(test)]
mod tests;

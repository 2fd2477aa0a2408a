//! Numbers and dates in a text, as values comparable across English and French
//! conventions: `1,000.5` = `1 000,5`, `2.5` = `2,5`, `50%` = `50 %`, `3rd` =
//! `3e`, `19th June` = `19 juin`, `Article V` = `article 5`, `Article 1` =
//! `article premier`, and, as support only, numbers written in words (`two` =
//! `deux` = `2`).

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::Lang;
use crate::segment::roman;

/// A number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Where it is (bytes).
    pub span: Range<usize>,
    /// The values it may stand for (one, or two when the separators are
    /// ambiguous), in thousandths so they compare exactly.
    pub values: Vec<i64>,
    /// Written in words (`two`, `deux`): never reported missing, only used to
    /// match a number written in digits on the other side.
    pub words: bool,
}

/// A value in thousandths.
fn milli(whole: i64, frac: &str) -> i64 {
    let mut f = 0i64;
    let mut scale = 100i64;
    for d in frac.chars().take(3).filter_map(|c| c.to_digit(10)) {
        f += i64::from(d) * scale;
        scale /= 10;
    }
    whole.saturating_mul(1000).saturating_add(f)
}

static DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    // Digits with thousands separators (, . space NBSP NNBSP thin space) and a
    // decimal part; the separators are interpreted per language below.
    Regex::new(r"\d{1,3}(?:[,.\u{a0}\u{202f}\u{2009} ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?").unwrap()
});
static ROMAN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:article|art\.|part|partie|titre|title|chapter|chapitre|section|annex|annexe|protocol|protocole)\s+([IVXLC]{1,7}|premier|première|first)\b").unwrap()
});

const EN_WORDS: &[(&str, i64)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("hundred", 100),
    ("thousand", 1000),
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("tenth", 10),
];
const FR_WORDS: &[(&str, i64)] = &[
    ("zéro", 0),
    ("un", 1),
    ("une", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("treize", 13),
    ("quatorze", 14),
    ("quinze", 15),
    ("seize", 16),
    ("vingt", 20),
    ("trente", 30),
    ("quarante", 40),
    ("cinquante", 50),
    ("cent", 100),
    ("mille", 1000),
    ("premier", 1),
    ("première", 1),
    ("deuxième", 2),
    ("second", 2),
    ("seconde", 2),
    ("troisième", 3),
    ("quatrième", 4),
    ("cinquième", 5),
    ("dixième", 10),
];

/// The values of a digit token under one language's conventions, the other
/// reading added when the separators are ambiguous (`1,000` in French).
fn digit_values(token: &str, lang: Lang) -> Vec<i64> {
    let parse = |thousands: &[char], decimal: char| -> Option<i64> {
        let mut whole = String::new();
        let mut frac = String::new();
        let mut in_frac = false;
        for c in token.chars() {
            if c.is_ascii_digit() {
                if in_frac { frac.push(c) } else { whole.push(c) }
            } else if c == decimal && !in_frac {
                in_frac = true;
            } else if thousands.contains(&c) && !in_frac {
            } else {
                return None;
            }
        }
        whole.parse::<i64>().ok().map(|w| milli(w, &frac))
    };
    let en = parse(&[','], '.');
    let fr = parse(&['\u{a0}', '\u{202f}', '\u{2009}', ' ', '.'], ',');
    let mut out: Vec<i64> = match lang {
        Lang::En => en.into_iter().chain(fr).collect(),
        Lang::Fr => fr.into_iter().chain(en).collect(),
    };
    // A separator that reads as a decimal in one language and thousands in the
    // other ("1,000"): keep both readings; the digit string alone too, so
    // "1.5" and "1,5" always meet.
    out.dedup();
    out
}

/// Every number in `text`.
pub fn numbers(text: &str, lang: Lang) -> Vec<Number> {
    let mut out: Vec<Number> = Vec::new();
    for m in DIGITS.find_iter(text) {
        // A space-separated group only counts as thousands when the language
        // uses it that way; "in 2024 2 Allies" must stay two numbers.
        let token = m.as_str();
        if token.contains(' ') && lang == Lang::En {
            for part in token.split(' ') {
                let start = m.start() + (part.as_ptr() as usize - token.as_ptr() as usize);
                out.push(Number {
                    span: start..start + part.len(),
                    values: digit_values(part, lang),
                    words: false,
                });
            }
            continue;
        }
        let trimmed = token.trim_end_matches(['.', ',']);
        out.push(Number {
            span: m.start()..m.start() + trimmed.len(),
            values: digit_values(trimmed, lang),
            words: false,
        });
    }
    for c in ROMAN_AFTER.captures_iter(text) {
        let Some(g) = c.get(1) else { continue };
        let value = match g.as_str().to_lowercase().as_str() {
            "premier" | "première" | "first" => Some(1),
            s => roman(&s.to_uppercase()).filter(|_| g.as_str().chars().all(|c| c.is_uppercase())),
        };
        if let Some(v) = value {
            out.push(Number {
                span: g.range(),
                values: vec![milli(i64::from(v), "")],
                words: false,
            });
        }
    }
    let table = match lang {
        Lang::En => EN_WORDS,
        Lang::Fr => FR_WORDS,
    };
    let mut pos = 0;
    for word in text.split(|c: char| !c.is_alphabetic()) {
        let start = text[pos..].find(word).map_or(pos, |i| pos + i);
        pos = start + word.len();
        let lower = word.to_lowercase();
        if let Some(&(_, v)) = table.iter().find(|(w, _)| *w == lower) {
            out.push(Number {
                span: start..start + word.len(),
                values: vec![milli(v, "")],
                words: true,
            });
        }
    }
    out.sort_by_key(|n| n.span.start);
    out
}

/// The numbers written in digits (or Roman numerals after `Article`) on one
/// side whose value the other side does not have, in digits or in words.
pub fn unmatched<'a>(side: &'a [Number], other: &[Number]) -> Vec<&'a Number> {
    let other_values: BTreeSet<i64> = other
        .iter()
        .flat_map(|n| n.values.iter().copied())
        .collect();
    side.iter()
        .filter(|n| !n.words)
        .filter(|n| !n.values.iter().any(|v| other_values.contains(v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, lang: Lang) -> Vec<Vec<i64>> {
        numbers(text, lang)
            .into_iter()
            .filter(|n| !n.words)
            .map(|n| n.values)
            .collect()
    }

    fn missing(en: &str, fr: &str) -> (Vec<String>, Vec<String>) {
        let (e, f) = (numbers(en, Lang::En), numbers(fr, Lang::Fr));
        (
            unmatched(&e, &f)
                .iter()
                .map(|n| en[n.span.clone()].to_string())
                .collect(),
            unmatched(&f, &e)
                .iter()
                .map(|n| fr[n.span.clone()].to_string())
                .collect(),
        )
    }

    #[test]
    fn conventions_compare_by_value() {
        assert_eq!(values("1,000.5 and 2.5", Lang::En)[0][0], 1_000_500);
        assert_eq!(values("1\u{202f}000,5 et 2,5", Lang::Fr)[0][0], 1_000_500);
        let none = (vec![], vec![]);
        assert_eq!(
            missing("1,000.5 tonnes, 2.5%", "1 000,5 tonnes, 2,5 %"),
            none
        );
        assert_eq!(missing("on 03 Jun. 2020", "le 3 juin 2020"), none);
        assert_eq!(
            missing("signed on 19th June, 1951", "signée le 19 juin 1951"),
            none
        );
        assert_eq!(
            missing("Article 5 of the Treaty", "l’article V du Traité"),
            none
        );
        assert_eq!(
            missing(
                "Article 1 of the Agreement",
                "l’article premier de la Convention"
            ),
            none
        );
        assert_eq!(missing("two Allies", "2 Alliés"), none);
        assert_eq!(missing("the 3rd meeting", "la 3e réunion"), none);
        assert_eq!(missing("APT 28", "APT28"), none);
    }

    #[test]
    fn a_changed_number_is_found_on_both_sides() {
        assert_eq!(
            missing("in 2024, Germany", "en 2023, l’Allemagne"),
            (vec!["2024".into()], vec!["2023".into()])
        );
        assert_eq!(
            missing("12 Allies and 2 partners", "12 Alliés et des partenaires"),
            (vec!["2".into()], vec![])
        );
    }
}

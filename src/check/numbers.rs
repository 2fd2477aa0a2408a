//! Numbers in a text, as values comparable across English and French
//! conventions.
//!
//! Input: a text and its language. Output: its [`Number`]s (byte spans,
//! values, how they are written) and its [`Date`]s ([`read`]).
//!
//! `1,000.5` = `1 000,5`, `2.5` = `2,5`, `50%` = `50 %`, `3rd` = `3e`,
//! `Article V` = `article 5`, `Article 1` = `article premier`, `XXe` = `20th`,
//! `Ier` = `1st`; numbers in words, compounds included (`twenty-five` =
//! `vingt-cinq` = `25`, `quatre-vingt-dix` = `ninety`). Dates are read as
//! dates ([`super::dates`]): their digits become the day and the year
//! (`18.09.1997` is 18 and 1997, not 18.09). Nothing inside a URL, an e-mail
//! address, a file name or a percent-escape is a number ([`uncompared`]).

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

mod words;

use super::dates::{self, Date};
use crate::document::Lang;
use crate::segment::roman;

/// How a number is written, which decides when it may be reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// In figures: digits, or a Roman numeral that can only be a number
    /// (`Article V`, `XXe siècle`). Reported when the other side lacks its
    /// value.
    Digits,
    /// In words (`ten`, `vingt-cinq`), 2 or more: reported only against an
    /// unmatched word on the other side ([`unmatched_words`]).
    Words,
    /// Present but never reported: it only matches the other side. A word
    /// that is also an article, a pronoun or an adjective (`one`, `un`,
    /// `second`, `neuf`), a standalone Roman numeral (`Elizabeth II`, the
    /// pronoun `I`), a paragraph's printed label.
    Support,
}

/// A number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Where it is (bytes).
    pub span: Range<usize>,
    /// The values it may stand for (one, or two when the separators are
    /// ambiguous), in thousandths so they compare exactly.
    pub values: Vec<i64>,
    /// How it is written.
    pub form: Form,
}

/// A value in thousandths.
pub(super) fn milli(whole: i64, frac: &str) -> i64 {
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
/// A Roman numeral with an ordinal ending (`Ier`, `IIe`, `XXe`, `XXᵉ`;
/// `XXth`): a number whatever precedes it.
static ROMAN_ORDINAL: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    let re = |endings: &str| Regex::new(&format!(r"\b([IVXLCDM]{{1,7}})(?:{endings})\b")).unwrap();
    [re("st|nd|rd|th"), re("ère|ème|eme|er|re|e|ᵉʳ|ʳᵉ|ᵉ")]
});
/// A standalone Roman numeral (`Elizabeth II`, `World War I`).
static ROMAN_ALONE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b[IVXLCDM]{1,7}\b").unwrap());

/// A file name: a word with a known extension (`report_2023-v2.pdf`,
/// `annex3.docx`). The list keeps sentence ends (`in 2023.The`) and
/// abbreviations (`No.5`) out.
static FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)[\w~-][\w.~-]*\.(?:pdf|docx?|xlsx?|pptx?|od[tspg]|rtf|txt|csv|tsv|json|xml|html?|php|aspx?|zip|rar|7z|gz|tgz|tar|png|jpe?g|gif|svg|tiff?|bmp|webp|mp[34]|wav|avi|mov|mkv|tmx|xlf|xliff|md|epub|exe|msi|iso|dat|log|ini|cfg|ya?ml)\b",
    )
    .unwrap()
});
static PERCENT_ESCAPE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"%[0-9A-Fa-f]{2}").unwrap());

/// The spans of `text` whose digits are no numbers of the text: URLs and
/// e-mail addresses ([`crate::text::url_spans`]), file names, and words
/// holding a percent-escape (`caf%C3%A9`). `50%20` (a percentage, then 20)
/// is no escape: a `%` after a digit escapes only with a hex letter.
pub fn uncompared(text: &str) -> Vec<Range<usize>> {
    let mut out = crate::text::url_spans(text);
    if text.contains('.') {
        out.extend(FILE_NAME.find_iter(text).map(|m| m.range()));
    }
    if text.contains('%') {
        for m in PERCENT_ESCAPE.find_iter(text) {
            let after_digit = text[..m.start()].ends_with(|c: char| c.is_ascii_digit());
            if after_digit && !m.as_str()[1..].contains(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            // The whole word around it: `caf%C3%A9s2024` is one encoded word.
            let start = text[..m.start()]
                .char_indices()
                .rfind(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let end = text[m.end()..]
                .find(char::is_whitespace)
                .map_or(text.len(), |i| m.end() + i);
            let word = text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '»']);
            out.push(start..start + word.len());
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

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

/// Every number in `text` (see [`read`]).
pub fn numbers(text: &str, lang: Lang) -> Vec<Number> {
    read(text, lang).0
}

/// Every number and every date in `text`. A date's digits are its day and
/// its year (its month is a name or in the date: never a number); nothing in
/// a span of [`uncompared`] is a number or a date.
pub fn read(text: &str, lang: Lang) -> (Vec<Number>, Vec<Date>) {
    let skip = uncompared(text);
    let dates = dates::dates(text, lang, &skip);
    let taken: Vec<Range<usize>> = skip
        .into_iter()
        .chain(dates.iter().map(|d| d.span.clone()))
        .collect();
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let mut out: Vec<Number> = Vec::new();
    let push = |out: &mut Vec<Number>, n: Number| {
        if !taken.iter().any(|t| overlaps(t, &n.span)) {
            out.push(n);
        }
    };
    for m in DIGITS.find_iter(text) {
        // A space-separated group only counts as thousands when the language
        // uses it that way; "in 2024 2 Allies" must stay two numbers.
        let token = m.as_str();
        if token.contains(' ') && lang == Lang::En {
            for part in token.split(' ') {
                let start = m.start() + (part.as_ptr() as usize - token.as_ptr() as usize);
                push(
                    &mut out,
                    figures(start..start + part.len(), digit_values(part, lang)),
                );
            }
            continue;
        }
        let trimmed = token.trim_end_matches(['.', ',']);
        let span = m.start()..m.start() + trimmed.len();
        push(&mut out, figures(span, digit_values(trimmed, lang)));
    }
    for c in ROMAN_AFTER.captures_iter(text) {
        let Some(g) = c.get(1) else { continue };
        let value = match g.as_str().to_lowercase().as_str() {
            "premier" | "première" | "first" => Some(1),
            s => roman(&s.to_uppercase()).filter(|_| g.as_str().chars().all(|c| c.is_uppercase())),
        };
        if let Some(v) = value {
            push(&mut out, figures(g.range(), vec![milli(i64::from(v), "")]));
        }
    }
    let ordinal = &ROMAN_ORDINAL[usize::from(lang == Lang::Fr)];
    for c in ordinal.captures_iter(text) {
        let g = c.get(1).expect("group 1");
        // `Le`, `Ce`, `De`, `Me`, `Mer` are words, not the 50th or 100th.
        if g.len() == 1 && !matches!(g.as_str(), "I" | "V" | "X") {
            continue;
        }
        if let Some(v) = roman(g.as_str()) {
            push(
                &mut out,
                figures(
                    c.get(0).expect("match").range(),
                    vec![milli(i64::from(v), "")],
                ),
            );
        }
    }
    for m in ROMAN_ALONE.find_iter(text) {
        let single_word = m.len() == 1 && !matches!(m.as_str(), "I" | "V" | "X");
        if single_word || out.iter().any(|n| overlaps(&n.span, &m.range())) {
            continue;
        }
        if let Some(v) = roman(m.as_str()) {
            let n = Number {
                span: m.range(),
                values: vec![milli(i64::from(v), "")],
                form: Form::Support,
            };
            push(&mut out, n);
        }
    }
    for n in words::words(text, lang) {
        push(&mut out, n);
    }
    for d in &dates {
        // An American `3/4/2020` may have its day in the other place.
        let other_day = d.month.filter(|_| d.swappable);
        for (span, vs) in [
            (&d.day_span, [d.day, other_day]),
            (&d.year_span, [d.year, None]),
        ] {
            let Some(span) = span else { continue };
            let values: Vec<i64> = vs
                .iter()
                .flatten()
                .map(|&v| milli(i64::from(v), ""))
                .collect();
            // The days of a range share its year.
            if !values.is_empty() && !out.iter().any(|n| n.span == *span) {
                out.push(figures(span.clone(), values));
            }
        }
    }
    out.sort_by_key(|n| n.span.start);
    (out, dates)
}

fn figures(span: Range<usize>, values: Vec<i64>) -> Number {
    Number {
        span,
        values,
        form: Form::Digits,
    }
}

/// The numbers in figures on one side whose value the other side does not
/// have, in figures or in words.
pub fn unmatched<'a>(side: &'a [Number], other: &[Number]) -> Vec<&'a Number> {
    missing(side, other, Form::Digits)
}

/// The numbers in words (2 or more, not also an article or an adjective) on
/// one side whose value the other side does not have, in figures or in
/// words. Reported only when both sides have some: a word on one side alone
/// is often rephrased (`ten years` ↔ `une décennie`).
pub fn unmatched_words<'a>(side: &'a [Number], other: &[Number]) -> Vec<&'a Number> {
    missing(side, other, Form::Words)
}

fn missing<'a>(side: &'a [Number], other: &[Number], form: Form) -> Vec<&'a Number> {
    let other_values: BTreeSet<i64> = other
        .iter()
        .flat_map(|n| n.values.iter().copied())
        .collect();
    side.iter()
        .filter(|n| n.form == form)
        .filter(|n| !n.values.iter().any(|v| other_values.contains(v)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, lang: Lang) -> Vec<Vec<i64>> {
        numbers(text, lang)
            .into_iter()
            .filter(|n| n.form == Form::Digits)
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

    #[test]
    fn digits_in_urls_addresses_file_names_and_escapes_are_no_numbers() {
        for text in [
            "See https://www.nato.int/cps/en/natohq/official_texts_2024.htm today",
            "Write to press2024@hq.nato.int or see report_2023-v2.pdf and annex3.docx",
            "voir nato.int/cps/fr/natohq/topics_%C3%A8.htm",
            "le fichier caf%C3%A8s",
            "le\u{a0}fichier\u{a0}caf%C3%A8s\u{a0}!",
        ] {
            assert!(values(text, Lang::Fr).is_empty(), "{text}");
            assert!(values(text, Lang::En).is_empty(), "{text}");
        }
        // A percentage before a number is no escape.
        assert_eq!(values("50%20", Lang::En).len(), 2);
        assert_eq!(
            missing(
                "The guide (https://www.nato.int/guide) has 3 parts.",
                "Le guide (https://www.nato.int/cps/fr/natohq/guide-num%C3%A9rique-2024.htm) a 3 parties."
            ),
            (vec![], vec![])
        );
    }

    #[test]
    fn roman_ordinals_are_their_value() {
        let none = (vec![], vec![]);
        for (en, fr) in [
            ("Napoleon I and Article I", "Napoléon Ier et l’article Ier"),
            ("the 1st and 2nd parts", "la 1re et la 2e parties"),
            ("the first part", "la 1ère partie"),
            ("Part II", "la IIe partie"),
            ("the 2nd part", "la 2ème partie"),
            ("the 20th century", "le XXe siècle"),
            ("the twentieth century", "le XXᵉ siècle"),
            ("the XXth century", "le 20e siècle"),
        ] {
            assert_eq!(missing(en, fr), none, "{en} / {fr}");
        }
        assert_eq!(
            missing("the 19th century", "le XXe siècle"),
            (vec!["19".into()], vec!["XXe".into()])
        );
        // French words that look like Roman numerals with an ending.
        assert!(values("Le Ce De Me Mer", Lang::Fr).is_empty());
    }

    fn check(en: &str, fr: &str) -> Vec<crate::check::Finding> {
        let unit = crate::check::CheckUnit::from_texts("d", 1, "EN 1 / FR 1", en, fr);
        crate::check::check_unit(&unit)
    }

    #[test]
    fn ten_years_against_dix_ans_is_no_finding_against_cinq_ans_one_error() {
        assert!(check("for ten years", "pendant dix ans").is_empty());
        assert!(check("for twenty-five years", "pendant vingt-cinq ans").is_empty());
        let f = check("for ten years", "pendant cinq ans");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, crate::check::Rule::NumberMismatch);
        assert_eq!(
            f[0].message,
            "numbers differ: English only: ten; French only: cinq"
        );
        assert!(f[0].en.contains("⟦ten⟧") && f[0].fr.contains("⟦cinq⟧"));
        // `neuf` is also "new": never one of the pair.
        let f = check(
            "a new building for three people",
            "un bâtiment neuf pour deux personnes",
        );
        assert_eq!(
            f[0].message,
            "numbers differ: English only: three; French only: deux"
        );
    }

    #[test]
    fn a_number_word_on_one_side_only_is_no_finding() {
        for (en, fr) in [
            ("for ten years", "pendant une décennie"),
            ("one of the Allies", "l’un des Alliés"),
            ("a second meeting", "une nouvelle réunion"),
            ("a new building", "un bâtiment neuf"),
            ("at first", "d’abord"),
            ("the Hundred Years War", "la guerre de Cent Ans"),
            ("50 per cent", "50 pour cent"),
            // Rendered by other words, beside a real number word.
            (
                "Both sides agreed on a three-year plan.",
                "Les deux parties sont convenues d’un plan triennal.",
            ),
            ("twice in three days", "deux fois en trois jours"),
            ("two-thirds of the four", "les deux tiers des quatre"),
            ("50 cents, five", "50 cents, cinq"),
        ] {
            assert!(
                check(en, fr).is_empty(),
                "{en} / {fr}: {:#?}",
                check(en, fr)
            );
        }
    }

    #[test]
    fn a_percent_encoded_url_in_the_french_only_is_no_finding() {
        for fr in [
            "Le guide est en ligne (nato.int/cps/fr/natohq/topics_%C3%A8.htm).",
            "Le guide est en ligne : le%20guide%C3%A8.",
        ] {
            assert!(
                check("The guide is online.", fr).is_empty(),
                "{fr}: {:#?}",
                check("The guide is online.", fr)
            );
        }
    }

    #[test]
    fn an_email_address_and_a_file_name_with_digits_are_no_finding() {
        assert!(
            check(
                "Write to press@hq.nato.int and read report_2023-v2.pdf.",
                "Écrire à presse2@otan.int et lire annex3.docx.",
            )
            .is_empty()
        );
        // A number beside them is still compared.
        let f = check(
            "See report_2023-v2.pdf: 12 Allies.",
            "Voir annex3.docx : 13 Alliés.",
        );
        assert_eq!(
            f[0].message,
            "numbers differ: English only: 12; French only: 13"
        );
    }

    #[test]
    fn french_roman_and_arabic_ordinals_against_english_forms_are_no_finding() {
        for (en, fr) in [
            ("Napoleon I", "Napoléon Ier"),
            ("Article I", "Article Ier"),
            ("the 1st edition", "la 1re édition"),
            ("the first edition", "la 1ère édition"),
            ("the 1st session", "la 1er session"),
            ("Part II", "la IIe partie"),
            ("the 2nd part", "la 2ème partie"),
            ("the second part", "la IIe partie"),
            ("the 20th century", "le XXe siècle"),
            ("the twentieth century", "le XXe siècle"),
        ] {
            assert!(
                check(en, fr).is_empty(),
                "{en} / {fr}: {:#?}",
                check(en, fr)
            );
        }
        let f = check("the 19th century", "le XXe siècle");
        assert_eq!(
            f[0].message,
            "numbers differ: English only: 19; French only: XXe"
        );
    }
}

//! The rules that judge a two-sided unit on its own: numbers, printed keys,
//! names (in [`super::names`]), length, merges, and a French side that is the
//! English again.

use std::ops::Range;

use super::{CheckUnit, Context, Finding, Lang, Rule, dates, finding, names, numbers};
use crate::align::cues::Cues;
use crate::align::dp::{length_probability, part_contradiction};

/// The findings of a two-sided unit (none for a one-sided unit or a
/// paragraph set aside: [`super::coverage`] judges those), with what the
/// whole document pair taught (`ctx`: its names).
pub(super) fn check_pair(unit: &CheckUnit, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    if unit.aside.is_some() || unit.en.trim().is_empty() || unit.fr.trim().is_empty() {
        return out;
    }
    if let Some(f) = untranslated_pair(unit) {
        // The French is the English: every other rule would only repeat it.
        out.push(f);
        return out;
    }
    out.extend(number_mismatch(unit));
    out.extend(key_mismatch(unit));
    out.extend(names::check_names(unit, &ctx.names));
    out.extend(length_ratio(unit));
    out.extend(merged_paragraph(unit));
    out
}

/// Dates that differ, then numbers on one side only. A date that differs is
/// one `date-mismatch` (both dates marked), and its digits are not compared
/// again as numbers: one mistake, one finding. Numbers in words are reported
/// only in pairs, an unmatched word on each side (`ten` ↔ `cinq`). The
/// printed labels of the other side's paragraphs count as present there: a
/// heading keeps `Article 4` in its text on one side while the other side's
/// label holds it.
fn number_mismatch(unit: &CheckUnit) -> Vec<Finding> {
    let (mut en_nums, en_dates) = numbers::read(&unit.en, Lang::En);
    let (mut fr_nums, fr_dates) = numbers::read(&unit.fr, Lang::Fr);
    let mismatched = dates::mismatches(&en_dates, &fr_dates);
    let mut out: Vec<Finding> = mismatched
        .iter()
        .map(|m| dates::date_finding(unit, &en_dates[m.en], &fr_dates[m.fr]))
        .collect();
    let within = |d: &dates::Date, n: &numbers::Number| {
        d.span.start <= n.span.start && n.span.end <= d.span.end
    };
    en_nums.retain(|n| !mismatched.iter().any(|m| within(&en_dates[m.en], n)));
    fr_nums.retain(|n| !mismatched.iter().any(|m| within(&fr_dates[m.fr], n)));
    let with_labels = |mut ns: Vec<numbers::Number>, lang: Lang| {
        for label in unit.parts(lang).iter().filter_map(|p| p.label.as_deref()) {
            ns.extend(numbers::numbers(label, lang).into_iter().map(|mut n| {
                // Present, but never reported: the label is not in the text.
                n.form = numbers::Form::Support;
                n
            }));
        }
        ns
    };
    let en_nums = with_labels(en_nums, Lang::En);
    let fr_nums = with_labels(fr_nums, Lang::Fr);
    let mut en_missing = numbers::unmatched(&en_nums, &fr_nums);
    let mut fr_missing = numbers::unmatched(&fr_nums, &en_nums);
    // Words both sides spell that differ, paired in order (`ten` ↔ `cinq`);
    // a word on one side alone is rephrasing (`ten years` ↔ `une décennie`).
    let en_words = numbers::unmatched_words(&en_nums, &fr_nums);
    let fr_words = numbers::unmatched_words(&fr_nums, &en_nums);
    let pairs = en_words.len().min(fr_words.len());
    en_missing.extend(&en_words[..pairs]);
    fr_missing.extend(&fr_words[..pairs]);
    en_missing.sort_by_key(|n| n.span.start);
    fr_missing.sort_by_key(|n| n.span.start);
    if en_missing.is_empty() && fr_missing.is_empty() {
        return out;
    }
    let list = |text: &str, ns: &[&numbers::Number]| {
        ns.iter()
            .map(|n| text[n.span.clone()].to_string())
            .collect::<Vec<_>>()
    };
    let (e, f) = (list(&unit.en, &en_missing), list(&unit.fr, &fr_missing));
    let mut parts = Vec::new();
    if !e.is_empty() {
        parts.push(format!("English only: {}", e.join(", ")));
    }
    if !f.is_empty() {
        parts.push(format!("French only: {}", f.join(", ")));
    }
    let spans = |ns: &[&numbers::Number]| ns.iter().map(|n| n.span.clone()).collect::<Vec<_>>();
    out.push(finding(
        unit,
        Rule::NumberMismatch,
        format!("numbers differ: {}", parts.join("; ")),
        &spans(&en_missing),
        &spans(&fr_missing),
        &format!("{e:?}{f:?}"),
    ));
    out
}

/// Printed numbers that differ. Only the labels as printed are compared
/// (`(a)` against `(b)`), not their context: items keyed `Article 6 1 (a)`
/// on one side and `Article 6 2 (a)` on the other are the consequence of a
/// paragraph `2` missing before them, reported once as such.
fn key_mismatch(unit: &CheckUnit) -> Option<Finding> {
    let (en, fr) = (unit.keys(Lang::En), unit.keys(Lang::Fr));
    let printed = |keys: &[String]| -> Vec<String> {
        keys.iter()
            .filter_map(|k| k.rsplit(' ').next().map(str::to_string))
            .collect()
    };
    if en.is_empty() || fr.is_empty() || printed(&en) == printed(&fr) {
        return None;
    }
    Some(finding(
        unit,
        Rule::NumberKeyMismatch,
        format!(
            "printed numbers differ: English {} paired with French {}",
            en.join("+"),
            fr.join("+")
        ),
        &[],
        &[],
        "",
    ))
}

fn length_ratio(unit: &CheckUnit) -> Option<Finding> {
    let (le, lf) = (unit.en.chars().count(), unit.fr.chars().count());
    (le.min(lf) >= 40 && length_probability(le, lf) < 1e-4).then(|| {
        finding(
            unit,
            Rule::LengthRatio,
            format!(
                "French is {:.2} times the English length (usual: about 1.1)",
                lf as f64 / le as f64
            ),
            &[],
            &[],
            "",
        )
    })
}

/// Words that carry content once names and numbers are left out: lower
/// case, as they run.
pub(super) fn common_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && !w.starts_with(char::is_uppercase))
        .map(str::to_lowercase)
        .collect()
}

/// Fewest words, names and numbers aside, for a French side identical to
/// its English to be the English left untranslated (a list of names or a
/// date is the same in both languages).
pub(super) const UNTRANSLATED_MIN_WORDS: usize = 3;

/// Whether a text reads the same in any language: fewer than
/// [`UNTRANSLATED_MIN_WORDS`] words once names and numbers are left out
/// (`Article 4`, `Jens Stoltenberg, Oslo`), and none only English has
/// (`21 January`).
pub(super) fn neutral(text: &str) -> bool {
    common_words(text).len() < UNTRANSLATED_MIN_WORDS && !english_words(text)
}

/// Whether a text has a word only English has: a function word (`the`,
/// `of`) or a month name, whatever its case (`Press Release, 21 January`).
fn english_words(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        // `I` and `PART I` are numerals as often as a pronoun.
        .filter(|w| w.chars().nth(1).is_some() && w.chars().any(char::is_lowercase))
        .map(str::to_lowercase)
        .any(|w| {
            crate::langid::function_word_language(&w) == Some(Lang::En)
                || super::dates::english_month(&w)
        })
}

/// A pair whose French is its English again, names and numbers aside, and
/// not [`neutral`] (a dateline `Brussels, 21 January 2025 – Press Release`
/// left in English is not).
fn untranslated_pair(unit: &CheckUnit) -> Option<Finding> {
    let words = common_words(&unit.en);
    let same_words = words.len() >= UNTRANSLATED_MIN_WORDS && words == common_words(&unit.fr);
    let same_text = crate::text::normalize(&unit.en) == crate::text::normalize(&unit.fr);
    (!neutral(&unit.en) && (same_words || same_text)).then(|| {
        finding(
            unit,
            Rule::Untranslated,
            "the French is the English text, untranslated".into(),
            &[],
            &[],
            "",
        )
    })
}

/// A merge (two or more paragraphs on one side, one on the other) holding a
/// paragraph that does not belong: it has a printed number of its own that
/// the other side does not print, or it is a whole sentence sharing no
/// content with the other side. The aligner merges a paragraph whose
/// translation is missing into its neighbour's unit when that is cheaper
/// than leaving it alone.
fn merged_paragraph(unit: &CheckUnit) -> Option<Finding> {
    let (many, one, lang) = match (unit.en_parts.len(), unit.fr_parts.len()) {
        (n, 1) if n >= 2 => (&unit.en_parts, &unit.fr_parts[0], Lang::En),
        (1, n) if n >= 2 => (&unit.fr_parts, &unit.en_parts[0], Lang::Fr),
        _ => return None,
    };
    let other = Cues::new(&one.text);
    let other_keys: Vec<&str> = one.key.iter().map(String::as_str).collect();
    let stray = many.iter().find(|p| {
        let own_number = p.key.as_deref().is_some_and(|k| !other_keys.contains(&k));
        let sentence =
            is_sentence(&p.text) && part_contradiction(&Cues::new(&p.text), &other) > 0.0;
        (own_number && !p.heading) || sentence
    })?;
    let side = match lang {
        Lang::En => "English",
        Lang::Fr => "French",
    };
    let other_side = match lang {
        Lang::En => "French",
        Lang::Fr => "English",
    };
    let name = stray
        .label
        .as_deref()
        .map(|l| l.trim_end_matches(['.', ' ']).to_string())
        .unwrap_or_else(|| format!("¶{}", stray.index));
    let text = unit.text(lang);
    let span = text
        .find(stray.text.as_str())
        .map(|i| i..i + stray.text.len());
    let spans: Vec<Range<usize>> = span.into_iter().collect();
    let (en_spans, fr_spans) = match lang {
        Lang::En => (spans, Vec::new()),
        Lang::Fr => (Vec::new(), spans),
    };
    Some(finding(
        unit,
        Rule::MergedParagraph,
        format!(
            "{side} {name} is merged into this unit but its content is not in the {other_side}: its translation may be missing"
        ),
        &en_spans,
        &fr_spans,
        &crate::text::normalize(&stray.text),
    ))
}

/// A complete sentence: a capital or digit first, a full stop (or `!`, `?`)
/// last, four words or more.
fn is_sentence(text: &str) -> bool {
    let t = text.trim();
    t.split_whitespace().count() >= 4
        && t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && t.trim_end_matches(['"', '”', '»', ')', ' ', '\u{a0}'])
            .ends_with(['.', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::super::tests::unit;
    use super::*;
    use crate::check::Part;

    /// A unit checked on its own.
    fn check_pair(u: &CheckUnit) -> Vec<Finding> {
        super::check_pair(u, &Context::learn(std::slice::from_ref(u)))
    }

    #[test]
    fn a_heading_label_on_one_side_is_no_number_mismatch() {
        // The English heading keeps "Article 4" in its text; the French
        // paragraph's label holds the 4.
        let mut u = unit(
            "Article 4 Clearance and destruction of remnants",
            "Dépollution et destruction des restes",
        );
        u.fr_parts[0].label = Some("Article 4".into());
        assert!(check_pair(&u).is_empty(), "{:#?}", check_pair(&u));
        // Without the label, the 4 is missing.
        u.fr_parts[0].label = None;
        assert_eq!(check_pair(&u)[0].rule, Rule::NumberMismatch);
    }

    #[test]
    fn items_under_a_missing_paragraph_are_no_key_mismatch() {
        let mut u = unit("the property of a force", "les biens des forces");
        u.en_parts[0].key = Some("Article 6 2 (a)".into());
        u.fr_parts[0].key = Some("Article 6 1 (a)".into());
        assert!(check_pair(&u).is_empty(), "{:#?}", check_pair(&u));
        u.fr_parts[0].key = Some("Article 6 2 (b)".into());
        assert_eq!(check_pair(&u)[0].rule, Rule::NumberKeyMismatch);
    }

    #[test]
    fn a_french_side_that_is_the_english_is_untranslated_not_names() {
        let f = check_pair(&unit(
            "The Parties agree to consult together in 2024.",
            "The Parties agree to consult together in 2024.",
        ));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, Rule::Untranslated);
        // Names and numbers are the same in both languages.
        assert!(check_pair(&unit("Jens Stoltenberg, Oslo", "Jens Stoltenberg, Oslo")).is_empty());
        // A dateline left in English: its month is English.
        let dateline = "Brussels, 21 January 2025 – Press Release (2025) 007";
        assert_eq!(
            check_pair(&unit(dateline, dateline))[0].rule,
            Rule::Untranslated
        );
        // Headings of capitals and a numeral are no English words.
        assert!(check_pair(&unit("PART I General", "TITRE I Généralités")).is_empty());
    }

    #[test]
    fn a_sentence_merged_without_its_translation_is_a_warning() {
        let mut u = unit(
            "The Council shall meet in Paris. The budget shall be approved annually by the Members.",
            "Le Conseil se réunit à Paris.",
        );
        u.en_parts = vec![
            Part {
                index: 3,
                text: "The Council shall meet in Paris.".into(),
                ..Part::default()
            },
            Part {
                index: 4,
                text: "The budget shall be approved annually by the Members.".into(),
                ..Part::default()
            },
        ];
        let f = check_pair(&u);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, Rule::MergedParagraph);
        assert!(
            f[0].message.starts_with("English ¶4 is merged"),
            "{}",
            f[0].message
        );
        assert!(f[0].en.contains("⟦The budget"));
        // A paragraph broken in two (both halves translated) is no finding.
        u.fr = "Le Conseil se réunit à Paris. Le budget est approuvé chaque année par les Membres."
            .into();
        u.fr_parts[0].text = u.fr.clone();
        assert!(check_pair(&u).is_empty(), "{:#?}", check_pair(&u));
    }
}

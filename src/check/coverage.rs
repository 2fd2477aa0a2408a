//! What has no counterpart, judged with its neighbours: paragraphs without
//! counterpart (a run of them is one finding), paragraphs set aside for
//! their language, and English pasted where the French should be. One
//! mistake gives one finding: an English paragraph in the French document
//! opposite its unmatched English original is one `untranslated` error, and
//! a paragraph in another language standing where a translation is missing
//! is one `wrong-language` error.

use std::collections::BTreeMap;

use super::{CheckUnit, Finding, Lang, ParagraphRef, Rule, finding, lines_of};
use crate::align::AsideLanguage;
use crate::hash::stable_hash;
use crate::text::normalize;

/// What a unit is, for this pass.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// Two-sided: it ends a stretch of units without counterpart.
    Pair,
    /// One side only, with content.
    OneSided(Lang),
    /// One side only, and nothing a translation must carry over.
    Contentless,
    /// English in the French document.
    English,
    /// Another language, or French in the English document, found in the
    /// document of `Lang`.
    Foreign(Lang),
}

fn kind(u: &CheckUnit) -> Kind {
    let side = if u.en.trim().is_empty() {
        Lang::Fr
    } else {
        Lang::En
    };
    match &u.aside {
        Some(AsideLanguage::Pair(Lang::En)) if side == Lang::Fr => Kind::English,
        Some(_) => Kind::Foreign(side),
        None if u.en.trim().is_empty() && u.fr.trim().is_empty() => Kind::Contentless,
        None if !u.en.trim().is_empty() && !u.fr.trim().is_empty() => Kind::Pair,
        None if contentless(u.text(side)) => Kind::Contentless,
        None if own_language(u.text(side)).is_some() => Kind::Foreign(side),
        None => Kind::OneSided(side),
    }
}

/// Nats by which a paragraph's own words must favour another language over
/// English and French for a paragraph without counterpart to be reported as
/// in that language: a short paragraph of another language between French
/// ones stays French in the document's smoothing, but has no counterpart.
const OWN_LANGUAGE_MARGIN: f64 = 6.0;

/// Another language, when a paragraph's own words clearly say so.
fn own_language(text: &str) -> Option<&'static str> {
    let e = crate::langid::judge(text);
    let pair = e.en_fr.abs() / 2.0;
    (e.other.max(e.script) - pair >= OWN_LANGUAGE_MARGIN)
        .then_some(e.guess)
        .flatten()
}

/// Whether a paragraph says nothing a translation must carry over on its
/// own: two words at most, no number and no name (`Now, therefore,` opening
/// the UDHR's proclamation, which the French folds into the next sentence).
fn contentless(text: &str) -> bool {
    text.split_whitespace().count() <= 2
        && !text.chars().any(|c| c.is_ascii_digit())
        && crate::lexicon::entities(text).is_empty()
}

/// The findings of the units without counterpart and of the paragraphs set
/// aside, each stretch of them between two pairs judged together.
pub(super) fn check_coverage(units: &[CheckUnit]) -> Coverage {
    let kinds: Vec<Kind> = units.iter().map(kind).collect();
    let mut used = vec![false; units.len()];
    let mut out = Vec::new();
    let mut explained = Vec::new();
    // An English paragraph written twice, both copies without counterpart
    // (a one-document input: the copy in the French half joined the English
    // side): the later copy is the French left untranslated.
    let mut copies: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (k, u) in units.iter().enumerate() {
        if kinds[k] == Kind::OneSided(Lang::En) {
            copies.entry(normalize(&u.en)).or_default().push(k);
        }
    }
    for (text, ks) in &copies {
        if ks.len() < 2 {
            continue;
        }
        if super::rules::neutral(text) {
            // The same heading in both halves (`Article 4`), the French
            // copy taken for English: nothing is missing.
            for &k in ks {
                used[k] = true;
            }
            continue;
        }
        for &copy in &ks[1..] {
            out.push(untranslated(
                units,
                copy,
                Some(Original {
                    unit: ks[0],
                    part: None,
                }),
            ));
            used[copy] = true;
            used[ks[0]] = true;
        }
    }
    let mut start = 0;
    while start < units.len() {
        let end = (start..units.len())
            .find(|&k| kinds[k] == Kind::Pair)
            .unwrap_or(units.len());
        stretch(
            units,
            &kinds,
            start..end,
            &mut used,
            &mut out,
            &mut explained,
        );
        start = end + 1;
    }
    Coverage {
        findings: out,
        explained,
    }
}

/// The findings of [`check_coverage`], and the pairs whose own findings
/// (a merge, printed numbers that differ) are the consequence of one of them.
pub(super) struct Coverage {
    pub findings: Vec<Finding>,
    /// Indices of such pairs.
    pub explained: Vec<usize>,
}

/// The findings of units `range`, between two pairs.
fn stretch(
    units: &[CheckUnit],
    kinds: &[Kind],
    range: std::ops::Range<usize>,
    used: &mut [bool],
    out: &mut Vec<Finding>,
    explained: &mut Vec<usize>,
) {
    let free = |used: &[bool], want: Kind| -> Vec<usize> {
        range
            .clone()
            .filter(|&k| kinds[k] == want && !used[k])
            .collect()
    };
    // A paragraph set aside that reads the same in any language (`Article
    // 4`, taken into the language of the text after it) is its twin without
    // counterpart on the other side (the same text, or the same number key:
    // `Article premier`, `Article 1`): nothing is missing.
    for k in range.clone() {
        let (Kind::English | Kind::Foreign(_)) = kinds[k] else {
            continue;
        };
        let text = normalize(units[k].text(units[k].side()));
        if used[k] || !super::rules::neutral(&text) {
            continue;
        }
        let other = units[k].side().other();
        let key = units[k].keys(units[k].side());
        let twin = free(used, Kind::OneSided(other)).into_iter().find(|&t| {
            normalize(units[t].text(other)) == text
                || (!key.is_empty() && units[t].keys(other) == key)
        });
        if let Some(t) = twin {
            used[t] = true;
            used[k] = true;
        }
    }
    // English in the French document, with its original when the English
    // paragraph without counterpart is the same text.
    // Or, when the aligner merged that original into the pair next to the
    // stretch, the part of the merge: the merge is then this mistake's
    // consequence, not a finding of its own.
    for k in free(used, Kind::English) {
        let text = normalize(&units[k].fr);
        let lone = free(used, Kind::OneSided(Lang::En))
            .into_iter()
            .find(|&e| normalize(&units[e].en) == text)
            .map(|e| Original {
                unit: e,
                part: None,
            });
        let merged = || {
            [range.start.checked_sub(1), Some(range.end)]
                .into_iter()
                .flatten()
                .filter(|&n| n < units.len() && units[n].en_parts.len() > 1)
                .find_map(|n| {
                    let p = units[n]
                        .en_parts
                        .iter()
                        .position(|p| normalize(&p.text) == text)?;
                    Some(Original {
                        unit: n,
                        part: Some(p),
                    })
                })
        };
        let original = lone.or_else(merged);
        match original {
            Some(Original { unit, part: None }) => used[unit] = true,
            Some(Original {
                unit,
                part: Some(_),
            }) => explained.push(unit),
            None => {}
        }
        used[k] = true;
        out.push(untranslated(units, k, original));
    }
    // Other languages: a run of them in one document is one finding, which
    // takes in as many paragraphs of the other side without counterpart (the
    // translation they stand in for).
    for doc in [Lang::En, Lang::Fr] {
        let foreign = free(used, Kind::Foreign(doc));
        if foreign.is_empty() {
            continue;
        }
        let originals: Vec<usize> = free(used, Kind::OneSided(doc.other()))
            .into_iter()
            .take(foreign.len())
            .collect();
        for &k in foreign.iter().chain(&originals) {
            used[k] = true;
        }
        out.push(wrong_language(units, &foreign, &originals, doc));
    }
    for lang in [Lang::En, Lang::Fr] {
        let lone = free(used, Kind::OneSided(lang));
        if !lone.is_empty() {
            out.push(missing(units, &lone, lang));
        }
    }
}

fn side_name(lang: Lang) -> (&'static str, &'static str) {
    (lang.name(), lang.other().name())
}

/// One paragraph, or the first and last, as `¶16-87`.
fn span_name(units: &[CheckUnit], ks: &[usize], lang: Lang) -> String {
    let name = |k: usize| {
        let p = &units[k].parts(lang)[0];
        p.label
            .as_deref()
            .map(|l| l.trim_end_matches(['.', ' ']).to_string())
            .unwrap_or_else(|| format!("¶{}", p.index))
    };
    let (first, last) = (ks[0], ks[ks.len() - 1]);
    let first_index = units[first].parts(lang)[0].index;
    let last_index = units[last]
        .parts(lang)
        .last()
        .map_or(first_index, |p| p.index);
    if ks.len() == 1 && units[first].parts(lang).len() == 1 {
        name(first)
    } else if first_index > 0 {
        format!("¶{first_index}-{last_index}")
    } else {
        format!("{}-{}", name(first), name(last))
    }
}

/// The paragraphs of units `ks` on side `lang`, for a finding over several.
fn refs(units: &[CheckUnit], ks: &[usize], lang: Lang) -> Vec<ParagraphRef> {
    ks.iter()
        .flat_map(|&k| units[k].parts(lang))
        .map(|p| ParagraphRef {
            side: lang,
            index: p.index,
            label: p.label.clone(),
            lines: lines_of(std::iter::once(p)),
            text: p.text.clone(),
        })
        .collect()
}

/// Paragraphs of `lang` without counterpart: one finding, over the run.
fn missing(units: &[CheckUnit], ks: &[usize], lang: Lang) -> Finding {
    let (side, other) = side_name(lang);
    let first = &units[ks[0]];
    let count: usize = ks.iter().map(|&k| units[k].parts(lang).len()).sum();
    if count == 1 {
        return finding(
            first,
            Rule::MissingCounterpart,
            format!("{side} paragraph with no {other} counterpart"),
            &[],
            &[],
            "",
        );
    }
    let mut f = finding(
        first,
        Rule::MissingCounterpart,
        format!(
            "{side} {} ({count} paragraphs) have no {other} counterpart",
            span_name(units, ks, lang)
        ),
        &[],
        &[],
        "",
    );
    widen(&mut f, units, ks);
    let texts: Vec<String> = ks.iter().map(|&k| normalize(units[k].text(lang))).collect();
    set_fingerprint(&mut f, &texts);
    f.paragraphs = refs(units, ks, lang);
    f
}

/// Stretch a finding over units `ks` (in any order): first and last unit,
/// their labels, the lines of both sides.
fn widen(f: &mut Finding, units: &[CheckUnit], ks: &[usize]) {
    let mut ks = ks.to_vec();
    ks.sort_unstable();
    let (first, last) = (&units[ks[0]], &units[ks[ks.len() - 1]]);
    f.unit = first.unit;
    f.through = (last.unit != first.unit).then_some(last.unit);
    f.label = if f.through.is_some() {
        format!("{} … {}", first.label, last.label)
    } else {
        first.label.clone()
    };
    let all = |lang: Lang| lines_of(ks.iter().flat_map(|&k| units[k].parts(lang)));
    f.en_lines = all(Lang::En);
    f.fr_lines = all(Lang::Fr);
}

/// Fingerprint a finding over several paragraphs (or one set aside) by
/// their texts.
fn set_fingerprint(f: &mut Finding, texts: &[String]) {
    let mut fields: Vec<&str> = vec![f.rule.as_str(), "run"];
    fields.extend(texts.iter().map(String::as_str));
    f.fingerprint = format!("{:016x}", stable_hash(&fields));
    f.anchor = texts.join(" ");
    f.detail = "run".into();
}

/// English in the French document (`unit`), with the English paragraph it
/// copies when that is without counterpart too.
fn untranslated(units: &[CheckUnit], k: usize, original: Option<Original>) -> Finding {
    let unit = &units[k];
    let text = if unit.fr.trim().is_empty() {
        &unit.en
    } else {
        &unit.fr
    };
    let message = match original {
        Some(Original {
            unit: o,
            part: None,
        }) => format!(
            "the French has the English text of {}, untranslated",
            units[o].label.trim_start_matches("EN ")
        ),
        Some(Original {
            unit: o,
            part: Some(p),
        }) => format!(
            "the French has the English text of {}, untranslated (the English is paired with the next French paragraph)",
            part_name(&units[o].en_parts[p])
        ),
        None => "a paragraph of the French document is in English".to_string(),
    };
    let mut f = finding(unit, Rule::Untranslated, message, &[], &[], "");
    if let Some(Original { unit: o, part }) = original {
        f.en = match part {
            Some(p) => units[o].en_parts[p].text.clone(),
            None => units[o].en.clone(),
        };
        widen(&mut f, units, &[k, o]);
        if let Some(p) = part {
            let part = &units[o].en_parts[p];
            f.key = part.key.clone().unwrap_or_default();
            f.en_lines = lines_of(std::iter::once(part));
        } else {
            f.key = units[o].key();
        }
    }
    set_fingerprint(&mut f, &[normalize(text)]);
    f
}

/// The English original of a paragraph pasted untranslated into the French:
/// a unit without counterpart, or one paragraph (`part`) of a merge the
/// aligner made of it and its neighbour.
#[derive(Debug, Clone, Copy)]
struct Original {
    unit: usize,
    part: Option<usize>,
}

/// `¶12`, or the printed label.
fn part_name(p: &super::Part) -> String {
    p.label
        .as_deref()
        .map(|l| l.trim_end_matches(['.', ' ']).to_string())
        .unwrap_or_else(|| format!("¶{}", p.index))
}

/// Paragraphs set aside for their language in the document of `doc`, with
/// the paragraphs of the other side they stand in for.
fn wrong_language(
    units: &[CheckUnit],
    foreign: &[usize],
    originals: &[usize],
    doc: Lang,
) -> Finding {
    let (doc_name, other) = side_name(doc);
    let languages: Vec<String> = {
        let mut codes: Vec<String> = Vec::new();
        for &k in foreign {
            let code = match &units[k].aside {
                Some(AsideLanguage::Other(code)) => code.clone(),
                Some(AsideLanguage::Pair(lang)) => lang.to_string(),
                None => own_language(units[k].text(doc))
                    .unwrap_or("und")
                    .to_string(),
            };
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        codes
            .iter()
            .map(|c| format!("{} ({c})", crate::langid::language_name(c)))
            .collect()
    };
    let what = if foreign.len() == 1 {
        "a paragraph".to_string()
    } else {
        format!("{} paragraphs", foreign.len())
    };
    let mut message = format!(
        "{what} of the {doc_name} document in {}",
        languages.join(", ")
    );
    if !originals.is_empty() {
        message.push_str(&format!(
            ", where {other} {} has no counterpart",
            span_name(units, originals, doc.other())
        ));
    }
    let mut f = finding(
        &units[foreign[0]],
        Rule::WrongLanguage,
        message,
        &[],
        &[],
        "",
    );
    let all: Vec<usize> = foreign.iter().chain(originals).copied().collect();
    widen(&mut f, units, &all);
    if let Some(&o) = originals.first() {
        let other_lang = doc.other();
        let text = units[o].text(other_lang).to_string();
        match other_lang {
            Lang::En => f.en = text,
            Lang::Fr => f.fr = text,
        }
        f.key = units[o].key();
    }
    let texts: Vec<String> = foreign
        .iter()
        .map(|&k| normalize(units[k].text(doc)))
        .collect();
    set_fingerprint(&mut f, &texts);
    if foreign.len() + originals.len() > 1 {
        f.paragraphs = refs(units, foreign, doc);
        f.paragraphs.extend(refs(units, originals, doc.other()));
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{CheckOptions, Part, check};

    fn one_sided(lang: Lang, index: usize, text: &str) -> CheckUnit {
        let mut u = match lang {
            Lang::En => CheckUnit::from_texts("d", 0, "", text, ""),
            Lang::Fr => CheckUnit::from_texts("d", 0, "", "", text),
        };
        let parts = match lang {
            Lang::En => &mut u.en_parts,
            Lang::Fr => &mut u.fr_parts,
        };
        parts[0] = Part {
            index,
            text: text.into(),
            lines: Some(index * 2..index * 2 + 1),
            ..Part::default()
        };
        u.label = format!("{} ¶{index}", if lang == Lang::En { "EN" } else { "FR" });
        u
    }

    fn numbered(mut units: Vec<CheckUnit>) -> Vec<CheckUnit> {
        for (k, u) in units.iter_mut().enumerate() {
            u.unit = k + 1;
        }
        units
    }

    fn pair(text: &str) -> CheckUnit {
        CheckUnit::from_texts("d", 0, "", text, text)
    }

    #[test]
    fn a_run_without_counterpart_is_one_finding() {
        let mut units = vec![pair("Article 1")];
        for i in 2..=5 {
            units.push(one_sided(
                Lang::En,
                i,
                &format!("Paragraph number {i} of the text."),
            ));
        }
        let f = check(&numbered(units), &CheckOptions::default());
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, Rule::MissingCounterpart);
        assert_eq!(
            f[0].message,
            "English ¶2-5 (4 paragraphs) have no French counterpart"
        );
        assert_eq!((f[0].unit, f[0].through), (2, Some(5)));
        assert_eq!(f[0].en_lines, Some([4, 10]));
        assert_eq!(f[0].paragraphs.len(), 4);
    }

    #[test]
    fn english_pasted_into_the_french_is_one_untranslated_error() {
        let text = "The Parties shall consult together whenever the security of any of them is threatened.";
        let mut aside = one_sided(Lang::Fr, 0, text);
        aside.aside = Some(AsideLanguage::Pair(Lang::En));
        let units = numbered(vec![one_sided(Lang::En, 4, text), aside]);
        let f = check(&units, &CheckOptions::default());
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, Rule::Untranslated);
        assert_eq!(
            f[0].message,
            "the French has the English text of ¶4, untranslated"
        );
        assert_eq!((f[0].unit, f[0].through), (1, Some(2)));
    }

    #[test]
    fn another_language_in_place_of_a_translation_is_one_error() {
        let mut aside = one_sided(
            Lang::Fr,
            0,
            "Die Verbündeten bekräftigen ihre Entschlossenheit.",
        );
        aside.aside = Some(AsideLanguage::Other("de".into()));
        let units = numbered(vec![
            one_sided(Lang::En, 7, "The Allies reaffirm their determination."),
            aside,
        ]);
        let f = check(&units, &CheckOptions::default());
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, Rule::WrongLanguage);
        assert_eq!(
            f[0].message,
            "a paragraph of the French document in German (de), where English ¶7 has no counterpart"
        );
    }

    #[test]
    fn a_paragraph_whose_own_words_are_german_is_wrong_language_not_missing() {
        // Kept French by the document's smoothing (one short paragraph
        // between French ones), without counterpart: its words say German.
        let units = numbered(vec![
            one_sided(Lang::En, 2, "Brussels, 21 January 2025"),
            one_sided(
                Lang::Fr,
                2,
                "Wir freuen uns darauf, Schweden bald als 32. Mitglied zu begrüßen.",
            ),
        ]);
        let f = check(&units, &CheckOptions::default());
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, Rule::WrongLanguage);
        assert!(
            f[0].message
                .starts_with("a paragraph of the French document in German (de)")
        );
    }

    #[test]
    fn a_connective_without_counterpart_is_no_finding() {
        let units = numbered(vec![one_sided(Lang::En, 1, "Now, therefore,")]);
        assert!(check(&units, &CheckOptions::default()).is_empty());
        let units = numbered(vec![one_sided(Lang::Fr, 1, "Article 5")]);
        assert_eq!(
            check(&units, &CheckOptions::default())[0].rule,
            Rule::MissingCounterpart
        );
    }
}

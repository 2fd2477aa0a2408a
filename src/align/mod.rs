//! Stage 5: English and French paragraphs → aligned units.
//!
//! Input: the text paragraphs of each language ([`Side`]). Output: an
//! [`Alignment`] whose units pair them. Guarantees:
//! - every text paragraph of both sides appears in exactly one unit: a pair, a
//!   merge (2-1, 1-2, 2-2), or a one-sided unit whose `note` says why
//!   (property-tested);
//! - units are in document order on both sides (alignment is monotone);
//! - printed numbers are anchors, verified by content: paragraphs whose
//!   [`NumberKey`]s match (same key, same occurrence) form the longest monotone
//!   chain, which guides the band of a dynamic program ([`dp`]) where a key
//!   match is a bonus, not an order — lengths (Gale–Church), shared numbers and
//!   entities (EN↔FR [`lexicon`](crate::lexicon)) and cognates can overrule it,
//!   so shifted or wrong numbering does not drag the alignment along;
//! - pairs the user knows ([`AlignOptions::forced`]) are kept as they are and
//!   the rest is aligned around them;
//! - a glossary ([`AlignOptions::glossary`]) adds a shared strong cue for
//!   each of its entries whose English term is in an English paragraph and
//!   one of whose French equivalents is in a French one; without a glossary
//!   the alignment is exactly what it is without the option;
//! - time and memory are linear in the number of paragraphs for a fixed band;
//! - `score` is the estimated probability that a pair is right ([`score`]:
//!   a logistic model over lengths, cognates, numbers, names, contradiction,
//!   keys, neighbours, rival pairings and the words of the document pair,
//!   fitted by `scripts/fit-score.py`); one-sided units score 0.
//!
//! [`NumberKey`]: crate::document::NumberKey

pub mod cues;
pub mod dp;
pub mod forced;
mod judge;
pub mod lexical;
pub mod score;
pub mod sentence;

use std::sync::Arc;

use serde::Serialize;

use crate::document::{Lang, NumberKey, Paragraph};
use crate::glossary::Glossary;

/// The paragraphs of one language, from one document.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Side {
    /// The document they come from (a path, or `-`).
    pub document: String,
    /// Their language.
    pub lang: Lang,
    /// The text paragraphs (no noise) of that language, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Text paragraphs of the same document in another language, set aside:
    /// never aligned, written as one-sided units with a note.
    #[serde(default)]
    pub aside: Vec<Aside>,
}

impl Side {
    /// A side of these paragraphs, nothing set aside.
    pub fn new(document: impl Into<String>, lang: Lang, paragraphs: Vec<Paragraph>) -> Side {
        Side {
            document: document.into(),
            lang,
            paragraphs,
            aside: Vec::new(),
        }
    }
}

/// A paragraph of a side's document that is not in the side's language: an
/// English paragraph in the French document (scraped boilerplate, a passage
/// left untranslated), or a paragraph in another language. It never enters a
/// pair, so a memory never holds English under a French language code.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Aside {
    /// The paragraph.
    pub paragraph: Paragraph,
    /// Its language.
    pub language: AsideLanguage,
    /// Where it stands: before the side's paragraph of this index (the
    /// number of the side's paragraphs when it comes after all of them).
    pub before: usize,
}

/// The language of a paragraph set aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AsideLanguage {
    /// The other language of the pair (English in the French document).
    Pair(Lang),
    /// Another language: its code (`de`, `ru`, `und`).
    Other(String),
}

impl Aside {
    /// The note of its unit: `english-in-french`, `french-in-english`,
    /// `other-language:de`. `side` is the language of the side it was set
    /// aside from.
    pub fn note(&self, side: Lang) -> String {
        match &self.language {
            AsideLanguage::Pair(l) => format!("{}-in-{}", l.name_lower(), side.name_lower()),
            AsideLanguage::Other(code) => format!("other-language:{code}"),
        }
    }

    /// The column it is written in: its own language's, or for another
    /// language the side's.
    pub fn column(&self, side: Lang) -> Lang {
        match self.language {
            AsideLanguage::Pair(l) => l,
            AsideLanguage::Other(_) => side,
        }
    }
}

/// How a unit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// A 1-1 pair whose printed numbers match, confirmed by the content.
    Anchor,
    /// A merge (2-1, 1-2, 2-2) holding paragraphs whose numbers match: the
    /// anchor, extended by the dynamic program (a paragraph split in two).
    AnchorDp,
    /// Found by the dynamic program from content alone.
    Dp,
    /// A pair the user gave (`--anchors`).
    Forced,
    /// Set aside by language identification: a paragraph that is not in its
    /// side's language ([`Aside`]).
    Language,
}

impl Method {
    /// Stable name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Anchor => "anchor",
            Method::AnchorDp => "anchor+dp",
            Method::Dp => "dp",
            Method::Forced => "forced",
            Method::Language => "language",
        }
    }
}

/// Settings of the aligner.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignOptions {
    /// Pairs the user knows, as 0-based (English, French) paragraph indices.
    /// They are kept as units and the rest is aligned around them; pairs that
    /// cross each other are an error reported by [`check_forced`].
    pub forced: Vec<(usize, usize)>,
    /// A 1-1 pair the aligner found whose score is below this is more likely
    /// wrong than right: it is written as two one-sided units instead. 0
    /// keeps every pair.
    pub split_below: f64,
    /// A reviser's glossary: an entry found on both sides of a pair (its
    /// English term in the English, an equivalent in the French) is a
    /// shared strong cue, as a name of the lexicon is.
    pub glossary: Option<Arc<Glossary>>,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            forced: Vec::new(),
            split_below: DEFAULT_SPLIT_BELOW,
            glossary: None,
        }
    }
}

/// The default [`AlignOptions::split_below`]: a pair more likely wrong than
/// right is not written as a pair.
pub const DEFAULT_SPLIT_BELOW: f64 = 0.5;

/// One English side and one French side (each one or more paragraphs), or one
/// side only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlignedUnit {
    /// 0-based indices into the English [`Side`]'s paragraphs.
    pub en: Vec<usize>,
    /// 0-based indices into the French [`Side`]'s paragraphs.
    pub fr: Vec<usize>,
    /// The probability that the pair is right, in [0, 1] ([`score`]); 0 for
    /// one-sided units.
    pub score: f64,
    /// How the unit was found.
    pub method: Method,
    /// Why a unit is one-sided; `None` for pairs.
    pub note: Option<String>,
    /// What the score was computed from (pairs only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<score::Evidence>,
}

impl AlignedUnit {
    /// Whether both languages are present.
    pub fn is_pair(&self) -> bool {
        !self.en.is_empty() && !self.fr.is_empty()
    }
}

/// The aligned units of an English and a French side.
#[derive(Debug, Clone, Serialize)]
pub struct Alignment {
    /// The English side.
    pub en: Side,
    /// The French side.
    pub fr: Side,
    /// The units, in document order.
    pub units: Vec<AlignedUnit>,
}

impl Alignment {
    /// The joined text of a unit's paragraphs on one side.
    pub fn text(&self, unit: &AlignedUnit, lang: Lang) -> String {
        let (side, idx) = match lang {
            Lang::En => (&self.en, &unit.en),
            Lang::Fr => (&self.fr, &unit.fr),
        };
        idx.iter()
            .map(|&i| side.paragraphs[i].text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Put items standing for the paragraphs set aside ([`Side::aside`])
    /// among `items`, which stand for the units in unit order (`unit_of(k)`
    /// is the unit of item `k`; a unit may have several items, as sentence
    /// rows do): each before the first item of the unit it stood before in
    /// its document, those after every unit at the end.
    pub fn interleave_aside<T>(
        &self,
        items: Vec<T>,
        unit_of: impl Fn(usize) -> usize,
        aside: impl Fn(&Side, &Aside) -> T,
    ) -> Vec<T> {
        let (en, fr) = (&self.en, &self.fr);
        if en.aside.is_empty() && fr.aside.is_empty() {
            return items;
        }
        let mut out = Vec::with_capacity(items.len() + en.aside.len() + fr.aside.len());
        let (mut next_en, mut next_fr) = (0, 0);
        // Move the asides of `side` standing before its paragraph `at`.
        let flush = |out: &mut Vec<T>, side: &Side, next: &mut usize, at: usize| {
            while let Some(a) = side.aside.get(*next).filter(|a| a.before <= at) {
                out.push(aside(side, a));
                *next += 1;
            }
        };
        let mut last_unit = None;
        for (k, item) in items.into_iter().enumerate() {
            let u = unit_of(k);
            if last_unit != Some(u) {
                let unit = &self.units[u];
                if let Some(&i) = unit.en.first() {
                    flush(&mut out, en, &mut next_en, i);
                }
                if let Some(&j) = unit.fr.first() {
                    flush(&mut out, fr, &mut next_fr, j);
                }
                last_unit = Some(u);
            }
            out.push(item);
        }
        flush(&mut out, en, &mut next_en, usize::MAX);
        flush(&mut out, fr, &mut next_fr, usize::MAX);
        out
    }
}

/// Score of a pair of texts, in [0, 1]: the probability that they are a
/// translation of each other ([`score`]), from their own content.
pub fn pair_score(en: &str, fr: &str) -> f64 {
    let (ec, fc) = (cues::Cues::new(en), cues::Cues::new(fr));
    score::Evidence::of(
        &[(&ec, en.chars().count())],
        &[(&fc, fr.chars().count())],
        false,
        false,
    )
    .probability()
}

/// Titles, headings and metadata lines: merged only with their own kind.
fn is_heading(p: &Paragraph) -> bool {
    use crate::document::ParagraphKind as K;
    matches!(p.kind, K::Title | K::Heading | K::Metadata)
}

/// Check user-forced pairs against the sides: in range, and not crossing.
///
/// # Errors
/// A message naming the first bad pair (1-based, as the user wrote it).
pub fn check_forced(forced: &[(usize, usize)], en: usize, fr: usize) -> Result<(), String> {
    let mut sorted = forced.to_vec();
    sorted.sort_unstable();
    for &(e, f) in &sorted {
        if e >= en || f >= fr {
            return Err(format!(
                "pair {} {} is out of range ({en} English and {fr} French paragraphs)",
                e + 1,
                f + 1
            ));
        }
    }
    for w in sorted.windows(2) {
        if w[1].1 <= w[0].1 {
            return Err(format!(
                "pairs {} {} and {} {} cross each other",
                w[0].0 + 1,
                w[0].1 + 1,
                w[1].0 + 1,
                w[1].1 + 1
            ));
        }
    }
    Ok(())
}

/// Align two sides. See the module documentation for the guarantees.
///
/// Forced pairs are assumed valid ([`check_forced`]); invalid ones are ignored.
pub fn align(en: Side, fr: Side, options: &AlignOptions) -> Alignment {
    let glossary = options.glossary.as_deref();
    let (en_items, fr_items) = (items(&en, glossary), items(&fr, glossary));
    let mut forced = options.forced.clone();
    forced.sort_unstable();
    if check_forced(&forced, en_items.len(), fr_items.len()).is_err() {
        forced.clear();
    }
    let guide: Vec<(usize, usize)> = anchors(&en.paragraphs, &fr.paragraphs)
        .into_iter()
        .filter(|&(i, j)| dp::plausible_anchor(&en_items[i], &fr_items[j]))
        .collect();
    let mut units = Vec::new();
    let (mut i, mut j) = (0, 0);
    for &(a, b) in forced
        .iter()
        .chain(std::iter::once(&(en_items.len(), fr_items.len())))
    {
        // The guide points inside this segment, shifted to its origin.
        let local: Vec<(usize, usize)> = guide
            .iter()
            .filter(|&&(x, y)| x >= i && x < a && y >= j && y < b)
            .map(|&(x, y)| (x - i, y - j))
            .collect();
        for bead in dp::align_items(&en_items[i..a], &fr_items[j..b], &local) {
            units.push(unit_from_bead(&bead, i, j));
        }
        if a < en_items.len() && b < fr_items.len() {
            units.push(AlignedUnit {
                en: vec![a],
                fr: vec![b],
                score: 0.0,
                method: Method::Forced,
                note: None,
                evidence: None,
            });
        }
        (i, j) = (a + 1, b + 1);
    }
    judge::score(
        &mut units,
        &en_items,
        &fr_items,
        &en.paragraphs,
        &fr.paragraphs,
    );
    let units = judge::split_weak_pairs(units, options.split_below);
    Alignment { en, fr, units }
}

/// The items to align of a side's paragraphs, with the glossary entries
/// each holds among its cues.
fn items<'a>(side: &'a Side, glossary: Option<&Glossary>) -> Vec<dp::Item<'a>> {
    side.paragraphs
        .iter()
        .map(|p| {
            let mut item = dp::Item::new(&p.text, p.key.as_ref()).heading(is_heading(p));
            if let Some(g) = glossary {
                item.cues.terms = g
                    .entries_in(&p.text, side.lang)
                    .into_iter()
                    .map(|k| u32::try_from(k).unwrap_or(u32::MAX))
                    .collect();
            }
            item
        })
        .collect()
}

fn unit_from_bead(bead: &dp::Bead, en0: usize, fr0: usize) -> AlignedUnit {
    let en: Vec<usize> = bead.en.clone().map(|x| x + en0).collect();
    let fr: Vec<usize> = bead.fr.clone().map(|x| x + fr0).collect();
    let (method, note) = match (en.len(), fr.len()) {
        (_, 0) => (Method::Dp, Some("no French counterpart found".to_string())),
        (0, _) => (Method::Dp, Some("no English counterpart found".to_string())),
        (1, 1) if bead.keyed => (Method::Anchor, None),
        _ if bead.keyed => (Method::AnchorDp, None),
        _ => (Method::Dp, None),
    };
    AlignedUnit {
        en,
        fr,
        score: 0.0,
        method,
        note,
        evidence: None,
    }
}

/// Pairs of paragraphs with equal number keys: the longest common
/// subsequence of the two sequences of keys (keyed paragraphs only), computed
/// in a band around their diagonal. Numbering that restarts (`1.` … `400.`,
/// then `1.` again) and a paragraph missing or unnumbered on one side do not
/// derail the rest, as matching by occurrence count would. The result,
/// monotone on both sides, guides the dynamic program.
fn anchors(en: &[Paragraph], fr: &[Paragraph]) -> Vec<(usize, usize)> {
    let ek: Vec<(usize, &NumberKey)> = en
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.key.as_ref().map(|k| (i, k)))
        .collect();
    let fk: Vec<(usize, &NumberKey)> = fr
        .iter()
        .enumerate()
        .filter_map(|(j, p)| p.key.as_ref().map(|k| (j, k)))
        .collect();
    let (n, m) = (ek.len(), fk.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    let width = ANCHOR_BAND + n.abs_diff(m).min(ANCHOR_BAND);
    let lo = |a: usize| (a * m / n).saturating_sub(width);
    let hi = |a: usize| (a * m / n + width).min(m);
    // score[a][b - lo(a)]: LCS length of ek[..a], fk[..b]; back: 0 match,
    // 1 skip English, 2 skip French.
    let mut prev: Vec<u32> = vec![0; hi(0) - lo(0) + 1];
    let mut back: Vec<Vec<u8>> = Vec::with_capacity(n + 1);
    back.push(vec![2; prev.len()]);
    for a in 1..=n {
        let (l, h) = (lo(a), hi(a));
        let (pl, ph) = (lo(a - 1), hi(a - 1));
        let get_prev = |b: usize| if b >= pl && b <= ph { prev[b - pl] } else { 0 };
        let mut cur = vec![0u32; h - l + 1];
        let mut bk = vec![1u8; h - l + 1];
        for b in l..=h {
            let mut best = (get_prev(b), 1u8);
            if b > l && cur[b - 1 - l] > best.0 {
                best = (cur[b - 1 - l], 2);
            }
            if b > 0 && ek[a - 1].1 == fk[b - 1].1 && get_prev(b - 1) + 1 > best.0 {
                best = (get_prev(b - 1) + 1, 0);
            }
            cur[b - l] = best.0;
            bk[b - l] = best.1;
        }
        back.push(bk);
        prev = cur;
    }
    // Backtrack from the best cell of the last row.
    let (l, h) = (lo(n), hi(n));
    let mut b = (l..=h).max_by_key(|&b| (prev[b - l], b)).unwrap_or(h);
    let mut a = n;
    let mut out = Vec::new();
    while a > 0 && b > 0 {
        let (l, h) = (lo(a), hi(a));
        if b < l || b > h {
            break;
        }
        match back[a][b - l] {
            0 => {
                out.push((ek[a - 1].0, fk[b - 1].0));
                a -= 1;
                b -= 1;
            }
            1 => a -= 1,
            _ => b -= 1,
        }
    }
    out.reverse();
    out
}

/// Half-width of the band of the key alignment, in keyed paragraphs.
const ANCHOR_BAND: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParagraphKind;

    fn para(text: &str, key: Option<&str>) -> Paragraph {
        Paragraph {
            kind: if key.is_some() {
                ParagraphKind::Numbered
            } else {
                ParagraphKind::Body
            },
            label: key.map(String::from),
            key: key.map(|k| NumberKey(k.to_string())),
            text: text.to_string(),
            lines: 1..2,
            span: 0..text.len(),
            lang: None,
            other: None,
            confidence: 1.0,
            reason: None,
            repairs: 0,
        }
    }

    fn side(lang: Lang, paras: Vec<Paragraph>) -> Side {
        Side::new("t", lang, paras)
    }

    fn pairs(a: &Alignment) -> Vec<(Vec<usize>, Vec<usize>)> {
        a.units
            .iter()
            .map(|u| (u.en.clone(), u.fr.clone()))
            .collect()
    }

    #[test]
    fn numbered_paragraphs_anchor_and_the_rest_is_dp() {
        let en = vec![
            para("A title of the document", None),
            para("First paragraph about things in 2024.", Some("1")),
            para("Second paragraph about other things.", Some("2")),
        ];
        let fr = vec![
            para("Un titre du document ici", None),
            para("Premier paragraphe sur des choses en 2024.", Some("1")),
            para("Second paragraphe sur d’autres choses.", Some("2")),
        ];
        let a = align(
            side(Lang::En, en),
            side(Lang::Fr, fr),
            &AlignOptions::default(),
        );
        assert_eq!(
            pairs(&a),
            [(vec![0], vec![0]), (vec![1], vec![1]), (vec![2], vec![2])]
        );
        let methods: Vec<_> = a.units.iter().map(|u| u.method).collect();
        assert_eq!(methods, [Method::Dp, Method::Anchor, Method::Anchor]);
        assert!(
            a.units
                .iter()
                .all(|u| (0.0..=1.0).contains(&u.score) && u.score > 0.3)
        );
    }

    #[test]
    fn an_extra_paragraph_becomes_one_sided() {
        let en = vec![
            para(
                "Whereas the first consideration is long enough to count for something.",
                None,
            ),
            para(
                "This English paragraph was never translated, and it is as long as the others, or longer than them.",
                None,
            ),
            para(
                "The General Assembly proclaims this declaration as a common standard.",
                None,
            ),
        ];
        let fr = vec![
            para(
                "Considérant que la première considération est assez longue pour compter.",
                None,
            ),
            para(
                "L’Assemblée générale proclame la présente déclaration comme idéal commun.",
                None,
            ),
        ];
        let a = align(
            side(Lang::En, en),
            side(Lang::Fr, fr),
            &AlignOptions::default(),
        );
        assert_eq!(
            pairs(&a),
            [(vec![0], vec![0]), (vec![1], vec![]), (vec![2], vec![1])]
        );
        assert_eq!(
            a.units[1].note.as_deref(),
            Some("no French counterpart found")
        );
    }

    #[test]
    fn anchors_survive_restarted_numbering_and_a_missing_paragraph() {
        // Two sections numbered 1..4 each; French paragraph 2 of the first
        // section is missing. Occurrence counting would pair the second
        // section's "2" with nothing and shift; local matching does not.
        let keys = |ks: &[u8]| {
            ks.iter()
                .map(|k| para("text", Some(&k.to_string())))
                .collect::<Vec<_>>()
        };
        let en = keys(&[1, 2, 3, 4, 1, 2, 3, 4]);
        let fr = keys(&[1, 3, 4, 1, 2, 3, 4]);
        assert_eq!(
            anchors(&en, &fr),
            [(0, 0), (2, 1), (3, 2), (4, 3), (5, 4), (6, 5), (7, 6)]
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::document::ParagraphKind;
    use proptest::prelude::*;

    fn paras(spec: &[(usize, Option<u8>)]) -> Vec<Paragraph> {
        spec.iter()
            .map(|&(len, key)| Paragraph {
                kind: ParagraphKind::Body,
                label: key.map(|k| k.to_string()),
                key: key.map(|k| NumberKey(k.to_string())),
                text: "x".repeat(len),
                lines: 1..2,
                span: 0..len,
                lang: None,
                other: None,
                confidence: 1.0,
                reason: None,
                repairs: 0,
            })
            .collect()
    }

    proptest! {
        /// Nothing is silently lost: every paragraph of both sides is in exactly
        /// one unit, units are monotone, and one-sided units say why.
        #[test]
        fn every_paragraph_in_exactly_one_unit(
            en in proptest::collection::vec((1usize..400, proptest::option::of(0u8..12)), 0..60),
            fr in proptest::collection::vec((1usize..400, proptest::option::of(0u8..12)), 0..60),
        ) {
            let a = align(
                Side::new("en", Lang::En, paras(&en)),
                Side::new("fr", Lang::Fr, paras(&fr)),
                &AlignOptions::default(),
            );
            let mut seen_en: Vec<usize> = a.units.iter().flat_map(|u| u.en.clone()).collect();
            let mut seen_fr: Vec<usize> = a.units.iter().flat_map(|u| u.fr.clone()).collect();
            // Monotone: already sorted in unit order.
            prop_assert!(seen_en.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(seen_fr.windows(2).all(|w| w[0] < w[1]));
            seen_en.dedup();
            seen_fr.dedup();
            prop_assert_eq!(seen_en, (0..en.len()).collect::<Vec<_>>());
            prop_assert_eq!(seen_fr, (0..fr.len()).collect::<Vec<_>>());
            for u in &a.units {
                prop_assert!((0.0..=1.0).contains(&u.score));
                prop_assert_eq!(u.is_pair(), u.note.is_none());
            }
        }
    }
}

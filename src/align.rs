//! Stage 5: English and French paragraphs → aligned units.
//!
//! Input: the text paragraphs of each language ([`Side`]). Output: an
//! [`Alignment`] whose units pair them. Guarantees:
//! - every text paragraph of both sides appears in exactly one unit: a pair, a
//!   merge (2-1, 1-2), or a one-sided unit whose `note` says why;
//! - units are in document order on both sides (alignment is monotone);
//! - printed numbers are anchors: paragraphs whose [`NumberKey`]s match (same
//!   key, same occurrence) are paired, keeping the longest monotone chain;
//! - between anchors, and for unnumbered texts, a banded Gale–Church dynamic
//!   program pairs the rest (1-1, 1-0, 0-1, 2-1, 1-2), in time and memory linear
//!   in the number of paragraphs for a fixed band;
//! - `score` is in [0, 1]: how well the two sides agree in length (the
//!   Gale–Church probability of the length difference) and, when they carry
//!   digits, in the numbers they contain (their Jaccard similarity), averaged.
//!   One-sided units score 0.
//!
//! [`NumberKey`]: crate::document::NumberKey

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::document::{Lang, NumberKey, Paragraph};

/// The paragraphs of one language, from one document.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// The document they come from (a path, or `-`).
    pub document: String,
    /// Their language.
    pub lang: Lang,
    /// The text paragraphs (no noise) of that language, in order.
    pub paragraphs: Vec<Paragraph>,
}

/// How a unit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Matching printed numbers.
    Anchor,
    /// The dynamic program between anchors.
    Dp,
}

impl Method {
    /// Stable name used in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Anchor => "anchor",
            Method::Dp => "dp",
        }
    }
}

/// One English side and one French side (each one or more paragraphs), or one
/// side only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlignedUnit {
    /// 0-based indices into the English [`Side`]'s paragraphs.
    pub en: Vec<usize>,
    /// 0-based indices into the French [`Side`]'s paragraphs.
    pub fr: Vec<usize>,
    /// Agreement of the two sides, in [0, 1] (see the module docs).
    pub score: f64,
    /// How the unit was found.
    pub method: Method,
    /// Why a unit is one-sided; `None` for pairs.
    pub note: Option<String>,
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
}

/// Expected French length per English character, and the variance of the
/// difference per character (Gale & Church 1993, measured on EN/FR).
const RATIO: f64 = 1.12;
const VARIANCE: f64 = 6.8;

/// Standard normal upper tail, via the Abramowitz–Stegun erfc approximation.
fn normal_tail(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * x);
    let erfc = t
        * (-x * x - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    0.5 * erfc
}

/// Gale–Church probability that texts of these lengths are translations.
fn length_probability(en: usize, fr: usize) -> f64 {
    let (en, fr) = (en as f64, fr as f64);
    let mean = (en + fr / RATIO) / 2.0;
    if mean <= 0.0 {
        return 1.0;
    }
    let delta = (fr - en * RATIO) / (VARIANCE * mean).sqrt();
    (2.0 * normal_tail(delta)).clamp(0.0, 1.0)
}

/// The numbers written in digits in a text (`2024`, `28`, `1.5`), normalised.
fn digit_tokens(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .map(|t| t.trim_start_matches('0').to_string())
        .collect()
}

/// Score of a pair of texts, in [0, 1] (see the module docs).
pub fn pair_score(en: &str, fr: &str) -> f64 {
    let lp = length_probability(en.chars().count(), fr.chars().count());
    let (a, b) = (digit_tokens(en), digit_tokens(fr));
    if a.is_empty() && b.is_empty() {
        return lp;
    }
    let jaccard = a.intersection(&b).count() as f64 / a.union(&b).count() as f64;
    (lp + jaccard) / 2.0
}

/// Align two sides. See the module documentation for the guarantees.
pub fn align(en: Side, fr: Side) -> Alignment {
    let anchors = anchors(&en.paragraphs, &fr.paragraphs);
    let en_len: Vec<usize> = en
        .paragraphs
        .iter()
        .map(|p| p.text.chars().count())
        .collect();
    let fr_len: Vec<usize> = fr
        .paragraphs
        .iter()
        .map(|p| p.text.chars().count())
        .collect();
    let mut units = Vec::new();
    let (mut i, mut j) = (0, 0);
    for &(a, b) in anchors
        .iter()
        .chain(std::iter::once(&(en_len.len(), fr_len.len())))
    {
        units.extend(gap_dp(&en_len[i..a], &fr_len[j..b], i, j));
        if a < en_len.len() && b < fr_len.len() {
            units.push(AlignedUnit {
                en: vec![a],
                fr: vec![b],
                score: 0.0,
                method: Method::Anchor,
                note: None,
            });
        }
        (i, j) = (a + 1, b + 1);
    }
    let mut alignment = Alignment { en, fr, units };
    for k in 0..alignment.units.len() {
        let unit = &alignment.units[k];
        let score = if unit.is_pair() {
            pair_score(
                &alignment.text(unit, Lang::En),
                &alignment.text(unit, Lang::Fr),
            )
        } else {
            0.0
        };
        alignment.units[k].score = score;
    }
    alignment
}

/// Pairs of paragraphs with equal number keys (same key, same occurrence of
/// it), reduced to the longest chain increasing on both sides.
fn anchors(en: &[Paragraph], fr: &[Paragraph]) -> Vec<(usize, usize)> {
    let fr_keys = keyed(fr);
    let mut candidates: Vec<(usize, usize)> = keyed(en)
        .into_iter()
        .filter_map(|(k, i)| fr_keys.get(&k).map(|&j| (i, j)))
        .collect();
    candidates.sort_unstable();
    longest_increasing(&candidates)
}

/// Paragraph index by (number key, occurrence of that key).
fn keyed(ps: &[Paragraph]) -> HashMap<(&NumberKey, usize), usize> {
    let mut seen: HashMap<&NumberKey, usize> = HashMap::new();
    let mut out = HashMap::new();
    for (i, p) in ps.iter().enumerate() {
        if let Some(k) = &p.key {
            let n = seen.entry(k).or_default();
            out.insert((k, *n), i);
            *n += 1;
        }
    }
    out
}

/// Longest subsequence of `pairs` (sorted by first) strictly increasing in the
/// second, in O(n log n).
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut tails: Vec<usize> = Vec::new(); // index into pairs
    let mut prev: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| pairs[t].1 < j);
        prev[k] = pos.checked_sub(1).map(|p| tails[p]);
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut cur = tails.last().copied();
    while let Some(k) = cur {
        out.push(pairs[k]);
        cur = prev[k];
    }
    out.reverse();
    out
}

/// Moves of the dynamic program: (English paragraphs, French paragraphs, prior).
const MOVES: &[(usize, usize, f64)] = &[
    (1, 1, 0.89),
    (1, 0, 0.005),
    (0, 1, 0.005),
    (2, 1, 0.045),
    (1, 2, 0.045),
];

/// Half-width of the band around the diagonal, in paragraphs.
const BAND: usize = 24;

/// Gale–Church alignment of the paragraphs between two anchors. `en0`/`fr0`
/// offset the returned indices.
fn gap_dp(en: &[usize], fr: &[usize], en0: usize, fr0: usize) -> Vec<AlignedUnit> {
    let (n, m) = (en.len(), fr.len());
    if n == 0 && m == 0 {
        return Vec::new();
    }
    let one_sided = |lang: Lang, idx: usize| AlignedUnit {
        en: if lang == Lang::En {
            vec![en0 + idx]
        } else {
            vec![]
        },
        fr: if lang == Lang::Fr {
            vec![fr0 + idx]
        } else {
            vec![]
        },
        score: 0.0,
        method: Method::Dp,
        note: Some(format!("no {} counterpart found", lang.other().name())),
    };
    if n == 0 || m == 0 {
        let (lang, k) = if n == 0 { (Lang::Fr, m) } else { (Lang::En, n) };
        return (0..k).map(|i| one_sided(lang, i)).collect();
    }
    // Band: cells (i, j) with j within `width` of the diagonal i·m/n.
    let width = BAND + n.abs_diff(m);
    let lo = |i: usize| ((i * m) / n).saturating_sub(width);
    let hi = |i: usize| ((i * m).div_ceil(n) + width).min(m);
    let row_len = |i: usize| hi(i) - lo(i) + 1;
    let mut cost: Vec<Vec<f64>> = (0..=n).map(|i| vec![f64::INFINITY; row_len(i)]).collect();
    let mut back: Vec<Vec<u8>> = (0..=n).map(|i| vec![u8::MAX; row_len(i)]).collect();
    cost[0][0] = 0.0;
    let cell = |i: usize, j: usize| (j >= lo(i) && j <= hi(i)).then(|| j - lo(i));
    let en_pre: Vec<usize> = std::iter::once(0)
        .chain(en.iter().scan(0, |s, &l| {
            *s += l;
            Some(*s)
        }))
        .collect();
    let fr_pre: Vec<usize> = std::iter::once(0)
        .chain(fr.iter().scan(0, |s, &l| {
            *s += l;
            Some(*s)
        }))
        .collect();
    for i in 0..=n {
        for j in lo(i)..=hi(i) {
            let Some(c) = cell(i, j) else { continue };
            for (k, &(di, dj, prior)) in MOVES.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let Some(pc) = cell(i - di, j - dj) else {
                    continue;
                };
                let prev = cost[i - di][pc];
                if !prev.is_finite() {
                    continue;
                }
                let le = en_pre[i] - en_pre[i - di];
                let lf = fr_pre[j] - fr_pre[j - dj];
                // An omission has no length to match: its cost is its prior alone
                // (the Gale–Church length term would make any merge cheaper).
                let length_cost = if di == 0 || dj == 0 {
                    0.0
                } else {
                    -length_probability(le, lf).max(1e-12).ln()
                };
                let total = prev - prior.ln() + length_cost;
                if total < cost[i][c] {
                    cost[i][c] = total;
                    back[i][c] = k as u8;
                }
            }
        }
    }
    let mut units = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Some(c) = cell(i, j) else { break };
        let Some(&(di, dj, _)) = MOVES.get(back[i][c] as usize) else {
            break;
        };
        let unit = match (di, dj) {
            (1, 0) => one_sided(Lang::En, i - 1),
            (0, 1) => one_sided(Lang::Fr, j - 1),
            _ => AlignedUnit {
                en: (i - di..i).map(|x| en0 + x).collect(),
                fr: (j - dj..j).map(|x| fr0 + x).collect(),
                score: 0.0,
                method: Method::Dp,
                note: None,
            },
        };
        units.push(unit);
        (i, j) = (i - di, j - dj);
    }
    units.reverse();
    units
}

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
            confidence: 1.0,
            reason: None,
            repairs: 0,
        }
    }

    fn side(lang: Lang, paras: Vec<Paragraph>) -> Side {
        Side {
            document: "t".into(),
            lang,
            paragraphs: paras,
        }
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
        let a = align(side(Lang::En, en), side(Lang::Fr, fr));
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
        let a = align(side(Lang::En, en), side(Lang::Fr, fr));
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
    fn crossing_anchors_are_dropped() {
        let pairs = [(0, 0), (1, 3), (2, 1), (3, 2), (4, 4)];
        assert_eq!(longest_increasing(&pairs), [(0, 0), (2, 1), (3, 2), (4, 4)]);
    }

    #[test]
    fn gale_church_probability_is_high_for_typical_ratio() {
        assert!(length_probability(100, 112) > 0.9);
        assert!(length_probability(100, 300) < 0.01);
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
                Side { document: "en".into(), lang: Lang::En, paragraphs: paras(&en) },
                Side { document: "fr".into(), lang: Lang::Fr, paragraphs: paras(&fr) },
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

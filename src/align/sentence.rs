//! Sentence alignment inside the aligned paragraph units.
//!
//! Input: an [`Alignment`] of paragraphs. Output: a [`SentenceAlignment`]: the
//! sentences of every paragraph unit ([`crate::segment::sentence::split`], each
//! paragraph on its own, so no sentence crosses a paragraph) and the
//! [`SentenceUnit`]s pairing them. Guarantees:
//! - inside each two-sided paragraph unit, the sentences of both sides are
//!   aligned by the same banded dynamic program as the paragraphs
//!   ([`dp::align_items`], no guide): beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2;
//! - every sentence of every paragraph unit, on both sides, is in exactly one
//!   sentence unit; a sentence with no counterpart becomes a one-sided unit
//!   whose `note` says so, never silently dropped (property-tested);
//! - a one-sided paragraph unit stays whole: one sentence unit holding all its
//!   sentences, with the paragraph unit's note;
//! - sentence units are in document order (by paragraph unit, then sentence),
//!   and each knows its paragraph unit and its sentence indices;
//! - `score` is [`pair_score`] of the two sentence texts (0 for one-sided
//!   units); `method` is the paragraph unit's: how the pair of paragraphs the
//!   sentences come from was found.

use std::ops::Range;

use serde::Serialize;

use super::{Alignment, Method, dp, pair_score};
use crate::document::Lang;
use crate::segment::sentence::split;

/// The sentences of one side of one paragraph unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentences {
    /// The side's text, as [`Alignment::text`] gives it (paragraphs joined with
    /// a space).
    pub text: String,
    /// The sentences, as trimmed byte ranges into `text`, in order.
    pub ranges: Vec<Range<usize>>,
}

impl Sentences {
    /// Split one side of paragraph unit `unit` of `alignment`.
    fn of(alignment: &Alignment, unit: usize, lang: Lang) -> Self {
        let (side, idx) = match lang {
            Lang::En => (&alignment.en, &alignment.units[unit].en),
            Lang::Fr => (&alignment.fr, &alignment.units[unit].fr),
        };
        let text = alignment.text(&alignment.units[unit], lang);
        let mut ranges = Vec::new();
        let mut offset = 0;
        for &i in idx {
            let p = &side.paragraphs[i].text;
            ranges.extend(
                split(p, lang)
                    .into_iter()
                    .map(|r| r.start + offset..r.end + offset),
            );
            offset += p.len() + 1; // the joining space
        }
        debug_assert!(ranges.iter().all(|r| r.end <= text.len()));
        Sentences { text, ranges }
    }

    /// The text from the first to the last of the sentences `idx` (which are
    /// consecutive); empty when `idx` is.
    pub fn span(&self, idx: &[usize]) -> &str {
        match (idx.first(), idx.last()) {
            (Some(&a), Some(&b)) => &self.text[self.ranges[a].start..self.ranges[b].end],
            _ => "",
        }
    }
}

/// English sentences with French sentences (one side may be empty), inside
/// one paragraph unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceUnit {
    /// Index of the paragraph unit in [`Alignment::units`].
    pub unit: usize,
    /// 0-based indices into the unit's English [`Sentences`].
    pub en: Vec<usize>,
    /// 0-based indices into the unit's French [`Sentences`].
    pub fr: Vec<usize>,
    /// Agreement of the two sides, in [0, 1]; 0 for one-sided units.
    pub score: f64,
    /// How the paragraph unit was found.
    pub method: Method,
    /// Why a unit is one-sided; `None` for pairs.
    pub note: Option<String>,
}

impl SentenceUnit {
    /// Whether both languages are present.
    pub fn is_pair(&self) -> bool {
        !self.en.is_empty() && !self.fr.is_empty()
    }
}

/// The sentences of every paragraph unit and their alignment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceAlignment {
    /// English sentences, one entry per paragraph unit (same order as
    /// [`Alignment::units`]).
    pub en: Vec<Sentences>,
    /// French sentences, one entry per paragraph unit.
    pub fr: Vec<Sentences>,
    /// The sentence units, in document order.
    pub units: Vec<SentenceUnit>,
}

impl SentenceAlignment {
    /// The text of a sentence unit on one side (its sentences as they stand in
    /// the paragraph text); empty when that side is.
    pub fn text(&self, unit: &SentenceUnit, lang: Lang) -> &str {
        match lang {
            Lang::En => self.en[unit.unit].span(&unit.en),
            Lang::Fr => self.fr[unit.unit].span(&unit.fr),
        }
    }
}

/// Split every paragraph unit of `alignment` into sentences and align them
/// (see the module documentation for the guarantees).
pub fn align_sentences(alignment: &Alignment) -> SentenceAlignment {
    let count = alignment.units.len();
    let mut out = SentenceAlignment {
        en: Vec::with_capacity(count),
        fr: Vec::with_capacity(count),
        units: Vec::new(),
    };
    for (k, unit) in alignment.units.iter().enumerate() {
        let en = Sentences::of(alignment, k, Lang::En);
        let fr = Sentences::of(alignment, k, Lang::Fr);
        if !unit.is_pair() {
            out.units.push(SentenceUnit {
                unit: k,
                en: (0..en.ranges.len()).collect(),
                fr: (0..fr.ranges.len()).collect(),
                score: 0.0,
                method: unit.method,
                note: unit.note.clone(),
            });
        } else {
            let items = |s: &Sentences| -> Vec<dp::Item<'static>> {
                s.ranges
                    .iter()
                    .map(|r| dp::Item::new(&s.text[r.clone()], None))
                    .collect()
            };
            let beads = if en.ranges.len() == 1 && fr.ranges.len() == 1 {
                // The paragraph aligner already paired them.
                vec![dp::Bead {
                    en: 0..1,
                    fr: 0..1,
                    keyed: false,
                }]
            } else {
                dp::align_items(&items(&en), &items(&fr), &[])
            };
            for bead in beads {
                let (e, f): (Vec<usize>, Vec<usize>) = (bead.en.collect(), bead.fr.collect());
                let (en_text, fr_text) = (en.span(&e), fr.span(&f));
                let note = match (e.is_empty(), f.is_empty()) {
                    (false, true) => Some("no French sentence counterpart in the unit".to_string()),
                    (true, false) => {
                        Some("no English sentence counterpart in the unit".to_string())
                    }
                    _ => None,
                };
                out.units.push(SentenceUnit {
                    unit: k,
                    score: if note.is_none() {
                        pair_score(en_text, fr_text)
                    } else {
                        0.0
                    },
                    en: e,
                    fr: f,
                    method: unit.method,
                    note,
                });
            }
        }
        out.en.push(en);
        out.fr.push(fr);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{AlignOptions, Side, align};
    use crate::document::{Paragraph, ParagraphKind};

    fn para(text: &str) -> Paragraph {
        Paragraph {
            kind: ParagraphKind::Body,
            label: None,
            key: None,
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

    fn side(lang: Lang, texts: &[&str]) -> Side {
        Side::new("t", lang, texts.iter().map(|t| para(t)).collect())
    }

    #[test]
    fn an_extra_french_sentence_joins_its_neighbour_or_stands_alone() {
        let a = align(
            side(
                Lang::En,
                &[
                    "We remain united in our determination to counter, constrain and contest Russian malicious cyber activities and are investing in our defences, including through the NATO Integrated Cyber Defence Centre. We are determined to respond.",
                ],
            ),
            side(
                Lang::Fr,
                &[
                    "Nous restons unis et déterminés à empêcher et à entraver les actes de cybermalveillance de la Russie. Nous investissons dans notre défense, notamment avec la création du Centre OTAN intégré pour la cyberdéfense. Nous sommes déterminés à réagir.",
                ],
            ),
            &AlignOptions::default(),
        );
        let s = align_sentences(&a);
        assert_eq!(s.en[0].ranges.len(), 2);
        assert_eq!(s.fr[0].ranges.len(), 3);
        let beads: Vec<_> = s
            .units
            .iter()
            .map(|u| (u.en.clone(), u.fr.clone()))
            .collect();
        assert_eq!(beads, [(vec![0], vec![0, 1]), (vec![1], vec![2])]);
        assert!(
            s.text(&s.units[0], Lang::Fr)
                .ends_with("pour la cyberdéfense.")
        );
        assert!(s.units.iter().all(|u| u.note.is_none() && u.score > 0.0));
    }

    #[test]
    fn one_sided_paragraph_units_stay_whole() {
        let a = Alignment {
            en: side(Lang::En, &["One. Two."]),
            fr: side(Lang::Fr, &[]),
            units: vec![crate::align::AlignedUnit {
                en: vec![0],
                fr: vec![],
                score: 0.0,
                method: Method::Dp,
                note: Some("no French counterpart found".into()),
                evidence: None,
            }],
        };
        let s = align_sentences(&a);
        assert_eq!(s.units.len(), 1);
        assert_eq!(s.units[0].en, [0, 1]);
        assert_eq!(s.text(&s.units[0], Lang::En), "One. Two.");
        assert_eq!(
            s.units[0].note.as_deref(),
            Some("no French counterpart found")
        );
    }

    #[test]
    fn merged_paragraphs_are_split_each_on_their_own() {
        let a = Alignment {
            en: side(Lang::En, &["Article 3", "The text. More text."]),
            fr: side(Lang::Fr, &["Article 3 Le texte. Plus de texte."]),
            units: vec![crate::align::AlignedUnit {
                en: vec![0, 1],
                fr: vec![0],
                score: 0.0,
                method: Method::Dp,
                note: None,
                evidence: None,
            }],
        };
        let s = align_sentences(&a);
        let en: Vec<&str> = s.en[0]
            .ranges
            .iter()
            .map(|r| &s.en[0].text[r.clone()])
            .collect();
        assert_eq!(en, ["Article 3", "The text.", "More text."]);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::align::{AlignOptions, Side, align};
    use crate::document::{Paragraph, ParagraphKind};
    use proptest::prelude::*;

    fn paras(spec: &[Vec<usize>]) -> Vec<Paragraph> {
        spec.iter()
            .map(|lens| {
                let text = lens
                    .iter()
                    .map(|&n| format!("Word{}.", "x".repeat(n)))
                    .collect::<Vec<_>>()
                    .join(" ");
                Paragraph {
                    kind: ParagraphKind::Body,
                    label: None,
                    key: None,
                    span: 0..text.len(),
                    text,
                    lines: 1..2,
                    lang: None,
                    other: None,
                    confidence: 1.0,
                    reason: None,
                    repairs: 0,
                }
            })
            .collect()
    }

    proptest! {
        /// Every sentence of every paragraph unit is in exactly one sentence
        /// unit, in order; one-sided sentence units say why.
        #[test]
        fn every_sentence_in_exactly_one_unit(
            en in proptest::collection::vec(proptest::collection::vec(0usize..200, 1..6), 0..12),
            fr in proptest::collection::vec(proptest::collection::vec(0usize..200, 1..6), 0..12),
        ) {
            let a = align(
                Side::new("en", Lang::En, paras(&en)),
                Side::new("fr", Lang::Fr, paras(&fr)),
                &AlignOptions::default(),
            );
            let s = align_sentences(&a);
            for k in 0..a.units.len() {
                for (lang, sentences) in [(Lang::En, &s.en[k]), (Lang::Fr, &s.fr[k])] {
                    let seen: Vec<usize> = s.units.iter()
                        .filter(|u| u.unit == k)
                        .flat_map(|u| if lang == Lang::En { u.en.clone() } else { u.fr.clone() })
                        .collect();
                    prop_assert_eq!(seen, (0..sentences.ranges.len()).collect::<Vec<_>>());
                }
            }
            prop_assert!(s.units.windows(2).all(|w| w[0].unit <= w[1].unit));
            for u in &s.units {
                prop_assert_eq!(u.is_pair(), u.note.is_none());
                prop_assert!((0.0..=1.0).contains(&u.score));
            }
        }
    }
}

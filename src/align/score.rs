//! The score of a unit: the estimated probability that it is right.
//!
//! Input: the [`Evidence`] of a two-sided unit (lengths, cues, labels, its
//! shape). Output: a probability in [0, 1], from a logistic model whose
//! coefficients ([`COEFFICIENTS`]) were fitted by `scripts/fit-score.py` on
//! units `align` wrote for generated hard cases (truncated, gapped, replaced,
//! boilerplate) and deliberately wrong pairs (shifted forced anchors) of the
//! three corpus pairs and seed 001, each judged right or wrong by the shared
//! block scorer; docs/ALIGNMENT.md gives its reliability, measured leaving
//! each pair out of the fit in turn. So a score of 0.9 means about nine in
//! ten such units are right; below 0.5, a pair is more likely wrong than
//! right, and `align` writes it as two one-sided units (`--split-below`).
//! One-sided units score 0.

use serde::Serialize;

use super::cues::{Agreement, Cues, agreement};
use super::dp;

/// What says a two-sided unit is right or wrong.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct Evidence {
    /// Characters on the English side.
    pub en_len: usize,
    /// Characters on the French side.
    pub fr_len: usize,
    /// Gale–Church probability of the two lengths.
    pub length: f64,
    /// Dice coefficient of the cognates.
    pub cognates: f64,
    /// Content words (cognate signature bits) on the poorer side.
    pub words: u32,
    /// Numbers and names on both sides.
    pub shared: usize,
    /// Numbers and names on one side only.
    pub only: usize,
    /// Names (EN↔FR entities of the lexicon) on one side only.
    #[serde(default)]
    pub names_only: usize,
    /// How much the cues say the two sides are different texts, in nats
    /// (see `dp::contradiction`).
    pub contradiction: f64,
    /// How much the parts of a merge say they do not belong, in nats.
    pub parts: f64,
    /// Printed number keys that match across the unit.
    pub keyed: bool,
    /// Both sides have printed labels, and none is the same (`3`, `4`).
    pub key_conflict: bool,
    /// More than one paragraph on a side.
    pub merge: bool,
    /// How many of the units just before and just after this one are
    /// one-sided (0 to 2): a pair among omissions stands where one side may
    /// have stopped being a translation of the other.
    pub lonely: u8,
    /// The shorter of the runs of one-sided units just before and just after
    /// this one: a pair in the middle of a long untranslated stretch (a
    /// translator's note placed against a paragraph of the tail) is an
    /// island.
    #[serde(default)]
    pub island: usize,
    /// How well the French side holds the associates, learnt from the rest
    /// of the document pair, of the English side's words (mean best Dice,
    /// see [`super::lexical`]).
    #[serde(default)]
    pub lexical: f64,
    /// The English words judged so (seen often enough elsewhere).
    #[serde(default)]
    pub lexical_words: usize,
    /// By how much the pair's word associates ([`Evidence::lexical`]) beat
    /// those of its best rival pairing (either side with a neighbour of the
    /// other, as for [`Evidence::rival`]): a paragraph of the same field put
    /// in place of the translation shares the document's vocabulary as much
    /// as its neighbours do.
    #[serde(default)]
    pub lexical_rival: f64,
    /// By how much, in nats of the aligner's cost, this pairing beats the
    /// nearest rival: either side paired instead with a neighbour of the
    /// other (up to [`RIVALS`] paragraphs away). Negative when a neighbour
    /// fits better: a pair shifted by one or two.
    #[serde(default)]
    pub rival: f64,
}

/// How far, in paragraphs, rivals of a pairing are looked for…
pub const RIVALS: usize = 3;
/// …and rivals by word associates (dearer to judge).
pub const LEXICAL_RIVALS: usize = 3;

impl Evidence {
    /// The evidence of `en` against `fr` (each one or more texts' cues and
    /// lengths): `keys` says whether printed keys match, conflict, or say
    /// nothing.
    pub fn of(
        en: &[(&Cues, usize)],
        fr: &[(&Cues, usize)],
        keyed: bool,
        key_conflict: bool,
    ) -> Evidence {
        let side = |parts: &[(&Cues, usize)]| {
            let len = parts.iter().map(|p| p.1).sum::<usize>() + parts.len().saturating_sub(1);
            let cues: Vec<&Cues> = parts.iter().map(|p| p.0).collect();
            (len, Cues::merged(&cues))
        };
        let ((en_len, ec), (fr_len, fc)) = (side(en), side(fr));
        let a: Agreement = agreement(&ec, &fc);
        let merge = en.len() + fr.len() > 2;
        let parts = if merge {
            en.iter()
                .map(|p| (p.0, &fc))
                .chain(fr.iter().map(|p| (p.0, &ec)))
                .map(|(part, other)| dp::part_contradiction(part, other))
                .sum()
        } else {
            0.0
        };
        Evidence {
            en_len,
            fr_len,
            length: dp::length_probability(en_len, fr_len),
            cognates: a.cognates,
            words: ec.weak_bits.min(fc.weak_bits),
            shared: a.strong_shared,
            only: a.strong_only,
            names_only: ec.entities.len() + fc.entities.len()
                - 2 * super::cues::shared(&ec.entities, &fc.entities),
            contradiction: dp::contradiction(&ec, &fc, &a),
            parts,
            keyed,
            key_conflict,
            merge,
            lonely: 0,
            island: 0,
            lexical: 0.0,
            lexical_words: 0,
            lexical_rival: 0.0,
            rival: RIVAL_CAP,
        }
    }

    /// The model's inputs, in the order of [`COEFFICIENTS`] (after its
    /// intercept) and of [`FEATURES`]. Each is evidence for or against the
    /// pair, weighing more where there is more text to judge by: the length
    /// of a text is no evidence by itself.
    pub fn features(&self) -> [f64; FEATURES.len()] {
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        // Evidence from words grows with how many words were compared, up to
        // a point (the cap keeps one long paragraph from deciding alone).
        let per_word = |share: f64, pivot: f64, words: f64| (share - pivot) * words.min(WORDS_CAP);
        [
            self.length.max(1e-9).ln().max(-20.0),
            per_word(self.cognates, COGNATE_PIVOT, f64::from(self.words)),
            (1.0 + self.shared as f64).ln(),
            (1.0 + self.only as f64).ln(),
            self.contradiction,
            self.parts,
            flag(self.keyed),
            flag(self.key_conflict),
            flag(self.merge),
            f64::from(self.lonely),
            per_word(self.lexical, LEXICAL_PIVOT, self.lexical_words as f64),
            self.rival.clamp(-RIVAL_CAP, RIVAL_CAP),
            // A margin over one or two words is noise.
            self.lexical_rival * (self.lexical_words as f64).min(LEXICAL_FULL) / LEXICAL_FULL,
        ]
    }

    /// The probability that the unit is right: the model's, but at most
    /// the cap ([`CAPS`]) of each doubt that applies ([`Evidence::doubts`]).
    pub fn probability(&self) -> f64 {
        let z = COEFFICIENTS[0]
            + self
                .features()
                .iter()
                .zip(&COEFFICIENTS[1..])
                .map(|(x, w)| x * w)
                .sum::<f64>();
        let p = 1.0 / (1.0 + (-z).exp());
        self.doubts()
            .iter()
            .zip(CAPS)
            .filter(|(doubt, _)| **doubt)
            .fold(p, |p, (_, cap)| p.min(cap))
    }

    /// What leaves room for doubt however well the rest agrees, in the
    /// order of [`DOUBTS`].
    pub fn doubts(&self) -> [bool; DOUBTS.len()] {
        let f = self.features();
        let supported = self.shared > 0 || self.keyed || f[1] >= SUPPORT || f[10] >= SUPPORT;
        // Support that a coincidence rarely gives: numbers or names shared
        // (two, or one with matching labels), or many cognates or associates.
        let strong = self.shared >= 2
            || (self.keyed && self.shared >= 1)
            || f[1] >= STRONG_SUPPORT
            || f[10] >= STRONG_SUPPORT;
        [
            !supported,
            self.rival < 0.0,
            self.lexical_rival < 0.0 && self.lexical_words >= MIN_JUDGED,
            self.lonely == 2,
            self.merge,
            self.key_conflict,
            self.island >= ISLAND && !strong,
            self.names_only > 0 && !strong,
        ]
    }
}

/// The mean best association (see [`Evidence::lexical`]) around which the
/// words of the document pair turn from evidence against a pair to evidence
/// for it.
const LEXICAL_PIVOT: f64 = 0.3;

/// The cognate Dice coefficient around which cognates turn from evidence
/// against a pair to evidence for it (translations: about 0.33; unrelated
/// texts of the same field: under 0.1).
const COGNATE_PIVOT: f64 = 0.15;

/// Words judged by their associates from which the margin over rivals
/// counts in full…
const LEXICAL_FULL: f64 = 10.0;
/// …and from which losing to a rival is a doubt.
const MIN_JUDGED: usize = 3;

/// How much a pairing beating (or losing to) its rivals counts, in nats.
const RIVAL_CAP: f64 = 10.0;

/// Most words counted as evidence (cognates, associates).
const WORDS_CAP: f64 = 30.0;

/// The names of the model's inputs (for the fitting script and the docs).
pub const FEATURES: [&str; 13] = [
    "log length probability",
    "(cognate Dice − 0.15) × content words (30 at most)",
    "log(1 + shared numbers and names)",
    "log(1 + one-sided numbers and names)",
    "contradiction (nats)",
    "merge parts not belonging (nats)",
    "keys match",
    "labels conflict",
    "merge",
    "one-sided units next to it (0 to 2)",
    "(word associates − 0.3) × words judged (30 at most)",
    "margin over the best rival pairing, nats (±10)",
    "word associates: margin over the best rival pairing × words judged / 10 (1 at most)",
];

/// What leaves room for doubt about a pair whatever else agrees
/// ([`Evidence::doubts`]).
pub const DOUBTS: [&str; 8] = [
    "nothing for the pair but lengths (no shared number or name, matching key, cognates or associated words above their pivots)",
    "a neighbour of either side fits the other side better (by the aligner's cost)",
    "a neighbour of either side fits the other side better (by word associates, three words judged or more)",
    "both neighbouring units one-sided",
    "a merge",
    "printed labels that differ",
    "an island (three one-sided units or more on each side) without strong support",
    "a name on one side only (NATO without OTAN), without strong support",
];

/// How far above their pivots cognates or word associates must be (their
/// features, [`Evidence::features`]) to count as support: a Dice of 0.2
/// over ten words, say.
const SUPPORT: f64 = 0.5;

/// The same, for strong support (see [`Evidence::doubts`]).
const STRONG_SUPPORT: f64 = 2.0;

/// One-sided units on each side from which a pair is an island.
pub const ISLAND: usize = 3;

/// The highest score under each doubt of [`DOUBTS`]: the share of right
/// pairs under it in the evidence the model was fitted on (pairs the user
/// forced aside), and never more than 0.9. Fitted with [`COEFFICIENTS`].
pub const CAPS: [f64; 8] = [0.8821, 0.9, 0.9, 0.625, 0.4242, 0.9, 0.06667, 0.05882];

/// Intercept, then one weight per entry of [`FEATURES`]: fitted by
/// `scripts/fit-score.py` (see the module docs).
pub const COEFFICIENTS: [f64; 14] = [
    6.2253, 0.822167, 1.48845, 1.53087, -4.02655, 0.0209821, 3.92066, 4.39726, 0.694509, -19.0308,
    -3.90838, 0.14022, 0.167925, 28.085,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(en: &str, fr: &str, keyed: bool) -> Evidence {
        let (ec, fc) = (Cues::new(en), Cues::new(fr));
        Evidence::of(
            &[(&ec, en.chars().count())],
            &[(&fc, fr.chars().count())],
            keyed,
            false,
        )
    }

    #[test]
    fn a_translation_scores_high_and_an_unrelated_text_low() {
        let en = "We recall that in 2024, Germany and the Czech Republic attributed malicious cyber activity to APT 28, a group controlled by Russia's military intelligence.";
        let fr = "Nous rappelons qu'en 2024, l'Allemagne et la République tchèque avaient attribué des activités de cybermalveillance à APT28, groupe contrôlé par le renseignement militaire russe.";
        let other = "Toute personne a droit au repos et aux loisirs et notamment à une limitation raisonnable de la durée du travail et à des congés payés périodiques.";
        let good = evidence(en, fr, false).probability();
        let bad = evidence(en, other, false).probability();
        assert!(good > 0.9, "{good}");
        assert!(bad < 0.5, "{bad}");
        assert!((0.0..=1.0).contains(&good) && (0.0..=1.0).contains(&bad));
    }
}

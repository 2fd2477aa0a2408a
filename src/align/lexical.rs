//! Word associations learnt from the document pair itself: which French words
//! come with which English words in the pairs the aligner is sure of (Dice
//! coefficient of their co-occurrence), as Moore's aligner learns its word
//! model from the high-probability pairs of a first pass.
//!
//! Input: the content words of each pair's two sides, and which pairs to
//! learn from. Output: for any pair, how well its French side holds the
//! associates of its English words ([`Associations::support`]), each pair's
//! own co-occurrences left out, so a pair cannot vouch for itself. A same-field
//! paragraph put in place of the translation (a replaced or unrelated text)
//! shares cognates and length by chance, but not the words that go with its
//! English counterpart's words elsewhere in the document.

use rustc_hash::FxHashMap;

use crate::lexicon;

/// A content word, hashed: four letters or more, not an English or French
/// function word, accents folded, lower case.
pub type Word = u64;

/// The content words of a text, distinct and sorted (the order the
/// associations rely on).
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let (mut folded, mut lower) = (String::new(), String::new());
    for w in text.split(|c: char| !c.is_alphabetic()) {
        if w.chars().nth(3).is_none() {
            continue;
        }
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        if crate::langid::is_function_word(&lower) {
            continue;
        }
        folded.clear();
        lexicon::fold_into(w, &mut folded);
        out.push(crate::hash::stable_hash(&[&folded]));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Co-occurrence counts of English and French words over the pairs learnt
/// from.
#[derive(Debug, Default)]
pub struct Associations {
    en: FxHashMap<Word, u32>,
    fr: FxHashMap<Word, u32>,
    both: FxHashMap<(Word, Word), u32>,
}

/// Most words of a side counted per pair: bounds the learning, which is
/// quadratic in a pair's words.
const MAX_WORDS: usize = 60;

/// An English word is judged by its associates when it occurs in this many
/// learnt pairs or more (its own pair left out).
const MIN_OCCURRENCES: u32 = 2;

impl Associations {
    /// Learn from `pairs` (the English and French words of each).
    pub fn learn<'a>(pairs: impl Iterator<Item = (&'a [Word], &'a [Word])>) -> Associations {
        let mut a = Associations::default();
        for (en, fr) in pairs {
            let (en, fr) = (
                &en[..en.len().min(MAX_WORDS)],
                &fr[..fr.len().min(MAX_WORDS)],
            );
            for &e in en {
                *a.en.entry(e).or_default() += 1;
            }
            for &f in fr {
                *a.fr.entry(f).or_default() += 1;
            }
            for &e in en {
                for &f in fr {
                    *a.both.entry((e, f)).or_default() += 1;
                }
            }
        }
        a
    }

    /// How well the French side `fr` holds the associates of the English
    /// words `en`: the mean, over the English words seen often enough, of
    /// the best Dice coefficient of one with a French word of `fr`, and how
    /// many such words there are. `learnt` says whether the pair was among
    /// those learnt from: its own co-occurrences are then left out.
    pub fn support(&self, en: &[Word], fr: &[Word], learnt: bool) -> (f64, usize) {
        let own = learnt.then_some((en, fr));
        self.support_without(en, fr, own)
    }

    /// [`Associations::support`] of a pairing of `en` and `fr`, the
    /// co-occurrences of the learnt pair `own` left out (for a rival pairing
    /// of one of its sides, judged on the same counts as the pair itself).
    pub fn support_without(
        &self,
        en: &[Word],
        fr: &[Word],
        own: Option<(&[Word], &[Word])>,
    ) -> (f64, usize) {
        // Words are sorted, so membership is a binary search.
        fn cap(w: &[Word]) -> &[Word] {
            &w[..w.len().min(MAX_WORDS)]
        }
        let (en, fr) = (cap(en), cap(fr));
        let (own_en, own_fr) = own.map_or((&[][..], &[][..]), |(e, f)| (cap(e), cap(f)));
        let (mut total, mut known) = (0.0, 0usize);
        for &e in en {
            let in_own_en = u32::from(own_en.binary_search(&e).is_ok());
            let ce = self
                .en
                .get(&e)
                .copied()
                .unwrap_or(0)
                .saturating_sub(in_own_en);
            if ce < MIN_OCCURRENCES {
                continue;
            }
            known += 1;
            let best = fr
                .iter()
                .map(|&f| {
                    let in_own_fr = u32::from(own_fr.binary_search(&f).is_ok());
                    let both = self
                        .both
                        .get(&(e, f))
                        .copied()
                        .unwrap_or(0)
                        .saturating_sub(in_own_en * in_own_fr);
                    let cf = self
                        .fr
                        .get(&f)
                        .copied()
                        .unwrap_or(0)
                        .saturating_sub(in_own_fr);
                    if both == 0 {
                        0.0
                    } else {
                        2.0 * f64::from(both) / f64::from(ce + cf)
                    }
                })
                .fold(0.0, f64::max);
            total += best;
        }
        if known == 0 {
            (0.0, 0)
        } else {
            (total / known as f64, known)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn associates_are_learnt_and_a_pair_does_not_vouch_for_itself() {
        let pairs: Vec<(Vec<Word>, Vec<Word>)> = [
            (
                "The Council decided on the budget.",
                "Le Conseil a décidé du budget.",
            ),
            (
                "The Council met in Brussels.",
                "Le Conseil s'est réuni à Bruxelles.",
            ),
            (
                "The Council approved the report.",
                "Le Conseil a approuvé le rapport.",
            ),
            (
                "Members shall inform the Council.",
                "Les membres informent le Conseil.",
            ),
        ]
        .iter()
        .map(|(e, f)| (words(e), words(f)))
        .collect();
        let a = Associations::learn(pairs.iter().map(|(e, f)| (e.as_slice(), f.as_slice())));
        // "council" goes with "conseil" in the other three pairs.
        let (mean, known) = a.support(&pairs[0].0, &pairs[0].1, true);
        assert_eq!(known, 1);
        assert!(mean > 0.9, "{mean}");
        // A French text without "conseil" holds none of its associates.
        let other = words("Les membres votent le rapport annuel.");
        let (mean, known) = a.support(&pairs[0].0, &other, false);
        assert_eq!(known, 1);
        assert!(mean < 0.6, "{mean}");
        // A word seen in one pair only is not judged.
        assert_eq!(a.support(&words("budget"), &words("budget"), false).1, 0);
    }
}

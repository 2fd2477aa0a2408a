//! Stage 4: the language of each paragraph, smoothed over the document.
//!
//! Input: segmented [`Paragraph`]s. Output: the same paragraphs with `lang` and
//! `confidence` set on every text paragraph (noise keeps `None`). Guarantees:
//! - only English and French are considered (whatlang restricted to both, plus
//!   the function words of each language as a second witness);
//! - languages come in runs: a two-state hidden Markov model over the paragraph
//!   sequence (Viterbi for the labels, forward–backward for the confidence) lets
//!   short lines — headings, `Source : OTAN` — take the language of their run,
//!   while a real switch, or paragraph-by-paragraph interleaving, is kept because
//!   long paragraphs carry far more evidence than one switch costs;
//! - `confidence` is the posterior probability of the chosen language.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::document::{Lang, Paragraph};

/// Cost, in nats, of switching language between two consecutive paragraphs.
const SWITCH_COST: f64 = 4.0;

static DETECTOR: LazyLock<whatlang::Detector> = LazyLock::new(|| {
    whatlang::Detector::with_allowlist(vec![whatlang::Lang::Eng, whatlang::Lang::Fra])
});

const EN_WORDS: &[&str] = &[
    "the",
    "and",
    "of",
    "to",
    "in",
    "is",
    "that",
    "which",
    "for",
    "with",
    "on",
    "by",
    "as",
    "are",
    "be",
    "this",
    "it",
    "its",
    "we",
    "our",
    "shall",
    "have",
    "has",
    "from",
    "or",
    "any",
    "other",
    "their",
    "all",
    "will",
    "not",
    "an",
    "at",
    "such",
    "these",
    "who",
    "been",
    "were",
    "was",
    "they",
    "his",
    "her",
    "under",
    "into",
    "also",
    "including",
    "against",
    "between",
    "statement",
    "article",
    "agreement",
    "part",
    "general",
    "section",
    "states",
    "source",
    "whereas",
];
const FR_WORDS: &[&str] = &[
    "le",
    "la",
    "les",
    "des",
    "du",
    "de",
    "et",
    "que",
    "qui",
    "dans",
    "pour",
    "par",
    "sur",
    "une",
    "un",
    "est",
    "sont",
    "au",
    "aux",
    "ou",
    "ne",
    "pas",
    "se",
    "ses",
    "son",
    "sa",
    "leur",
    "leurs",
    "nous",
    "notre",
    "nos",
    "il",
    "elle",
    "ils",
    "cette",
    "ces",
    "avec",
    "à",
    "être",
    "été",
    "tout",
    "toute",
    "tous",
    "entre",
    "contre",
    "ainsi",
    "dont",
    "également",
    "présente",
    "convention",
    "titre",
    "déclaration",
    "communiqué",
    "considérant",
    "généralités",
    "préambule",
];

static EN_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| EN_WORDS.iter().copied().collect());
static FR_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| FR_WORDS.iter().copied().collect());

/// Evidence that `text` is English rather than French, as log-odds in nats
/// (positive: English, negative: French, 0: no evidence).
pub fn evidence(text: &str) -> f64 {
    let mut function_words = 0.0;
    let mut letters = 0usize;
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        letters += word.len();
        let lower = word.to_lowercase();
        // Elided French articles ("l’OTAN", "d’autres") split into "l", "d".
        let en = EN_SET.contains(lower.as_str());
        let fr = FR_SET.contains(lower.as_str())
            || (word.len() == 1
                && matches!(lower.as_str(), "l" | "d" | "j" | "n" | "s" | "c")
                && text.contains(['’', '\'']));
        match (en, fr) {
            (true, false) => function_words += 1.0,
            (false, true) => function_words -= 1.0,
            _ => {}
        }
        // Letters only French uses.
        if lower.contains(['é', 'è', 'ê', 'à', 'ç', 'ù', 'û', 'ô', 'î', 'œ']) {
            function_words -= 0.5;
        }
    }
    if letters == 0 {
        return 0.0;
    }
    let whatlang = DETECTOR.detect(text).map_or(0.0, |info| {
        let sign = if info.lang() == whatlang::Lang::Eng {
            1.0
        } else {
            -1.0
        };
        // whatlang's confidence grows with length; scale so a long paragraph
        // weighs far more than a switch costs.
        sign * info.confidence() * (letters as f64 / 8.0).min(30.0)
    });
    whatlang + function_words
}

/// Set `lang` and `confidence` on every text paragraph of a document.
pub fn identify(paragraphs: &mut [Paragraph]) {
    let idx: Vec<usize> = (0..paragraphs.len())
        .filter(|&i| paragraphs[i].is_text())
        .collect();
    let ev: Vec<f64> = idx.iter().map(|&i| evidence(&paragraphs[i].text)).collect();
    let labels = smooth(&ev);
    for ((&i, (lang, conf)), _) in idx.iter().zip(labels).zip(&ev) {
        paragraphs[i].lang = Some(lang);
        paragraphs[i].confidence = conf as f32;
    }
}

/// Two-state HMM over a sequence of log-odds: Viterbi labels with posterior
/// confidences.
pub fn smooth(evidence: &[f64]) -> Vec<(Lang, f64)> {
    let n = evidence.len();
    if n == 0 {
        return Vec::new();
    }
    // Emission log-scores: state 0 = English, 1 = French.
    let emit = |e: f64| [e / 2.0, -e / 2.0];
    let trans = |a: usize, b: usize| if a == b { 0.0 } else { -SWITCH_COST };

    // Viterbi.
    let mut score = emit(evidence[0]);
    let mut back = vec![[0usize; 2]; n];
    for t in 1..n {
        let e = emit(evidence[t]);
        let mut next = [0.0; 2];
        for s in 0..2 {
            let (best_prev, best) = (0..2).map(|p| (p, score[p] + trans(p, s))).fold(
                (0, f64::NEG_INFINITY),
                |acc, x| if x.1 > acc.1 { x } else { acc },
            );
            back[t][s] = best_prev;
            next[s] = best + e[s];
        }
        score = next;
    }
    let mut state = if score[0] >= score[1] { 0 } else { 1 };
    let mut path = vec![0usize; n];
    for t in (0..n).rev() {
        path[t] = state;
        state = back[t][state];
    }

    // Forward–backward for posteriors.
    let lse = |a: f64, b: f64| {
        let m = a.max(b);
        m + ((a - m).exp() + (b - m).exp()).ln()
    };
    let mut fwd = vec![[0.0f64; 2]; n];
    fwd[0] = emit(evidence[0]);
    for t in 1..n {
        let e = emit(evidence[t]);
        for s in 0..2 {
            fwd[t][s] = e[s] + lse(fwd[t - 1][0] + trans(0, s), fwd[t - 1][1] + trans(1, s));
        }
    }
    let mut bwd = vec![[0.0f64; 2]; n];
    for t in (0..n - 1).rev() {
        let e = emit(evidence[t + 1]);
        for s in 0..2 {
            bwd[t][s] = lse(
                trans(s, 0) + e[0] + bwd[t + 1][0],
                trans(s, 1) + e[1] + bwd[t + 1][1],
            );
        }
    }
    path.iter()
        .enumerate()
        .map(|(t, &s)| {
            let a = fwd[t][0] + bwd[t][0];
            let b = fwd[t][1] + bwd[t][1];
            let p_en = 1.0 / (1.0 + (b - a).exp());
            let lang = if s == 0 { Lang::En } else { Lang::Fr };
            let conf = if s == 0 { p_en } else { 1.0 - p_en };
            (lang, conf)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_are_identified() {
        assert!(
            evidence(
                "We strongly condemn Russia’s malicious cyber activities, which constitute a threat to Allied security."
            ) > 5.0
        );
        assert!(
            evidence(
                "Nous condamnons fermement les actes de cybermalveillance de la Russie, qui constituent une menace."
            ) < -5.0
        );
    }

    #[test]
    fn short_lines_take_the_language_of_their_run() {
        let ev = [-20.0, 0.3, -15.0, -18.0];
        let langs: Vec<Lang> = smooth(&ev).into_iter().map(|(l, _)| l).collect();
        assert_eq!(langs, [Lang::Fr; 4]);
    }

    #[test]
    fn a_real_switch_is_kept() {
        let ev = [20.0, 25.0, 0.5, -20.0, -22.0];
        let langs: Vec<Lang> = smooth(&ev).into_iter().map(|(l, _)| l).collect();
        assert_eq!(langs, [Lang::En, Lang::En, Lang::En, Lang::Fr, Lang::Fr]);
    }

    #[test]
    fn interleaved_paragraphs_are_kept_apart() {
        let ev = [20.0, -20.0, 22.0, -25.0];
        let langs: Vec<Lang> = smooth(&ev).into_iter().map(|(l, _)| l).collect();
        assert_eq!(langs, [Lang::En, Lang::Fr, Lang::En, Lang::Fr]);
    }
}

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

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use crate::document::{Lang, Paragraph, ParagraphKind};

/// Net function-word count from which whatlang is not consulted.
const DECISIVE_FUNCTION_WORDS: f64 = 12.0;

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

static EN_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| EN_WORDS.iter().copied().collect());
static FR_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| FR_WORDS.iter().copied().collect());
/// Bytes of the longest function word: longer words are not looked up.
static LONGEST_WORD: LazyLock<usize> = LazyLock::new(|| {
    EN_WORDS
        .iter()
        .chain(FR_WORDS)
        .map(|w| w.len())
        .max()
        .unwrap_or(0)
});

/// Evidence that `text` is English rather than French, as log-odds in nats
/// (positive: English, negative: French, 0: no evidence).
pub fn evidence(text: &str) -> f64 {
    let mut function_words: f64 = 0.0;
    let mut letters = 0usize;
    let longest = *LONGEST_WORD;
    let mut elision: Option<bool> = None;
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        letters += word.len();
        if !word.is_ascii() {
            // Letters only French uses.
            let french = |c: char| {
                matches!(
                    c.to_lowercase().next().unwrap_or(c),
                    'é' | 'è' | 'ê' | 'à' | 'ç' | 'ù' | 'û' | 'ô' | 'î' | 'œ'
                )
            };
            if word.chars().any(french) {
                function_words -= 0.5;
            }
        }
        if word.len() > longest {
            continue;
        }
        lower.clear();
        if word.is_ascii() {
            lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            lower.extend(word.chars().flat_map(char::to_lowercase));
        }
        // Elided French articles ("l’OTAN", "d’autres") split into "l", "d".
        let en = EN_SET.contains(lower.as_str());
        let fr = FR_SET.contains(lower.as_str())
            || (word.len() == 1
                && matches!(lower.as_str(), "l" | "d" | "j" | "n" | "s" | "c")
                && *elision.get_or_insert_with(|| text.contains(['’', '\''])));
        match (en, fr) {
            (true, false) => function_words += 1.0,
            (false, true) => function_words -= 1.0,
            _ => {}
        }
    }
    if letters == 0 {
        return 0.0;
    }
    // A paragraph whose function words already decide by a wide margin needs
    // no n-gram model (most paragraphs of running text): whatlang costs more
    // than everything else in this stage.
    if function_words.abs() >= DECISIVE_FUNCTION_WORDS {
        return function_words * 2.0;
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
    let kinds: Vec<ParagraphKind> = idx.iter().map(|&i| paragraphs[i].kind).collect();
    let labels = smooth(&ev, &switch_costs(&kinds));
    for ((&i, (lang, conf)), _) in idx.iter().zip(labels).zip(&ev) {
        paragraphs[i].lang = Some(lang);
        paragraphs[i].confidence = conf as f32;
    }
}

/// Whether a paragraph of this kind opens what follows it (a title, heading or
/// dateline belongs with the text after it, not before it).
fn opens_section(kind: ParagraphKind) -> bool {
    matches!(
        kind,
        ParagraphKind::Title | ParagraphKind::Heading | ParagraphKind::Metadata
    )
}

/// The cost of a language switch just before each paragraph: lower before a
/// heading (a new version of a document starts with its title), higher right
/// after one (a heading goes with its text). `costs[0]` is unused.
pub fn switch_costs(kinds: &[ParagraphKind]) -> Vec<f64> {
    (0..kinds.len())
        .map(|t| {
            let mut cost = SWITCH_COST;
            if opens_section(kinds[t]) {
                cost *= 0.5;
            }
            if t > 0 && opens_section(kinds[t - 1]) {
                cost *= 2.0;
            }
            cost
        })
        .collect()
}

/// Two-state HMM over a sequence of log-odds: Viterbi labels with posterior
/// confidences. `switch_cost[t]` is the cost, in nats, of a switch between
/// paragraphs `t - 1` and `t` (see [`switch_costs`]; missing entries cost
/// the default).
pub fn smooth(evidence: &[f64], switch_cost: &[f64]) -> Vec<(Lang, f64)> {
    let n = evidence.len();
    if n == 0 {
        return Vec::new();
    }
    // Emission log-scores: state 0 = English, 1 = French.
    let emit = |e: f64| [e / 2.0, -e / 2.0];
    let cost = |t: usize| switch_cost.get(t).copied().unwrap_or(SWITCH_COST);
    // Transition into position t, from state a to state b.
    let trans = |t: usize, a: usize, b: usize| if a == b { 0.0 } else { -cost(t) };

    // Viterbi.
    let mut score = emit(evidence[0]);
    let mut back = vec![[0usize; 2]; n];
    for t in 1..n {
        let e = emit(evidence[t]);
        let mut next = [0.0; 2];
        for s in 0..2 {
            let (best_prev, best) = (0..2).map(|p| (p, score[p] + trans(t, p, s))).fold(
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
            fwd[t][s] = e[s]
                + lse(
                    fwd[t - 1][0] + trans(t, 0, s),
                    fwd[t - 1][1] + trans(t, 1, s),
                );
        }
    }
    let mut bwd = vec![[0.0f64; 2]; n];
    for t in (0..n - 1).rev() {
        let e = emit(evidence[t + 1]);
        for s in 0..2 {
            bwd[t][s] = lse(
                trans(t + 1, s, 0) + e[0] + bwd[t + 1][0],
                trans(t + 1, s, 1) + e[1] + bwd[t + 1][1],
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
        let langs: Vec<Lang> = smooth(&ev, &[]).into_iter().map(|(l, _)| l).collect();
        assert_eq!(langs, [Lang::Fr; 4]);
    }

    #[test]
    fn a_real_switch_is_kept() {
        let ev = [20.0, 25.0, 0.5, -20.0, -22.0];
        let langs: Vec<Lang> = smooth(&ev, &[]).into_iter().map(|(l, _)| l).collect();
        assert_eq!(langs, [Lang::En, Lang::En, Lang::En, Lang::Fr, Lang::Fr]);
    }

    #[test]
    fn interleaved_paragraphs_are_kept_apart() {
        let ev = [20.0, -20.0, 22.0, -25.0];
        let langs: Vec<Lang> = smooth(&ev, &[]).into_iter().map(|(l, _)| l).collect();
        assert_eq!(langs, [Lang::En, Lang::Fr, Lang::En, Lang::Fr]);
    }
}

#[cfg(test)]
mod evaluation {
    //! Language identification on the real texts: every paragraph of the
    //! samples and corpus, and short fragments (headings, 3–6-word lines) in
    //! document context.

    use super::*;
    use crate::pipeline::load;

    const ROOT: &str = env!("CARGO_MANIFEST_DIR");
    const PAIRS: &[&str] = &[
        "nato-ottawa-agreement-1951",
        "nato-paris-protocol-1952",
        "un-udhr-1948",
    ];

    fn read(path: &str) -> String {
        std::fs::read_to_string(format!("{ROOT}/{path}")).unwrap()
    }

    fn sample(prefix: &str) -> String {
        let dir = format!("{ROOT}/samples");
        let path = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap();
        std::fs::read_to_string(path).unwrap()
    }

    /// Documents with the true language of each text paragraph: single-language
    /// samples and corpus texts, seed 001, and each corpus pair as one mixed file
    /// (English then French), which is the hard case for smoothing.
    fn labelled_documents() -> Vec<(String, Vec<Paragraph>, Vec<Lang>)> {
        let mut docs = Vec::new();
        let mut add = |name: String, text: &str, truth: &dyn Fn(usize, usize) -> Lang| {
            let doc = load(&name, text.as_bytes()).unwrap();
            let paras: Vec<Paragraph> =
                doc.paragraphs.into_iter().filter(|p| p.is_text()).collect();
            let n = paras.len();
            let langs = (0..n).map(|i| truth(i, n)).collect();
            docs.push((name, paras, langs));
        };
        for s in ["000", "002", "003", "004"] {
            add(format!("sample {s}"), &sample(s), &|_, _| Lang::En);
        }
        add("sample 001".into(), &sample("001"), &|i, _| {
            if i < 5 { Lang::En } else { Lang::Fr }
        });
        for pair in PAIRS {
            let en = read(&format!("tests/data/corpus/{pair}/en.txt"));
            let fr = read(&format!("tests/data/corpus/{pair}/fr.txt"));
            add(format!("{pair}/en"), &en, &|_, _| Lang::En);
            add(format!("{pair}/fr"), &fr, &|_, _| Lang::Fr);
            let en_blocks = en.split("\n\n").filter(|b| !b.trim().is_empty()).count();
            let mixed = format!("{en}\n\n{fr}");
            add(format!("{pair}/mixed"), &mixed, &move |i, _| {
                if i < en_blocks { Lang::En } else { Lang::Fr }
            });
        }
        docs
    }

    #[test]
    fn every_paragraph_of_samples_and_corpus_is_right() {
        for (name, paras, truth) in labelled_documents() {
            for (k, (p, want)) in paras.iter().zip(&truth).enumerate() {
                assert_eq!(
                    p.lang,
                    Some(*want),
                    "{name} paragraph {}: {:?}",
                    k + 1,
                    p.text
                );
            }
        }
    }

    /// Short fragments: every heading-like paragraph as it is, and the first 3,
    /// 4, 5 and 6 words of every other paragraph. Each is put in place of its
    /// paragraph, in its document, and the document is smoothed again.
    #[test]
    fn short_fragments_in_document_context() {
        // (bucket, in context correct, alone correct, total)
        let mut by_len: std::collections::BTreeMap<String, (usize, usize, usize)> =
            Default::default();
        for (_, paras, truth) in labelled_documents() {
            let ev: Vec<f64> = paras.iter().map(|p| evidence(&p.text)).collect();
            let costs = switch_costs(&paras.iter().map(|p| p.kind).collect::<Vec<_>>());
            for (k, p) in paras.iter().enumerate() {
                let words: Vec<&str> = p.text.split_whitespace().collect();
                let fragments: Vec<(String, String)> = if words.len() <= 6 {
                    vec![(
                        format!("short line ({} words)", words.len().min(6)),
                        p.text.clone(),
                    )]
                } else {
                    (3..=6)
                        .map(|n| (format!("first {n} words"), words[..n].join(" ")))
                        .collect()
                };
                for (bucket, fragment) in fragments {
                    let mut ev = ev.clone();
                    ev[k] = evidence(&fragment);
                    let alone = ev[k] != 0.0 && (ev[k] > 0.0) == (truth[k] == Lang::En);
                    let in_context = smooth(&ev, &costs)[k].0 == truth[k];
                    if !in_context {
                        println!("MISS {fragment:?} (paragraph {})", k + 1);
                    }
                    let e = by_len.entry(bucket).or_default();
                    e.0 += usize::from(in_context);
                    e.1 += usize::from(alone);
                    e.2 += 1;
                }
            }
        }
        let (mut ok, mut total) = (0, 0);
        println!("| fragments | n | in document context | alone (no smoothing) |");
        println!("|---|---|---|---|");
        for (bucket, (ctx, alone, n)) in &by_len {
            println!(
                "| {bucket} | {n} | {:.1}% | {:.1}% |",
                100.0 * *ctx as f64 / *n as f64,
                100.0 * *alone as f64 / *n as f64
            );
            ok += ctx;
            total += n;
        }
        let accuracy = ok as f64 / total as f64;
        println!("| all | {total} | {:.2}% | |", 100.0 * accuracy);
        assert!(
            accuracy >= 0.98,
            "fragment accuracy in context {accuracy:.4} < 0.98"
        );
    }
}

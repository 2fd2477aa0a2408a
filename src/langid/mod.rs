//! Stage 4: the language of each paragraph, smoothed over the document.
//!
//! Input: segmented [`Paragraph`]s. Output: the same paragraphs with `lang`
//! (English or French), or `other` (another language, with a guess such as
//! `de`, `ru`, or `und` when there is none), and `confidence` set on every
//! text paragraph that has letters (noise, and text without letters, keep
//! `None`). Guarantees:
//! - three classes: English, French, other. English and French are told apart
//!   by whatlang restricted to both and by their function words; another
//!   language by its script (Cyrillic, Greek…), by whatlang over all its
//!   languages and by the frequent words of the other languages NATO archives
//!   hold (`words`). A paragraph is "other" only on positive evidence of
//!   another language, never for lack of English or French evidence;
//! - URLs and e-mail addresses are not language evidence (`views-vues`);
//! - languages come in runs: a three-state hidden Markov model over the
//!   paragraph sequence (Viterbi for the labels, forward–backward for the
//!   confidence) lets short lines — headings, `Source : OTAN` — take the
//!   language of their run, while a real switch, or paragraph-by-paragraph
//!   interleaving, is kept because long paragraphs carry far more evidence
//!   than one switch costs;
//! - `confidence` is the posterior probability of the chosen class.

mod words;

use std::sync::LazyLock;

use crate::document::{Lang, Paragraph, ParagraphKind};

/// Net function-word count from which whatlang is not consulted.
const DECISIVE_FUNCTION_WORDS: f64 = 12.0;

/// Cost, in nats, of switching language between two consecutive paragraphs.
const SWITCH_COST: f64 = 4.0;

/// Extra cost, in nats, of entering another language (on top of the switch
/// cost): a document is in English or French unless something points to
/// another language, and a run of it pays this once, not per paragraph.
const OTHER_PRIOR: f64 = 3.0;

/// Below this many English or French function words that another language
/// lacks, they leave that language open: whatlang over all its languages
/// decides (a French sentence of a few words, `Nul ne peut être
/// arbitrairement arrêté, détenu ni exilé.`, would otherwise be a nat from
/// Italian, and a German paragraph next to it would take it in).
const UNDECIDED_PAIR_WORDS: usize = 4;

static DETECTOR: LazyLock<whatlang::Detector> = LazyLock::new(|| {
    whatlang::Detector::with_allowlist(vec![whatlang::Lang::Eng, whatlang::Lang::Fra])
});

/// What a paragraph's text says of its language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evidence {
    /// English rather than French, as log-odds in nats (positive: English).
    pub en_fr: f64,
    /// Another language in Latin script, as a log-likelihood in nats on the
    /// scale where English and French are `en_fr / 2` and `-en_fr / 2`: the
    /// likelier of the two plus what says another language rather than it.
    pub other: f64,
    /// Another language in another script than Latin (Cyrillic, Greek…),
    /// as a log-likelihood in nats like `other`: high when most letters are
    /// in such a script, low when they are Latin.
    pub script: f64,
    /// Which other language, when something says (ISO 639-1 where there is
    /// one, else 639-3).
    pub guess: Option<&'static str>,
    /// Letters looked at (URLs aside), in characters.
    pub letters: usize,
}

/// Evidence that `text` is English rather than French, as log-odds in nats
/// (positive: English, negative: French, 0: no evidence).
pub fn evidence(text: &str) -> f64 {
    judge(text).en_fr
}

/// Whether a letter is in Latin script (Basic Latin to Latin Extended-B and
/// Latin Extended Additional).
fn is_latin(c: char) -> bool {
    c < '\u{0250}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// The language evidence of a text: function words, script, whatlang.
pub fn judge(text: &str) -> Evidence {
    let text = crate::text::without_urls(text);
    let text = text.as_ref();
    let mut en_fr: f64 = 0.0;
    // Function words of English and of French; and for each other language,
    // its words that English and French lack, and the English and French
    // words it lacks (a word both have says nothing between them).
    let mut own_words = [0usize; words::OTHERS];
    // [English, French] words each other language lacks.
    let mut pair_words = [[0usize; words::OTHERS]; 2];
    let (mut letters, mut non_latin) = (0usize, 0usize);
    let longest = *words::LONGEST;
    let mut elision: Option<bool> = None;
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        if word.is_ascii() {
            letters += word.len();
        } else {
            letters += word.chars().count();
            non_latin += word.chars().filter(|&c| !is_latin(c)).count();
            // Letters only French uses.
            let french = |c: char| {
                matches!(
                    c.to_lowercase().next().unwrap_or(c),
                    'é' | 'è' | 'ê' | 'à' | 'ç' | 'ù' | 'û' | 'ô' | 'î' | 'œ'
                )
            };
            if word.chars().any(french) {
                en_fr -= 0.5;
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
        let mut langs = words::languages_of(&lower);
        if word.len() == 1
            && matches!(lower.as_str(), "l" | "d" | "j" | "n" | "s" | "c")
            && *elision.get_or_insert_with(|| text.contains(['’', '\'']))
        {
            langs |= words::FR;
        }
        let (en, fr) = (langs & words::EN != 0, langs & words::FR != 0);
        match (en, fr) {
            (true, false) => en_fr += 1.0,
            (false, true) => en_fr -= 1.0,
            _ => {}
        }
        for k in 0..words::OTHERS {
            let theirs = langs & (1 << (k + 2)) != 0;
            own_words[k] += usize::from(theirs && !en && !fr);
            pair_words[0][k] += usize::from(en && !theirs);
            pair_words[1][k] += usize::from(fr && !theirs);
        }
    }
    if letters == 0 {
        return Evidence {
            en_fr: 0.0,
            other: 0.0,
            script: 0.0,
            guess: None,
            letters: 0,
        };
    }
    // whatlang's confidence grows with length; scale so a long paragraph
    // weighs far more than a switch costs.
    let weight = (letters as f64 / 8.0).min(30.0);
    // A paragraph whose function words already decide by a wide margin needs
    // no n-gram model (most paragraphs of running text): whatlang costs more
    // than everything else in this stage.
    let mut restricted = 0.0;
    if en_fr.abs() < DECISIVE_FUNCTION_WORDS {
        restricted = DETECTOR.detect(text).map_or(0.0, |info| {
            let sign = if info.lang() == whatlang::Lang::Eng {
                1.0
            } else {
                -1.0
            };
            sign * info.confidence() * weight
        });
        en_fr += restricted;
    } else {
        en_fr *= 2.0;
    }
    // Another language is weighed against the likelier of English and
    // French: its own words against the words of that language it lacks
    // (words both have cancel out: `de`, `la`, `que` in Spanish).
    let x = usize::from(en_fr < 0.0);
    let best = (0..words::OTHERS)
        .max_by_key(|&k| {
            (
                own_words[k] as i64 - pair_words[x][k] as i64,
                std::cmp::Reverse(k),
            )
        })
        .unwrap_or(0);
    let (own, pair) = (own_words[best], pair_words[x][best]);
    let best_other = (own > 0).then(|| words::other_code(best));
    let mut other = en_fr.abs() / 2.0 + own as f64 - pair as f64;
    let mut guess = None;
    // Letters in another script than Latin (Cyrillic, Greek, Arabic…) say
    // "not English or French" whatever whatlang says of the language; Latin
    // letters say "not in that script", so a Latin line between two
    // Cyrillic blocks is not taken for Russian.
    let latin = letters - non_latin;
    let script = if non_latin * 2 > letters {
        guess = whatlang::detect(text).map(|info| iso639_1(info.lang()));
        other = -2.0 * weight;
        2.0 * weight + 2.0
    } else {
        -(latin as f64 / 2.0).min(2.0 * weight + 2.0)
    };
    if non_latin * 2 <= letters && ((own > 0 && own * 3 >= pair) || pair < UNDECIDED_PAIR_WORDS) {
        // Some words of another language, as many as a third of the English
        // or French ones it lacks, or too few words that tell (`Fuente:
        // Oficina de Prensa de la OTAN`, `Praktische informatie`, or a short
        // French sentence whose function words Italian or Spanish share
        // too): let whatlang, over all its languages, weigh in.
        match whatlang::detect(text) {
            Some(info) if !matches!(info.lang(), whatlang::Lang::Eng | whatlang::Lang::Fra) => {
                // Then whatlang restricted to English and French said only
                // which of the two the text is nearer: no evidence against
                // another language.
                other += info.confidence() * weight + restricted.abs() / 2.0;
                guess = Some(iso639_1(info.lang()));
            }
            Some(info) => other -= info.confidence() * weight,
            None => {}
        }
        // Where the function words of a listed language decide, they name
        // it better than trigrams (Dutch, not Afrikaans).
        if own >= 2 && own > pair {
            guess = best_other;
        }
        guess = guess.or(best_other);
    }
    Evidence {
        en_fr,
        other,
        script,
        guess,
        letters,
    }
}

/// The language whose function word a lower-case word is, when only one of
/// English and French has it (`the`, `les`; none for `a`, `on`).
pub fn function_word_language(lower: &str) -> Option<Lang> {
    let langs = words::languages_of(lower);
    match (langs & words::EN != 0, langs & words::FR != 0) {
        (true, false) => Some(Lang::En),
        (false, true) => Some(Lang::Fr),
        _ => None,
    }
}

/// Whether a lower-case word is a function word of English or French (`the`,
/// `shall`, `les`, `dans`): it goes with every other word and tells nothing
/// of which paragraph translates which.
pub fn is_function_word(lower: &str) -> bool {
    words::languages_of(lower) & (words::EN | words::FR) != 0
}

/// ISO 639-1 code of a whatlang language where there is one, else its
/// ISO 639-3 code.
fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang as W;
    match lang {
        W::Eng => "en",
        W::Fra => "fr",
        W::Deu => "de",
        W::Spa => "es",
        W::Ita => "it",
        W::Por => "pt",
        W::Nld => "nl",
        W::Pol => "pl",
        W::Rus => "ru",
        W::Ukr => "uk",
        W::Bel => "be",
        W::Bul => "bg",
        W::Srp => "sr",
        W::Mkd => "mk",
        W::Hrv => "hr",
        W::Slv => "sl",
        W::Ces => "cs",
        W::Slk => "sk",
        W::Hun => "hu",
        W::Ron => "ro",
        W::Ell => "el",
        W::Tur => "tr",
        W::Lit => "lt",
        W::Lav => "lv",
        W::Est => "et",
        W::Fin => "fi",
        W::Swe => "sv",
        W::Dan => "da",
        W::Nob => "nb",
        W::Cat => "ca",
        W::Kat => "ka",
        W::Hye => "hy",
        W::Aze => "az",
        W::Ara => "ar",
        W::Heb => "he",
        W::Pes => "fa",
        W::Cmn => "zh",
        W::Jpn => "ja",
        W::Kor => "ko",
        W::Lat => "la",
        W::Afr => "af",
        W::Cym => "cy",
        other => other.code(),
    }
}

/// The English name of a language code given by [`judge`] (`de` → German),
/// for messages; the code itself when unknown.
pub fn language_name(code: &str) -> String {
    whatlang::Lang::all()
        .iter()
        .find(|&&l| iso639_1(l) == code)
        .map_or_else(|| code.to_string(), |l| l.eng_name().to_string())
}

/// The classes of the smoothing model: English, French, and from `OTHER` on
/// another language, in Latin script (2) or in another script (3).
const EN: usize = 0;
const FR: usize = 1;
const OTHER: usize = 2;

/// Emission log-scores of the four classes for a paragraph's evidence.
fn emission(e: &Evidence) -> [f64; 4] {
    [e.en_fr / 2.0, -e.en_fr / 2.0, e.other, e.script]
}

/// Set `lang`, `other` and `confidence` on every text paragraph of a
/// document.
pub fn identify(paragraphs: &mut [Paragraph]) {
    let idx: Vec<usize> = (0..paragraphs.len())
        .filter(|&i| paragraphs[i].is_text())
        .collect();
    let ev: Vec<Evidence> = idx.iter().map(|&i| judge(&paragraphs[i].text)).collect();
    let kinds: Vec<ParagraphKind> = idx.iter().map(|&i| paragraphs[i].kind).collect();
    let emissions: Vec<[f64; 4]> = ev.iter().map(emission).collect();
    let labels = smooth(&emissions, &switch_costs(&kinds));
    let guesses = run_guesses(&labels, &ev);
    for (k, &i) in idx.iter().enumerate() {
        let (class, conf) = labels[k];
        let p = &mut paragraphs[i];
        p.lang = match class {
            EN => Some(Lang::En),
            FR => Some(Lang::Fr),
            _ => None,
        };
        p.other = (class >= OTHER).then(|| guesses[k].unwrap_or("und").to_string());
        p.confidence = conf as f32;
    }
}

/// Which other language each paragraph labelled "other" is in: its own guess
/// when it is long enough to trust, else the guess of its run (the one with
/// the most letters behind it), so a short line of a Russian block is Russian.
fn run_guesses(labels: &[(usize, f64)], ev: &[Evidence]) -> Vec<Option<&'static str>> {
    /// Letters from which a paragraph's own guess is trusted.
    const OWN_GUESS: usize = 80;
    let mut out = vec![None; labels.len()];
    let mut start = 0;
    while start < labels.len() {
        let mut end = start;
        while end < labels.len() && labels[end].0 == labels[start].0 {
            end += 1;
        }
        if labels[start].0 >= OTHER {
            let mut weight: Vec<(&'static str, usize)> = Vec::new();
            for e in &ev[start..end] {
                if let Some(g) = e.guess {
                    match weight.iter_mut().find(|(c, _)| *c == g) {
                        Some(w) => w.1 += e.letters,
                        None => weight.push((g, e.letters)),
                    }
                }
            }
            let run = weight.iter().max_by_key(|w| w.1).map(|w| w.0);
            for k in start..end {
                out[k] = match ev[k].guess {
                    Some(g) if ev[k].letters >= OWN_GUESS => Some(g),
                    _ => run,
                };
            }
        }
        start = end;
    }
    out
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

/// Hidden Markov model over a sequence of emission log-scores (one per class:
/// English, French and, when there are three, another language): Viterbi
/// labels with posterior confidences. `switch_cost[t]` is the cost, in nats,
/// of a change of class between paragraphs `t - 1` and `t` (see
/// [`switch_costs`]; missing entries cost the default); starting in, or
/// changing into, another language costs `OTHER_PRIOR` more.
pub fn smooth<const K: usize>(emissions: &[[f64; K]], switch_cost: &[f64]) -> Vec<(usize, f64)> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let cost = |t: usize| switch_cost.get(t).copied().unwrap_or(SWITCH_COST);
    // Starting in, or switching into, another language costs more.
    let prior = |s: usize| if s >= OTHER { -OTHER_PRIOR } else { 0.0 };
    // Transition into position t, from class a to class b.
    let trans = |t: usize, a: usize, b: usize| {
        if a == b { 0.0 } else { prior(b) - cost(t) }
    };
    let mut first = emissions[0];
    for (s, e) in first.iter_mut().enumerate() {
        *e += prior(s);
    }

    // Viterbi.
    let mut score = first;
    let mut back = vec![[0usize; K]; n];
    for t in 1..n {
        let mut next = [0.0; K];
        for s in 0..K {
            let (best_prev, best) = (0..K).map(|p| (p, score[p] + trans(t, p, s))).fold(
                (0, f64::NEG_INFINITY),
                |acc, x| if x.1 > acc.1 { x } else { acc },
            );
            back[t][s] = best_prev;
            next[s] = best + emissions[t][s];
        }
        score = next;
    }
    let mut state = (0..K).fold(0, |best, s| if score[s] > score[best] { s } else { best });
    let mut path = vec![0usize; n];
    for t in (0..n).rev() {
        path[t] = state;
        state = back[t][state];
    }

    // Forward–backward for posteriors.
    let lse = |xs: [f64; K]| {
        let m = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        m + xs.iter().map(|x| (x - m).exp()).sum::<f64>().ln()
    };
    let mut fwd = vec![[0.0f64; K]; n];
    fwd[0] = first;
    for t in 1..n {
        for s in 0..K {
            let mut from = [0.0; K];
            for (p, f) in from.iter_mut().enumerate() {
                *f = fwd[t - 1][p] + trans(t, p, s);
            }
            fwd[t][s] = emissions[t][s] + lse(from);
        }
    }
    let mut bwd = vec![[0.0f64; K]; n];
    for t in (0..n - 1).rev() {
        for s in 0..K {
            let mut to = [0.0; K];
            for (q, v) in to.iter_mut().enumerate() {
                *v = trans(t + 1, s, q) + emissions[t + 1][q] + bwd[t + 1][q];
            }
            bwd[t][s] = lse(to);
        }
    }
    path.iter()
        .enumerate()
        .map(|(t, &s)| {
            let mut joint = [0.0; K];
            for (q, j) in joint.iter_mut().enumerate() {
                *j = fwd[t][q] + bwd[t][q];
            }
            let total = lse(joint);
            (s, (joint[s] - total).exp())
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

    /// The classes the model gives paragraphs with these English-or-French
    /// log-odds and no sign of another language.
    fn langs(ev: &[f64]) -> Vec<Lang> {
        let emissions: Vec<[f64; 4]> = ev
            .iter()
            .map(|&en_fr| {
                emission(&Evidence {
                    en_fr,
                    other: en_fr.abs() / 2.0 - 10.0,
                    script: -10.0,
                    guess: None,
                    letters: 1,
                })
            })
            .collect();
        smooth(&emissions, &[])
            .into_iter()
            .map(|(class, _)| if class == EN { Lang::En } else { Lang::Fr })
            .collect()
    }

    #[test]
    fn short_lines_take_the_language_of_their_run() {
        let ev = [-20.0, 0.3, -15.0, -18.0];
        let langs = langs(&ev);
        assert_eq!(langs, [Lang::Fr; 4]);
    }

    #[test]
    fn a_real_switch_is_kept() {
        let ev = [20.0, 25.0, 0.5, -20.0, -22.0];
        let langs = langs(&ev);
        assert_eq!(langs, [Lang::En, Lang::En, Lang::En, Lang::Fr, Lang::Fr]);
    }

    #[test]
    fn interleaved_paragraphs_are_kept_apart() {
        let ev = [20.0, -20.0, 22.0, -25.0];
        let langs = langs(&ev);
        assert_eq!(langs, [Lang::En, Lang::Fr, Lang::En, Lang::Fr]);
    }
}

#[cfg(test)]
mod evaluation;

//! After the dynamic program: each pair's score ([`score::Evidence`]) from
//! its lengths, cues and keys, its rivals, its neighbours and the words of
//! the document pair; then the pairs more likely wrong than right split.

use super::{AlignedUnit, Method, cues, dp, lexical, score};
use crate::document::{NumberKey, Paragraph};

/// Score every pair of `units` (items and paragraphs of each side, as
/// aligned).
pub(super) fn score(
    units: &mut [AlignedUnit],
    en_items: &[dp::Item<'_>],
    fr_items: &[dp::Item<'_>],
    en: &[Paragraph],
    fr: &[Paragraph],
) {
    // Scores from the items' lengths, cues and keys.
    for unit in units.iter_mut().filter(|u| u.is_pair()) {
        let (ek, fk) = (keys(en_items, &unit.en), keys(fr_items, &unit.fr));
        let keyed = ek.iter().any(|k| fk.contains(k));
        // Labels that differ as printed (`3` against `4`), whatever their
        // context: a context can differ on a right pair (a heading missing on
        // one side).
        let last = |k: &&NumberKey| k.as_str().rsplit(' ').next().map(str::to_owned);
        let (el, fl): (Vec<_>, Vec<_>) =
            (ek.iter().map(last).collect(), fk.iter().map(last).collect());
        let conflict = !el.is_empty() && !fl.is_empty() && !el.iter().any(|l| fl.contains(l));
        let evidence = score::Evidence::of(
            &parts(en_items, &unit.en),
            &parts(fr_items, &unit.fr),
            keyed,
            conflict,
        );
        unit.evidence = Some(evidence);
    }
    rivals(units, en_items, fr_items);
    // Then the context: one-sided units next to each pair.
    for k in 0..units.len() {
        let one_sided =
            |j: Option<usize>| j.and_then(|j| units.get(j)).is_some_and(|u| !u.is_pair());
        let lonely = u8::from(one_sided(k.checked_sub(1))) + u8::from(one_sided(Some(k + 1)));
        let before = units[..k].iter().rev().take_while(|u| !u.is_pair()).count();
        let after = units[k + 1..].iter().take_while(|u| !u.is_pair()).count();
        if let Some(e) = units[k].evidence.as_mut() {
            e.lonely = lonely;
            e.island = before.min(after);
            units[k].score = e.probability();
        }
    }
    score_words(units, en, fr);
}

/// Set each 1-1 pair's margin over its rivals ([`score::Evidence::rival`]):
/// the aligner's cost of pairing its English paragraph with each French
/// paragraph near its own, and its French one with each English paragraph
/// near, against its own pairing's.
fn rivals(units: &mut [AlignedUnit], en: &[dp::Item<'_>], fr: &[dp::Item<'_>]) {
    let cost = |i: usize, j: usize| {
        dp::pair_cost(
            &en[i..=i],
            &fr[j..=j],
            &en[i].cues,
            &fr[j].cues,
            f64::INFINITY,
        )
        .0
    };
    for u in units.iter_mut() {
        let (&[i], &[j]) = (u.en.as_slice(), u.fr.as_slice()) else {
            continue;
        };
        let own = cost(i, j);
        let near = |k: usize, len: usize| {
            (k.saturating_sub(score::RIVALS)..(k + score::RIVALS + 1).min(len))
                .filter(move |&x| x != k)
        };
        let best_rival = near(j, fr.len())
            .map(|j2| cost(i, j2))
            .chain(near(i, en.len()).map(|i2| cost(i2, j)))
            .fold(f64::INFINITY, f64::min);
        if let Some(e) = u.evidence.as_mut() {
            if best_rival.is_finite() {
                e.rival = best_rival - own;
            }
        }
    }
}

/// Pairs scoring this or more (before the words of the document are weighed)
/// teach which words go with which.
const LEARN_FROM: f64 = 0.9;

/// Weigh the words of the document pair in each pair's score: associations
/// are learnt from the 1-1 pairs already scoring [`LEARN_FROM`] or more, and
/// each pair is judged by how well its French side holds the associates of
/// its English words ([`lexical`]).
fn score_words(units: &mut [AlignedUnit], en: &[Paragraph], fr: &[Paragraph]) {
    let en_words: Vec<Vec<lexical::Word>> = en.iter().map(|p| lexical::words(&p.text)).collect();
    let fr_words: Vec<Vec<lexical::Word>> = fr.iter().map(|p| lexical::words(&p.text)).collect();
    let side_words = |words: &[Vec<lexical::Word>], idx: &[usize]| -> Vec<lexical::Word> {
        let mut w: Vec<lexical::Word> =
            idx.iter().flat_map(|&i| words[i].iter().copied()).collect();
        w.sort_unstable();
        w.dedup();
        w
    };
    let pairs: Vec<(usize, Vec<lexical::Word>, Vec<lexical::Word>, bool)> = units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.is_pair())
        .map(|(k, u)| {
            let learnt = u.en.len() == 1 && u.fr.len() == 1 && u.score >= LEARN_FROM;
            (
                k,
                side_words(&en_words, &u.en),
                side_words(&fr_words, &u.fr),
                learnt,
            )
        })
        .collect();
    let associations = lexical::Associations::learn(
        pairs
            .iter()
            .filter(|p| p.3)
            .map(|p| (p.1.as_slice(), p.2.as_slice())),
    );
    for (k, e, f, learnt) in &pairs {
        let own = learnt.then_some((e.as_slice(), f.as_slice()));
        let (mean, known) = associations.support_without(e, f, own);
        let unit = &units[*k];
        // Rival pairings of a 1-1 pair: each side with a neighbour of the
        // other, judged on the same counts (the pair's own left out).
        let rival = match (unit.en.as_slice(), unit.fr.as_slice()) {
            // With no English word judged the margin weighs nothing.
            (&[i], &[j]) if known > 0 => {
                let near = |k: usize, len: usize| {
                    (k.saturating_sub(score::LEXICAL_RIVALS)
                        ..(k + score::LEXICAL_RIVALS + 1).min(len))
                        .filter(move |&x| x != k)
                };
                near(j, fr.len())
                    .map(|j2| associations.support_without(e, &fr_words[j2], own).0)
                    .chain(
                        near(i, en.len())
                            .map(|i2| associations.support_without(&en_words[i2], f, own).0),
                    )
                    .fold(0.0, f64::max)
            }
            _ => mean,
        };
        if let Some(ev) = units[*k].evidence.as_mut() {
            ev.lexical = mean;
            ev.lexical_words = known;
            ev.lexical_rival = mean - rival;
            units[*k].score = ev.probability();
        }
    }
}

/// The cues and lengths of a unit's items on one side.
fn parts<'a>(items: &'a [dp::Item<'_>], idx: &[usize]) -> Vec<(&'a cues::Cues, usize)> {
    idx.iter()
        .map(|&i| (&items[i].cues, items[i].len))
        .collect()
}

/// The number keys of a unit's items on one side.
fn keys<'a>(items: &[dp::Item<'a>], idx: &[usize]) -> Vec<&'a NumberKey> {
    idx.iter().filter_map(|&i| items[i].key).collect()
}

/// Write each 1-1 pair the aligner found (not one the user forced) whose
/// score is below `below` as two one-sided units: such a pair is more likely
/// two texts that are not each other's translation (a replaced paragraph, a
/// translator's note) than a pair, and a translation memory is better
/// without it.
pub(super) fn split_weak_pairs(units: Vec<AlignedUnit>, below: f64) -> Vec<AlignedUnit> {
    let mut out = Vec::with_capacity(units.len());
    for u in units {
        let weak = u.en.len() == 1 && u.fr.len() == 1 && u.method != Method::Forced;
        if !weak || u.score >= below {
            out.push(u);
            continue;
        }
        let note = |other: &str| {
            Some(format!(
                "no {other} counterpart found (the likeliest scored {:.2})",
                u.score
            ))
        };
        out.push(AlignedUnit {
            en: u.en.clone(),
            fr: Vec::new(),
            score: 0.0,
            method: Method::Dp,
            note: note("French"),
            evidence: None,
        });
        out.push(AlignedUnit {
            en: Vec::new(),
            fr: u.fr,
            score: 0.0,
            method: Method::Dp,
            note: note("English"),
            evidence: None,
        });
    }
    out
}

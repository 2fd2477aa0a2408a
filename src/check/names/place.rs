//! Where a name stands: the anchors two sides agree on (names and numbers
//! standing once on each side, in the same order) and how far a name on one
//! side stands from a name on the other between them, so that only a name
//! in the same place can be what replaced it.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::side::Side;
use super::{Item, What};
use crate::document::Lang;

/// How far apart (fraction of each side's words) a name and its replacement
/// may stand when the sides' sentences do not correspond: translations move
/// words, not across the paragraph.
const POSITION_TOLERANCE: f64 = 0.25;

/// How far apart in their sentence (fraction of its words) a name and its
/// replacement may stand: French moves a name from the middle of a short
/// sentence to its end (`agreed with Mr Stoltenberg on the way ahead` /
/// `la voie tracée par M. Rutte`).
const SENTENCE_TOLERANCE: f64 = 0.5;

/// Anchors this many words or fewer from a name do not place it.
const ANCHOR_SLACK: usize = 3;

/// Names and numbers standing once on each side (a lexicon entity, a
/// learned name, the same number), in an order both sides agree on: the
/// fixed points between which a replaced name must stand in both. As (English
/// word, French word) indices. Common words are no anchors: clauses move
/// around them in translation (`the peoples of the United Nations have in the
/// Charter` / `dans la Charte les peuples des Nations Unies`).
pub(super) fn anchors(sides: &[Side; 2], items: &[Item]) -> Vec<(usize, usize)> {
    let keys = |lang: Lang, side: &Side| -> FxHashMap<String, (usize, usize)> {
        let mut out: FxHashMap<String, (usize, usize)> = FxHashMap::default();
        for it in items
            .iter()
            .filter(|i| i.lang == lang && !i.missing && !i.demonym)
        {
            let key = match &it.what {
                What::Lexicon(id) => format!("@{}", id.0),
                What::Learned(k) => format!("={k}"),
                What::Unknown(_) => continue,
            };
            out.insert(key, (it.runs.len(), it.runs[0].start));
        }
        for (i, w) in side.words.iter().enumerate() {
            if !w.lexicon && w.text.chars().any(char::is_numeric) {
                let e = out.entry(format!("#{}", w.text)).or_insert((0, i));
                e.0 += 1;
            }
        }
        out
    };
    let (e, f) = (keys(Lang::En, &sides[0]), keys(Lang::Fr, &sides[1]));
    let mut pairs: Vec<(usize, usize)> = e
        .iter()
        .filter_map(|(k, &(n, i))| match f.get(k) {
            Some(&(1, j)) if n == 1 => Some((i, j)),
            _ => None,
        })
        .collect();
    pairs.sort_unstable();
    longest_increasing(&pairs)
}

/// The longest run of `pairs` (sorted by their first) increasing in their
/// second too.
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // Patience sorting with back links: O(n log n).
    let mut tails: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].1 < j);
        if at > 0 {
            back[k] = Some(tails[at - 1]);
        }
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut out = Vec::new();
    let mut k = tails.last().copied();
    while let Some(i) = k {
        out.push(pairs[i]);
        k = back[i];
    }
    out.reverse();
    out
}

/// How far apart an English and a French name stand (the closest of their
/// occurrences), when they may stand in the same place: between the same
/// anchors, and, when both sides have as many sentences, in the same sentence
/// and within half of it ([`SENTENCE_TOLERANCE`]), else within
/// [`POSITION_TOLERANCE`] of the whole text.
pub(super) fn distance(
    sides: &[Side; 2],
    anchors: &[(usize, usize)],
    a: &Item,
    b: &Item,
) -> Option<f64> {
    let (en, fr) = (&sides[0], &sides[1]);
    let by_sentence = en.sentences == fr.sentences;
    let tolerance = if by_sentence {
        SENTENCE_TOLERANCE
    } else {
        POSITION_TOLERANCE
    };
    let mut best: Option<f64> = None;
    for ra in &a.runs {
        for rb in &b.runs {
            let (sa, sb) = (en.words[ra.start].sentence, fr.words[rb.start].sentence);
            if by_sentence && sa != sb {
                continue;
            }
            // Next to the name, order is the languages' own (`NATO
            // Integrated … Centre` / `Centre OTAN intégré`).
            let near = |i: usize, r: &Range<usize>| {
                i + ANCHOR_SLACK >= r.start && i < r.end + ANCHOR_SLACK
            };
            let between = anchors
                .iter()
                .all(|&(i, j)| (i < ra.start) == (j < rb.start) || near(i, ra) || near(j, rb));
            let d = (en.position(ra, by_sentence) - fr.position(rb, by_sentence)).abs();
            if between && d <= tolerance && best.is_none_or(|b| d < b) {
                best = Some(d);
            }
        }
    }
    best
}

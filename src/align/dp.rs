//! The banded dynamic program that aligns two sequences of texts (paragraphs,
//! or sentences inside a paragraph pair).
//!
//! Moves (beads): 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2. The cost of a bead, in nats,
//! is its prior, the Gale–Church length term, and content cues: shared numbers
//! and entities lower it, numbers and entities on one side only raise it
//! (capped, so one number cannot outweigh everything else), cognates lower it,
//! and matching printed number keys lower it by a fixed amount — an anchor is a
//! strong hint, verified by everything else rather than obeyed.
//!
//! The band follows a guide path (the chain of number anchors, else the
//! diagonal): each row keeps the cells within `BAND` of the guide, plus the
//! local gap between guide points, so time and memory are linear in the length
//! for a fixed band. Backpointers take one byte per cell; costs keep three rows.

use std::ops::Range;

use super::cues::{Cues, agreement};
use crate::document::NumberKey;

/// One text to align.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    /// Length in characters.
    pub len: usize,
    /// Content cues.
    pub cues: Cues,
    /// Printed number key, if any.
    pub key: Option<&'a NumberKey>,
    /// A title, heading or metadata line: merged only with its own kind.
    pub heading: bool,
}

impl<'a> Item<'a> {
    /// An item for `text` with its key.
    pub fn new(text: &str, key: Option<&'a NumberKey>) -> Self {
        Item {
            len: text.chars().count(),
            cues: Cues::new(text),
            key,
            heading: false,
        }
    }

    /// Mark the item as a title, heading or metadata line.
    pub fn heading(mut self, heading: bool) -> Self {
        self.heading = heading;
        self
    }
}

/// One bead of the alignment: English items `en` with French items `fr`
/// (either may be empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Bead {
    /// Range of English items.
    pub en: Range<usize>,
    /// Range of French items.
    pub fr: Range<usize>,
    /// Whether printed number keys matched inside the bead.
    pub keyed: bool,
}

/// (English items, French items, prior probability).
const MOVES: &[(usize, usize, f64)] = &[
    (1, 1, 0.89),
    (1, 0, 0.01),
    (0, 1, 0.01),
    (2, 1, 0.045),
    (1, 2, 0.045),
    // Two paragraphs split differently on each side: rare between
    // paragraphs, and a cheap way to glue an unrelated paragraph to a pair.
    (2, 2, 0.001),
];

/// Half-width of the band around the guide path, in items.
pub const BAND: usize = 30;
/// Most extra width given for sides of unequal length between guide points.
pub const MAX_EXTRA: usize = 60;
/// Cells the band may grow by to follow where one side stops being
/// translated (see `band`): beyond this the band keeps to the line.
pub const TRUNCATION_BUDGET: usize = 4_000_000;

/// Expected French characters per English character, and the variance per
/// character of the difference (Gale & Church 1993).
const RATIO: f64 = 1.12;
const VARIANCE: f64 = 6.8;
/// Standard deviation of the length ratio itself, relative (6%).
const RELATIVE_SPREAD: f64 = 0.06;

/// Nats gained when printed number keys match in a bead.
const KEY_BONUS: f64 = 3.0;
/// Nats added to a merge of a heading (or metadata line) with running text.
const MIXED_MERGE_PENALTY: f64 = 5.0;
/// Nats per shared strong cue (numbers, entities), and the cap.
const STRONG_BONUS: f64 = 1.5;
const STRONG_BONUS_CAP: f64 = 9.0;
/// Nats per strong cue on one side only, and the cap.
const STRONG_PENALTY: f64 = 1.0;
const STRONG_PENALTY_CAP: f64 = 6.0;
/// Nats per unit of cognate Dice coefficient above the chance level.
const COGNATE_WEIGHT: f64 = 8.0;
const COGNATE_CHANCE: f64 = 0.08;
/// Contradiction: two texts with content words on both sides that share
/// (almost) none are different texts, however well their lengths agree.
/// The cognate Dice coefficient of translations is about this…
const TRANSLATION_DICE: f64 = 0.33;
/// …and that of unrelated texts of the same field this, plus the chance
/// collisions of the two signatures (which grow with their size)…
const UNRELATED_DICE: f64 = 0.04;
/// …and cognates contradict a pair when its Dice coefficient is nearer the
/// unrelated than the translation level: below this share of the way…
const CONTRADICTING_SHARE: f64 = 0.3;
/// …by up to this many nats per content word on the poorer side…
const CONTRADICTION_PER_WORD: f64 = 0.75;
/// …counting at most this many words (the cost is capped)…
const CONTRADICTION_WORDS: f64 = 20.0;
/// …from this many content words on each side (fewer say nothing).
const CONTRADICTION_MIN_WORDS: u32 = 3;
/// Nats added when the two sides name two numbers or entities or more, and
/// share none: translations keep numbers and names (NATO/OTAN).
const DISJOINT_STRONG_PENALTY: f64 = 3.0;
/// Nats added per paragraph of a merge that shares nothing with the other
/// side: a merge stands for a paragraph split in two, whose parts both carry
/// its content; a part with none (`Now, therefore,`, a translator's note) is
/// a one-sided unit, not half of a pair.
const EMPTY_PART_PENALTY: f64 = 3.0;

/// Standard normal upper tail (Abramowitz–Stegun erfc approximation).
fn normal_tail(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = -x * x - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    0.5 * t * poly.exp()
}

/// Gale–Church probability that texts of these lengths are translations.
pub fn length_probability(en: usize, fr: usize) -> f64 {
    let (en, fr) = (en as f64, fr as f64);
    let mean = (en + fr / RATIO) / 2.0;
    if mean <= 0.0 {
        return 1.0;
    }
    // Gale–Church's variance grows with length; a relative term keeps very
    // long paragraphs (a whole page without breaks) from looking like
    // mismatches when their ratio is a few percent off.
    let variance = VARIANCE * mean + (RELATIVE_SPREAD * mean).powi(2);
    let delta = (fr - en * RATIO) / variance.sqrt();
    (2.0 * normal_tail(delta)).clamp(0.0, 1.0)
}

/// Cost of pairing English items `en` with French items `fr` (both non-empty).
/// `ec`/`fc` are the cues of `en`/`fr` taken together. A cost that reaches
/// `bound` (the most it could cost and still be chosen) may be returned
/// before the parts of a merge are judged: they only add to it.
pub(crate) fn pair_cost(
    en: &[Item<'_>],
    fr: &[Item<'_>],
    ec: &Cues,
    fc: &Cues,
    bound: f64,
) -> (f64, bool) {
    let le: usize = en.iter().map(|i| i.len).sum();
    let lf: usize = fr.iter().map(|i| i.len).sum();
    let mut cost = -length_probability(le, lf).max(1e-30).ln();
    let a = agreement(ec, fc);
    cost -= (STRONG_BONUS * a.strong_shared as f64).min(STRONG_BONUS_CAP);
    cost += (STRONG_PENALTY * a.strong_only as f64).min(STRONG_PENALTY_CAP);
    cost -= COGNATE_WEIGHT * (a.cognates - COGNATE_CHANCE);
    let contradicted = contradiction(ec, fc, &a);
    cost += contradicted;
    // A heading or dateline glued to a paragraph is not a split paragraph.
    let mixed =
        |items: &[Item<'_>]| items.len() > 1 && items.iter().any(|i| i.heading != items[0].heading);
    if mixed(en) || mixed(fr) {
        cost += MIXED_MERGE_PENALTY;
    }
    let keyed = en
        .iter()
        .filter_map(|i| i.key)
        .any(|k| fr.iter().any(|f| f.key == Some(k)));
    // Matching numbers vouch for a pair only when its content does not say
    // it is two different texts.
    if keyed && contradicted < KEY_BONUS {
        cost -= KEY_BONUS;
    }
    if en.len() + fr.len() > 2 && cost < bound {
        for (part, other) in en.iter().map(|i| (i, fc)).chain(fr.iter().map(|i| (i, ec))) {
            cost += part_contradiction(&part.cues, other);
        }
    }
    (cost, keyed)
}

/// How much two texts' cues say they are different texts, in nats: content
/// words on both sides but (almost) no cognates among them, and numbers or
/// entities on both sides but none shared.
pub fn contradiction(en: &Cues, fr: &Cues, a: &super::cues::Agreement) -> f64 {
    let mut cost = 0.0;
    let words = en.weak_bits.min(fr.weak_bits);
    if words >= CONTRADICTION_MIN_WORDS {
        let (be, bf) = (f64::from(en.weak_bits), f64::from(fr.weak_bits));
        let bits = (super::cues::WEAK_WORDS * 64) as f64;
        let unrelated = UNRELATED_DICE + 2.0 * (be * bf / bits) / (be + bf);
        let share = (a.cognates - unrelated) / (TRANSLATION_DICE - unrelated).max(0.05);
        if share < CONTRADICTING_SHARE {
            let shortfall = ((CONTRADICTING_SHARE - share) / CONTRADICTING_SHARE).min(1.0);
            cost += shortfall * CONTRADICTION_PER_WORD * f64::from(words).min(CONTRADICTION_WORDS);
        }
    }
    if a.strong_shared == 0 && en.strong.len() + fr.strong.len() >= 2 {
        cost += DISJOINT_STRONG_PENALTY;
    }
    cost
}

/// How much one paragraph of a merge says it does not belong to the pair, in
/// nats: the share of its content words with cognates on the other side is
/// nearer the unrelated than the translation level (as in
/// [`contradiction`], but measured on the part alone, since the other side
/// is larger); a part too short to measure costs [`EMPTY_PART_PENALTY`]
/// when it shares nothing at all.
pub(crate) fn part_contradiction(part: &Cues, other: &Cues) -> f64 {
    let a = agreement(part, other);
    if part.weak_bits < CONTRADICTION_MIN_WORDS {
        return if a.strong_shared == 0 && a.cognates == 0.0 {
            EMPTY_PART_PENALTY
        } else {
            0.0
        };
    }
    let (bp, bo) = (f64::from(part.weak_bits), f64::from(other.weak_bits));
    let bits = (super::cues::WEAK_WORDS * 64) as f64;
    // Shared signature bits, as a share of the part's.
    let covered = a.cognates * (bp + bo) / 2.0 / bp;
    let unrelated = UNRELATED_DICE + bo / bits;
    let share = (covered - unrelated) / (TRANSLATION_DICE - unrelated).max(0.05);
    if share >= CONTRADICTING_SHARE || a.strong_shared > 0 {
        return 0.0;
    }
    let shortfall = ((CONTRADICTING_SHARE - share) / CONTRADICTING_SHARE).min(1.0);
    shortfall * CONTRADICTION_PER_WORD * bp.min(CONTRADICTION_WORDS)
}

/// Whether a number anchor's two paragraphs agree in content well enough to
/// guide the band: lengths not wildly off, and, when they name numbers or
/// entities, at least one shared. Anchors that fail stay hints inside the
/// dynamic program (the key bonus) but do not steer it.
pub fn plausible_anchor(en: &Item<'_>, fr: &Item<'_>) -> bool {
    let a = agreement(&en.cues, &fr.cues);
    length_probability(en.len, fr.len) >= 1e-3 && !(a.strong_shared == 0 && a.strong_only >= 2)
}

/// The band of each row: the column range kept for row `i`.
///
/// Between two guide points the band follows the line joining them. Where
/// the two sides of a segment differ in length, the path is often not that
/// line but an elbow: the two sides go on together from the first point
/// until one of them stops being translated, then the rest of the other is
/// one-sided (a truncated or partly translated document); or one side starts
/// late. So each row also takes in, within [`TRUNCATION_BUDGET`] extra cells
/// in all, the diagonals leaving the first point and reaching the second.
fn band(n: usize, m: usize, guide: &[(usize, usize)]) -> Vec<Range<usize>> {
    let line = line_band(n, m, guide, false);
    let elbow = line_band(n, m, guide, true);
    let extra: usize = line
        .iter()
        .zip(&elbow)
        .map(|(l, e)| e.len().saturating_sub(l.len()))
        .sum();
    if extra <= TRUNCATION_BUDGET {
        elbow
    } else {
        line
    }
}

/// The band along the guide's lines, and with `elbows` the diagonals out of
/// and into each guide point too (see [`band`]).
fn line_band(n: usize, m: usize, guide: &[(usize, usize)], elbows: bool) -> Vec<Range<usize>> {
    let mut points: Vec<(usize, usize)> = Vec::with_capacity(guide.len() + 2);
    points.push((0, 0));
    for &(i, j) in guide {
        let &(pi, pj) = points.last().unwrap_or(&(0, 0));
        if i > pi && j > pj && i <= n && j <= m {
            points.push((i, j));
        }
    }
    points.push((n, m));
    let mut rows = Vec::with_capacity(n + 1);
    let mut seg = 0;
    for i in 0..=n {
        while seg + 2 < points.len() && points[seg + 1].0 < i {
            seg += 1;
        }
        let (a, b) = (points[seg], points[seg + 1]);
        let (di, dj) = (b.0 - a.0, b.1.saturating_sub(a.1));
        let center = ((i - a.0) * dj).checked_div(di).map_or(b.1, |d| a.1 + d);
        // The full band even between close anchors: an anchor can be wrong
        // (numbering shifted), and the content must be able to overrule it.
        // The extra width for unequal sides is capped so a document pair with
        // no anchors and very different lengths stays linear (the path may
        // then leave the diagonal by at most BAND + MAX_EXTRA paragraphs).
        let width = BAND + di.abs_diff(dj).min(MAX_EXTRA);
        let (mut lo, mut hi) = (center, center);
        if elbows {
            // On the diagonal out of `a`, and on the one into `b`.
            let out_of_a = (a.1 + (i - a.0)).min(b.1);
            let into_b = b.1.saturating_sub(b.0 - i).max(a.1);
            lo = lo.min(out_of_a).min(into_b);
            hi = hi.max(out_of_a).max(into_b);
        }
        let lo = lo.saturating_sub(width).min(m);
        let hi = (hi + width).min(m);
        rows.push(lo..hi + 1);
    }
    rows
}

/// Align two sequences. `guide` is a monotone list of (English, French) item
/// index pairs the band follows (anchors); it may be empty.
pub fn align_items(en: &[Item<'_>], fr: &[Item<'_>], guide: &[(usize, usize)]) -> Vec<Bead> {
    let (n, m) = (en.len(), fr.len());
    if n == 0 || m == 0 {
        return (0..n)
            .map(|i| Bead {
                en: i..i + 1,
                fr: 0..0,
                keyed: false,
            })
            .chain((0..m).map(|j| Bead {
                en: 0..0,
                fr: j..j + 1,
                keyed: false,
            }))
            .collect();
    }
    let rows = band(n, m, guide);
    // The cues of each item and of each two consecutive items, merged once
    // (2-1, 1-2 and 2-2 beads would otherwise merge them in every cell).
    let pairs = |items: &[Item<'_>]| -> Vec<Cues> {
        items
            .windows(2)
            .map(|w| Cues::merged(&[&w[0].cues, &w[1].cues]))
            .collect()
    };
    let (en2, fr2) = (pairs(en), pairs(fr));
    let en_cues = |start: usize, count: usize| {
        if count == 2 {
            &en2[start]
        } else {
            &en[start].cues
        }
    };
    let fr_cues = |start: usize, count: usize| {
        if count == 2 {
            &fr2[start]
        } else {
            &fr[start].cues
        }
    };
    let mut offsets = Vec::with_capacity(n + 2);
    let mut total = 0;
    for r in &rows {
        offsets.push(total);
        total += r.len();
    }
    let mut back = vec![u8::MAX; total];
    // Rolling costs for rows i-2, i-1, i.
    let mut cost: [Vec<f64>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    let omission = |prior: f64| -prior.ln();
    for i in 0..=n {
        let row = rows[i].clone();
        let cur = i % 3;
        cost[cur].clear();
        cost[cur].resize(row.len(), f64::INFINITY);
        for j in row.clone() {
            let c = j - row.start;
            if i == 0 && j == 0 {
                cost[cur][c] = 0.0;
                continue;
            }
            let mut best = f64::INFINITY;
            let mut best_move = u8::MAX;
            for (k, &(di, dj, prior)) in MOVES.iter().enumerate() {
                if di > i || dj > j {
                    continue;
                }
                let (pi, pj) = (i - di, j - dj);
                if !rows[pi].contains(&pj) {
                    continue;
                }
                let prev = cost[pi % 3][pj - rows[pi].start];
                if !prev.is_finite() {
                    continue;
                }
                let step = if di == 0 || dj == 0 {
                    // An omission has no length to match: its prior alone.
                    omission(prior)
                } else {
                    let bead = -prior.ln();
                    let bound = best - prev - bead;
                    bead + pair_cost(
                        &en[pi..i],
                        &fr[pj..j],
                        en_cues(pi, di),
                        fr_cues(pj, dj),
                        bound,
                    )
                    .0
                };
                if prev + step < best {
                    best = prev + step;
                    best_move = k as u8;
                }
            }
            cost[cur][c] = best;
            back[offsets[i] + c] = best_move;
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Some(&(di, dj, _)) = rows[i]
            .contains(&j)
            .then(|| back[offsets[i] + j - rows[i].start])
            .and_then(|k| MOVES.get(k as usize))
        else {
            break;
        };
        let keyed = di > 0
            && dj > 0
            && pair_cost(
                &en[i - di..i],
                &fr[j - dj..j],
                en_cues(i - di, di),
                fr_cues(j - dj, dj),
                f64::INFINITY,
            )
            .1;
        beads.push(Bead {
            en: i - di..i,
            fr: j - dj..j,
            keyed,
        });
        (i, j) = (i - di, j - dj);
    }
    beads.reverse();
    beads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gale_church_probability() {
        assert!(length_probability(100, 112) > 0.9);
        assert!(length_probability(100, 300) < 0.01);
    }

    #[test]
    fn band_follows_the_guide() {
        let rows = band(100, 100, &[(50, 60)]);
        assert!(rows[50].contains(&60));
        assert!(rows[0].contains(&0) && rows[100].contains(&100));
        // The line's width (BAND plus the 10 by which the sides differ), and
        // the elbows, which leave the line by at most those 10.
        assert!(rows.iter().all(|r| r.len() <= 2 * (BAND + 10) + 10 + 1));
    }

    #[test]
    fn band_reaches_where_one_side_stops() {
        // The guide ends at (12, 12); the English side stops one paragraph
        // later while the French goes on for 97 more: the pair (12, 12) to
        // (13, 13) must be inside the band, not only the line to (13, 110).
        let rows = band(13, 110, &[(12, 12)]);
        assert!(rows[13].contains(&13), "{:?}", rows[13]);
        // Sides of equal length: no wider than the line.
        let rows = band(100, 100, &[]);
        assert!(rows.iter().all(|r| r.len() <= 2 * BAND + 1));
    }
}

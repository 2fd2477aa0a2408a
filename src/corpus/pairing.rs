//! Document pairing: which French document is the translation of which
//! English one, across an archive, in time linear in its size.
//!
//! Input: [`LangDoc`]s with their features (numbers as a bottom-k sketch,
//! EN↔FR entities, counts, lengths). Output: [`DocPair`]s, each English
//! document with its best French document scoring at least
//! [`PAIRING_THRESHOLD`]. Candidates come from an inverted index of the
//! features, read rarest first within a budget, so no document is compared
//! with all the others.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::LangDoc;
use crate::document::{Lang, Paragraph};
use crate::hash::stable_hash;
use crate::lexicon;
use crate::text::letters;

/// What identifies a text across its translation.
#[derive(Debug, Clone, Default)]
pub(super) struct Features {
    /// Bottom-k sketch of the numbers of two digits or more: the
    /// [`NUMBER_SKETCH`] smallest of their 32-bit hashes, sorted, distinct;
    /// every number's hash when there are fewer. Memory per document is
    /// bounded whatever its length.
    pub(super) numbers: Vec<u32>,
    /// How many distinct numbers the document holds.
    number_count: usize,
    /// Entities of the EN↔FR tables, sorted, distinct.
    entities: Vec<u16>,
    keys: usize,
    paragraphs: usize,
    letters: usize,
}

pub(super) fn features<'a>(paragraphs: impl Iterator<Item = &'a Paragraph>) -> Features {
    let mut f = Features::default();
    for p in paragraphs {
        f.paragraphs += 1;
        f.keys += usize::from(p.key.is_some());
        f.letters += letters(&p.text);
        for t in p
            .text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| t.len() >= 2)
        {
            f.numbers
                .push((stable_hash(&[t.trim_start_matches('0')]) >> 32) as u32);
        }
        f.entities
            .extend(lexicon::entities(&p.text).into_iter().map(|e| e.0));
    }
    f.numbers.sort_unstable();
    f.numbers.dedup();
    f.number_count = f.numbers.len();
    f.numbers.truncate(NUMBER_SKETCH);
    f.numbers.shrink_to_fit();
    f.entities.sort_unstable();
    f.entities.dedup();
    f
}

/// Size of the bottom-k sketch of a document's numbers: the Jaccard
/// similarity of two long documents' numbers is estimated from it with a
/// standard error of at most 0.045 (at a similarity of 0.5), far below the
/// gap between a translation (about 0.9 and more) and a different text.
pub const NUMBER_SKETCH: usize = 128;

/// Jaccard similarity of two sets of numbers from their sketches, `None` when
/// both are empty: exact when neither set was cut to its sketch; otherwise the
/// share, among the [`NUMBER_SKETCH`] smallest hashes of the union (which the
/// two sketches hold), of those in both sets (Broder's bottom-k estimate).
fn sketch_jaccard(a: &Features, b: &Features) -> Option<f64> {
    if a.number_count <= NUMBER_SKETCH && b.number_count <= NUMBER_SKETCH {
        return jaccard(&a.numbers, &b.numbers);
    }
    let (a, b) = (&a.numbers, &b.numbers);
    let (mut i, mut j, mut taken, mut shared) = (0, 0, 0usize, 0usize);
    while taken < NUMBER_SKETCH && (i < a.len() || j < b.len()) {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                shared += 1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), Some(_)) | (None, Some(_)) => j += 1,
            (Some(_), None) | (None, None) => i += 1,
        }
        taken += 1;
    }
    (taken > 0).then(|| shared as f64 / taken as f64)
}

/// Jaccard similarity of two sorted, distinct lists; `None` when both are empty.
fn jaccard<T: Ord>(a: &[T], b: &[T]) -> Option<f64> {
    if a.is_empty() && b.is_empty() {
        return None;
    }
    let shared = crate::align::cues::shared(a, b);
    Some(shared as f64 / (a.len() + b.len() - shared) as f64)
}

fn ratio(a: f64, b: f64) -> f64 {
    if a <= 0.0 || b <= 0.0 {
        0.0
    } else {
        a.min(b) / a.max(b)
    }
}

/// From this many distinct numbers in each document, the numbers weigh their
/// full 1.2 in [`pairing_score`] (0.4 with none, linear between).
const NUMBERS_FULL_WEIGHT: f64 = 30.0;

/// How likely an English and a French document are the same text, in [0, 1]:
/// a weighted mean of the Jaccard similarity of their numbers and of their
/// entities (when either has any), and the agreement of their paragraph
/// counts, numbered-paragraph counts and lengths (French ≈ 1.12 × English).
/// The numbers weigh 0.4 to 1.2 (against 0.2 + 0.4 for the rest), growing with
/// how many both documents hold.
pub fn pairing_score(en: &LangDoc, fr: &LangDoc) -> f64 {
    let (e, f) = (&en.features, &fr.features);
    let mut parts: Vec<(f64, f64)> = Vec::new();
    if let Some(j) = sketch_jaccard(e, f) {
        // The more numbers both texts hold, the more their agreement tells:
        // two long documents of the same size and subjects (lengths and
        // entities agree) but with a third of their numbers in common are
        // different texts (a digest of parts of several), which a fixed 0.4
        // weight let through on lengths and entities.
        let both = e.number_count.min(f.number_count) as f64;
        parts.push((0.4 + 0.8 * (both / NUMBERS_FULL_WEIGHT).min(1.0), j));
    }
    if let Some(j) = jaccard(&e.entities, &f.entities) {
        parts.push((0.2, j));
    }
    parts.push((0.15, ratio(e.paragraphs as f64, f.paragraphs as f64)));
    parts.push((0.1, ratio(e.keys as f64 + 1.0, f.keys as f64 + 1.0)));
    parts.push((0.15, ratio(e.letters as f64 * 1.12, f.letters as f64)));
    let weight: f64 = parts.iter().map(|p| p.0).sum();
    parts.iter().map(|(w, v)| w * v).sum::<f64>() / weight
}

/// A pairing is accepted from this score.
pub const PAIRING_THRESHOLD: f64 = 0.6;

/// A pair of documents to align.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocPair {
    /// Index of the English document in the list of language documents.
    pub en: usize,
    /// Index of the French document.
    pub fr: usize,
    /// Its pairing score.
    pub score: f64,
}

/// For each English document, the best French document scoring at least
/// [`PAIRING_THRESHOLD`] (the same file's French part wins ties).
///
/// Candidates come from an index of numbers and entities, so an archive of
/// thousands of documents is not compared all against all: the
/// [`MAX_CANDIDATES`] French documents sharing the most of the English
/// document's rarest features (counted rarest first, within
/// [`POSTINGS_BUDGET`] postings); for an English document without numbers,
/// also the [`MAX_CANDIDATES`] French documents without numbers closest to it
/// in length. A pair sharing no number or entity scores under the threshold
/// unless neither holds numbers (see [`pairing_score`]), so no other French
/// document could pair; a true pair is missed only if 32 other French
/// documents share more of its rarest numbers and names. The work per English document is bounded, so
/// pairing grows linearly with the archive.
pub fn pair_documents(docs: &[LangDoc]) -> Vec<DocPair> {
    let fr: Vec<usize> = (0..docs.len())
        .filter(|&i| docs[i].lang == Lang::Fr)
        .collect();
    // Postings: (feature, French document) for every feature of every French
    // document, sorted: a flat list, 8 bytes a posting.
    let mut postings: Vec<(u32, u32)> = Vec::new();
    // French documents without numbers, by length: the only ones an English
    // document without numbers can pair with when they share nothing.
    let mut numberless: Vec<(usize, usize)> = Vec::new();
    for &f in &fr {
        let feats = &docs[f].features;
        if feats.number_count == 0 {
            numberless.push((feats.letters, f));
        }
        postings.extend(feature_keys(feats).map(|k| (k, f as u32)));
    }
    postings.sort_unstable();
    numberless.sort_unstable();
    let holders = |key: u32| -> &[(u32, u32)] {
        let start = postings.partition_point(|p| p.0 < key);
        let end = postings.partition_point(|p| p.0 <= key);
        &postings[start..end]
    };
    // A French document is a candidate when it shares features with the
    // English one; only the French documents sharing the most are scored.
    // Shared features are counted from the rarest feature up, within a budget
    // of postings: the rarest features (a document's own numbers) single out
    // its translation, and the work per English document stays bounded
    // however large the archive (common ones, a year or NATO, count only
    // when nothing rarer fills the budget).
    let candidates = |e: usize| -> Vec<usize> {
        let feats = &docs[e].features;
        let mut lists: Vec<&[(u32, u32)]> = feature_keys(feats)
            .map(holders)
            .filter(|l| !l.is_empty())
            .collect();
        lists.sort_by_key(|l| l.len());
        let mut shared: FxHashMap<u32, u32> = FxHashMap::default();
        let mut budget = POSTINGS_BUDGET;
        for (k, list) in lists.into_iter().enumerate() {
            if k > 0 && list.len() > budget {
                break;
            }
            budget = budget.saturating_sub(list.len());
            for &(_, f) in list {
                *shared.entry(f).or_default() += 1;
            }
        }
        let mut ranked: Vec<(u32, u32)> = shared.into_iter().map(|(f, n)| (n, f)).collect();
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<usize> = ranked
            .into_iter()
            .take(MAX_CANDIDATES)
            .map(|(_, f)| f as usize)
            .collect();
        // Sharing nothing, a pair reaches the threshold only when neither
        // holds numbers (see `pairing_score`): then the French documents
        // without numbers closest in length are candidates too.
        if feats.number_count == 0 {
            out.extend(nearest(
                &numberless,
                feats.letters as f64 * 1.12,
                MAX_CANDIDATES,
            ));
        }
        out.sort_unstable();
        out.dedup();
        out
    };
    (0..docs.len())
        .filter(|&i| docs[i].lang == Lang::En)
        .collect::<Vec<_>>()
        .par_iter()
        .filter_map(|&e| best_pair(docs, e, &candidates(e)))
        .collect()
}

/// The `n` documents of `by_length` (sorted (length, document) pairs) whose
/// lengths are closest to `target`.
fn nearest(by_length: &[(usize, usize)], target: f64, n: usize) -> Vec<usize> {
    let at = by_length.partition_point(|&(l, _)| (l as f64) < target);
    let (mut lo, mut hi) = (at, at);
    while hi - lo < n.min(by_length.len()) {
        let below = lo.checked_sub(1).map(|k| target - by_length[k].0 as f64);
        let above = by_length.get(hi).map(|&(l, _)| l as f64 - target);
        match (below, above) {
            (Some(b), Some(a)) if b <= a => lo -= 1,
            (Some(_), None) => lo -= 1,
            _ => hi += 1,
        }
    }
    by_length[lo..hi].iter().map(|&(_, d)| d).collect()
}

/// The index keys of a document's features: its number hashes, and its
/// entities in a range of their own (a number hash landing there only adds a
/// candidate, which scoring then judges).
fn feature_keys(f: &Features) -> impl Iterator<Item = u32> + '_ {
    f.numbers
        .iter()
        .copied()
        .chain(f.entities.iter().map(|&e| 0xFFFF_0000 | u32::from(e)))
}

/// Postings (feature, French document) read per English document to find its
/// candidates, rarest features first (more only for its rarest feature).
pub const POSTINGS_BUDGET: usize = 4096;

/// French documents scored per English document (those sharing the most
/// numbers and entities with it).
pub const MAX_CANDIDATES: usize = 32;

/// The best French document among `candidates` for English document `e`, if
/// one reaches the threshold.
fn best_pair(docs: &[LangDoc], e: usize, candidates: &[usize]) -> Option<DocPair> {
    candidates
        .iter()
        .map(|&f| {
            let same_file = docs[e].file == docs[f].file;
            (
                f,
                pairing_score(&docs[e], &docs[f]) + if same_file { 0.05 } else { 0.0 },
            )
        })
        .filter(|&(_, s)| s >= PAIRING_THRESHOLD)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(f, score)| DocPair {
            en: e,
            fr: f,
            score: score.min(1.0),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::lang_docs;
    use crate::document::Lang;
    use crate::pipeline::load;

    fn docs(texts: &[(&str, &str)]) -> Vec<LangDoc> {
        texts
            .iter()
            .flat_map(|(name, text)| lang_docs(&load(name, text.as_bytes()).unwrap()))
            .collect()
    }

    /// A numbered paragraph with its own numbers: `Report 1234 ...` in
    /// English or French, the numbers drawn from `seed`.
    fn para(k: usize, seed: usize, fr: bool) -> String {
        let (a, b) = (1000 + seed * 37 % 9000, 100 + seed * 53 % 900);
        if fr {
            format!(
                "{k}. La délégation de l'Estonie a présenté le rapport {a}, qui fait état de {b} incidents signalés au Conseil cette année."
            )
        } else {
            format!(
                "{k}. The delegation of Estonia presented report {a}, which records {b} incidents reported to the Council this year."
            )
        }
    }

    fn text(seeds: &[usize], fr: bool) -> String {
        seeds
            .iter()
            .enumerate()
            .map(|(k, &s)| para(k + 1, s, fr))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn many_numbers_in_common_decide_between_texts_of_the_same_shape() {
        // Forty paragraphs in each text, same entities, same lengths: the
        // French is a digest holding a third of the English's paragraphs and
        // two thirds of another text's. Not the same text.
        let en: Vec<usize> = (0..40).collect();
        let digest: Vec<usize> = (0..13).chain(500..527).collect();
        let d = docs(&[("en", &text(&en, false)), ("digest", &text(&digest, true))]);
        assert_eq!((d[0].lang, d[1].lang), (Lang::En, Lang::Fr));
        let score = pairing_score(&d[0], &d[1]);
        assert!(score < PAIRING_THRESHOLD, "{score}");
        assert!(pair_documents(&d).is_empty());
        // The same French text with one paragraph lost is still paired.
        let lost: Vec<usize> = (0..40).filter(|&s| s != 17).collect();
        let d = docs(&[("en", &text(&en, false)), ("fr", &text(&lost, true))]);
        let score = pairing_score(&d[0], &d[1]);
        assert!(score > 0.9, "{score}");
        assert_eq!(pair_documents(&d).len(), 1);
    }

    /// Features holding the numbers `range` (as text, hashed like a document's).
    fn number_features(range: std::ops::Range<usize>) -> Features {
        let text: String = range.map(|n| format!("report {n} ")).collect();
        let paragraph = load("n", text.as_bytes()).unwrap().paragraphs;
        features(paragraph.iter())
    }

    #[test]
    fn number_sketch_is_exact_for_short_documents_and_close_for_long_ones() {
        // 60 and 80 numbers, 40 shared: under the sketch size, exact.
        let (a, b) = (number_features(100..160), number_features(120..200));
        assert_eq!((a.number_count, b.number_count), (60, 80));
        assert_eq!(sketch_jaccard(&a, &b), Some(40.0 / 100.0));
        // 2,000 and 2,000 numbers, 1,000 shared (true similarity 1/3): the
        // sketch keeps 128 hashes each and the estimate is within three
        // standard errors (0.042) of the truth.
        let (a, b) = (number_features(1000..3000), number_features(2000..4000));
        assert_eq!((a.numbers.len(), b.number_count), (NUMBER_SKETCH, 2000));
        let estimate = sketch_jaccard(&a, &b).unwrap();
        assert!((estimate - 1.0 / 3.0).abs() < 0.125, "{estimate}");
        // The same set: 1; disjoint sets: 0.
        assert_eq!(sketch_jaccard(&a, &a), Some(1.0));
        let c = number_features(5000..7000);
        assert_eq!(sketch_jaccard(&a, &c), Some(0.0));
        assert_eq!(
            sketch_jaccard(&Features::default(), &Features::default()),
            None
        );
    }

    #[test]
    fn nearest_takes_the_closest_lengths_on_both_sides() {
        let by_length = [(10, 0), (20, 1), (30, 2), (40, 3), (100, 4)];
        let mut got = nearest(&by_length, 33.0, 3);
        got.sort_unstable();
        assert_eq!(got, [1, 2, 3]);
        assert_eq!(nearest(&by_length, 500.0, 2), [3, 4]);
        assert_eq!(nearest(&by_length, 0.0, 1), [0]);
        assert_eq!(nearest(&by_length, 50.0, 9).len(), 5);
        assert!(nearest(&[], 5.0, 3).is_empty());
    }

    #[test]
    fn documents_without_numbers_pair_among_many_others() {
        // A short statement with no numbers and no entities, its translation,
        // and forty French documents full of numbers: the pair is found
        // though the index gives it nothing to share.
        let en = "The Council met today.\n\nIt discussed the situation and agreed on the way forward together.";
        let fr = "Le Conseil s'est réuni aujourd'hui.\n\nIl a examiné la situation et s'est accordé sur la voie à suivre ensemble.";
        let mut texts = vec![("en", en.to_string()), ("fr", fr.to_string())];
        let others: Vec<String> = (0..40).map(|k| text(&[k * 3, k * 3 + 1], true)).collect();
        texts.extend(others.iter().map(|t| ("other", t.clone())));
        let borrowed: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
        let d = docs(&borrowed);
        assert_eq!((d[0].lang, d[1].lang), (Lang::En, Lang::Fr));
        let f = &d[0].features;
        assert_eq!((f.number_count, f.entities.len()), (0, 0));
        let pairs = pair_documents(&d);
        assert_eq!(pairs.len(), 1, "{pairs:?}");
        assert_eq!((pairs[0].en, pairs[0].fr), (0, 1));
    }

    #[test]
    fn a_mixed_file_splits_and_pairs_with_itself() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/001_8e0e90c685f40201.txt"
        ))
        .unwrap();
        let d = docs(&[("001", &text)]);
        assert_eq!(d.len(), 2);
        let pairs = pair_documents(&d);
        assert_eq!(pairs.len(), 1);
        assert!(pairs[0].score > 0.8, "{pairs:?}");
    }
}

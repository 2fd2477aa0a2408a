//! Corpus mode: many files in, one deduplicated parallel corpus out.
//!
//! Input: files and folders (walked without following links out of them,
//! skipping hidden files), or documents given directly. Output: the units of
//! every document pair, each unique unit once, with how many copies were seen
//! and where (provenance). Guarantees:
//! - every file is read, or reported as skipped with its reason (binary,
//!   empty, unreadable); every document is paired or reported unpaired;
//! - documents are paired across files by content: for each English
//!   document, the French document that is the same text (numbers, entities,
//!   printed numbering, paragraph count, length), with a score; one French
//!   document may pair with several English copies;
//! - work runs in parallel (rayon) and the output order is deterministic
//!   whatever the thread count: pairs in the order of their English document's
//!   path, units in document order;
//! - memory holds the documents being processed, a bounded summary of every
//!   document (a sketch of its numbers, its entities, counts), one map entry
//!   per unique unit and one provenance per copy, and a bounded window of
//!   aligned units: units go through a temporary spool file, then are written
//!   once each; the paragraphs of every document wait for their pair in
//!   another temporary file, so each file is loaded once.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::align::sentence::align_sentences;
use crate::align::{Side, align};
use crate::check::normalize;
use crate::document::{Document, Lang, Paragraph};
use crate::error::{Error, Result};
use crate::export::{self, ExportOptions, Format, Row, Unit};
use crate::hash::stable_hash;
use crate::lexicon;
use crate::pipeline::load;

/// One input: a file on disk, or a document given by name and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file to read.
    File(PathBuf),
    /// A document given directly (`--jsonl-in`).
    Text {
        /// Its name in reports and provenance.
        name: String,
        /// Its bytes.
        bytes: Vec<u8>,
    },
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Text { name, .. } => name.clone(),
        }
    }
}

/// A file passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The file.
    pub file: String,
    /// Why.
    pub reason: String,
}

/// Walk files and folders: files as given; folders recursively, in sorted
/// order, skipping hidden entries and links that lead outside the folder.
pub fn walk(roots: &[PathBuf]) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for root in roots {
        match fs::metadata(root) {
            Ok(m) if m.is_dir() => {
                let base = fs::canonicalize(root).unwrap_or_else(|_| root.clone());
                walk_dir(root, &base, &mut files, &mut skipped);
            }
            Ok(_) => files.push(root.clone()),
            Err(e) => skipped.push(Skipped {
                file: root.display().to_string(),
                reason: e.to_string(),
            }),
        }
    }
    (files, skipped)
}

fn walk_dir(dir: &Path, base: &Path, files: &mut Vec<PathBuf>, skipped: &mut Vec<Skipped>) {
    let mut entries: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            skipped.push(Skipped {
                file: dir.display().to_string(),
                reason: e.to_string(),
            });
            return;
        }
    };
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            skipped.push(Skipped {
                file: path.display().to_string(),
                reason: "hidden".into(),
            });
            continue;
        }
        let Ok(link) = fs::symlink_metadata(&path) else {
            continue;
        };
        if link.file_type().is_symlink() {
            // Follow a link only when it stays inside the walked folder.
            match fs::canonicalize(&path) {
                Ok(target) if target.starts_with(base) => {}
                _ => {
                    skipped.push(Skipped {
                        file: path.display().to_string(),
                        reason: "link leading outside the folder".into(),
                    });
                    continue;
                }
            }
        }
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => {
                if !link.file_type().is_symlink() {
                    walk_dir(&path, base, files, skipped);
                } else {
                    skipped.push(Skipped {
                        file: path.display().to_string(),
                        reason: "link to a folder (not followed)".into(),
                    });
                }
            }
            Ok(m) if m.is_file() => files.push(path),
            Ok(_) => skipped.push(Skipped {
                file: path.display().to_string(),
                reason: "not a regular file".into(),
            }),
            Err(e) => skipped.push(Skipped {
                file: path.display().to_string(),
                reason: e.to_string(),
            }),
        }
    }
}

/// The part of one file in one language: what pairing needs of it. Its
/// paragraphs are not kept: the run loads the file again when it aligns it,
/// so memory does not grow with the corpus.
#[derive(Debug, Clone)]
pub struct LangDoc {
    /// The file it comes from.
    pub file: String,
    /// Its language.
    pub lang: Lang,
    /// Repairs made in the file.
    pub repairs: usize,
    part: Part,
    features: Features,
    /// Where its paragraphs wait for alignment in the run's [`ParagraphStore`].
    stored: Stored,
}

impl LangDoc {
    /// The name used in provenance: the file, with the language when the file
    /// holds both.
    pub fn name(&self, mixed: bool) -> String {
        if mixed {
            format!("{}#{}", self.file, self.lang.code())
        } else {
            self.file.clone()
        }
    }
}

/// What identifies a text across its translation.
#[derive(Debug, Clone, Default)]
struct Features {
    /// Bottom-k sketch of the numbers of two digits or more: the
    /// [`NUMBER_SKETCH`] smallest of their 32-bit hashes, sorted, distinct;
    /// every number's hash when there are fewer. Memory per document is
    /// bounded whatever its length.
    numbers: Vec<u32>,
    /// How many distinct numbers the document holds.
    number_count: usize,
    /// Entities of the EN↔FR tables, sorted, distinct.
    entities: Vec<u16>,
    keys: usize,
    paragraphs: usize,
    letters: usize,
}

fn features<'a>(paragraphs: impl Iterator<Item = &'a Paragraph>) -> Features {
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

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// One language part of a document: its language, and whether it takes
/// every text paragraph of the document (a document in one language) or only
/// those identified as in that language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    lang: Lang,
    whole: bool,
}

impl Part {
    fn holds(self, p: &Paragraph) -> bool {
        p.is_text() && (self.whole || p.lang == Some(self.lang))
    }
}

/// Split a document into its language parts: both when it holds a real part
/// in each (two paragraphs and a fifth of its letters at least), else one part
/// in its main language holding every paragraph.
fn parts(doc: &Document) -> Vec<Part> {
    let (mut en, mut fr) = ((0usize, 0usize), (0usize, 0usize));
    for p in doc.paragraphs.iter().filter(|p| p.is_text()) {
        let side = match p.lang {
            Some(Lang::En) => &mut en,
            Some(Lang::Fr) => &mut fr,
            None => continue,
        };
        side.0 += 1;
        side.1 += letters(&p.text);
    }
    let total = (en.1 + fr.1).max(1);
    let real = |(n, l): (usize, usize)| n >= 2 && l * 5 >= total;
    let part = |lang, whole| Part { lang, whole };
    if real(en) && real(fr) {
        vec![part(Lang::En, false), part(Lang::Fr, false)]
    } else if en.1 >= fr.1 {
        vec![part(Lang::En, true)]
    } else {
        vec![part(Lang::Fr, true)]
    }
}

/// The language documents of a loaded document, with their features.
fn lang_docs(doc: &Document) -> Vec<LangDoc> {
    parts(doc)
        .into_iter()
        .map(|part| LangDoc {
            file: doc.name.clone(),
            lang: part.lang,
            part,
            features: features(doc.paragraphs.iter().filter(|p| part.holds(p))),
            repairs: doc.repairs.len(),
            stored: Stored::default(),
        })
        .collect()
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

/// Where a unit was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Provenance {
    pair: u32,
    unit: u32,
}

/// No index: the end of a list of copies, or a unit already written.
const NONE: u32 = u32::MAX;

/// Every unit seen, by hash, with where it was seen. Memory: one map entry
/// (16 bytes) per distinct unit and 12 bytes per copy, in flat arrays (no
/// allocation per unit).
#[derive(Default)]
struct Seen {
    /// Unit hash → (first, last) index of its copies in `copies`; `first` is
    /// [`NONE`] once the unit is written.
    units: FxHashMap<u64, (u32, u32)>,
    /// Each copy, with the index of the next copy of the same unit.
    copies: Vec<(Provenance, u32)>,
}

impl Seen {
    fn add(&mut self, hash: u64, at: Provenance) -> Result<()> {
        let k = u32::try_from(self.copies.len())
            .ok()
            .filter(|&k| k != NONE)
            .ok_or_else(|| spool_err(io::Error::other("more than 4,294,967,294 units")))?;
        self.copies.push((at, NONE));
        match self.units.entry(hash) {
            std::collections::hash_map::Entry::Occupied(mut e) => {
                let last = e.get().1 as usize;
                self.copies[last].1 = k;
                e.get_mut().1 = k;
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((k, k));
            }
        }
        Ok(())
    }

    /// Where a unit was seen, in order, the first time it is asked for;
    /// `None` afterwards (a duplicate of a unit already written).
    fn take(&mut self, hash: u64) -> Option<Vec<Provenance>> {
        let entry = self.units.get_mut(&hash)?;
        let mut k = entry.0;
        if k == NONE {
            return None;
        }
        entry.0 = NONE;
        let mut out = Vec::new();
        while k != NONE {
            let (at, next) = self.copies[k as usize];
            out.push(at);
            k = next;
        }
        Some(out)
    }
}

/// What a corpus run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CorpusSummary {
    /// Files read.
    pub files_read: usize,
    /// Files skipped, with reasons.
    pub skipped: Vec<Skipped>,
    /// English documents.
    pub english_documents: usize,
    /// French documents.
    pub french_documents: usize,
    /// Document pairs aligned (English file → French file, score).
    pub pairs: Vec<(String, String, f64)>,
    /// Documents with no counterpart.
    pub unpaired: Vec<String>,
    /// Units written.
    pub units_written: usize,
    /// Duplicate units removed.
    pub duplicates_removed: usize,
    /// One-sided units (written to formats that keep them, counted always).
    pub one_sided: usize,
    /// Encoding repairs in the files read.
    pub repairs: usize,
    /// Seconds taken.
    pub seconds: f64,
}

/// Progress callbacks (a progress bar in the binary).
pub trait Progress: Sync {
    /// Total steps of a phase.
    fn start(&self, phase: &str, total: u64);
    /// One step done.
    fn step(&self);
}

/// No progress report.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: &str, _: u64) {}
    fn step(&self) {}
}

/// Run corpus mode over `sources`, writing to `outs` (one writer; two for
/// Moses). The sources are dropped once read, so documents given as text do
/// not stay in memory while pairs are aligned.
///
/// # Errors
/// Output errors (I/O of the spool or the writers); input problems are
/// reported in the summary, not errors.
pub fn run<'a>(
    sources: Vec<Source>,
    format: Format,
    options: &ExportOptions,
    outs: Vec<Box<dyn Write + 'a>>,
    progress: &dyn Progress,
) -> Result<CorpusSummary> {
    let started = std::time::Instant::now();
    let mut summary = CorpusSummary::default();
    progress.start("reading", sources.len() as u64);
    // Read every file; keep its features in memory and its paragraphs in the
    // store until its pair is aligned.
    let store = ParagraphStore::new()?;
    type Loaded = std::result::Result<(Vec<LangDoc>, usize), Skipped>;
    let loaded: Vec<Loaded> = sources
        .par_iter()
        .map(|source| -> Result<Loaded> {
            let out = match load_source(source) {
                Ok(doc) => {
                    let mut parts = lang_docs(&doc);
                    for part in &mut parts {
                        part.stored =
                            store.put(doc.paragraphs.iter().filter(|p| part.part.holds(p)))?;
                    }
                    Ok((parts, doc.repairs.len()))
                }
                Err(skipped) => Err(skipped),
            };
            progress.step();
            Ok(out)
        })
        .collect::<Result<_>>()?;
    // Documents given as text (`--jsonl-in`) are in the store now: their
    // bytes need not stay in memory for the rest of the run.
    drop(sources);
    let mut docs: Vec<LangDoc> = Vec::new();
    let mut mixed: std::collections::HashSet<String> = Default::default();
    for r in loaded {
        match r {
            Ok((parts, repairs)) => {
                summary.files_read += 1;
                summary.repairs += repairs;
                if parts.len() > 1 {
                    mixed.insert(parts[0].file.clone());
                }
                docs.extend(parts);
            }
            Err(s) => summary.skipped.push(s),
        }
    }
    summary.english_documents = docs.iter().filter(|d| d.lang == Lang::En).count();
    summary.french_documents = docs.len() - summary.english_documents;
    let name = |d: &LangDoc| d.name(mixed.contains(&d.file));
    let pairs = pair_documents(&docs);
    // Features are for pairing only: free them before the units pile up.
    for d in &mut docs {
        d.features = Features::default();
    }
    let paired: BTreeSet<usize> = pairs.iter().flat_map(|p| [p.en, p.fr]).collect();
    summary.unpaired = (0..docs.len())
        .filter(|i| !paired.contains(i))
        .map(|i| name(&docs[i]))
        .collect();
    summary.pairs = pairs
        .iter()
        .map(|p| (name(&docs[p.en]), name(&docs[p.fr]), p.score))
        .collect();

    // Alignment pass: align pairs in parallel, a window at a time, in order; spool the
    // rows and record each unit's hash and provenance.
    progress.start("aligning", pairs.len() as u64);
    let mut spool = BufWriter::new(tempfile::tempfile().map_err(spool_err)?);
    let mut seen = Seen::default();
    let window = rayon::current_num_threads().max(1) * 4;
    for (chunk_no, chunk) in pairs.chunks(window).enumerate() {
        // Each pair's rows are hashed and serialised on its worker thread; the
        // loop after it only records hashes and appends bytes, in order.
        let results: Vec<Spooled> = chunk
            .par_iter()
            .map(|pair| {
                let rows = pair_rows(
                    &store,
                    &docs[pair.en],
                    &docs[pair.fr],
                    &name(&docs[pair.en]),
                    &name(&docs[pair.fr]),
                    options.unit,
                )
                .and_then(|rows| spooled(&rows));
                progress.step();
                rows
            })
            .collect::<Result<_>>()?;
        for (k, rows) in results.into_iter().enumerate() {
            let pair_no = (chunk_no * window + k) as u32;
            for (u, &hash) in rows.hashes.iter().enumerate() {
                let unit = u32::try_from(u).unwrap_or(NONE);
                seen.add(
                    hash,
                    Provenance {
                        pair: pair_no,
                        unit,
                    },
                )?;
            }
            spool.write_all(&rows.lines).map_err(spool_err)?;
        }
    }
    // Writing pass: write each unique unit once, with all its provenance.
    let spool = spool.into_inner().map_err(|e| spool_err(e.into_error()))?;
    let mut reader = BufReader::new(spool);
    io::Seek::seek(&mut reader, io::SeekFrom::Start(0)).map_err(spool_err)?;
    let mut exporter = export::exporter(format, options, outs);
    exporter.begin().map_err(out_err)?;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(spool_err)? == 0 {
            break;
        }
        let (head, json) = line.split_once('\t').unwrap_or_default();
        let (hash, sides) = head.split_at_checked(16).unwrap_or_default();
        let hash = u64::from_str_radix(hash, 16).map_err(|e| spool_err(io::Error::other(e)))?;
        if sides != "2" {
            summary.one_sided += 1;
        }
        // A duplicate is counted without parsing its row.
        let Some(provenance) = seen.take(hash) else {
            summary.duplicates_removed += 1;
            continue;
        };
        let mut row: Row = serde_json::from_str(json).map_err(|e| spool_err(e.into()))?;
        row.copies = provenance.len();
        row.provenance = provenance
            .iter()
            .map(|p| {
                let pair = &pairs[p.pair as usize];
                format!(
                    "{} | {} | unit {}",
                    name(&docs[pair.en]),
                    name(&docs[pair.fr]),
                    p.unit + 1
                )
            })
            .collect();
        exporter.row(&row).map_err(out_err)?;
    }
    let stats = exporter.finish().map_err(out_err)?;
    summary.units_written = stats.written;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Read and load one source.
fn load_source(source: &Source) -> std::result::Result<Document, Skipped> {
    let name = source.name();
    let bytes = match source {
        Source::File(p) => fs::read(p).map_err(|e| Skipped {
            file: name.clone(),
            reason: e.to_string(),
        })?,
        Source::Text { bytes, .. } => bytes.clone(),
    };
    load(&name, &bytes).map_err(|e| Skipped {
        file: name.clone(),
        reason: match e {
            Error::Input { problem, .. } => problem.to_string(),
            other => other.to_string(),
        },
    })
}

/// Where a language document's paragraphs are in the [`ParagraphStore`].
#[derive(Debug, Clone, Copy, Default)]
struct Stored {
    offset: u64,
    len: u64,
}

/// The text paragraphs of every language document, from reading to alignment, in
/// a temporary file (JSON): aligning a pair then costs a read and a parse,
/// not a second decode, repair, segmentation and language identification,
/// and memory stays bounded. Disk: about 1.5 × the input.
struct ParagraphStore {
    file: std::sync::Mutex<(fs::File, u64)>,
}

impl ParagraphStore {
    fn new() -> Result<ParagraphStore> {
        let file = tempfile::tempfile().map_err(spool_err)?;
        Ok(ParagraphStore {
            file: std::sync::Mutex::new((file, 0)),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (fs::File, u64)> {
        // A panic elsewhere cannot leave the file half-written in a way that
        // matters: offsets are recorded only after a complete write.
        self.file
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn put<'a>(&self, paragraphs: impl Iterator<Item = &'a Paragraph>) -> Result<Stored> {
        let list: Vec<&Paragraph> = paragraphs.collect();
        let bytes = serde_json::to_vec(&list).map_err(|e| spool_err(e.into()))?;
        let mut guard = self.lock();
        let (file, end) = &mut *guard;
        io::Seek::seek(file, io::SeekFrom::Start(*end)).map_err(spool_err)?;
        file.write_all(&bytes).map_err(spool_err)?;
        let stored = Stored {
            offset: *end,
            len: bytes.len() as u64,
        };
        *end += stored.len;
        Ok(stored)
    }

    fn get(&self, stored: Stored) -> Result<Vec<Paragraph>> {
        let mut bytes = vec![0; usize::try_from(stored.len).unwrap_or(usize::MAX)];
        {
            let mut guard = self.lock();
            let file = &mut guard.0;
            io::Seek::seek(file, io::SeekFrom::Start(stored.offset)).map_err(spool_err)?;
            io::Read::read_exact(file, &mut bytes).map_err(spool_err)?;
        }
        serde_json::from_slice(&bytes).map_err(|e| spool_err(e.into()))
    }
}

fn spool_err(source: io::Error) -> Error {
    Error::Output {
        path: PathBuf::from("<temporary spool file>"),
        source,
    }
}

fn out_err(source: io::Error) -> Error {
    Error::Output {
        path: PathBuf::from("<output>"),
        source,
    }
}

/// A pair's rows as spooled: each row's dedup hash, and its line.
struct Spooled {
    hashes: Vec<u64>,
    lines: Vec<u8>,
}

/// Hash and serialise rows for the spool. Each line is led by the row's hash
/// and number of sides, so the writing pass neither normalises the texts again nor
/// parses duplicates.
fn spooled(rows: &[Row]) -> Result<Spooled> {
    let mut out = Spooled {
        hashes: Vec::with_capacity(rows.len()),
        lines: Vec::new(),
    };
    for row in rows {
        let hash = unit_hash(row);
        let sides = if row.is_pair() { 2 } else { 1 };
        write!(out.lines, "{hash:016x}{sides}\t").map_err(spool_err)?;
        serde_json::to_writer(&mut out.lines, row).map_err(|e| spool_err(e.into()))?;
        out.lines.push(b'\n');
        out.hashes.push(hash);
    }
    Ok(out)
}

/// The dedup key of a unit: its two texts, normalised for whitespace and
/// typography.
fn unit_hash(row: &Row) -> u64 {
    stable_hash(&[&normalize(&row.en), &normalize(&row.fr)])
}

fn pair_rows(
    store: &ParagraphStore,
    en: &LangDoc,
    fr: &LangDoc,
    en_name: &str,
    fr_name: &str,
    unit: Unit,
) -> Result<Vec<Row>> {
    let (en_paragraphs, fr_paragraphs) = (store.get(en.stored)?, store.get(fr.stored)?);
    let side = |d: &LangDoc, name: &str, paragraphs| Side {
        document: name.to_string(),
        lang: d.lang,
        paragraphs,
    };
    let alignment = align(
        side(en, en_name, en_paragraphs),
        side(fr, fr_name, fr_paragraphs),
        &Default::default(),
    );
    let sentences = (unit == Unit::Sentence).then(|| align_sentences(&alignment));
    Ok(export::rows_for(&alignment, sentences.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let text: String = range.map(|n| format!("{n} ")).collect();
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
    fn seen_units_give_their_copies_in_order_once() {
        let mut seen = Seen::default();
        let at = |pair, unit| Provenance { pair, unit };
        seen.add(7, at(0, 0)).unwrap();
        seen.add(9, at(0, 1)).unwrap();
        seen.add(7, at(3, 4)).unwrap();
        seen.add(7, at(5, 0)).unwrap();
        assert_eq!(seen.take(7), Some(vec![at(0, 0), at(3, 4), at(5, 0)]));
        assert_eq!(seen.take(7), None);
        assert_eq!(seen.take(9), Some(vec![at(0, 1)]));
        assert_eq!(seen.take(1), None);
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

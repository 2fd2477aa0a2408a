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
//! - memory holds the documents being processed, one hash and a provenance
//!   list per unique unit, and a bounded window of aligned units: units go
//!   through a temporary spool file, then are written once each.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

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

/// The part of one file in one language.
#[derive(Debug, Clone)]
pub struct LangDoc {
    /// The file it comes from.
    pub file: String,
    /// Its language.
    pub lang: Lang,
    /// Its text paragraphs (emptied once its features are known: the run
    /// loads the file again when it aligns it, so memory does not grow with
    /// the corpus).
    pub paragraphs: Vec<Paragraph>,
    /// Repairs made in the file.
    pub repairs: usize,
    /// Index of its source in the run's list of sources.
    pub source: usize,
    features: Features,
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
    /// Numbers of two digits or more (hashed), sorted, distinct.
    numbers: Vec<u64>,
    /// Entities of the EN↔FR tables, sorted, distinct.
    entities: Vec<u16>,
    keys: usize,
    paragraphs: usize,
    letters: usize,
}

fn features(paragraphs: &[Paragraph]) -> Features {
    let mut f = Features {
        paragraphs: paragraphs.len(),
        ..Default::default()
    };
    for p in paragraphs {
        f.keys += usize::from(p.key.is_some());
        f.letters += p.text.chars().filter(|c| c.is_alphabetic()).count();
        for t in p
            .text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| t.len() >= 2)
        {
            f.numbers.push(stable_hash(&[t.trim_start_matches('0')]));
        }
        f.entities
            .extend(lexicon::entities(&p.text).into_iter().map(|e| e.0));
    }
    f.numbers.sort_unstable();
    f.numbers.dedup();
    f.entities.sort_unstable();
    f.entities.dedup();
    f
}

/// Split a document into its language parts: both when it holds a real part
/// in each (two paragraphs and a fifth of its letters at least), else one part
/// in its main language holding every paragraph.
fn lang_docs(doc: &Document) -> Vec<LangDoc> {
    let text: Vec<&Paragraph> = doc.paragraphs.iter().filter(|p| p.is_text()).collect();
    let letters = |lang: Lang| -> (usize, usize) {
        let ps: Vec<&&Paragraph> = text.iter().filter(|p| p.lang == Some(lang)).collect();
        (
            ps.len(),
            ps.iter()
                .map(|p| p.text.chars().filter(|c| c.is_alphabetic()).count())
                .sum(),
        )
    };
    let (en, fr) = (letters(Lang::En), letters(Lang::Fr));
    let total = (en.1 + fr.1).max(1);
    let real = |(n, l): (usize, usize)| n >= 2 && l * 5 >= total;
    let repairs = doc.repairs.len();
    let part = |lang: Lang, all: bool| {
        let paragraphs: Vec<Paragraph> = text
            .iter()
            .filter(|p| all || p.lang == Some(lang))
            .map(|p| (*p).clone())
            .collect();
        LangDoc {
            source: 0,
            file: doc.name.clone(),
            lang,
            features: features(&paragraphs),
            paragraphs,
            repairs,
        }
    };
    if real(en) && real(fr) {
        vec![part(Lang::En, false), part(Lang::Fr, false)]
    } else if en.1 >= fr.1 {
        vec![part(Lang::En, true)]
    } else {
        vec![part(Lang::Fr, true)]
    }
}

/// Jaccard similarity of two sorted, distinct lists; `None` when both are empty.
fn jaccard<T: Ord>(a: &[T], b: &[T]) -> Option<f64> {
    if a.is_empty() && b.is_empty() {
        return None;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
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
    if let Some(j) = jaccard(&e.numbers, &f.numbers) {
        // The more numbers both texts hold, the more their agreement tells:
        // two long documents of the same size and subjects (lengths and
        // entities agree) but with a third of their numbers in common are
        // different texts (a digest of parts of several), which a fixed 0.4
        // weight let through on lengths and entities.
        let both = e.numbers.len().min(f.numbers.len()) as f64;
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
/// document's rarer features (held by at most a tenth of the French
/// documents; all its features when it has no rarer one), and the French
/// documents with no numbers or entities at all. A pair with numbers or
/// entities on both sides and none in common scores at most 0.4, under the
/// threshold (see [`pairing_score`]); a true pair is missed only if 32 other
/// French documents share more of its rare numbers and names.
pub fn pair_documents(docs: &[LangDoc]) -> Vec<DocPair> {
    let fr: Vec<usize> = (0..docs.len())
        .filter(|&i| docs[i].lang == Lang::Fr)
        .collect();
    // Postings: feature → French documents holding it.
    let mut postings: HashMap<(u8, u64), Vec<usize>> = HashMap::new();
    let mut featureless = Vec::new();
    for &f in &fr {
        let feats = &docs[f].features;
        if feats.numbers.is_empty() && feats.entities.is_empty() {
            featureless.push(f);
        }
        for &n in &feats.numbers {
            postings.entry((0, n)).or_default().push(f);
        }
        for &e in &feats.entities {
            postings.entry((1, u64::from(e))).or_default().push(f);
        }
    }
    // A French document is a candidate when it shares features with the
    // English one; only the French documents sharing the most are scored, so
    // the work per English document stays bounded however large the archive.
    // Features held by many documents (a year, NATO) are used only when the
    // English document has nothing rarer.
    let common = (fr.len() / 10).max(MAX_CANDIDATES);
    let candidates = |e: usize| -> Vec<usize> {
        let feats = &docs[e].features;
        let keys: Vec<(u8, u64)> = feats
            .numbers
            .iter()
            .map(|&n| (0, n))
            .chain(feats.entities.iter().map(|&x| (1, u64::from(x))))
            .collect();
        if keys.is_empty() {
            return fr.clone();
        }
        let lists: Vec<&Vec<usize>> = keys.iter().filter_map(|k| postings.get(k)).collect();
        let rare: Vec<&Vec<usize>> = lists
            .iter()
            .copied()
            .filter(|l| l.len() <= common)
            .collect();
        let chosen = if rare.is_empty() { lists } else { rare };
        let mut shared: HashMap<usize, u32> = HashMap::new();
        for list in chosen {
            for &f in list {
                *shared.entry(f).or_default() += 1;
            }
        }
        let mut ranked: Vec<(u32, usize)> = shared.into_iter().map(|(f, n)| (n, f)).collect();
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<usize> = ranked
            .into_iter()
            .take(MAX_CANDIDATES)
            .map(|(_, f)| f)
            .collect();
        out.extend(&featureless);
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Provenance {
    pair: u32,
    unit: u32,
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
/// Moses).
///
/// # Errors
/// Output errors (I/O of the spool or the writers); input problems are
/// reported in the summary, not errors.
pub fn run<'a>(
    sources: &[Source],
    format: Format,
    options: &ExportOptions,
    outs: Vec<Box<dyn Write + 'a>>,
    progress: &dyn Progress,
) -> Result<CorpusSummary> {
    let started = std::time::Instant::now();
    let mut summary = CorpusSummary::default();
    progress.start("reading", sources.len() as u64);
    // Read every file for its features only; its paragraphs are dropped and
    // read again when its pair is aligned.
    let loaded: Vec<std::result::Result<(Vec<LangDoc>, usize), Skipped>> = sources
        .par_iter()
        .enumerate()
        .map(|(k, source)| {
            let out = load_source(source).map(|doc| {
                let mut parts = lang_docs(&doc);
                for part in &mut parts {
                    part.source = k;
                    part.paragraphs = Vec::new();
                }
                (parts, doc.repairs.len())
            });
            progress.step();
            out
        })
        .collect();
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
    let paired: BTreeSet<usize> = pairs.iter().flat_map(|p| [p.en, p.fr]).collect();
    summary.unpaired = (0..docs.len())
        .filter(|i| !paired.contains(i))
        .map(|i| name(&docs[i]))
        .collect();
    summary.pairs = pairs
        .iter()
        .map(|p| (name(&docs[p.en]), name(&docs[p.fr]), p.score))
        .collect();

    // Pass 1: align pairs in parallel, a window at a time, in order; spool the
    // rows and record each unit's hash and provenance.
    progress.start("aligning", pairs.len() as u64);
    let mut spool = BufWriter::new(tempfile::tempfile().map_err(spool_err)?);
    let mut seen: HashMap<u64, Vec<Provenance>> = HashMap::new();
    let window = rayon::current_num_threads().max(1) * 4;
    for (chunk_no, chunk) in pairs.chunks(window).enumerate() {
        let results: Vec<Vec<Row>> = chunk
            .par_iter()
            .map(|pair| {
                let rows = pair_rows(
                    sources,
                    &docs[pair.en],
                    &docs[pair.fr],
                    &name(&docs[pair.en]),
                    &name(&docs[pair.fr]),
                    options.unit,
                );
                progress.step();
                rows
            })
            .collect();
        for (k, rows) in results.into_iter().enumerate() {
            let pair_no = (chunk_no * window + k) as u32;
            for (u, row) in rows.into_iter().enumerate() {
                let hash = unit_hash(&row);
                seen.entry(hash).or_default().push(Provenance {
                    pair: pair_no,
                    unit: u as u32,
                });
                serde_json::to_writer(&mut spool, &row).map_err(|e| spool_err(e.into()))?;
                spool.write_all(b"\n").map_err(spool_err)?;
            }
        }
    }
    // Pass 2: write each unique unit once, with all its provenance.
    let spool = spool.into_inner().map_err(|e| spool_err(e.into_error()))?;
    let mut reader = BufReader::new(spool);
    io::Seek::seek(&mut reader, io::SeekFrom::Start(0)).map_err(spool_err)?;
    let mut exporter = export::exporter(format, options, outs);
    exporter.begin().map_err(out_err)?;
    let mut written: std::collections::HashSet<u64> = Default::default();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(spool_err)? == 0 {
            break;
        }
        let mut row: Row = serde_json::from_str(&line).map_err(|e| spool_err(e.into()))?;
        let hash = unit_hash(&row);
        if !row.is_pair() {
            summary.one_sided += 1;
        }
        if !written.insert(hash) {
            summary.duplicates_removed += 1;
            continue;
        }
        let provenance = seen.get(&hash).map(Vec::as_slice).unwrap_or_default();
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

/// The paragraphs of a language document, read again from its source.
fn paragraphs_of(sources: &[Source], doc: &LangDoc) -> Vec<Paragraph> {
    load_source(&sources[doc.source])
        .map(|d| {
            lang_docs(&d)
                .into_iter()
                .find(|p| p.lang == doc.lang)
                .map(|p| p.paragraphs)
                .unwrap_or_default()
        })
        .unwrap_or_default()
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

/// The dedup key of a unit: its two texts, normalised for whitespace and
/// typography.
fn unit_hash(row: &Row) -> u64 {
    stable_hash(&[&normalize(&row.en), &normalize(&row.fr)])
}

fn pair_rows(
    sources: &[Source],
    en: &LangDoc,
    fr: &LangDoc,
    en_name: &str,
    fr_name: &str,
    unit: Unit,
) -> Vec<Row> {
    let side = |d: &LangDoc, name: &str| Side {
        document: name.to_string(),
        lang: d.lang,
        paragraphs: paragraphs_of(sources, d),
    };
    let alignment = align(side(en, en_name), side(fr, fr_name), &Default::default());
    let sentences = (unit == Unit::Sentence).then(|| align_sentences(&alignment));
    export::rows_for(&alignment, sentences.as_ref())
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

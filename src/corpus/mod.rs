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
//!
//! [`run`] reads, pairs ([`pairing`]), aligns, deduplicates (`dedup`) and
//! writes; the temporary files are in `store`, the report in `report`.

mod dedup;
pub mod pairing;
mod report;
mod store;

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::align::sentence::align_sentences;
use crate::align::{Side, align};
use crate::document::{Document, Lang};
use crate::error::{Error, Result};
use crate::export::{self, ExportOptions, Exporter, Row, Unit};
use crate::io::{Skipped, read_input};
use crate::pipeline::{load, refuse_other_language, side_of};
use dedup::{NONE, Provenance, Seen};
pub use pairing::{
    DocPair, MAX_CANDIDATES, NUMBER_SKETCH, PAIRING_THRESHOLD, POSTINGS_BUDGET, pair_documents,
    pairing_score,
};
use pairing::{Features, features};
pub use report::{CorpusSummary, Progress, Quiet};
use store::{ParagraphStore, Stored, UnitSpool, spooled};

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

/// The part of one file in one language: what pairing needs of it. Its
/// paragraphs wait in the run's paragraph store, so memory does not grow with
/// the corpus.
#[derive(Debug, Clone)]
pub struct LangDoc {
    /// The file it comes from.
    pub file: String,
    /// Its language.
    pub lang: Lang,
    /// Repairs made in the file.
    pub repairs: usize,
    features: Features,
    /// Where its paragraphs wait for alignment in the run's paragraph store.
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

/// The language parts of a document: both English and French when it holds a
/// real part in each (two paragraphs and a fifth of its English and French
/// letters at least), else one part in its main language, taking the whole
/// document (paragraphs in other languages set aside); none for a document in
/// another language. Each part is a [`Side`] ([`side_of`]).
fn parts(doc: &Document) -> Vec<Side> {
    let (mut en, mut fr) = (0usize, 0usize);
    for p in doc.paragraphs.iter().filter(|p| p.is_text()) {
        match p.lang {
            Some(Lang::En) => en += 1,
            Some(Lang::Fr) => fr += 1,
            None => {}
        }
    }
    let mix = doc.language_mix();
    if mix.other_language().is_some() {
        return Vec::new();
    }
    let total = (mix.en + mix.fr).max(1);
    let real = |n: usize, l: usize| n >= 2 && l * 5 >= total;
    if real(en, mix.en) && real(fr, mix.fr) {
        vec![side_of(doc, Lang::En, false), side_of(doc, Lang::Fr, false)]
    } else if mix.en >= mix.fr {
        vec![side_of(doc, Lang::En, true)]
    } else {
        vec![side_of(doc, Lang::Fr, true)]
    }
}

/// A language document of a loaded document's part, with its features.
fn lang_doc(doc: &Document, side: &Side) -> LangDoc {
    LangDoc {
        file: doc.name.clone(),
        lang: side.lang,
        features: features(side.paragraphs.iter()),
        repairs: doc.repairs.len(),
        stored: Stored::default(),
    }
}

/// The language documents of a loaded document, with their features.
#[cfg(test)]
pub(crate) fn lang_docs(doc: &Document) -> Vec<LangDoc> {
    parts(doc).iter().map(|side| lang_doc(doc, side)).collect()
}

/// Run corpus mode over `sources`, writing every unique unit, at the unit
/// and with the labels `options` ask for, to `exporter` (begun and finished
/// here). The sources are dropped once read, so documents given as text do
/// not stay in memory while pairs are aligned.
///
/// # Errors
/// Errors of the temporary files and of the exporter's writers; input
/// problems are reported in the summary, not errors.
pub fn run(
    sources: Vec<Source>,
    options: &ExportOptions,
    exporter: &mut dyn Exporter,
    progress: &dyn Progress,
) -> Result<CorpusSummary> {
    let started = Instant::now();
    let mut summary = CorpusSummary::default();
    let store = ParagraphStore::new()?;
    let (mut docs, names) = read(sources, &store, &mut summary, progress)?;
    let pairs = pair_documents(&docs);
    // Features are for pairing only: free them before the units pile up.
    for d in &mut docs {
        d.features = Features::default();
    }
    let paired: HashSet<usize> = pairs.iter().flat_map(|p| [p.en, p.fr]).collect();
    summary.unpaired = (0..docs.len())
        .filter(|i| !paired.contains(i))
        .map(|i| names[i].clone())
        .collect();
    summary.pairs = pairs
        .iter()
        .map(|p| (names[p.en].clone(), names[p.fr].clone(), p.score))
        .collect();
    let (spool, seen) = align_pairs(&pairs, &docs, &names, &store, options, progress)?;
    write_units(spool, seen, &pairs, &names, exporter, &mut summary)?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Reading pass: load every source in parallel, keep the features of its
/// language documents in memory and their paragraphs in the store. Returns
/// the language documents and their names (the file, with `#en`/`#fr` for a
/// file holding both).
fn read(
    sources: Vec<Source>,
    store: &ParagraphStore,
    summary: &mut CorpusSummary,
    progress: &dyn Progress,
) -> Result<(Vec<LangDoc>, Vec<String>)> {
    progress.start("reading", sources.len() as u64);
    type Loaded = std::result::Result<(Vec<LangDoc>, usize), Skipped>;
    let loaded: Vec<Loaded> = sources
        .par_iter()
        .map(|source| -> Result<Loaded> {
            let out = match load_source(source) {
                Ok(doc) => {
                    let mut docs = Vec::new();
                    for side in parts(&doc) {
                        let mut d = lang_doc(&doc, &side);
                        d.stored = store.put(&side)?;
                        docs.push(d);
                    }
                    Ok((docs, doc.repairs.len()))
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
    let mut mixed: HashSet<String> = HashSet::new();
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
    let names = docs
        .iter()
        .map(|d| d.name(mixed.contains(&d.file)))
        .collect();
    Ok((docs, names))
}

/// Alignment pass: align pairs in parallel, a window at a time, in order;
/// spool the rows and record each unit's hash and provenance.
fn align_pairs(
    pairs: &[DocPair],
    docs: &[LangDoc],
    names: &[String],
    store: &ParagraphStore,
    options: &ExportOptions,
    progress: &dyn Progress,
) -> Result<(UnitSpool, Seen)> {
    progress.start("aligning", pairs.len() as u64);
    let mut spool = UnitSpool::new()?;
    let mut seen = Seen::default();
    let window = rayon::current_num_threads().max(1) * 4;
    for (chunk_no, chunk) in pairs.chunks(window).enumerate() {
        // Each pair's rows are hashed and serialised on its worker thread; the
        // loop after it only records hashes and appends bytes, in order.
        let results: Vec<_> = chunk
            .par_iter()
            .map(|pair| {
                let rows =
                    pair_rows(store, pair, docs, names, options).and_then(|rows| spooled(&rows));
                progress.step();
                rows
            })
            .collect::<Result<_>>()?;
        for (k, rows) in results.into_iter().enumerate() {
            let pair = (chunk_no * window + k) as u32;
            for (u, &hash) in rows.hashes.iter().enumerate() {
                let unit = u32::try_from(u).unwrap_or(NONE);
                seen.add(hash, Provenance { pair, unit })?;
            }
            spool.append(&rows)?;
        }
    }
    Ok((spool, seen))
}

/// Writing pass: write each unique unit once, with all its provenance.
fn write_units(
    spool: UnitSpool,
    mut seen: Seen,
    pairs: &[DocPair],
    names: &[String],
    exporter: &mut dyn Exporter,
    summary: &mut CorpusSummary,
) -> Result<()> {
    exporter.begin().map_err(crate::io::write_error)?;
    for unit in spool.read_back()? {
        let unit = unit?;
        if !unit.is_pair {
            summary.one_sided += 1;
        }
        // A duplicate is counted without parsing its row.
        let Some(provenance) = seen.take(unit.hash) else {
            summary.duplicates_removed += 1;
            continue;
        };
        let mut row = unit.row()?;
        row.copies = provenance.len();
        row.provenance = provenance
            .iter()
            .map(|p| {
                let pair = &pairs[p.pair as usize];
                format!(
                    "{} | {} | unit {}",
                    names[pair.en],
                    names[pair.fr],
                    p.unit + 1
                )
            })
            .collect();
        exporter.row(&row).map_err(crate::io::write_error)?;
    }
    let stats = exporter
        .finish(&summary.run_summary())
        .map_err(crate::io::write_error)?;
    summary.units_written = stats.written;
    Ok(())
}

/// Read and load one source.
fn load_source(source: &Source) -> std::result::Result<Document, Skipped> {
    let name = source.name();
    let skipped = |e: Error| Skipped {
        file: name.clone(),
        reason: match e {
            Error::Input { problem, .. } => problem.to_string(),
            other => other.to_string(),
        },
    };
    let doc = match source {
        Source::File(p) => load(&name, &read_input(p).map_err(skipped)?),
        Source::Text { bytes, .. } => load(&name, bytes),
    }
    .map_err(skipped)?;
    refuse_other_language(&doc).map_err(skipped)?;
    Ok(doc)
}

/// The rows of one document pair, its paragraphs read back from the store.
fn pair_rows(
    store: &ParagraphStore,
    pair: &DocPair,
    docs: &[LangDoc],
    names: &[String],
    options: &ExportOptions,
) -> Result<Vec<Row>> {
    let side = |k: usize| -> Result<Side> {
        let mut side = store.get(docs[k].stored)?;
        side.document = names[k].clone();
        Ok(side)
    };
    let alignment = align(side(pair.en)?, side(pair.fr)?, &Default::default());
    let sentences = (options.unit == Unit::Sentence).then(|| align_sentences(&alignment));
    Ok(export::rows_for(&alignment, sentences.as_ref(), options))
}

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
use crate::document::{Document, Lang, Paragraph};
use crate::error::{Error, Result};
use crate::export::{self, ExportOptions, Exporter, Row, Unit};
use crate::io::{Skipped, read_input};
use crate::pipeline::load;
use crate::text::letters;
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
    part: Part,
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
pub(crate) fn lang_docs(doc: &Document) -> Vec<LangDoc> {
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
    match source {
        Source::File(p) => load(&name, &read_input(p).map_err(skipped)?),
        Source::Text { bytes, .. } => load(&name, bytes),
    }
    .map_err(skipped)
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
        Ok(Side {
            document: names[k].clone(),
            lang: docs[k].lang,
            paragraphs: store.get(docs[k].stored)?,
        })
    };
    let alignment = align(side(pair.en)?, side(pair.fr)?, &Default::default());
    let sentences = (options.unit == Unit::Sentence).then(|| align_sentences(&alignment));
    Ok(export::rows_for(&alignment, sentences.as_ref(), options))
}

//! The whole pipeline on values: bytes → [`Document`] → [`Alignment`].
//!
//! [`load`] runs decode, segment and langid on one file's bytes; [`sides`] turns
//! one mixed document, or one English and one French document, into the two
//! [`Side`]s to align; [`Summary`] is what a run reports. Reading files and
//! writing outputs happen at the edges ([`crate::io`]).

use std::fmt;

use crate::align::{Alignment, Side};
use crate::decode;
use crate::document::{Document, Lang, Paragraph, ParagraphKind};
use crate::error::{Error, InputProblem, Result};
use crate::repair::{self, Repair};
use crate::{langid, segment};

/// Decode, segment and identify the language of one file's bytes.
///
/// `name` is how errors and outputs refer to the file.
///
/// # Errors
/// [`Error::Input`] when the bytes are not usable text.
pub fn load(name: &str, bytes: &[u8]) -> Result<Document> {
    load_limited(name, bytes, DEFAULT_MAX_PARAGRAPH)
}

/// The longest line `load` accepts by default, in bytes (`--max-paragraph`).
pub const DEFAULT_MAX_PARAGRAPH: usize = 8 << 20;

/// [`load`], refusing any line longer than `max_paragraph` bytes before doing
/// any work: a huge file with no line breaks is rarely text with paragraphs,
/// and would cost several times its size in memory.
///
/// # Errors
/// As [`load`], and [`InputProblem::ParagraphTooLong`].
pub fn load_limited(name: &str, bytes: &[u8], max_paragraph: usize) -> Result<Document> {
    let mut start = 0;
    for (line, end) in memchr::memchr_iter(b'\n', bytes)
        .chain(std::iter::once(bytes.len()))
        .enumerate()
    {
        if end - start > max_paragraph {
            return Err(Error::input(
                name,
                InputProblem::ParagraphTooLong {
                    line: line + 1,
                    bytes: end - start,
                    limit: max_paragraph,
                },
            ));
        }
        start = end + 1;
    }
    let decoded = decode::decode(bytes).map_err(|p| Error::input(name, p))?;
    // Repair before segmentation (whitespace folding, control removal) and
    // before language identification: mojibake makes English look French.
    let repaired = repair::repair(&decoded.text);
    let mut paragraphs = segment::segment(&repaired.text);
    count_repairs(&mut paragraphs, &repaired.repairs);
    if !paragraphs.iter().any(Paragraph::is_text) {
        return Err(Error::input(name, InputProblem::NoText));
    }
    langid::identify(&mut paragraphs);
    Ok(Document {
        name: name.to_string(),
        encoding: decoded.encoding,
        repairs: repaired.repairs,
        paragraphs,
    })
}

/// Attribute each repair to the paragraph whose span holds it. Both lists are
/// in text order, so one merge pass does it.
fn count_repairs(paragraphs: &mut [Paragraph], repairs: &[Repair]) {
    for r in repairs {
        if let Some(i) = holder(paragraphs, r.span.start) {
            paragraphs[i].repairs += 1;
        }
    }
}

/// The paragraph whose span holds byte `at`: the innermost one, since a page
/// number or running header inside a paragraph has its own span nested in the
/// paragraph's. Spans are in text order, so only paragraphs starting at or
/// before `at` are looked at, from the nearest.
pub fn holder(paragraphs: &[Paragraph], at: usize) -> Option<usize> {
    let end = paragraphs.partition_point(|p| p.span.start <= at);
    (0..end)
        .rev()
        .take(64)
        .filter(|&i| at < paragraphs[i].span.end.max(paragraphs[i].span.start + 1))
        .min_by_key(|&i| paragraphs[i].span.len())
}

/// Letters of text per language in a document, to find its main language.
fn main_language(doc: &Document) -> Option<Lang> {
    let mut letters = [0usize; 2];
    for p in doc.paragraphs.iter().filter(|p| p.is_text()) {
        if let Some(lang) = p.lang {
            letters[lang as usize] += p.text.chars().filter(|c| c.is_alphabetic()).count();
        }
    }
    match letters {
        [0, 0] => None,
        [en, fr] if en >= fr => Some(Lang::En),
        _ => Some(Lang::Fr),
    }
}

fn side(doc: &Document, lang: Lang, filter: impl Fn(&Paragraph) -> bool) -> Side {
    Side {
        document: doc.name.clone(),
        lang,
        paragraphs: doc
            .paragraphs
            .iter()
            .filter(|p| p.is_text() && filter(p))
            .cloned()
            .collect(),
    }
}

/// The English and French sides to align.
///
/// One document: its paragraphs split by language. Two documents, in either
/// order: each document is one side (all of its text paragraphs, whatever their
/// own language, so nothing is lost), its language the one most of its letters
/// are in.
///
/// # Errors
/// [`InputProblem::OneLanguage`] when one document holds one language only,
/// [`InputProblem::SameLanguage`] when two documents are in the same language,
/// and a usage error for any other number of documents.
pub fn sides(docs: &[Document]) -> Result<(Side, Side)> {
    match docs {
        [doc] => {
            let langs = doc.languages();
            if langs.len() < 2 {
                let lang = langs.first().map_or("no", |l| l.name());
                return Err(Error::input(
                    &doc.name,
                    InputProblem::OneLanguage(lang.to_string()),
                ));
            }
            Ok((
                side(doc, Lang::En, |p| p.lang == Some(Lang::En)),
                side(doc, Lang::Fr, |p| p.lang == Some(Lang::Fr)),
            ))
        }
        [a, b] => {
            let (la, lb) = (main_language(a), main_language(b));
            match (la, lb) {
                (Some(la), Some(lb)) if la != lb => {
                    let (en, fr) = if la == Lang::En { (a, b) } else { (b, a) };
                    Ok((side(en, Lang::En, |_| true), side(fr, Lang::Fr, |_| true)))
                }
                (Some(l), Some(_)) => Err(Error::input(
                    &b.name,
                    InputProblem::SameLanguage(l.name().to_string()),
                )),
                _ => Err(Error::input(&a.name, InputProblem::NoText)),
            }
        }
        _ => Err(Error::Usage(format!(
            "align takes one document holding both languages, or two documents (one English, one French); got {}",
            docs.len()
        ))),
    }
}

/// Noise dropped from a document: not text, reported with its reason.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Dropped {
    /// The document.
    pub document: String,
    /// Source lines (1-based, end exclusive).
    pub lines: std::ops::Range<usize>,
    /// Why it is not text.
    pub reason: String,
}

/// What a run of `align` did, for the report on standard error.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    /// Units in the alignment.
    pub units: usize,
    /// Two-sided units.
    pub pairs: usize,
    /// English paragraphs with no French counterpart.
    pub english_only: usize,
    /// French paragraphs with no English counterpart.
    pub french_only: usize,
    /// Units written to the output.
    pub written: usize,
    /// One-sided units the format left out (TMX).
    pub skipped_one_sided: usize,
    /// Encoding repairs made to the inputs.
    pub repairs: usize,
    /// Pairs left out because they scored under `--min-score`.
    pub below_min_score: usize,
    /// Consistency findings carried into the output (`--check`).
    pub findings: usize,
    /// Characters the output format cannot hold, removed.
    pub removed_chars: usize,
    /// Noise lines dropped, with reasons.
    pub dropped: Vec<Dropped>,
}

impl Summary {
    /// Summarise an alignment of `docs`.
    pub fn new(docs: &[Document], alignment: &Alignment) -> Self {
        let units = &alignment.units;
        let dropped = docs
            .iter()
            .flat_map(|d| {
                d.paragraphs
                    .iter()
                    .filter(|p| p.kind == ParagraphKind::Noise)
                    .map(|p| Dropped {
                        document: d.name.clone(),
                        lines: p.lines.clone(),
                        reason: p.reason.clone().unwrap_or_default(),
                    })
            })
            .collect();
        Summary {
            units: units.len(),
            pairs: units.iter().filter(|u| u.is_pair()).count(),
            english_only: units.iter().filter(|u| u.fr.is_empty()).count(),
            french_only: units.iter().filter(|u| u.en.is_empty()).count(),
            written: 0,
            skipped_one_sided: 0,
            repairs: docs.iter().map(|d| d.repairs.len()).sum(),
            below_min_score: 0,
            findings: 0,
            removed_chars: 0,
            dropped,
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "natalign: {} units: {} pairs, {} English only, {} French only; {} written",
            self.units, self.pairs, self.english_only, self.french_only, self.written
        )?;
        if self.skipped_one_sided > 0 {
            write!(
                f,
                " ({} one-sided units not written: TMX holds pairs only; use CSV to see them)",
                self.skipped_one_sided
            )?;
        }
        if self.below_min_score > 0 {
            write!(
                f,
                "; {} pairs under --min-score left out",
                self.below_min_score
            )?;
        }
        if self.findings > 0 {
            write!(
                f,
                "; {} consistency findings noted in the output",
                self.findings
            )?;
        }
        if self.removed_chars > 0 {
            write!(
                f,
                "; {} characters the format cannot hold removed",
                self.removed_chars
            )?;
        }
        if self.repairs > 0 {
            write!(
                f,
                "\nnatalign: {} encoding repairs (the `repairs` column / x-repairs prop marks the units; `natalign inspect` lists them)",
                self.repairs
            )?;
        }
        if !self.dropped.is_empty() {
            // Group consecutive reasons per document for a short report.
            let mut groups: Vec<(String, String, Vec<usize>)> = Vec::new();
            for d in &self.dropped {
                match groups.last_mut() {
                    Some((doc, reason, lines)) if *doc == d.document && *reason == d.reason => {
                        lines.push(d.lines.start)
                    }
                    _ => groups.push((d.document.clone(), d.reason.clone(), vec![d.lines.start])),
                }
            }
            write!(f, "\nnatalign: {} noise lines dropped:", self.dropped.len())?;
            for (doc, reason, lines) in groups {
                let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
                write!(f, "\n  {doc}: {reason} (line {})", lines.join(", "))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_after_a_nested_page_number_count_for_their_paragraph() {
        // Regression: a page number inside a paragraph has a span nested in the
        // paragraph's; a repair after it belongs to the paragraph, not to the
        // page number.
        let text = "1. The Alliance is affected by both\n\n12\n\nnon-state actorsâ views and by the Alliesâ partners.\n";
        let doc = load("t", text.as_bytes()).unwrap();
        let kinds: Vec<(ParagraphKind, usize)> =
            doc.paragraphs.iter().map(|p| (p.kind, p.repairs)).collect();
        assert_eq!(
            kinds,
            [(ParagraphKind::Numbered, 2), (ParagraphKind::Noise, 0)]
        );
        assert!(doc.paragraphs[0].text.contains("actors’ views"));
    }
}

//! A reviser's glossary: English terms and the French equivalents the
//! translation must use (`--glossary FILE`), for `check` (rule
//! `term-missing`) and as an alignment cue.
//!
//! Input: the bytes of a glossary file, CSV (`en,fr[,severity][,note]`, see
//! [`csv`]) or TBX (TBX 2.0 `<martif>`, TBX 3.0 `<tbx>`, read by
//! [`crate::import::tbx`]), told apart by content: an XML root makes it TBX,
//! whatever the file's name. Output: a [`Glossary`] of [`Entry`]s (one per
//! English term: its French equivalents, a severity, a note) that finds its
//! terms in a text ([`Glossary::find`], [`Glossary::entries_in`]).
//! Guarantees:
//! - a file that cannot be used is a [`GlossaryError`] naming the line and
//!   the problem, never a glossary missing what it could not read;
//! - rows repeating an English term add equivalents to one entry (the more
//!   severe severity and every note kept);
//! - matching is whole words, typography folded, case-sensitive for acronyms
//!   only, accents kept, plurals and French elision tolerated
//!   (the `matching` module says exactly how; docs/CHECKS.md too).

pub mod csv;
mod matching;

use std::ops::Range;
use std::path::Path;

use crate::check::Severity;
use crate::document::Lang;
use crate::error::{Error, InputProblem, Result};
use crate::import::tbx;

use matching::{Pattern, PatternSet, Words};

/// One English term and the French that translates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The English term, as the glossary writes it.
    pub en: String,
    /// Its French equivalents, any of which will do.
    pub fr: Vec<String>,
    /// The severity of a `term-missing` finding on it.
    pub severity: Severity,
    /// The glossary's note, shown with the finding.
    pub note: Option<String>,
    /// The line of the file it comes from (1-based; its first row).
    pub line: usize,
}

/// A glossary file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct GlossaryError {
    /// The 1-based line of the problem, when it has one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl GlossaryError {
    /// A problem at `line`.
    pub fn at(line: usize, message: impl Into<String>) -> GlossaryError {
        GlossaryError {
            line: Some(line),
            message: message.into(),
        }
    }

    /// A problem with the whole file.
    pub fn file(message: impl Into<String>) -> GlossaryError {
        GlossaryError {
            line: None,
            message: message.into(),
        }
    }
}

/// A glossary term found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the entry in [`Glossary::entries`].
    pub entry: usize,
    /// Byte range of the text that matched.
    pub span: Range<usize>,
}

/// The entries of a glossary, compiled for matching.
#[derive(Debug, Clone, PartialEq)]
pub struct Glossary {
    entries: Vec<Entry>,
    /// English terms, each standing for its entry.
    en: PatternSet,
    /// French equivalents, each standing for its entry.
    fr: PatternSet,
}

/// The format of a glossary file, from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-, semicolon- or tab-separated values.
    Csv,
    /// TermBase eXchange (XML).
    Tbx,
}

impl Glossary {
    /// A glossary of `entries`: rows repeating an English term are merged.
    ///
    /// # Errors
    /// An entry whose English term or French equivalent has no letter or
    /// digit (nothing to find), naming its line.
    pub fn new(entries: Vec<Entry>) -> Result<Glossary, GlossaryError> {
        let mut merged: Vec<Entry> = Vec::with_capacity(entries.len());
        let mut by_term: rustc_hash::FxHashMap<String, usize> = Default::default();
        for e in entries {
            let key = crate::text::normalize(&e.en);
            match by_term.get(&key) {
                Some(&k) => {
                    let m = &mut merged[k];
                    for f in e.fr {
                        if !m.fr.contains(&f) {
                            m.fr.push(f);
                        }
                    }
                    m.severity = m.severity.max(e.severity);
                    m.note = match (m.note.take(), e.note) {
                        (Some(a), Some(b)) if a != b => Some(format!("{a}; {b}")),
                        (a, b) => a.or(b),
                    };
                }
                None => {
                    by_term.insert(key, merged.len());
                    merged.push(e);
                }
            }
        }
        let (mut en, mut fr) = (PatternSet::default(), PatternSet::default());
        for (k, e) in merged.iter().enumerate() {
            let nothing = |what: &str, term: &str| {
                GlossaryError::at(
                    e.line,
                    format!("the {what} “{term}” has no letter or digit to look for"),
                )
            };
            en.add(
                Pattern::new(&e.en, Lang::En).ok_or_else(|| nothing("English term", &e.en))?,
                k,
            );
            for f in &e.fr {
                fr.add(
                    Pattern::new(f, Lang::Fr).ok_or_else(|| nothing("French equivalent", f))?,
                    k,
                );
            }
        }
        Ok(Glossary {
            entries: merged,
            en,
            fr,
        })
    }

    /// Read a glossary from a file's bytes, CSV or TBX (see [`format_of`]).
    ///
    /// # Errors
    /// A [`GlossaryError`] for bytes that are not text, a malformed file, a
    /// row or entry that cannot be used, or a file with no entry.
    ///
    /// ```
    /// use natalign::document::Lang;
    /// use natalign::glossary::Glossary;
    /// let g = Glossary::parse("en,fr\nNorth Atlantic Council,Conseil de l'Atlantique Nord\n".as_bytes())?;
    /// assert_eq!(g.entries()[0].fr, ["Conseil de l'Atlantique Nord"]);
    /// assert_eq!(g.entries_in("Au Conseil de l’Atlantique\u{a0}Nord", Lang::Fr), [0]);
    /// # Ok::<(), natalign::glossary::GlossaryError>(())
    /// ```
    pub fn parse(bytes: &[u8]) -> Result<Glossary, GlossaryError> {
        let decoded =
            crate::decode::decode(bytes).map_err(|p| GlossaryError::file(p.to_string()))?;
        let text = decoded.text;
        let entries = match format_of(&text)? {
            Format::Csv => csv::read(&text)?,
            Format::Tbx => from_tbx(&text)?,
        };
        if entries.is_empty() {
            return Err(GlossaryError::file(
                "no entry with both an English term and a French equivalent",
            ));
        }
        Glossary::new(entries)
    }

    /// Read the glossary file at `path` (`-`: standard input).
    ///
    /// # Errors
    /// [`Error::Input`]: a missing or unreadable file, or
    /// [`InputProblem::BadGlossary`] saying where and why.
    pub fn load(path: &Path) -> Result<Glossary> {
        let bytes = crate::io::read_input(path)?;
        Glossary::parse(&bytes)
            .map_err(|e| Error::input(path, InputProblem::BadGlossary(e.to_string())))
    }

    /// The entries, in file order (repeated terms merged).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every glossary term in `text`, in text order: the English terms when
    /// `lang` is English, the French equivalents when French (a hit's entry
    /// is the one the equivalent belongs to).
    pub fn find(&self, text: &str, lang: Lang) -> Vec<Hit> {
        let set = match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        };
        set.find(&Words::new(text))
            .into_iter()
            .map(|(entry, span)| Hit { entry, span })
            .collect()
    }

    /// The entries found in `text` (as [`Glossary::find`]), sorted, each
    /// once.
    pub fn entries_in(&self, text: &str, lang: Lang) -> Vec<usize> {
        let mut ids: Vec<usize> = self.find(text, lang).into_iter().map(|h| h.entry).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// The format of a glossary's text: TBX when it is XML whose root is
/// `<tbx>` or `<martif>`, CSV when it is not XML.
///
/// # Errors
/// XML whose root is another element.
pub fn format_of(text: &str) -> Result<Format, GlossaryError> {
    match tbx::root(text) {
        None => Ok(Format::Csv),
        Some(root) if tbx::is_tbx_root(&root) => Ok(Format::Tbx),
        Some(root) => Err(GlossaryError::file(format!(
            "an XML file whose root is <{root}>, not a TBX glossary (<tbx> or <martif>)"
        ))),
    }
}

/// The entries of a TBX file: one per English term of a concept, with the
/// concept's French terms that are not deprecated.
fn from_tbx(text: &str) -> Result<Vec<Entry>, GlossaryError> {
    let concepts = tbx::read(text).map_err(|e| GlossaryError {
        line: Some(e.line),
        message: e.message,
    })?;
    let mut entries = Vec::new();
    for c in concepts {
        let severity = match c.severity.as_deref() {
            None => Severity::Warning,
            Some(s) => parse_severity(s).ok_or_else(|| {
                GlossaryError::at(
                    c.line,
                    format!("severity must be error or warning, not “{s}”"),
                )
            })?,
        };
        let fr: Vec<String> = c
            .terms(Lang::Fr)
            .filter(|t| !t.deprecated)
            .map(|t| t.text.clone())
            .collect();
        if fr.is_empty() {
            // A concept of a multilingual termbase without usable French.
            continue;
        }
        for t in c.terms(Lang::En) {
            entries.push(Entry {
                en: t.text.clone(),
                fr: fr.clone(),
                severity,
                note: c.note.clone(),
                line: t.line,
            });
        }
    }
    Ok(entries)
}

/// `error` or `warning` (and their French names), any case.
pub(crate) fn parse_severity(s: &str) -> Option<Severity> {
    match s.trim().to_lowercase().as_str() {
        "error" | "erreur" => Some(Severity::Error),
        "warning" | "avertissement" => Some(Severity::Warning),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_terms_are_one_entry() {
        let g = Glossary::parse(
            "Council,Conseil,warning,first\nCouncil,Comité,error,second\nNATO,OTAN\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(g.entries().len(), 2);
        let e = &g.entries()[0];
        assert_eq!(e.fr, ["Conseil", "Comité"]);
        assert_eq!(e.severity, Severity::Error);
        assert_eq!(e.note.as_deref(), Some("first; second"));
        assert_eq!(g.entries_in("le Comité", Lang::Fr), [0]);
    }

    #[test]
    fn format_is_told_by_content() {
        assert_eq!(format_of("en,fr\n").unwrap(), Format::Csv);
        assert_eq!(
            format_of("\u{feff}<?xml version=\"1.0\"?>\n<!-- x -->\n<tbx type=\"TBX-Basic\">")
                .unwrap(),
            Format::Tbx
        );
        assert_eq!(format_of("<martif type=\"TBX\">").unwrap(), Format::Tbx);
        let err = format_of("<?xml version=\"1.0\"?><html></html>").unwrap_err();
        assert!(err.message.contains("root is <html>"), "{err}");
    }

    #[test]
    fn bad_files_say_why() {
        for (bytes, says) in [
            (&b""[..], "file is empty"),
            (b"%PDF-1.4 ...", "PDF"),
            (b"en,fr\n", "no entry"),
            (b"NATO,OTAN\n---,OTAN\n", "line 2: the English term"),
        ] {
            let err = Glossary::parse(bytes).unwrap_err().to_string();
            assert!(err.contains(says), "{err}");
        }
    }

    #[test]
    fn finds_terms_with_their_spans() {
        let g = Glossary::parse(
            "North Atlantic Treaty,Traité de l'Atlantique Nord\nCouncil,Conseil\n".as_bytes(),
        )
        .unwrap();
        let text = "the Council established under the North Atlantic Treaty";
        let hits = g.find(text, Lang::En);
        let found: Vec<(usize, &str)> = hits
            .iter()
            .map(|h| (h.entry, &text[h.span.clone()]))
            .collect();
        assert_eq!(found, [(1, "Council"), (0, "North Atlantic Treaty")]);
        assert_eq!(
            g.entries_in(
                "le Conseil prévu à l’Article 9 du Traité de l’Atlantique Nord",
                Lang::Fr
            ),
            [0, 1]
        );
    }
}

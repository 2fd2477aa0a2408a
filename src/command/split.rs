//! `natalign split`: write the English and the French parts of a mixed file
//! as two files, `STEM.en.txt` and `STEM.fr.txt`.
//!
//! Each part holds that language's text paragraphs in order, with their printed
//! labels, one blank line between paragraphs. Noise is left out and reported.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::SplitConfig;
use crate::document::{Document, Lang, Paragraph};
use crate::error::{Error, InputProblem, Result};
use crate::io::{Output, is_std, read_input, write_error};
use crate::pipeline::{load, refuse_other_language};

/// What `split` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitReport {
    /// The files written, English first, with their paragraph counts.
    pub written: Vec<(PathBuf, usize)>,
    /// Noise paragraphs left out.
    pub noise: usize,
    /// Paragraphs in other languages left out, and their languages (codes).
    pub other: (usize, Vec<String>),
}

/// The text of one language's part.
pub fn part(doc: &Document, lang: Lang) -> (String, usize) {
    let paras: Vec<String> = doc
        .paragraphs
        .iter()
        .filter(|p| p.is_text() && p.lang == Some(lang))
        .map(Paragraph::printed)
        .collect();
    (paras.join("\n\n") + "\n", paras.len())
}

/// Run `split`.
///
/// # Errors
/// Input errors (including a file in one language only) and output errors.
pub fn run(config: &SplitConfig) -> Result<SplitReport> {
    let bytes = read_input(&config.input)?;
    let name = config.input.display().to_string();
    let doc = load(&name, &bytes)?;
    refuse_other_language(&doc)?;
    if doc.languages().len() < 2 {
        let lang = doc.languages().first().map_or("no", |l| l.name());
        return Err(Error::input(
            &config.input,
            InputProblem::NotMixed(lang.to_string()),
        ));
    }
    let stem = if is_std(&config.input) {
        "stdin".to_string()
    } else {
        config
            .input
            .file_stem()
            .map_or_else(|| "split".to_string(), |s| s.to_string_lossy().into_owned())
    };
    let dir = config.out_dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let parts = [part(&doc, Lang::En), part(&doc, Lang::Fr)];
    let paths: Vec<PathBuf> = [Lang::En, Lang::Fr]
        .iter()
        .map(|l| dir.join(format!("{stem}.{}.txt", l.code())))
        .collect();
    let mut out = Output::files(&paths, std::slice::from_ref(&config.input))?;
    let result = out
        .writers()
        .iter_mut()
        .zip(&parts)
        .try_for_each(|(file, (text, _))| file.write_all(text.as_bytes()))
        .map_err(write_error);
    out.finish(result)?;
    Ok(SplitReport {
        written: paths
            .into_iter()
            .zip(parts.iter().map(|(_, n)| *n))
            .collect(),
        noise: doc.paragraphs.iter().filter(|p| !p.is_text()).count(),
        other: {
            let codes: Vec<&String> = doc
                .paragraphs
                .iter()
                .filter_map(|p| p.other.as_ref())
                .collect();
            let mut langs: Vec<String> = Vec::new();
            for c in &codes {
                if !langs.contains(c) {
                    langs.push((*c).clone());
                }
            }
            (codes.len(), langs)
        },
    })
}

impl std::fmt::Display for SplitReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .written
            .iter()
            .map(|(p, n)| format!("{} ({n} paragraphs)", Path::new(p).display()))
            .collect();
        write!(f, "natalign: wrote {}", parts.join(", "))?;
        if self.noise > 0 {
            write!(f, "; {} noise lines left out", self.noise)?;
        }
        if self.other.0 > 0 {
            write!(
                f,
                "; {} paragraphs in other languages ({}) left out",
                self.other.0,
                self.other.1.join(", ")
            )?;
        }
        Ok(())
    }
}

//! `natalign align`: one mixed document, or an English and a French document,
//! into aligned units in a data format.

use std::io::Write;
use std::path::PathBuf;

use crate::align::sentence::align_sentences;
use crate::align::{AlignOptions, align, check_forced, forced};
use crate::check;
use crate::config::AlignConfig;
use crate::error::{Error, InputProblem, Result};
use crate::export::{self, Unit};
use crate::io::{read_input, write_output, write_outputs};
use crate::pipeline::{Summary, load_limited, sides};

/// Run `align`: read, align, write. Returns the run's summary.
///
/// # Errors
/// Input, usage and output errors; nothing is written when an input fails.
pub fn run(config: &AlignConfig) -> Result<Summary> {
    let docs = config
        .inputs
        .iter()
        .map(|path| {
            let bytes = read_input(path)?;
            load_limited(&path.display().to_string(), &bytes, config.max_paragraph)
        })
        .collect::<Result<Vec<_>>>()?;
    let (en, fr) = sides(&docs)?;
    let mut options = AlignOptions::default();
    if let Some(path) = &config.anchors {
        let text = String::from_utf8(read_input(path)?)
            .map_err(|_| Error::input(path, InputProblem::BadAnchors("not UTF-8 text".into())))?;
        let bad = |why| Error::input(path, InputProblem::BadAnchors(why));
        options.forced = forced::parse(&text, &en, &fr).map_err(bad)?;
        check_forced(&options.forced, en.paragraphs.len(), fr.paragraphs.len()).map_err(bad)?;
    }
    let mut alignment = align(en, fr, &options);
    let mut summary = Summary::new(&docs, &alignment);
    if let Some(min) = config.min_score {
        let before = alignment.units.len();
        alignment.units.retain(|u| !u.is_pair() || u.score >= min);
        summary.below_min_score = before - alignment.units.len();
    }
    let sentences = (config.export.unit == Unit::Sentence).then(|| align_sentences(&alignment));
    if let Some(s) = &sentences {
        // The summary counts what is written: sentence units.
        summary.units = s.units.len();
        summary.pairs = s
            .units
            .iter()
            .filter(|u| !u.en.is_empty() && !u.fr.is_empty())
            .count();
        summary.english_only = s.units.iter().filter(|u| u.fr.is_empty()).count();
        summary.french_only = s.units.iter().filter(|u| u.en.is_empty()).count();
    }
    let mut rows = export::rows_for(&alignment, sentences.as_ref());
    if config.check {
        // Findings of each paragraph unit go with its rows.
        let units = check::units_of(&alignment);
        let notes: Vec<Vec<String>> = units
            .iter()
            .map(|u| {
                check::check_unit(u)
                    .iter()
                    .map(ToString::to_string)
                    .collect()
            })
            .collect();
        summary.findings = notes.iter().map(Vec::len).sum();
        match &sentences {
            Some(s) => {
                for (row, unit) in rows.iter_mut().zip(&s.units) {
                    row.notes = notes[unit.unit].clone();
                }
            }
            None => {
                for (row, n) in rows.iter_mut().zip(notes) {
                    row.notes = n;
                }
            }
        }
    }
    let stats = match config.output.as_deref() {
        Some(path) if export::Format::files(config.format, path).len() > 1 => {
            let paths: Vec<PathBuf> = config.format.files(path);
            write_outputs(&paths, &config.inputs, |files| {
                let outs: Vec<Box<dyn Write + '_>> = files
                    .iter_mut()
                    .map(|f| Box::new(f) as Box<dyn Write>)
                    .collect();
                export::write_rows(config.format, &rows, &config.export, outs)
            })?
        }
        output => write_output(output, &config.inputs, |w| {
            export::write_rows(config.format, &rows, &config.export, vec![Box::new(w)])
        })?,
    };
    summary.written = stats.written;
    summary.skipped_one_sided = stats.skipped_one_sided;
    summary.removed_chars = stats.removed_chars;
    Ok(summary)
}

//! `natalign align`: one mixed document, or an English and a French document,
//! into aligned units in a data format.

use crate::align::sentence::align_sentences;
use crate::align::{AlignOptions, align, check_forced, forced};
use crate::config::AlignConfig;
use crate::error::{Error, InputProblem, Result};
use crate::export::{self, ExportOptions, Unit};
use crate::io::{read_input, write_output};
use crate::pipeline::{Summary, load, sides};

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
            load(&path.display().to_string(), &bytes)
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
    let options = ExportOptions {
        creation_time: config.creation_time,
    };
    let sentences = (config.unit == Unit::Sentence).then(|| align_sentences(&alignment));
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
    let stats = write_output(
        config.output.as_deref(),
        &config.inputs,
        |w| match &sentences {
            None => export::write(config.format, &alignment, &options, w),
            Some(s) => export::write_sentences(config.format, &alignment, s, &options, w),
        },
    )?;
    summary.written = stats.written;
    summary.skipped_one_sided = stats.skipped_one_sided;
    Ok(summary)
}

//! `natalign align`: one mixed document, or an English and a French document,
//! into aligned units in a data format.

use crate::align::align;
use crate::align::sentence::align_sentences;
use crate::config::AlignConfig;
use crate::error::Result;
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
    let alignment = align(en, fr, &Default::default());
    let mut summary = Summary::new(&docs, &alignment);
    let options = ExportOptions {
        creation_time: config.creation_time,
    };
    let sentences = (config.unit == Unit::Sentence).then(|| align_sentences(&alignment));
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

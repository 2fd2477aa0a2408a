//! `natalign corpus`: folders and files in, one deduplicated parallel corpus
//! out (see [`crate::corpus`]).
//!
//! With `jsonl_in`, documents come as JSON lines on standard input, each
//! `{"path": "FILE"}` or `{"name": "NAME", "text": "TEXT"}`, so an outside
//! engine (GNU parallel, Spark `RDD.pipe`) can run natalign as a map step.

use std::io::BufRead;
use std::path::PathBuf;

use serde::Deserialize;

use super::data_output;
use crate::config::CorpusConfig;
use crate::corpus::{self, CorpusSummary, Progress, Source};
use crate::error::{Error, InputProblem, Result};
use crate::export;
use crate::io::{walk, write_to};

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonDoc {
    Path { path: PathBuf },
    Text { name: String, text: String },
}

fn stdin_sources() -> Result<Vec<Source>> {
    let stdin = std::io::stdin();
    let mut out = Vec::new();
    for (n, line) in stdin.lock().lines().enumerate() {
        let bad = |why: String| {
            Error::input(
                "-",
                InputProblem::Unreadable(format!("line {}: {why}", n + 1)),
            )
        };
        let line = line.map_err(|e| bad(e.to_string()))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: JsonDoc = serde_json::from_str(&line).map_err(|e| {
            bad(format!(
                "expected {{\"path\": …}} or {{\"name\": …, \"text\": …}}: {e}"
            ))
        })?;
        out.push(match doc {
            JsonDoc::Path { path } => Source::File(path),
            JsonDoc::Text { name, text } => Source::Text {
                name,
                bytes: text.into_bytes(),
            },
        });
    }
    Ok(out)
}

/// Run `corpus`.
///
/// # Errors
/// Usage errors (nothing to read), output errors.
pub fn run(config: &CorpusConfig, progress: &dyn Progress) -> Result<CorpusSummary> {
    let (sources, skipped) = if config.jsonl_in {
        (stdin_sources()?, Vec::new())
    } else {
        let (files, skipped) = walk(&config.inputs);
        (files.into_iter().map(Source::File).collect(), skipped)
    };
    if sources.is_empty() {
        return Err(Error::Usage("no files to read".into()));
    }
    let inputs: Vec<PathBuf> = sources
        .iter()
        .filter_map(|s| match s {
            Source::File(p) => Some(p.clone()),
            Source::Text { .. } => None,
        })
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {} threads: {e}", config.threads)))?;
    let mut out = data_output(config.output.as_deref(), config.format, &inputs)?;
    let result = pool.install(|| {
        let mut exporter = export::exporter(config.format, &config.export, out.writers());
        corpus::run(sources, config.export.unit, &mut *exporter, progress)
    });
    let mut summary = out.finish(result)?;
    summary.skipped.splice(0..0, skipped);
    if let Some(path) = &config.json_summary {
        write_to(Some(path), &inputs, |w| {
            serde_json::to_writer_pretty(&mut *w, &summary)?;
            writeln!(w)
        })?;
    }
    Ok(summary)
}

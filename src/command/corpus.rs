//! `natalign corpus`: folders and files in, one deduplicated parallel corpus
//! out (see [`crate::corpus`]).
//!
//! With `jsonl_in`, documents come as JSON lines on standard input, each
//! `{"path": "FILE"}` or `{"name": "NAME", "text": "TEXT"}`, so an outside
//! engine (GNU parallel, Spark `RDD.pipe`) can run natalign as a map step.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use serde::Deserialize;

use crate::config::CorpusConfig;
use crate::corpus::{self, CorpusSummary, Progress, Source};
use crate::error::{Error, InputProblem, Result};
use crate::io::{write_output, write_outputs};

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
        let (files, skipped) = corpus::walk(&config.inputs);
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
    let mut summary = pool.install(|| match config.output.as_deref() {
        Some(path) if config.format.files(path).len() > 1 => {
            let paths = config.format.files(path);
            write_outputs(&paths, &inputs, move |files| {
                let outs: Vec<Box<dyn Write + '_>> = files
                    .iter_mut()
                    .map(|f| Box::new(f) as Box<dyn Write>)
                    .collect();
                corpus::run(sources, config.format, &config.export, outs, progress)
                    .map_err(std::io::Error::other)
            })
        }
        output => write_output(output, &inputs, move |w| {
            corpus::run(
                sources,
                config.format,
                &config.export,
                vec![Box::new(w)],
                progress,
            )
            .map_err(std::io::Error::other)
        }),
    })?;
    summary.skipped.splice(0..0, skipped);
    if let Some(path) = &config.json_summary {
        write_output(Some(path), &inputs, |w| {
            serde_json::to_writer_pretty(&mut *w, &summary)?;
            writeln!(w)
        })?;
    }
    Ok(summary)
}

impl std::fmt::Display for CorpusSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "natalign corpus: {} files read, {} skipped; {} English and {} French documents; {} pairs; {} unpaired",
            self.files_read,
            self.skipped.len(),
            self.english_documents,
            self.french_documents,
            self.pairs.len(),
            self.unpaired.len()
        )?;
        for s in &self.skipped {
            writeln!(f, "  skipped {}: {}", s.file, s.reason)?;
        }
        for (en, fr, score) in &self.pairs {
            writeln!(f, "  paired {en} with {fr} (score {score:.2})")?;
        }
        for u in &self.unpaired {
            writeln!(f, "  no counterpart: {u}")?;
        }
        write!(
            f,
            "natalign corpus: {} units written, {} duplicates removed, {} one-sided, {} repairs, {:.2} s",
            self.units_written, self.duplicates_removed, self.one_sided, self.repairs, self.seconds
        )
    }
}

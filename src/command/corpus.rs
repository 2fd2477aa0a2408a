//! `natalign corpus`: folders and files in, one deduplicated parallel corpus
//! out (see [`crate::corpus`]).
//!
//! With `jsonl_in`, documents come as JSON lines on standard input, each
//! `{"path": "FILE"}` or `{"name": "NAME", "text": "TEXT"}`, so an outside
//! engine (GNU parallel, Spark `RDD.pipe`) can run natalign as a map step.

use std::io::BufRead;
use std::path::PathBuf;

use super::data_output;
use crate::config::CorpusConfig;
use crate::corpus::{self, CorpusSummary, Progress, Source};
use crate::error::{Error, InputProblem, Result};
use crate::export;
use crate::io::{FileFilter, Skipped, walk, write_to};

/// The documents of `--jsonl-in` on standard input; a line that is not a
/// document is passed over and reported, as a bad file is.
fn stdin_sources() -> Result<(Vec<Source>, Vec<Skipped>)> {
    let (mut sources, mut skipped) = (Vec::new(), Vec::new());
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line.map_err(|e| {
            Error::input(
                "-",
                InputProblem::Unreadable(format!("line {}: {e}", n + 1)),
            )
        })?;
        if line.trim().is_empty() {
            continue;
        }
        match json_source(&line) {
            Ok(source) => sources.push(source),
            Err(reason) => skipped.push(Skipped {
                file: format!("standard input, line {}", n + 1),
                reason,
            }),
        }
    }
    Ok((sources, skipped))
}

/// One `--jsonl-in` line: `{"path": "FILE"}` or `{"name": "NAME", "text":
/// "TEXT"}`; otherwise why not.
fn json_source(line: &str) -> std::result::Result<Source, String> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("not JSON ({e})"))?;
    let serde_json::Value::Object(doc) = value else {
        return Err(
            "not a JSON object; expected {\"path\": …} or {\"name\": …, \"text\": …}".into(),
        );
    };
    let field = |key: &str| match doc.get(key) {
        None => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("\"{key}\" is not a string")),
    };
    match (field("path")?, field("name")?, field("text")?) {
        (Some(path), None, None) => Ok(Source::File(PathBuf::from(path))),
        (None, Some(name), Some(text)) => Ok(Source::Text {
            name,
            bytes: text.into_bytes(),
        }),
        (Some(_), _, _) => {
            Err("\"path\" given with \"name\" or \"text\"; give one or the other".into())
        }
        (None, None, Some(_)) => Err("\"text\" without a \"name\"".into()),
        (None, Some(_), None) => Err("\"name\" without a \"text\"".into()),
        (None, None, None) => Err("neither \"path\" nor \"name\" and \"text\"".into()),
    }
}

/// Run `corpus`.
///
/// # Errors
/// An input error for a path named on the command line that cannot be read,
/// or when nothing readable remains (no output is written then); usage errors
/// (a bad glob); output errors.
pub fn run(config: &CorpusConfig, progress: &dyn Progress) -> Result<CorpusSummary> {
    let (sources, skipped, excluded) = if config.jsonl_in {
        let (sources, skipped) = stdin_sources()?;
        (sources, skipped, 0)
    } else {
        let filter = FileFilter::new(&config.include, &config.exclude)?;
        let walked = walk(&config.inputs, &filter)?;
        let sources = walked.files.into_iter().map(Source::File).collect();
        (sources, walked.skipped, walked.excluded)
    };
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
        corpus::run(sources, &config.export, &mut *exporter, progress)
    });
    let result = result.and_then(|mut summary| {
        summary.skipped.splice(0..0, skipped);
        summary.excluded = excluded;
        match summary.files_read {
            0 => Err(nothing_readable(config, &summary)),
            _ => Ok(summary),
        }
    });
    let summary = out.finish(result)?;
    if let Some(path) = &config.json_summary {
        write_to(Some(path), &inputs, |w| {
            serde_json::to_writer_pretty(&mut *w, &summary)?;
            writeln!(w)
        })?;
    }
    Ok(summary)
}

/// The error of a run that found nothing to read, naming what it was given
/// and why each of the first files was passed over.
fn nothing_readable(config: &CorpusConfig, summary: &CorpusSummary) -> Error {
    let named = if config.jsonl_in {
        "-".to_string()
    } else {
        let roots: Vec<String> = config
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        roots.join(", ")
    };
    let mut why = match summary.skipped.len() {
        0 => "no files found".to_string(),
        n => {
            let first: Vec<String> = summary
                .skipped
                .iter()
                .take(3)
                .map(|s| format!("{}: {}", s.file, s.reason))
                .collect();
            let more = if n > 3 { "; …" } else { "" };
            format!("{n} passed over ({}{more})", first.join("; "))
        }
    };
    if summary.excluded > 0 {
        why.push_str(&format!(
            ", {} excluded by --include/--exclude",
            summary.excluded
        ));
    }
    Error::input(named, InputProblem::NoDocuments(why))
}

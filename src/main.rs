//! The `natalign` binary: parse arguments, build a plain config, call the
//! library, map the result to an exit code.

mod cli;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode as ProcessExit;

use clap::Parser;
use natalign::config::{
    AlignConfig, CheckConfig, CorpusConfig, FailOn, InspectConfig, SplitConfig,
};
use natalign::error::{Error, ExitCode};
use natalign::export::tmx::check_lang;
use natalign::export::{ExportOptions, Format, Unit};

use cli::{
    AlignArgs, CheckArgs, Cli, Command, CorpusArgs, FailOnArg, FormatArg, OutputArgs, UnitArg,
};

fn main() -> ProcessExit {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Align(args) => align(args),
        Command::Inspect(args) => natalign::command::inspect::run(&InspectConfig {
            input: args.input,
            json: args.json,
        }),
        Command::Check(args) => return check(args),
        Command::Corpus(args) => corpus(args),
        Command::Split(args) => {
            let config = SplitConfig {
                input: args.input,
                out_dir: args.out_dir,
            };
            natalign::command::split::run(&config).map(|report| {
                if !args.quiet {
                    let _ = writeln!(io::stderr(), "{report}");
                }
            })
        }
    };
    match result {
        Ok(()) => ProcessExit::from(ExitCode::OK),
        Err(err) => exit_with(err),
    }
}

/// The format and export options the output arguments ask for.
fn output_options(out: &OutputArgs) -> Result<(Format, ExportOptions), Error> {
    let format = match out.format {
        Some(FormatArg::Tmx) => Format::Tmx,
        Some(FormatArg::Csv) => Format::Csv,
        Some(FormatArg::Tsv) => Format::Tsv,
        Some(FormatArg::Jsonl) => Format::Jsonl,
        Some(FormatArg::Moses) => Format::Moses,
        None => out
            .output
            .as_deref()
            .and_then(Format::from_path)
            .unwrap_or(Format::Csv),
    };
    if let Some(path) = out.output.as_deref() {
        let known = path.extension().is_none()
            || Format::from_path(path).is_some()
            || path == Path::new("-");
        if out.format.is_none() && !known {
            return Err(Error::Usage(format!(
                "cannot tell the format from {}; add --format (tmx, csv, tsv, jsonl, moses)",
                path.display()
            )));
        }
    }
    for (set, flag, fits) in [
        (out.excel, "--excel", format == Format::Csv),
        (
            out.csv_safe,
            "--csv-safe",
            matches!(format, Format::Csv | Format::Tsv),
        ),
    ] {
        if set && !fits {
            return Err(Error::Usage(format!(
                "{flag} applies to CSV{} output; the format here is {}",
                if flag == "--csv-safe" { " and TSV" } else { "" },
                format.name()
            )));
        }
    }
    if format == Format::Moses && out.output.as_deref().is_none_or(|p| p == Path::new("-")) {
        return Err(Error::Usage(
            "--format moses writes two files: give -o PREFIX".into(),
        ));
    }
    let options = ExportOptions {
        creation_time: creation_time()?,
        unit: match out.unit {
            UnitArg::Paragraph => Unit::Paragraph,
            UnitArg::Sentence => Unit::Sentence,
        },
        en_lang: check_lang(&out.en_lang, "en")
            .map_err(|e| Error::Usage(format!("--en-lang: {e}")))?,
        fr_lang: check_lang(&out.fr_lang, "fr")
            .map_err(|e| Error::Usage(format!("--fr-lang: {e}")))?,
        keep_unaligned: out.keep_unaligned,
        excel: out.excel,
        csv_safe: out.csv_safe,
        keep_labels: out.keep_labels,
        findings: false,
    };
    Ok((format, options))
}

/// Refuse a glossary on standard input when an input is there too.
fn glossary_arg(glossary: Option<PathBuf>, inputs: &[PathBuf]) -> Result<Option<PathBuf>, Error> {
    let stdin = |p: &Path| p == Path::new("-");
    if glossary.as_deref().is_some_and(stdin) && inputs.iter().any(|p| stdin(p)) {
        return Err(Error::Usage(
            "--glossary - and an input - would both read standard input".into(),
        ));
    }
    Ok(glossary)
}

fn align(args: AlignArgs) -> Result<(), Error> {
    let (format, mut export) = output_options(&args.out)?;
    if args.check && format == Format::Moses {
        return Err(Error::Usage(
            "--check notes findings in the output, and Moses files hold only text: use csv, tsv, jsonl or tmx".into(),
        ));
    }
    export.findings = args.check;
    let glossary = glossary_arg(args.glossary, &args.inputs)?;
    let config = AlignConfig {
        inputs: args.inputs,
        output: args.out.output,
        format,
        export,
        check: args.check,
        anchors: args.anchors,
        glossary,
        min_score: args.min_score,
        split_below: args.split_below,
        max_paragraph: args.max_paragraph,
    };
    let summary = natalign::command::align::run(&config)?;
    if !args.out.quiet {
        let _ = writeln!(io::stderr(), "{summary}");
    }
    Ok(())
}

fn corpus(args: CorpusArgs) -> Result<(), Error> {
    let mut out = args.out;
    let jsonl_in = args.jsonl_in.is_some();
    if jsonl_in && out.format.is_none() && out.output.is_none() {
        out.format = Some(FormatArg::Jsonl);
    }
    let (format, export) = output_options(&out)?;
    let config = CorpusConfig {
        inputs: args.inputs,
        jsonl_in,
        include: args.include,
        exclude: args.exclude,
        output: out.output,
        format,
        export,
        threads: args.threads,
        json_summary: args.json_summary,
    };
    let show = !out.quiet && io::stderr().is_terminal();
    let bar = Bar(show.then(|| {
        indicatif::ProgressBar::new(0).with_style(
            indicatif::ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        )
    }));
    let summary = natalign::command::corpus::run(&config, &bar)?;
    if let Some(b) = &bar.0 {
        b.finish_and_clear();
    }
    if !out.quiet {
        let _ = writeln!(io::stderr(), "{summary}");
    }
    Ok(())
}

/// A progress bar on standard error (a terminal only).
struct Bar(Option<indicatif::ProgressBar>);

impl natalign::corpus::Progress for Bar {
    fn start(&self, phase: &str, total: u64) {
        if let Some(b) = &self.0 {
            b.set_length(total);
            b.set_position(0);
            b.set_message(phase.to_string());
        }
    }

    fn step(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }
}

fn check(args: CheckArgs) -> ProcessExit {
    let glossary = match glossary_arg(args.glossary, &args.inputs) {
        Ok(g) => g,
        Err(err) => return exit_with(err),
    };
    let config = CheckConfig {
        inputs: args.inputs,
        json: args.json,
        fail_on: match args.fail_on {
            FailOnArg::Error => FailOn::Error,
            FailOnArg::Warning => FailOn::Warning,
            FailOnArg::Never => FailOn::Never,
        },
        baseline: args.baseline,
        write_baseline: args.write_baseline,
        glossary,
        typography: args.typography,
        quiet: args.quiet,
    };
    match natalign::command::check::run(&config) {
        Ok(report) => ProcessExit::from(if report.failed {
            ExitCode::FINDINGS
        } else {
            ExitCode::OK
        }),
        Err(err) => exit_with(err),
    }
}

fn exit_with(err: Error) -> ProcessExit {
    if is_broken_pipe(&err) {
        return ProcessExit::from(ExitCode::OK);
    }
    eprintln!("natalign: {err}");
    ProcessExit::from(err.kind().exit_code())
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds convention), else now.
fn creation_time() -> Result<u64, Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v.trim().parse().map_err(|_| {
            Error::Usage(format!(
                "SOURCE_DATE_EPOCH must be seconds since 1970, got {v:?}"
            ))
        }),
        Err(_) => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())),
    }
}

/// Whether the output error is a closed pipe (`natalign … | head`), however
/// deep the writer that saw it wrapped it (CSV, XML).
fn is_broken_pipe(err: &Error) -> bool {
    let Error::Output { source, .. } = err else {
        return false;
    };
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(source);
    while let Some(e) = cur {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            if io.kind() == io::ErrorKind::BrokenPipe {
                return true;
            }
            if let Some(inner) = io.get_ref() {
                cur = Some(inner);
                continue;
            }
        }
        cur = e.source();
    }
    false
}

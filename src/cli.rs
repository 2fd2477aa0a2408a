//! The command line, as the user types it (clap derive). `main` turns it into
//! the library's plain configs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Align English and French texts (NATO statements, treaties, declarations)
/// into translation memories and parallel corpora.
///
/// Exit codes: 0 success; 1 check findings at or above the failing severity;
/// 2 usage error; 3 input problem (missing, unreadable, binary, empty, one
/// language only when a pair is needed); 4 output problem (cannot write).
#[derive(Debug, Parser)]
#[command(name = "natalign", version, arg_required_else_help = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Align one document holding both languages, or an English and a French
    /// document (in either order), into aligned units.
    #[command(after_help = "Examples:
  natalign align en.txt fr.txt -o memory.tmx      an English and a French file (either order) into TMX
  natalign align statement.txt -o pairs.csv       one file holding both languages, into CSV
  natalign align en.txt fr.txt --unit sentence --check -o memory.tmx")]
    Align(AlignArgs),
    /// Folders and files in, one deduplicated parallel corpus out: every file
    /// is decoded, repaired, segmented and split by language, English and
    /// French documents are paired by content, aligned, and identical units
    /// written once with their provenance.
    #[command(after_help = "Examples:
  natalign corpus archive/ -o corpus.tmx                  every file under archive/, paired and deduplicated
  natalign corpus archive/ --include '*.txt' --exclude drafts -o corpus.jsonl
  find . -name '*.txt' | jq -Rc '{path: .}' | natalign corpus --jsonl-in - > units.jsonl")]
    Corpus(CorpusArgs),
    /// Consistency findings: numbers, dates, missing paragraphs, names and
    /// acronyms, translations that differ. Exit code 1 when a finding reaches
    /// --fail-on.
    #[command(after_help = "Examples:
  natalign check en.txt fr.txt                    the readable report; exit code 1 on errors
  natalign check memory.tmx --json                a translation memory, findings as JSON
  natalign check en.txt fr.txt --write-baseline accepted.json   accept today's findings;
  natalign check en.txt fr.txt --baseline accepted.json         then fail on new ones only
  natalign check en.txt fr.txt --glossary terms.csv --typography   a glossary's terms, French spacing")]
    Check(CheckArgs),
    /// Show how natalign reads one file: its encoding, repairs and paragraphs.
    #[command(after_help = "Examples:
  natalign inspect statement.txt                  encoding, repairs, one line per paragraph
  natalign inspect statement.txt --json | jq '.paragraphs[] | select(.lang == \"fr\") | .text'")]
    Inspect(InspectArgs),
    /// Write the English and the French parts of a mixed file as two files,
    /// STEM.en.txt and STEM.fr.txt.
    #[command(after_help = "Examples:
  natalign split statement.txt                    writes statement.en.txt and statement.fr.txt here
  natalign split statement.txt --out-dir parts/
  curl -s URL | natalign split - --out-dir parts/   standard input: parts/stdin.en.txt, parts/stdin.fr.txt")]
    Split(SplitArgs),
}

/// Arguments of `natalign align`.
#[derive(Debug, Args)]
pub struct AlignArgs {
    /// One file holding English and French, or two files (one per language).
    /// `-` reads standard input.
    #[arg(required = true, num_args = 1..)]
    pub inputs: Vec<PathBuf>,
    /// Where and how to write.
    #[command(flatten)]
    pub out: OutputArgs,
    /// Run the consistency checks (as `natalign check`) and write their
    /// findings into the output: TMX `<note>`s, JSONL `notes`.
    #[arg(long)]
    pub check: bool,
    /// Pairs you know, forced into the alignment: a TSV of English and French
    /// paragraphs, one pair per line, each a 1-based index or a number key
    /// (`Article 5`, `key:3`).
    #[arg(long, value_name = "FILE")]
    pub anchors: Option<PathBuf>,
    /// A glossary, CSV (en,fr[,severity][,note]) or TBX: a term on both
    /// sides of a pair (its English, a French equivalent) is a cue for
    /// pairing them; with --check, terms whose French is missing are noted.
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Refuse any line longer than this many bytes (a file without line
    /// breaks is rarely text with paragraphs).
    #[arg(long, value_name = "BYTES", default_value_t = natalign::pipeline::DEFAULT_MAX_PARAGRAPH,
          value_parser = parse_positive)]
    pub max_paragraph: usize,
    /// Leave out pairs scoring below this (0 to 1); the summary counts them.
    /// The score is the estimated probability that a pair is right.
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    pub min_score: Option<f64>,
    /// Write a pair the aligner found as two one-sided units when its score
    /// is below this: it is more likely wrong than right (a replaced
    /// paragraph, a translator's note). 0 keeps every pair.
    #[arg(long, value_name = "SCORE", value_parser = parse_score,
          default_value_t = natalign::align::DEFAULT_SPLIT_BELOW)]
    pub split_below: f64,
}

/// Output options shared by the commands that write aligned units.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output file; `-` or none writes to standard output. A regular file is
    /// written to a temporary file and renamed into place when complete. With
    /// `--format moses`, a prefix: PREFIX.en and PREFIX.fr are written.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Data format. Default: from the output's extension (.tmx, .csv, .tsv,
    /// .jsonl), else CSV.
    #[arg(short, long, value_enum)]
    pub format: Option<FormatArg>,
    /// What one output unit holds: aligned paragraphs, or the aligned sentences
    /// inside each paragraph pair (adds `en_sentence`, `fr_sentence` to CSV).
    #[arg(long, value_enum, default_value = "paragraph")]
    pub unit: UnitArg,
    /// Language code of the English side in TMX (BCP 47: en, en-GB, en-US).
    #[arg(long, default_value = "en", value_name = "CODE")]
    pub en_lang: String,
    /// Language code of the French side in TMX (BCP 47: fr, fr-FR, fr-CA).
    #[arg(long, default_value = "fr", value_name = "CODE")]
    pub fr_lang: String,
    /// TMX: also write one-sided units, as single-language units (for tools
    /// that accept them).
    #[arg(long)]
    pub keep_unaligned: bool,
    /// CSV for spreadsheets: a UTF-8 byte-order mark and CRLF line ends.
    #[arg(long)]
    pub excel: bool,
    /// CSV/TSV: guard against formula injection (cells starting with =, +, -,
    /// @ get a leading ').
    #[arg(long)]
    pub csv_safe: bool,
    /// Write segments with their printed labels ("1. We strongly condemn…")
    /// instead of without them ("We strongly condemn…", the default).
    ///
    /// CAT tools look a source segment up as the translator sees it: "1. We
    /// strongly condemn…" finds no exact match in a memory holding "We
    /// strongly condemn…", and vice versa. Choose what matches how your CAT
    /// tool will segment your documents. The number columns and props hold
    /// the labels either way; headings keep theirs in the text either way
    /// ("Article 8"); with --unit sentence a label opens its paragraph's
    /// first sentence.
    #[arg(long)]
    pub keep_labels: bool,
    /// Print nothing on standard error unless there is an error.
    #[arg(short, long)]
    pub quiet: bool,
}

fn parse_positive(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{s:?} is not a whole number of bytes")),
    }
}

fn parse_score(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not between 0 and 1"))
    }
}

/// Arguments of `natalign corpus`.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// Files and folders (walked recursively; hidden files skipped, links out
    /// of a folder not followed).
    #[arg(required_unless_present = "jsonl_in")]
    pub inputs: Vec<PathBuf>,
    /// Read documents as JSON lines on standard input instead, each
    /// {"path": "FILE"} or {"name": "NAME", "text": "TEXT"}; writes JSON lines
    /// to standard output unless -o/--format say otherwise (for GNU parallel,
    /// Spark RDD.pipe). A line that is not a document is reported and passed
    /// over.
    #[arg(long, value_parser = ["-"], value_name = "-", conflicts_with = "inputs")]
    pub jsonl_in: Option<String>,
    /// In folders, read only files matching GLOB (repeatable). A glob
    /// without `/` matches a name at any depth (`*.txt`), one with `/` the
    /// path below the folder (`en/**`). Files named on the command line are
    /// always read.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// In folders, leave out files and folders matching GLOB (repeatable;
    /// e.g. `SOURCE`, `*.tsv`, `drafts`).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Where and how to write.
    #[command(flatten)]
    pub out: OutputArgs,
    /// Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Also write the run's summary as JSON to this file.
    #[arg(long, value_name = "FILE")]
    pub json_summary: Option<PathBuf>,
}

/// Arguments of `natalign check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// An English and a French document (either order), one document holding
    /// both, or one translation memory (.tmx).
    #[arg(required = true, num_args = 1..=2)]
    pub inputs: Vec<PathBuf>,
    /// Print one JSON document instead of the readable report.
    #[arg(long)]
    pub json: bool,
    /// Fail (exit code 1) on findings of this severity or worse.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOnArg,
    /// Accept the findings listed in this baseline file; only new ones count.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write all current findings to this baseline file (and exit 0: it
    /// records, it does not judge).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// A glossary, CSV (en,fr[,severity][,note]; French equivalents
    /// separated by |) or TBX: an English term whose French equivalent is
    /// missing is a `term-missing` finding (a warning unless the glossary
    /// says error). Its terms also help the alignment.
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Check French typography: a no-break space before : ; ! ? and inside
    /// « », and straight quotes in a document of curly ones (warnings).
    #[arg(long)]
    pub typography: bool,
    /// Print no report: the exit code says it all.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Severities for `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    /// Errors only.
    Error,
    /// Errors and warnings.
    Warning,
    /// Never.
    Never,
}

/// Arguments of `natalign inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The file to inspect; `-` reads standard input.
    pub input: PathBuf,
    /// Print one JSON document instead of the readable report.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `natalign split`.
#[derive(Debug, Args)]
pub struct SplitArgs {
    /// The file holding both languages; `-` reads standard input.
    pub input: PathBuf,
    /// Directory for the two parts (default: the current directory).
    #[arg(long)]
    pub out_dir: Option<PathBuf>,
    /// Print nothing on standard error unless there is an error.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Output data formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// TMX 1.4b translation memory (pairs only).
    Tmx,
    /// CSV, one row per unit (one-sided units included).
    Csv,
    /// TSV, tabs and newlines inside text escaped.
    Tsv,
    /// JSON lines, one object per unit with all metadata.
    Jsonl,
    /// Moses plain text: -o PREFIX writes PREFIX.en and PREFIX.fr.
    Moses,
}

/// Output units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UnitArg {
    /// Aligned paragraphs.
    Paragraph,
    /// Aligned sentences inside each aligned paragraph pair.
    Sentence,
}

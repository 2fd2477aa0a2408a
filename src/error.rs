//! Library errors.
//!
//! Bad bytes, repairs and consistency findings are *results*, not errors. An
//! [`Error`] means natalign cannot produce output at all: an input it cannot read
//! or use, or an output it cannot write. Every error names the file concerned, so
//! the binary prints it as one line and maps its [`ErrorKind`] to an exit code.

use std::fmt;
use std::path::PathBuf;

/// What went wrong, without the file name (see [`Error`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputProblem {
    /// The file does not exist.
    Missing,
    /// The path is a directory, not a file.
    Directory,
    /// The file exists but could not be read (permissions, I/O error).
    Unreadable(String),
    /// The file holds no bytes.
    Empty,
    /// The file holds only whitespace.
    WhitespaceOnly,
    /// The file is not text; the string says what it looks like.
    Binary(String),
    /// The file claims UTF-16 but its bytes are not valid UTF-16.
    InvalidUtf16,
    /// No paragraph of the file has text in it (only noise such as table rules).
    NoText,
    /// A pair was needed but the inputs hold only one language.
    OneLanguage(String),
    /// Two inputs were given but both are in the same language.
    SameLanguage(String),
    /// An anchors file (`--anchors`) that cannot be used; the string says why.
    BadAnchors(String),
    /// A TMX file that cannot be read; the string says where and why.
    BadTmx(String),
    /// A baseline file (`--baseline`) that cannot be read.
    BadBaseline(String),
    /// A glossary file (`--glossary`) that cannot be used; the string says
    /// where and why.
    BadGlossary(String),
    /// A document in a structured format (Word, web page, PDF) that cannot be
    /// read; the string says what is wrong (`corrupt DOCX: …`, `no text
    /// layer: OCR it first`).
    BadDocument(String),
    /// A translation memory (TMX) where a text document is expected.
    TranslationMemory,
    /// Text paragraphs, but not one letter in them (a list of numbers).
    NoLetters,
    /// A document in another language than English and French (its name and
    /// code: `German (de)`).
    OtherLanguage(String),
    /// `split` on a file in one language only (the language's name).
    NotMixed(String),
    /// A corpus run found nothing it could read; the string says what was
    /// passed over.
    NoDocuments(String),
    /// A line longer than the `--max-paragraph` limit.
    ParagraphTooLong {
        /// 1-based line number.
        line: usize,
        /// Its length in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
}

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputProblem::Missing => f.write_str("no such file"),
            InputProblem::Directory => f.write_str("is a directory, not a text file"),
            InputProblem::Unreadable(why) => write!(f, "cannot read: {why}"),
            InputProblem::Empty => f.write_str("file is empty"),
            InputProblem::WhitespaceOnly => f.write_str("file holds only whitespace"),
            InputProblem::Binary(what) => write!(f, "not a text file: {what}"),
            InputProblem::InvalidUtf16 => f.write_str(
                "invalid UTF-16: the byte-order mark promises UTF-16 but the bytes are not",
            ),
            InputProblem::NoText => f.write_str("no text paragraphs found (only noise)"),
            InputProblem::OneLanguage(lang) => write!(
                f,
                "only {lang} text found; a pair needs English and French (give a second file, or one file holding both)"
            ),
            InputProblem::TranslationMemory => f.write_str(
                "is a TMX translation memory, not a text document (to check a memory, give it alone: natalign check FILE.tmx)",
            ),
            InputProblem::NoLetters => {
                f.write_str("holds no letters (numbers and symbols only), not a text document")
            }
            InputProblem::OtherLanguage(lang) => write!(
                f,
                "is in {lang}, not English or French: natalign aligns English with French"
            ),
            InputProblem::NotMixed(lang) => write!(
                f,
                "holds only {lang} text: nothing to split (split takes one file holding both English and French)"
            ),
            InputProblem::NoDocuments(why) => write!(f, "no readable text document: {why}"),
            InputProblem::BadAnchors(why) => write!(f, "bad anchors file: {why}"),
            InputProblem::BadTmx(why) => write!(f, "invalid TMX: {why}"),
            InputProblem::BadBaseline(why) => write!(f, "bad baseline file: {why}"),
            InputProblem::BadGlossary(why) => write!(f, "bad glossary: {why}"),
            InputProblem::BadDocument(why) => f.write_str(why),
            InputProblem::ParagraphTooLong { line, bytes, limit } => write!(
                f,
                "line {line} is {bytes} bytes long, above the --max-paragraph limit of {limit} bytes; is it text with paragraphs? (raise the limit with --max-paragraph)"
            ),
            InputProblem::SameLanguage(lang) => {
                write!(
                    f,
                    "both inputs are {lang}; give one English and one French document"
                )
            }
        }
    }
}

/// The broad class of an [`Error`], which the binary maps to an exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The arguments do not make sense together (exit code 2).
    Usage,
    /// An input is missing, unreadable, binary, empty or unusable (exit code 3).
    Input,
    /// The output cannot be written (exit code 4).
    Output,
}

impl ErrorKind {
    /// The process exit code for this class (see the README's table).
    pub fn exit_code(self) -> u8 {
        match self {
            ErrorKind::Usage => ExitCode::USAGE,
            ErrorKind::Input => ExitCode::INPUT,
            ErrorKind::Output => ExitCode::OUTPUT,
        }
    }
}

/// The exit codes every command uses.
pub struct ExitCode;

impl ExitCode {
    /// Success.
    pub const OK: u8 = 0;
    /// `check` found problems at or above the failing severity.
    pub const FINDINGS: u8 = 1;
    /// Usage error: bad arguments.
    pub const USAGE: u8 = 2;
    /// Input problem: missing, unreadable, binary, empty, one language only.
    pub const INPUT: u8 = 3;
    /// Output problem: cannot write.
    pub const OUTPUT: u8 = 4;
}

/// An error that stops natalign from producing output.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A problem with the arguments.
    #[error("{0}")]
    Usage(String),
    /// A problem with one input file (`-` is standard input).
    #[error("{path}: {problem}")]
    Input {
        /// The input as the user named it.
        path: PathBuf,
        /// What is wrong with it.
        problem: InputProblem,
    },
    /// A problem writing an output file.
    #[error("{path}: cannot write: {source}")]
    Output {
        /// The output as the user named it.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// A problem with a temporary file natalign keeps while it works (corpus
    /// mode's paragraph store and unit spool, in the system's temporary
    /// folder).
    #[error("temporary {what} (in {}): {source}", std::env::temp_dir().display())]
    Scratch {
        /// What the file holds.
        what: &'static str,
        /// The underlying I/O error.
        source: std::io::Error,
    },
}

impl Error {
    /// The class of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Usage(_) => ErrorKind::Usage,
            Error::Input { .. } => ErrorKind::Input,
            Error::Output { .. } | Error::Scratch { .. } => ErrorKind::Output,
        }
    }

    /// Shorthand for an input error.
    pub fn input(path: impl Into<PathBuf>, problem: InputProblem) -> Self {
        Error::Input {
            path: path.into(),
            problem,
        }
    }
}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

//! natalign turns English/French texts, as they really arrive (web pages, PDF
//! extractions, files with broken encodings, files holding both languages),
//! into aligned parallel corpora: TMX translation memories and CSV.
//!
//! ```
//! use natalign::{align::align, document::Lang, export, pipeline};
//!
//! // One file holding the English and then the French version.
//! let bytes = "1. NATO condemns the attack of 3 May.\n2. Allies stand together.\n\
//!              |\n---|\n\
//!              1. L’OTAN condamne l’attaque du 3 mai.\n2. Les Alliés restent unis.\n";
//! let doc = pipeline::load("statement.txt", bytes.as_bytes())?;
//! let (en, fr) = pipeline::sides(std::slice::from_ref(&doc))?;
//! let alignment = align(en, fr, &Default::default());
//! assert_eq!(alignment.units.len(), 2);
//! assert_eq!(alignment.text(&alignment.units[0], Lang::Fr), "L’OTAN condamne l’attaque du 3 mai.");
//!
//! let mut csv = Vec::new();
//! let options = export::ExportOptions::default();
//! export::write(export::Format::Csv, &alignment, &options, &mut csv)?;
//! assert!(String::from_utf8(csv)?.lines().nth(1).unwrap().starts_with("1,1,1,1,NATO condemns"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Stages
//! Each stage is a module that takes and returns values; files the user names
//! are opened only at the edges ([`io`]).
//! 1. [`decode`]: bytes → text (UTF-8, UTF-16, legacy single-byte per run).
//! 2. [`repair`]: mojibake undone, every change reported as a [`repair::Repair`].
//! 3. [`segment`]: text → [`document::Paragraph`]s with printed numbers, headings,
//!    metadata and noise kept apart.
//! 4. [`langid`]: each paragraph English or French, smoothed over the document.
//! 5. [`align`]: paragraphs → [`align::AlignedUnit`]s, numbered paragraphs as
//!    anchors, a banded Gale–Church dynamic program between them.
//!    With `--unit sentence`, [`align::sentence`] splits each paragraph unit
//!    into sentences ([`segment::sentence`]) and aligns them with the same
//!    dynamic program.
//! 6. [`check`]: consistency findings on aligned units.
//! 7. [`export`]: units → TMX 1.4b, CSV, TSV, JSON lines or Moses on any
//!    [`std::io::Write`].
//!
//! [`pipeline`] chains stages 1–4 on values and makes the two sides to align;
//! [`corpus`] runs them over an archive (pairing documents, deduplicating
//! units); [`command`] holds one `run` per subcommand of the binary, taking the
//! plain settings of [`config`]. Below the stages: [`document`] (the model),
//! [`text`] and [`hash`] (shared helpers), [`lexicon`] (EN↔FR names),
//! [`glossary`] (a reviser's EN→FR terms, for `check` and as an alignment
//! cue), [`error`]. [`import`] reads translation memories and termbases back;
//! [`damage`] makes the encoding damage tests repair.
//!
//! # Features
//! `cli` (default): the binary's command line (clap) and progress bar
//! (indicatif). The library builds without it: `--no-default-features`.
#![deny(missing_docs)]

pub mod align;
pub mod check;
pub mod command;
pub mod config;
pub mod corpus;
pub mod damage;
pub mod decode;
pub mod document;
pub mod error;
pub mod export;
pub mod glossary;
pub mod hash;
pub mod import;
pub mod io;
pub mod langid;
pub mod lexicon;
pub mod pipeline;
pub mod repair;
pub mod segment;
pub mod text;

//! natalign: align English/French texts into parallel corpora.
pub mod align;
pub mod command;
pub mod config;
pub mod decode;
pub mod document;
pub mod error;
pub mod export;
pub mod io;
pub mod langid;
pub mod pipeline;
pub mod segment;

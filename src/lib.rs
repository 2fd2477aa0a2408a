//! natalign: align English/French texts into parallel corpora.
pub mod decode;
pub mod document;
pub mod error;
pub mod segment;
pub mod langid;

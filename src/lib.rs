//! natalign: align English/French texts into parallel corpora.

pub mod damage;
pub mod repair;

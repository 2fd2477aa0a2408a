//! natalign: align English/French texts into parallel corpora.

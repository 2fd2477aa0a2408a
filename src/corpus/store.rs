//! Corpus mode's two temporary files, so that memory does not grow with the
//! archive: the [`ParagraphStore`] (each document's text paragraphs, from
//! reading until its pair is aligned) and the [`UnitSpool`] (every aligned
//! unit, from alignment until it is written once).
//!
//! Both live in the system's temporary folder and vanish with the run; their
//! errors are [`Error::Scratch`], naming which file failed.

use std::fs;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, Write};
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::dedup::unit_hash;
use crate::align::Side;
use crate::error::{Error, Result};
use crate::export::Row;

const STORE: &str = "paragraph store";
const SPOOL: &str = "unit spool";

fn scratch(what: &'static str) -> impl Fn(io::Error) -> Error {
    move |source| Error::Scratch { what, source }
}

/// Where a language document's paragraphs are in the [`ParagraphStore`].
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Stored {
    offset: u64,
    len: u64,
}

/// The side (text paragraphs, and those set aside) of every language
/// document, from reading to alignment, in a temporary file (JSON): aligning a pair then costs a read
/// and a parse, not a second decode, repair, segmentation and language
/// identification, and memory stays bounded. Disk: about 1.5 × the input.
pub(super) struct ParagraphStore {
    file: Mutex<(fs::File, u64)>,
}

impl ParagraphStore {
    pub(super) fn new() -> Result<ParagraphStore> {
        let file = tempfile::tempfile().map_err(scratch(STORE))?;
        Ok(ParagraphStore {
            file: Mutex::new((file, 0)),
        })
    }

    fn lock(&self) -> MutexGuard<'_, (fs::File, u64)> {
        // A panic elsewhere cannot leave the file half-written in a way that
        // matters: offsets are recorded only after a complete write.
        self.file.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Store a side; the returned place gets it back.
    pub(super) fn put(&self, side: &Side) -> Result<Stored> {
        let bytes = serde_json::to_vec(side).map_err(|e| scratch(STORE)(e.into()))?;
        let mut guard = self.lock();
        let (file, end) = &mut *guard;
        file.seek(io::SeekFrom::Start(*end))
            .map_err(scratch(STORE))?;
        file.write_all(&bytes).map_err(scratch(STORE))?;
        let stored = Stored {
            offset: *end,
            len: bytes.len() as u64,
        };
        *end += stored.len;
        Ok(stored)
    }

    /// The side stored at `stored`.
    pub(super) fn get(&self, stored: Stored) -> Result<Side> {
        let mut bytes = vec![0; usize::try_from(stored.len).unwrap_or(usize::MAX)];
        {
            let mut guard = self.lock();
            let file = &mut guard.0;
            file.seek(io::SeekFrom::Start(stored.offset))
                .map_err(scratch(STORE))?;
            io::Read::read_exact(file, &mut bytes).map_err(scratch(STORE))?;
        }
        serde_json::from_slice(&bytes).map_err(|e| scratch(STORE)(e.into()))
    }
}

/// A pair's rows as spooled: each row's dedup hash, and its line.
pub(super) struct Spooled {
    pub(super) hashes: Vec<u64>,
    lines: Vec<u8>,
}

/// Hash and serialise rows for the spool. Each line is led by the row's hash
/// and number of sides, so the writing pass neither normalises the texts again
/// nor parses duplicates.
pub(super) fn spooled(rows: &[Row]) -> Result<Spooled> {
    let mut out = Spooled {
        hashes: Vec::with_capacity(rows.len()),
        lines: Vec::new(),
    };
    for row in rows {
        let hash = unit_hash(row);
        let sides = if row.is_pair() { 2 } else { 1 };
        write!(out.lines, "{hash:016x}{sides}\t").map_err(scratch(SPOOL))?;
        serde_json::to_writer(&mut out.lines, row).map_err(|e| scratch(SPOOL)(e.into()))?;
        out.lines.push(b'\n');
        out.hashes.push(hash);
    }
    Ok(out)
}

/// Every aligned unit, in output order, from alignment until the writing pass
/// reads them back once.
pub(super) struct UnitSpool {
    w: BufWriter<fs::File>,
}

/// A unit read back from the [`UnitSpool`].
pub(super) struct SpooledUnit {
    /// Its dedup hash.
    pub(super) hash: u64,
    /// Whether it has text on both sides.
    pub(super) is_pair: bool,
    /// Its spool line; the row, as JSON, from `json_at` (parsed only when
    /// the unit is written).
    line: String,
    json_at: usize,
}

impl SpooledUnit {
    /// The row.
    pub(super) fn row(&self) -> Result<Row> {
        serde_json::from_str(&self.line[self.json_at..]).map_err(|e| scratch(SPOOL)(e.into()))
    }
}

impl UnitSpool {
    pub(super) fn new() -> Result<UnitSpool> {
        let file = tempfile::tempfile().map_err(scratch(SPOOL))?;
        Ok(UnitSpool {
            w: BufWriter::new(file),
        })
    }

    /// Append one pair's rows.
    pub(super) fn append(&mut self, rows: &Spooled) -> Result<()> {
        self.w.write_all(&rows.lines).map_err(scratch(SPOOL))
    }

    /// Read every unit back, in the order they were appended.
    pub(super) fn read_back(self) -> Result<impl Iterator<Item = Result<SpooledUnit>>> {
        let mut file = self
            .w
            .into_inner()
            .map_err(|e| scratch(SPOOL)(e.into_error()))?;
        file.seek(io::SeekFrom::Start(0)).map_err(scratch(SPOOL))?;
        Ok(BufReader::new(file).lines().map(|line| {
            let line = line.map_err(scratch(SPOOL))?;
            let bad = || scratch(SPOOL)(io::Error::other("a line of the spool is damaged"));
            let (head, _) = line.split_once('\t').ok_or_else(bad)?;
            let (hash, sides) = head.split_at_checked(16).ok_or_else(bad)?;
            Ok(SpooledUnit {
                hash: u64::from_str_radix(hash, 16).map_err(|_| bad())?,
                is_pair: sides == "2",
                json_at: head.len() + 1,
                line,
            })
        }))
    }
}

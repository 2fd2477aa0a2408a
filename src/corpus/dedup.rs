//! Deduplication: a unit seen several times across the archive is written
//! once, with how many copies were seen and where.
//!
//! Input: each unit's hash (its two texts, normalised) and where it was seen,
//! in output order. Output: for each distinct unit, the first time it is asked
//! for, every place it was seen, in order; nothing for a later copy. Memory:
//! one map entry per distinct unit and one small record per copy.

use rustc_hash::FxHashMap;

use crate::error::{Error, Result};
use crate::export::Row;
use crate::hash::stable_hash;
use crate::text::normalize;

/// Where a unit was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Provenance {
    /// The pair of documents, in output order.
    pub(super) pair: u32,
    /// The unit within the pair's units (0-based).
    pub(super) unit: u32,
}

/// No index: the end of a list of copies, or a unit already written.
pub(super) const NONE: u32 = u32::MAX;

/// Every unit seen, by hash, with where it was seen. Memory: one map entry
/// (16 bytes) per distinct unit and 12 bytes per copy, in flat arrays (no
/// allocation per unit).
#[derive(Default)]
pub(super) struct Seen {
    /// Unit hash → (first, last) index of its copies in `copies`; `first` is
    /// [`NONE`] once the unit is written.
    units: FxHashMap<u64, (u32, u32)>,
    /// Each copy, with the index of the next copy of the same unit.
    copies: Vec<(Provenance, u32)>,
}

impl Seen {
    pub(super) fn add(&mut self, hash: u64, at: Provenance) -> Result<()> {
        let k = u32::try_from(self.copies.len())
            .ok()
            .filter(|&k| k != NONE)
            .ok_or_else(|| Error::Scratch {
                what: "unit index",
                source: std::io::Error::other("more than 4,294,967,294 units"),
            })?;
        self.copies.push((at, NONE));
        match self.units.entry(hash) {
            std::collections::hash_map::Entry::Occupied(mut e) => {
                let last = e.get().1 as usize;
                self.copies[last].1 = k;
                e.get_mut().1 = k;
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((k, k));
            }
        }
        Ok(())
    }

    /// Where a unit was seen, in order, the first time it is asked for;
    /// `None` afterwards (a duplicate of a unit already written).
    pub(super) fn take(&mut self, hash: u64) -> Option<Vec<Provenance>> {
        let entry = self.units.get_mut(&hash)?;
        let mut k = entry.0;
        if k == NONE {
            return None;
        }
        entry.0 = NONE;
        let mut out = Vec::new();
        while k != NONE {
            let (at, next) = self.copies[k as usize];
            out.push(at);
            k = next;
        }
        Some(out)
    }
}

/// The dedup key of a unit: its two texts, normalised for whitespace and
/// typography.
pub(super) fn unit_hash(row: &Row) -> u64 {
    stable_hash(&[&normalize(&row.en), &normalize(&row.fr)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_units_give_their_copies_in_order_once() {
        let mut seen = Seen::default();
        let at = |pair, unit| Provenance { pair, unit };
        seen.add(7, at(0, 0)).unwrap();
        seen.add(9, at(0, 1)).unwrap();
        seen.add(7, at(3, 4)).unwrap();
        seen.add(7, at(5, 0)).unwrap();
        assert_eq!(seen.take(7), Some(vec![at(0, 0), at(3, 4), at(5, 0)]));
        assert_eq!(seen.take(7), None);
        assert_eq!(seen.take(9), Some(vec![at(0, 1)]));
        assert_eq!(seen.take(1), None);
    }
}

//! The scan of the text: where the lead characters are, and what each one
//! is (a sequence reversed losslessly, or a damaged sequence and its
//! candidates), plus reading the text after the lossless pass, one unit at a
//! time in either direction, without copying it.

use super::tables::{
    byte_of, is_cont_char, is_lead_char, is_lone_marker, plausible_lossless, seq_len, tables,
};

/// One unit of the text after the lossless pass: a character of the input,
/// or a sequence reversed by the lossless pass (`lossless`).
#[derive(Clone, Copy)]
pub(super) struct Unit {
    /// The current character.
    pub(super) c: char,
    /// Byte range in the input.
    pub(super) start: usize,
    pub(super) end: usize,
    /// Set when `c` replaces `input[start..end]` (lossless reversal).
    lossless: bool,
}

impl Unit {
    /// A lone marker character left as it is by the lossless pass.
    pub(super) fn is_marker(&self) -> bool {
        !self.lossless && is_lone_marker(self.c)
    }
}

/// Tries to read a whole UTF-8 sequence from the characters at `pos` (each
/// standing for one byte); returns the decoded character and the byte
/// offset after the characters used.
fn reverse_at(text: &str, pos: usize) -> Option<(char, usize)> {
    let mut chars = text[pos..].chars();
    let first = chars.next()?;
    let lead = byte_of(first)?;
    let n = seq_len(lead);
    if n == 0 {
        return None;
    }
    let mut buf = [0u8; 4];
    buf[0] = lead;
    let mut end = pos + first.len_utf8();
    for slot in &mut buf[1..n] {
        let c = chars.next()?;
        let b = byte_of(c)?;
        if !(0x80..=0xBF).contains(&b) {
            return None;
        }
        *slot = b;
        end += c.len_utf8();
    }
    let s = std::str::from_utf8(&buf[..n]).ok()?;
    let d = s.chars().next()?;
    plausible_lossless(d).then_some((d, end))
}

/// The unit starting at byte `pos` (a unit boundary).
pub(super) fn unit_at(text: &str, pos: usize) -> Option<Unit> {
    let c = text[pos..].chars().next()?;
    if is_lead_char(c) {
        if let Some((d, end)) = reverse_at(text, pos) {
            return Some(Unit {
                c: d,
                start: pos,
                end,
                lossless: true,
            });
        }
    }
    Some(Unit {
        c,
        start: pos,
        end: pos + c.len_utf8(),
        lossless: false,
    })
}

/// The unit ending at byte `end` (a unit boundary).
pub(super) fn unit_before(text: &str, end: usize) -> Option<Unit> {
    let c = text[..end].chars().next_back()?;
    let start = end - c.len_utf8();
    if is_cont_char(c) {
        // Part of a reversed sequence? Its lead is at most three characters
        // further back, with only continuation characters in between.
        let mut p = start;
        for _ in 0..3 {
            let Some(l) = text[..p].chars().next_back() else {
                break;
            };
            p -= l.len_utf8();
            if is_lead_char(l) {
                if let Some((d, e)) = reverse_at(text, p) {
                    if e == end {
                        return Some(Unit {
                            c: d,
                            start: p,
                            end,
                            lossless: true,
                        });
                    }
                }
                break;
            }
            if !is_cont_char(l) {
                break;
            }
        }
    }
    Some(Unit {
        c,
        start,
        end,
        lossless: false,
    })
}

/// A place where the text changes or may change.
pub(super) struct Site {
    /// Byte range in the input.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: SiteKind,
}

pub(super) enum SiteKind {
    /// Reversed by the lossless pass.
    Lossless(char),
    /// A damaged sequence (lead + surviving continuation characters) and
    /// its candidates, to be decided from context.
    Lossy(&'static [char]),
}

/// Every lead character of the text, in order: lossless reversals and
/// damaged sequences with a lossy family.
pub(super) fn scan(text: &str) -> Vec<Site> {
    let t = tables();
    let bytes = text.as_bytes();
    let mut sites = Vec::new();
    // Lead characters are U+00C2–U+00F4: `C3 82` to `C3 B4`. A `C3` byte in
    // valid UTF-8 always starts a character, and never one that a lossless
    // reversal consumes as a continuation.
    for p in memchr::memchr_iter(0xC3, bytes) {
        let c = char::from(0xC0 | (bytes[p + 1] & 0x3F));
        if !is_lead_char(c) {
            continue;
        }
        if let Some((d, end)) = reverse_at(text, p) {
            sites.push(Site {
                start: p,
                end,
                kind: SiteKind::Lossless(d),
            });
            continue;
        }
        let lead = c as u32 as u8;
        if !t.family_leads[lead as usize] {
            continue;
        }
        // Surviving continuation characters: U+00A0–U+00BF (`C2 A0`–`C2 BF`).
        let n = seq_len(lead);
        let mut key = [lead, 0, 0, 0];
        let mut avail = 0;
        while avail + 1 < n {
            let at = p + 2 + 2 * avail;
            match (bytes.get(at), bytes.get(at + 1)) {
                (Some(0xC2), Some(&b @ 0xA0..=0xBF)) => key[avail + 1] = b,
                _ => break,
            }
            avail += 1;
        }
        // Longest key first.
        for k in (0..=avail).rev() {
            if let Some(cands) = t.lossy.get(&key[..=k]) {
                sites.push(Site {
                    start: p,
                    end: p + 2 + 2 * k,
                    kind: SiteKind::Lossy(cands),
                });
                break;
            }
        }
    }
    sites
}

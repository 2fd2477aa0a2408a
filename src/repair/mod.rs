//! Stage 2: mojibake repair.
//!
//! **Input**: text that has already been decoded to a Rust `&str`, possibly
//! damaged by one of the encoding accidents modelled in [`crate::damage`]:
//! UTF-8 read as Windows-1252 or Latin-1 (lossless or with the C1 controls
//! removed), or UTF-8 that lost its bytes 0x80–0x9F before decoding.
//!
//! **Output**: a [`Repaired`] value: the repaired text plus one [`Repair`]
//! record per change, whose `span` is the byte range of the new text in the
//! repaired output.
//!
//! **Guarantees**
//! - Text without marker characters (see [`needs_repair`]) is returned
//!   byte-identical, after one linear scan and one copy.
//! - Line structure and whitespace are never touched: every `\n`, space,
//!   U+00A0 and U+202F of the input that is not itself part of a damaged
//!   sequence is kept, in place.
//! - Lossless mojibake (kind 1, and the lossless parts of kinds 2 and 3) is
//!   reversed exactly, sequence by sequence, only where the bytes decode to a
//!   plausible character (Latin, Greek, Cyrillic, general punctuation,
//!   currency, letterlike symbols, ligatures, emoji): clean parts of a mixed
//!   text stay as they are.
//! - Lossy damage is repaired from context: the candidates for a damaged
//!   sequence are derived from the UTF-8 encoding (every character whose
//!   bytes, minus 0x80–0x9F, give the observed sequence), then ranked by the
//!   surrounding characters, by words spelled correctly elsewhere in the same
//!   text, by a small built-in French word list and by a prior. Guesses that
//!   rest on the prior alone are applied only when the text shows other,
//!   unambiguous damage.
//! - Only the characters it produces are NFC-normalised; the rest of the text
//!   is copied as is, in bulk. Runs in time linear in the input: one scan
//!   for lead characters, context read only around the damaged sequences, and
//!   at most one scan each for the vocabulary and the quotation marks, made
//!   only if some sequence needs them. No per-character allocation.
//! - Never panics; every `span` lies on char boundaries of the output and
//!   `&repaired.text[span] == after`.

use std::cell::{Cell, OnceCell, RefCell};
use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

// Here: the stage API and the driving code (the passes, their composition,
// the per-pass `Doc`). Elsewhere: the code tables (`tables`), the scan for
// lead characters (`scan`), the vocabulary (`vocab`), the decisions
// (`choose`).
mod choose;
mod scan;
mod tables;
#[cfg(test)]
mod tests;
mod vocab;

use choose::{Ctx, QuoteStyle, choose, open_double, quote_style, rule_for};
use scan::{Site, SiteKind, scan};
use tables::{is_cont_char, is_lead_char, is_lone_marker};
use vocab::{VocabAnswers, WordMap, find_words};

/// One change made to the text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Repair {
    /// Byte range of `after` in the repaired output text.
    pub span: Range<usize>,
    /// The damaged text as it was in the input.
    pub before: String,
    /// The text that replaced it.
    pub after: String,
    /// Why the change was made.
    pub rule: RepairRule,
}

/// The kind of evidence behind a [`Repair`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RepairRule {
    /// Lossless reversal: the characters, encoded as Windows-1252 (C1
    /// controls as their own byte), are valid UTF-8 for a plausible character.
    Mojibake,
    /// A lost apostrophe U+2019 (`Russiaâs` → `Russia’s`, `lâEstonie` → `l’Estonie`).
    LostApostrophe,
    /// A lost quotation mark (opening `‘`).
    LostQuote,
    /// A lost dash between spaces or digits (` â ` → ` – `).
    LostDash,
    /// A lost hyphen U+2010 inside a compound (`euxâmêmes` → `eux‐mêmes`).
    LostHyphen,
    /// A lost accented capital (`Ãtats` → `États`, `Ã ` → `À `).
    LostCapital,
    /// A lost letter other than an accented capital (chosen by vocabulary).
    LostLetter,
    /// A lost ligature (`sÅur` → `sœur`, `ï¬` → `ﬁ`).
    LostLigature,
    /// A lost punctuation sign (`â¦` → `…`, `â¢` → `•`).
    LostPunctuation,
    /// A lost space character (`â¯` → U+202F).
    LostSpace,
    /// A lost currency sign (`â¬` → `€`).
    LostCurrency,
}

impl RepairRule {
    /// Stable kebab-case name, used in CSV/JSON output.
    pub fn as_str(&self) -> &'static str {
        match self {
            RepairRule::Mojibake => "mojibake",
            RepairRule::LostApostrophe => "lost-apostrophe",
            RepairRule::LostQuote => "lost-quote",
            RepairRule::LostDash => "lost-dash",
            RepairRule::LostHyphen => "lost-hyphen",
            RepairRule::LostCapital => "lost-capital",
            RepairRule::LostLetter => "lost-letter",
            RepairRule::LostLigature => "lost-ligature",
            RepairRule::LostPunctuation => "lost-punctuation",
            RepairRule::LostSpace => "lost-space",
            RepairRule::LostCurrency => "lost-currency",
        }
    }
}

/// The result of [`repair`]: the repaired text and the changes made.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Repaired {
    /// The repaired text.
    pub text: String,
    /// The changes, in text order; spans refer to `text`.
    pub repairs: Vec<Repair>,
}

/// True when `text` contains something [`repair`] might change: a C1
/// control, a lead-byte character with a derived lossy family of its own
/// (`Ã Ä Å È â`), or a lead-byte character followed by a character that
/// stands for a continuation byte. Linear, allocation-free.
pub fn needs_repair(text: &str) -> bool {
    // Every character concerned is U+0080–U+00FF, encoded `C2 xx` or `C3 xx`.
    let bytes = text.as_bytes();
    for p in memchr::memchr2_iter(0xC2, 0xC3, bytes) {
        let c = char::from(((bytes[p] & 0x1F) << 6) | (bytes[p + 1] & 0x3F));
        let cp = c as u32;
        if (0x80..=0x9F).contains(&cp) || is_lone_marker(c) {
            return true;
        }
        if is_lead_char(c) && text[p + 2..].chars().next().is_some_and(is_cont_char) {
            return true;
        }
    }
    false
}

// ---------------------------------------------------------------------------
// The repair.
//
// The text is never copied into a per-character structure. One memchr scan
// finds every lead character (all of them are U+00C2–U+00F4, encoded
// `C3 xx`); each one is either reversed losslessly or, if it opens a damaged
// sequence with a lossy family, becomes a site to decide. The context of a
// site (neighbouring characters and words, after the lossless pass) is read
// in place, in both directions, with `unit_at` / `unit_before`. Whole-text
// facts (the vocabulary, the quotation style, open quotation marks) are
// computed once, and only when some site asks for them.

/// Repairs mojibake in `text`. See the module documentation for guarantees.
pub fn repair(text: &str) -> Repaired {
    let mut result = repair_once(text);
    // Text mojibaked twice (UTF-8 read as Windows-1252, saved as UTF-8, read so
    // again) still shows mojibake after one pass: repeat while a pass reverses
    // whole sequences, at most three layers, composing the repairs so spans
    // and `before` still refer to the output and the original input.
    for _ in 0..2 {
        if !result
            .repairs
            .iter()
            .any(|r| r.rule == RepairRule::Mojibake)
        {
            break;
        }
        let next = repair_once(&result.text);
        if !next.repairs.iter().any(|r| r.rule == RepairRule::Mojibake) {
            break;
        }
        result = compose(text, &result, next);
    }
    result
}

/// One edit of a pass: where it came from and where it went.
struct Edit {
    src: Range<usize>,
    dst: Range<usize>,
    rule: RepairRule,
}

/// The edits of a pass, from its repairs (sorted, non-overlapping).
fn edits(repairs: &[Repair]) -> Vec<Edit> {
    let mut delta: isize = 0;
    repairs
        .iter()
        .map(|r| {
            let src_start = (r.span.start as isize - delta) as usize;
            delta += r.after.len() as isize - r.before.len() as isize;
            Edit {
                src: src_start..src_start + r.before.len(),
                dst: r.span.clone(),
                rule: r.rule,
            }
        })
        .collect()
}

/// Map a position (not strictly inside an edit) from one side of `edits` to
/// the other: `forward` from source to destination, else back.
fn map_pos(edits: &[Edit], p: usize, forward: bool) -> usize {
    let mut shift: isize = 0;
    for e in edits {
        let (from, to) = if forward {
            (&e.src, &e.dst)
        } else {
            (&e.dst, &e.src)
        };
        if from.end <= p && !(from.is_empty() && from.start == p) {
            shift += to.len() as isize - from.len() as isize;
        } else {
            break;
        }
    }
    (p as isize + shift) as usize
}

/// The repairs of two passes (`original → first.text → second.text`) as one
/// list of repairs of `original` into `second.text`.
fn compose(original: &str, first: &Repaired, second: Repaired) -> Repaired {
    let (a, b) = (edits(&first.repairs), edits(&second.repairs));
    // Regions of the middle text touched by either pass, merged.
    let mut regions: Vec<(Range<usize>, RepairRule)> = a
        .iter()
        .map(|e| (e.dst.clone(), e.rule))
        .chain(b.iter().map(|e| (e.src.clone(), e.rule)))
        .collect();
    regions.sort_by_key(|(r, _)| (r.start, r.end));
    let mut merged: Vec<(Range<usize>, RepairRule)> = Vec::new();
    for (r, rule) in regions {
        match merged.last_mut() {
            Some((m, mrule)) if r.start < m.end || (r.start == m.end && r.is_empty()) => {
                m.end = m.end.max(r.end);
                // A lossy guess anywhere in the region names the region.
                if *mrule == RepairRule::Mojibake {
                    *mrule = rule;
                }
            }
            _ => merged.push((r, rule)),
        }
    }
    let repairs = merged
        .into_iter()
        .map(|(r, rule)| {
            let src = map_pos(&a, r.start, false)..map_pos(&a, r.end, false);
            let dst = map_pos(&b, r.start, true)..map_pos(&b, r.end, true);
            Repair {
                before: original.get(src).unwrap_or_default().to_string(),
                after: second.text.get(dst.clone()).unwrap_or_default().to_string(),
                span: dst,
                rule,
            }
        })
        .filter(|r| r.before != r.after)
        .collect();
    Repaired {
        text: second.text,
        repairs,
    }
}

/// One pass of [`repair`].
fn repair_once(text: &str) -> Repaired {
    let doc = Doc::new(text);
    // First round: decide every site, recording the vocabulary questions.
    let mut decisions: Vec<Option<(char, bool)>> = Vec::with_capacity(doc.sites.len());
    let mut asked = Vec::new();
    for (i, site) in doc.sites.iter().enumerate() {
        decisions.push(match site.kind {
            SiteKind::Lossless(c) => Some((c, true)),
            SiteKind::Lossy(cands) => {
                doc.asked_vocab.set(false);
                let d = doc.decide(i, cands);
                if doc.asked_vocab.get() {
                    asked.push(i);
                }
                d
            }
        });
    }
    // Second round, only where the vocabulary was asked.
    if !asked.is_empty() {
        doc.answer_vocab();
        for i in asked {
            if let SiteKind::Lossy(cands) = doc.sites[i].kind {
                decisions[i] = doc.decide(i, cands);
            }
        }
    }
    let strong = decisions
        .iter()
        .filter(|d| d.is_some_and(|(_, s)| s))
        .count();
    let apply_weak = strong >= 2;
    // Assemble in one left-to-right pass.
    let mut out = String::with_capacity(text.len());
    let mut repairs: Vec<Repair> = Vec::with_capacity(strong);
    let mut copied = 0;
    for (site, d) in doc.sites.iter().zip(decisions) {
        let (c, rule) = match (&site.kind, d) {
            (SiteKind::Lossless(_), Some((c, _))) => (c, RepairRule::Mojibake),
            (SiteKind::Lossy(_), Some((c, strong))) if strong || apply_weak => (c, rule_for(c)),
            _ => continue,
        };
        out.push_str(&text[copied..site.start]);
        copied = site.end;
        let after: String = if is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes {
            c.to_string()
        } else {
            std::iter::once(c).nfc().collect()
        };
        let start = out.len();
        out.push_str(&after);
        let before = &text[site.start..site.end];
        match repairs.last_mut() {
            Some(last)
                if rule == RepairRule::Mojibake && last.rule == rule && last.span.end == start =>
            {
                last.span.end = out.len();
                last.before.push_str(before);
                last.after.push_str(&after);
            }
            _ => repairs.push(Repair {
                span: start..out.len(),
                before: before.to_string(),
                after,
                rule,
            }),
        }
    }
    out.push_str(&text[copied..]);
    Repaired { text: out, repairs }
}

/// The text being repaired, its sites, and the whole-text facts some sites
/// need, each computed at most once.
struct Doc<'a> {
    text: &'a str,
    sites: Vec<Site>,
    vocab: RefCell<VocabAnswers>,
    /// Set when the vocabulary is asked; reset by the caller per site.
    asked_vocab: Cell<bool>,
    style: OnceCell<QuoteStyle>,
    /// Per site: whether a lost opening quotation mark precedes it on its line.
    open_double: OnceCell<Vec<bool>>,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str) -> Self {
        Doc {
            text,
            sites: scan(text),
            vocab: RefCell::new(VocabAnswers::default()),
            asked_vocab: Cell::new(false),
            style: OnceCell::new(),
            open_double: OnceCell::new(),
        }
    }

    /// True when the lower-case word `w` is a word of the text after the
    /// lossless pass (words split at anything that is not a letter). Before
    /// [`Doc::answer_vocab`], records `w` and answers false.
    fn in_vocab(&self, w: &str) -> bool {
        self.asked_vocab.set(true);
        let mut v = self.vocab.borrow_mut();
        if let Some(&found) = v.words.get(w) {
            return found;
        }
        let mut found = false;
        if v.answered {
            let mut one = WordMap::default();
            one.insert(w.to_string(), false);
            find_words(self.text, &mut one);
            found = one.get(w).copied().unwrap_or(false);
        }
        v.words.insert(w.to_string(), found);
        found
    }

    /// Finds which of the words asked so far occur in the text.
    fn answer_vocab(&self) {
        let mut v = self.vocab.borrow_mut();
        find_words(self.text, &mut v.words);
        v.answered = true;
    }

    fn quote_style(&self) -> QuoteStyle {
        *self
            .style
            .get_or_init(|| quote_style(self.text, &self.sites))
    }

    fn open_double_before(&self, site: usize) -> bool {
        self.open_double
            .get_or_init(|| open_double(self.text, &self.sites))
            .get(site)
            .copied()
            .unwrap_or(false)
    }

    /// The decision for the lossy site `i` (see [`choose`](fn@choose)).
    fn decide(&self, i: usize, cands: &[char]) -> Option<(char, bool)> {
        let site = &self.sites[i];
        let ctx = Ctx {
            doc: self,
            site: i,
            at: site.start,
            end: site.end,
            marker: self.text[site.start..].chars().next().unwrap_or('\0'),
        };
        choose(&ctx, cands)
    }
}

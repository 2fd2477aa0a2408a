//! Code tables derived from encoding_rs, and the lossy families: which byte
//! a character stands for when UTF-8 was read as Windows-1252 or Latin-1, and
//! which characters a damaged sequence (bytes 0x80–0x9F lost) may have been.
//! Derived once, at first use, so that no table is written by hand.

use std::collections::HashMap;
use std::sync::OnceLock;

pub(super) struct Tables {
    /// Windows-1252 decoding of every byte (WHATWG: undefined bytes → C1).
    pub(super) dec: [char; 256],
    /// Damaged byte sequence (lead byte + surviving continuation bytes) →
    /// every plausible character whose UTF-8, minus bytes 0x80–0x9F, gives it.
    pub(super) lossy: HashMap<Vec<u8>, Vec<char>>,
    /// Lead bytes that have a non-empty lossy family on their own.
    lone_leads: [bool; 256],
    /// Lead bytes that open at least one key of `lossy`.
    pub(super) family_leads: [bool; 256],
}

pub(super) fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut dec = ['\0'; 256];
        for (b, slot) in dec.iter_mut().enumerate() {
            let byte = [b as u8];
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            *slot = s.chars().next().unwrap_or('\u{FFFD}');
        }
        let mut lossy: HashMap<Vec<u8>, Vec<char>> = HashMap::new();
        let mut lone_leads = [false; 256];
        for &(lo, hi) in LOSSY_RANGES {
            for cp in lo..=hi {
                let Some(c) = char::from_u32(cp) else {
                    continue;
                };
                let mut buf = [0u8; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes();
                let kept: Vec<u8> = bytes
                    .iter()
                    .copied()
                    .filter(|b| !(0x80..=0x9F).contains(b))
                    .collect();
                if kept.len() == bytes.len() || kept.is_empty() {
                    continue;
                }
                if kept.len() == 1 {
                    lone_leads[kept[0] as usize] = true;
                }
                lossy.entry(kept).or_default().push(c);
            }
        }
        let mut family_leads = [false; 256];
        for key in lossy.keys() {
            family_leads[key[0] as usize] = true;
        }
        Tables {
            dec,
            lossy,
            lone_leads,
            family_leads,
        }
    })
}

/// Characters considered for lossy repair (a narrower set than for lossless
/// reversal: Latin letters of Western and Central European languages,
/// punctuation, currency, letterlike symbols and Latin ligatures).
const LOSSY_RANGES: &[(u32, u32)] = &[
    (0x00A0, 0x017F),
    (0x0218, 0x021B),
    (0x2000, 0x206F),
    (0x20A0, 0x20BF),
    (0x2100, 0x214F),
    (0xFB00, 0xFB06),
];

/// Characters a lossless reversal may produce.
pub(super) fn plausible_lossless(c: char) -> bool {
    matches!(c as u32,
        0x00A0..=0x024F
        | 0x02B0..=0x02FF
        | 0x0370..=0x03FF
        | 0x0400..=0x04FF
        | 0x1E00..=0x1EFF
        | 0x2000..=0x206F
        | 0x20A0..=0x20BF
        | 0x2100..=0x214F
        | 0x2190..=0x22FF
        | 0x2500..=0x25FF
        | 0xFB00..=0xFB06
        | 0xFEFF
        | 0x1F300..=0x1FAFF)
}

/// The byte a character stands for when UTF-8 was read as Windows-1252 or
/// Latin-1 (C1 controls stand for their own value).
pub(super) fn byte_of(c: char) -> Option<u8> {
    let cp = c as u32;
    if cp < 0x100 {
        return Some(cp as u8);
    }
    // The Windows-1252 characters of 0x80–0x9F above U+00FF: Œ (U+0152) to ™ (U+2122).
    if !(0x152..=0x2122).contains(&cp) {
        return None;
    }
    let t = tables();
    (0x80..0xA0usize).find(|&b| t.dec[b] == c).map(|b| b as u8)
}

/// Length of the UTF-8 sequence a lead byte opens (0 if not a lead byte).
pub(super) fn seq_len(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

pub(super) fn is_cont_char(c: char) -> bool {
    matches!(byte_of(c), Some(0x80..=0xBF))
}

pub(super) fn is_lone_marker(c: char) -> bool {
    let cp = c as u32;
    cp < 0x100 && tables().lone_leads[cp as usize]
}

pub(super) fn is_lead_char(c: char) -> bool {
    let cp = c as u32;
    (0xC2..=0xF4).contains(&cp)
}

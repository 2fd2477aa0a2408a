//! Generators for the encoding damage that [`crate::repair`] undoes.
//!
//! Input: clean UTF-8 text. Output: the same text as it would look after one
//! of the three kinds of damage seen in the archives. The functions are pure
//! and total; they exist so that the repair can be tested (and measured) on
//! texts whose original is known.
//!
//! 1. [`cp1252_mojibake`]: the UTF-8 bytes read as Windows-1252 (lossless).
//! 2. [`latin1_strip_c1`]: the UTF-8 bytes read as Latin-1, then the C1
//!    controls (U+0080–U+009F) removed (lossy).
//! 3. [`drop_c1_bytes`]: the bytes 0x80–0x9F deleted from the UTF-8, the rest
//!    decoded as UTF-8 with a Latin-1 fallback for bytes that no longer form
//!    valid UTF-8 (lossy; seed `samples/001_*` shows this kind).

/// The three kinds of damage, for tests and measurements that loop over them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum DamageKind {
    /// Kind 1: UTF-8 read as Windows-1252 ([`cp1252_mojibake`]).
    Cp1252,
    /// Kind 2: UTF-8 read as Latin-1, C1 controls removed ([`latin1_strip_c1`]).
    Latin1StripC1,
    /// Kind 3: bytes 0x80–0x9F deleted, Latin-1 fallback ([`drop_c1_bytes`]).
    DropC1Bytes,
}

impl DamageKind {
    /// All kinds, in numbering order.
    pub const ALL: [DamageKind; 3] = [
        DamageKind::Cp1252,
        DamageKind::Latin1StripC1,
        DamageKind::DropC1Bytes,
    ];

    /// Applies this kind of damage to `text`.
    pub fn apply(self, text: &str) -> String {
        match self {
            DamageKind::Cp1252 => cp1252_mojibake(text),
            DamageKind::Latin1StripC1 => latin1_strip_c1(text),
            DamageKind::DropC1Bytes => drop_c1_bytes(text),
        }
    }

    /// Stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            DamageKind::Cp1252 => "cp1252",
            DamageKind::Latin1StripC1 => "latin1-strip-c1",
            DamageKind::DropC1Bytes => "drop-c1-bytes",
        }
    }
}

/// Kind 1: the UTF-8 bytes of `text` decoded as Windows-1252.
///
/// Uses the WHATWG table from `encoding_rs`, in which the five bytes that
/// Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) decode to the
/// C1 control of the same value, so nothing is lost: `é` → `Ã©`, `’` → `â€™`.
pub fn cp1252_mojibake(text: &str) -> String {
    let (decoded, _had_errors) =
        encoding_rs::WINDOWS_1252.decode_without_bom_handling(text.as_bytes());
    decoded.into_owned()
}

/// Kind 2: the UTF-8 bytes of `text` read as Latin-1 (byte `b` → `U+00bb`),
/// then every C1 control (U+0080–U+009F) removed.
///
/// `é` → `Ã©` (nothing lost), `É` → `Ã`, `’` → `â`, `…` → `â¦`.
pub fn latin1_strip_c1(text: &str) -> String {
    text.bytes()
        .filter(|b| !(0x80..=0x9F).contains(b))
        .map(char::from)
        .collect()
}

/// Kind 3: the bytes 0x80–0x9F deleted from the UTF-8 of `text`, the rest
/// decoded by [`utf8_with_latin1_fallback`].
///
/// `é` survives, `’` → `â`, `…` → `â¦`, `€` → `â¬`, `É` → `Ã`, `œ` → `Å`.
pub fn drop_c1_bytes(text: &str) -> String {
    let kept: Vec<u8> = text
        .bytes()
        .filter(|b| !(0x80..=0x9F).contains(b))
        .collect();
    utf8_with_latin1_fallback(&kept)
}

/// Decodes `bytes` as UTF-8; every byte that does not start a valid UTF-8
/// sequence is read as Latin-1 (byte `b` → `U+00bb`) and decoding resumes at
/// the next byte.
pub fn utf8_with_latin1_fallback(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // The prefix was validated just above.
                out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                out.push(char::from(rest[good]));
                rest = &rest[good + 1..];
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind1_examples() {
        assert_eq!(cp1252_mojibake("é’Éœ"), "Ã©â€™Ã‰Å“");
        // U+0081 has UTF-8 bytes C2 81; 0x81 is undefined in cp1252.
        assert_eq!(cp1252_mojibake("\u{81}"), "Â\u{81}");
        assert_eq!(cp1252_mojibake("abc"), "abc");
    }

    #[test]
    fn kind2_examples() {
        assert_eq!(latin1_strip_c1("é"), "Ã©");
        assert_eq!(latin1_strip_c1("É"), "Ã");
        assert_eq!(latin1_strip_c1("’"), "â");
        assert_eq!(latin1_strip_c1("…"), "â¦");
        assert_eq!(latin1_strip_c1("à"), "Ã\u{a0}");
        assert_eq!(latin1_strip_c1("œ"), "Å");
    }

    #[test]
    fn kind3_examples() {
        assert_eq!(drop_c1_bytes("Russia’s"), "Russiaâs");
        assert_eq!(drop_c1_bytes("l’Estonie"), "lâEstonie");
        assert_eq!(drop_c1_bytes("États-Unis"), "Ãtats-Unis");
        assert_eq!(drop_c1_bytes("é à è"), "é à è");
        assert_eq!(drop_c1_bytes("…"), "â¦");
        assert_eq!(drop_c1_bytes("\u{202f}"), "â¯");
        assert_eq!(drop_c1_bytes("€"), "â¬");
        assert_eq!(drop_c1_bytes("sœur"), "sÅur");
        assert_eq!(drop_c1_bytes("a – b"), "a â b");
    }

    #[test]
    fn seed_001_is_kind3() {
        // The English half of seed 001 shows exactly this damage.
        assert_eq!(
            drop_c1_bytes("Russia’s actions will not deter Allies’ support"),
            "Russiaâs actions will not deter Alliesâ support"
        );
    }

    #[test]
    fn fallback_decoder() {
        assert_eq!(utf8_with_latin1_fallback(b"a\xe2\xa6b"), "aâ¦b");
        assert_eq!(utf8_with_latin1_fallback(b"\xc3\xa9\xc3"), "éÃ");
        assert_eq!(utf8_with_latin1_fallback(b""), "");
    }
}

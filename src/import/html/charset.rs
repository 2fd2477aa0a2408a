//! A web page's bytes as text: the encoding a browser would use.
//!
//! Input: the page's bytes. Output: the text, and the encoding's name.
//! Guarantees: a byte order mark wins; then a `<meta charset>` or
//! `<meta http-equiv="content-type" content="…; charset=…">` in the first 1024
//! bytes (a UTF-16 label there means UTF-8, as in the HTML standard); then
//! UTF-16 without a mark when every other byte of the start is NUL; else
//! UTF-8 when the bytes are valid UTF-8, Windows-1252 otherwise. Malformed
//! sequences become U+FFFD; never fails.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// The page's text and the name of its encoding.
pub(super) fn decode(bytes: &[u8]) -> (String, &'static str) {
    let encoding = encoding_of(bytes);
    let (text, used, _) = encoding.decode(bytes);
    (text.into_owned(), used.name())
}

fn encoding_of(bytes: &[u8]) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    let head = &bytes[..bytes.len().min(1024)];
    if let Some(enc) = declared(head) {
        return if enc == UTF_16LE || enc == UTF_16BE {
            UTF_8
        } else {
            enc
        };
    }
    if let Some(enc) = utf16_without_bom(head) {
        return enc;
    }
    if std::str::from_utf8(bytes).is_ok() {
        UTF_8
    } else {
        WINDOWS_1252
    }
}

/// UTF-16 told by NULs: most even (big-endian) or odd (little-endian) bytes
/// of the start are NUL while the others are not.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 10 >= pairs * 9 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The encoding a `<meta>` of the first bytes declares.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(label) = charset_in(tag) {
            if let Some(enc) = Encoding::for_label(label) {
                return Some(enc);
            }
        }
        from = end;
    }
    None
}

/// The value after `charset=` in a tag (the `charset` attribute or the
/// `content` of an `http-equiv`), without quotes.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let at = memchr::memmem::find(tag, b"charset")?;
    let mut rest = &tag[at + 7..];
    rest = trim_start(rest);
    rest = rest.strip_prefix(b"=")?;
    rest = trim_start(rest);
    while let [b'"' | b'\'', tail @ ..] = rest {
        rest = tail;
    }
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    let label = &rest[..end];
    (!label.is_empty()).then_some(label)
}

fn trim_start(mut s: &[u8]) -> &[u8] {
    while let [b, tail @ ..] = s {
        if b.is_ascii_whitespace() {
            s = tail;
        } else {
            break;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_then_meta_then_utf8_then_windows_1252() {
        assert_eq!(decode(b"\xef\xbb\xbf<p>\xc3\xa9</p>").0, "<p>é</p>");
        let meta = b"<html><head><meta charset=\"iso-8859-1\"></head><p>\xe9t\xe9</p>";
        assert!(decode(meta).0.contains("été"));
        let equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>\x93x\x94</p>";
        assert!(decode(equiv).0.contains("\u{201c}x\u{201d}"));
        assert_eq!(decode("<p>é</p>".as_bytes()).1, "UTF-8");
        let (text, enc) = decode(b"<p>\xe9t\xe9</p>");
        assert_eq!((text.as_str(), enc), ("<p>été</p>", "windows-1252"));
        // A UTF-16 label in a meta means UTF-8.
        assert_eq!(decode(b"<meta charset=utf-16><p>x</p>").1, "UTF-8");
        let utf16: Vec<u8> = "<html><p>été</p>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(&utf16).0, "<html><p>été</p>");
    }
}

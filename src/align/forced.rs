//! Pairs the user knows (`--anchors FILE`): a TSV of English and French
//! paragraphs, one pair per line, forced into the alignment.
//!
//! Each field is a 1-based paragraph index (a bare integer, as in the CSV's
//! `en_index`/`fr_index`) or a number key as `natalign inspect` shows it
//! (`Article 5`, `Article 8 1 (a)`; `key:3` for the paragraph numbered 3).
//! Blank lines and lines starting with `#` are ignored.

use super::Side;

/// Parse an anchors file against the two sides into 0-based index pairs.
///
/// # Errors
/// A message with the 1-based line number: a malformed line, an index out of
/// range, or a key that no paragraph has.
pub fn parse(text: &str, en: &Side, fr: &Side) -> Result<Vec<(usize, usize)>, String> {
    let mut pairs = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(e), Some(f), None) = (fields.next(), fields.next(), fields.next()) else {
            return Err(format!("line {}: expected two tab-separated fields", n + 1));
        };
        let e = resolve(e.trim(), en).map_err(|why| format!("line {}: English {why}", n + 1))?;
        let f = resolve(f.trim(), fr).map_err(|why| format!("line {}: French {why}", n + 1))?;
        pairs.push((e, f));
    }
    Ok(pairs)
}

fn resolve(field: &str, side: &Side) -> Result<usize, String> {
    if let Ok(index) = field.parse::<usize>() {
        return if (1..=side.paragraphs.len()).contains(&index) {
            Ok(index - 1)
        } else {
            Err(format!(
                "paragraph {index} does not exist ({} paragraphs)",
                side.paragraphs.len()
            ))
        };
    }
    let key = field.strip_prefix("key:").unwrap_or(field).trim();
    side.paragraphs
        .iter()
        .position(|p| p.key.as_ref().is_some_and(|k| k.as_str() == key))
        .ok_or_else(|| format!("number key {key:?} not found"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Lang, NumberKey, Paragraph, ParagraphKind};

    fn side(keys: &[Option<&str>]) -> Side {
        Side::new(
            "d",
            Lang::En,
            keys.iter()
                .map(|k| Paragraph {
                    kind: ParagraphKind::Body,
                    label: None,
                    key: k.map(|k| NumberKey(k.into())),
                    text: "text".into(),
                    lines: 1..2,
                    span: 0..4,
                    lang: None,
                    other: None,
                    confidence: 1.0,
                    reason: None,
                    repairs: 0,
                })
                .collect(),
        )
    }

    #[test]
    fn indices_keys_and_errors() {
        let en = side(&[None, Some("Article 1"), Some("3")]);
        let fr = side(&[None, None, Some("Article 1"), Some("3")]);
        let text = "# known pairs\n1\t2\nArticle 1\tArticle 1\n\nkey:3\t4\n";
        assert_eq!(parse(text, &en, &fr), Ok(vec![(0, 1), (1, 2), (2, 3)]));
        assert_eq!(
            parse("9\t1\n", &en, &fr),
            Err("line 1: English paragraph 9 does not exist (3 paragraphs)".into())
        );
        assert_eq!(
            parse("1\tArticle 7\n", &en, &fr),
            Err("line 1: French number key \"Article 7\" not found".into())
        );
        assert_eq!(
            parse("1 2\n", &en, &fr),
            Err("line 1: expected two tab-separated fields".into())
        );
    }
}

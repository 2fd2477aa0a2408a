//! Text helpers shared by the stages above them: the normal form two texts
//! are compared and hashed in (`check`'s inconsistent translations, corpus
//! deduplication), and letter counts (main language, corpus features).

/// The number of alphabetic characters of `text`.
pub fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// Normalise a text for comparing units: NFC, typography folded (curly
/// quotes, guillemets, dashes), whitespace runs folded to one space, no space
/// next to a straight double quote, trimmed.
///
/// One pass over the text, and no normalisation pass when it is already NFC
/// (the usual case): corpus mode runs it on every unit.
pub fn normalize(text: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    let composed: std::borrow::Cow<str> = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.into()
    } else {
        text.nfc().collect::<String>().into()
    };
    let mut out = String::with_capacity(composed.len());
    let mut space = false;
    for c in composed.chars() {
        let c = match c {
            '’' | '‘' | '`' | '´' => '\'',
            '“' | '”' | '«' | '»' => '"',
            '‐' | '‑' | '–' | '—' => '-',
            c if c.is_whitespace() => {
                space = true;
                continue;
            }
            c => c,
        };
        if space && c != '"' && !out.is_empty() && !out.ends_with('"') {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// `text` with URLs and e-mail addresses blanked out: they are printed text
/// but no evidence of the language around them (`views-vues`).
pub fn without_urls(text: &str) -> std::borrow::Cow<'_, str> {
    static URL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+").unwrap()
    });
    if !text.contains("://") && !text.contains("www.") && !text.contains('@') {
        return text.into();
    }
    URL.replace_all(text, " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_typography_whitespace_and_composition() {
        assert_eq!(
            normalize("  L\u{2019}OTAN \u{ab} soutient \u{bb}\n\tl\u{2019}Ukraine \u{2014} 2024  "),
            "L'OTAN\"soutient\"l'Ukraine - 2024"
        );
        // A decomposed é (e + U+0301) composes; composed text is unchanged.
        assert_eq!(normalize("Etats-Unis e\u{301}te\u{301}"), "Etats-Unis été");
        assert_eq!(normalize("été"), "été");
        assert_eq!(normalize(" \u{a0}\n"), "");
        assert_eq!(normalize("a \" b \" c"), "a\"b\"c");
    }

    #[test]
    fn letters_count_alphabetic_characters_only() {
        assert_eq!(letters("L’OTAN, 2024 : été"), 8);
        assert_eq!(letters("12 345"), 0);
    }
}

//! Text helpers shared by the stages above them: the normal form two texts
//! are compared and hashed in (`check`'s inconsistent translations, corpus
//! deduplication), letter counts (main language, corpus features), and where
//! the URLs and e-mail addresses of a text are ([`url_spans`],
//! [`without_urls`]): text as printed, but no evidence of a language.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

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

/// A URL with a scheme or `www.`, an e-mail address, or a domain name with a
/// path (`nato.int/cps/fr/…`): a domain alone (`nato.int`) reads as a word.
/// The trailing punctuation of the sentence around it is trimmed afterwards.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?xi)
          \b(?:(?:https?|ftp)://|www\.)[^\s<>"«»“”]+
        | [\w.%+-]+@[\w-]+(?:\.[\w-]+)+
        | \b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}/[^\s<>"«»“”]*
        "#,
    )
    .unwrap()
});

/// The byte ranges of the URLs (`https://…`, `www.…`, `nato.int/path`) and
/// e-mail addresses of `text`, in order. Punctuation closing the sentence
/// around a URL (`.`, `,`, a closing bracket or quote without its opening one
/// inside the URL) is not part of it.
pub fn url_spans(text: &str) -> Vec<Range<usize>> {
    // Every form holds `/`, `@` or `www.`: most paragraphs have none, and skip
    // the regex.
    let bytes = text.as_bytes();
    let maybe = memchr::memchr2(b'/', b'@', bytes).is_some()
        || bytes.windows(4).any(|w| w.eq_ignore_ascii_case(b"www."));
    if !maybe {
        return Vec::new();
    }
    URL.find_iter(text)
        .map(|m| m.start()..m.start() + trim_url(m.as_str()).len())
        .filter(|r| !r.is_empty())
        .collect()
}

/// `url` without the sentence punctuation glued to its end: `.`, `,`, `;`,
/// `:`, `!`, `?`, quotes, and closing brackets the URL does not open.
fn trim_url(mut url: &str) -> &str {
    loop {
        let Some(last) = url.chars().next_back() else {
            return url;
        };
        let unbalanced = |open: char| url.matches(open).count() < url.matches(last).count();
        let trim = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’' | '*' | '_' => true,
            ')' => unbalanced('('),
            ']' => unbalanced('['),
            '}' => unbalanced('{'),
            _ => false,
        };
        if !trim {
            return url;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
}

/// `text` with its URLs and e-mail addresses ([`url_spans`]) replaced by one
/// space each: a URL is printed as it is, but its words (`guide-numerique`,
/// `views-vues`, `fr/news`) are no evidence of the text's language. Borrowed
/// when there is none.
pub fn without_urls(text: &str) -> Cow<'_, str> {
    let spans = url_spans(text);
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start]);
        out.push(' ');
        at = span.end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
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

    #[test]
    fn urls_and_addresses_are_no_language_evidence() {
        assert_eq!(
            without_urls(
                "Voir https://www.nato.int/cps/fr/natohq/news_2024.htm?selectedLocale=fr et le guide."
            ),
            "Voir   et le guide."
        );
        assert_eq!(
            without_urls("(www.nato.int/fr/news/2024/guide-numerique), puis"),
            "( ), puis"
        );
        assert_eq!(
            without_urls("Read nato.int/docu/review/views-vues/index.html today"),
            "Read   today"
        );
        assert_eq!(without_urls("Écrire à presse@hq.nato.int."), "Écrire à  .");
        assert_eq!(
            without_urls("See <https://example.org/a_(b)_c>."),
            "See < >."
        );
        let text = "Le guide numérique de l’OTAN, 2024 : rien à retirer.";
        assert!(matches!(without_urls(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn text_that_only_looks_like_a_url_stays() {
        for text in [
            "et/ou 1.5/2 km/h",
            "e.g./i.e. and U.S./Canada",
            "nato.int alone is a name",
            "Article 5 @ 12:00",
        ] {
            assert_eq!(without_urls(text), text);
        }
        let urls = |text: &'static str| -> Vec<&'static str> {
            url_spans(text).into_iter().map(|r| &text[r]).collect()
        };
        assert_eq!(urls("https://nato.int/x."), ["https://nato.int/x"]);
        assert_eq!(
            urls("(see https://a.org/b_(c)), www.nato.int/fr: or a@b.org."),
            ["https://a.org/b_(c)", "www.nato.int/fr", "a@b.org"]
        );
    }
}

//! Sentence splitting for English and French paragraph texts.
//!
//! Input: the text of one paragraph ([`crate::document::Paragraph::text`]) and
//! its language. Output: the sentences, as byte ranges into that text, in order.
//! Guarantees:
//! - the ranges are disjoint, increasing, non-empty, and trimmed (they neither
//!   start nor end with whitespace); together they cover every non-whitespace
//!   character of the text exactly once, so nothing is lost or duplicated;
//! - a sentence ends at `.`, `!`, `?`, `…` or `...` (with any closing quotes or
//!   brackets right after it: `.»`, `. »`, `.”`, `.)`), when whitespace and then
//!   the start of a sentence follow: an uppercase letter or a digit, possibly
//!   after an opening quote or bracket. `;` and `:` never end a sentence;
//! - a full stop does not end a sentence after an abbreviation: titles (`Mr.`,
//!   `Dr.`, `M.`, `MM.`), initials (`J. F. Kennedy`), dotted abbreviations
//!   (`U.S.`, `e.g.`, `c.-à-d.`), months (`Jun.`, `janv.`), common Latin and
//!   French shorthands (`cf.`, `p. ex.`), and, when a number follows, reference
//!   abbreviations (`No. 5`, `art. 5`, `Art. 5`, `para. 2`, `p. 12`). `etc.`
//!   ends a sentence only when a sentence start follows it;
//! - decimals (`2.5`) and an ellipsis marking an omission (`[…]`, `(...)`) do
//!   not end sentences; French spaces before `?`, `!` and `»` (U+0020, U+00A0,
//!   U+202F) stay inside the sentence.
//!
//! The splitter is hand-written rather than built on Unicode UAX #29 sentence
//! boundaries (the unicode-segmentation crate), by measurement (docs/DESIGN.md,
//! "Word and sentence boundaries"). UAX #29 breaks after `Mr.`, `art.` and
//! `J.`, before the lowercase word after `?`, after `(...)` and before the `»`
//! of `. »`, so every rule above is still needed on top of it; it ends no
//! sentence after `…`, before a number (`ended. 5 ships`) or before a dash,
//! which only a scan for every terminator finds, and that scan is this
//! splitter; and its boundaries alone take 4.5 times as long as this whole
//! splitter (107 ms against 24 ms on 4 MiB).

use std::ops::Range;

use crate::document::Lang;

/// Characters that can end a sentence.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Closing quotes and brackets that may follow a terminator.
fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']')
}

/// Opening quotes and brackets that may start a sentence.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '—' | '–'
    )
}

/// Titles before a name: never the end of a sentence.
const TITLES_EN: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "St", "Sr", "Jr", "Gen", "Col", "Lt", "Capt", "Maj",
    "Sgt", "Adm", "Gov", "Sen", "Rep", "Hon", "Rev", "Amb", "Mt",
];
const TITLES_FR: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Dr", "Pr", "St", "Ste", "Gén", "Col",
    "Lt", "Cdt", "Cne", "Amb",
];

/// Abbreviations that are not sentence ends whatever follows.
const ALWAYS_EN: &[&str] = &[
    "cf", "Cf", "vs", "viz", "approx", "incl", "ca", "resp", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];
const ALWAYS_FR: &[&str] = &[
    "cf", "Cf", "ex", "env", "av", "bd", "boul", "janv", "févr", "fév", "avr", "juil", "sept",
    "oct", "nov", "déc",
];

/// Abbreviations that are not sentence ends when a number follows.
const BEFORE_NUMBER_EN: &[&str] = &[
    "No", "Nos", "no", "nos", "Art", "Arts", "art", "arts", "Para", "Paras", "para", "paras",
    "Sect", "sect", "Sec", "sec", "Ch", "ch", "Chap", "chap", "Fig", "fig", "Vol", "vol", "p",
    "pp", "op", "Annex", "ibid",
];
const BEFORE_NUMBER_FR: &[&str] = &[
    "No", "no", "Art", "art", "Par", "par", "Para", "para", "al", "Al", "Sect", "sect", "Ch", "ch",
    "Chap", "chap", "Fig", "fig", "Vol", "vol", "t", "p", "pp", "n", "éd", "ibid",
];

/// The sentences of `text`, as trimmed byte ranges (see the module docs).
pub fn split(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte = |k: usize| chars.get(k).map_or(text.len(), |&(b, _)| b);
    let mut ends = Vec::new();
    let mut k = 0;
    while k < n {
        if !is_terminator(chars[k].1) {
            k += 1;
            continue;
        }
        let first = k;
        let mut end = k + 1;
        while end < n && is_terminator(chars[end].1) {
            end += 1;
        }
        let cluster = end - first;
        let mut closed = false;
        loop {
            if end < n && is_closing(chars[end].1) {
                end += 1;
                closed = true;
                continue;
            }
            // French: a (no-break) space, then the closing guillemet.
            let mut s = end;
            while s < n && chars[s].1.is_whitespace() {
                s += 1;
            }
            if s > end && s < n && matches!(chars[s].1, '»' | '›') {
                end = s + 1;
                closed = true;
                continue;
            }
            break;
        }
        let mut next = end;
        while next < n && chars[next].1.is_whitespace() {
            next += 1;
        }
        k = end;
        if next == end || next == n || !starts_sentence(&chars[next..]) {
            continue;
        }
        let omission = first > 0 && matches!(chars[first - 1].1, '[' | '(');
        if omission {
            continue;
        }
        let full_stop = cluster == 1 && chars[first].1 == '.';
        if full_stop && !closed && is_abbreviation(&chars[..first], &chars[next..], lang) {
            continue;
        }
        ends.push(byte(end));
    }
    ends.push(text.len());
    let mut out = Vec::with_capacity(ends.len());
    let mut start = 0;
    for end in ends {
        let piece = &text[start..end];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out.push(start + lead..start + lead + trimmed.len());
        }
        start = end;
    }
    out
}

/// Whether `rest` (after whitespace) starts a sentence: opening quotes or
/// brackets and spaces, then an uppercase letter or a digit.
fn starts_sentence(rest: &[(usize, char)]) -> bool {
    rest.iter()
        .map(|&(_, c)| c)
        .find(|&c| !is_opening(c) && !c.is_whitespace())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Whether the full stop after `before` closes an abbreviation rather than a
/// sentence, given what follows it (`after`, from the next non-space).
fn is_abbreviation(before: &[(usize, char)], after: &[(usize, char)], lang: Lang) -> bool {
    let start = before
        .iter()
        .rposition(|&(_, c)| c.is_whitespace())
        .map_or(0, |p| p + 1);
    let token: String = before[start..]
        .iter()
        .map(|&(_, c)| c)
        .skip_while(|&c| is_opening(c))
        .collect();
    // French elision: l’art. → art.
    let word = token.rsplit(['’', '\'']).next().unwrap_or_default();
    if !word.chars().last().is_some_and(char::is_alphabetic) {
        return false;
    }
    // Dotted abbreviations: U.S, e.g, i.e, J.-C, c.-à-d, Ph.D.
    if word.contains('.') {
        return word.split('.').all(|piece| {
            piece.chars().all(|c| c.is_alphabetic() || c == '-')
                && piece.chars().filter(|c| c.is_alphabetic()).count() <= 2
        });
    }
    // Initials: J. F. Kennedy, M. Dupont.
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    let (titles, always, before_number) = match lang {
        Lang::En => (TITLES_EN, ALWAYS_EN, BEFORE_NUMBER_EN),
        Lang::Fr => (TITLES_FR, ALWAYS_FR, BEFORE_NUMBER_FR),
    };
    if titles.contains(&word) || always.contains(&word) {
        return true;
    }
    before_number.contains(&word) && starts_number(after)
}

/// Whether `rest` starts with a number: digits, or a Roman numeral standing
/// alone (`Art. IV`).
fn starts_number(rest: &[(usize, char)]) -> bool {
    let token: String = rest
        .iter()
        .map(|&(_, c)| c)
        .take_while(|c| c.is_alphanumeric())
        .collect();
    token.starts_with(|c: char| c.is_ascii_digit())
        || (!token.is_empty() && token.chars().all(|c| "IVXLC".contains(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str, lang: Lang) -> Vec<&str> {
        split(text, lang).into_iter().map(|r| &text[r]).collect()
    }

    #[track_caller]
    fn check(lang: Lang, want: &[&str]) {
        let text = want.join(" ");
        assert_eq!(sentences(&text, lang), want);
    }

    #[test]
    fn plain_sentences() {
        check(
            Lang::En,
            &[
                "We call on Russia to stop.",
                "Are we sure?",
                "Yes!",
                "2024 was a hard year.",
            ],
        );
        assert_eq!(sentences("  One.  Two.  ", Lang::En), ["One.", "Two."]);
        assert_eq!(sentences("", Lang::En), Vec::<&str>::new());
        assert_eq!(sentences(" \n ", Lang::En), Vec::<&str>::new());
        assert_eq!(
            sentences("No stop at the end", Lang::En),
            ["No stop at the end"]
        );
    }

    #[test]
    fn semicolons_and_lowercase_do_not_end_sentences() {
        check(
            Lang::Fr,
            &[
                "Toute personne a droit à la liberté ; ce droit implique la liberté.",
                "Fin.",
            ],
        );
        check(
            Lang::En,
            &["It goes on. but not here; nor here: Right.", "End."],
        );
    }

    #[test]
    fn titles_and_initials() {
        check(
            Lang::En,
            &[
                "Mr. Smith met Dr. Jones and J. F. Kennedy.",
                "Mrs. Brown left.",
            ],
        );
        check(
            Lang::Fr,
            &[
                "M. Dupont et MM. Durand ont rencontré Mme Martin.",
                "Elle part.",
            ],
        );
    }

    #[test]
    fn dotted_abbreviations_and_months() {
        check(
            Lang::En,
            &[
                "The U.S. Army and the U.K. Government met on 3 Jun. 2024 in Brussels.",
                "They agreed.",
            ],
        );
        check(
            Lang::Fr,
            &["Il est né en 63 av. J.-C. Auguste régna ensuite."],
        );
        check(
            Lang::Fr,
            &[
                "Des villes, p. ex. Paris, c.-à-d. Lyon, cf. Annexe.",
                "Fin.",
            ],
        );
    }

    #[test]
    fn reference_abbreviations_before_numbers() {
        check(
            Lang::En,
            &[
                "See No. 5 and Art. 5 of the Treaty, para. 2 on p. 12, and Art. IV.",
                "Then stop.",
            ],
        );
        check(
            Lang::Fr,
            &["Voir l’art. 5 et le n° 3 de la Convention, al. 2.", "Fin."],
        );
        // Before a word, `No.` is the word no.
        check(Lang::En, &["The answer was No.", "They left."]);
    }

    #[test]
    fn decimals_etc_and_ellipsis() {
        check(
            Lang::En,
            &[
                "Spending rose by 2.5 per cent, to 3.5 billion, for ships, aircraft, etc. in 2024.",
                "Allies, partners, etc.",
                "The rest waited… and waited...",
                "Then it came.",
            ],
        );
        check(
            Lang::Fr,
            &[
                "Les Parties […] Les États membres (...) Les Alliés s’engagent.",
                "Fin.",
            ],
        );
    }

    #[test]
    fn ends_that_uax_29_does_not_find() {
        // `…` is no terminator there; a number then a lowercase word keeps the
        // sentence going (SB8); a dash continues it (SB8a).
        check(Lang::En, &["It ended…", "Then it came."]);
        check(Lang::En, &["It ended.", "5 ships sailed."]);
        check(Lang::Fr, &["Il a fini.", "« 2 000 soldats sont partis. »"]);
        check(Lang::En, &["It ended.", "— Then it came."]);
    }

    #[test]
    fn closing_quotes_and_brackets_after_the_stop() {
        check(
            Lang::Fr,
            &["Il a dit : « Nous sommes unis. »", "« Vraiment ? »", "Oui."],
        );
        check(
            Lang::Fr,
            &["Il a dit : «\u{a0}Nous sommes unis.\u{a0}»", "Suite."],
        );
        check(Lang::Fr, &["Il a dit : «Nous sommes unis.»", "Suite."]);
        check(
            Lang::En,
            &[
                "He said “we are united.”",
                "(See Article 5.)",
                "\"Why?\"",
                "Done.",
            ],
        );
    }

    #[test]
    fn french_spaces_before_question_and_exclamation_marks() {
        check(
            Lang::Fr,
            &[
                "Faut-il craindre un conflit\u{a0}?",
                "Non\u{202f}!",
                "Pourquoi ?",
                "Parce que.",
            ],
        );
        check(Lang::Fr, &["Pourquoi ? parce que nous le voulons."]);
    }

    #[test]
    fn covers_every_non_whitespace_character_once() {
        let text = " Mr. A. Smith said: « Yes ! »  Then… he left (etc.). 2.5 is No. 5.\n\nNew. ";
        let ranges = split(text, Lang::En);
        let mut covered = vec![false; text.len()];
        for r in &ranges {
            assert_eq!(text[r.clone()].trim(), &text[r.clone()]);
            for c in covered.iter_mut().take(r.end).skip(r.start) {
                assert!(!*c);
                *c = true;
            }
        }
        for (b, c) in text.char_indices() {
            assert!(covered[b] || c.is_whitespace(), "{c:?} at {b}");
        }
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Ranges are increasing, trimmed, and cover every non-whitespace
        /// character exactly once.
        #[test]
        fn nothing_lost(text in "[a-zA-ZÉé0-9 .!?…;:«»“”()\\[\\]\u{a0}\u{202f}\n]{0,80}", fr in any::<bool>()) {
            let lang = if fr { Lang::Fr } else { Lang::En };
            let ranges = split(&text, lang);
            let mut last = 0;
            for r in &ranges {
                prop_assert!(r.start >= last && r.start < r.end);
                let s = &text[r.clone()];
                prop_assert_eq!(s.trim(), s);
                prop_assert!(text[last..r.start].chars().all(char::is_whitespace));
                last = r.end;
            }
            prop_assert!(text[last..].chars().all(char::is_whitespace));
        }
    }
}

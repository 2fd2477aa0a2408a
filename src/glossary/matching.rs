//! Finding terms in a text, as a reviser reads them.
//!
//! Input: terms (compiled once into [`Pattern`]s) and a text. Output: where
//! each term occurs, as byte ranges of the text. A text and a term are both
//! read as words (runs of letters and digits) and the separators between
//! them, so that:
//! - matches are whole words: `Council` is not found in `Councillor`, and is
//!   found in `Council’s` and glued after an elided article (`l’OTAN`);
//! - typography is folded: apostrophes (`’` = `'`), quotes, dashes, and every
//!   kind of space (no-break, narrow no-break, line breaks) are one form;
//!   combining accents are composed (`e` + U+0301 = `é`); accents themselves
//!   matter (`Securite` is not `Sécurité`);
//! - case: a word written in capitals in the glossary (an acronym, `NATO`)
//!   matches case-sensitively; any other word case-insensitively;
//! - inflection: a word may take the usual plural (English `-s`, `-es`,
//!   `-ies`; French `-s`, `-x`, `-al` → `-aux`) and, in French, the usual
//!   feminine of adjectives (`-e`, `-el` → `-elle`, `-if` → `-ive`…), and be
//!   written singular in the glossary and plural in the text or the reverse;
//! - French elision: a term's `le`, `la`, `de` or `que` before a word matches
//!   `l’`, `d’` or `qu’` glued to it; a term's leading article (`le`, `la`,
//!   `les`, `l’`; English `the`, `a`, `an`) is optional, so `le Conseil`
//!   is found in `du Conseil` and `au Conseil`.

use std::ops::Range;

use rustc_hash::FxHashMap;
use unicode_normalization::char::{compose, is_combining_mark};

use crate::document::Lang;

/// One word of a text: its folded form, its lower-case form and where it is.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    /// Typography folded, case kept.
    text: String,
    /// Lower case.
    lower: String,
    /// Byte range in the original text.
    span: Range<usize>,
}

/// A text read as words and the separators between them.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Words {
    words: Vec<Word>,
    /// `seps[i]`: the folded separator before word `i` (`seps[0]` leads).
    seps: Vec<String>,
}

/// The folded form of a character that is not part of a word (`None`: a
/// space).
fn fold_separator(c: char) -> Option<char> {
    Some(match c {
        c if c.is_whitespace() => return None,
        '’' | '‘' | 'ʼ' | '`' | '´' | '′' => '\'',
        '“' | '”' | '„' | '«' | '»' | '″' => '"',
        '‐' | '‑' | '‒' | '–' | '—' | '−' => '-',
        c => c,
    })
}

impl Words {
    /// Read `text` as words.
    pub(crate) fn new(text: &str) -> Words {
        let mut words: Vec<Word> = Vec::new();
        let mut seps = Vec::new();
        let mut sep = String::new();
        let mut word: Option<(String, usize, usize)> = None;
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            // Invisible: a soft hyphen or a zero-width space inside a word.
            if matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}') {
                continue;
            }
            if let Some((w, _, e)) = word.as_mut() {
                if is_combining_mark(c) || c.is_alphanumeric() {
                    // A combining accent is composed with the letter before it
                    // when Unicode has the composed letter (NFC).
                    match w.chars().next_back().and_then(|last| compose(last, c)) {
                        Some(composed) if is_combining_mark(c) => {
                            w.pop();
                            w.push(composed);
                        }
                        _ => w.push(c),
                    }
                    *e = end;
                    continue;
                }
            }
            if c.is_alphanumeric() {
                seps.push(std::mem::take(&mut sep));
                word = Some((c.to_string(), i, end));
                continue;
            }
            if let Some((w, s, e)) = word.take() {
                words.push(Word {
                    lower: w.to_lowercase(),
                    text: w,
                    span: s..e,
                });
            }
            match fold_separator(c) {
                None if sep.ends_with(' ') => {}
                None => sep.push(' '),
                Some(f) => sep.push(f),
            }
        }
        if let Some((w, s, e)) = word.take() {
            words.push(Word {
                lower: w.to_lowercase(),
                text: w,
                span: s..e,
            });
        }
        Words { words, seps }
    }

    /// The separator between word `i - 1` and word `i`.
    fn sep(&self, i: usize) -> &str {
        &self.seps[i]
    }
}

/// Words that never inflect (articles, prepositions): `des` is not the
/// plural of `de`.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "à", "au", "aux",
    "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou", "par", "pour", "qu", "que",
    "sur", "un", "une",
];

/// Leading articles a term may be found without.
fn is_leading_article(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::En => matches!(word, "the" | "a" | "an"),
        Lang::Fr => matches!(word, "le" | "la" | "les" | "l"),
    }
}

/// The elided form of a French word before a vowel (`le` → `l`).
fn elided(word: &str) -> Option<&'static str> {
    match word {
        "le" | "la" => Some("l"),
        "de" => Some("d"),
        "que" => Some("qu"),
        _ => None,
    }
}

/// A word written in capitals: two characters or more, a letter among them,
/// no lower-case letter (`NATO`, `APT28`).
fn is_acronym(word: &str) -> bool {
    word.chars().count() >= 2
        && word.chars().any(char::is_alphabetic)
        && !word.chars().any(char::is_lowercase)
}

/// `word` without `suffix`, when what is left is a word (three characters or
/// more).
fn strip<'a>(word: &'a str, suffix: &str) -> Option<&'a str> {
    word.strip_suffix(suffix)
        .filter(|stem| stem.chars().count() >= 3)
}

/// The base forms of a glossary word written plural or feminine: itself,
/// its singular, and in French its masculine singular.
fn bases(lower: &str, lang: Lang) -> Vec<String> {
    let mut out = vec![lower.to_string()];
    let plural: &[(&str, &str)] = match lang {
        Lang::En => &[("ies", "y"), ("es", ""), ("s", "")],
        Lang::Fr => &[("aux", "al"), ("s", ""), ("x", "")],
    };
    for (suffix, base) in plural {
        if let Some(stem) = strip(lower, suffix) {
            out.push(format!("{stem}{base}"));
        }
    }
    if lang == Lang::Fr {
        for singular in out.clone() {
            for (masculine, feminine) in FEMININES {
                if let Some(stem) = strip(&singular, feminine) {
                    out.push(format!("{stem}{masculine}"));
                }
            }
            if let Some(stem) = strip(&singular, "e") {
                out.push(stem.to_string());
            }
        }
    }
    out
}

/// French adjective endings, masculine and feminine.
const FEMININES: &[(&str, &str)] = &[
    ("el", "elle"),
    ("en", "enne"),
    ("on", "onne"),
    ("if", "ive"),
    ("eux", "euse"),
    ("er", "ère"),
];

/// The inflections of a base form: its plurals and, in French, its
/// feminines and their plurals.
fn inflections(base: &str, lang: Lang, out: &mut Vec<String>) {
    match lang {
        Lang::En => {
            out.push(base.to_string());
            out.push(format!("{base}s"));
            out.push(format!("{base}es"));
            if let Some(stem) = base.strip_suffix('y') {
                out.push(format!("{stem}ies"));
            }
        }
        Lang::Fr => {
            let mut singulars = vec![base.to_string()];
            for (masculine, feminine) in FEMININES {
                if let Some(stem) = base.strip_suffix(masculine) {
                    singulars.push(format!("{stem}{feminine}"));
                }
            }
            if !base.ends_with('e') {
                singulars.push(format!("{base}e"));
            }
            for s in singulars {
                if !s.ends_with(['s', 'x', 'z']) {
                    out.push(format!("{s}s"));
                    out.push(format!("{s}x"));
                }
                if let Some(stem) = s.strip_suffix("al").or_else(|| s.strip_suffix("ail")) {
                    out.push(format!("{stem}aux"));
                }
                out.push(s);
            }
        }
    }
}

/// The lower-case forms a text may write a glossary word in (sorted): the
/// inflections of its base forms. Short words and function words are
/// taken as they are.
fn forms(lower: &str, lang: Lang) -> Vec<String> {
    let mut out = vec![lower.to_string()];
    if lower.chars().count() >= 3 && !FUNCTION_WORDS.contains(&lower) {
        for base in bases(lower, lang) {
            inflections(&base, lang, &mut out);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// One word of a term, ready to compare with a text's words.
#[derive(Debug, Clone, PartialEq)]
struct TermWord {
    /// As the glossary writes it, typography folded.
    text: String,
    /// Matched case-sensitively (an acronym), with an English plural `s` at
    /// most.
    acronym: bool,
    /// The lower-case forms the text may use (not for an acronym).
    forms: Vec<String>,
    /// Its elided form (`le` → `l`), French only.
    elided: Option<&'static str>,
}

impl TermWord {
    fn matches(&self, word: &Word) -> bool {
        if self.acronym {
            word.text == self.text
                || word
                    .text
                    .strip_prefix(self.text.as_str())
                    .is_some_and(|rest| rest == "s")
        } else {
            self.forms.binary_search(&word.lower).is_ok()
        }
    }

    /// The lower-case keys a text word found by this term word may have.
    fn keys(&self) -> Vec<String> {
        let mut keys = if self.acronym {
            let lower = self.text.to_lowercase();
            vec![format!("{lower}s"), lower]
        } else {
            self.forms.clone()
        };
        keys.extend(self.elided.map(String::from));
        keys
    }
}

/// A compiled term.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pattern {
    words: Vec<TermWord>,
    /// `seps[k]`: the separator between word `k` and word `k + 1`.
    seps: Vec<String>,
}

impl Pattern {
    /// Compile `term` in `lang`; `None` when it has no letter or digit.
    pub(crate) fn new(term: &str, lang: Lang) -> Option<Pattern> {
        let read = Words::new(term);
        let mut words = read.words;
        let mut seps: Vec<String> = read.seps.into_iter().skip(1).collect();
        if words.len() > 1 && is_leading_article(&words[0].lower, lang) {
            words.remove(0);
            seps.remove(0);
        }
        if words.is_empty() {
            return None;
        }
        let words = words
            .iter()
            .enumerate()
            .map(|(k, w)| {
                let acronym = is_acronym(&w.text);
                TermWord {
                    text: w.text.clone(),
                    acronym,
                    forms: if acronym {
                        Vec::new()
                    } else {
                        forms(&w.lower, lang)
                    },
                    // Elision glues the word to the next one.
                    elided: (lang == Lang::Fr && seps.get(k).is_some_and(|s| s == " "))
                        .then(|| elided(&w.lower))
                        .flatten(),
                }
            })
            .collect();
        Some(Pattern { words, seps })
    }

    /// Whether the pattern matches the text's words from word `i`; the byte
    /// range of the match.
    fn match_at(&self, text: &Words, i: usize) -> Option<Range<usize>> {
        let n = self.words.len();
        if i + n > text.words.len() {
            return None;
        }
        let mut elided_before = false;
        for (k, tw) in self.words.iter().enumerate() {
            let word = &text.words[i + k];
            if k > 0 {
                let sep = text.sep(i + k);
                let ok = if elided_before {
                    sep == "'"
                } else {
                    sep == self.seps[k - 1]
                };
                if !ok {
                    return None;
                }
            }
            elided_before = false;
            if tw.matches(word) {
                continue;
            }
            if tw.elided.is_some_and(|e| word.lower == e) && k + 1 < n {
                elided_before = true;
                continue;
            }
            return None;
        }
        Some(text.words[i].span.start..text.words[i + n - 1].span.end)
    }
}

/// Patterns with an index on their first word, each standing for an item
/// (an entry of the glossary).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct PatternSet {
    patterns: Vec<(Pattern, usize)>,
    /// Lower-case form of a first word → patterns that may start there.
    index: FxHashMap<String, Vec<usize>>,
}

impl PatternSet {
    /// Add `pattern`, standing for `item`.
    pub(crate) fn add(&mut self, pattern: Pattern, item: usize) {
        let at = self.patterns.len();
        for key in pattern.words[0].keys() {
            let slot = self.index.entry(key).or_default();
            if slot.last() != Some(&at) {
                slot.push(at);
            }
        }
        self.patterns.push((pattern, item));
    }

    /// Every match in `text`: (item, byte range), in text order.
    pub(crate) fn find(&self, text: &Words) -> Vec<(usize, Range<usize>)> {
        let mut out = Vec::new();
        if self.patterns.is_empty() {
            return out;
        }
        for (i, w) in text.words.iter().enumerate() {
            let Some(candidates) = self.index.get(&w.lower) else {
                continue;
            };
            for &p in candidates {
                let (pattern, item) = &self.patterns[p];
                if let Some(span) = pattern.match_at(text, i) {
                    out.push((*item, span));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(term: &str, lang: Lang, text: &str) -> Vec<String> {
        let mut set = PatternSet::default();
        set.add(Pattern::new(term, lang).unwrap(), 0);
        set.find(&Words::new(text))
            .into_iter()
            .map(|(_, r)| text[r].to_string())
            .collect()
    }

    fn en(term: &str, text: &str) -> Vec<String> {
        found(term, Lang::En, text)
    }

    fn fr(term: &str, text: &str) -> Vec<String> {
        found(term, Lang::Fr, text)
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(en("Council", "The Council and the Councillor"), ["Council"]);
        assert!(en("NATO", "NATOCOM").is_empty());
        assert_eq!(en("Council", "the Council’s decision"), ["Council"]);
        assert_eq!(en("treaty", "(treaty)"), ["treaty"]);
    }

    #[test]
    fn english_plurals_both_ways() {
        assert_eq!(en("Ally", "the Allies agree"), ["Allies"]);
        assert_eq!(en("Allies", "each Ally agrees"), ["Ally"]);
        assert_eq!(en("headquarters", "the headquarters"), ["headquarters"]);
        assert_eq!(en("tax", "taxes and dues"), ["taxes"]);
        assert_eq!(
            en("weapon of mass destruction", "weapons of mass destruction"),
            ["weapons of mass destruction"]
        );
        assert_eq!(en("NGO", "NGOs and IOs"), ["NGOs"]);
    }

    #[test]
    fn french_plurals_and_feminines() {
        assert_eq!(
            fr("quartier général", "les quartiers généraux"),
            ["quartiers généraux"]
        );
        assert_eq!(fr("bureau", "les bureaux"), ["bureaux"]);
        assert_eq!(
            fr("organisme subsidiaire", "organismes subsidiaires"),
            ["organismes subsidiaires"]
        );
        assert_eq!(
            fr("personnel international", "personnels internationaux"),
            ["personnels internationaux"]
        );
        assert_eq!(
            fr("international", "la force internationale"),
            ["internationale"]
        );
        assert_eq!(
            fr("consultatif", "instances consultatives"),
            ["consultatives"]
        );
        assert_eq!(fr("officiel", "langues officielles"), ["officielles"]);
        assert_eq!(fr("États membres", "un État membre"), ["État membre"]);
    }

    #[test]
    fn accents_matter_in_french() {
        assert!(fr("sécurité", "la securite").is_empty());
        assert_eq!(fr("sécurité", "la Sécurité"), ["Sécurité"]);
        // A decomposed accent is the same letter.
        assert_eq!(
            fr("sécurité", "la se\u{301}curite\u{301}"),
            ["se\u{301}curite\u{301}"]
        );
    }

    #[test]
    fn apostrophes_spaces_and_line_breaks_are_folded() {
        let term = "Conseil de l'Atlantique Nord";
        for text in [
            "le Conseil de l’Atlantique Nord",
            "le Conseil de l'Atlantique Nord",
            "le Conseil de l’Atlantique\u{a0}Nord",
            "le Conseil\nde l’Atlantique  Nord",
            "le CONSEIL DE L’ATLANTIQUE NORD",
        ] {
            assert_eq!(fr(term, text).len(), 1, "{text}");
        }
        assert!(fr(term, "le Conseil, de l’Atlantique Nord").is_empty());
        assert_eq!(en("co-operation", "co‑operation"), ["co‑operation"]);
    }

    #[test]
    fn acronyms_match_case_sensitively() {
        assert_eq!(en("NATO", "NATO and Nato"), ["NATO"]);
        assert_eq!(fr("OTAN", "l’OTAN"), ["OTAN"]);
        assert!(en("IT", "it is").is_empty());
        // A capitalised word is no acronym.
        assert_eq!(en("Council", "the council"), ["council"]);
        assert_eq!(en("council", "the Council"), ["Council"]);
    }

    #[test]
    fn french_elision_and_leading_articles() {
        assert_eq!(fr("la Organisation", "de l’Organisation"), ["Organisation"]);
        assert_eq!(fr("le Conseil", "du Conseil"), ["Conseil"]);
        assert_eq!(
            fr("chef de état-major", "chef d’état-major"),
            ["chef d’état-major"]
        );
        assert_eq!(fr("le OTAN", "l'OTAN"), ["OTAN"]);
        assert_eq!(en("the Alliance", "this Alliance"), ["Alliance"]);
        assert_eq!(
            fr("ministère de la Défense", "ministère de la Défense"),
            ["ministère de la Défense"]
        );
    }
}

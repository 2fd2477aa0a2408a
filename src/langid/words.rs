//! Function words: the short, frequent words that say which language a
//! paragraph is in when it is too short for n-grams, and that a document's
//! other languages share least with English and French.
//!
//! English and French have full lists (the two languages natalign aligns);
//! the other languages NATO archives hold in Latin script have a handful of
//! their most frequent words each, chosen so that none is common in English
//! or French text (`de`, `la`, `en`, `in`, `a`, `to`, `do`, `non` are left
//! out on purpose). Cyrillic and other scripts are told apart by script.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

pub(super) const EN_WORDS: &[&str] = &[
    "the",
    "and",
    "of",
    "to",
    "in",
    "is",
    "that",
    "which",
    "for",
    "with",
    "on",
    "by",
    "as",
    "are",
    "be",
    "this",
    "it",
    "its",
    "we",
    "our",
    "shall",
    "have",
    "has",
    "from",
    "or",
    "any",
    "other",
    "their",
    "all",
    "will",
    "not",
    "an",
    "at",
    "such",
    "these",
    "who",
    "been",
    "were",
    "was",
    "they",
    "his",
    "her",
    "under",
    "into",
    "also",
    "including",
    "against",
    "between",
    "statement",
    "agreement",
    "part",
    "general",
    "section",
    "states",
    "source",
    "whereas",
];

pub(super) const FR_WORDS: &[&str] = &[
    "le",
    "la",
    "les",
    "des",
    "du",
    "de",
    "et",
    "que",
    "qui",
    "dans",
    "pour",
    "par",
    "sur",
    "une",
    "un",
    "est",
    "sont",
    "au",
    "aux",
    "ou",
    "ne",
    "pas",
    "se",
    "ses",
    "son",
    "sa",
    "leur",
    "leurs",
    "nous",
    "notre",
    "nos",
    "il",
    "elle",
    "ils",
    "cette",
    "ces",
    "avec",
    "à",
    "être",
    "été",
    "tout",
    "toute",
    "tous",
    "entre",
    "contre",
    "ainsi",
    "dont",
    "également",
    "présente",
    "convention",
    "titre",
    "déclaration",
    "communiqué",
    "considérant",
    "généralités",
    "préambule",
];

/// Other languages in Latin script: ISO 639-1 code and their most frequent
/// words, those they share with French or English included (`de`, `la`,
/// `que`): a shared word says nothing between the two languages that share
/// it, so counts compare the words each has that the other lacks (see
/// `judge`). Words common in English or French but not function words of
/// theirs (`en`, `y`, `e`, `a`) are left out: French text would count them.
const OTHER_WORDS: &[(&str, &[&str])] = &[
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "für", "auf", "dem", "den", "ein",
            "eine", "einer", "zu", "von", "sich", "auch", "wir", "wird", "werden", "sind", "bei",
            "nach", "über", "zum", "zur", "im", "aus", "dass", "des", "in", "an",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "por", "con", "para", "una", "como", "más", "pero", "sus",
            "al", "lo", "este", "esta", "estos", "estas", "fue", "ha", "han", "sobre", "también",
            "según", "desde", "hasta", "muy", "de", "la", "que", "se", "un", "su", "son", "nos",
            "entre", "no", "es",
        ],
    ),
    (
        "it",
        &[
            "di", "che", "della", "delle", "dei", "degli", "per", "sono", "gli", "una", "alla",
            "nel", "nella", "anche", "è", "questo", "questa", "essere", "ha", "hanno", "tra",
            "come", "più", "già", "dal", "dalla", "la", "le", "il", "un", "ne", "in", "si", "non",
        ],
    ),
    (
        "pt",
        &[
            "os", "dos", "das", "em", "não", "uma", "com", "para", "pelo", "pela", "ao", "seu",
            "sua", "também", "foi", "são", "está", "mais", "sobre", "foram", "na", "no", "um",
            "de", "que", "se", "do", "da", "as", "nos", "entre", "o",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "van", "zijn", "niet", "met", "voor", "op", "wij", "ook", "dat", "die",
            "wordt", "worden", "naar", "bij", "aan", "om", "deze", "tot", "uit", "heeft", "hebben",
            "onze", "zich", "de", "in", "is", "we", "te",
        ],
    ),
    (
        "pl",
        &[
            "na",
            "się",
            "nie",
            "że",
            "jest",
            "oraz",
            "przez",
            "dla",
            "od",
            "jak",
            "ich",
            "po",
            "są",
            "który",
            "która",
            "które",
            "jego",
            "także",
            "również",
            "tym",
            "tego",
            "przeciwko",
            "wszystkich",
            "do",
            "to",
            "w",
            "z",
        ],
    ),
];

/// Word → bit set of the languages it belongs to: bit 0 English, bit 1
/// French, bit 2 + k the k-th of [`OTHER_WORDS`].
static TABLE: LazyLock<FxHashMap<&'static str, u16>> = LazyLock::new(|| {
    let mut table: FxHashMap<&'static str, u16> = FxHashMap::default();
    for (bit, words) in [(0, EN_WORDS), (1, FR_WORDS)].into_iter().chain(
        OTHER_WORDS
            .iter()
            .enumerate()
            .map(|(k, (_, w))| (k + 2, *w)),
    ) {
        for w in words {
            *table.entry(w).or_default() |= 1 << bit;
        }
    }
    table
});

/// Bytes of the longest word in any list: longer words are not looked up.
pub(super) static LONGEST: LazyLock<usize> =
    LazyLock::new(|| TABLE.keys().map(|w| w.len()).max().unwrap_or(0));

/// The languages a lower-case word is a function word of (see [`TABLE`]).
pub(super) fn languages_of(lower: &str) -> u16 {
    TABLE.get(lower).copied().unwrap_or(0)
}

/// Bit of English and French in [`languages_of`].
pub(super) const EN: u16 = 1;
/// Bit of French.
pub(super) const FR: u16 = 2;

/// Number of other languages with word lists.
pub(super) const OTHERS: usize = OTHER_WORDS.len();

/// The code of the k-th other language.
pub(super) fn other_code(k: usize) -> &'static str {
    OTHER_WORDS[k].0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_other_language_has_words_of_its_own() {
        for (k, (code, words)) in OTHER_WORDS.iter().enumerate() {
            let own = words
                .iter()
                .filter(|w| languages_of(w) & (EN | FR) == 0)
                .count();
            assert!(
                own >= 15,
                "{code}: {own} words not shared with English or French"
            );
            assert!(languages_of(words[0]) & (1 << (k + 2)) != 0);
        }
        // Shared words are marked with both languages.
        assert_eq!(languages_of("la") & FR, FR);
        assert_ne!(languages_of("la") & !(EN | FR), 0);
    }
}

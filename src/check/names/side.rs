//! One side of a unit read for names: its words (shape, sentence, heading,
//! lexicon mentions), runs of capitalised words, and the questions the name
//! rules ask of it (does a name stand here, spelled out or abbreviated; is a
//! word a cognate; where does a run stand).
//!
//! Input: a [`CheckUnit`] and a language. Output: a [`Side`]. Every question
//! is answered from indexes built once, so that a very long paragraph costs
//! time in proportion to its length.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::{CheckUnit, Lang};
use crate::lexicon;
use crate::segment::sentence;

/// A word of a side.
#[derive(Debug)]
pub(super) struct Word<'a> {
    pub(super) text: &'a str,
    pub(super) span: Range<usize>,
    pub(super) folded: String,
    /// Begins with a capital.
    pub(super) cap: bool,
    /// Two letters or more, no lower-case letter (`NATO`, `APT28`).
    pub(super) acronym: bool,
    /// The first word of its sentence (numbers and single letters aside).
    pub(super) initial: bool,
    /// In an all-caps heading.
    pub(super) heading: bool,
    /// Index of its sentence on its side.
    pub(super) sentence: usize,
    /// Follows the previous word across spaces or a hyphen only.
    pub(super) joined: bool,
    /// Part of a lexicon mention.
    pub(super) lexicon: bool,
}

/// Months and days (capitalised in English, never names), and titles.
const NOT_NAMES: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "mme",
    "mlle",
    "mm",
];

/// Articles, demonstratives and possessives, English and French.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "its", "our", "their", "his", "her", "le",
    "la", "les", "l", "du", "des", "au", "aux", "un", "une", "ce", "cet", "cette", "ces", "son",
    "sa", "ses", "notre", "nos", "leur", "leurs",
];

/// Words an acronym leaves out (`Organisation du Traité de l'Atlantique
/// Nord` is OTAN).
const FUNCTION_WORDS: &[&str] = &[
    "of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "les", "l", "d", "et",
    "pour", "en", "sur", "a",
];

/// The runs of letters and digits of `text[range]`, as byte ranges of
/// `text`.
fn word_spans(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[range.clone()].char_indices() {
        let b = range.start + i;
        if c.is_alphanumeric() {
            start.get_or_insert(b);
        } else if let Some(s) = start.take() {
            out.push(s..b);
        }
    }
    if let Some(s) = start {
        out.push(s..range.end);
    }
    out
}

/// Titles before a surname (a subset of [`NOT_NAMES`]).
const TITLES: &[&str] = &["mr", "mrs", "ms", "dr", "sir", "mme", "mlle", "mm"];

/// How far apart two folded words are as cognates (edits over the longer
/// length), `None` when they are not cognates: fewer than four letters, or
/// more edits than a third of the longer word (two fifths when `a`'s first
/// five letters open `b`, any when one opens the other: `Command` /
/// `commandement`). `p` is `a`'s [`prefix`].
fn cognate_distance(a: &str, p: &str, b: &str) -> Option<f64> {
    let (na, nb) = (a.chars().count(), b.chars().count());
    if na < 4 || nb < 4 {
        return None;
    }
    let longest = na.max(nb);
    let most = longest / 3;
    let opens = p.chars().count() >= 5 && b.starts_with(p);
    if !opens && na.abs_diff(nb) > most {
        return None;
    }
    let d = edit_distance(a, b);
    // Opening alike, still no more than two edits in five (`Northolt` is no
    // cognate of `Northwood`).
    let near = if opens {
        5 * d <= 2 * longest || b.starts_with(a) || a.starts_with(b)
    } else {
        d <= most
    };
    near.then(|| d as f64 / longest as f64)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// A roman numeral, or a French roman ordinal (`Ier`, `IIe`).
fn roman(w: &str) -> bool {
    let n = w.trim_end_matches(['e', 'r']);
    !n.is_empty() && n.chars().all(|c| "IVXLCDM".contains(c))
}

/// The first five letters of a folded word (all of a shorter one).
fn prefix(folded: &str) -> &str {
    folded
        .char_indices()
        .nth(5)
        .map_or(folded, |(i, _)| &folded[..i])
}

/// One side of a unit, read for names.
pub(super) struct Side<'a> {
    pub(super) text: &'a str,
    /// In text order.
    pub(super) words: Vec<Word<'a>>,
    /// The lexicon's mentions, in text order.
    pub(super) mentions: Vec<lexicon::Mention>,
    pub(super) sentences: usize,
    /// Folded word → where it stands.
    at: FxHashMap<String, Vec<usize>>,
    /// The first five letters of every word.
    prefixes: FxHashSet<String>,
    /// The sorted letters of every all-capital word.
    acronyms: FxHashSet<Vec<char>>,
}

impl<'a> Side<'a> {
    pub(super) fn new(unit: &'a CheckUnit, lang: Lang) -> Side<'a> {
        let text = unit.text(lang);
        // Each part on its own: a part starts a sentence, a heading is one
        // part. A text not made of its parts is one part.
        let mut parts: Vec<Range<usize>> = Vec::new();
        let mut at = 0;
        for p in unit.parts(lang) {
            match text[at..].find(p.text.as_str()) {
                Some(i) if !p.text.is_empty() => {
                    parts.push(at + i..at + i + p.text.len());
                    at += i + p.text.len();
                }
                _ => {
                    parts.clear();
                    break;
                }
            }
        }
        if parts.is_empty() {
            parts.push(0..text.len());
        }
        let mut words: Vec<Word> = Vec::new();
        let mut sentences = 0;
        for part in parts {
            let start = words.len();
            for s in sentence::split(&text[part.clone()], lang) {
                let s = part.start + s.start..part.start + s.end;
                let mut opened = false;
                let mut prev: Option<usize> = None;
                for span in word_spans(text, s) {
                    let w = &text[span.clone()];
                    let joined = prev.is_some_and(|e| {
                        let gap = &text[e..span.start];
                        gap.chars().all(|c| c == ' ' || c == '\u{a0}')
                            || matches!(gap, "-" | "‐" | "‑")
                    });
                    prev = Some(span.end);
                    // Numbers and single letters before the first word
                    // (`(a)`, `2.`) do not open the sentence.
                    let filler = w.chars().all(char::is_numeric) || w.chars().count() == 1;
                    let initial = !opened && !filler;
                    opened |= initial;
                    words.push(Word {
                        text: w,
                        folded: lexicon::fold(w),
                        cap: w.starts_with(char::is_uppercase),
                        acronym: w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                            && !w.chars().any(char::is_lowercase),
                        initial,
                        heading: false,
                        sentence: sentences,
                        joined,
                        lexicon: false,
                        span,
                    });
                }
                sentences += 1;
            }
            // An all-caps heading (`PART I General`): most of its words in
            // capitals.
            let lettered = || {
                words[start..]
                    .iter()
                    .filter(|w| w.text.chars().any(char::is_alphabetic))
            };
            let caps = lettered()
                .filter(|w| !w.text.chars().any(char::is_lowercase))
                .count();
            if caps >= 2 && 2 * caps > lettered().count() {
                words[start..].iter_mut().for_each(|w| w.heading = true);
            }
        }
        let mut side = Side {
            text,
            words,
            mentions: lexicon::mentions(text),
            sentences,
            at: FxHashMap::default(),
            prefixes: FxHashSet::default(),
            acronyms: FxHashSet::default(),
        };
        // (A text with mentions has words.)
        for k in 0..side.mentions.len() {
            let run = side.run_of(&side.mentions[k].span);
            side.words[run].iter_mut().for_each(|w| w.lexicon = true);
        }
        for (i, w) in side.words.iter().enumerate() {
            side.at.entry(w.folded.clone()).or_default().push(i);
            side.prefixes.insert(prefix(&w.folded).to_string());
            if w.acronym {
                let mut letters: Vec<char> = w.folded.chars().collect();
                letters.sort_unstable();
                side.acronyms.insert(letters);
            }
        }
        side
    }

    /// Whether word `i` may be (part of) a name: capitalised, not first in
    /// its sentence unless an acronym, not a number, a roman numeral, a
    /// month or a title, not in an all-caps heading, not the lexicon's.
    fn name_word(&self, i: usize) -> bool {
        let w = &self.words[i];
        w.cap
            && !w.heading
            && !w.lexicon
            && (!w.initial || w.acronym)
            && (w.acronym || w.text.chars().count() >= 3)
            && !roman(w.text)
            && !NOT_NAMES.contains(&w.folded.as_str())
    }

    /// Runs of name words (word index ranges), skipping the words `taken`
    /// (sorted, disjoint).
    pub(super) fn runs(&self, taken: &[Range<usize>]) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut t = taken.iter().peekable();
        for i in 0..self.words.len() {
            while t.next_if(|r| r.end <= i).is_some() {}
            if !self.name_word(i) || t.peek().is_some_and(|r| r.contains(&i)) {
                continue;
            }
            match out.last_mut() {
                Some(r) if r.end == i && self.words[i].joined => r.end = i + 1,
                _ => out.push(i..i + 1),
            }
        }
        out
    }

    /// The folded words of `run`, space-separated.
    pub(super) fn key(&self, run: Range<usize>) -> String {
        self.words[run]
            .iter()
            .map(|w| w.folded.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The text of `run`.
    pub(super) fn show(&self, run: Range<usize>) -> String {
        self.text[self.span(&run)].to_string()
    }

    /// The byte span of `run`.
    pub(super) fn span(&self, run: &Range<usize>) -> Range<usize> {
        self.words[run.start].span.start..self.words[run.end - 1].span.end
    }

    /// The words of a byte span (at least one).
    pub(super) fn run_of(&self, span: &Range<usize>) -> Range<usize> {
        let first = self.words.partition_point(|w| w.span.start < span.start);
        let end = self.words.partition_point(|w| w.span.end <= span.end);
        let first = first.min(self.words.len().saturating_sub(1));
        first..end.max(first + 1)
    }

    /// Whether the folded word sequence `key` stands here, in any case (an
    /// acronym: in capitals).
    pub(super) fn has_exactly(&self, key: &str, acronym: bool) -> bool {
        let key: Vec<&str> = key.split(' ').collect();
        let Some(starts) = self.at.get(key[0]) else {
            return false;
        };
        starts.iter().any(|&i| {
            let ws = &self.words[i..(i + key.len()).min(self.words.len())];
            ws.len() == key.len()
                && ws.iter().zip(&key).all(|(w, k)| w.folded == *k)
                && (!acronym || ws.iter().all(|w| w.acronym))
        })
    }

    /// [`Side::has_exactly`], or a longer name by its last word, capitalised
    /// (`Jens Stoltenberg` / `M. Stoltenberg`).
    pub(super) fn has(&self, key: &str, acronym: bool) -> bool {
        let last = key.rsplit(' ').next().unwrap_or(key);
        self.has_exactly(key, acronym)
            || (key.contains(' ')
                && last.len() >= 3
                && self
                    .at
                    .get(last)
                    .is_some_and(|is| is.iter().any(|&i| self.words[i].cap)))
    }

    /// Whether words `run` of this side are abbreviated on `other`: an
    /// all-capital word there whose letters are the initials of their
    /// content words, in any order (`Conseil de l'Atlantique Nord` / `NAC`).
    pub(super) fn abbreviated_on(&self, run: &Range<usize>, other: &Side) -> bool {
        let mut initials: Vec<char> = self.words[run.clone()]
            .iter()
            .filter(|w| !FUNCTION_WORDS.contains(&w.folded.as_str()))
            .filter_map(|w| w.folded.chars().next())
            .collect();
        initials.sort_unstable();
        initials.len() >= 2 && other.acronyms.contains(&initials)
    }

    /// Whether the acronym `acronym` is spelled out here: as many content
    /// words in a row, the first capitalised, whose initials are its letters
    /// in any order (`NAC`: North Atlantic Council; `OTAN`: Organisation du
    /// Traité de l'Atlantique Nord; `UE`: Union européenne).
    pub(super) fn spells_out(&self, acronym: &str) -> bool {
        let mut want: Vec<char> = lexicon::fold(acronym)
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect();
        if want.len() < 2 || acronym.chars().any(|c| c.is_numeric()) {
            return false;
        }
        want.sort_unstable();
        let content: Vec<usize> = (0..self.words.len())
            .filter(|&i| !FUNCTION_WORDS.contains(&self.words[i].folded.as_str()))
            .collect();
        content.windows(want.len()).any(|ws| {
            let first = &self.words[ws[0]];
            // In a row: only function words between, no punctuation.
            let in_row = (ws[0] + 1..=ws[ws.len() - 1]).all(|i| {
                let gap = &self.text[self.words[i - 1].span.end..self.words[i].span.start];
                gap.chars()
                    .all(|c| c.is_whitespace() || matches!(c, '\'' | '’' | '-'))
            });
            let mut initials: Vec<char> = ws
                .iter()
                .filter_map(|&i| self.words[i].folded.chars().next())
                .collect();
            initials.sort_unstable();
            first.cap && !first.acronym && in_row && initials == want
        })
    }

    /// Whether word `i` follows an article, a demonstrative or a possessive
    /// in its sentence: a capitalised common noun (`le Conseil`, `the
    /// Council`, `notre Organisation`), not a name.
    pub(super) fn determined(&self, i: usize) -> bool {
        i > 0
            && self.words[i - 1].sentence == self.words[i].sentence
            // Unfolded: `à` is no `a`.
            && DETERMINERS.contains(&self.words[i - 1].text.to_lowercase().as_str())
    }

    /// Whether the folded word `folded` stands here, in any case.
    pub(super) fn holds(&self, folded: &str) -> bool {
        self.at.contains_key(folded)
    }

    /// Whether the folded word `folded` stands here capitalised.
    pub(super) fn capitalised(&self, folded: &str) -> bool {
        self.at
            .get(folded)
            .is_some_and(|is| is.iter().any(|&i| self.words[i].cap))
    }

    /// Whether word `i` opens a clause: first in its sentence, or after a
    /// colon or a dash (`Source : Bureau de presse`, `2025 – Communiqué`).
    pub(super) fn opens_clause(&self, i: usize) -> bool {
        let w = &self.words[i];
        w.initial
            || (i > 0
                && self.text[self.words[i - 1].span.end..w.span.start].contains([':', '–', '—']))
    }

    /// Whether words `run` touch a lexicon mention (`Northern` of `Northern
    /// Ireland`, `Powers` of `Allied Powers`): part of a longer name a
    /// translation renders in its own words.
    pub(super) fn touches_lexicon(&self, run: &Range<usize>) -> bool {
        let before = run.start > 0 && {
            let w = &self.words[run.start - 1];
            w.lexicon && self.words[run.start].joined
        };
        let after = self
            .words
            .get(run.end)
            .is_some_and(|w| w.lexicon && w.joined);
        before || after
    }

    /// The capitalised words after `end` in the same title-case phrase:
    /// joined to it, or linked by one function word (`Heads of State and
    /// Government`, `Cold Weather Operations`), at most six.
    pub(super) fn phrase_after(&self, end: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut i = end;
        while i < self.words.len() && out.len() < 6 {
            let w = &self.words[i];
            if w.sentence != self.words[end - 1].sentence {
                break;
            }
            let gap = &self.text[self.words[i - 1].span.end..w.span.start];
            let tight = gap
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '\'' | '’' | '-'));
            if !tight {
                break;
            }
            if w.cap {
                out.push(i);
            } else if !FUNCTION_WORDS.contains(&w.folded.as_str())
                || !self.words.get(i + 1).is_some_and(|n| n.cap)
            {
                break;
            }
            i += 1;
        }
        out
    }

    /// Whether the folded word `folded` stands here after a title (`M.`,
    /// `Mr`, `Mme`): a person named by surname, so a first name on the other
    /// side is no missing name (`Jens Stoltenberg` / `M. Stoltenberg`).
    pub(super) fn titled(&self, folded: &str) -> bool {
        self.at.get(folded).is_some_and(|is| {
            is.iter().any(|&i| {
                i > 0 && {
                    let w = &self.words[i - 1];
                    // (`M.` may end a sentence for the splitter.)
                    w.cap && (TITLES.contains(&w.folded.as_str()) || w.folded == "m")
                }
            })
        })
    }

    /// Whether a word here is the translation of `folded`, a word of `own`
    /// (the other side) absent from here: a cognate (the first five letters
    /// alike, or few edits apart: `Secretary` / `secrétaire`, `Summit` /
    /// `Sommet`) that is not closer to another word of `own` (`Defence` takes
    /// `défense`, which is then no translation of `Defender`).
    pub(super) fn translates(&self, folded: &str, own: &Side) -> bool {
        let n = folded.chars().count();
        if n < 4 {
            return false;
        }
        let p = prefix(folded);
        self.at.keys().any(|b| {
            let Some(d) = cognate_distance(folded, p, b) else {
                return false;
            };
            // `b` is the translation of a closer word of `own`, or `own`
            // has `b` itself.
            !own.at.keys().any(|a| {
                a.as_str() == b.as_str()
                    || (a.as_str() != folded
                        && cognate_distance(a, prefix(a), b).is_some_and(|e| e < d))
            })
        })
    }

    /// Where words `run` stand, from 0 to 1: in their sentence, or in the
    /// whole text.
    pub(super) fn position(&self, run: &Range<usize>, in_sentence: bool) -> f64 {
        let within = if in_sentence {
            let s = self.words[run.start].sentence;
            let first = self.words.partition_point(|w| w.sentence < s);
            let end = self.words.partition_point(|w| w.sentence <= s);
            first..end
        } else {
            0..self.words.len()
        };
        let mid = (run.start + run.end) as f64 / 2.0 - within.start as f64;
        mid / within.len().max(1) as f64
    }
}

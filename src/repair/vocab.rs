//! The vocabulary a decision may consult: small built-in French and English
//! word lists, and the words of the text itself, found by one scan that
//! answers every recorded question at once (8 bytes at a time, behind a
//! cheap filter) rather than by building the text's whole vocabulary.

use std::collections::HashSet;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::scan::unit_at;

// Built-in vocabulary (written for natalign; MIT OR Apache-2.0).

/// French words (lower case) that contain a letter whose capital or
/// ligature form is lost by the damage: accented capitals at word start or in
/// all-capital text, and œ.
const FRENCH_WORDS: &str = "
à ça ô où là déjà après très être état états étant étaient était été étés
également économie économique économiques éducation effet égalité église
élaboration élection élections élément éléments élevé émirats énergie
énergétique entité entités époque équipe équipement équipements équilibre
équitable érythrée espagne espace esprit essentiel établi établie établir
établissement étranger étrangère étrangères étranger études étude évaluation
événement événements éventuel éventuelle éventuellement évolution éviter
exécution exécutif élargissement élu élus émission émissions énoncés
écrit écrite écrits égard égypte éthiopie équateur être île îles ôter
œuvre œuvres œuvrer œuvrons sœur sœurs cœur cœurs vœu vœux nœud nœuds mœurs
manœuvre manœuvres œil œuf œufs bœuf œcuménique œsophage fœtus
sécurité défense président présidente république général générale généraux
secrétaire européen européenne européens européennes développement
coopération opération opérations déclaration réunion comité conférence
intégrité stratégie stratégique côté communiqué ministères ministère
résolution résolutions délégation délégations représentant représentants
représentation assemblée fédération fédérale régional régionale région
régions activités activité société sociétés liberté libertés dignité
nationalité propriété égalité capacité capacités unité unités priorité
priorités stabilité prospérité solidarité sûreté traité traités
privilèges immunités personnalité juridique problème problèmes système
systèmes siège siècle modèle règle règles numéro mère père frère
prière zèle fidèle parallèle protège intérêt intérêts fenêtre enquête
être prêt prêts prête rôle contrôle contrôles hôte hôtes diplôme
côte côtes âge âgé âgée âgés âgées âme âmes âne
";

/// French words (lower case) that begin with `â`: kept as they are.
pub(super) const A_CIRC_INITIAL: &[&str] = &[
    "âge",
    "âgé",
    "âgée",
    "âgés",
    "âgées",
    "âges",
    "âme",
    "âmes",
    "âne",
    "ânes",
    "ânesse",
    "âpre",
    "âpres",
    "âprement",
    "âpreté",
    "âcre",
    "âcres",
    "âtre",
    "âtres",
];

/// French elision prefixes (lower case): `l’`, `qu’`, `jusqu’`…
pub(super) const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    "quelqu", "aujourd", "entr", "prud",
];

/// English contraction endings after the apostrophe (lower case).
pub(super) const CONTRACTIONS: &[&str] = &["s", "t", "re", "ve", "ll", "d", "m"];

/// Left parts (lower case) that take a hyphen rather than an apostrophe.
pub(super) const HYPHEN_LEFT: &[&str] = &[
    "co", "non", "self", "well", "anti", "ex", "semi", "multi", "pre", "post", "vice", "cross",
    "ill", "half", "socio", "euro", "counter", "inter", "sub", "pro", "re", "long", "short",
    "high", "low", "full", "part", "so", "after", "nord", "sud", "franco", "germano", "anglo",
];

/// Right parts (lower case) that take a hyphen.
pub(super) const HYPHEN_RIGHT: &[&str] = &["même", "mêmes", "ci", "là"];

pub(super) fn builtin_words() -> &'static HashSet<&'static str> {
    static W: OnceLock<HashSet<&'static str>> = OnceLock::new();
    W.get_or_init(|| FRENCH_WORDS.split_whitespace().collect())
}

/// Words asked about, and whether the text has them (FxHash: collisions only
/// cost time).
pub(super) type WordMap = FxHashMap<String, bool>;

/// The vocabulary questions asked by the sites, and their answers.
///
/// The decisions are taken twice. In the first round every question
/// ("is this word a word of the text?") is recorded and answered "no". Then
/// one scan of the text answers all the recorded words at once, and the
/// sites that asked are decided again with the true answers. This is exact
/// because a site asks the same questions whatever the answers (see
/// `by_vocabulary` and `choose_lone_e2`); a word that was not recorded
/// anyway is answered by a scan of its own.
#[derive(Default)]
pub(super) struct VocabAnswers {
    /// Every word asked so far, and whether the text has it (false until
    /// `answered`).
    pub(super) words: WordMap,
    pub(super) answered: bool,
}

/// `char::is_alphabetic`, with Latin-1 and general punctuation answered
/// without a table search.
pub(super) fn is_letter(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0x80..=0xBF => matches!(c, 'ª' | 'µ' | 'º'),
        0xC0..=0xFF => !matches!(c, '×' | '÷'),
        0x2000..=0x206F => false,
        _ => c.is_alphabetic(),
    }
}

/// Appends the lower case of `c` (`char::to_lowercase`), Latin-1 without a
/// table search.
pub(super) fn push_lower(buf: &mut String, c: char) {
    match c {
        'A'..='Z' | 'À'..='Þ' if c != '×' => {
            buf.push(char::from_u32(c as u32 + 0x20).unwrap_or(c));
        }
        '\0'..='\u{FF}' => buf.push(c),
        _ => buf.extend(c.to_lowercase()),
    }
}

/// A cheap first test for word lookups: one bit per hash of (length, first
/// byte, last byte) of the lower-case words of a set.
struct WordFilter(Box<[u64; 1024]>);

impl WordFilter {
    fn slot(len: usize, first: u8, last: u8) -> usize {
        let h = ((len.min(63) as u32) << 16) ^ (u32::from(first) << 8) ^ u32::from(last);
        (h.wrapping_mul(0x9E37_79B1) >> 16) as usize
    }
    fn slot_of(lower: &[u8]) -> usize {
        match (lower.first(), lower.last()) {
            (Some(&f), Some(&l)) => Self::slot(lower.len(), f, l),
            _ => 0,
        }
    }
    fn new<'w>(words: impl Iterator<Item = &'w String>) -> Self {
        let mut bits = Box::new([0u64; 1024]);
        for w in words {
            let s = Self::slot_of(w.as_bytes());
            bits[s >> 6] |= 1 << (s & 63);
        }
        WordFilter(bits)
    }
    fn has(&self, s: usize) -> bool {
        self.0[s >> 6] & (1 << (s & 63)) != 0
    }
    fn may_contain(&self, lower: &[u8]) -> bool {
        self.has(Self::slot_of(lower))
    }
    /// For an ASCII word in any case: the test on its lower case.
    fn may_contain_ascii(&self, word: &[u8]) -> bool {
        match (word.first(), word.last()) {
            (Some(&f), Some(&l)) => self.has(Self::slot(
                word.len(),
                f.to_ascii_lowercase(),
                l.to_ascii_lowercase(),
            )),
            _ => self.has(0),
        }
    }
}

/// Bytes that may belong to a word: ASCII letters and every non-ASCII byte.
pub(super) fn wordish(b: u8) -> bool {
    b.is_ascii_alphabetic() || b >= 0x80
}

const HIGH: u64 = 0x8080_8080_8080_8080;

/// Bit 7 of each byte of `w` (8 bytes, little-endian) set when the byte is
/// [`wordish`].
fn wordish_mask(w: u64) -> u64 {
    let l = (w & !HIGH) | 0x2020_2020_2020_2020; // ASCII lower case, no bit 7
    let ge_a = l.wrapping_add(0x1F1F_1F1F_1F1F_1F1F); // bit 7: l >= b'a'
    let gt_z = l.wrapping_add(0x0505_0505_0505_0505); // bit 7: l > b'z'
    ((ge_a & !gt_z) | w) & HIGH
}

fn load8(bytes: &[u8], i: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&bytes[i..i + 8]);
    u64::from_le_bytes(a)
}

/// The first position from `i` whose byte is [`wordish`] (or the end).
pub(super) fn skip_nonword(bytes: &[u8], mut i: usize) -> usize {
    while i + 8 <= bytes.len() {
        let m = wordish_mask(load8(bytes, i));
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !wordish(bytes[i]) {
        i += 1;
    }
    i
}

/// The first position from `i` whose byte is not [`wordish`] (or the end),
/// and whether a non-ASCII byte was passed.
pub(super) fn skip_word(bytes: &[u8], mut i: usize) -> (usize, bool) {
    let mut high = 0u64;
    while i + 8 <= bytes.len() {
        let w = load8(bytes, i);
        let m = !wordish_mask(w) & HIGH;
        if m != 0 {
            let k = m.trailing_zeros() / 8;
            let before = (1u64 << (8 * k)).wrapping_sub(1);
            high |= w & before & HIGH;
            return (i + k as usize, high != 0);
        }
        high |= w & HIGH;
        i += 8;
    }
    let mut high = high != 0;
    while i < bytes.len() && wordish(bytes[i]) {
        high |= bytes[i] >= 0x80;
        i += 1;
    }
    (i, high)
}

/// Marks the words of `words` that are words of the text after the
/// lossless pass: runs of letters (`char::is_alphabetic`), lower-cased
/// character by character. One scan; stops once every word is found.
pub(super) fn find_words(text: &str, words: &mut WordMap) {
    let mut missing = words.values().filter(|&&f| !f).count();
    if missing == 0 {
        return;
    }
    let filter = WordFilter::new(words.keys());
    let mut check = |w: &str| {
        if let Some(f) = words.get_mut(w) {
            if !*f {
                *f = true;
                missing -= 1;
            }
        }
        missing == 0
    };
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut buf = String::new();
    let mut i = 0;
    while i < n {
        // A span of ASCII letters and non-ASCII characters. Its ends are
        // word ends (ASCII non-letters), and no reversed sequence crosses
        // them (those are non-ASCII only).
        let start = skip_nonword(bytes, i);
        let (end, high) = skip_word(bytes, start);
        i = end;
        if start == i {
            break;
        }
        if !high {
            if filter.may_contain_ascii(&bytes[start..i]) {
                buf.clear();
                buf.push_str(&text[start..i]);
                buf.make_ascii_lowercase();
                if check(&buf) {
                    return;
                }
            }
            continue;
        }
        // Mixed span: its words, unit by unit.
        buf.clear();
        let mut j = start;
        while j < i {
            if bytes[j] < 0x80 {
                // An ASCII letter (the only ASCII bytes of the span).
                buf.push(char::from(bytes[j].to_ascii_lowercase()));
                j += 1;
                continue;
            }
            let Some(u) = unit_at(text, j) else {
                break;
            };
            if is_letter(u.c) {
                push_lower(&mut buf, u.c);
            } else if !buf.is_empty() {
                if filter.may_contain(buf.as_bytes()) && check(&buf) {
                    return;
                }
                buf.clear();
            }
            j = u.end;
        }
        if !buf.is_empty() && filter.may_contain(buf.as_bytes()) && check(&buf) {
            return;
        }
    }
}

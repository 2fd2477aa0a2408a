//! The decisions: which character a damaged sequence was, from its
//! neighbours, the words around it, the vocabulary, the quotation style of
//! the text and a prior; and which rule names the change. Every function
//! here reads context only; none of them writes the text.

use super::scan::{Site, SiteKind, Unit, unit_at, unit_before};
use super::vocab::{
    A_CIRC_INITIAL, CONTRACTIONS, ELISIONS, HYPHEN_LEFT, HYPHEN_RIGHT, builtin_words,
};
use super::{Doc, RepairRule};

/// Context of a damaged sequence at `text[at..end]`.
pub(super) struct Ctx<'d, 'a> {
    pub(super) doc: &'d Doc<'a>,
    /// Index of the site in `doc.sites`.
    pub(super) site: usize,
    pub(super) at: usize,
    pub(super) end: usize,
    /// The lead character of the sequence.
    pub(super) marker: char,
}

impl Ctx<'_, '_> {
    fn unit_before(&self, end: usize) -> Option<Unit> {
        unit_before(self.doc.text, end)
    }
    fn unit_at(&self, pos: usize) -> Option<Unit> {
        unit_at(self.doc.text, pos)
    }
    fn prev_unit(&self) -> Option<Unit> {
        self.unit_before(self.at)
    }
    fn prev(&self) -> Option<char> {
        self.prev_unit().map(|u| u.c)
    }
    fn next(&self) -> Option<char> {
        self.unit_at(self.end).map(|u| u.c)
    }
    /// Letters directly left of the sequence (stops at other damage).
    fn left_word(&self) -> String {
        let mut rev = Vec::new();
        let mut p = self.at;
        while let Some(u) = self.unit_before(p) {
            if !u.c.is_alphabetic() || u.is_marker() {
                break;
            }
            rev.push(u.c);
            p = u.start;
        }
        rev.iter().rev().collect()
    }
    /// Letters directly right of the sequence (stops at other damage), and
    /// the character after them.
    fn right_word_and_after(&self) -> (String, Option<char>) {
        let mut word = String::new();
        let mut p = self.end;
        while let Some(u) = self.unit_at(p) {
            if !u.c.is_alphabetic() || u.is_marker() {
                return (word, Some(u.c));
            }
            word.push(u.c);
            p = u.end;
        }
        (word, None)
    }
    /// Letters directly right of the sequence (stops at other damage).
    fn right_word(&self) -> String {
        self.right_word_and_after().0
    }
    /// True when a lost quotation mark (lone `â` at a word start) precedes
    /// the sequence on the same line, with no word-final lone `â` between.
    fn open_double_before(&self) -> bool {
        self.doc.open_double_before(self.site)
    }

    /// True at the start of the text, of a line or of a sentence.
    fn sentence_start(&self) -> bool {
        let mut p = self.at;
        while let Some(u) = self.unit_before(p) {
            let c = u.c;
            if c == '\n' {
                return true;
            }
            if !c.is_whitespace() && !matches!(c, '«' | '"' | '(' | '‘' | '“') {
                return matches!(c, '.' | '!' | '?' | ':' | '…');
            }
            p = u.start;
        }
        true
    }
}

/// For every site: is it preceded on its line by a lone `â` that opens a
/// quotation (at a word start), with no lone `â` closing one (at a word end)
/// in between? One pass over the sites; newlines are searched only in the
/// gaps between consecutive sites, so the whole is linear.
pub(super) fn open_double(text: &str, sites: &[Site]) -> Vec<bool> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(sites.len());
    let mut open = false;
    let mut prev = 0;
    for site in sites {
        if memchr::memchr(b'\n', &bytes[prev..site.start]).is_some() {
            open = false;
        }
        out.push(open);
        prev = site.start;
        // Every lone `â` left by the lossless pass is a lossy site.
        if matches!(site.kind, SiteKind::Lossy(_)) && text[site.start..].starts_with('â') {
            let p = unit_before(text, site.start).map(|u| u.c);
            let n = unit_at(text, site.start + 'â'.len_utf8()).map(|u| u.c);
            let opening = p.is_none_or(|c| c.is_whitespace() || "([«".contains(c))
                && n.is_some_and(char::is_alphanumeric);
            let closing =
                p.is_some_and(char::is_alphanumeric) && !n.is_some_and(char::is_alphanumeric);
            if opening {
                open = true;
            } else if closing {
                open = false;
            }
        }
    }
    out
}

fn lower(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

fn expand_ligatures(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_expanded(&mut out, c);
    }
    out
}

/// Appends `c`, a Latin ligature spelled out.
fn push_expanded(out: &mut String, c: char) {
    match c {
        '\u{FB00}' => out.push_str("ff"),
        '\u{FB01}' => out.push_str("fi"),
        '\u{FB02}' => out.push_str("fl"),
        '\u{FB03}' => out.push_str("ffi"),
        '\u{FB04}' => out.push_str("ffl"),
        '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
        c => out.push(c),
    }
}

fn is_vowelish(c: char) -> bool {
    c.to_lowercase()
        .next()
        .is_some_and(|l| "aeiouyhàâäéèêëîïôöùûüÿœæ".contains(l))
        || matches!(c, 'Ã' | 'Å')
}

/// Chooses the replacement for a damaged sequence; `None` keeps it. The
/// flag tells a strong decision from one resting on the prior alone.
pub(super) fn choose(ctx: &Ctx, cands: &[char]) -> Option<(char, bool)> {
    if cands.contains(&'\u{2019}') {
        return choose_lone_e2(ctx);
    }
    if ctx.end - ctx.at == ctx.marker.len_utf8() {
        return choose_letter(ctx, cands);
    }
    if cands.iter().any(|c| ('\u{FB00}'..='\u{FB06}').contains(c)) {
        if let Some(c) = by_vocabulary(ctx, cands) {
            return Some((c, true));
        }
    }
    // Two or more characters that never occur together in clean text
    // (`â¦`, `â¬`, `â¯`…): the prior decides, with one contextual rule.
    if cands.contains(&'•') && cands.contains(&'™') {
        let after_word = ctx.prev().is_some_and(char::is_alphanumeric);
        return Some((if after_word { '™' } else { '•' }, true));
    }
    let best = best_by_prior(cands)?;
    Some((best, true))
}

fn best_by_prior(cands: &[char]) -> Option<char> {
    let max = cands.iter().map(|&c| prior(c)).max()?;
    let mut top = cands.iter().filter(|&&c| prior(c) == max);
    let first = *top.next()?;
    top.next().is_none().then_some(first)
}

/// Candidate chosen because the word it makes occurs in the text or in the
/// built-in list.
fn by_vocabulary(ctx: &Ctx, cands: &[char]) -> Option<char> {
    let wl = ctx.left_word();
    let wr = ctx.right_word();
    if wl.is_empty() && wr.is_empty() {
        return None;
    }
    let mut best: Option<(i32, char)> = None;
    let mut tie = false;
    // The lower-case word with ligatures expanded, built per candidate.
    let left = expand_ligatures(&lower(&wl));
    let right = expand_ligatures(&lower(&wr));
    let mut word = String::new();
    for &c in cands {
        if c == ctx.marker {
            continue;
        }
        word.clear();
        word.push_str(&left);
        for l in c.to_lowercase() {
            push_expanded(&mut word, l);
        }
        word.push_str(&right);
        let mut score = 0;
        if ctx.doc.in_vocab(&word) {
            score += 100;
        }
        if builtin_words().contains(word.as_str()) {
            score += 50;
        }
        if score == 0 {
            continue;
        }
        score += prior(c) + case_fit(c, &wl, &wr);
        match best {
            Some((s, _)) if s > score => {}
            Some((s, _)) if s == score => tie = true,
            _ => {
                best = Some((score, c));
                tie = false;
            }
        }
    }
    if tie { None } else { best.map(|(_, c)| c) }
}

/// Bonus for a candidate whose case fits the neighbouring letters.
fn case_fit(c: char, wl: &str, wr: &str) -> i32 {
    let upper_ctx = wr.chars().next().is_some_and(char::is_uppercase)
        || (!wl.is_empty() && wl.chars().all(char::is_uppercase) && wr.is_empty());
    let lower_ctx = !wl.is_empty() && wl.chars().last().is_some_and(char::is_lowercase);
    if c.is_uppercase() && upper_ctx {
        8
    } else if c.is_lowercase() && (lower_ctx || !upper_ctx) {
        4
    } else {
        0
    }
}

/// Lone lead byte of a two-byte character (`Ã`, `Å`, `Ä`, `È`).
fn choose_letter(ctx: &Ctx, cands: &[char]) -> Option<(char, bool)> {
    if let Some(c) = by_vocabulary(ctx, cands) {
        return Some((c, true));
    }
    let wl = ctx.left_word();
    let wr = ctx.right_word();
    let prev_ok = ctx
        .prev_unit()
        .is_none_or(|u| !u.c.is_alphanumeric() || u.is_marker());
    match ctx.marker {
        'Ã' if wl.is_empty() && wr.is_empty() && prev_ok && ctx.next() == Some(' ') => {
            // A standalone word: `À` at a sentence start; mid-sentence only
            // `à` (whose U+00A0 was later folded to a space) is possible.
            Some((if ctx.sentence_start() { 'À' } else { 'à' }, true))
        }
        'Ã' if prev_ok
            && !wr.is_empty()
            && (wr.chars().all(char::is_lowercase) || wr.chars().all(char::is_uppercase)) =>
        {
            Some(('É', false))
        }
        'Ã' if !wl.is_empty()
            && wl.chars().all(char::is_uppercase)
            && wr.chars().all(char::is_uppercase) =>
        {
            Some(('É', false))
        }
        'Å' if ctx.next().is_some_and(|n| n == 'u' || n == 'U') => {
            let upper = wr.chars().next().is_some_and(char::is_uppercase);
            Some((if upper { 'Œ' } else { 'œ' }, false))
        }
        _ => None,
    }
}

/// Lone `â`: the family of U+2000–U+201F (apostrophes, quotes, dashes,
/// spaces) and friends — or a real `â`.
fn choose_lone_e2(ctx: &Ctx) -> Option<(char, bool)> {
    let prev = ctx.prev();
    let next = ctx.next();
    let p_letter = prev.is_some_and(char::is_alphabetic);
    let n_letter = next.is_some_and(char::is_alphabetic);
    let p_space = prev.is_none_or(char::is_whitespace);
    let n_space = next.is_none_or(char::is_whitespace);
    if p_letter && n_letter {
        let wl = lower(&ctx.left_word());
        let (wr, after) = ctx.right_word_and_after();
        let wr = lower(&wr);
        let after_ok = after.is_none_or(|c| !c.is_alphanumeric());
        if ELISIONS.contains(&wl.as_str()) && next.is_some_and(is_vowelish) {
            return Some(('\u{2019}', true));
        }
        if after_ok
            && CONTRACTIONS.contains(&wr.as_str())
            && (wr != "t" || wl.ends_with('n'))
            && !wl.is_empty()
        {
            return Some(('\u{2019}', true));
        }
        if HYPHEN_RIGHT.contains(&wr.as_str()) || HYPHEN_LEFT.contains(&wl.as_str()) {
            return Some(('‐', true));
        }
        // Both halves are words of the text: a compound (`bien‐être`).
        let known = |w: &str| {
            w.chars().count() >= 2 && (builtin_words().contains(w) || ctx.doc.in_vocab(w))
        };
        // Both are evaluated: the questions asked must not depend on the
        // answers (see `VocabAnswers`).
        let (known_l, known_r) = (known(&wl), known(&wr));
        if known_l && known_r {
            return Some(('‐', true));
        }
        // A real `â` is followed by a consonant (or `i`, as in `bâiller`).
        if next.is_some_and(|c| is_vowelish(c) && !matches!(c, 'i' | 'y' | 'h' | 'I' | 'Y' | 'H')) {
            return Some(('‐', false));
        }
        // `O’Brien`
        if wl == "o" && next.is_some_and(char::is_uppercase) {
            return Some(('\u{2019}', true));
        }
        return None; // a real `â` (théâtre, château, grâce…)
    }
    if p_space && n_space {
        return Some(('–', true));
    }
    if prev.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit()) {
        return Some(('–', true));
    }
    if (p_letter || prev.is_some_and(|c| c.is_ascii_digit() || ".,;:!?)]".contains(c)))
        && !next.is_some_and(char::is_alphanumeric)
    {
        // Closes a double quotation mark opened earlier on the same line.
        if ctx.doc.quote_style() == QuoteStyle::Double && ctx.open_double_before() {
            return Some(('”', true));
        }
        return Some(('\u{2019}', true));
    }
    if (p_space || prev.is_some_and(|c| "([«—–-/".contains(c)))
        && next.is_some_and(char::is_alphanumeric)
    {
        let word = lower(&format!("â{}", ctx.right_word()));
        if A_CIRC_INITIAL.contains(&word.as_str()) {
            return None;
        }
        let open = if ctx.doc.quote_style() == QuoteStyle::Double {
            '“'
        } else {
            '‘'
        };
        return Some((open, true));
    }
    None
}

/// Which opening quotation mark a lost one most plausibly was.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum QuoteStyle {
    /// `‘…’`: the default (NATO writes British English), and the choice
    /// that keeps a closing mark identical to the apostrophe.
    Single,
    /// `“…”`: chosen when the intact parts of the text use more `“”` than `‘`.
    Double,
}

/// Counts `‘` and `“ ”` in the text after the lossless pass: those of the
/// input not consumed by a reversal, plus those the reversals produce.
pub(super) fn quote_style(text: &str, sites: &[Site]) -> QuoteStyle {
    let (mut single, mut double) = (0usize, 0usize);
    for site in sites {
        match site.kind {
            SiteKind::Lossless('‘') => single += 1,
            SiteKind::Lossless('“' | '”') => double += 1,
            _ => {}
        }
    }
    let bytes = text.as_bytes();
    let consumed = |p: usize| {
        let i = sites.partition_point(|s| s.start <= p);
        i > 0 && matches!(sites[i - 1].kind, SiteKind::Lossless(_)) && sites[i - 1].end > p
    };
    for p in memchr::memmem::find_iter(bytes, &[0xE2, 0x80]) {
        match bytes.get(p + 2) {
            Some(0x98) if !consumed(p) => single += 1,
            Some(0x9C | 0x9D) if !consumed(p) => double += 1,
            _ => {}
        }
    }
    if double > single * 2 {
        QuoteStyle::Double
    } else {
        QuoteStyle::Single
    }
}

/// Small prior for a candidate character.
fn prior(c: char) -> i32 {
    match c {
        '\u{2019}' | '…' | '€' => 40,
        '\u{202F}' => 35,
        'É' | 'œ' | '–' | '•' => 30,
        'À' | 'Œ' | 'ﬁ' => 25,
        '‐' | '‘' | '—' | '™' => 20,
        'Ç' | 'È' | 'Ê' | 'Ô' | 'Î' | '“' | '”' | '†' | '‰' | 'ﬂ' => 15,
        'Ù' | 'Û' | 'Ï' | 'Ë' | 'Ü' | 'Ö' | 'Ä' | 'ß' | 'ﬀ' | 'ﬃ' | 'ﬄ' => 10,
        _ => match c as u32 {
            0x2000..=0x206F => 5,
            0x20A0..=0x20BF => 4,
            0x00A0..=0x017F => 3,
            0x2100..=0x214F => 2,
            _ => 1,
        },
    }
}

pub(super) fn rule_for(c: char) -> RepairRule {
    match c {
        '\u{2019}' => RepairRule::LostApostrophe,
        '‘' | '“' | '”' | '‚' | '„' | '‛' | '‟' => RepairRule::LostQuote,
        '‐' | '‑' => RepairRule::LostHyphen,
        '‒' | '–' | '—' | '―' => RepairRule::LostDash,
        'œ' | 'Œ' | '\u{FB00}'..='\u{FB06}' | 'Ĳ' | 'ĳ' => RepairRule::LostLigature,
        '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => RepairRule::LostSpace,
        '\u{20A0}'..='\u{20BF}' => RepairRule::LostCurrency,
        c if c.is_uppercase() => RepairRule::LostCapital,
        c if c.is_alphabetic() => RepairRule::LostLetter,
        _ => RepairRule::LostPunctuation,
    }
}

//! Names: a name of the lexicon or of the document pair on one side only, or
//! replaced by another name.
//!
//! Input: the two-sided units of a document pair, read once to learn its
//! names ([`Names::learn`]), then each two-sided unit. Output: per unit,
//! `name-mismatch` errors (a name replaced by another in the same place:
//! `Ottawa` / `Oslo`, `Stoltenberg` / `Rutte`) and `entity-missing` warnings
//! (a name on one side with nothing in its place).
//!
//! Names come from three sources. The lexicon ([`crate::lexicon`]) knows
//! EN↔FR names, acronyms, demonyms and weak forms. The document pair teaches
//! more: a capitalised word or run of them (`Stoltenberg`, `New York`,
//! `APT28`), not first in its sentence unless an acronym, not in an all-caps
//! heading, never written in lower case in the document, that stands on both
//! sides in at least half the units holding it, is a name of the pair. And a
//! name written once (`Casteau`, `Tomasz`) is judged where it stands: a
//! capitalised word absent from the other side is a name *by every sign*
//! when no word there looks like its translation (a cognate: same opening,
//! a few letters apart), it is no common or function word of English or
//! French, never written in lower case, on one side only in no other unit
//! (nor in a paragraph without counterpart), after no article unless the
//! article determines a name the other side writes letter for letter (`the
//! Trident Jupiter exercise`), not opening a clause or following a printed
//! label (`Article 4 Clearance…`), not a number in words, not part of a
//! lexicon name and not followed in its title-case phrase by a word the
//! other side translates (`Cold Weather Operations`).
//!
//! Pairing: the names missing on each side are paired, cheapest first, with
//! what stands in their place on the other (between the same anchors, near
//! the same position in the sentence): two names are one `name-mismatch`; a
//! name and a relative of the lexicon (`NATO` / `les Alliés`) one
//! `entity-missing`; a name by every sign beside an untranslated capitalised
//! word is a title rendered (nothing); a learned name gone where the other
//! side has a name after its title (`Command Naples` / `Commandement … de
//! Uedem`) a mismatch. What is left missing is `entity-missing`.
//!
//! What is never a finding: a demonym or a weak form alone (adjectives are
//! rephrased freely: `Russian` / `de la Russie`, `IT` / `Informatique`); an
//! acronym whose words stand on the other side (`NAC` / `Conseil de
//! l'Atlantique Nord`, initials in any order); a capitalised word that is
//! not a name by every sign, unless it stands where a known name went
//! missing. A name added on one side only cannot be told from one removed
//! from the other: both are `entity-missing`.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{CheckUnit, Finding, Lang, Rule, finding};
use crate::lexicon::{self, EntityId, Form};

mod place;
mod side;

use place::{anchors, distance};
use side::Side;

/// The names a document pair writes the same in both languages.
#[derive(Debug, Clone, Default)]
pub(super) struct Names {
    /// Folded word sequence → the name as first written.
    learned: FxHashMap<String, String>,
    /// Most words of a learned name.
    longest: usize,
    /// Folded capitalised runs → how many two-sided units hold them on one
    /// side only: a word translated elsewhere is no stray name.
    one_sided: FxHashMap<String, usize>,
    /// Folded words written in lower case somewhere: common words.
    lower: FxHashSet<String>,
    /// Folded capitalised words → how many two-sided units hold them on one
    /// side only, in no form on the other: a word the translation renders.
    stray: FxHashMap<String, usize>,
}

impl Names {
    /// Learn the names of a document pair from its two-sided units.
    pub(super) fn learn(units: &[CheckUnit]) -> Names {
        let mut both: FxHashMap<String, usize> = FxHashMap::default();
        let mut one: FxHashMap<String, usize> = FxHashMap::default();
        let mut shown: FxHashMap<String, String> = FxHashMap::default();
        let mut lower = FxHashSet::default();
        let mut stray: FxHashMap<String, usize> = FxHashMap::default();
        for unit in units.iter().filter(|u| two_sided(u)) {
            let sides = [Side::new(unit, Lang::En), Side::new(unit, Lang::Fr)];
            let mut seen: FxHashMap<String, bool> = FxHashMap::default();
            let mut strays: FxHashSet<&str> = FxHashSet::default();
            for (s, side) in sides.iter().enumerate() {
                let other = &sides[1 - s];
                lower.extend(
                    side.words
                        .iter()
                        .filter(|w| w.text.starts_with(char::is_lowercase))
                        .map(|w| w.folded.clone()),
                );
                for run in side.runs(&[]) {
                    strays.extend(
                        side.words[run.clone()]
                            .iter()
                            .filter(|w| !other.holds(&w.folded))
                            .map(|w| w.folded.as_str()),
                    );
                    let key = side.key(run.clone());
                    let acronym = side.words[run.clone()].iter().all(|w| w.acronym);
                    // The last word of a longer run too: "Secretary General
                    // Stoltenberg" / "M. Stoltenberg".
                    let last = run.end - 1;
                    let mut keys = vec![(key, run.clone(), acronym)];
                    if run.len() > 1 {
                        let w = &side.words[last];
                        keys.push((w.folded.clone(), last..run.end, w.acronym));
                    }
                    for (key, run, acronym) in keys {
                        let on_both = other.has_exactly(&key, acronym);
                        shown.entry(key.clone()).or_insert_with(|| side.show(run));
                        let e = seen.entry(key).or_insert(on_both);
                        *e |= on_both;
                    }
                }
            }
            for w in strays {
                *stray.entry(w.to_string()).or_default() += 1;
            }
            for (key, on_both) in seen {
                *(if on_both { &mut both } else { &mut one })
                    .entry(key)
                    .or_default() += 1;
            }
        }
        // A paragraph without counterpart (its translation dropped, left in
        // English or in another language) says nothing of its names, but a
        // capitalised word there may be one the translation renders
        // elsewhere (`Air Operations Centre` / `Air Marshal`): it counts as
        // stray, as it would had its translation been there.
        for unit in units.iter().filter(|u| u.aside.is_none() && !two_sided(u)) {
            for lang in [Lang::En, Lang::Fr] {
                let side = Side::new(unit, lang);
                let words: FxHashSet<&str> = side
                    .runs(&[])
                    .into_iter()
                    .flat_map(|run| side.words[run].iter().map(|w| w.folded.as_str()))
                    .collect();
                for w in words {
                    *stray.entry(w.to_string()).or_default() += 1;
                }
            }
        }
        let mut learned = FxHashMap::default();
        for (key, b) in &both {
            let o = one.get(key).copied().unwrap_or(0);
            let words: Vec<&str> = key.split(' ').collect();
            // A capitalised common word ("Organisation", "Convention") is
            // written in lower case somewhere; a name never is.
            let common = words.iter().all(|w| lower.contains(*w));
            if 2 * b >= b + o && !common {
                learned.insert(key.clone(), shown[key].clone());
            }
        }
        let longest = learned
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(0);
        Names {
            learned,
            longest,
            one_sided: one,
            lower,
            stray,
        }
    }

    /// The learned names, sorted.
    pub(super) fn learned(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.learned.values().map(String::as_str).collect();
        out.sort_unstable();
        out
    }
}

fn two_sided(u: &CheckUnit) -> bool {
    u.aside.is_none() && !u.en.trim().is_empty() && !u.fr.trim().is_empty()
}

/// What a name on one side is.
#[derive(Debug, Clone, PartialEq)]
enum What {
    /// An entity of the lexicon, by a name or an acronym.
    Lexicon(EntityId),
    /// A name the document pair writes the same in both languages.
    Learned(String),
    /// A capitalised word or run nothing knows: only ever the replacement
    /// of a known name.
    Unknown(String),
}

/// A name on one side of a unit, with its occurrences.
#[derive(Debug)]
struct Item {
    lang: Lang,
    what: What,
    /// Word ranges of its occurrences.
    runs: Vec<Range<usize>>,
    acronym: bool,
    /// Some occurrence is capitalised.
    cap: bool,
    /// On this side only (a known name).
    missing: bool,
    /// Named by demonyms only (`Russian`): it may be replaced, never missing
    /// on its own.
    demonym: bool,
    /// An unknown run that looks like a name, which may replace a known
    /// one; the others only stand for a capitalised word's translation.
    plausible: bool,
    /// An unknown run that nothing on the other side explains and that is a
    /// name by every sign: missing when nothing stands in its place.
    candidate: bool,
    /// An unknown run with a word the other side does not translate: what
    /// may render a title in the place of a name by every sign.
    bare: bool,
    /// An unknown word ending a longer capitalised run (`Command Naples`):
    /// a name after its title, which may stand where a learned name went
    /// missing though the title makes it no name by every sign.
    tail: bool,
}

/// What an item may be in a pair.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// A known name on its side only.
    Missing,
    /// An entity on its side only, by demonyms.
    Demonym,
    /// An unknown capitalised run, plausible as a name or not.
    Unknown(bool),
    /// An unknown run that is a name by every sign (see
    /// [`Item::candidate`]), on its side only.
    Candidate,
}

impl Item {
    fn role(&self) -> Option<Role> {
        match self.what {
            What::Unknown(_) if self.candidate => Some(Role::Candidate),
            What::Unknown(_) => Some(Role::Unknown(self.plausible)),
            _ if self.demonym => Some(Role::Demonym),
            _ if self.missing && self.cap => Some(Role::Missing),
            _ => None,
        }
    }
}

/// What a pair of items (English, French) in the same place is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Outcome {
    /// One name replaced by another: a `name-mismatch` error.
    Mismatch,
    /// A name rendered by a relative (`NATO` / `les Alliés`): one
    /// `entity-missing` warning, the English name's.
    Rephrase,
    /// Two unknown words, a capitalised word and its translation (`Council`
    /// / `Conseil`): nothing, and neither replaces a name.
    Translation,
    /// A name by every sign and, right in its place, a capitalised word the
    /// other side translates (`Communiqué de presse` / `Press Release`): a
    /// title rendered, nothing, when they stand within
    /// [`RENDERED_TOLERANCE`].
    Rendered,
}

/// What pairing two items would be and what it costs beyond their distance;
/// `None`: they do not pair. A known name pairs with another of its kind
/// (a relative: a rephrasing), a country's demonym or a plausible unknown
/// word; two unknown words pair as a translation.
fn pairing(a: &Item, b: &Item) -> Option<(Outcome, f64)> {
    use Role::*;
    let (ra, rb) = (a.role()?, b.role()?);
    if let (What::Lexicon(p), What::Lexicon(q)) = (&a.what, &b.what) {
        // An entity of the tables has names and acronyms: its kind says
        // what may replace it (`Nations Unies` / `OSCE`).
        // Two full names of one family are two organisations, not a
        // rephrasing (`North Atlantic Treaty` / `Conseil de l’Atlantique
        // Nord`, `United Nations` / `Assemblée générale`).
        let full = |i: &Item| !i.acronym && i.runs[0].len() >= 2;
        let family =
            p != q && lexicon::kind(*p) == lexicon::Kind::Organisation && full(a) && full(b);
        if lexicon::related(*p, *q) && !family {
            return (ra == Missing && rb == Missing).then_some((Outcome::Rephrase, 0.0));
        }
        if !lexicon::kind(*p).compatible(lexicon::kind(*q)) {
            return None;
        }
    } else if a.acronym != b.acronym {
        return None;
    }
    match (ra, rb) {
        (Missing, Missing) => Some((Outcome::Mismatch, 0.0)),
        (Missing, Demonym) | (Demonym, Missing) => Some((Outcome::Mismatch, DEMONYM_COST)),
        (Missing, Unknown(true) | Candidate)
        | (Unknown(true) | Candidate, Missing)
        | (Candidate, Candidate) => Some((Outcome::Mismatch, UNKNOWN_COST)),
        (Candidate, Unknown(_)) | (Unknown(_), Candidate) if a.bare && b.bare => {
            Some((Outcome::Rendered, TRANSLATION_COST))
        }
        // A learned name gone, and in its place a name after its title
        // (`Commandement … de Uedem` / `Command Naples`).
        (Missing, Unknown(false)) if matches!(a.what, What::Learned(_)) && b.tail => {
            Some((Outcome::Mismatch, TAIL_COST))
        }
        (Unknown(false), Missing) if matches!(b.what, What::Learned(_)) && a.tail => {
            Some((Outcome::Mismatch, TAIL_COST))
        }
        (Unknown(_), Unknown(_)) => Some((Outcome::Translation, TRANSLATION_COST)),
        _ => None,
    }
}

/// How far apart (as [`SENTENCE_TOLERANCE`]) a name by every sign and a
/// translated capitalised word may stand to be one title rendered.
const RENDERED_TOLERANCE: f64 = 0.1;

/// A demonym as what was replaced costs this much more than a name.
const DEMONYM_COST: f64 = 0.02;

/// Words that print a label before a heading's first word (`Article 4
/// Clearance of…`, `PARTIE II Dispositions…`).
const LABEL_WORDS: &[&str] = &[
    "article",
    "articles",
    "chapter",
    "part",
    "section",
    "annex",
    "appendix",
    "title",
    "paragraph",
    "chapitre",
    "partie",
    "annexe",
    "titre",
    "paragraphe",
];

/// A name after its title as the replacement of a learned name costs this
/// much more than a known name: any other reading of the place comes first.
const TAIL_COST: f64 = 0.08;

/// An unknown word as replacement costs this much more than a known name.
const UNKNOWN_COST: f64 = 0.05;

/// Two unknown words as a word and its translation cost this much more: a
/// missing name takes the unknown word near it first.
const TRANSLATION_COST: f64 = 0.1;

/// The findings of names in a two-sided unit: each name replaced by another
/// in its place is a `name-mismatch` error; each name of the lexicon or of
/// the pair on one side only, with nothing in its place, an
/// `entity-missing` warning.
pub(super) fn check_names(unit: &CheckUnit, names: &Names) -> Vec<Finding> {
    let sides = [Side::new(unit, Lang::En), Side::new(unit, Lang::Fr)];
    let mut items: Vec<Item> = Vec::new();
    for (s, lang) in [(0, Lang::En), (1, Lang::Fr)] {
        items.extend(side_items(&sides[s], &sides[1 - s], lang, names));
    }
    if !items.iter().any(|i| i.missing) {
        // Every name is on both sides: nothing to pair (most units).
        return Vec::new();
    }
    let anchors = anchors(&sides, &items);
    // Every admissible pair, cheapest first (see `pairing`), of the same
    // kind and in the same place.
    let mut pairs: Vec<(f64, usize, usize, Outcome)> = Vec::new();
    for (x, a) in items.iter().enumerate().filter(|(_, i)| i.lang == Lang::En) {
        for (y, b) in items.iter().enumerate().filter(|(_, i)| i.lang == Lang::Fr) {
            let Some((outcome, extra)) = pairing(a, b) else {
                continue;
            };
            if let Some(d) = distance(&sides, &anchors, a, b) {
                if outcome == Outcome::Rendered && d > RENDERED_TOLERANCE {
                    continue;
                }
                pairs.push((d + extra, x, y, outcome));
            }
        }
    }
    pairs.sort_by(|p, q| p.0.total_cmp(&q.0));
    let mut used = vec![false; items.len()];
    let mut out = Vec::new();
    for (_, x, y, outcome) in pairs {
        if used[x] || used[y] {
            continue;
        }
        used[x] = true;
        used[y] = true;
        match outcome {
            Outcome::Translation | Outcome::Rendered => continue,
            Outcome::Rephrase => {
                out.push(missing(unit, &sides, &items[x]));
                continue;
            }
            Outcome::Mismatch => {}
        }
        let (a, b) = (&items[x], &items[y]);
        let (en, fr) = (
            sides[0].show(a.runs[0].clone()),
            sides[1].show(b.runs[0].clone()),
        );
        out.push(finding(
            unit,
            Rule::NameMismatch,
            format!("“{en}” in English, “{fr}” in French"),
            &spans(&sides[0], a),
            &spans(&sides[1], b),
            &format!("{en}/{fr}"),
        ));
    }
    // The rest of the missing names: lexicon ones in table order (as before
    // learned names existed), then learned ones in text order.
    let mut rest: Vec<usize> = (0..items.len())
        .filter(|&k| items[k].missing && !items[k].demonym && !used[k])
        .collect();
    rest.sort_by_key(|&k| match &items[k].what {
        What::Lexicon(id) => (0, id.0 as usize),
        _ => (1, k),
    });
    for k in rest {
        out.push(missing(unit, &sides, &items[k]));
    }
    out
}

fn spans(side: &Side, item: &Item) -> Vec<Range<usize>> {
    item.runs.iter().map(|r| side.span(r)).collect()
}

/// The `entity-missing` warning of a name on one side only.
fn missing(unit: &CheckUnit, sides: &[Side; 2], item: &Item) -> Finding {
    let (side, here, there) = match item.lang {
        Lang::En => (&sides[0], "English", "French"),
        Lang::Fr => (&sides[1], "French", "English"),
    };
    let (this, that, detail) = match &item.what {
        What::Lexicon(id) => {
            let (en, fr) = lexicon::names(*id);
            // The fingerprint's detail stays the English name: baselines
            // written before learned names keep matching.
            match item.lang {
                Lang::En => (en.to_string(), fr.to_string(), en.to_string()),
                Lang::Fr => (fr.to_string(), en.to_string(), en.to_string()),
            }
        }
        What::Learned(_) | What::Unknown(_) => {
            let name = side.show(item.runs[0].clone());
            (name.clone(), name.clone(), name)
        }
    };
    let spans = spans(side, item);
    let (en_spans, fr_spans) = match item.lang {
        Lang::En => (spans, Vec::new()),
        Lang::Fr => (Vec::new(), spans),
    };
    finding(
        unit,
        Rule::EntityMissing,
        format!("“{this}” in {here}, no “{that}” in {there}"),
        &en_spans,
        &fr_spans,
        &detail,
    )
}

/// The names of `side` (speaking `lang`), judged against `other`: lexicon
/// entities named there, learned names, and unknown capitalised runs.
fn side_items(side: &Side, other: &Side, lang: Lang, names: &Names) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let item = |what: What, run: Range<usize>, acronym: bool, cap: bool, missing: bool| Item {
        lang,
        what,
        runs: vec![run],
        acronym,
        cap,
        missing,
        demonym: false,
        plausible: false,
        candidate: false,
        bare: false,
        tail: false,
    };
    // Lexicon names and acronyms.
    for m in side.mentions.iter().filter(|m| m.form.is_name()) {
        let run = side.run_of(&m.span);
        let acronym = m.form == Form::Acronym;
        // Capitalised as a name (`the Hague`, `mer Baltique` too), not as a
        // heading.
        let cap = side.words[run.clone()].iter().any(|w| w.cap && !w.heading);
        match items.iter_mut().find(|i| i.what == What::Lexicon(m.id)) {
            Some(i) => {
                i.runs.push(run);
                i.cap |= cap;
            }
            None => {
                let present = other.mentions.iter().any(|o| o.id == m.id)
                    || (acronym && other.spells_out(&side.text[m.span.clone()]))
                    || (!acronym && side.abbreviated_on(&run, other));
                items.push(item(What::Lexicon(m.id), run, acronym, cap, !present));
            }
        }
    }
    // Countries named by demonyms only, absent from the other side: what a
    // name there may have replaced (`Russian` / `de la Norvège`). Not an
    // organisation's adjective (`Allied`, `onusien`): rephrased too freely.
    for m in side
        .mentions
        .iter()
        .filter(|m| m.form == Form::Demonym && lexicon::kind(m.id) != lexicon::Kind::Organisation)
    {
        let what = What::Lexicon(m.id);
        let run = side.run_of(&m.span);
        match items.iter_mut().find(|i| i.what == what) {
            Some(i) if i.demonym => i.runs.push(run),
            Some(_) => {}
            None if !other.mentions.iter().any(|o| o.id == m.id) => {
                let mut i = item(what, run, false, false, true);
                i.demonym = true;
                items.push(i);
            }
            None => {}
        }
    }
    // Learned names, longest first, where the lexicon is not.
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < side.words.len() {
        let found = (1..=names.longest.min(side.words.len() - i))
            .rev()
            .find_map(|n| {
                let ws = &side.words[i..i + n];
                if ws.iter().any(|w| w.lexicon || w.heading) || !ws[0].cap {
                    return None;
                }
                let key = side.key(i..i + n);
                let shown = names.learned.get(&key)?;
                let acronym = !shown.chars().any(char::is_lowercase);
                (!acronym || ws.iter().all(|w| w.acronym)).then_some((key, n, acronym))
            });
        let Some((key, n, acronym)) = found else {
            i += 1;
            continue;
        };
        taken.push(i..i + n);
        let what = What::Learned(key.clone());
        match items.iter_mut().find(|it| it.what == what) {
            Some(it) => it.runs.push(i..i + n),
            None => {
                // By its last word only, after a title (`Jens Stoltenberg` /
                // `M. Stoltenberg`): a name learned in full that loses a word
                // elsewhere lost a name (`Anna Lindqvist` / `la générale
                // Lindqvist`).
                let last = key.rsplit(' ').next().unwrap_or(&key);
                let present = other.has_exactly(&key, acronym)
                    || (other.has(&key, acronym) && other.titled(last))
                    || (acronym && other.spells_out(side.words[i].text))
                    || (!acronym && side.abbreviated_on(&(i..i + n), other));
                items.push(item(what, i..i + n, acronym, true, !present));
            }
        }
        i += n;
    }
    // Unknown capitalised words absent from the other side, in runs
    // (`Marco` of `Marco Ferrante` / `Bonn Ferrante`). Plausible as a name:
    // after no article (`le Conseil`, `the Council`: a capitalised common
    // noun), the translation of no word there, a common word nowhere, and on
    // one side only in no other unit (a word the translation renders
    // elsewhere is no name).
    // Numbers in words are numbers, not names (`la guerre de Cent Ans`):
    // `number-mismatch` compares them.
    let number_words: Vec<Range<usize>> = super::numbers::numbers(side.text, lang)
        .into_iter()
        .filter(|n| n.form != super::numbers::Form::Digits)
        .map(|n| n.span)
        .collect();
    let numeral = |w: &side::Word| {
        number_words
            .iter()
            .any(|r| r.start < w.span.end && w.span.start < r.end)
    };
    for run in side.runs(&taken) {
        if side.words[run.clone()].iter().any(&numeral) {
            continue;
        }
        let whole = other.has(
            &side.key(run.clone()),
            side.words[run.clone()].iter().all(|w| w.acronym),
        );
        let mut i = run.start;
        while i < run.end {
            if other.holds(&side.words[i].folded) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < run.end && !other.holds(&side.words[j].folded) {
                j += 1;
            }
            let sub = i..j;
            i = j;
            let tail = sub.len() == 1 && sub.end == run.end && run.len() >= 2;
            let (sub_start, sub_end) = (sub.start, sub.end);
            let (plausible, candidate, bare) = judge(side, other, &sub, names);
            // A run the other side names by its last word (`Jens
            // Stoltenberg` / `M. Stoltenberg`) is there, unless a word of it
            // is a name by every sign.
            if whole && !candidate {
                continue;
            }
            let key = side.key(sub.clone());
            let acronym = side.words[sub.clone()].iter().all(|w| w.acronym);
            let what = What::Unknown(key);
            match items.iter_mut().find(|it| it.what == what) {
                Some(it) => it.runs.push(sub_start..sub_end),
                None => {
                    let mut it = item(what, sub_start..sub_end, acronym, true, candidate);
                    it.plausible = plausible;
                    it.candidate = candidate;
                    it.bare = bare;
                    it.tail = tail;
                    items.push(it);
                }
            }
            // The last word of a longer unknown run, if no common word (`Allied
            // Joint Force Command Naples`): what may stand in a learned
            // name's place, and nothing else.
            let last = &side.words[sub_end - 1];
            if sub_end - sub_start >= 2
                && sub_end == run.end
                && !last.acronym
                && !names.lower.contains(&last.folded)
                && !crate::langid::is_function_word(&last.folded)
            {
                let what = What::Unknown(last.folded.clone());
                if !items.iter().any(|it| it.what == what) {
                    let mut it = item(what, sub_end - 1..sub_end, last.acronym, true, false);
                    it.tail = true;
                    items.push(it);
                }
            }
        }
    }
    items
}

/// Whether the unknown words `sub` of a capitalised run of `side`,
/// absent from `other`, are plausible as a name (see [`side_items`]), and a
/// name by every sign: besides, no word of them a common word anywhere in
/// the document, an English or French function word (`States`, `General`),
/// or on one side only in another unit; not an acronym spelled out nor words
/// abbreviated on the other side; not a first name where the other side
/// names the person by title and surname.
fn judge(side: &Side, other: &Side, sub: &Range<usize>, names: &Names) -> (bool, bool, bool) {
    let words = &side.words[sub.clone()];
    let key = side.key(sub.clone());
    // After an article, a capitalised common noun (`the Council`), unless
    // the article determines a name the other side writes too (`the Trident
    // Jupiter exercise` / `l'exercice Trident Jupiter`).
    // Written letter for letter, accents included: `Déclaration` is the
    // translation of `Declaration`, `Jupiter` is `Jupiter`.
    let named_phrase = side
        .phrase_after(sub.end)
        .into_iter()
        .enumerate()
        .take_while(|&(n, k)| k == sub.end + n && side.words[k].cap)
        .any(|(_, k)| {
            let w = &side.words[k];
            !names.lower.contains(&w.folded)
                && other.capitalised(&w.folded)
                && other.words.iter().any(|o| o.text == w.text)
        });
    // The first word after a printed label (`Article 4 Clearance and…`)
    // opens its heading.
    let first = sub.start;
    let before: Vec<&side::Word> = side.words[..first]
        .iter()
        .rev()
        .take_while(|w| w.sentence == side.words[first].sentence)
        .collect();
    let after_label = !before.is_empty()
        && before.iter().all(|w| {
            LABEL_WORDS.contains(&w.folded.as_str())
                || w.folded.chars().all(|c| c.is_ascii_digit() || c == '.')
                || (w.folded.len() <= 5 && w.folded.chars().all(|c| "ivxlcdm".contains(c)))
        });
    let plausible = !after_label
        && (!side.determined(sub.start) || named_phrase)
        && !words.iter().any(|w| other.translates(&w.folded, side))
        && !words.iter().all(|w| names.lower.contains(&w.folded))
        && names.one_sided.get(&key).copied().unwrap_or(0) <= 1;
    let acronym = words.iter().all(|w| w.acronym);
    // A later word of its title-case phrase is a common word the other side
    // translates: the phrase is a title, not a name (`Cold Weather
    // Operations` / `opérations par temps froid`).
    let titled_phrase = side.phrase_after(sub.end).into_iter().any(|k| {
        let f = &side.words[k].folded;
        names.lower.contains(f)
            || crate::langid::is_function_word(f)
            || (other.holds(f) && !other.capitalised(f))
            || other.translates(f, side)
    });
    let candidate = plausible
        && !side.opens_clause(sub.start)
        && !side.touches_lexicon(sub)
        && !titled_phrase
        && words
            .iter()
            .all(|w| !LANGUAGES.contains(&w.folded.as_str()))
        && words.iter().all(|w| {
            !names.lower.contains(&w.folded)
                && !crate::langid::is_function_word(&w.folded)
                && names.stray.get(&w.folded).copied().unwrap_or(0) <= 1
        })
        && !(acronym && other.spells_out(words[0].text))
        && !(sub.len() > 1 && side.abbreviated_on(sub, other))
        && !side
            .words
            .get(sub.end)
            .is_some_and(|w| w.joined && w.cap && other.titled(&w.folded));
    let bare = words.iter().any(|w| {
        !names.lower.contains(&w.folded)
            && !crate::langid::is_function_word(&w.folded)
            && !other.translates(&w.folded, side)
    });
    (plausible, candidate, bare)
}

/// Language names, capitalised in English only (`in English` / `en
/// anglais`), that the lexicon does not know as demonyms.
const LANGUAGES: &[&str] = &["english", "latin", "arabic", "hebrew", "esperanto"];

#[cfg(test)]
mod tests;

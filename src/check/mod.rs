//! Stage 6: consistency findings on aligned units.
//!
//! Input: two-language units ([`CheckUnit`]s: from an [`Alignment`], the
//! paragraphs it set aside for their language among them, or from a
//! translation memory read by [`crate::import::tmx`]). Output: [`Finding`]s,
//! each with a rule, a severity, where it is (unit, key, lines on each side)
//! and the offending text marked. Findings are results, not errors. One
//! mistake gives one finding: an English paragraph pasted into the French is
//! one `untranslated` error, not that and a paragraph without counterpart;
//! a run of paragraphs without counterpart is one finding. Rules and
//! severities are documented in `docs/CHECKS.md`:
//!
//! | rule | severity | what |
//! |---|---|---|
//! | `number-mismatch` | error | a number on one side only, compared by value |
//! | `date-mismatch` | error | a date whose day, month or year differs |
//! | `missing-counterpart` | error | paragraphs with no counterpart on the other side |
//! | `number-key-mismatch` | error | printed numbers that differ (EN 4 paired with FR 5) |
//! | `untranslated` | error | a paragraph of the French document that is English |
//! | `wrong-language` | error | a paragraph in neither English nor French |
//! | `name-mismatch` | error | a name replaced by another in its place (`Ottawa` / `Oslo`) |
//! | `entity-missing` | warning | a name of the EN↔FR tables or of the document pair on one side only |
//! | `merged-paragraph` | warning | a paragraph absorbed into a merge it does not belong to |
//! | `length-ratio` | warning | the French is far longer or shorter than usual |
//! | `inconsistent-translation` | warning | the same English translated differently |
//! | `inconsistent-source` | warning | the same French from different English |
//! | `term-missing` | the glossary's (warning) | a glossary term whose French is missing (`--glossary`) |
//! | `typography` | warning | French spacing and quotes (`--typography`) |

mod consistency;
mod coverage;
pub mod dates;
mod glossary;
mod names;
pub mod numbers;
mod rules;
mod typography;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use crate::align::{Alignment, AsideLanguage, Side};
use crate::document::{Lang, Paragraph, ParagraphKind};
use crate::hash::stable_hash;
use crate::text::normalize;

pub use consistency::check_consistency;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A hint: translations legitimately rephrase.
    Warning,
    /// Very likely a real inconsistency.
    Error,
}

impl Severity {
    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A check rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A number on one side only.
    NumberMismatch,
    /// A date whose day, month or year differs between the sides.
    DateMismatch,
    /// Paragraphs with no counterpart.
    MissingCounterpart,
    /// Printed paragraph numbers that differ.
    NumberKeyMismatch,
    /// A paragraph of the French document that is English.
    Untranslated,
    /// A paragraph in neither English nor French.
    WrongLanguage,
    /// A name on one side only (of the EN↔FR tables or of the document pair).
    EntityMissing,
    /// A name replaced by another in its place.
    NameMismatch,
    /// A paragraph merged into a unit it does not belong to.
    MergedParagraph,
    /// An unusual length ratio.
    LengthRatio,
    /// The same English translated differently.
    InconsistentTranslation,
    /// The same French from different English.
    InconsistentSource,
    /// A glossary term whose French equivalent is missing.
    TermMissing,
    /// French typography: spacing before high punctuation, quotes.
    Typography,
}

impl Rule {
    /// Stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::NumberMismatch => "number-mismatch",
            Rule::DateMismatch => "date-mismatch",
            Rule::MissingCounterpart => "missing-counterpart",
            Rule::NumberKeyMismatch => "number-key-mismatch",
            Rule::Untranslated => "untranslated",
            Rule::WrongLanguage => "wrong-language",
            Rule::EntityMissing => "entity-missing",
            Rule::NameMismatch => "name-mismatch",
            Rule::MergedParagraph => "merged-paragraph",
            Rule::LengthRatio => "length-ratio",
            Rule::InconsistentTranslation => "inconsistent-translation",
            Rule::InconsistentSource => "inconsistent-source",
            Rule::TermMissing => "term-missing",
            Rule::Typography => "typography",
        }
    }

    /// The rule's severity; for `term-missing` the default, as a glossary
    /// entry may say `error` ([`Finding::severity`] is what counts).
    pub fn severity(self) -> Severity {
        match self {
            Rule::NumberMismatch
            | Rule::DateMismatch
            | Rule::MissingCounterpart
            | Rule::NumberKeyMismatch
            | Rule::Untranslated
            | Rule::WrongLanguage
            | Rule::NameMismatch => Severity::Error,
            Rule::EntityMissing
            | Rule::MergedParagraph
            | Rule::LengthRatio
            | Rule::InconsistentTranslation
            | Rule::InconsistentSource
            | Rule::TermMissing
            | Rule::Typography => Severity::Warning,
        }
    }
}

/// One paragraph of a unit's side.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Part {
    /// 1-based position among its side's paragraphs (as the CSV's
    /// `en_index`/`fr_index`); 0 for a paragraph set aside or a memory's
    /// segment.
    pub index: usize,
    /// The text (its printed label removed, as aligned).
    pub text: String,
    /// The printed label (`1.`, `(a)`, `Article 3`), if any.
    pub label: Option<String>,
    /// The full number key (`Article 7 1 (a)`), if any.
    pub key: Option<String>,
    /// A heading or title rather than a body paragraph.
    pub heading: bool,
    /// 1-based source lines, end exclusive (a memory: its `<tu>`'s line).
    pub lines: Option<Range<usize>>,
}

impl Part {
    /// A part of `side`'s paragraph `p`, at 0-based position `i` (`None`:
    /// set aside).
    fn of(p: &Paragraph, i: Option<usize>) -> Part {
        Part {
            index: i.map_or(0, |i| i + 1),
            text: p.text.clone(),
            label: p.printed_label().map(str::to_string),
            key: p.key.as_ref().map(|k| k.0.clone()),
            heading: matches!(p.kind, ParagraphKind::Heading | ParagraphKind::Title),
            lines: Some(p.lines.clone()),
        }
    }

    /// A memory segment: one part, at a line.
    pub fn segment(text: &str, line: usize) -> Part {
        Part {
            text: text.to_string(),
            lines: Some(line..line + 1),
            ..Part::default()
        }
    }
}

/// One unit to check: an English and a French text with where they come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckUnit {
    /// The document (or memory) the unit comes from, as reported.
    pub document: String,
    /// The English document (for locations).
    pub en_document: String,
    /// The French document.
    pub fr_document: String,
    /// 1-based position of the unit in its document or memory.
    pub unit: usize,
    /// A human label for the unit: paragraph numbers, indices or `tuid`.
    pub label: String,
    /// English text (empty when one-sided): the parts joined with a space.
    pub en: String,
    /// French text (empty when one-sided).
    pub fr: String,
    /// The English paragraphs.
    pub en_parts: Vec<Part>,
    /// The French paragraphs.
    pub fr_parts: Vec<Part>,
    /// A paragraph set aside for its language (English in the French
    /// document, another language): it is the unit's one part, on the side
    /// of the document it was found in.
    pub aside: Option<AsideLanguage>,
    /// 0-based index of the alignment unit this is (`None`: set aside, or a
    /// memory's unit).
    #[serde(skip)]
    pub aligned: Option<usize>,
}

impl CheckUnit {
    /// A two-language unit from texts alone (a memory's `<tu>`, a test).
    pub fn from_texts(document: &str, unit: usize, label: &str, en: &str, fr: &str) -> CheckUnit {
        let part = |t: &str| -> Vec<Part> {
            if t.trim().is_empty() {
                Vec::new()
            } else {
                vec![Part {
                    text: t.to_string(),
                    ..Part::default()
                }]
            }
        };
        CheckUnit {
            document: document.to_string(),
            en_document: document.to_string(),
            fr_document: document.to_string(),
            unit,
            label: label.to_string(),
            en: en.to_string(),
            fr: fr.to_string(),
            en_parts: part(en),
            fr_parts: part(fr),
            aside: None,
            aligned: None,
        }
    }

    /// The printed number keys of one side.
    pub fn keys(&self, lang: Lang) -> Vec<String> {
        self.parts(lang)
            .iter()
            .filter_map(|p| p.key.clone())
            .collect()
    }

    /// The parts of one side.
    pub fn parts(&self, lang: Lang) -> &[Part] {
        match lang {
            Lang::En => &self.en_parts,
            Lang::Fr => &self.fr_parts,
        }
    }

    /// The text of one side.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }

    /// The side a one-sided unit holds (English when both).
    pub fn side(&self) -> Lang {
        if self.en.trim().is_empty() {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    /// The unit's full key: the English one, else the French one.
    pub(crate) fn key(&self) -> String {
        let en = self.keys(Lang::En);
        let keys = if en.is_empty() {
            self.keys(Lang::Fr)
        } else {
            en
        };
        keys.join(" + ")
    }

    /// The source lines of one side, first and last (1-based, inclusive).
    fn lines(&self, lang: Lang) -> Option<[usize; 2]> {
        lines_of(self.parts(lang).iter())
    }
}

fn lines_of<'a>(parts: impl Iterator<Item = &'a Part>) -> Option<[usize; 2]> {
    parts
        .filter_map(|p| p.lines.clone())
        .filter(|l| !l.is_empty())
        .fold(None, |acc, l| {
            let (first, last) = (l.start, l.end - 1);
            Some(match acc {
                None => [first, last],
                Some([a, b]) => [a.min(first), b.max(last)],
            })
        })
}

/// A paragraph a finding covers, when it covers several (a run).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphRef {
    /// `en` or `fr`.
    pub side: Lang,
    /// 1-based position among its side's paragraphs (0: set aside).
    pub index: usize,
    /// Its printed label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Its source lines, first and last.
    pub lines: Option<[usize; 2]>,
    /// Its text.
    pub text: String,
}

/// A consistency problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// Its severity: the rule's, or for `term-missing` the glossary
    /// entry's.
    pub severity: Severity,
    /// The document or memory.
    pub document: String,
    /// 1-based unit position (the first, for a finding over several units).
    pub unit: usize,
    /// The last unit a finding over several units covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub through: Option<usize>,
    /// The unit's label (numbers, indices, tuid).
    pub label: String,
    /// The unit's full number key (`Article 7 1 (a)`); empty when none.
    pub key: String,
    /// The English document's lines, first and last (1-based).
    pub en_lines: Option<[usize; 2]>,
    /// The French document's lines, first and last (1-based).
    pub fr_lines: Option<[usize; 2]>,
    /// What is wrong, in one line.
    pub message: String,
    /// The English text with the problem marked `⟦…⟧`.
    pub en: String,
    /// The French text with the problem marked `⟦…⟧`.
    pub fr: String,
    /// The paragraphs of a finding over several (a run without
    /// counterpart).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<ParagraphRef>,
    /// A fingerprint for baselines: the rule, the problem and the English text
    /// (the French when one-sided), independent of positions and of edits
    /// elsewhere in the French.
    pub fingerprint: String,
    /// The documents, for locations.
    #[serde(skip)]
    sources: [String; 2],
    /// What the fingerprint hashes besides the rule: the text it is anchored
    /// to (normalised) and the problem, so a baseline can also accept a
    /// finding whose unit was edited elsewhere ([`Finding::same_problem`]).
    #[serde(skip)]
    pub(crate) anchor: String,
    #[serde(skip)]
    pub(crate) detail: String,
}

impl Finding {
    /// Whether this finding reports the problem a baseline entry recorded
    /// (`rule`, `detail`, anchored to `anchor`) in a text edited since: the
    /// same rule and problem, in a text sharing at least 80 % of its words
    /// with the recorded one. A reviser who accepted a warning does not want
    /// it back because a word changed elsewhere in the sentence.
    pub fn same_problem(&self, rule: &str, detail: &str, anchor: &str) -> bool {
        if rule != self.rule.as_str() || detail != self.detail || anchor.is_empty() {
            return false;
        }
        let words = |t: &str| -> std::collections::BTreeSet<String> {
            t.split_whitespace().map(str::to_string).collect()
        };
        let (a, b) = (words(anchor), words(&self.anchor));
        let shared = a.intersection(&b).count();
        let all = a.union(&b).count();
        all > 0 && shared * 5 >= all * 4
    }

    /// The text the finding is anchored to (normalised) and its problem, as
    /// a baseline records them.
    pub fn basis(&self) -> (&str, &str) {
        (&self.anchor, &self.detail)
    }

    /// Where the finding is: the key, then the lines of each side, with
    /// the file when the sides are two files (`key Article 7 1 (a),
    /// en.txt:12-14, fr.txt:13-15`; a memory: `line 40`).
    pub fn location(&self) -> String {
        let span = |[a, b]: [usize; 2]| {
            if a == b {
                format!("line {a}")
            } else {
                format!("lines {a}-{b}")
            }
        };
        let mut parts = Vec::new();
        if !self.key.is_empty() {
            parts.push(format!("key {}", self.key));
        }
        let two_files = self.sources[0] != self.sources[1];
        match (self.en_lines, self.fr_lines) {
            (Some(e), Some(f)) if e == f && !two_files => parts.push(span(e)),
            (e, f) => {
                for (lines, name, lang) in
                    [(e, &self.sources[0], "EN"), (f, &self.sources[1], "FR")]
                {
                    let Some(lines) = lines else { continue };
                    parts.push(if two_files {
                        format!("{name} {}", span(lines))
                    } else {
                        format!("{lang} {}", span(lines))
                    });
                }
            }
        }
        parts.join(", ")
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] unit {}",
            self.severity.as_str(),
            self.rule.as_str(),
            self.unit
        )?;
        if let Some(last) = self.through {
            write!(f, "-{last}")?;
        }
        write!(f, " ({})", self.label)?;
        let at = self.location();
        if !at.is_empty() {
            write!(f, " [{at}]")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Mark byte ranges of `text` with `⟦…⟧`.
fn mark(text: &str, spans: &[Range<usize>]) -> String {
    let mut spans: Vec<Range<usize>> = spans.to_vec();
    spans.sort_by_key(|s| s.start);
    let mut out = String::with_capacity(text.len() + 8 * spans.len());
    let mut at = 0;
    for s in spans {
        if s.start < at || s.end > text.len() {
            continue;
        }
        out.push_str(&text[at..s.start]);
        out.push('⟦');
        out.push_str(&text[s.clone()]);
        out.push('⟧');
        at = s.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A finding on `unit`; `detail` (the problem itself) goes into the
/// fingerprint with the rule and the unit's English text.
fn finding(
    unit: &CheckUnit,
    rule: Rule,
    message: String,
    en_spans: &[Range<usize>],
    fr_spans: &[Range<usize>],
    detail: &str,
) -> Finding {
    // The English text (the source, which changes least) and the problem
    // itself: edits elsewhere in the French do not renew accepted findings.
    let anchor = if unit.en.trim().is_empty() {
        &unit.fr
    } else {
        &unit.en
    };
    let anchor = normalize(anchor);
    let fingerprint = format!("{:016x}", stable_hash(&[rule.as_str(), &anchor, detail]));
    Finding {
        rule,
        severity: rule.severity(),
        document: unit.document.clone(),
        unit: unit.unit,
        through: None,
        label: unit.label.clone(),
        key: unit.key(),
        en_lines: unit.lines(Lang::En),
        fr_lines: unit.lines(Lang::Fr),
        message,
        en: mark(&unit.en, en_spans),
        fr: mark(&unit.fr, fr_spans),
        paragraphs: Vec::new(),
        fingerprint,
        sources: [unit.en_document.clone(), unit.fr_document.clone()],
        anchor,
        detail: detail.to_string(),
    }
}

/// How `check` aligns: every pair the aligner finds is kept, however weak
/// (`split_below` 0): a reviser wants a replaced or damaged paragraph
/// reported by what differs in it, not as two paragraphs without
/// counterparts.
pub const ALIGN_OPTIONS: crate::align::AlignOptions = crate::align::AlignOptions {
    forced: Vec::new(),
    split_below: 0.0,
    glossary: None,
};

/// What to check beyond the rules that always run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckOptions {
    /// Check the glossary's terms (rule `term-missing`).
    pub glossary: Option<Arc<crate::glossary::Glossary>>,
    /// Check French typography (rule `typography`).
    pub typography: bool,
}

/// What the whole document pair tells the rules of each unit, learned in one
/// pass over its units before any unit is judged: the names it writes the
/// same in both languages (`Stoltenberg`, `New York`, `APT28`), so that one
/// replaced or dropped in a unit is found though no table knows it.
#[derive(Debug, Clone, Default)]
pub struct Context {
    names: names::Names,
}

impl Context {
    /// Learn from `units` (their two-sided units: one-sided ones and
    /// paragraphs set aside teach nothing).
    pub fn learn(units: &[CheckUnit]) -> Context {
        Context {
            names: names::Names::learn(units),
        }
    }

    /// The names learned, sorted (as first written).
    pub fn learned_names(&self) -> Vec<&str> {
        self.names.learned()
    }
}

/// Check one unit on its own (numbers, keys, names, length, merges), with
/// what it alone teaches: a name of the lexicon replaced or missing is found,
/// a name only a larger document would teach is not. One-sided units and
/// paragraphs set aside are judged with their neighbours by [`check`].
pub fn check_unit(unit: &CheckUnit) -> Vec<Finding> {
    rules::check_pair(unit, &Context::learn(std::slice::from_ref(unit)))
}

/// All findings for a set of units, in unit order: each unit (with the
/// [`Context`] learned from them all), the units without counterpart and the
/// paragraphs set aside with their neighbours, then across units.
pub fn check(units: &[CheckUnit], options: &CheckOptions) -> Vec<Finding> {
    let ctx = Context::learn(units);
    let coverage = coverage::check_coverage(units);
    let mut out: Vec<Finding> = units
        .iter()
        .enumerate()
        .flat_map(|(k, u)| {
            let explained = coverage.explained.contains(&k);
            rules::check_pair(u, &ctx).into_iter().filter(move |f| {
                // A merge made of an untranslated paragraph's original is
                // reported with it.
                !(explained
                    && matches!(
                        f.rule,
                        Rule::MergedParagraph | Rule::NumberKeyMismatch | Rule::LengthRatio
                    ))
            })
        })
        .collect();
    // A French side that is the English is one `untranslated` error, not
    // also each of its terms or its English punctuation.
    let untranslated: Vec<usize> = out
        .iter()
        .filter(|f| f.rule == Rule::Untranslated)
        .map(|f| f.unit)
        .collect();
    let mut optional = Vec::new();
    if let Some(g) = &options.glossary {
        optional.extend(glossary::term_missing(units, g));
    }
    if options.typography {
        optional.extend(typography::check_typography(units));
    }
    out.extend(
        optional
            .into_iter()
            .filter(|f| !untranslated.contains(&f.unit)),
    );
    out.extend(coverage.findings);
    out.sort_by_key(|f| f.unit);
    out.extend(check_consistency(units));
    out
}

/// The units of an alignment, ready to check: its units, and the paragraphs
/// it set aside for their language in their place among them.
pub fn units_of(alignment: &Alignment) -> Vec<CheckUnit> {
    let document = if alignment.en.document == alignment.fr.document {
        alignment.en.document.clone()
    } else {
        format!("{} + {}", alignment.en.document, alignment.fr.document)
    };
    let base = |en: Vec<Part>, fr: Vec<Part>, label: String| CheckUnit {
        document: document.clone(),
        en_document: alignment.en.document.clone(),
        fr_document: alignment.fr.document.clone(),
        unit: 0,
        label,
        en: joined(&en),
        fr: joined(&fr),
        en_parts: en,
        fr_parts: fr,
        aside: None,
        aligned: None,
    };
    let parts = |side: &Side, idx: &[usize]| -> Vec<Part> {
        idx.iter()
            .map(|&i| Part::of(&side.paragraphs[i], Some(i)))
            .collect()
    };
    let units: Vec<CheckUnit> = alignment
        .units
        .iter()
        .enumerate()
        .map(|(k, u)| {
            let (en, fr) = (parts(&alignment.en, &u.en), parts(&alignment.fr, &u.fr));
            let label = [label(&en, "EN"), label(&fr, "FR")]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" / ");
            CheckUnit {
                aligned: Some(k),
                ..base(en, fr, label)
            }
        })
        .collect();
    let mut units = alignment.interleave_aside(
        units,
        |k| k,
        |side, aside| {
            let part = vec![Part::of(&aside.paragraph, None)];
            let where_ = match side.lang {
                Lang::En => "in the English document",
                Lang::Fr => "in the French document",
            };
            let label = format!(
                "{} {where_}",
                aside.paragraph.printed_label().map_or_else(
                    || format!("line {}", aside.paragraph.lines.start),
                    |l| l.trim_end_matches(['.', ' ']).to_string()
                )
            );
            let (en, fr) = match side.lang {
                Lang::En => (part, Vec::new()),
                Lang::Fr => (Vec::new(), part),
            };
            CheckUnit {
                aside: Some(aside.language.clone()),
                ..base(en, fr, label)
            }
        },
    );
    for (k, u) in units.iter_mut().enumerate() {
        u.unit = k + 1;
    }
    units
}

fn joined(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `EN 3+4`: the printed labels (or `¶` positions) of a side's parts.
fn label(parts: &[Part], lang: &str) -> String {
    if parts.is_empty() {
        return String::new();
    }
    let nums: Vec<String> = parts
        .iter()
        .map(|p| p.label.clone().unwrap_or_else(|| format!("¶{}", p.index)))
        .collect();
    format!("{lang} {}", nums.join("+"))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn unit(en: &str, fr: &str) -> CheckUnit {
        CheckUnit::from_texts("d", 1, "EN 1 / FR 1", en, fr)
    }

    #[test]
    fn changed_year_is_one_error_with_marks() {
        let f = check_unit(&unit(
            "We recall that in 2024, Germany acted.",
            "Nous rappelons qu’en 2023, l’Allemagne a agi.",
        ));
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, Rule::NumberMismatch);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(
            f[0].message,
            "numbers differ: English only: 2024; French only: 2023"
        );
        assert!(f[0].en.contains("⟦2024⟧") && f[0].fr.contains("⟦2023⟧"));
    }

    #[test]
    fn missing_entity_is_a_warning() {
        let f = check_unit(&unit(
            "including in Romania and Estonia.",
            "notamment en Estonie.",
        ));
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            (f[0].rule, f[0].severity),
            (Rule::EntityMissing, Severity::Warning)
        );
        assert_eq!(
            f[0].message,
            "“Romania” in English, no “Roumanie” in French"
        );
        assert!(f[0].en.contains("⟦Romania⟧"));
    }

    #[test]
    fn key_mismatch() {
        let mut u = unit("text", "texte");
        u.en_parts[0].key = Some("4".into());
        u.fr_parts[0].key = Some("5".into());
        assert_eq!(check_unit(&u)[0].rule, Rule::NumberKeyMismatch);
    }

    #[test]
    fn fingerprints_ignore_position() {
        let mut a = unit("in 2024", "en 2023");
        let f1 = check_unit(&a)[0].fingerprint.clone();
        a.unit = 7;
        assert_eq!(check_unit(&a)[0].fingerprint, f1);
    }

    #[test]
    fn location_names_key_and_lines() {
        let mut u = unit("in 2024", "en 2023");
        u.en_document = "en.txt".into();
        u.fr_document = "fr.txt".into();
        u.en_parts[0].key = Some("Article 7 1 (a)".into());
        u.en_parts[0].lines = Some(12..15);
        u.fr_parts[0].lines = Some(13..14);
        let f = &check_unit(&u)[0];
        assert_eq!(
            f.location(),
            "key Article 7 1 (a), en.txt lines 12-14, fr.txt line 13"
        );
        assert_eq!((f.en_lines, f.fr_lines), (Some([12, 14]), Some([13, 13])));
        u.fr_document = "en.txt".into();
        let f = &check_unit(&u)[0];
        assert_eq!(
            f.location(),
            "key Article 7 1 (a), EN lines 12-14, FR line 13"
        );
        u.fr_parts[0].lines = Some(12..15);
        assert_eq!(
            check_unit(&u)[0].location(),
            "key Article 7 1 (a), lines 12-14"
        );
    }
}

//! Stage 6: consistency findings on aligned units.
//!
//! Input: two-language units (from an [`Alignment`], or from a translation
//! memory read by [`crate::import::tmx`]). Output: [`Finding`]s, each with a rule,
//! a severity, the unit and the offending text marked. Findings are results, not
//! errors. Rules and severities are documented in `docs/CHECKS.md`:
//!
//! | rule | severity | what |
//! |---|---|---|
//! | `number-mismatch` | error | a number or date on one side only, compared by value |
//! | `missing-counterpart` | error | a paragraph with no counterpart on the other side |
//! | `number-key-mismatch` | error | printed numbers that differ (EN 4 paired with FR 5) |
//! | `entity-missing` | warning | an acronym or name of the EN↔FR tables on one side only |
//! | `length-ratio` | warning | the French is far longer or shorter than usual |
//! | `inconsistent-translation` | warning | the same English translated differently |
//! | `inconsistent-source` | warning | the same French from different English |

pub mod numbers;

#[cfg(test)]
mod evaluation;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::align::{Alignment, dp::length_probability};
use crate::document::Lang;
use crate::hash::stable_hash;
use crate::lexicon;
use crate::text::normalize;

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
    /// A number or date on one side only.
    NumberMismatch,
    /// A paragraph with no counterpart.
    MissingCounterpart,
    /// Printed paragraph numbers that differ.
    NumberKeyMismatch,
    /// An entity of the EN↔FR tables on one side only.
    EntityMissing,
    /// An unusual length ratio.
    LengthRatio,
    /// The same English translated differently.
    InconsistentTranslation,
    /// The same French from different English.
    InconsistentSource,
}

impl Rule {
    /// Stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::NumberMismatch => "number-mismatch",
            Rule::MissingCounterpart => "missing-counterpart",
            Rule::NumberKeyMismatch => "number-key-mismatch",
            Rule::EntityMissing => "entity-missing",
            Rule::LengthRatio => "length-ratio",
            Rule::InconsistentTranslation => "inconsistent-translation",
            Rule::InconsistentSource => "inconsistent-source",
        }
    }

    /// The rule's severity.
    pub fn severity(self) -> Severity {
        match self {
            Rule::NumberMismatch | Rule::MissingCounterpart | Rule::NumberKeyMismatch => {
                Severity::Error
            }
            _ => Severity::Warning,
        }
    }
}

/// One unit to check: an English and a French text with where they come from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckUnit {
    /// The document (or memory) the unit comes from.
    pub document: String,
    /// 1-based position of the unit in its document or memory.
    pub unit: usize,
    /// A human label for the unit: paragraph numbers, indices or `tuid`.
    pub label: String,
    /// English text (empty when one-sided).
    pub en: String,
    /// French text (empty when one-sided).
    pub fr: String,
    /// Printed number keys on each side (for key mismatches).
    pub en_keys: Vec<String>,
    /// Printed number keys on the French side.
    pub fr_keys: Vec<String>,
}

/// A consistency problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// Its severity.
    pub severity: Severity,
    /// The document or memory.
    pub document: String,
    /// 1-based unit position.
    pub unit: usize,
    /// The unit's label (numbers, indices, tuid).
    pub label: String,
    /// What is wrong, in one line.
    pub message: String,
    /// The English text with the problem marked `⟦…⟧`.
    pub en: String,
    /// The French text with the problem marked `⟦…⟧`.
    pub fr: String,
    /// A fingerprint for baselines: the rule, the problem and the English text
    /// (the French when one-sided), independent of positions and of edits
    /// elsewhere in the French.
    pub fingerprint: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] unit {} ({}): {}",
            self.severity.as_str(),
            self.rule.as_str(),
            self.unit,
            self.label,
            self.message
        )
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
    let fingerprint = format!(
        "{:016x}",
        stable_hash(&[rule.as_str(), &normalize(anchor), detail])
    );
    Finding {
        rule,
        severity: rule.severity(),
        document: unit.document.clone(),
        unit: unit.unit,
        label: unit.label.clone(),
        message,
        en: mark(&unit.en, en_spans),
        fr: mark(&unit.fr, fr_spans),
        fingerprint,
    }
}

/// How `check` aligns: every pair the aligner finds is kept, however weak
/// (`split_below` 0): a reviser wants a replaced or damaged paragraph
/// reported by what differs in it, not as two paragraphs without
/// counterparts.
pub const ALIGN_OPTIONS: crate::align::AlignOptions = crate::align::AlignOptions {
    forced: Vec::new(),
    split_below: 0.0,
};

/// Whether a paragraph says nothing a translation must carry over on its
/// own: two words at most, no number and no name (`Now, therefore,` opening
/// the UDHR's proclamation, which the French folds into the next sentence).
fn contentless(text: &str) -> bool {
    text.split_whitespace().count() <= 2
        && !text.chars().any(|c| c.is_ascii_digit())
        && crate::lexicon::entities(text).is_empty()
}

/// Check one unit on its own (numbers, keys, entities, length, one-sidedness).
pub fn check_unit(unit: &CheckUnit) -> Vec<Finding> {
    let mut out = Vec::new();
    match (unit.en.trim().is_empty(), unit.fr.trim().is_empty()) {
        (true, true) => return out,
        // A connective with no counterpart is how translations differ, not a
        // paragraph left out.
        (false, true) if contentless(&unit.en) => return out,
        (true, false) if contentless(&unit.fr) => return out,
        (false, true) => {
            out.push(finding(
                unit,
                Rule::MissingCounterpart,
                "English paragraph with no French counterpart".into(),
                &[],
                &[],
                "",
            ));
            return out;
        }
        (true, false) => {
            out.push(finding(
                unit,
                Rule::MissingCounterpart,
                "French paragraph with no English counterpart".into(),
                &[],
                &[],
                "",
            ));
            return out;
        }
        _ => {}
    }
    let en_nums = numbers::numbers(&unit.en, Lang::En);
    let fr_nums = numbers::numbers(&unit.fr, Lang::Fr);
    let en_missing = numbers::unmatched(&en_nums, &fr_nums);
    let fr_missing = numbers::unmatched(&fr_nums, &en_nums);
    if !en_missing.is_empty() || !fr_missing.is_empty() {
        let list = |text: &str, ns: &[&numbers::Number]| {
            ns.iter()
                .map(|n| text[n.span.clone()].to_string())
                .collect::<Vec<_>>()
        };
        let (e, f) = (list(&unit.en, &en_missing), list(&unit.fr, &fr_missing));
        let mut parts = Vec::new();
        if !e.is_empty() {
            parts.push(format!("English only: {}", e.join(", ")));
        }
        if !f.is_empty() {
            parts.push(format!("French only: {}", f.join(", ")));
        }
        let spans = |ns: &[&numbers::Number]| ns.iter().map(|n| n.span.clone()).collect::<Vec<_>>();
        out.push(finding(
            unit,
            Rule::NumberMismatch,
            format!("numbers differ: {}", parts.join("; ")),
            &spans(&en_missing),
            &spans(&fr_missing),
            &format!("{e:?}{f:?}"),
        ));
    }
    if !unit.en_keys.is_empty() && !unit.fr_keys.is_empty() && unit.en_keys != unit.fr_keys {
        out.push(finding(
            unit,
            Rule::NumberKeyMismatch,
            format!(
                "printed numbers differ: English {} paired with French {}",
                unit.en_keys.join("+"),
                unit.fr_keys.join("+")
            ),
            &[],
            &[],
            "",
        ));
    }
    let en_ent: BTreeSet<lexicon::EntityId> = lexicon::entities(&unit.en).into_iter().collect();
    let fr_ent: BTreeSet<lexicon::EntityId> = lexicon::entities(&unit.fr).into_iter().collect();
    for id in en_ent.symmetric_difference(&fr_ent) {
        let (en_name, fr_name) = lexicon::names(*id);
        let (message, en_spans, fr_spans) = if en_ent.contains(id) {
            (
                format!("“{en_name}” in English, no “{fr_name}” in French"),
                find_all(&unit.en, en_name),
                vec![],
            )
        } else {
            (
                format!("“{fr_name}” in French, no “{en_name}” in English"),
                vec![],
                find_all(&unit.fr, fr_name),
            )
        };
        out.push(finding(
            unit,
            Rule::EntityMissing,
            message,
            &en_spans,
            &fr_spans,
            en_name,
        ));
    }
    let (le, lf) = (unit.en.chars().count(), unit.fr.chars().count());
    if le.min(lf) >= 40 && length_probability(le, lf) < 1e-4 {
        out.push(finding(
            unit,
            Rule::LengthRatio,
            format!(
                "French is {:.2} times the English length (usual: about 1.1)",
                lf as f64 / le as f64
            ),
            &[],
            &[],
            "",
        ));
    }
    out
}

fn find_all(text: &str, needle: &str) -> Vec<Range<usize>> {
    text.match_indices(needle)
        .map(|(i, m)| i..i + m.len())
        .collect()
}

/// Check units across each other: the same English translated differently,
/// the same French from different English (normalised for whitespace and
/// typography).
pub fn check_consistency(units: &[CheckUnit]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (rule, by_en) in [
        (Rule::InconsistentTranslation, true),
        (Rule::InconsistentSource, false),
    ] {
        let mut groups: BTreeMap<String, Vec<&CheckUnit>> = BTreeMap::new();
        for u in units
            .iter()
            .filter(|u| !u.en.trim().is_empty() && !u.fr.trim().is_empty())
        {
            let key = normalize(if by_en { &u.en } else { &u.fr });
            groups.entry(key).or_default().push(u);
        }
        for group in groups.values() {
            let mut variants: Vec<(String, &CheckUnit)> = Vec::new();
            for u in group {
                let other = normalize(if by_en { &u.fr } else { &u.en });
                if !variants.iter().any(|(v, _)| *v == other) {
                    variants.push((other, u));
                }
            }
            if variants.len() < 2 {
                continue;
            }
            let first = variants[0].1;
            let others: Vec<String> = variants[1..]
                .iter()
                .map(|(_, u)| format!("unit {} ({})", u.unit, u.label))
                .collect();
            let message = if by_en {
                format!(
                    "the same English is translated {} ways; also in {}",
                    variants.len(),
                    others.join(", ")
                )
            } else {
                format!(
                    "the same French translates {} different English texts; also in {}",
                    variants.len(),
                    others.join(", ")
                )
            };
            let detail: Vec<&str> = variants.iter().map(|(v, _)| v.as_str()).collect();
            out.push(finding(
                first,
                rule,
                message,
                &[],
                &[],
                &detail.join("\u{1}"),
            ));
        }
    }
    out
}

/// The units of an alignment, ready to check.
pub fn units_of(alignment: &Alignment) -> Vec<CheckUnit> {
    let document = if alignment.en.document == alignment.fr.document {
        alignment.en.document.clone()
    } else {
        format!("{} + {}", alignment.en.document, alignment.fr.document)
    };
    alignment
        .units
        .iter()
        .enumerate()
        .map(|(k, u)| {
            let keys = |side: &crate::align::Side, idx: &[usize]| -> Vec<String> {
                idx.iter()
                    .filter_map(|&i| side.paragraphs[i].key.as_ref().map(|k| k.0.clone()))
                    .collect()
            };
            let label = |side: &crate::align::Side, idx: &[usize], lang: &str| -> String {
                if idx.is_empty() {
                    return String::new();
                }
                let nums: Vec<String> = idx
                    .iter()
                    .map(|&i| {
                        side.paragraphs[i]
                            .label
                            .clone()
                            .unwrap_or_else(|| format!("¶{}", i + 1))
                    })
                    .collect();
                format!("{lang} {}", nums.join("+"))
            };
            let labels: Vec<String> = [
                label(&alignment.en, &u.en, "EN"),
                label(&alignment.fr, &u.fr, "FR"),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
            CheckUnit {
                document: document.clone(),
                unit: k + 1,
                label: labels.join(" / "),
                en: alignment.text(u, Lang::En),
                fr: alignment.text(u, Lang::Fr),
                en_keys: keys(&alignment.en, &u.en),
                fr_keys: keys(&alignment.fr, &u.fr),
            }
        })
        .collect()
}

/// All findings for a set of units: each unit, then across units.
pub fn check(units: &[CheckUnit]) -> Vec<Finding> {
    let mut out: Vec<Finding> = units.iter().flat_map(check_unit).collect();
    out.extend(check_consistency(units));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(en: &str, fr: &str) -> CheckUnit {
        CheckUnit {
            document: "d".into(),
            unit: 1,
            label: "EN 1 / FR 1".into(),
            en: en.into(),
            fr: fr.into(),
            en_keys: vec![],
            fr_keys: vec![],
        }
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
    fn key_mismatch_and_one_sided() {
        let mut u = unit("text", "texte");
        u.en_keys = vec!["4".into()];
        u.fr_keys = vec!["5".into()];
        assert_eq!(check_unit(&u)[0].rule, Rule::NumberKeyMismatch);
        assert_eq!(
            check_unit(&unit("Only this paragraph in English.", ""))[0].rule,
            Rule::MissingCounterpart
        );
        // A connective with no counterpart is no finding; a short line with
        // a number is.
        assert!(check_unit(&unit("Now, therefore,", "")).is_empty());
        assert_eq!(
            check_unit(&unit("", "Article 5"))[0].rule,
            Rule::MissingCounterpart
        );
    }

    #[test]
    fn inconsistent_translations_across_units() {
        let mut a = unit("The Council decides.", "Le Conseil décide.");
        let mut b = unit("The  Council decides.", "Le Conseil tranche.");
        let c = unit("The Council decides.", "Le Conseil décide.");
        a.unit = 1;
        b.unit = 2;
        let f = check_consistency(&[a, b, c]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, Rule::InconsistentTranslation);
        assert!(f[0].message.contains("2 ways"));
    }

    #[test]
    fn fingerprints_ignore_position() {
        let mut a = unit("in 2024", "en 2023");
        let f1 = check_unit(&a)[0].fingerprint.clone();
        a.unit = 7;
        assert_eq!(check_unit(&a)[0].fingerprint, f1);
    }
}

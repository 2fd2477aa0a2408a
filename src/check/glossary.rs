//! Rule `term-missing`: a glossary's English term in a unit's English, and
//! none of its French equivalents in the unit's French.
//!
//! Input: the units and a [`Glossary`]. Output: one finding per term
//! missing in a unit, with the glossary entry's severity and note, the
//! English term marked. Two-sided units only (a one-sided unit is already a
//! `missing-counterpart`). An occurrence inside a longer glossary term found
//! there (`North Atlantic Treaty` inside `North Atlantic Treaty
//! Organisation`) is the longer term's: one missing translation is one
//! finding.

use std::collections::BTreeMap;

use super::{CheckUnit, Finding, Rule, finding};
use crate::document::Lang;
use crate::glossary::{Glossary, Hit};

/// The `term-missing` findings of every two-sided unit, in unit order.
pub(super) fn term_missing(units: &[CheckUnit], glossary: &Glossary) -> Vec<Finding> {
    units
        .iter()
        .filter(|u| u.aside.is_none() && !u.en.trim().is_empty() && !u.fr.trim().is_empty())
        .flat_map(|u| unit_findings(u, glossary))
        .collect()
}

/// Whether `hit` lies inside a longer hit of another entry.
fn inside_longer(hit: &Hit, hits: &[Hit]) -> bool {
    hits.iter().any(|h| {
        h.entry != hit.entry
            && h.span.start <= hit.span.start
            && hit.span.end <= h.span.end
            && h.span.len() > hit.span.len()
    })
}

fn unit_findings(unit: &CheckUnit, glossary: &Glossary) -> Vec<Finding> {
    let hits = glossary.find(&unit.en, Lang::En);
    if hits.is_empty() {
        return Vec::new();
    }
    let mut by_entry: BTreeMap<usize, Vec<std::ops::Range<usize>>> = BTreeMap::new();
    for h in hits.iter().filter(|h| !inside_longer(h, &hits)) {
        by_entry.entry(h.entry).or_default().push(h.span.clone());
    }
    let found_fr = glossary.entries_in(&unit.fr, Lang::Fr);
    by_entry
        .into_iter()
        .filter(|(entry, _)| found_fr.binary_search(entry).is_err())
        .map(|(k, spans)| {
            let e = &glossary.entries()[k];
            let expected =
                e.fr.iter()
                    .map(|f| format!("“{f}”"))
                    .collect::<Vec<_>>()
                    .join(" or ");
            let mut message = format!("glossary: “{}” → {expected} expected, not found", e.en);
            if let Some(note) = &e.note {
                message.push_str(&format!(" ({note})"));
            }
            let detail = format!("{}\u{1f}{}", e.en, e.fr.join("|"));
            let mut f = finding(unit, Rule::TermMissing, message, &spans, &[], &detail);
            f.severity = e.severity;
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::unit;
    use super::*;
    use crate::check::Severity;

    fn glossary(csv: &str) -> Glossary {
        Glossary::parse(csv.as_bytes()).unwrap()
    }

    #[test]
    fn a_missing_term_is_one_finding_with_the_glossary_severity_and_note() {
        let g = glossary(
            "en,fr,severity,note\nNorth Atlantic Council,Conseil de l’Atlantique Nord,error,the full name\nNATO,OTAN\n",
        );
        let u = unit(
            "The North Atlantic Council of NATO met. The North Atlantic Council decided.",
            "Le Conseil atlantique de l'OTAN s’est réuni. Il a décidé.",
        );
        let f = term_missing(std::slice::from_ref(&u), &g);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, Rule::TermMissing);
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(
            f[0].message,
            "glossary: “North Atlantic Council” → “Conseil de l’Atlantique Nord” expected, not found (the full name)"
        );
        assert_eq!(
            f[0].en,
            "The ⟦North Atlantic Council⟧ of NATO met. The ⟦North Atlantic Council⟧ decided."
        );
        // Found with a straight apostrophe and a no-break space: no finding.
        let u = unit(
            "The North Atlantic Council met.",
            "Le Conseil de l'Atlantique\u{a0}Nord s’est réuni.",
        );
        assert!(term_missing(&[u], &g).is_empty());
    }

    #[test]
    fn the_default_severity_is_warning_and_fingerprints_are_stable() {
        let g = glossary("Council,Conseil\n");
        let mut u = unit("The Council decides.", "Le Comité décide.");
        let f = term_missing(std::slice::from_ref(&u), &g);
        assert_eq!(f[0].severity, Severity::Warning);
        u.unit = 9;
        u.fr = "Le Comité, enfin, décide.".into();
        assert_eq!(term_missing(&[u], &g)[0].fingerprint, f[0].fingerprint);
    }

    #[test]
    fn a_term_inside_a_longer_one_is_the_longer_ones() {
        let g = glossary(
            "North Atlantic Treaty,Traité de l’Atlantique Nord\nNorth Atlantic Treaty Organisation,OTAN|Organisation du Traité de l’Atlantique Nord\n",
        );
        let u = unit(
            "The North Atlantic Treaty Organisation shall possess juridical personality.",
            "L’OTAN possède la personnalité juridique.",
        );
        assert!(term_missing(std::slice::from_ref(&u), &g).is_empty());
        let u = unit(
            "The North Atlantic Treaty Organisation shall possess juridical personality.",
            "L’Organisation possède la personnalité juridique.",
        );
        let f = term_missing(&[u], &g);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].message
                .starts_with("glossary: “North Atlantic Treaty Organisation”")
        );
    }

    #[test]
    fn one_sided_units_are_not_judged() {
        let g = glossary("Council,Conseil\n");
        assert!(term_missing(&[unit("The Council decides.", "")], &g).is_empty());
    }

    #[test]
    fn an_untranslated_unit_is_one_error_not_its_terms() {
        let g = std::sync::Arc::new(glossary("Council,Conseil\nstaff,personnel\n"));
        let english = "The Council and the staff shall meet: every year.";
        let options = crate::check::CheckOptions {
            glossary: Some(g),
            typography: true,
        };
        let f = crate::check::check(&[unit(english, english)], &options);
        let rules: Vec<Rule> = f.iter().map(|f| f.rule).collect();
        assert_eq!(rules, [Rule::Untranslated]);
    }
}

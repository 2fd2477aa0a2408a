//! Rules across units: the same English translated differently, the same
//! French from different English.

use std::collections::BTreeMap;

use super::{CheckUnit, Rule, finding};
use crate::check::Finding;
use crate::text::normalize;

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

#[cfg(test)]
mod tests {
    use super::super::tests::unit;
    use super::*;

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
}

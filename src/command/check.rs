//! `natalign check`: consistency findings on an English and a French document
//! (either order), a mixed document, or a translation memory (TMX).
//!
//! Findings already accepted in a baseline file are reported as accepted and
//! never fail the run, so a team's CI fails only on new ones.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::align::{AlignOptions, align};
use crate::check::{self, CheckUnit, Finding, Severity};
use crate::config::{CheckConfig, FailOn};
use crate::error::{Error, InputProblem, Result};
use crate::glossary::Glossary;
use crate::import;
use crate::io::{read_input, write_to};
use crate::pipeline::{load, sides};

/// The result of a check run.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// New findings (not in the baseline).
    pub findings: Vec<Finding>,
    /// Findings the baseline accepts.
    pub accepted: Vec<Finding>,
    /// Units checked.
    pub units: usize,
    /// Whether a new finding reaches the failing severity (exit code 1).
    pub failed: bool,
}

/// A baseline file: the fingerprints of accepted findings.
#[derive(Debug, Serialize, Deserialize)]
struct Baseline {
    natalign_baseline: u32,
    findings: Vec<BaselineEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct BaselineEntry {
    fingerprint: String,
    rule: String,
    document: String,
    message: String,
    /// The problem and the normalised text the finding is anchored to, so
    /// the finding stays accepted when its text is edited elsewhere (absent
    /// from baselines written before; those match by fingerprint only).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    detail: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    text: String,
}

/// The units of a memory file.
fn memory_units(path: &Path, bytes: &[u8]) -> Result<Vec<CheckUnit>> {
    let name = path.display().to_string();
    let units = import::tmx::read(bytes)
        .map_err(|e| Error::input(path, InputProblem::BadTmx(e.to_string())))?;
    Ok(units
        .iter()
        .enumerate()
        .map(|(k, u)| {
            let label = match &u.tuid {
                Some(id) => format!("tuid {id}"),
                None => format!("tu {}", k + 1),
            };
            let (en, fr) = (
                u.text("en").unwrap_or_default(),
                u.text("fr").unwrap_or_default(),
            );
            let mut unit = CheckUnit::from_texts(&name, k + 1, &label, en, fr);
            for part in unit.en_parts.iter_mut().chain(&mut unit.fr_parts) {
                part.lines = Some(u.line..u.line + 1);
            }
            unit
        })
        .collect())
}

/// Run `check`, printing its report (readable, or JSON) on standard output
/// unless `quiet`.
///
/// # Errors
/// Input errors (including a bad baseline, glossary or TMX), output errors.
pub fn run(config: &CheckConfig) -> Result<CheckReport> {
    let glossary = match &config.glossary {
        Some(path) => Some(Arc::new(Glossary::load(path)?)),
        None => None,
    };
    // The glossary's terms help pair paragraphs before they are checked.
    let align_options = AlignOptions {
        glossary: glossary.clone(),
        ..check::ALIGN_OPTIONS
    };
    let units = match config.inputs.as_slice() {
        [one] => {
            let bytes = read_input(one)?;
            if import::tmx::is_tmx(&one.display().to_string(), &bytes) {
                memory_units(one, &bytes)?
            } else {
                let doc = load(&one.display().to_string(), &bytes)?;
                let (en, fr) = sides(std::slice::from_ref(&doc))?;
                check::units_of(&align(en, fr, &align_options))
            }
        }
        paths => {
            let docs = paths
                .iter()
                .map(|p| load(&p.display().to_string(), &read_input(p)?))
                .collect::<Result<Vec<_>>>()?;
            let (en, fr) = sides(&docs)?;
            check::units_of(&align(en, fr, &align_options))
        }
    };
    let options = check::CheckOptions {
        glossary,
        typography: config.typography,
    };
    let all = check::check(&units, &options);
    let baseline: Vec<BaselineEntry> = match &config.baseline {
        Some(path) => {
            let bytes = read_input(path)?;
            let baseline: Baseline = serde_json::from_slice(&bytes)
                .map_err(|e| Error::input(path, InputProblem::BadBaseline(e.to_string())))?;
            baseline.findings
        }
        None => Vec::new(),
    };
    let prints: BTreeSet<&str> = baseline.iter().map(|e| e.fingerprint.as_str()).collect();
    let (accepted, findings): (Vec<Finding>, Vec<Finding>) = all.into_iter().partition(|f| {
        prints.contains(f.fingerprint.as_str())
            || baseline
                .iter()
                .any(|e| f.same_problem(&e.rule, &e.detail, &e.text))
    });
    if let Some(path) = &config.write_baseline {
        let baseline = Baseline {
            natalign_baseline: 1,
            findings: findings
                .iter()
                .chain(&accepted)
                .map(|f| BaselineEntry {
                    fingerprint: f.fingerprint.clone(),
                    rule: f.rule.as_str().to_string(),
                    document: f.document.clone(),
                    message: f.message.clone(),
                    detail: f.basis().1.to_string(),
                    text: f.basis().0.to_string(),
                })
                .collect(),
        };
        write_to(Some(path), &config.inputs, |w| {
            serde_json::to_writer_pretty(&mut *w, &baseline)?;
            writeln!(w)
        })?;
    }
    // Writing a baseline records the findings; it does not judge them.
    let failed = match config.fail_on {
        _ if config.write_baseline.is_some() => false,
        FailOn::Never => false,
        FailOn::Warning => !findings.is_empty(),
        FailOn::Error => findings.iter().any(|f| f.severity == Severity::Error),
    };
    let report = CheckReport {
        findings,
        accepted,
        units: units.len(),
        failed,
    };
    if config.quiet {
        return Ok(report);
    }
    write_to(None, &[], |w| {
        if config.json {
            serde_json::to_writer_pretty(&mut *w, &report)?;
            writeln!(w)
        } else {
            write_report(&report, w)
        }
    })?;
    Ok(report)
}

/// A window of `text` around its first `⟦…⟧` mark, at most about `width`
/// characters, for the readable report.
fn excerpt(text: &str, width: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= width {
        return text.to_string();
    }
    let at = chars.iter().position(|&c| c == '⟦').unwrap_or(0);
    let start = at.saturating_sub(width / 3);
    let end = (start + width).min(chars.len());
    let mut out: String = chars[start..end].iter().collect();
    if start > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// Write the readable report, grouped by document and unit.
///
/// # Errors
/// I/O errors of `w`.
pub fn write_report(report: &CheckReport, w: &mut dyn Write) -> std::io::Result<()> {
    let mut last: Option<(&str, usize)> = None;
    for f in &report.findings {
        if last.map(|(d, _)| d) != Some(f.document.as_str()) {
            writeln!(w, "{}", f.document)?;
        }
        if last != Some((f.document.as_str(), f.unit)) {
            write!(w, "  unit {}", f.unit)?;
            if let Some(through) = f.through {
                write!(w, "-{through}")?;
            }
            write!(w, " ({})", f.label)?;
            let at = f.location();
            if !at.is_empty() {
                write!(w, " · {at}")?;
            }
            writeln!(w)?;
        }
        last = Some((f.document.as_str(), f.unit));
        writeln!(
            w,
            "    {}[{}]: {}",
            f.severity.as_str(),
            f.rule.as_str(),
            f.message
        )?;
        if !f.en.is_empty() {
            writeln!(w, "      en: {}", excerpt(&f.en, 160))?;
        }
        if !f.fr.is_empty() {
            writeln!(w, "      fr: {}", excerpt(&f.fr, 160))?;
        }
    }
    let errors = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = report.findings.len() - errors;
    write!(
        w,
        "natalign check: {} units, {errors} errors, {warnings} warnings",
        report.units
    )?;
    if !report.accepted.is_empty() {
        write!(w, " ({} accepted by the baseline)", report.accepted.len())?;
    }
    writeln!(w)
}

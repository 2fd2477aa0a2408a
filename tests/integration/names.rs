//! `natalign check` and names: a name replaced in the French is one
//! `name-mismatch` error, a name removed one `entity-missing` warning, each
//! the only finding a baseline of the clean pair does not accept.

use std::path::Path;

use crate::util::*;

/// The findings of `check --json ARGS`, as (severity, rule, message), and
/// the exit code.
fn findings(args: &[&dyn AsRef<std::ffi::OsStr>]) -> (Option<i32>, Vec<(String, String, String)>) {
    let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"check", &"--json"];
    all.extend_from_slice(args);
    let res = run(&all);
    let json: serde_json::Value =
        serde_json::from_slice(&res.stdout).unwrap_or_else(|_| panic!("{}", stderr(&res)));
    let list = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            (s("severity"), s("rule"), s("message"))
        })
        .collect();
    (res.status.code(), list)
}

/// A corpus pair's French with `from` replaced by `to`, checked against a
/// baseline of the clean pair.
fn damaged(
    dir: &Path,
    pair: &str,
    from: &str,
    to: &str,
) -> (Option<i32>, Vec<(String, String, String)>) {
    let pair = corpus(pair);
    let (en, fr) = (pair.join("en.txt"), pair.join("fr.txt"));
    let baseline = dir.join("baseline.json");
    let res = run(&[&"check", &en, &fr, &"--write-baseline", &baseline]);
    assert_eq!(res.status.code(), Some(0), "{}", stdout(&res));
    let text = std::fs::read_to_string(&fr).unwrap();
    assert!(text.contains(from), "{from}");
    let path = dir.join("fr.txt");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    findings(&[&en, &path, &"--baseline", &baseline])
}

fn one(severity: &str, rule: &str, message: &str) -> Vec<(String, String, String)> {
    vec![(severity.into(), rule.into(), message.into())]
}

#[test]
fn a_lexicon_name_replaced_in_the_corpus_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let (code, f) = damaged(
        dir.path(),
        "nato-ottawa-agreement-1951",
        "Fait à Ottawa",
        "Fait à Oslo",
    );
    assert_eq!(
        f,
        one(
            "error",
            "name-mismatch",
            "“Ottawa” in English, “Oslo” in French"
        )
    );
    assert_eq!(code, Some(1), "an error fails the run");
    let (_, f) = damaged(
        dir.path(),
        "nato-paris-protocol-1952",
        "Fait à Paris",
        "Fait à Londres",
    );
    assert_eq!(
        f,
        one(
            "error",
            "name-mismatch",
            "“Paris” in English, “Londres” in French"
        )
    );
}

#[test]
fn a_learned_name_replaced_in_the_corpus_is_one_error() {
    // "Declaration" stands in both languages (Déclaration) wherever the
    // UDHR names itself: the pair teaches it.
    let dir = tempfile::tempdir().unwrap();
    let (code, f) = damaged(
        dir.path(),
        "un-udhr-1948",
        "Aucune disposition de la présente Déclaration",
        "Aucune disposition du présent Pacte",
    );
    assert_eq!(
        f,
        one(
            "error",
            "name-mismatch",
            "“Declaration” in English, “Pacte” in French"
        )
    );
    assert_eq!(code, Some(1));
}

#[test]
fn a_name_removed_from_the_corpus_is_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (code, f) = damaged(
        dir.path(),
        "nato-ottawa-agreement-1951",
        "Fait à Ottawa, le",
        "Fait le",
    );
    assert_eq!(
        f,
        one(
            "warning",
            "entity-missing",
            "“Ottawa” in English, no “Ottawa” in French"
        )
    );
    assert_eq!(code, Some(0), "warnings do not fail by default");
    let (_, f) = damaged(
        dir.path(),
        "un-udhr-1948",
        "énoncés dans la présente Déclaration puissent",
        "énoncés ici puissent",
    );
    assert_eq!(
        f,
        one(
            "warning",
            "entity-missing",
            "“Declaration” in English, no “Declaration” in French"
        )
    );
}

#[test]
fn demonyms_and_spelled_out_acronyms_in_seed_001_are_no_findings() {
    // Seed 001 says "Russian malicious cyber activities" / "cybermalveillance
    // de la Russie" and "IT capability coalition" / "coalition
    // Informatique": only "several NATO Allies" / "plusieurs Alliés" is left.
    let (code, f) = findings(&[&sample("001")]);
    assert_eq!(
        f,
        one(
            "warning",
            "entity-missing",
            "“NATO” in English, no “OTAN” in French"
        )
    );
    assert_eq!(code, Some(0));
}

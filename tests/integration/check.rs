//! `natalign check`: findings, exit codes, baselines, memories.

use std::path::{Path, PathBuf};

use crate::util::*;

fn seed_001_text() -> String {
    std::fs::read_to_string(sample("001")).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// The findings of a check run, as (severity, rule, message).
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
            (
                f["severity"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (res.status.code(), list)
}

#[test]
fn clean_inputs_have_no_errors() {
    let (code, f) = findings(&[&sample("001")]);
    assert_eq!(code, Some(0));
    assert!(f.iter().all(|(sev, _, _)| sev == "warning"), "{f:?}");
    for name in CORPUS {
        let pair = corpus(name);
        let (code, f) = findings(&[&pair.join("en.txt"), &pair.join("fr.txt")]);
        assert_eq!(code, Some(0), "{name}: {f:?}");
        assert!(f.is_empty(), "{name}: {f:?}");
    }
}

/// Findings of a damaged run that the clean run does not have.
fn new_findings(
    clean: &[(String, String, String)],
    damaged: Vec<(String, String, String)>,
) -> Vec<(String, String, String)> {
    damaged.into_iter().filter(|f| !clean.contains(f)).collect()
}

#[test]
fn changed_year_is_one_error_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let (_, clean) = findings(&[&sample("001")]);
    let damaged = seed_001_text().replacen("quâen 2024", "quâen 2023", 1);
    assert_ne!(damaged, seed_001_text());
    let path = write(dir.path(), "001-2023.txt", &damaged);
    let (code, f) = findings(&[&path]);
    let new = new_findings(&clean, f);
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(new[0].1, "number-mismatch");
    assert_eq!(
        new[0].2,
        "numbers differ: English only: 2024; French only: 2023"
    );
    assert_eq!(code, Some(1), "an error fails the run");
}

#[test]
fn removed_country_is_one_warning_and_passes() {
    let dir = tempfile::tempdir().unwrap();
    let (_, clean) = findings(&[&sample("001")]);
    let damaged = seed_001_text().replacen(", notamment en Roumanie", "", 1);
    assert_ne!(damaged, seed_001_text());
    let path = write(dir.path(), "001-no-romania.txt", &damaged);
    let (code, f) = findings(&[&path]);
    let new = new_findings(&clean, f);
    assert_eq!(
        new,
        [(
            "warning".to_string(),
            "entity-missing".to_string(),
            "“Romania” in English, no “Roumanie” in French".to_string()
        )]
    );
    assert_eq!(code, Some(0), "warnings do not fail by default");
    let res = run(&[&"check", &path, &"--fail-on", &"warning"]);
    assert_eq!(res.status.code(), Some(1));
}

#[test]
fn deleted_french_paragraph_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let (_, clean) = findings(&[&sample("001")]);
    let text = seed_001_text();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("4. Nous restons"))
        .collect();
    let path = write(dir.path(), "001-no-fr-4.txt", &(lines.join("\n") + "\n"));
    let (code, f) = findings(&[&path]);
    let new = new_findings(&clean, f);
    assert_eq!(new.len(), 1, "{new:?}");
    assert_eq!(new[0].1, "missing-counterpart");
    assert_eq!(new[0].2, "English paragraph with no French counterpart");
    assert_eq!(code, Some(1));
}

#[test]
fn dropped_number_in_a_corpus_article_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let pair = corpus("nato-paris-protocol-1952");
    let fr = std::fs::read_to_string(pair.join("fr.txt")).unwrap();
    let damaged = fr.replacen("19 juin 1951", "19 juin", 1);
    assert_ne!(damaged, fr);
    let path = write(dir.path(), "fr.txt", &damaged);
    let (code, f) = findings(&[&pair.join("en.txt"), &path]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1, "number-mismatch");
    assert_eq!(f[0].2, "numbers differ: English only: 1951");
    assert_eq!(code, Some(1));
}

#[test]
fn memory_with_one_english_unit_translated_two_ways() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = write(
        dir.path(),
        "memory.tmx",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>
<tu tuid="a"><tuv xml:lang="en"><seg>The Council shall decide.</seg></tuv><tuv xml:lang="fr"><seg>Le Conseil décide.</seg></tuv></tu>
<tu tuid="b"><tuv xml:lang="en"><seg>NATO stands united.</seg></tuv><tuv xml:lang="fr-FR"><seg>L’OTAN reste unie.</seg></tuv></tu>
<tu tuid="c"><tuv xml:lang="en-GB"><seg>The  Council shall decide.</seg></tuv><tuv xml:lang="fr"><seg>Le Conseil tranche.</seg></tuv></tu>
</body></tmx>"#,
    );
    let (code, f) = findings(&[&tmx]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1, "inconsistent-translation");
    assert!(f[0].2.contains("translated 2 ways"), "{f:?}");
    assert_eq!(code, Some(0));
    let res = run(&[&"check", &tmx]);
    let out = stdout(&res);
    assert!(
        out.contains(
            "memory.tmx\n  unit 1 (tuid a) · line 3\n    warning[inconsistent-translation]"
        ),
        "{out}"
    );
}

#[test]
fn baseline_accepts_known_findings_only() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let res = run(&[&"check", &sample("001"), &"--write-baseline", &baseline]);
    assert_eq!(res.status.code(), Some(0));
    let res = run(&[
        &"check",
        &sample("001"),
        &"--baseline",
        &baseline,
        &"--fail-on",
        &"warning",
    ]);
    assert_eq!(res.status.code(), Some(0), "{}", stdout(&res));
    assert!(
        stdout(&res).contains("0 errors, 0 warnings (1 accepted by the baseline)"),
        "{}",
        stdout(&res)
    );
    // A new problem still fails.
    let damaged = write(
        dir.path(),
        "001.txt",
        &seed_001_text().replacen("quâen 2024", "quâen 2023", 1),
    );
    let res = run(&[&"check", &damaged, &"--baseline", &baseline]);
    assert_eq!(res.status.code(), Some(1));
    assert!(
        stdout(&res).contains("1 errors, 0 warnings (1 accepted by the baseline)"),
        "{}",
        stdout(&res)
    );
}

#[test]
fn bad_memory_and_bad_baseline_are_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = write(
        dir.path(),
        "broken.tmx",
        "<tmx version=\"1.4\"><body>\n<tu><tuv xml:lang=\"en\"><seg>x</tuv></tu></body></tmx>",
    );
    let res = run(&[&"check", &tmx]);
    assert_eq!(res.status.code(), Some(3));
    assert!(
        stderr(&res).contains("broken.tmx: invalid TMX: line 2, column"),
        "{}",
        stderr(&res)
    );
    let bomb = write(
        dir.path(),
        "bomb.tmx",
        "<?xml version=\"1.0\"?><!DOCTYPE tmx [<!ENTITY a \"aaaa\">]><tmx version=\"1.4\"><body/></tmx>",
    );
    let res = run(&[&"check", &bomb]);
    assert_eq!(res.status.code(), Some(3));
    assert!(stderr(&res).contains("refuses entity expansion"));
    let baseline = write(dir.path(), "baseline.json", "not json");
    let res = run(&[&"check", &sample("001"), &"--baseline", &baseline]);
    assert_eq!(res.status.code(), Some(3));
    assert!(stderr(&res).contains("baseline.json: bad baseline file"));
}

#[test]
fn quiet_prints_nothing_and_the_exit_code_says_it() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = seed_001_text().replacen("quâen 2024", "quâen 2023", 1);
    let path = write(dir.path(), "001-2023.txt", &damaged);
    let res = run(&[&"check", &path, &"--quiet"]);
    assert_eq!(res.status.code(), Some(1));
    assert!(
        res.stdout.is_empty() && res.stderr.is_empty(),
        "{}",
        stdout(&res)
    );
    let res = run(&[&"check", &sample("001"), &"-q"]);
    assert_eq!(res.status.code(), Some(0));
    assert!(res.stdout.is_empty());
}

#[test]
fn writing_a_baseline_records_and_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = seed_001_text().replacen("quâen 2024", "quâen 2023", 1);
    let path = write(dir.path(), "001-2023.txt", &damaged);
    let baseline = dir.path().join("baseline.json");
    let res = run(&[&"check", &path, &"--write-baseline", &baseline]);
    assert_eq!(res.status.code(), Some(0), "{}", stdout(&res));
    assert!(
        stdout(&res).contains("1 errors"),
        "the report still shows them"
    );
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&baseline).unwrap()).unwrap();
    let rules: Vec<&str> = written["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"number-mismatch"), "{rules:?}");
    // Judged against it, the same text passes; without it, it fails.
    let res = run(&[&"check", &path, &"--baseline", &baseline]);
    assert_eq!(res.status.code(), Some(0));
    let res = run(&[&"check", &path]);
    assert_eq!(res.status.code(), Some(1));
}

#[test]
fn a_memory_beside_a_text_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("memory.tmx");
    let res = run(&[&"align", &sample("001"), &"-o", &tmx]);
    assert!(res.status.success());
    let res = run(&[&"check", &tmx, &sample("000")]);
    assert_eq!(res.status.code(), Some(3));
    assert_eq!(
        stderr(&res).trim(),
        format!(
            "natalign: {}: is a TMX translation memory, not a text document (to check a memory, give it alone: natalign check FILE.tmx)",
            tmx.display()
        )
    );
    // Alone, it is checked as a memory.
    let res = run(&[&"check", &tmx]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
}

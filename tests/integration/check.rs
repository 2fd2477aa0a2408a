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
fn changed_month_day_or_year_in_a_corpus_date_is_one_date_mismatch() {
    let dir = tempfile::tempdir().unwrap();
    let pair = corpus("nato-ottawa-agreement-1951");
    let fr = std::fs::read_to_string(pair.join("fr.txt")).unwrap();
    for (from, to, message) in [
        (
            "septembre 1951",
            "octobre 1951",
            "dates differ: English September, 1951, French octobre 1951 (month)",
        ),
        (
            "septembre 1951",
            "septembre 1952",
            "dates differ: English September, 1951, French septembre 1952 (year)",
        ),
    ] {
        let damaged = fr.replacen(from, to, 1);
        assert_ne!(damaged, fr);
        let path = write(dir.path(), "fr.txt", &damaged);
        let (code, f) = findings(&[&pair.join("en.txt"), &path]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].1.as_str(), f[0].2.as_str()),
            ("date-mismatch", message)
        );
        assert_eq!(code, Some(1));
    }
    // The day is spelled on both sides: a number word each.
    let damaged = fr.replacen("vingtième jour", "vingt et unième jour", 1);
    let path = write(dir.path(), "fr.txt", &damaged);
    let (_, f) = findings(&[&pair.join("en.txt"), &path]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        f[0].2,
        "numbers differ: English only: twentieth; French only: vingt et unième"
    );
    let pair = corpus("nato-paris-protocol-1952");
    let fr = std::fs::read_to_string(pair.join("fr.txt")).unwrap();
    let damaged = fr.replacen("le 19 juin 1951", "le 18 juin 1951", 1);
    let path = write(dir.path(), "fr.txt", &damaged);
    let (_, f) = findings(&[&pair.join("en.txt"), &path]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        f[0].2,
        "dates differ: English 19th June, 1951, French 18 juin 1951 (day)"
    );
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

/// The blank-line separated blocks of a corpus text, and the gold pairing
/// of English block numbers to French ones (1-based; `None`: no
/// counterpart).
/// English blocks, French blocks, gold pairs.
type Blocks = (Vec<String>, Vec<String>, Vec<(usize, Option<usize>)>);

fn corpus_blocks(name: &str) -> Blocks {
    let pair = corpus(name);
    let read = |f: &str| -> Vec<String> {
        std::fs::read_to_string(pair.join(f))
            .unwrap()
            .split("\n\n")
            .map(String::from)
            .collect()
    };
    let gold = std::fs::read_to_string(pair.join("gold_blocks.tsv"))
        .unwrap()
        .lines()
        .filter_map(|l| {
            let (e, f) = l.split_once('\t')?;
            Some((e.parse().ok()?, f.parse().ok()))
        })
        .collect();
    (read("en.txt"), read("fr.txt"), gold)
}

/// The full findings of a check run, as JSON.
fn json_findings(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<serde_json::Value> {
    let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"check", &"--json"];
    all.extend_from_slice(args);
    let res = run(&all);
    let json: serde_json::Value =
        serde_json::from_slice(&res.stdout).unwrap_or_else(|_| panic!("{}", stderr(&res)));
    json["findings"].as_array().unwrap().clone()
}

#[test]
fn english_pasted_into_the_french_is_one_untranslated_error() {
    let dir = tempfile::tempdir().unwrap();
    let (en, mut fr, gold) = corpus_blocks("un-udhr-1948");
    // Article 4's text: English block 21, its French counterpart.
    let (e, f) = gold
        .iter()
        .find(|(e, _)| en[e - 1].starts_with("No one shall be held in slavery"))
        .map(|&(e, f)| (e, f.unwrap()))
        .unwrap();
    fr[f - 1] = en[e - 1].clone();
    let damaged = write(dir.path(), "fr.txt", &fr.join("\n\n"));
    let en_path = corpus("un-udhr-1948").join("en.txt");
    let found = json_findings(&[&en_path, &damaged]);
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = &found[0];
    assert_eq!(finding["rule"], "untranslated");
    assert_eq!(finding["severity"], "error");
    assert_eq!(
        finding["message"],
        "the French has the English text of ¶21, untranslated"
    );
    // Located on both sides: the English original, the French copy.
    let line = |text: &[String], block: usize| {
        text[..block - 1]
            .iter()
            .map(|b| b.lines().count() + 1)
            .sum::<usize>()
            + 1
    };
    assert_eq!(finding["en_lines"][0], line(&en, e));
    assert_eq!(finding["fr_lines"][0], line(&fr, f));
    // The same damage in one file holding both versions.
    let mixed = write(
        dir.path(),
        "mixed.txt",
        &format!("{}\n\n{}", en.join("\n\n"), fr.join("\n\n")),
    );
    let found = json_findings(&[&mixed]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "untranslated");
}

#[test]
fn another_language_in_place_of_the_french_is_one_wrong_language_error() {
    let dir = tempfile::tempdir().unwrap();
    let (en, mut fr, gold) = corpus_blocks("un-udhr-1948");
    let german = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/languages/de.txt"),
    )
    .unwrap();
    let statement = german
        .split("\n\n")
        .find(|b| b.len() > 100 && !b.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap()
        .to_string();
    let (e, f) = gold
        .iter()
        .find(|(e, _)| en[e - 1].starts_with("Everyone has the right to freedom of movement"))
        .map(|&(e, f)| (e, f.unwrap()))
        .unwrap();
    fr[f - 1] = statement;
    let damaged = write(dir.path(), "fr.txt", &fr.join("\n\n"));
    let found = json_findings(&[&corpus("un-udhr-1948").join("en.txt"), &damaged]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "wrong-language");
    assert_eq!(
        found[0]["message"],
        format!(
            "a paragraph of the French document in German (de), where English ¶{e} has no counterpart"
        )
    );
    assert!(found[0]["en_lines"].is_array() && found[0]["fr_lines"].is_array());
}

#[test]
fn a_run_of_missing_french_paragraphs_is_one_finding_with_its_range() {
    let dir = tempfile::tempdir().unwrap();
    let (en, fr, gold) = corpus_blocks("un-udhr-1948");
    // Drop the French of English blocks 60-75 (articles in the middle).
    let dropped: Vec<usize> = gold
        .iter()
        .filter(|(e, _)| (60..=75).contains(e))
        .filter_map(|&(_, f)| f)
        .collect();
    let kept: Vec<String> = fr
        .iter()
        .enumerate()
        .filter(|(k, _)| !dropped.contains(&(k + 1)))
        .map(|(_, b)| b.clone())
        .collect();
    let damaged = write(dir.path(), "fr.txt", &kept.join("\n\n"));
    let found = json_findings(&[&corpus("un-udhr-1948").join("en.txt"), &damaged]);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!(f["rule"], "missing-counterpart");
    assert_eq!(
        f["message"],
        "English ¶60-75 (16 paragraphs) have no French counterpart"
    );
    assert_eq!(f["en"], en[59]);
    assert_eq!(f["paragraphs"].as_array().unwrap().len(), 16);
    assert!(f["through"].as_u64().unwrap() > f["unit"].as_u64().unwrap());
}

#[test]
fn align_check_writes_a_findings_column_in_csv_and_tsv_and_refuses_moses() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = write(
        dir.path(),
        "001.txt",
        &seed_001_text().replacen("quâen 2024", "quâen 2023", 1),
    );
    for (format, sep) in [("csv", ','), ("tsv", '\t')] {
        let out = dir.path().join(format!("out.{format}"));
        let res = run(&[&"align", &damaged, &"--check", &"-o", &out]);
        assert!(res.status.success(), "{}", stderr(&res));
        let text = std::fs::read_to_string(&out).unwrap();
        let header: Vec<&str> = text.lines().next().unwrap().split(sep).collect();
        let note = header.iter().position(|&c| c == "note").unwrap();
        assert_eq!(header[note + 1], "findings", "{header:?}");
        assert!(
            text.contains("error[number-mismatch] unit 1 (EN 1. / FR 1.) [key 1, EN lines 1-2, FR lines 11-12]: numbers differ: English only: 2024; French only: 2023"),
            "{text}"
        );
        // Without --check, the column is not there.
        let res = run(&[&"align", &damaged, &"-o", &out]);
        assert!(res.status.success());
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(!text.lines().next().unwrap().contains("findings"));
    }
    let res = run(&[
        &"align",
        &damaged,
        &"--check",
        &"-f",
        &"moses",
        &"-o",
        &dir.path().join("m"),
    ]);
    assert_eq!(res.status.code(), Some(2), "{}", stderr(&res));
    assert!(stderr(&res).contains("--check"), "{}", stderr(&res));
    assert!(!dir.path().join("m.en").exists());
}

#[test]
fn a_truncated_memory_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let pair = corpus("nato-paris-protocol-1952");
    let tmx = dir.path().join("whole.tmx");
    let res = run(&[
        &"align",
        &pair.join("en.txt"),
        &pair.join("fr.txt"),
        &"-o",
        &tmx,
        &"-q",
    ]);
    assert!(res.status.success());
    let bytes = std::fs::read(&tmx).unwrap();
    assert_eq!(run(&[&"check", &tmx, &"-q"]).status.code(), Some(0));
    // Cut anywhere: inside a tag, between units, just before </tmx>.
    let end = bytes.len() - "</tmx>\n".len();
    for cut in [bytes.len() / 3, bytes.len() / 2 + 7, end - 12, end] {
        let cut_tmx = write(dir.path(), "cut.tmx", "");
        std::fs::write(&cut_tmx, &bytes[..cut]).unwrap();
        let res = run(&[&"check", &cut_tmx]);
        assert_eq!(res.status.code(), Some(3), "cut at {cut}: {}", stdout(&res));
        assert!(
            stderr(&res).contains("cut.tmx: invalid TMX"),
            "{}",
            stderr(&res)
        );
        assert!(
            stderr(&res).contains("truncated"),
            "cut at {cut}: {}",
            stderr(&res)
        );
        assert!(stdout(&res).is_empty());
    }
}

#[test]
fn an_accepted_finding_stays_accepted_when_its_sentence_is_edited_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let res = run(&[&"check", &sample("001"), &"--write-baseline", &baseline]);
    assert_eq!(res.status.code(), Some(0));
    // The English of unit 1 edited (a year): its accepted NATO/OTAN warning
    // is still the same problem; the changed year is new.
    let edited = write(
        dir.path(),
        "001.txt",
        &seed_001_text().replacen("in 2024, Germany", "in 2025, Germany", 1),
    );
    assert_ne!(std::fs::read_to_string(&edited).unwrap(), seed_001_text());
    let (code, f) = findings(&[&edited, &"--baseline", &baseline]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].1, "number-mismatch");
    assert_eq!(code, Some(1));
}

/// A glossary fixture under tests/data/glossary.
fn glossary(name: &str) -> PathBuf {
    root().join("tests/data/glossary").join(name)
}

#[test]
fn glossary_terms_hold_on_a_corpus_pair_and_a_replaced_term_is_one_finding() {
    let dir = tempfile::tempdir().unwrap();
    let pair = corpus("nato-ottawa-agreement-1951");
    let fr = std::fs::read_to_string(pair.join("fr.txt")).unwrap();
    let damaged = fr.replacen(
        "possède la personnalité juridique",
        "possède la capacité juridique",
        1,
    );
    assert_ne!(damaged, fr);
    let damaged = write(dir.path(), "fr-damaged.txt", &damaged);
    // The same terms as CSV, TBX 3.0 and TBX 2.0.
    for name in ["ottawa.csv", "ottawa.tbx", "ottawa-tbx2.tbx"] {
        let g = glossary(name);
        let (code, f) = findings(&[
            &pair.join("en.txt"),
            &pair.join("fr.txt"),
            &"--glossary",
            &g,
        ]);
        assert_eq!((code, f.len()), (Some(0), 0), "{name}: {f:?}");
        let (code, f) = findings(&[&pair.join("en.txt"), &damaged, &"--glossary", &g]);
        assert_eq!(
            f,
            [(
                "error".to_string(),
                "term-missing".to_string(),
                "glossary: “juridical personality” → “personnalité juridique” expected, not found (Article 4)"
                    .to_string()
            )],
            "{name}"
        );
        assert_eq!(code, Some(1), "{name}: the glossary says error");
    }
    // Without the glossary the damage is not seen.
    let (code, f) = findings(&[&pair.join("en.txt"), &damaged]);
    assert_eq!((code, f.len()), (Some(0), 0), "{f:?}");
}

#[test]
fn a_glossary_checks_a_memory_and_marks_the_term() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = write(
        dir.path(),
        "memory.tmx",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="paragraph" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/><body>
<tu tuid="a"><tuv xml:lang="en"><seg>The Council Deputies shall meet.</seg></tuv><tuv xml:lang="fr"><seg>Les Délégués du Conseil se réunissent.</seg></tuv></tu>
<tu tuid="b"><tuv xml:lang="en-GB"><seg>The Council Deputies decide.</seg></tuv><tuv xml:lang="fr-CA"><seg>Les Suppléants du Conseil décident.</seg></tuv></tu>
</body></tmx>"#,
    );
    let res = run(&[
        &"check",
        &tmx,
        &"--json",
        &"--glossary",
        &glossary("ottawa.csv"),
    ]);
    assert_eq!(res.status.code(), Some(0), "{}", stderr(&res));
    let json: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    let f = json["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["rule"], "term-missing");
    assert_eq!(f[0]["severity"], "warning");
    assert_eq!(f[0]["label"], "tuid a");
    assert_eq!(f[0]["en"], "The ⟦Council Deputies⟧ shall meet.");
}

#[test]
fn bad_glossaries_are_input_errors_naming_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let pair = corpus("nato-ottawa-agreement-1951");
    let csv = write(
        dir.path(),
        "terms.csv",
        "en,fr,severity\nCouncil,Conseil\nNATO,OTAN,fatal\n",
    );
    let tbx = write(
        dir.path(),
        "terms.tbx",
        "<tbx>\n<text><body>\n<conceptEntry>\n</langSec></body></text></tbx>\n",
    );
    let html = write(dir.path(), "terms.xml", "<html><body/></html>\n");
    for (path, says) in [
        (
            &csv,
            "bad glossary: line 3: severity must be error or warning, not “fatal”",
        ),
        (&tbx, "bad glossary: line 4: malformed XML"),
        (
            &html,
            "bad glossary: an XML file whose root is <html>, not a TBX glossary",
        ),
        (&dir.path().join("none.csv"), "no such file"),
    ] {
        let res = run(&[
            &"check",
            &pair.join("en.txt"),
            &pair.join("fr.txt"),
            &"--glossary",
            path,
        ]);
        assert_eq!(res.status.code(), Some(3), "{}", stderr(&res));
        let err = stderr(&res);
        assert!(
            err.starts_with(&format!("natalign: {}: {says}", path.display())),
            "{err}"
        );
        let res = run(&[
            &"align",
            &pair.join("en.txt"),
            &pair.join("fr.txt"),
            &"--glossary",
            path,
        ]);
        assert_eq!(res.status.code(), Some(3), "align: {}", stderr(&res));
        assert!(res.stdout.is_empty());
    }
    // A glossary and a document cannot both be standard input.
    // Refused before anything is read (standard input is closed here).
    let res = run(&[&"check", &"-", &"--glossary", &"-"]);
    assert_eq!(res.status.code(), Some(2), "{}", stderr(&res));
    assert!(stderr(&res).contains("would both read standard input"));
}

#[test]
fn typography_is_checked_on_request_only() {
    let dir = tempfile::tempdir().unwrap();
    let (en, fr) = (glossary("typography-en.txt"), glossary("typography-fr.txt"));
    // Spacing as French typography wants it: nothing to report.
    let (code, f) = findings(&[&en, &fr, &"--typography"]);
    assert_eq!((code, f.len()), (Some(0), 0), "{f:?}");
    // Ordinary spaces where no-break ones are due: one warning per unit.
    let text = std::fs::read_to_string(&fr).unwrap();
    let plain = text.replace(['\u{a0}', '\u{202f}'], " ");
    let plain = write(dir.path(), "fr-plain.txt", &plain);
    let (code, f) = findings(&[&en, &plain, &"--typography"]);
    assert_eq!(code, Some(0), "warnings do not fail the run");
    let rules: Vec<(&str, &str)> = f.iter().map(|(s, r, _)| (s.as_str(), r.as_str())).collect();
    assert_eq!(rules, [("warning", "typography"); 3], "{f:?}");
    assert_eq!(
        f[1].2,
        "French typography: ordinary space before “?”, ordinary space before “:”, ordinary space after “«”, ordinary space before “!”, ordinary space before “»”; French puts a no-break space (U+00A0 or U+202F) there"
    );
    // Times, ratios and the URL's `?` are not punctuation to space.
    assert_eq!(
        f[2].2,
        "French typography: ordinary space before “;”; French puts a no-break space (U+00A0 or U+202F) there"
    );
    let (code, _) = findings(&[&en, &plain, &"--typography", &"--fail-on", &"warning"]);
    assert_eq!(code, Some(1));
    // Off by default.
    let (code, f) = findings(&[&en, &plain]);
    assert_eq!((code, f.len()), (Some(0), 0), "{f:?}");
}

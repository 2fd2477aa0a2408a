//! Outputs that real tools accept: every format from the real binary, read back
//! with a reader of that format, on real and hostile text.

use std::path::{Path, PathBuf};

use crate::util::*;

/// (en, fr) texts of the two-sided units of a CSV output.
fn csv_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    csv_rows(bytes)
        .into_iter()
        .filter(|r| !r["en"].is_empty() && !r["fr"].is_empty())
        .map(|r| (r["en"].clone(), r["fr"].clone()))
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn tmx_reader_gives_back_the_pairs_of_align() {
    let dir = tempfile::tempdir().unwrap();
    for (en, fr) in [
        (sample("001"), None),
        (
            corpus("un-udhr-1948").join("en.txt"),
            Some(corpus("un-udhr-1948").join("fr.txt")),
        ),
    ] {
        let tmx = dir.path().join("x.tmx");
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"align", &en];
        if let Some(fr) = &fr {
            args.push(fr);
        }
        let csv = run(&args);
        args.extend([&"-o" as &dyn AsRef<std::ffi::OsStr>, &tmx]);
        assert!(run(&args).status.success());
        let units = natalign::import::tmx::read(&std::fs::read(&tmx).unwrap()).unwrap();
        let back: Vec<(String, String)> = units
            .iter()
            .map(|u| {
                (
                    u.text("en").unwrap().to_string(),
                    u.text("fr").unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(back, csv_pairs(&csv.stdout));
        let tuids: std::collections::HashSet<_> =
            units.iter().map(|u| u.tuid.clone().unwrap()).collect();
        assert_eq!(tuids.len(), units.len(), "tuids are unique");
    }
}

#[test]
fn reproducible_bytes_with_source_date_epoch() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["tmx", "csv", "jsonl", "tsv"] {
        let a = dir.path().join(format!("a.{ext}"));
        let b = dir.path().join(format!("b.{ext}"));
        assert!(run(&[&"align", &sample("001"), &"-o", &a]).status.success());
        assert!(run(&[&"align", &sample("001"), &"-o", &b]).status.success());
        assert_eq!(
            std::fs::read(&a).unwrap(),
            std::fs::read(&b).unwrap(),
            "{ext}"
        );
    }
    // tuids depend on the texts only, not on the run.
    let a = std::fs::read_to_string(dir.path().join("a.tmx")).unwrap();
    let res = natalign()
        .args(["align", sample("001").to_str().unwrap(), "--format", "tmx"])
        .env("SOURCE_DATE_EPOCH", "0")
        .output()
        .unwrap();
    let tuid = |s: &str| {
        s.lines()
            .filter(|l| l.contains("<tu tuid"))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(tuid(&a), tuid(&String::from_utf8(res.stdout).unwrap()));
}

#[test]
fn language_codes_and_unaligned_units_in_tmx() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample("001")).unwrap();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("4. Nous restons"))
        .collect();
    let input = write(dir.path(), "001-no-fr-4.txt", &(lines.join("\n") + "\n"));
    let tmx = dir.path().join("out.tmx");
    let res = run(&[
        &"align",
        &input,
        &"-o",
        &tmx,
        &"--en-lang",
        &"en-gb",
        &"--fr-lang",
        &"fr-CA",
        &"--keep-unaligned",
    ]);
    assert!(res.status.success(), "{}", stderr(&res));
    assert_valid_tmx(&tmx);
    let xml = std::fs::read_to_string(&tmx).unwrap();
    assert!(xml.contains(r#"srclang="en-GB""#) && xml.contains(r#"<tuv xml:lang="fr-CA">"#));
    let units = natalign::import::tmx::read(xml.as_bytes()).unwrap();
    assert_eq!(units.len(), 5);
    let alone: Vec<_> = units.iter().filter(|u| u.variants.len() == 1).collect();
    assert_eq!(alone.len(), 1);
    assert!(alone[0].text("en").unwrap().starts_with("We remain united"));
    assert!(alone[0].props.contains(&(
        "x-note".to_string(),
        "no French counterpart found".to_string()
    )));
    let res = run(&[
        &"align",
        &input,
        &"--format",
        &"tmx",
        &"--fr-lang",
        &"french",
    ]);
    assert_eq!(res.status.code(), Some(2));
    assert!(stderr(&res).contains("--fr-lang"), "{}", stderr(&res));
}

#[test]
fn moses_files_are_line_aligned_and_need_a_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("corpus");
    let pair = corpus("nato-ottawa-agreement-1951");
    let res = run(&[
        &"align",
        &pair.join("en.txt"),
        &pair.join("fr.txt"),
        &"--format",
        &"moses",
        &"-o",
        &prefix,
    ]);
    assert!(res.status.success(), "{}", stderr(&res));
    let en = std::fs::read_to_string(dir.path().join("corpus.en")).unwrap();
    let fr = std::fs::read_to_string(dir.path().join("corpus.fr")).unwrap();
    assert_eq!(en.lines().count(), 110);
    assert_eq!(fr.lines().count(), 110);
    assert_eq!(en.lines().nth(6), Some("Article 1"));
    assert_eq!(fr.lines().nth(6), Some("Article 1"));
    let res = run(&[&"align", &sample("001"), &"--format", &"moses"]);
    assert_eq!(res.status.code(), Some(2));
}

#[test]
fn check_findings_go_into_tmx_notes() {
    let dir = tempfile::tempdir().unwrap();
    let damaged =
        std::fs::read_to_string(sample("001"))
            .unwrap()
            .replacen("quâen 2024", "quâen 2023", 1);
    let input = write(dir.path(), "001.txt", &damaged);
    let tmx = dir.path().join("out.tmx");
    let res = run(&[&"align", &input, &"-o", &tmx, &"--check"]);
    assert!(res.status.success());
    assert_valid_tmx(&tmx);
    let xml = std::fs::read_to_string(&tmx).unwrap();
    assert!(xml.contains("<note>error[number-mismatch] unit 1 (EN 1. / FR 1.) [key 1, EN lines 1-2, FR lines 11-12]: numbers differ: English only: 2024; French only: 2023</note>"), "{xml}");
    assert!(stderr(&res).contains("consistency findings noted in the output"));
}

/// Hostile text through every format and back: markup characters, CDATA end,
/// quotes, commas, tabs, control characters, a very long paragraph.
#[test]
fn hostile_text_survives_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let long_en = "The Allies, \"together\"; agree. ".repeat(4000);
    let long_fr = "Les Alliés, « ensemble » ; conviennent. ".repeat(4000);
    let en = format!(
        "1. Allies < partners & \"friends\" ]]> 'quoted', =SUM(A1) commas, tab\there \x01bell\x07 and <b>tags</b>.\n\n2. {long_en}\n"
    );
    let fr = format!(
        "1. Alliés < partenaires & « amis » ]]> 'cités', =SUM(A1) virgules, tab\tici \x01cloche\x07 et <b>balises</b>.\n\n2. {long_fr}\n"
    );
    let en_path = write(dir.path(), "en.txt", &en);
    let fr_path = write(dir.path(), "fr.txt", &fr);
    // Control characters are removed at segmentation; tabs fold to spaces;
    // inline HTML tags are dropped, as a page showed them (segment::markdown).
    let want_en =
        "Allies < partners & \"friends\" ]]> 'quoted', =SUM(A1) commas, tab here bell and tags.";
    let want_fr = "Alliés < partenaires & « amis » ]]> 'cités', =SUM(A1) virgules, tab ici cloche et balises.";
    let out = |ext: &str| dir.path().join(format!("out.{ext}"));
    for ext in ["csv", "tmx", "tsv", "jsonl"] {
        let res = run(&[&"align", &en_path, &fr_path, &"-o", &out(ext)]);
        assert!(res.status.success(), "{ext}: {}", stderr(&res));
    }
    let res = run(&[
        &"align",
        &en_path,
        &fr_path,
        &"--format",
        &"moses",
        &"-o",
        &dir.path().join("out"),
    ]);
    assert!(res.status.success());

    let from_csv = csv_pairs(&std::fs::read(out("csv")).unwrap());
    assert_eq!(from_csv[0], (want_en.to_string(), want_fr.to_string()));
    assert_eq!(from_csv[1].0.len(), long_en.trim_end().len());

    assert_valid_tmx(&out("tmx"));
    let units = natalign::import::tmx::read(&std::fs::read(out("tmx")).unwrap()).unwrap();
    let from_tmx: Vec<(String, String)> = units
        .iter()
        .map(|u| (u.text("en").unwrap().into(), u.text("fr").unwrap().into()))
        .collect();
    assert_eq!(from_tmx, from_csv);

    let tsv = std::fs::read_to_string(out("tsv")).unwrap();
    let from_tsv: Vec<(String, String)> = tsv
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (
                natalign::export::tsv::unescape(c[4]),
                natalign::export::tsv::unescape(c[5]),
            )
        })
        .collect();
    assert_eq!(from_tsv, from_csv);

    let jsonl = std::fs::read_to_string(out("jsonl")).unwrap();
    let from_jsonl: Vec<(String, String)> = jsonl
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["en"].as_str().unwrap().into(),
                v["fr"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(from_jsonl, from_csv);

    let moses_en = std::fs::read_to_string(dir.path().join("out.en")).unwrap();
    let moses_fr = std::fs::read_to_string(dir.path().join("out.fr")).unwrap();
    let from_moses: Vec<(String, String)> = moses_en
        .lines()
        .zip(moses_fr.lines())
        .map(|(a, b)| (a.into(), b.into()))
        .collect();
    assert_eq!(from_moses, from_csv);
}

#[test]
fn csv_for_spreadsheets() {
    let res = run(&[&"align", &sample("001"), &"--excel", &"--csv-safe"]);
    assert!(res.status.success());
    let text = String::from_utf8(res.stdout).unwrap();
    assert!(text.starts_with("\u{feff}en_number,"));
    assert!(text.contains("\r\n"));
}

/// Run `align` on seed 001 to `out` under `umask`, through a shell as a user
/// would.
#[cfg(unix)]
fn align_under_umask(umask: &str, out: &Path) {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask {umask} && exec \"$0\" align \"$1\" -o \"$2\" -q"
        ))
        .arg(env!("CARGO_BIN_EXE_natalign"))
        .arg(sample("001"))
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn a_new_output_gets_the_mode_a_redirection_would() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.tmx");
    align_under_umask("022", &out);
    assert_eq!(mode(&out), 0o644, "{:o}", mode(&out));
    let out = dir.path().join("private.tmx");
    align_under_umask("077", &out);
    assert_eq!(mode(&out), 0o600, "{:o}", mode(&out));
    // Moses writes two files: both get it.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 002 && exec \"$0\" align \"$1\" --format moses -o \"$2\" -q")
        .arg(env!("CARGO_BIN_EXE_natalign"))
        .arg(sample("001"))
        .arg(dir.path().join("m"))
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&dir.path().join("m.en")), 0o664);
    assert_eq!(mode(&dir.path().join("m.fr")), 0o664);
}

#[cfg(unix)]
#[test]
fn an_overwritten_output_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.tmx");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    align_under_umask("022", &out);
    assert_eq!(mode(&out), 0o640, "{:o}", mode(&out));
    assert!(std::fs::read_to_string(&out).unwrap().contains("<tmx"));
}

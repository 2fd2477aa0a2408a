//! `natalign split` and `natalign inspect`: the document model from the outside.

use crate::util::*;

/// Seed 001 with its English and French paragraphs interleaved one by one.
fn interleaved_001() -> String {
    let text = std::fs::read_to_string(sample("001")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // English 1 spans lines 1-2, French 1 lines 11-12 (see the sample).
    let en = [
        lines[0..2].join("\n"),
        lines[2].into(),
        lines[3].into(),
        lines[4].into(),
        lines[5].into(),
    ];
    let fr = [
        lines[10..12].join("\n"),
        lines[12].into(),
        lines[13].into(),
        lines[14].into(),
        lines[15].into(),
    ];
    en.iter()
        .zip(&fr)
        .map(|(e, f)| format!("{e}\n\n{f}\n\n"))
        .collect()
}

#[test]
fn split_writes_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let res = run(&[&"split", &sample("001"), &"--out-dir", &dir.path()]);
    assert!(res.status.success(), "{}", stderr(&res));
    let en = std::fs::read_to_string(dir.path().join("001_8e0e90c685f40201.en.txt")).unwrap();
    let fr = std::fs::read_to_string(dir.path().join("001_8e0e90c685f40201.fr.txt")).unwrap();
    let en_paras: Vec<&str> = en.trim_end().split("\n\n").collect();
    let fr_paras: Vec<&str> = fr.trim_end().split("\n\n").collect();
    assert_eq!(en_paras.len(), 5);
    assert_eq!(fr_paras.len(), 5);
    assert!(en_paras[0].starts_with("1. We strongly condemn Russia’s"));
    assert!(fr_paras[4].starts_with("5. Nous sommes déterminés"));
    assert!(!en.contains('|') && !fr.contains('|'));
    assert!(stderr(&res).contains("9 noise lines left out"));
    // The parts align back to the same five pairs.
    let res = run(&[
        &"align",
        &dir.path().join("001_8e0e90c685f40201.fr.txt"),
        &dir.path().join("001_8e0e90c685f40201.en.txt"),
    ]);
    let rows = csv_rows(&res.stdout);
    assert_eq!(rows.len(), 5);
    assert!(
        rows.iter()
            .all(|r| r["method"] == "anchor" && r["en_index"] == r["fr_index"])
    );
}

#[test]
fn interleaved_document_splits_and_aligns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("interleaved.txt");
    std::fs::write(&path, interleaved_001()).unwrap();
    let res = run(&[&"split", &path, &"--out-dir", &dir.path()]);
    assert!(res.status.success(), "{}", stderr(&res));
    let en = std::fs::read_to_string(dir.path().join("interleaved.en.txt")).unwrap();
    let fr = std::fs::read_to_string(dir.path().join("interleaved.fr.txt")).unwrap();
    let starts = |t: &str| {
        t.split("\n\n")
            .map(|p| p.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        starts(en.trim_end()),
        [
            "1. We strongly",
            "2. We call",
            "3. NATO stands",
            "4. We remain",
            "5. We are"
        ]
    );
    assert_eq!(
        starts(fr.trim_end()),
        [
            "1. Nous condamnons",
            "2. Nous demandons",
            "3. L’OTAN s’attache",
            "4. Nous restons",
            "5. Nous sommes"
        ]
    );
    let res = run(&[&"align", &path]);
    let rows = csv_rows(&res.stdout);
    let pairs: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r["en_index"].clone(), r["fr_index"].clone()))
        .collect();
    let want: Vec<(String, String)> = (1..=5).map(|n| (n.to_string(), n.to_string())).collect();
    assert_eq!(pairs, want);
}

#[test]
fn split_refuses_a_single_language_file() {
    let dir = tempfile::tempdir().unwrap();
    let res = run(&[&"split", &sample("003"), &"--out-dir", &dir.path()]);
    assert_eq!(res.status.code(), Some(3));
    assert_eq!(
        stderr(&res).trim(),
        format!(
            "natalign: {}: holds only English text: nothing to split (split takes one file holding both English and French)",
            sample("003").display()
        )
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no partial output"
    );
}

#[test]
fn inspect_shows_encoding_repairs_and_paragraphs() {
    let res = run(&[&"inspect", &sample("001")]);
    assert!(res.status.success(), "{}", stderr(&res));
    let out = stdout(&res);
    assert!(out.contains("encoding UTF-8"));
    assert!(out.contains("43 repairs:"), "{out}");
    assert!(out.contains(r#""â" -> "’" [lost-apostrophe]"#));
    assert!(out.contains(r#""Ã" -> "É" [lost-capital]"#));
    assert!(out.contains("19 paragraphs:"));
    let para_lines: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.ends_with("paragraphs:"))
        .skip(1)
        .collect();
    assert_eq!(para_lines.len(), 19);
    assert!(
        para_lines[0].contains("numbered")
            && para_lines[0].contains(" en ")
            && para_lines[0].contains("lines 1-2"),
        "{}",
        para_lines[0]
    );
    assert!(
        para_lines[5].contains("noise") && para_lines[5].contains("[table remnant or rule line]")
    );
    assert!(para_lines[9].contains(" fr "));
}

#[test]
fn inspect_json_has_encoding_repairs_and_paragraphs() {
    let res = run(&[&"inspect", &sample("002"), &"--json"]);
    assert!(res.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    assert_eq!(doc["encoding"], "UTF-8");
    assert_eq!(doc["repairs"].as_array().unwrap().len(), 0);
    let paras = doc["paragraphs"].as_array().unwrap();
    let kinds: Vec<&str> = paras.iter().map(|p| p["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "heading", "metadata", "numbered", "numbered", "numbered", "numbered", "numbered",
            "numbered"
        ]
    );
    assert_eq!(paras[2]["key"], "1");
    assert_eq!(paras[2]["lang"], "en");
    assert_eq!(paras[2]["lines"]["start"], 9);
}

//! `natalign corpus`: folders in, one deduplicated corpus out.

use crate::util::*;

fn jsonl(bytes: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn samples_pair_and_deduplicate() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus.jsonl");
    let summary = dir.path().join("summary.json");
    let res = run(&[
        &"corpus",
        &root().join("samples"),
        &"-o",
        &out,
        &"--json-summary",
        &summary,
    ]);
    assert!(res.status.success(), "{}", stderr(&res));
    let s: serde_json::Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    let pairs: Vec<(String, String)> = s["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                p[1].as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            (
                "000_d034c233a7fe1b99.txt".to_string(),
                "001_8e0e90c685f40201.txt#fr".to_string()
            ),
            (
                "001_8e0e90c685f40201.txt#en".to_string(),
                "001_8e0e90c685f40201.txt#fr".to_string()
            ),
        ]
    );
    let unpaired: Vec<String> = s["unpaired"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap().rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(
        unpaired,
        [
            "002_2afb1d72cd642d37.txt",
            "003_24ddd8df405e288b.txt",
            "004_6064983147867216.txt"
        ]
    );
    let units = jsonl(&std::fs::read(&out).unwrap());
    let two_sided: Vec<&serde_json::Value> = units
        .iter()
        .filter(|u| u["en"] != "" && u["fr"] != "")
        .collect();
    assert_eq!(two_sided.len(), 5, "exactly five units for the statement");
    for u in &two_sided {
        assert_eq!(u["copies"], 2);
        let prov: Vec<&str> = u["provenance"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert_eq!(prov.len(), 2);
        assert!(
            prov[0].contains("000_d034c233a7fe1b99.txt |")
                && prov[1].contains("001_8e0e90c685f40201.txt#en |"),
            "{prov:?}"
        );
    }
    assert_eq!(s["duplicates_removed"], 5);
    assert!(
        stderr(&res).contains("no counterpart: "),
        "{}",
        stderr(&res)
    );
}

#[test]
fn same_bytes_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut outs = Vec::new();
    for threads in ["1", "2", "3"] {
        let out = dir.path().join(format!("c{threads}.tmx"));
        let res = run(&[
            &"corpus",
            &root().join("samples"),
            &root().join("tests/data/corpus"),
            &"-o",
            &out,
            &"--threads",
            &threads,
            &"-q",
        ]);
        assert!(res.status.success(), "{}", stderr(&res));
        outs.push(std::fs::read(&out).unwrap());
    }
    assert_eq!(outs[0], outs[1]);
    assert_eq!(outs[0], outs[2]);
    let tmx = dir.path().join("c1.tmx");
    assert_valid_tmx(&tmx);
    let xml = String::from_utf8(outs[0].clone()).unwrap();
    assert!(
        xml.contains(r#"<prop type="x-copies">2</prop>"#)
            && xml.contains(r#"<prop type="x-provenance">"#)
    );
}

#[test]
fn skips_binary_hidden_and_escaping_links_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let root_dir = dir.path().join("archive");
    std::fs::create_dir(&root_dir).unwrap();
    std::fs::copy(sample("001"), root_dir.join("statement.txt")).unwrap();
    std::fs::write(root_dir.join("scan.pdf"), b"%PDF-1.4\n%\xe2\xe3").unwrap();
    std::fs::write(root_dir.join(".hidden.txt"), "1. Hidden.").unwrap();
    std::fs::write(dir.path().join("outside.txt"), "1. Outside the archive.").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("outside.txt"), root_dir.join("link.txt")).unwrap();
    let res = run(&[&"corpus", &root_dir, &"--format", &"csv"]);
    assert!(res.status.success(), "{}", stderr(&res));
    let err = stderr(&res);
    assert!(err.contains("scan.pdf: corrupt PDF: "), "{err}");
    assert!(err.contains(".hidden.txt: hidden"), "{err}");
    #[cfg(unix)]
    assert!(
        err.contains("link.txt: link leading outside the folder"),
        "{err}"
    );
    assert_eq!(csv_rows(&res.stdout).len(), 5);
}

#[test]
fn jsonl_in_and_out_for_map_steps() {
    let text = std::fs::read_to_string(sample("001")).unwrap();
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"name": "inline-001", "text": text}),
        serde_json::json!({"path": sample("000")})
    );
    let res = run_stdin(&["corpus", "--jsonl-in", "-", "-q"], input.as_bytes());
    assert!(res.status.success(), "{}", stderr(&res));
    let units = jsonl(&res.stdout);
    let two_sided = units
        .iter()
        .filter(|u| u["en"] != "" && u["fr"] != "")
        .count();
    assert_eq!(two_sided, 5);
    assert!(units.iter().any(|u| {
        u["provenance"][0]
            .as_str()
            .unwrap()
            .starts_with("inline-001#en")
    }));
    // Nothing readable at all: an input error, no output.
    let res = run_stdin(&["corpus", "--jsonl-in", "-"], b"not json\n");
    assert_eq!(res.status.code(), Some(3));
    assert_eq!(
        stderr(&res).trim(),
        "natalign: -: no readable text document: 1 passed over (standard input, line 1: not JSON (expected ident at line 1 column 2))"
    );
    assert!(res.stdout.is_empty());
}

#[test]
fn a_bad_jsonl_line_is_reported_and_the_others_read() {
    let text = std::fs::read_to_string(sample("001")).unwrap();
    let good = serde_json::json!({"name": "inline-001", "text": text}).to_string();
    let input = format!(
        "{good}\n{{\"text\": \"no name\"}}\n[1, 2]\n{{\"path\": 3}}\n{{\"path\": \"/nonexistent/x.txt\"}}\n"
    );
    let res = run_stdin(&["corpus", "--jsonl-in", "-"], input.as_bytes());
    assert!(res.status.success(), "{}", stderr(&res));
    assert_eq!(jsonl(&res.stdout).len(), 5, "the good document's units");
    let err = stderr(&res);
    for line in [
        "natalign corpus: 1 files read, 4 skipped;",
        "  skipped standard input, line 2: \"text\" without a \"name\"",
        "  skipped standard input, line 3: not a JSON object; expected {\"path\": …} or {\"name\": …, \"text\": …}",
        "  skipped standard input, line 4: \"path\" is not a string",
        "  skipped /nonexistent/x.txt: no such file",
    ] {
        assert!(err.contains(line), "{line:?} in:\n{err}");
    }
}

#[test]
fn an_empty_folder_has_nothing_readable() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.tmx");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let res = run(&[&"corpus", &empty, &"-o", &out]);
    assert_eq!(res.status.code(), Some(3), "{}", stderr(&res));
    assert_eq!(
        stderr(&res).trim(),
        format!(
            "natalign: {}: no readable text document: no files found",
            empty.display()
        )
    );
    assert!(!out.exists(), "no output");
}

#[test]
fn a_missing_folder_is_an_input_error_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.tmx");
    let res = run(&[
        &"corpus",
        &root().join("samples"),
        &"missing_dir",
        &"-o",
        &out,
    ]);
    assert_eq!(res.status.code(), Some(3));
    assert_eq!(stderr(&res).trim(), "natalign: missing_dir: no such file");
    assert!(!out.exists());
}

#[test]
fn a_folder_with_the_jsonl_input_is_refused() {
    let res = run(&[&"corpus", &root().join("samples"), &"--jsonl-in", &"-"]);
    assert_eq!(res.status.code(), Some(2));
    assert!(
        stderr(&res).contains("cannot be used with '--jsonl-in <->'"),
        "{}",
        stderr(&res)
    );
}

#[test]
fn only_unreadable_files_is_an_input_error_naming_why() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir(&archive).unwrap();
    std::fs::write(archive.join("a-empty.txt"), b"").unwrap();
    std::fs::write(archive.join("b-gold.tsv"), b"1\t1\n2\t2\n3\t-\n").unwrap();
    std::fs::write(archive.join("c-blob.bin"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    let out = dir.path().join("out.jsonl");
    let res = run(&[&"corpus", &archive, &"-o", &out]);
    assert_eq!(res.status.code(), Some(3));
    let err = stderr(&res);
    assert_eq!(err.lines().count(), 1, "{err}");
    let a = archive.display();
    assert_eq!(
        err.trim(),
        format!(
            "natalign: {a}: no readable text document: 3 passed over ({a}/a-empty.txt: file is empty; {a}/b-gold.tsv: holds no letters (numbers and symbols only), not a text document; {a}/c-blob.bin: not a text file: holds NUL bytes and is not UTF-16; is it a binary file?"
        ) + ")"
    );
    assert!(!out.exists());
}

/// A folder as corpora arrive: two texts, their SOURCE note, a gold table
/// and a drafts folder.
fn corpus_folder(dir: &std::path::Path) -> std::path::PathBuf {
    let folder = dir.join("pair");
    std::fs::create_dir_all(folder.join("drafts")).unwrap();
    let ottawa = corpus("nato-ottawa-agreement-1951");
    for f in ["en.txt", "fr.txt", "SOURCE", "gold.tsv"] {
        std::fs::copy(ottawa.join(f), folder.join(f)).unwrap();
    }
    std::fs::copy(sample("003"), folder.join("drafts/draft.txt")).unwrap();
    folder
}

fn summary_of(args: &[&dyn AsRef<std::ffi::OsStr>]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.json");
    let out = dir.path().join("out.jsonl");
    let mut all: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"corpus"];
    all.extend_from_slice(args);
    all.extend([
        &"-o" as &dyn AsRef<std::ffi::OsStr>,
        &out,
        &"--json-summary",
        &summary,
    ]);
    let res = run(&all);
    assert!(res.status.success(), "{}", stderr(&res));
    serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap()
}

fn names(list: &serde_json::Value, key: &str) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let v = if key.is_empty() { v } else { &v[key] };
            v.as_str().unwrap().rsplit('/').next().unwrap().to_string()
        })
        .collect()
}

#[test]
fn include_and_exclude_globs_choose_the_files_of_folders() {
    let dir = tempfile::tempdir().unwrap();
    let folder = corpus_folder(dir.path());
    // Everything: the gold table is skipped for having no letters; SOURCE
    // and the draft are read as English documents with no French.
    let s = summary_of(&[&folder]);
    assert_eq!(s["files_read"], 4);
    assert_eq!(names(&s["skipped"], "file"), ["gold.tsv"]);
    assert_eq!(
        s["skipped"][0]["reason"],
        "holds no letters (numbers and symbols only), not a text document"
    );
    assert_eq!(s["pairs"].as_array().unwrap().len(), 1);
    // Names at any depth, and a folder: only the pair is read.
    let s = summary_of(&[
        &folder,
        &"--exclude",
        &"SOURCE",
        &"--exclude",
        &"*.tsv",
        &"--exclude",
        &"drafts",
    ]);
    assert_eq!(
        (s["files_read"].clone(), s["excluded"].clone()),
        (2.into(), 3.into())
    );
    assert!(s["skipped"].as_array().unwrap().is_empty());
    assert!(s["unpaired"].as_array().unwrap().is_empty());
    // An include glob keeps matching files only; `*` does not cross `/`, so
    // `*.txt` matches names anywhere but `/*.txt` only the top level.
    let s = summary_of(&[&folder, &"--include", &"*.txt"]);
    assert_eq!(
        (s["files_read"].clone(), s["excluded"].clone()),
        (3.into(), 2.into())
    );
    let s = summary_of(&[&folder, &"--include", &"/*.txt"]);
    assert_eq!(
        (s["files_read"].clone(), s["excluded"].clone()),
        (2.into(), 3.into())
    );
    // A file named on the command line is read whatever the globs.
    let s = summary_of(&[
        &folder.join("SOURCE"),
        &folder.join("en.txt"),
        &folder.join("fr.txt"),
        &"--include",
        &"*.md",
    ]);
    assert_eq!(s["files_read"], 3);
    // A glob that does not parse is a usage error.
    let res = run(&[&"corpus", &folder, &"--include", &"[a-"]);
    assert_eq!(res.status.code(), Some(2));
    assert!(
        stderr(&res).contains("--include \"[a-\": unclosed character class"),
        "{}",
        stderr(&res)
    );
}

#[test]
fn dev_full_is_named_once_with_exit_4() {
    let res = run(&[&"corpus", &root().join("samples"), &"-o", &"/dev/full"]);
    assert_eq!(res.status.code(), Some(4));
    let err = stderr(&res);
    assert_eq!(
        err.trim(),
        "natalign: /dev/full: cannot write: No space left on device (os error 28)"
    );
}

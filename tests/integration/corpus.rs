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
    assert!(
        err.contains("scan.pdf: not a text file: looks like a PDF"),
        "{err}"
    );
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
    let res = run_stdin(&["corpus", "--jsonl-in", "-"], b"not json\n");
    assert_eq!(res.status.code(), Some(3));
    assert!(stderr(&res).contains("line 1"), "{}", stderr(&res));
}

#[test]
fn nothing_to_read_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let res = run(&[&"corpus", &dir.path()]);
    assert_eq!(res.status.code(), Some(2));
}

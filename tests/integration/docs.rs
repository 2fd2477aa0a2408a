//! The documentation says what the code is: docs/DESIGN.md's source tree
//! lists exactly the files under src/, and no source file outgrows one
//! concern (800 lines, test files aside).

use std::collections::BTreeSet;
use std::path::Path;

use crate::util::root;

fn rust_files(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root()).unwrap();
            out.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn design_source_tree_lists_every_source_file() {
    let design = std::fs::read_to_string(root().join("docs/DESIGN.md")).unwrap();
    let section = design
        .split_once("## Source tree")
        .expect("DESIGN.md has a Source tree section")
        .1;
    let block = section
        .split("```")
        .nth(1)
        .expect("the tree is a code block");
    let listed: Vec<String> = block
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(String::from)
        .collect();
    let unique: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(unique.len(), listed.len(), "a file listed twice");
    let mut files = BTreeSet::new();
    rust_files(&root().join("src"), &mut files);
    let missing: Vec<&String> = files.difference(&unique).collect();
    let stale: Vec<&String> = unique.difference(&files).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "DESIGN.md's tree is out of date: not listed {missing:?}; listed but gone {stale:?}"
    );
}

#[test]
fn no_source_file_above_800_lines_but_test_files() {
    let mut files = BTreeSet::new();
    rust_files(&root().join("src"), &mut files);
    let long: Vec<(String, usize)> = files
        .into_iter()
        .filter(|f| !f.ends_with("/tests.rs"))
        .map(|f| {
            let lines = std::fs::read_to_string(root().join(&f))
                .unwrap()
                .lines()
                .count();
            (f, lines)
        })
        .filter(|&(_, n)| n > 800)
        .collect();
    assert!(long.is_empty(), "split these by concern: {long:?}");
}

/// The floors `scripts/test` gates `scripts/check-damage` with, as a TSV of
/// (kind, recall, precision), skipping comments and the header.
fn damage_floors() -> Vec<(String, String, String)> {
    let tsv = std::fs::read_to_string(root().join("tests/data/check-damage/expected.tsv")).unwrap();
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("kind\t") && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "expected.tsv: {l}");
            (f[0].to_string(), f[1].to_string(), f[2].to_string())
        })
        .collect()
}

#[test]
fn checks_md_damage_floors_are_the_gate() {
    // The figures CHECKS.md promises are the ones a drop fails on.
    let doc = std::fs::read_to_string(root().join("docs/CHECKS.md")).unwrap();
    let section = doc
        .split_once("### Floors")
        .expect("CHECKS.md has a Floors section")
        .1;
    let documented: Vec<(String, String, String)> = section
        .lines()
        .skip_while(|l| !l.starts_with("| kind"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let c: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            (
                c[0].trim_matches('`').to_string(),
                c[1].to_string(),
                c[2].to_string(),
            )
        })
        .collect();
    let floors = damage_floors();
    assert!(floors.len() >= 13, "a floor per kind: {floors:?}");
    assert_eq!(
        documented, floors,
        "CHECKS.md's floors differ from expected.tsv"
    );
}

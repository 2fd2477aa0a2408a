//! Bad input: one-line error naming the file and the problem, the documented
//! exit code, and no output file.

use std::path::Path;

use crate::util::*;

/// Run `align INPUT -o out.csv` and check the error and that no output exists.
fn refused(input: &Path, code: i32, message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let res = run(&[&"align", &input, &"-o", &out]);
    let err = stderr(&res);
    assert_eq!(res.status.code(), Some(code), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(&input.display().to_string()),
        "names the file: {err}"
    );
    assert!(err.contains(message), "says {message:?}: {err}");
    assert!(!err.contains("panicked"));
    assert!(!out.exists(), "no output file");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temp file left"
    );
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn missing_file() {
    refused(Path::new("/nonexistent/statement.txt"), 3, "no such file");
}

#[test]
fn directory() {
    let dir = tempfile::tempdir().unwrap();
    refused(dir.path(), 3, "is a directory");
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    refused(&write(dir.path(), "empty.txt", b""), 3, "file is empty");
}

#[test]
fn whitespace_only_file() {
    let dir = tempfile::tempdir().unwrap();
    refused(
        &write(dir.path(), "blank.txt", b" \n\n\t \r\n"),
        3,
        "only whitespace",
    );
}

#[test]
fn binary_file_with_nul_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    refused(&write(dir.path(), "blob.bin", &bytes), 3, "not a text file");
}

#[test]
fn pdf_file() {
    let dir = tempfile::tempdir().unwrap();
    refused(
        &write(
            dir.path(),
            "statement.pdf",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        ),
        3,
        "looks like a PDF; extract its text first",
    );
}

#[test]
fn one_language_when_a_pair_is_needed() {
    refused(&sample("000"), 3, "only English text found");
}

#[test]
fn two_documents_in_the_same_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    let res = run(&[&"align", &sample("000"), &sample("002"), &"-o", &out]);
    assert_eq!(res.status.code(), Some(3));
    assert!(
        stderr(&res).contains("both inputs are English"),
        "{}",
        stderr(&res)
    );
    assert!(!out.exists());
}

#[test]
fn output_directory_missing() {
    let res = run(&[&"align", &sample("001"), &"-o", &"/nonexistent-dir/out.csv"]);
    assert_eq!(res.status.code(), Some(4), "{}", stderr(&res));
    assert!(stderr(&res).contains("/nonexistent-dir/out.csv"));
}

#[test]
fn full_disk() {
    let res = run(&[&"align", &sample("001"), &"-o", &"/dev/full"]);
    assert_eq!(res.status.code(), Some(4), "{}", stderr(&res));
    assert!(stderr(&res).contains("/dev/full"));
}

#[test]
fn output_equal_to_input_is_refused_and_input_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("mixed.csv");
    std::fs::copy(sample("001"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let res = run(&[&"align", &input, &"-o", &input]);
    assert_eq!(res.status.code(), Some(4), "{}", stderr(&res));
    assert!(stderr(&res).contains("refusing to overwrite an input"));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

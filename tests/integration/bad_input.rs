//! Bad input: one-line error naming the file and the problem, the documented
//! exit code, and no output file.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::util::*;

/// Run `align INPUT -o out.csv` and check the error and that no output exists.
fn refused(input: &Path, code: i32, message: &str) {
    refused_by(natalign(), input, code, message);
}

/// [`refused`] with `cmd` as the binary (it may run as another user). The
/// output directory is open to every user, so that only the input can be the
/// problem.
fn refused_by(mut cmd: Command, input: &Path, code: i32, message: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = dir.path().join("out.csv");
    let res = cmd
        .arg("align")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
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
fn a_pdf_that_panics_the_extractor_is_one_line() {
    // Found by the fuzz smoke run: a font's missing object reference makes
    // pdf-extract panic; the panic is caught and nothing of it is printed.
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(crate::util::root().join(
        "tests/data/regressions/pdf/missing-object-reference-in-a-font-panics-pdf-extract.pdf",
    ))
    .unwrap();
    refused(
        &write(dir.path(), "statement.pdf", &bytes),
        3,
        "corrupt PDF: the text layer cannot be read",
    );
}

#[test]
fn truncated_pdf_file() {
    let dir = tempfile::tempdir().unwrap();
    refused(
        &write(
            dir.path(),
            "statement.pdf",
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        ),
        3,
        "corrupt PDF: ",
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

/// The bad-input table: each input, the exit code and the message.
#[test]
fn bad_input_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut utf16_bad = vec![0xff, 0xfe];
    utf16_bad.extend_from_slice(&[0x41, 0x00, 0x00, 0xd8, 0x42, 0x00]);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "doc.zip",
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec(),
            "not a text file: looks like a ZIP archive (or DOCX/ODT); extract its text first",
        ),
        (
            "image.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "not a text file: looks like a PNG image",
        ),
        (
            "tool",
            b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec(),
            "not a text file: looks like an ELF executable",
        ),
        (
            "scan.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(),
            "corrupt PDF: failed parsing cross reference table: invalid start value",
        ),
        ("utf16.txt", utf16_bad, "invalid UTF-16"),
        (
            "blank.txt",
            b"\n \n\t\n".to_vec(),
            "file holds only whitespace",
        ),
        ("empty.txt", Vec::new(), "file is empty"),
        (
            "rules.txt",
            b"|\n---|\n|\n".to_vec(),
            "no text paragraphs found (only noise)",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let out = dir.path().join("out.tmx");
        let res = run(&[&"align", &path, &"-o", &out]);
        let err = stderr(&res);
        assert_eq!(res.status.code(), Some(3), "{name}: {err}");
        let want = format!("natalign: {}: {message}", path.display());
        assert!(
            err.trim_end().starts_with(&want),
            "{name}: want {want:?}, got {err:?}"
        );
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(!out.exists(), "{name}: no output");
    }
}

/// A file its reader has no permission to read. Root reads a mode-0000 file
/// all the same, so as root (CI) the binary runs as `nobody` (uid and gid
/// 65534) from a copy in a directory that user can reach; as anyone else it
/// runs directly. If the switch to `nobody` is not permitted, the test fails:
/// it never passes without the binary meeting "Permission denied".
#[test]
fn unreadable_file() {
    const NOBODY: u32 = 65534;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = dir.path().join("secret.txt");
    std::fs::copy(sample("001"), &path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let cmd = if std::fs::read(&path).is_err() {
        // Permissions bite for this user: the direct run meets them.
        natalign()
    } else {
        // Root (or another user that reads past permissions): drop to nobody.
        use std::os::unix::process::CommandExt;
        let bin = dir.path().join("natalign");
        std::fs::copy(env!("CARGO_BIN_EXE_natalign"), &bin).unwrap();
        std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
        let probe = Command::new(&bin)
            .arg("--version")
            .uid(NOBODY)
            .gid(NOBODY)
            .current_dir(dir.path())
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "permissions do not stop this user reading {}, and running the binary \
                     as uid/gid {NOBODY} (nobody) failed: {e}; the permission case is untested",
                    path.display()
                )
            });
        assert!(
            probe.status.success(),
            "the binary does not run as uid/gid {NOBODY} (nobody): {}",
            stderr(&probe)
        );
        let mut cmd = Command::new(&bin);
        cmd.env("SOURCE_DATE_EPOCH", "1700000000")
            .uid(NOBODY)
            .gid(NOBODY)
            .current_dir(dir.path());
        cmd
    };
    refused_by(cmd, &path, 3, "cannot read: Permission denied");
}

/// A Unix domain socket: it exists and is not a directory, but no user, root
/// included, can open it as a file.
#[test]
fn socket_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("statement.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
    refused(&path, 3, "cannot read: No such device or address");
}

/// A path through a regular file (`file.txt/x`): not "no such file", which
/// would send the user looking for a missing file, but the real reason.
#[test]
fn path_through_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "statement.txt", b"NATO condemns the attack.\n");
    refused(&file.join("x"), 3, "cannot read: Not a directory");
}

#[test]
fn huge_line_is_refused_above_max_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-line.txt");
    std::fs::write(&path, "NATO ".repeat(4000)).unwrap();
    let res = run(&[&"align", &path, &"--max-paragraph", &"10000"]);
    assert_eq!(res.status.code(), Some(3));
    let err = stderr(&res);
    assert!(err.contains("one-line.txt: line 1 is 20000 bytes long, above the --max-paragraph limit of 10000 bytes"), "{err}");
}

#[test]
fn closed_pipe_ends_quietly() {
    use std::io::Read;
    let pair = corpus("nato-ottawa-agreement-1951");
    let mut child = natalign()
        .args([
            "align",
            pair.join("en.txt").to_str().unwrap(),
            pair.join("fr.txt").to_str().unwrap(),
            "-q",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_translation_memory_is_not_a_text_document() {
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("memory.tmx");
    let res = run(&[&"align", &sample("001"), &"-o", &tmx]);
    assert!(res.status.success());
    refused(&tmx, 3, "is a TMX translation memory, not a text document");
    // Named otherwise, it is known by its root element.
    let xml = write(dir.path(), "export.xml", &std::fs::read(&tmx).unwrap());
    refused(&xml, 3, "is a TMX translation memory, not a text document");
}

//! Help, version and usage errors.

use crate::util::*;

#[test]
fn no_arguments_prints_help() {
    let res = run(&[]);
    assert_eq!(res.status.code(), Some(2));
    let err = stderr(&res);
    assert!(err.contains("Usage: natalign"), "{err}");
    assert!(err.contains("align"));
}

#[test]
fn help_and_version() {
    let res = run(&[&"--help"]);
    assert!(res.status.success());
    let help = stdout(&res);
    assert!(help.contains("Exit codes"), "{help}");
    let res = run(&[&"--version"]);
    assert!(res.status.success());
    assert_eq!(
        stdout(&res).trim(),
        format!("natalign {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_format_is_a_usage_error() {
    let res = run(&[&"align", &sample("001"), &"--format", &"docx"]);
    assert_eq!(res.status.code(), Some(2));
}

#[test]
fn three_inputs_is_a_usage_error() {
    let s = sample("001");
    let res = run(&[&"align", &s, &s, &s]);
    assert_eq!(res.status.code(), Some(2), "{}", stderr(&res));
    assert!(stderr(&res).contains("two documents"));
}

#[test]
fn every_subcommand_help_has_examples() {
    for cmd in ["align", "corpus", "check", "inspect", "split"] {
        let res = run(&[&cmd, &"--help"]);
        assert!(res.status.success());
        let help = stdout(&res);
        let examples = help
            .split_once("Examples:\n")
            .unwrap_or_else(|| panic!("{cmd} --help has no examples:\n{help}"))
            .1;
        let lines = examples
            .lines()
            .filter(|l| {
                l.trim_start().starts_with(&format!("natalign {cmd}"))
                    || l.contains(&format!("| natalign {cmd}"))
            })
            .count();
        assert!(lines >= 2, "{cmd}: {lines} example lines:\n{examples}");
    }
}

#[test]
fn max_paragraph_zero_is_refused() {
    let res = run(&[&"align", &sample("001"), &"--max-paragraph", &"0"]);
    assert_eq!(res.status.code(), Some(2));
    assert!(
        stderr(&res)
            .contains("invalid value '0' for '--max-paragraph <BYTES>': must be at least 1"),
        "{}",
        stderr(&res)
    );
}

#[test]
fn spreadsheet_options_with_another_format_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.tmx");
    let res = run(&[&"align", &sample("001"), &"--excel", &"-o", &out]);
    assert_eq!(res.status.code(), Some(2));
    assert_eq!(
        stderr(&res).trim(),
        "natalign: --excel applies to CSV output; the format here is tmx"
    );
    assert!(!out.exists());
    let res = run(&[
        &"align",
        &sample("001"),
        &"--csv-safe",
        &"--format",
        &"jsonl",
    ]);
    assert_eq!(res.status.code(), Some(2));
    assert_eq!(
        stderr(&res).trim(),
        "natalign: --csv-safe applies to CSV and TSV output; the format here is jsonl"
    );
    // Where they apply, they are taken.
    let res = run(&[&"align", &sample("001"), &"--excel", &"--csv-safe"]);
    assert!(res.status.success(), "{}", stderr(&res));
    assert!(res.stdout.starts_with("\u{feff}".as_bytes()));
}

#[test]
fn an_english_code_for_the_french_side_suggests_a_french_tag() {
    let res = run(&[&"align", &sample("001"), &"--fr-lang", &"en-US"]);
    assert_eq!(res.status.code(), Some(2));
    assert_eq!(
        stderr(&res).trim(),
        "natalign: --fr-lang: \"en-US\" is an English tag; the French side needs a French tag (e.g. fr, fr-FR, fr-CA, fr-BE)"
    );
}

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

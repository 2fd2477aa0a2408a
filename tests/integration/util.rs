//! A tiny harness around the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A bundled sample by its number prefix (`"001"`).
pub fn sample(prefix: &str) -> PathBuf {
    let dir = root().join("samples");
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no sample {prefix}"))
}

/// A corpus pair's directory under tests/data/corpus.
pub fn corpus(name: &str) -> PathBuf {
    root().join("tests/data/corpus").join(name)
}

/// The three corpus pairs.
pub const CORPUS: &[&str] = &[
    "nato-ottawa-agreement-1951",
    "nato-paris-protocol-1952",
    "un-udhr-1948",
];

/// A command running the real binary, with a fixed creation date.
pub fn natalign() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_natalign"));
    cmd.env("SOURCE_DATE_EPOCH", "1700000000");
    cmd
}

/// Run with arguments; stdin closed.
pub fn run(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    natalign()
        .args(args.iter().map(|a| a.as_ref()))
        .stdin(Stdio::null())
        .output()
        .expect("run natalign")
}

/// Run with `input` on stdin.
pub fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = natalign()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn natalign");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// One CSV row as a map from column to value.
pub type Row = std::collections::HashMap<String, String>;

/// Parse CSV output (with its header) into rows.
pub fn csv_rows(bytes: &[u8]) -> Vec<Row> {
    let mut r = csv::Reader::from_reader(bytes);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect()
        })
        .collect()
}

/// The (en, fr) texts of each `<tu>` of a TMX file, read with quick-xml.
pub fn tmx_pairs(xml: &str) -> Vec<(String, String)> {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    let mut reader = Reader::from_str(xml);
    let mut pairs = Vec::new();
    let (mut lang, mut in_seg, mut en, mut fr) =
        (String::new(), false, String::new(), String::new());
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"tuv" => {
                lang = e
                    .try_get_attribute("xml:lang")
                    .unwrap()
                    .map(|a| String::from_utf8(a.value.to_vec()).unwrap())
                    .unwrap_or_default();
            }
            Event::Start(e) if e.name().as_ref() == b"seg" => in_seg = true,
            Event::End(e) if e.name().as_ref() == b"seg" => in_seg = false,
            Event::Text(t) if in_seg => {
                let text = t.decode().unwrap().into_owned();
                let text = quick_xml::escape::unescape(&text).unwrap().into_owned();
                if lang == "en" {
                    en.push_str(&text)
                } else {
                    fr.push_str(&text)
                }
            }
            Event::GeneralRef(r) if in_seg => {
                let name = r.decode().unwrap();
                let ch = match name.as_ref() {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                if lang == "en" {
                    en.push_str(ch)
                } else {
                    fr.push_str(ch)
                }
            }
            Event::End(e) if e.name().as_ref() == b"tu" => {
                pairs.push((std::mem::take(&mut en), std::mem::take(&mut fr)));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    pairs
}

/// Validate a TMX file against the project's copy of the TMX 1.4b DTD with
/// xmllint (installed by `.ci/run`; a missing xmllint fails the test).
pub fn assert_valid_tmx(path: &Path) {
    let dtd = root().join("tests/data/tmx14.dtd");
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--dtdvalid")
        .arg(&dtd)
        .arg(path)
        .output()
        .expect("xmllint must be installed (apt-get install libxml2-utils)");
    assert!(
        out.status.success(),
        "{} does not validate:\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

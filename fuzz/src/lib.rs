//! The bodies of natalign's fuzz targets (see docs/FUZZING.md).
//!
//! Each function takes arbitrary bytes, runs one part of the library on them
//! and checks the part's documented guarantees with `assert!`: a target fails
//! only on a panic (a bug or a broken guarantee), never on an `Err`, which is
//! the library refusing bad input as it should.
//!
//! The same file is compiled into the integration tests (the module
//! `fuzz_targets` of `tests/integration/main.rs`), where
//! `tests/integration/fuzz.rs` replays the committed seeds, the regression
//! inputs under `tests/data/regressions/` and a deterministic set of mutations
//! of the seeds through these functions on every `cargo test`, so it uses
//! nothing but `natalign` and its dependencies.

use natalign::align::sentence::align_sentences;
use natalign::align::{Alignment, Side, align};
use natalign::document::Document;
use natalign::export::{self, ExportOptions, Format};
use natalign::{decode as dec, pipeline, repair as rep, segment as seg};

/// Splits a `pipeline` input into an English and a French file; with no
/// separator the input is one file holding both languages.
pub const SEPARATOR: &[u8] = b"\n=====natalign-fuzz-second-file=====\n";

/// Longest input the targets look at: longer ones add time, not paths.
pub const MAX_LEN: usize = 64 * 1024;

/// `decode` on arbitrary bytes: either a refusal, or text with `\n` line ends.
pub fn decode(data: &[u8]) {
    if data.len() > MAX_LEN {
        return;
    }
    if let Ok(decoded) = dec::decode(data) {
        assert!(
            !decoded.text.contains('\r'),
            "decoded text holds a carriage return"
        );
        assert!(!decoded.encoding.is_empty());
        assert!(decoded.legacy_bytes <= data.len());
    }
}

/// `repair` then `segment` on arbitrary text (bytes that are not UTF-8 are
/// decoded lossily), checking both stages' span guarantees.
pub fn segment(data: &[u8]) {
    if data.len() > MAX_LEN {
        return;
    }
    let text = String::from_utf8_lossy(data);
    check_segment(&text);
    let repaired = rep::repair(&text);
    let mut end = 0;
    for r in &repaired.repairs {
        assert!(r.span.start >= end, "repairs overlap or are out of order");
        assert_eq!(
            repaired.text.get(r.span.clone()),
            Some(r.after.as_str()),
            "repair span does not hold its `after` text"
        );
        end = r.span.end;
    }
    if repaired.text != text {
        check_segment(&repaired.text);
    }
}

/// The segmenter's span guarantees: every span is a range of the text; text
/// paragraphs' spans are in order and disjoint, and so are noise paragraphs';
/// a noise line is either outside every text paragraph or inside one (page
/// furniture that a paragraph goes on across); every character that cleaning
/// keeps (not whitespace, a soft hyphen or a control character) is in some
/// span; and no text paragraph is empty.
fn check_segment(text: &str) {
    let paragraphs = seg::segment(text);
    // Per byte: the text paragraph whose span holds it (+1), 0 for none.
    let mut owner = vec![0usize; text.len()];
    let mut covered = vec![false; text.len()];
    let (mut text_end, mut noise_end) = (0, 0);
    for (i, p) in paragraphs.iter().enumerate() {
        assert!(
            text.get(p.span.clone()).is_some(),
            "span {:?} is not a range of the text",
            p.span
        );
        assert!(p.lines.start >= 1 && p.lines.start <= p.lines.end);
        let end = if p.is_text() {
            &mut text_end
        } else {
            &mut noise_end
        };
        assert!(
            p.span.start >= *end,
            "{:?} paragraph spans overlap or are out of order: {:?} after {end}",
            p.kind,
            p.span
        );
        *end = p.span.end;
        covered[p.span.clone()].fill(true);
        if p.is_text() {
            assert!(
                !p.text.is_empty() || p.label.is_some(),
                "empty text paragraph {p:?}"
            );
            owner[p.span.clone()].fill(i + 1);
        }
    }
    for p in paragraphs.iter().filter(|p| !p.is_text()) {
        let inside = &owner[p.span.clone()];
        assert!(
            inside.iter().all(|&o| o == inside[0]),
            "noise {:?} straddles a text paragraph's edge",
            p.span
        );
    }
    for (i, c) in text.char_indices() {
        assert!(
            c.is_whitespace() || c == '\u{ad}' || c.is_control() || covered[i],
            "{c:?} at {i} is in no paragraph"
        );
    }
}

/// The whole pipeline on one file (no [`SEPARATOR`]) or two: load, sides,
/// align, then TMX and CSV for paragraph and sentence units, checking that
/// every paragraph is in exactly one unit, that the outputs parse and that
/// writing them again gives the same bytes.
pub fn pipeline(data: &[u8]) {
    if data.len() > MAX_LEN {
        return;
    }
    let docs = match split(data) {
        Some((a, b)) => match (pipeline::load("a.txt", a), pipeline::load("b.txt", b)) {
            (Ok(a), Ok(b)) => vec![a, b],
            _ => return,
        },
        None => match pipeline::load("input.txt", data) {
            Ok(doc) => vec![doc],
            Err(_) => return,
        },
    };
    let Ok((en, fr)) = pipeline::sides(&docs) else {
        return;
    };
    let (n_en, n_fr) = (en.paragraphs.len(), fr.paragraphs.len());
    check_sides(&docs, &en, &fr);
    let alignment = align(en, fr, &Default::default());
    check_alignment(&alignment, n_en, n_fr);
    check_exports(&alignment);
}

fn split(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let at = data.windows(SEPARATOR.len()).position(|w| w == SEPARATOR)?;
    Some((&data[..at], &data[at + SEPARATOR.len()..]))
}

/// Every text paragraph of the documents is on one of the two sides, to
/// align or set aside for its language; none set aside is in its side's
/// language.
pub fn check_sides(docs: &[Document], en: &Side, fr: &Side) {
    let text: usize = docs
        .iter()
        .map(|d| d.paragraphs.iter().filter(|p| p.is_text()).count())
        .sum();
    let on_sides = en.paragraphs.len() + fr.paragraphs.len() + en.aside.len() + fr.aside.len();
    assert_eq!(on_sides, text, "text paragraphs lost between the sides");
    for side in [en, fr] {
        for a in &side.aside {
            assert_ne!(
                a.paragraph.lang,
                Some(side.lang),
                "set aside in its own language"
            );
        }
    }
}

/// Every paragraph of both sides is in exactly one unit, in order, and
/// scores are in [0, 1].
pub fn check_alignment(alignment: &Alignment, n_en: usize, n_fr: usize) {
    assert_eq!(alignment.en.paragraphs.len(), n_en);
    assert_eq!(alignment.fr.paragraphs.len(), n_fr);
    let (mut en, mut fr): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for unit in &alignment.units {
        assert!(
            !unit.en.is_empty() || !unit.fr.is_empty(),
            "empty unit {unit:?}"
        );
        assert!(
            (0.0..=1.0).contains(&unit.score),
            "score out of range in {unit:?}"
        );
        en.extend(&unit.en);
        fr.extend(&unit.fr);
    }
    assert_eq!(
        en,
        (0..n_en).collect::<Vec<_>>(),
        "English paragraphs not each in one unit, in order"
    );
    assert_eq!(
        fr,
        (0..n_fr).collect::<Vec<_>>(),
        "French paragraphs not each in one unit, in order"
    );
}

/// TMX parses as XML with one `<tu>` per written unit, CSV parses with one
/// row per written unit, and a second write gives the same bytes; for
/// paragraph and sentence units, with and without labels in the texts.
pub fn check_exports(alignment: &Alignment) {
    let sentences = align_sentences(alignment);
    for format in [Format::Tmx, Format::Csv] {
        for (sentence_units, keep_labels) in
            [(false, false), (true, false), (false, true), (true, true)]
        {
            let options = ExportOptions {
                creation_time: 1_700_000_000,
                unit: if sentence_units {
                    export::Unit::Sentence
                } else {
                    export::Unit::Paragraph
                },
                keep_labels,
                ..ExportOptions::default()
            };
            let rows = export::rows_for(alignment, sentence_units.then_some(&sentences), &options);
            let write = || {
                let mut out = Vec::new();
                let stats = export::write_rows(format, &rows, &options, vec![Box::new(&mut out)])
                    .expect("writing to a Vec fails only on a bug");
                (out, stats)
            };
            let (out, stats) = write();
            // Every unit, and every paragraph set aside, is a row.
            let set_aside = alignment.en.aside.len() + alignment.fr.aside.len();
            let units = set_aside
                + if sentence_units {
                    sentences.units.len()
                } else {
                    alignment.units.len()
                };
            assert_eq!(rows.len(), units);
            assert_eq!(stats.written + stats.skipped_one_sided, units);
            match format {
                Format::Tmx => assert_eq!(tmx_units(&out), stats.written),
                _ => assert_eq!(csv_rows(&out), stats.written),
            }
            assert!(write().0 == out, "{format:?} output differs between runs");
        }
    }
}

/// The number of `<tu>` elements of a TMX file; panics if it is not
/// well-formed XML.
pub fn tmx_units(xml: &[u8]) -> usize {
    use quick_xml::events::Event;
    let text = std::str::from_utf8(xml).expect("TMX is UTF-8");
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let (mut tus, mut depth, mut roots) = (0, 0usize, 0);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
                tus += usize::from(e.name().as_ref() == b"tu");
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Empty(e)) => {
                if depth == 0 {
                    roots += 1;
                }
                tus += usize::from(e.name().as_ref() == b"tu");
            }
            Ok(Event::Text(t)) => {
                t.decode().expect("TMX text decodes");
            }
            Ok(Event::GeneralRef(r)) => {
                r.decode().expect("TMX reference decodes");
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("TMX is not well-formed XML: {e}"),
        }
    }
    assert_eq!(depth, 0, "TMX has unclosed elements");
    assert_eq!(roots, 1, "TMX has {roots} root elements");
    tus
}

/// The number of data rows of a CSV file with a header; panics if it does
/// not parse or rows have different lengths.
pub fn csv_rows(bytes: &[u8]) -> usize {
    let mut reader = csv::Reader::from_reader(bytes);
    let width = reader.headers().expect("CSV header").len();
    let mut rows = 0;
    for record in reader.records() {
        let record = record.expect("CSV row parses");
        assert_eq!(record.len(), width, "CSV row width");
        rows += 1;
    }
    rows
}

/// The Word reader (`structured::read(SourceFormat::Docx, …)`).
pub fn docx(data: &[u8]) {
    structured(natalign::import::structured::SourceFormat::Docx, data);
}

/// `pdf` on arbitrary bytes: the PDF reader refuses or reads, never panics;
/// what it reads renders to text the pipeline takes.
pub fn pdf(data: &[u8]) {
    if data.len() > MAX_LEN {
        return;
    }
    if let Ok(doc) = natalign::import::pdf::read(data) {
        let text = doc.render();
        assert!(
            text.ends_with('\n'),
            "rendered PDF text does not end a line"
        );
        let _ = pipeline::load("fuzz.pdf", data);
    }
}

/// A structured reader on arbitrary bytes: either a refusal, or items that
/// render one per line (item `i` on line `2i+1`), and whose rendered text the
/// pipeline loads without panicking.
fn structured(format: natalign::import::structured::SourceFormat, data: &[u8]) {
    use natalign::import::structured::{self, Item};
    if data.len() > MAX_LEN {
        return;
    }
    let Ok(doc) = structured::read(format, data) else {
        return;
    };
    assert!(
        doc.items.iter().any(|i| matches!(i, Item::Block(_))),
        "a document read has a block"
    );
    let text = doc.render();
    assert_eq!(
        text.lines().count(),
        doc.items.len() * 2 - 1,
        "one line per item, a blank line between"
    );
    for (i, _) in doc.items.iter().enumerate() {
        assert!(doc.item_at_line(2 * i + 1).is_some());
    }
    let _ = pipeline::load("fuzz.txt", text.as_bytes());
}

/// The web-page reader (`structured::read(SourceFormat::Html, …)`).
pub fn html(data: &[u8]) {
    structured(natalign::import::structured::SourceFormat::Html, data);
}

/// The Markdown reader (`structured::read(SourceFormat::Markdown, …)`).
pub fn markdown(data: &[u8]) {
    structured(natalign::import::structured::SourceFormat::Markdown, data);
}

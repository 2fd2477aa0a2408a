use std::io::Write;

use super::*;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A .docx holding `parts` (name, XML), deflated.
fn docx(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, xml) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn body(inner: &str) -> String {
    format!("<w:document {W}><w:body>{inner}</w:body></w:document>")
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn numbered(num: u32, level: u8, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
    )
}

fn lines(doc: &Structured) -> Vec<String> {
    doc.items
        .iter()
        .map(|i| match i {
            Item::Block(b) => format!(
                "{:?} {}{}",
                b.kind,
                b.label
                    .as_deref()
                    .map(|l| format!("[{l}] "))
                    .unwrap_or_default(),
                b.text
            ),
            Item::Omitted(o) => format!("omitted ({}) {}", o.reason, o.text),
        })
        .collect()
}

const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Article %1"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>"#;

const STYLES: &str = r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="Art"><w:name w:val="Article"/><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>"#;

fn document(inner: &str) -> Vec<u8> {
    docx(&[
        ("word/document.xml", body(inner)),
        (
            "word/numbering.xml",
            format!("<w:numbering {W}>{NUMBERING}</w:numbering>"),
        ),
        (
            "word/styles.xml",
            format!("<w:styles {W}>{STYLES}</w:styles>"),
        ),
    ])
}

#[test]
fn numbering_resolves_to_printed_labels_and_styles_to_kinds() {
    let inner = [
        "<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>The Agreement</w:t></w:r></w:p>"
            .to_string(),
        "<w:p><w:pPr><w:pStyle w:val=\"Art\"/></w:pPr><w:r><w:t>Definitions</w:t></w:r></w:p>"
            .to_string(),
        numbered(1, 0, "First."),
        numbered(1, 1, "alpha;"),
        numbered(1, 1, "beta."),
        "<w:p/>".to_string(),
        numbered(1, 0, "Second."),
        numbered(1, 1, "gamma."),
        numbered(2, 0, "A bullet."),
        "<w:p><w:pPr><w:pStyle w:val=\"Art\"/></w:pPr><w:r><w:t>Scope</w:t></w:r></w:p>"
            .to_string(),
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Annex</w:t></w:r></w:p>"
            .to_string(),
    ]
    .concat();
    let doc = read(&document(&inner)).unwrap();
    assert_eq!(
        lines(&doc),
        [
            "Title The Agreement",
            "Heading [Article 1] Definitions",
            "Body [1.] First.",
            "Body [(a)] alpha;",
            "Body [(b)] beta.",
            "Body [2.] Second.",
            "Body [(a)] gamma.",
            "ListItem [•] A bullet.",
            "Heading [Article 2] Scope",
            "Heading Annex",
        ]
    );
}

#[test]
fn footnotes_revisions_and_fields() {
    let inner = concat!(
        "<w:p><w:r><w:t>Text</w:t></w:r><w:r><w:footnoteReference w:id=\"5\"/></w:r>",
        "<w:del w:id=\"1\"><w:r><w:delText>old words</w:delText></w:r></w:del>",
        "<w:ins w:id=\"2\"><w:r><w:t xml:space=\"preserve\"> new words</w:t></w:r></w:ins>",
        "<w:del w:id=\"3\"><w:r><w:delText>more</w:delText></w:r></w:del>",
        "<w:r><w:t xml:space=\"preserve\"> on page </w:t></w:r><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>4</w:t></w:r></w:fldSimple>",
        "<w:r><w:t>.</w:t></w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r></w:p>"
    );
    let notes = format!(
        "<w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
         <w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> Second note.</w:t></w:r></w:p></w:footnote>\
         <w:footnote w:id=\"5\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> First note.</w:t></w:r></w:p></w:footnote></w:footnotes>"
    );
    let bytes = docx(&[
        ("word/document.xml", body(inner)),
        ("word/footnotes.xml", notes),
    ]);
    let doc = read(&bytes).unwrap();
    assert_eq!(
        lines(&doc),
        [
            "Body Text new words on page .",
            "omitted (deleted revision) old words more",
            "Footnote [1] First note.",
            "Footnote [2] Second note.",
        ]
    );
}

#[test]
fn a_two_column_bilingual_table_is_two_columns() {
    let rows: String = [
        (
            "The Parties to this Agreement have agreed as follows.",
            "Les Parties au présent accord sont convenues de ce qui suit.",
        ),
        (
            "The Council shall meet when it is necessary for the work.",
            "Le Conseil se réunit lorsque cela est nécessaire pour les travaux.",
        ),
        (
            "This Agreement shall enter into force on the day of its signature.",
            "Le présent accord entre en vigueur le jour de sa signature.",
        ),
    ]
    .iter()
    .map(|(en, fr)| format!("<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>", p(en), p(fr)))
    .collect();
    let inner = format!("{}<w:tbl>{rows}</w:tbl>", p("Agreement / Accord"));
    let doc = read(&docx(&[("word/document.xml", body(&inner))])).unwrap();
    assert_eq!(
        doc.columns.as_deref(),
        Some("two-column table (English left, French right), 3 rows")
    );
    let texts = lines(&doc);
    assert_eq!(texts[0], "Body Agreement / Accord");
    assert_eq!(
        texts[1],
        "Body The Parties to this Agreement have agreed as follows."
    );
    assert_eq!(
        texts[4],
        "Body Les Parties au présent accord sont convenues de ce qui suit."
    );
    // A table in one language is cells.
    let inner = format!(
        "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        p("Name"),
        p("Role")
    );
    let doc = read(&docx(&[("word/document.xml", body(&inner))])).unwrap();
    assert_eq!(doc.columns, None);
    assert_eq!(lines(&doc), ["Cell Name", "Cell Role"]);
}

fn message(bytes: &[u8]) -> String {
    match read(bytes) {
        Err(InputProblem::BadDocument(m)) => m,
        other => panic!("not a bad document: {other:?}"),
    }
}

#[test]
fn bad_files_are_one_line_errors() {
    assert!(message(b"PK\x03\x04 not really a zip word/").starts_with("corrupt DOCX: "));
    let good = document(&p("Hello."));
    assert!(message(&good[..good.len() / 2]).starts_with("corrupt DOCX: "));
    assert_eq!(
        message(&docx(&[("word/other.xml", p("x"))])),
        "corrupt DOCX: no word/document.xml"
    );
    assert!(
        message(&docx(&[("word/document.xml", "<w:body><w:p>".into())]))
            .starts_with("corrupt DOCX: word/document.xml: malformed XML")
    );
    let mut ole = OLE_SIGNATURE.to_vec();
    ole.extend_from_slice(&[0; 64]);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(
        message(&ole),
        "password-protected DOCX: remove the password first"
    );
    assert_eq!(
        crate::import::structured::sniff("locked.bin", &ole),
        SourceFormat::Docx
    );
    for m in [message(&ole), message(&good[..good.len() / 2])] {
        assert!(!m.contains('\n'));
    }
}

#[test]
fn inflating_past_the_limit_is_a_zip_bomb() {
    let big = body(&p(&"zero ".repeat(20_000)));
    let bytes = docx(&[("word/document.xml", big)]);
    assert!(read_limited(&bytes, 1 << 20).is_ok());
    assert_eq!(
        read_limited(&bytes, 50_000).unwrap_err(),
        InputProblem::BadDocument("DOCX inflates past 512 MiB: likely a zip bomb".into())
    );
}

//! CSV: UTF-8, RFC 4180 quoting, a header row, one row per unit (one-sided
//! units included, with their `note`). Sentence units add the `en_sentence` and
//! `fr_sentence` columns after `fr_index`; paragraph units have [`HEADER`]
//! exactly.

use std::io;

use super::{ExportStats, Row, Unit, format_score};

/// The header row of paragraph units.
pub const HEADER: &[&str] = &[
    "en_number",
    "fr_number",
    "en_index",
    "fr_index",
    "en",
    "fr",
    "score",
    "method",
    "note",
    "repairs",
    "en_doc",
    "fr_doc",
];

/// The header row of sentence units.
pub const SENTENCE_HEADER: &[&str] = &[
    "en_number",
    "fr_number",
    "en_index",
    "fr_index",
    "en_sentence",
    "fr_sentence",
    "en",
    "fr",
    "score",
    "method",
    "note",
    "repairs",
    "en_doc",
    "fr_doc",
];

/// Write `rows` of `unit`s as CSV.
///
/// # Errors
/// Any I/O error of `out`.
pub fn write(rows: &[Row], unit: Unit, out: &mut dyn io::Write) -> io::Result<ExportStats> {
    let mut w = ::csv::Writer::from_writer(out);
    let sentence = unit == Unit::Sentence;
    w.write_record(if sentence { SENTENCE_HEADER } else { HEADER })?;
    for r in rows {
        let score = format_score(r.score);
        let repairs = r.repairs.to_string();
        let sentences = [r.en_sentence.as_str(), &r.fr_sentence];
        let sentences = if sentence { &sentences[..] } else { &[] };
        w.write_record(
            [r.en_number.as_str(), &r.fr_number, &r.en_index, &r.fr_index]
                .into_iter()
                .chain(sentences.iter().copied())
                .chain([
                    &r.en, &r.fr, &score, r.method, &r.note, &repairs, &r.en_doc, &r.fr_doc,
                ]),
        )?;
    }
    w.flush()?;
    Ok(ExportStats {
        written: rows.len(),
        skipped_one_sided: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_commas_quotes_and_newlines() {
        let row = Row {
            en_number: "1".into(),
            fr_number: "1".into(),
            en_index: "1".into(),
            fr_index: "1".into(),
            en_sentence: "2".into(),
            fr_sentence: "2+3".into(),
            en: "Allies, \"partners\"\nand others".into(),
            fr: "Alliés".into(),
            score: 0.5,
            method: "anchor",
            note: String::new(),
            repairs: 2,
            en_doc: "a.txt".into(),
            fr_doc: "a.txt".into(),
        };
        let mut out = Vec::new();
        write(std::slice::from_ref(&row), Unit::Paragraph, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "en_number,fr_number,en_index,fr_index,en,fr,score,method,note,repairs,en_doc,fr_doc\n\
             1,1,1,1,\"Allies, \"\"partners\"\"\nand others\",Alliés,0.500,anchor,,2,a.txt,a.txt\n"
        );
        let mut out = Vec::new();
        write(&[row], Unit::Sentence, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "en_number,fr_number,en_index,fr_index,en_sentence,fr_sentence,en,fr,score,method,note,repairs,en_doc,fr_doc\n\
             1,1,1,1,2,2+3,\"Allies, \"\"partners\"\"\nand others\",Alliés,0.500,anchor,,2,a.txt,a.txt\n"
        );
    }
}

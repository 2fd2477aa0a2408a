//! Glossaries as CSV: `en,fr[,severity][,note]`, one English term a row.
//!
//! Input: the decoded text of the file (a byte-order mark already gone).
//! Output: [`Entry`]s in file order. Guarantees:
//! - the delimiter is a comma, a semicolon (what a French spreadsheet
//!   writes) or a tab, whichever splits the rows into two to four columns;
//!   fields may be quoted (RFC 4180, the `csv` crate);
//! - a first row naming its columns (`en,fr`, `EN-GB;FR-CA;severity;note`,
//!   `English,French`) is a header: it may put the columns in any order and
//!   add others, which are passed over; without one the columns are
//!   English, French, severity, note;
//! - several French equivalents are separated by `|`, and so are several
//!   English terms (each its own entry); severity is `error` or `warning`
//!   (default warning); lines starting with `#` and empty lines are passed
//!   over;
//! - a row that cannot be used (one column, an empty term, an unknown
//!   severity, too many columns) is a [`GlossaryError`] with its line.

use ::csv::{ReaderBuilder, StringRecord, Trim};

use super::{Entry, GlossaryError, parse_severity};
use crate::check::Severity;

/// A column of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    En,
    Fr,
    Severity,
    Note,
}

/// The column a header cell names, if any.
fn column(name: &str) -> Option<Column> {
    let name = name.trim().to_lowercase();
    let primary = name.split(['-', '_']).next().unwrap_or_default();
    Some(match (name.as_str(), primary) {
        (_, "en" | "eng") | ("english" | "anglais", _) => Column::En,
        (_, "fr" | "fra" | "fre") | ("french" | "français" | "francais", _) => Column::Fr,
        ("severity" | "sévérité" | "severite" | "level", _) => Column::Severity,
        ("note" | "notes" | "comment" | "comments" | "remarque" | "commentaire", _) => Column::Note,
        _ => return None,
    })
}

/// The rows of `text` split with `delimiter` (comments and blank lines
/// passed over), with their lines.
fn records(text: &str, delimiter: u8) -> Result<Vec<(usize, StringRecord)>, GlossaryError> {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .trim(Trim::All)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    // The reader's positions may point at the blank and comment lines
    // before a record: lines are counted here, as the records come.
    let (mut pos, mut newlines) = (0usize, 0usize);
    let mut line_of = |byte: usize| {
        let mut at = byte.min(text.len());
        while let Some(end) = text[at..].find('\n') {
            let line = &text[at..at + end];
            if !(line.trim().is_empty() || line.starts_with('#')) {
                break;
            }
            at += end + 1;
        }
        if at > pos {
            newlines += memchr::memchr_iter(b'\n', &text.as_bytes()[pos..at]).count();
            pos = at;
        }
        newlines + 1
    };
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            GlossaryError::at(line, format!("not CSV: {e}"))
        })?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = line_of(record.position().map_or(0, |p| p.byte() as usize));
        out.push((line, record));
    }
    Ok(out)
}

/// The delimiter that splits most rows into two to four columns (a comma
/// when it is a tie).
fn delimiter(text: &str) -> u8 {
    let sample: String = text.lines().take(50).collect::<Vec<_>>().join("\n");
    let mut best = (0, b',');
    for d in [b',', b';', b'\t'] {
        let fits = records(&sample, d).map_or(0, |rows| {
            rows.iter()
                .filter(|(_, r)| (2..=4).contains(&r.len()))
                .count()
        });
        if fits > best.0 {
            best = (fits, d);
        }
    }
    best.1
}

/// Read the entries of a CSV glossary.
///
/// # Errors
/// A row that cannot be used, or text that is not CSV, naming its line.
pub fn read(text: &str) -> Result<Vec<Entry>, GlossaryError> {
    let d = delimiter(text);
    let shown = match d {
        b'\t' => "a tab".to_string(),
        d => format!("“{}”", d as char),
    };
    let rows = records(text, d)?;
    let header: Option<Vec<Option<Column>>> = rows.first().and_then(|(_, r)| {
        let cols: Vec<Option<Column>> = r.iter().map(column).collect();
        (cols.contains(&Some(Column::En)) && cols.contains(&Some(Column::Fr))).then_some(cols)
    });
    let layout = header.clone().unwrap_or_else(|| {
        vec![
            Some(Column::En),
            Some(Column::Fr),
            Some(Column::Severity),
            Some(Column::Note),
        ]
    });
    let mut entries = Vec::new();
    for (line, record) in rows.iter().skip(usize::from(header.is_some())) {
        let line = *line;
        if header.is_none() && record.len() > layout.len() {
            return Err(GlossaryError::at(
                line,
                format!(
                    "{} columns separated by {shown}; expected en{s}fr[{s}severity][{s}note] (quote a note that holds {shown})",
                    record.len(),
                    s = sep(d)
                ),
            ));
        }
        let get = |want: Column| -> &str {
            layout
                .iter()
                .position(|c| *c == Some(want))
                .and_then(|i| record.get(i))
                .unwrap_or("")
        };
        let (en, fr) = (get(Column::En), get(Column::Fr));
        if record.len() < 2 {
            return Err(GlossaryError::at(
                line,
                format!(
                    "one column; expected an English term and its French equivalent separated by {shown}"
                ),
            ));
        }
        let split = |s: &str| -> Vec<String> {
            s.split('|')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect()
        };
        let (en_terms, fr_terms) = (split(en), split(fr));
        if en_terms.is_empty() {
            return Err(GlossaryError::at(line, "no English term"));
        }
        if fr_terms.is_empty() {
            return Err(GlossaryError::at(
                line,
                format!("no French equivalent for “{en}”"),
            ));
        }
        let severity = match get(Column::Severity) {
            "" => Severity::Warning,
            s => parse_severity(s).ok_or_else(|| {
                GlossaryError::at(
                    line,
                    format!("severity must be error or warning, not “{s}”"),
                )
            })?,
        };
        let note = Some(get(Column::Note))
            .filter(|n| !n.is_empty())
            .map(String::from);
        for term in en_terms {
            entries.push(Entry {
                en: term,
                fr: fr_terms.clone(),
                severity,
                note: note.clone(),
                line,
            });
        }
    }
    Ok(entries)
}

/// The delimiter as a user would type it in a message.
fn sep(d: u8) -> String {
    match d {
        b'\t' => "<tab>".into(),
        d => (d as char).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Glossary;

    fn read_bytes(bytes: &[u8]) -> Result<Vec<Entry>, GlossaryError> {
        Glossary::parse(bytes).map(|g| g.entries().to_vec())
    }

    fn pairs(entries: &[Entry]) -> Vec<(String, Vec<String>, Severity)> {
        entries
            .iter()
            .map(|e| (e.en.clone(), e.fr.clone(), e.severity))
            .collect()
    }

    #[test]
    fn without_header() {
        let e = read("NATO,OTAN\nCouncil,Conseil,error,the body of Article 9\n").unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!((e[0].line, e[1].line), (1, 2));
        assert_eq!(e[1].severity, Severity::Error);
        assert_eq!(e[1].note.as_deref(), Some("the body of Article 9"));
        assert_eq!(e[0].severity, Severity::Warning);
    }

    #[test]
    fn with_header_in_any_order_and_extra_columns() {
        let e = read("FR-CA,domain,EN-GB,note\n\"Conseil, le\",law,Council,\n").unwrap();
        assert_eq!(
            pairs(&e),
            [(
                "Council".into(),
                vec!["Conseil, le".to_string()],
                Severity::Warning
            )]
        );
        assert_eq!(e[0].line, 2);
        let e = read("en,fr\nCouncil,Conseil\n").unwrap();
        assert_eq!(e.len(), 1);
    }

    #[test]
    fn bom_quotes_and_alternatives() {
        let bytes = "\u{feff}en,fr,severity,note\n\"Ally|Allies\",\"Allié|Alliée\",Error,\"a note, with a comma\"\n"
            .as_bytes();
        let e = read_bytes(bytes).unwrap();
        assert_eq!(
            pairs(&e),
            [
                (
                    "Ally".into(),
                    vec!["Allié".to_string(), "Alliée".to_string()],
                    Severity::Error
                ),
                (
                    "Allies".into(),
                    vec!["Allié".to_string(), "Alliée".to_string()],
                    Severity::Error
                ),
            ]
        );
        assert_eq!(e[0].note.as_deref(), Some("a note, with a comma"));
    }

    #[test]
    fn semicolons_tabs_and_comments() {
        let e = read("# NATO terms\nen;fr;severity\nNorth Atlantic Council;Conseil de l’Atlantique Nord;error\n\nNATO;OTAN\n").unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].fr, ["Conseil de l’Atlantique Nord"]);
        assert_eq!(e[1].line, 5);
        let e = read("NATO\tOTAN\nstaff\tpersonnel\twarning\tcommas, here\n").unwrap();
        assert_eq!(e[1].note.as_deref(), Some("commas, here"));
    }

    #[test]
    fn bad_rows_name_their_line() {
        for (text, says) in [
            ("NATO,OTAN\nCouncil\n", "line 2: one column"),
            (
                "NATO,OTAN\nCouncil,,error\n",
                "line 2: no French equivalent for “Council”",
            ),
            ("NATO,OTAN\n,Conseil\n", "line 2: no English term"),
            (
                "NATO,OTAN,fatal\n",
                "line 1: severity must be error or warning, not “fatal”",
            ),
            (
                "NATO,OTAN,error,note,more\n",
                "line 1: 5 columns separated by “,”",
            ),
        ] {
            let err = read_bytes(text.as_bytes()).unwrap_err().to_string();
            assert!(err.contains(says), "{text:?}: {err}");
        }
    }
}

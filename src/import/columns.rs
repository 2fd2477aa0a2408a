//! Two language columns side by side: which language each column of a table
//! is in, shared by the readers that meet tables (web pages, Markdown, Word).
//!
//! Input: a table's rows, each a list of cell texts. Output: the languages of
//! the left and right columns when the table is a bilingual two-column table,
//! else `None`. Guarantees: only tables whose rows have two cells (a title row
//! or a stray row of another width is allowed, one in five at most) qualify;
//! each column's text is joined and judged by [`crate::langid::evidence`], and
//! both columns must lean clearly, and opposite ways; a table in one language,
//! or with too little text to tell, is not one. Never panics.

use std::collections::HashMap;

use crate::document::Lang;
use crate::import::structured::{Columns, Item, SourceFormat, Structured};

/// Log-odds (nats) from which a column's joined text clearly leans one way.
const CLEARLY: f64 = 2.0;

/// The languages of a two-column bilingual table's (left, right) columns:
/// `Some((Lang::En, Lang::Fr))` for English left and French right, `None`
/// when `rows` is not such a table. See the module documentation.
pub fn language_columns(rows: &[Vec<String>]) -> Option<(Lang, Lang)> {
    let two: Vec<&Vec<String>> = rows.iter().filter(|r| r.len() == 2).collect();
    if two.is_empty() || two.len() * 5 < rows.len() * 4 {
        return None;
    }
    let column = |i: usize| -> String {
        two.iter()
            .map(|r| r[i].as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    column_languages(&column(0), &column(1))
}

/// The languages of two columns' joined texts, when they lean clearly and
/// opposite ways.
pub fn column_languages(left: &str, right: &str) -> Option<(Lang, Lang)> {
    let (l, r) = (
        crate::langid::evidence(left),
        crate::langid::evidence(right),
    );
    if l >= CLEARLY && r <= -CLEARLY {
        Some((Lang::En, Lang::Fr))
    } else if l <= -CLEARLY && r >= CLEARLY {
        Some((Lang::Fr, Lang::En))
    } else {
        None
    }
}

/// A column's language in words, for layout descriptions (`English`).
pub fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Fr => "French",
    }
}

/// A bilingual table a reader found: the indices, in its items, of the
/// blocks of each column, the columns' languages and the number of rows.
#[derive(Debug, Clone)]
pub struct Found {
    /// Items of the left column.
    pub left: Vec<usize>,
    /// Items of the right column.
    pub right: Vec<usize>,
    /// Languages of the (left, right) columns.
    pub langs: (Lang, Lang),
    /// Rows of the table.
    pub rows: usize,
}

/// A document whose `items` hold the bilingual tables `found` (not empty):
/// the tables' columns side by side, every other block on the side of its
/// language (declared, else judged by [`crate::langid::evidence`], else the
/// left side), omitted items kept; the layout says what was found
/// (`two-column table (English left, French right), 41 rows`).
pub fn into_columns(format: SourceFormat, items: Vec<Item>, found: &[Found]) -> Structured {
    let Some(first) = found.first() else {
        return Structured::new(format, items);
    };
    let (l, r) = first.langs;
    let rows: usize = found.iter().map(|b| b.rows).sum();
    let mut side: HashMap<usize, bool> = HashMap::new();
    for b in found {
        let flip = b.langs.0 != l;
        side.extend(b.left.iter().map(|&i| (i, flip)));
        side.extend(b.right.iter().map(|&i| (i, !flip)));
    }
    let (mut left, mut right, mut omitted) = (Vec::new(), Vec::new(), Vec::new());
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Item::Omitted(o) => omitted.push(o),
            Item::Block(b) => {
                let is_right = match side.get(&i) {
                    Some(&s) => s,
                    None => {
                        let lang = b.lang.or_else(|| {
                            let e = crate::langid::evidence(&b.text);
                            (e != 0.0).then_some(if e > 0.0 { Lang::En } else { Lang::Fr })
                        });
                        lang == Some(r)
                    }
                };
                if is_right {
                    right.push(b);
                } else {
                    left.push(b);
                }
            }
        }
    }
    let tables = if found.len() == 1 {
        "two-column table".to_string()
    } else {
        format!("{} two-column tables", found.len())
    };
    let layout = format!(
        "{tables} ({} left, {} right), {rows} rows",
        language_name(l),
        language_name(r)
    );
    Structured::from_columns(
        format,
        Columns {
            layout,
            left,
            right,
        },
        omitted,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(pairs: &[(&str, &str)]) -> Vec<Vec<String>> {
        pairs
            .iter()
            .map(|(a, b)| vec![a.to_string(), b.to_string()])
            .collect()
    }

    #[test]
    fn english_left_french_right_and_the_reverse() {
        let t = rows(&[
            (
                "The Parties agree that the Organisation shall have legal personality.",
                "Les Parties conviennent que l’Organisation possède la personnalité juridique.",
            ),
            (
                "This Agreement shall be open for signature by the Member States.",
                "Le présent Accord est ouvert à la signature des États membres.",
            ),
        ]);
        assert_eq!(language_columns(&t), Some((Lang::En, Lang::Fr)));
        let swapped: Vec<Vec<String>> =
            t.iter().map(|r| vec![r[1].clone(), r[0].clone()]).collect();
        assert_eq!(language_columns(&swapped), Some((Lang::Fr, Lang::En)));
    }

    #[test]
    fn one_language_data_or_other_widths_are_not_columns() {
        let en = rows(&[(
            "The Parties agree that the Organisation shall act.",
            "The Council shall meet in the spring of each year.",
        )]);
        assert_eq!(language_columns(&en), None);
        assert_eq!(
            language_columns(&rows(&[("1951", "1952"), ("12", "13")])),
            None
        );
        let three = vec![vec!["a".to_string(), "b".to_string(), "c".to_string()]];
        assert_eq!(language_columns(&three), None);
        assert_eq!(language_columns(&[]), None);
    }
}

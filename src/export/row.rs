//! [`Row`]: one aligned unit flattened for output, so every format agrees on
//! labels, indices, texts and scores. Built from an [`Alignment`] (paragraph
//! units) or from its [`SentenceAlignment`] (sentence units), with the
//! paragraphs set aside for their language ([`Aside`]) in place among them:
//! one-sided rows whose note names the language, written in the column of
//! their language (English in the French document goes in `en`). Texts are
//! the paragraphs' texts, labels left to the number columns, or with
//! [`ExportOptions::keep_labels`] as printed: each label before its
//! paragraph (or its paragraph's first sentence), never twice for a heading
//! that holds it.

use super::ExportOptions;
use crate::align::sentence::{SentenceAlignment, SentenceUnit};
use crate::align::{AlignedUnit, Alignment, Aside, AsideLanguage, Method, Side};
use crate::document::{Lang, Paragraph};

/// One unit, flattened for output. For a sentence unit, the paragraph fields
/// (`*_number`, `*_index`, `*_doc`, `repairs`, `method`) are those of the
/// paragraph unit holding the sentences.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Row {
    /// The printed labels of the English paragraphs (`3`, `Article 3`, `(a)`),
    /// joined with `+`; empty when none.
    pub en_number: String,
    /// The printed labels of the French paragraphs.
    pub fr_number: String,
    /// 1-based positions among the English paragraphs, joined with `+`.
    pub en_index: String,
    /// 1-based positions among the French paragraphs, joined with `+`.
    pub fr_index: String,
    /// 1-based positions of the English sentences within the paragraph unit,
    /// joined with `+`; empty for paragraph units.
    pub en_sentence: String,
    /// 1-based positions of the French sentences within the paragraph unit.
    pub fr_sentence: String,
    /// The English text (paragraphs joined with a space).
    pub en: String,
    /// The French text.
    pub fr: String,
    /// Agreement score in [0, 1].
    pub score: f64,
    /// How the unit was found (`anchor`, `anchor+dp`, `dp`, `forced`).
    pub method: std::borrow::Cow<'static, str>,
    /// Why the unit is one-sided; empty for pairs.
    pub note: String,
    /// Encoding repairs made inside the unit's paragraphs (both sides): a
    /// translator may want to review guessed characters.
    pub repairs: usize,
    /// The English source document.
    pub en_doc: String,
    /// The French source document.
    pub fr_doc: String,
    /// Remarks to carry with the unit (consistency findings): TMX `<note>`s,
    /// JSONL `notes`.
    pub notes: Vec<String>,
    /// Corpus mode: how many times the unit was seen (0 outside corpus mode).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub copies: usize,
    /// Corpus mode: where each copy was seen (`EN doc | FR doc | unit n`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provenance: Vec<String>,
    /// For a paragraph in neither English nor French, set aside: its
    /// language (`de`, `ru`, `und`). Formats that label text with a
    /// language (TMX) never write such a row.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub other: String,
    /// What the score of a paragraph pair was computed from (JSONL only;
    /// none for one-sided and sentence units).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<crate::align::score::Evidence>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Row {
    /// Whether both sides have text.
    pub fn is_pair(&self) -> bool {
        !self.en.is_empty() && !self.fr.is_empty()
    }
}

/// Flatten an alignment into rows, in unit order (texts without their
/// labels).
pub fn rows(alignment: &Alignment) -> Vec<Row> {
    paragraph_rows(alignment, false)
}

fn paragraph_rows(alignment: &Alignment, keep_labels: bool) -> Vec<Row> {
    alignment
        .units
        .iter()
        .map(|unit| row(alignment, unit, keep_labels))
        .collect()
}

/// 0-based positions as written in files: 1-based, joined with `+`.
fn indices(idx: &[usize]) -> String {
    idx.iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join("+")
}

/// Flatten the sentence units of `sentences` into rows, in unit order (texts
/// without their labels).
pub fn sentence_rows(alignment: &Alignment, sentences: &SentenceAlignment) -> Vec<Row> {
    sentence_rows_with(alignment, sentences, false)
}

fn sentence_rows_with(
    alignment: &Alignment,
    sentences: &SentenceAlignment,
    keep_labels: bool,
) -> Vec<Row> {
    let paragraphs = rows(alignment);
    let text = |unit: &SentenceUnit, lang: Lang| {
        if keep_labels {
            labelled_sentences(alignment, sentences, unit, lang)
        } else {
            sentences.text(unit, lang).to_string()
        }
    };
    sentences
        .units
        .iter()
        .map(|unit| Row {
            en_sentence: indices(&unit.en),
            fr_sentence: indices(&unit.fr),
            en: text(unit, Lang::En),
            fr: text(unit, Lang::Fr),
            score: unit.score,
            method: unit.method.as_str().into(),
            note: unit.note.clone().unwrap_or_default(),
            evidence: None,
            ..paragraphs[unit.unit].clone()
        })
        .collect()
}

/// The paragraphs of one side of a unit, as printed: each one's label
/// ([`crate::document::Paragraph::printed_label`]) before its text, joined with a space.
fn labelled_paragraphs(alignment: &Alignment, unit: &AlignedUnit, lang: Lang) -> String {
    let (side, idx) = side(alignment, unit, lang);
    idx.iter()
        .map(|&i| side.paragraphs[i].printed())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of one side of a sentence unit, with the label of each
/// paragraph whose first sentence it holds before that sentence: the label
/// opens the paragraph, so it goes with its first sentence.
fn labelled_sentences(
    alignment: &Alignment,
    sentences: &SentenceAlignment,
    unit: &SentenceUnit,
    lang: Lang,
) -> String {
    let (split, idx) = match lang {
        Lang::En => (&sentences.en[unit.unit], &unit.en),
        Lang::Fr => (&sentences.fr[unit.unit], &unit.fr),
    };
    let (Some(&first), Some(&last)) = (idx.first(), idx.last()) else {
        return String::new();
    };
    let (start, end) = (split.ranges[first].start, split.ranges[last].end);
    let (side, paragraphs) = side(alignment, &alignment.units[unit.unit], lang);
    let mut out = String::with_capacity(end - start + 16);
    let mut at = start;
    // Paragraphs lie in the unit's text joined with one space, as
    // `Sentences` splits them.
    let mut offset = 0;
    for &i in paragraphs {
        let p = &side.paragraphs[i];
        let opening = split
            .ranges
            .iter()
            .position(|r| r.start >= offset && r.start < offset + p.text.len());
        if let (Some(label), Some(k)) = (p.printed_label(), opening) {
            if (first..=last).contains(&k) {
                let pos = split.ranges[k].start;
                out.push_str(&split.text[at..pos]);
                out.push_str(label);
                out.push(' ');
                at = pos;
            }
        }
        offset += p.text.len() + 1;
    }
    out.push_str(&split.text[at..end]);
    out
}

/// One side of the alignment and a unit's paragraph indices on it.
fn side<'a>(
    alignment: &'a Alignment,
    unit: &'a AlignedUnit,
    lang: Lang,
) -> (&'a crate::align::Side, &'a [usize]) {
    match lang {
        Lang::En => (&alignment.en, &unit.en),
        Lang::Fr => (&alignment.fr, &unit.fr),
    }
}

fn row(alignment: &Alignment, unit: &AlignedUnit, keep_labels: bool) -> Row {
    let labels = |lang: Lang| {
        let (side, idx) = side(alignment, unit, lang);
        idx.iter()
            .filter_map(|&i| label(&side.paragraphs[i]))
            .collect::<Vec<_>>()
            .join("+")
    };
    let doc = |lang: Lang, idx: &[usize]| {
        if idx.is_empty() {
            String::new()
        } else if lang == Lang::En {
            alignment.en.document.clone()
        } else {
            alignment.fr.document.clone()
        }
    };
    let text = |lang: Lang| {
        if keep_labels {
            labelled_paragraphs(alignment, unit, lang)
        } else {
            alignment.text(unit, lang)
        }
    };
    Row {
        en_number: labels(Lang::En),
        fr_number: labels(Lang::Fr),
        en_index: indices(&unit.en),
        fr_index: indices(&unit.fr),
        en_sentence: String::new(),
        fr_sentence: String::new(),
        en: text(Lang::En),
        fr: text(Lang::Fr),
        score: unit.score,
        method: unit.method.as_str().into(),
        note: unit.note.clone().unwrap_or_default(),
        repairs: unit
            .en
            .iter()
            .map(|&i| alignment.en.paragraphs[i].repairs)
            .chain(unit.fr.iter().map(|&i| alignment.fr.paragraphs[i].repairs))
            .sum(),
        en_doc: doc(Lang::En, &unit.en),
        fr_doc: doc(Lang::Fr, &unit.fr),
        notes: Vec::new(),
        copies: 0,
        provenance: Vec::new(),
        other: String::new(),
        evidence: unit.evidence,
    }
}

/// A paragraph's printed label as the number columns show it (`3`,
/// `Article 3`, `(a)`: its closing punctuation trimmed; markdown `#` none).
fn label(p: &Paragraph) -> Option<String> {
    p.label.as_deref().filter(|l| !l.starts_with('#')).map(|l| {
        l.trim_end_matches(['.', ':', '—', '–', '-', ' '])
            .to_string()
    })
}

/// The one-sided row of a paragraph set aside from `side`.
fn aside_row(side: &Side, aside: &Aside, keep_labels: bool) -> Row {
    let p = &aside.paragraph;
    let text = if keep_labels {
        p.printed()
    } else {
        p.text.clone()
    };
    let column = aside.column(side.lang);
    let on = |lang: Lang, value: String| if lang == column { value } else { String::new() };
    Row {
        en_number: on(Lang::En, label(p).unwrap_or_default()),
        fr_number: on(Lang::Fr, label(p).unwrap_or_default()),
        en_index: String::new(),
        fr_index: String::new(),
        en_sentence: String::new(),
        fr_sentence: String::new(),
        en: on(Lang::En, text.clone()),
        fr: on(Lang::Fr, text),
        score: 0.0,
        method: Method::Language.as_str().into(),
        note: aside.note(side.lang),
        repairs: p.repairs,
        en_doc: on(Lang::En, side.document.clone()),
        fr_doc: on(Lang::Fr, side.document.clone()),
        notes: Vec::new(),
        copies: 0,
        provenance: Vec::new(),
        other: match &aside.language {
            AsideLanguage::Other(code) => code.clone(),
            AsideLanguage::Pair(_) => String::new(),
        },
        evidence: None,
    }
}

/// Rows of the units of an alignment: paragraph units, or the sentence units
/// of `sentences`, with texts as `options.keep_labels` asks; no paragraph set
/// aside (see [`with_aside`]).
pub fn unit_rows(
    alignment: &Alignment,
    sentences: Option<&SentenceAlignment>,
    options: &ExportOptions,
) -> Vec<Row> {
    match sentences {
        Some(s) => sentence_rows_with(alignment, s, options.keep_labels),
        None => paragraph_rows(alignment, options.keep_labels),
    }
}

/// Every row of an alignment: those of its units ([`unit_rows`]), with the
/// paragraphs set aside for their language in place ([`with_aside`]).
pub fn rows_for(
    alignment: &Alignment,
    sentences: Option<&SentenceAlignment>,
    options: &ExportOptions,
) -> Vec<Row> {
    let rows = unit_rows(alignment, sentences, options);
    with_aside(alignment, rows, sentences, options)
}

/// `rows`, the rows of the units of `alignment` (one per unit, or per
/// sentence unit of `sentences`), with the paragraphs each side set aside
/// placed before the first row of the unit they stood before in their
/// document, and those after every unit at the end.
pub fn with_aside(
    alignment: &Alignment,
    rows: Vec<Row>,
    sentences: Option<&SentenceAlignment>,
    options: &ExportOptions,
) -> Vec<Row> {
    alignment.interleave_aside(
        rows,
        |k| sentences.map_or(k, |s| s.units[k].unit),
        |side, a| aside_row(side, a, options.keep_labels),
    )
}

/// A row for exporter tests.
#[cfg(test)]
pub(crate) fn test_row(en: &str, fr: &str) -> Row {
    Row {
        en_number: "1".into(),
        fr_number: "1".into(),
        en_index: "1".into(),
        fr_index: "1".into(),
        en_sentence: String::new(),
        fr_sentence: String::new(),
        en: en.into(),
        fr: fr.into(),
        score: 0.5,
        method: "anchor".into(),
        note: String::new(),
        repairs: 0,
        en_doc: "a.txt".into(),
        fr_doc: "a.txt".into(),
        notes: Vec::new(),
        copies: 0,
        provenance: Vec::new(),
        other: String::new(),
        evidence: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::sentence::Sentences;
    use crate::align::{Method, Side};
    use crate::document::Paragraph;

    fn side(lang: Lang, text: &str) -> Side {
        Side::new(
            format!("{lang}.txt"),
            lang,
            crate::segment::segment(text)
                .into_iter()
                .filter(Paragraph::is_text)
                .collect(),
        )
    }

    /// An English heading and two numbered paragraphs merged against one
    /// French paragraph: a heading's label is never written twice, and each
    /// numbered paragraph's label goes where that paragraph starts.
    fn alignment() -> Alignment {
        Alignment {
            en: side(
                Lang::En,
                "Article 8 Currency\n\n1. First one. Second one.\n\n2. Third one.\n",
            ),
            fr: side(
                Lang::Fr,
                "Article 8 Devises\n\n1. Premier. Deuxième. Troisième.\n",
            ),
            units: vec![
                AlignedUnit {
                    en: vec![0],
                    fr: vec![0],
                    score: 1.0,
                    method: Method::Anchor,
                    note: None,
                    evidence: None,
                },
                AlignedUnit {
                    en: vec![1, 2],
                    fr: vec![1],
                    score: 1.0,
                    method: Method::AnchorDp,
                    note: None,
                    evidence: None,
                },
            ],
        }
    }

    fn options(keep_labels: bool) -> ExportOptions {
        ExportOptions {
            keep_labels,
            ..ExportOptions::default()
        }
    }

    /// The (English, French) texts of the rows.
    fn texts(
        a: &Alignment,
        sentences: Option<&SentenceAlignment>,
        keep_labels: bool,
    ) -> Vec<(String, String)> {
        rows_for(a, sentences, &options(keep_labels))
            .into_iter()
            .map(|r| (r.en, r.fr))
            .collect()
    }

    #[test]
    fn paragraph_texts_with_and_without_their_labels() {
        let a = alignment();
        let texts = |keep| texts(&a, None, keep);
        assert_eq!(
            texts(false),
            [
                ("Article 8 Currency".into(), "Article 8 Devises".into()),
                (
                    "First one. Second one. Third one.".into(),
                    "Premier. Deuxième. Troisième.".into()
                ),
            ]
        );
        assert_eq!(
            texts(true),
            [
                ("Article 8 Currency".into(), "Article 8 Devises".into()),
                (
                    "1. First one. Second one. 2. Third one.".into(),
                    "1. Premier. Deuxième. Troisième.".into()
                ),
            ]
        );
    }

    #[test]
    fn in_sentence_units_a_label_opens_its_paragraphs_first_sentence() {
        let a = alignment();
        let split = |text: &str, ranges: &[(usize, usize)]| Sentences {
            text: text.into(),
            ranges: ranges.iter().map(|&(a, b)| a..b).collect(),
        };
        let unit = |unit, en: Vec<usize>, fr: Vec<usize>| SentenceUnit {
            unit,
            en,
            fr,
            score: 1.0,
            method: Method::AnchorDp,
            note: None,
        };
        // The second English sentence unit crosses from paragraph 1. into 2.
        let sentences = SentenceAlignment {
            en: vec![
                split("Article 8 Currency", &[(0, 18)]),
                split(
                    "First one. Second one. Third one.",
                    &[(0, 10), (11, 22), (23, 33)],
                ),
            ],
            fr: vec![
                split("Article 8 Devises", &[(0, 17)]),
                split(
                    "Premier. Deuxième. Troisième.",
                    &[(0, 8), (9, 19), (20, 31)],
                ),
            ],
            units: vec![
                unit(0, vec![0], vec![0]),
                unit(1, vec![0], vec![0]),
                unit(1, vec![1, 2], vec![1, 2]),
            ],
        };
        let texts = |keep| texts(&a, Some(&sentences), keep);
        assert_eq!(
            texts(true),
            [
                ("Article 8 Currency".into(), "Article 8 Devises".into()),
                ("1. First one.".into(), "1. Premier.".into()),
                (
                    "Second one. 2. Third one.".into(),
                    "Deuxième. Troisième.".into()
                ),
            ]
        );
        assert_eq!(texts(false)[2].0, "Second one. Third one.");
    }
}

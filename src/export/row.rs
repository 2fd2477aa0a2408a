//! [`Row`]: one aligned unit flattened for output, so every format agrees on
//! labels, indices, texts and scores. Built from an [`Alignment`] (paragraph
//! units) or from its [`SentenceAlignment`] (sentence units), with the
//! paragraphs set aside for their language ([`Aside`]) in place among them:
//! one-sided rows whose note names the language, written in the column of
//! their language (English in the French document goes in `en`).

use crate::align::sentence::SentenceAlignment;
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

/// Flatten an alignment into rows, in unit order.
pub fn rows(alignment: &Alignment) -> Vec<Row> {
    alignment
        .units
        .iter()
        .map(|unit| row(alignment, unit))
        .collect()
}

/// 0-based positions as written in files: 1-based, joined with `+`.
fn indices(idx: &[usize]) -> String {
    idx.iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join("+")
}

/// Flatten the sentence units of `sentences` into rows, in unit order.
pub fn sentence_rows(alignment: &Alignment, sentences: &SentenceAlignment) -> Vec<Row> {
    let paragraphs = rows(alignment);
    sentences
        .units
        .iter()
        .map(|unit| Row {
            en_sentence: indices(&unit.en),
            fr_sentence: indices(&unit.fr),
            en: sentences.text(unit, Lang::En).to_string(),
            fr: sentences.text(unit, Lang::Fr).to_string(),
            score: unit.score,
            method: unit.method.as_str().into(),
            note: unit.note.clone().unwrap_or_default(),
            ..paragraphs[unit.unit].clone()
        })
        .collect()
}

fn row(alignment: &Alignment, unit: &AlignedUnit) -> Row {
    let labels = |lang: Lang, idx: &[usize]| {
        let side = match lang {
            Lang::En => &alignment.en,
            Lang::Fr => &alignment.fr,
        };
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
    Row {
        en_number: labels(Lang::En, &unit.en),
        fr_number: labels(Lang::Fr, &unit.fr),
        en_index: indices(&unit.en),
        fr_index: indices(&unit.fr),
        en_sentence: String::new(),
        fr_sentence: String::new(),
        en: alignment.text(unit, Lang::En),
        fr: alignment.text(unit, Lang::Fr),
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
fn aside_row(side: &Side, aside: &Aside) -> Row {
    let p = &aside.paragraph;
    let column = aside.column(side.lang);
    let on = |lang: Lang, value: String| if lang == column { value } else { String::new() };
    Row {
        en_number: on(Lang::En, label(p).unwrap_or_default()),
        fr_number: on(Lang::Fr, label(p).unwrap_or_default()),
        en_index: String::new(),
        fr_index: String::new(),
        en_sentence: String::new(),
        fr_sentence: String::new(),
        en: on(Lang::En, p.text.clone()),
        fr: on(Lang::Fr, p.text.clone()),
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
    }
}

/// Rows of the units of an alignment: paragraph units, or the sentence units
/// of `sentences`; no paragraph set aside (see [`with_aside`]).
pub fn unit_rows(alignment: &Alignment, sentences: Option<&SentenceAlignment>) -> Vec<Row> {
    match sentences {
        Some(s) => sentence_rows(alignment, s),
        None => rows(alignment),
    }
}

/// Every row of an alignment: those of its units ([`unit_rows`]), with the
/// paragraphs set aside for their language in place ([`with_aside`]).
pub fn rows_for(alignment: &Alignment, sentences: Option<&SentenceAlignment>) -> Vec<Row> {
    with_aside(alignment, unit_rows(alignment, sentences), sentences)
}

/// `rows`, the rows of the units of `alignment` (one per unit, or per
/// sentence unit of `sentences`), with the paragraphs each side set aside
/// placed before the first row of the unit they stood before in their
/// document, and those after every unit at the end.
pub fn with_aside(
    alignment: &Alignment,
    rows: Vec<Row>,
    sentences: Option<&SentenceAlignment>,
) -> Vec<Row> {
    let (en, fr) = (&alignment.en, &alignment.fr);
    if en.aside.is_empty() && fr.aside.is_empty() {
        return rows;
    }
    let mut out = Vec::with_capacity(rows.len() + en.aside.len() + fr.aside.len());
    let (mut next_en, mut next_fr) = (0, 0);
    // Move the asides of `side` standing before its paragraph `at`.
    let flush = |out: &mut Vec<Row>, side: &Side, next: &mut usize, at: usize| {
        while let Some(a) = side.aside.get(*next).filter(|a| a.before <= at) {
            out.push(aside_row(side, a));
            *next += 1;
        }
    };
    let mut last_unit = None;
    for (k, row) in rows.into_iter().enumerate() {
        let u = sentences.map_or(k, |s| s.units[k].unit);
        if last_unit != Some(u) {
            let unit = &alignment.units[u];
            if let Some(&i) = unit.en.first() {
                flush(&mut out, en, &mut next_en, i);
            }
            if let Some(&j) = unit.fr.first() {
                flush(&mut out, fr, &mut next_fr, j);
            }
            last_unit = Some(u);
        }
        out.push(row);
    }
    flush(&mut out, en, &mut next_en, usize::MAX);
    flush(&mut out, fr, &mut next_fr, usize::MAX);
    out
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
    }
}

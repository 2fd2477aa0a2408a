//! The document model that flows between the stages.
//!
//! [`crate::segment`] produces [`Paragraph`]s, [`crate::langid`] fills in their
//! language, and [`crate::align`] pairs them. A [`Document`] keeps every
//! paragraph of a file, noise included, so nothing is lost on the way.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A language natalign aligns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
}

impl Lang {
    /// The ISO 639-1 code (`en`, `fr`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The English name of the language, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "French",
        }
    }

    /// The English name in lower case, for notes (`english-in-french`).
    pub fn name_lower(self) -> &'static str {
        match self {
            Lang::En => "english",
            Lang::Fr => "french",
        }
    }

    /// The other language of the pair.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Fr,
            Lang::Fr => Lang::En,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What a paragraph is, as a reader of the page would see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParagraphKind {
    /// The document's title (first line, heading-like).
    Title,
    /// A heading: markdown `#`, `Article 8`, `PART I General`, a short line.
    Heading,
    /// Metadata: dateline, press-release line, `Source: NATO`.
    Metadata,
    /// A paragraph opened by a printed number (`1.`, `1)`, `1.1`, `1 `).
    Numbered,
    /// An unnumbered paragraph of running text.
    Body,
    /// An item of a list (`(a)`, `a)`, `(i)`, bullets).
    ListItem,
    /// A footnote or endnote (from a format that marks them: Word), after
    /// the body; aligned like any paragraph.
    Footnote,
    /// Not text: table remnants, rules, page numbers, running headers.
    Noise,
}

impl ParagraphKind {
    /// Stable lowercase name, used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ParagraphKind::Title => "title",
            ParagraphKind::Heading => "heading",
            ParagraphKind::Metadata => "metadata",
            ParagraphKind::Numbered => "numbered",
            ParagraphKind::Body => "body",
            ParagraphKind::ListItem => "list-item",
            ParagraphKind::Footnote => "footnote",
            ParagraphKind::Noise => "noise",
        }
    }
}

/// A printed number parsed into a comparable key.
///
/// `Article premier`, `ARTICLE I` and `Article 1` all give `Article 1`; `(a)` and
/// `a)` give `(a)`; items under an article keep it as context (`Article 1 (a)`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NumberKey(pub String);

impl NumberKey {
    /// The key as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for NumberKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One paragraph of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// What kind of paragraph this is.
    pub kind: ParagraphKind,
    /// The printed label as it appears (`1.`, `(a)`, `Article 3`), if any.
    pub label: Option<String>,
    /// The label parsed into a comparable key, with its context.
    pub key: Option<NumberKey>,
    /// The text, lines joined and whitespace folded. For a numbered paragraph or
    /// list item the label is removed; headings keep their whole text.
    pub text: String,
    /// The 1-based source lines, end exclusive.
    pub lines: Range<usize>,
    /// The byte range of the paragraph in the (repaired) source text.
    pub span: Range<usize>,
    /// The language, once [`crate::langid`] has run: English or French.
    pub lang: Option<Lang>,
    /// Another language than English and French, once [`crate::langid`] has
    /// run: its code (`de`, `ru`; `und` when unknown); `lang` is then `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
    /// Confidence in `lang`, in [0, 1].
    pub confidence: f32,
    /// For noise: why it is not text.
    pub reason: Option<String>,
    /// How many encoding repairs fall inside this paragraph.
    pub repairs: usize,
}

impl Paragraph {
    /// Whether this paragraph carries text to align (everything but noise).
    pub fn is_text(&self) -> bool {
        self.kind != ParagraphKind::Noise
    }

    /// The label printed before `text`, which does not hold it: a numbered
    /// paragraph's or an item's (`1.`, `(a)`, `Article 3.`, a bullet). None
    /// for a heading: `Article 8` keeps its label in `text`, and a markdown
    /// `#` is not printed.
    pub fn printed_label(&self) -> Option<&str> {
        self.label
            .as_deref()
            .filter(|_| self.kind != ParagraphKind::Heading)
    }

    /// The paragraph as printed: its label, then its text. Headings such as
    /// `Article 8` keep their label in `text`; a markdown `#` is not printed.
    pub fn printed(&self) -> String {
        match self.printed_label() {
            Some(label) => format!("{label} {}", self.text),
            None => self.text.clone(),
        }
    }
}

/// A decoded, repaired and segmented file.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// The name the user gave (a path, or `-` for standard input).
    pub name: String,
    /// The encoding the bytes were decoded with.
    pub encoding: String,
    /// The format the file was read as (plain text, Word, a web page…).
    pub format: crate::import::structured::SourceFormat,
    /// The layout found, when the format holds the two languages side by
    /// side (`two-column table, English left`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
    /// Every repair made to the decoded text (spans in the repaired text).
    pub repairs: Vec<crate::repair::Repair>,
    /// Every paragraph, noise included, in source order.
    pub paragraphs: Vec<Paragraph>,
}

impl Document {
    /// The languages present among the text paragraphs.
    pub fn languages(&self) -> Vec<Lang> {
        let mut langs: Vec<Lang> = self
            .paragraphs
            .iter()
            .filter(|p| p.is_text())
            .filter_map(|p| p.lang)
            .collect();
        langs.sort();
        langs.dedup();
        langs
    }

    /// How many letters of text the document holds in English, in French and
    /// in other languages.
    pub fn language_mix(&self) -> LanguageMix {
        let mut mix = LanguageMix::default();
        let mut others: Vec<(&str, usize)> = Vec::new();
        for p in self.paragraphs.iter().filter(|p| p.is_text()) {
            let n = crate::text::letters(&p.text);
            match (p.lang, p.other.as_deref()) {
                (Some(Lang::En), _) => mix.en += n,
                (Some(Lang::Fr), _) => mix.fr += n,
                (None, Some(code)) => {
                    mix.other += n;
                    match others.iter_mut().find(|(c, _)| *c == code) {
                        Some(o) => o.1 += n,
                        None => others.push((code, n)),
                    }
                }
                (None, None) => {}
            }
        }
        mix.main_other = others.iter().max_by_key(|o| o.1).map(|o| o.0.to_string());
        mix
    }

    /// The noise paragraphs left out of the text, with their reasons.
    pub fn dropped(&self) -> impl Iterator<Item = Dropped> + '_ {
        self.paragraphs
            .iter()
            .filter(|p| p.kind == ParagraphKind::Noise)
            .map(|p| Dropped {
                document: self.name.clone(),
                lines: p.lines.clone(),
                reason: p.reason.clone().unwrap_or_default(),
            })
    }
}

/// Noise dropped from a document: not text, reported with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dropped {
    /// The document.
    pub document: String,
    /// Source lines (1-based, end exclusive).
    pub lines: std::ops::Range<usize>,
    /// Why it is not text.
    pub reason: String,
}

/// Letters of a document's text by language ([`Document::language_mix`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LanguageMix {
    /// Letters in English paragraphs.
    pub en: usize,
    /// Letters in French paragraphs.
    pub fr: usize,
    /// Letters in paragraphs of other languages.
    pub other: usize,
    /// The other language with the most letters.
    pub main_other: Option<String>,
}

impl LanguageMix {
    /// The one of English and French with more letters (English on a tie);
    /// `None` when the document has neither.
    pub fn main_pair_language(&self) -> Option<Lang> {
        match (self.en, self.fr) {
            (0, 0) => None,
            (en, fr) if en >= fr => Some(Lang::En),
            _ => Some(Lang::Fr),
        }
    }

    /// The other language the document is in, when English and French hold
    /// less than a fifth of its letters: not a document to align.
    pub fn other_language(&self) -> Option<&str> {
        let total = self.en + self.fr + self.other;
        ((self.en + self.fr) * 5 < total).then(|| self.main_other.as_deref().unwrap_or("und"))
    }
}

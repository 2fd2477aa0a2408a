//! The whole pipeline on values: bytes → [`Document`] → the two [`Side`]s to align.
//!
//! [`load`] runs decode, repair, segment and langid on one file's bytes;
//! [`sides`] turns one mixed document, or one English and one French document,
//! into the two [`Side`]s to align. Reading files and writing outputs happen at
//! the edges ([`crate::io`]); each command reports on its own run.

use crate::align::{Aside, AsideLanguage, Side};
use crate::decode;
use crate::document::{Document, Lang, Paragraph, ParagraphKind};
use crate::error::{Error, InputProblem, Result};
use crate::import::structured::{self, Item, SourceFormat, Structured};
use crate::repair::{self, Repair};
use crate::{langid, segment};

/// Decode, segment and identify the language of one file's bytes.
///
/// `name` is how errors and outputs refer to the file.
///
/// # Errors
/// [`Error::Input`] when the bytes are not usable text: binary, empty, a
/// translation memory ([`InputProblem::TranslationMemory`]), noise only, or no
/// letters at all.
pub fn load(name: &str, bytes: &[u8]) -> Result<Document> {
    load_limited(name, bytes, DEFAULT_MAX_PARAGRAPH)
}

/// The longest line `load` accepts by default, in bytes (`--max-paragraph`).
pub const DEFAULT_MAX_PARAGRAPH: usize = 8 << 20;

/// [`load`], refusing any line longer than `max_paragraph` bytes before doing
/// any work: a huge file with no line breaks is rarely text with paragraphs,
/// and would cost several times its size in memory.
///
/// # Errors
/// As [`load`], and [`InputProblem::ParagraphTooLong`].
pub fn load_limited(name: &str, bytes: &[u8], max_paragraph: usize) -> Result<Document> {
    // A memory read as text would give its markup as paragraphs.
    if crate::import::tmx::is_tmx(name, bytes) {
        return Err(Error::input(name, InputProblem::TranslationMemory));
    }
    let format = structured::sniff(name, bytes);
    if structured::supported(format) {
        let doc = structured::read(format, bytes).map_err(|p| Error::input(name, p))?;
        return load_structured(name, &doc, max_paragraph);
    }
    load_text(name, bytes, max_paragraph, None)
}

/// [`load_limited`] for a structured document: its blocks rendered one per
/// line, then the text path, each paragraph then taking what the format says
/// of its block (a heading stays a heading, text left out is noise with its
/// reason).
fn load_structured(name: &str, doc: &Structured, max_paragraph: usize) -> Result<Document> {
    let text = doc.render();
    let mut document = load_text(name, text.as_bytes(), max_paragraph, Some(doc))?;
    document.format = doc.format;
    document.layout = doc.columns.clone();
    Ok(document)
}

/// Decode, repair, segment and identify the language of text; with `doc`,
/// the text is `doc` rendered and its paragraphs take their kinds from it.
fn load_text(
    name: &str,
    bytes: &[u8],
    max_paragraph: usize,
    doc: Option<&Structured>,
) -> Result<Document> {
    let mut start = 0;
    for (line, end) in memchr::memchr_iter(b'\n', bytes)
        .chain(std::iter::once(bytes.len()))
        .enumerate()
    {
        if end - start > max_paragraph {
            return Err(Error::input(
                name,
                InputProblem::ParagraphTooLong {
                    line: line + 1,
                    bytes: end - start,
                    limit: max_paragraph,
                },
            ));
        }
        start = end + 1;
    }
    let decoded = decode::decode(bytes).map_err(|p| Error::input(name, p))?;
    // Repair before segmentation (whitespace folding, control removal) and
    // before language identification: mojibake makes English look French.
    let repaired = repair::repair(&decoded.text);
    let mut paragraphs = segment::segment(&repaired.text);
    if let Some(doc) = doc {
        apply_structure(&mut paragraphs, doc);
    }
    count_repairs(&mut paragraphs, &repaired.repairs);
    if !paragraphs.iter().any(Paragraph::is_text) {
        return Err(Error::input(name, InputProblem::NoText));
    }
    // A list of numbers is not English: language identification would guess.
    let has_letters = |p: &Paragraph| p.is_text() && p.text.chars().any(char::is_alphabetic);
    if !paragraphs.iter().any(has_letters) {
        return Err(Error::input(name, InputProblem::NoLetters));
    }
    langid::identify(&mut paragraphs);
    Ok(Document {
        name: name.to_string(),
        encoding: decoded.encoding,
        format: SourceFormat::Text,
        layout: None,
        repairs: repaired.repairs,
        paragraphs,
    })
}

/// What the format says of each paragraph's block: text the reader left out
/// is noise with its reason; a heading, title or footnote is one whatever its
/// length (a heading keeps its label in its text, as the segmenter's do).
fn apply_structure(paragraphs: &mut [Paragraph], doc: &Structured) {
    for p in paragraphs.iter_mut() {
        match doc.item_at_line(p.lines.start) {
            Some(Item::Omitted(o)) => {
                p.kind = ParagraphKind::Noise;
                p.reason = Some(o.reason.clone());
            }
            Some(Item::Block(b)) => match b.kind.paragraph_kind() {
                Some(ParagraphKind::Heading) if p.kind != ParagraphKind::Noise => {
                    if p.kind != ParagraphKind::Heading {
                        p.text = p.printed();
                    }
                    p.kind = ParagraphKind::Heading;
                }
                Some(ParagraphKind::Title) if p.kind != ParagraphKind::Noise => {
                    p.text = p.printed();
                    (p.label, p.key) = (None, None);
                    p.kind = ParagraphKind::Title;
                }
                Some(kind) if p.kind != ParagraphKind::Noise => p.kind = kind,
                _ => {}
            },
            None => {}
        }
    }
}

/// Attribute each repair to the paragraph whose span holds it. Both lists are
/// in text order, so one merge pass does it.
fn count_repairs(paragraphs: &mut [Paragraph], repairs: &[Repair]) {
    for r in repairs {
        if let Some(i) = holder(paragraphs, r.span.start) {
            paragraphs[i].repairs += 1;
        }
    }
}

/// The paragraph whose span holds byte `at`: the innermost one, since a page
/// number or running header inside a paragraph has its own span nested in the
/// paragraph's. Spans are in text order, so only paragraphs starting at or
/// before `at` are looked at, from the nearest.
pub fn holder(paragraphs: &[Paragraph], at: usize) -> Option<usize> {
    let end = paragraphs.partition_point(|p| p.span.start <= at);
    (0..end)
        .rev()
        .take(64)
        .filter(|&i| at < paragraphs[i].span.end.max(paragraphs[i].span.start + 1))
        .min_by_key(|&i| paragraphs[i].span.len())
}

/// The side of `lang` of a document: its text paragraphs in that language,
/// and the others set aside ([`Aside`]) in place. With `whole`, the document
/// is that side (one of two documents, or a one-language document of an
/// archive): every paragraph in another language is set aside, English in a
/// French document included. Otherwise the document holds both languages,
/// and only paragraphs in neither are set aside, on the side of the run they
/// stand in (the language of the text paragraph before them, else after).
pub fn side_of(doc: &Document, lang: Lang, whole: bool) -> Side {
    let mut side = Side::new(doc.name.clone(), lang, Vec::new());
    let text: Vec<&Paragraph> = doc.paragraphs.iter().filter(|p| p.is_text()).collect();
    // The run each paragraph stands in: the language of the last English or
    // French paragraph before it (of the first one after it, at the start).
    let mut run = text.iter().find_map(|p| p.lang).unwrap_or(lang);
    for p in text {
        if let Some(l) = p.lang {
            run = l;
        }
        let language = match (p.lang, &p.other) {
            (Some(l), _) if l == lang => {
                side.paragraphs.push(p.clone());
                continue;
            }
            // Taken into the other language by the text around it, but its
            // own words are in the side's (`L’Assemblée générale` before an
            // English paragraph pasted into the French): it stays.
            (Some(_), _) if whole && own_words_say(p, lang) => {
                let mut kept = p.clone();
                kept.lang = Some(lang);
                side.paragraphs.push(kept);
                continue;
            }
            (Some(l), _) if whole => AsideLanguage::Pair(l),
            (None, Some(code)) if whole || run == lang => AsideLanguage::Other(code.clone()),
            // No language at all (no letters): goes with its run.
            (None, None) if whole || run == lang => {
                side.paragraphs.push(p.clone());
                continue;
            }
            _ => continue,
        };
        side.aside.push(Aside {
            paragraph: p.clone(),
            language,
            before: side.paragraphs.len(),
        });
    }
    side
}

/// Whether a paragraph's own words, without the text around it, say it is
/// in `lang`.
fn own_words_say(p: &Paragraph, lang: Lang) -> bool {
    /// Log-odds from which a paragraph's own words decide (as
    /// [`untranslated`] judges a text clearly French): a line of page
    /// furniture (`Home > News > Statements`) leans either way by chance.
    const CLEARLY: f64 = 2.0;
    let evidence = crate::langid::evidence(&p.text);
    match lang {
        Lang::En => evidence >= CLEARLY,
        Lang::Fr => evidence <= -CLEARLY,
    }
}

/// The English and the French document, with the language of their
/// untranslated paragraphs corrected: a paragraph without a number key whose
/// text (normalised) is in both documents was not translated, so one of its
/// two copies is not in its document's language. Which one: the French
/// document's copy is English unless the text is clearly French (English is
/// the language NATO texts are written in, and boilerplate left untranslated
/// on a French page is English: `Print this page | Share`); a clearly French
/// text makes the English document's copy French. Headings such as `Article
/// 5` keep their language: they have a number key.
fn untranslated(en: &Document, fr: &Document) -> (Document, Document) {
    use std::collections::HashSet;
    /// Log-odds from which a text is clearly French.
    const CLEARLY_FRENCH: f64 = -2.0;
    let (mut en, mut fr) = (en.clone(), fr.clone());
    let candidate =
        |p: &Paragraph| p.is_text() && p.key.is_none() && p.text.chars().any(char::is_alphabetic);
    let texts = |doc: &Document, lang: Lang| -> HashSet<String> {
        doc.paragraphs
            .iter()
            .filter(|p| candidate(p) && p.lang == Some(lang))
            .map(|p| crate::text::normalize(&p.text))
            .collect()
    };
    let (in_en, in_fr) = (texts(&en, Lang::En), texts(&fr, Lang::Fr));
    let shared: HashSet<&String> = in_en.intersection(&in_fr).collect();
    if shared.is_empty() {
        return (en, fr);
    }
    let french: HashSet<&String> = shared
        .iter()
        .copied()
        .filter(|t| crate::langid::evidence(t) <= CLEARLY_FRENCH)
        .collect();
    let relabel = |doc: &mut Document, from: Lang, to: Lang, moved: &dyn Fn(&String) -> bool| {
        for p in doc
            .paragraphs
            .iter_mut()
            .filter(|p| candidate(p) && p.lang == Some(from))
        {
            let t = crate::text::normalize(&p.text);
            if shared.contains(&t) && moved(&t) {
                p.lang = Some(to);
            }
        }
    };
    relabel(&mut fr, Lang::Fr, Lang::En, &|t| !french.contains(t));
    relabel(&mut en, Lang::En, Lang::Fr, &|t| french.contains(t));
    (en, fr)
}

/// The error for a document in another language than English and French, if
/// it is one.
pub(crate) fn refuse_other_language(doc: &Document) -> Result<()> {
    match doc.language_mix().other_language() {
        Some(code) => Err(Error::input(
            &doc.name,
            InputProblem::OtherLanguage(format!("{} ({code})", crate::langid::language_name(code))),
        )),
        None => Ok(()),
    }
}

/// The English and French sides to align.
///
/// One document: its paragraphs split by language. Two documents, in either
/// order: each document is one side, its language the one of English and
/// French most of its letters are in. Paragraphs in neither language, and in
/// two documents paragraphs in the other document's language, are set aside
/// ([`side_of`]): nothing is lost, and nothing enters a pair in the wrong
/// language.
///
/// # Errors
/// [`InputProblem::OtherLanguage`] for a document in another language,
/// [`InputProblem::OneLanguage`] when one document holds one language only,
/// [`InputProblem::SameLanguage`] when two documents are in the same language,
/// and a usage error for any other number of documents.
pub fn sides(docs: &[Document]) -> Result<(Side, Side)> {
    match docs {
        [doc] => {
            refuse_other_language(doc)?;
            let langs = doc.languages();
            if langs.len() < 2 {
                let lang = langs.first().map_or("no", |l| l.name());
                return Err(Error::input(
                    &doc.name,
                    InputProblem::OneLanguage(lang.to_string()),
                ));
            }
            Ok((side_of(doc, Lang::En, false), side_of(doc, Lang::Fr, false)))
        }
        [a, b] => {
            refuse_other_language(a)?;
            refuse_other_language(b)?;
            let main = |d: &Document| d.language_mix().main_pair_language();
            match (main(a), main(b)) {
                (Some(la), Some(lb)) if la != lb => {
                    let (en, fr) = if la == Lang::En { (a, b) } else { (b, a) };
                    let (en, fr) = untranslated(en, fr);
                    Ok((side_of(&en, Lang::En, true), side_of(&fr, Lang::Fr, true)))
                }
                (Some(l), Some(_)) => Err(Error::input(
                    &b.name,
                    InputProblem::SameLanguage(l.name().to_string()),
                )),
                _ => Err(Error::input(&a.name, InputProblem::NoText)),
            }
        }
        _ => Err(Error::Usage(format!(
            "align takes one document holding both languages, or two documents (one English, one French); got {}",
            docs.len()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ParagraphKind;

    #[test]
    fn repairs_after_a_nested_page_number_count_for_their_paragraph() {
        // Regression: a page number inside a paragraph has a span nested in the
        // paragraph's; a repair after it belongs to the paragraph, not to the
        // page number.
        let text = "1. The Alliance is affected by both\n\n12\n\nnon-state actorsâ views and by the Alliesâ partners.\n";
        let doc = load("t", text.as_bytes()).unwrap();
        let kinds: Vec<(ParagraphKind, usize)> =
            doc.paragraphs.iter().map(|p| (p.kind, p.repairs)).collect();
        assert_eq!(
            kinds,
            [(ParagraphKind::Numbered, 2), (ParagraphKind::Noise, 0)]
        );
        assert!(doc.paragraphs[0].text.contains("actors’ views"));
    }
}

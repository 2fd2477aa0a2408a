//! PDF with a text layer → its text lines in reading order, for the
//! segmenter.
//!
//! Input: a PDF file's bytes. Output: a [`Structured`] whose items are the
//! page furniture left out ([`Omitted`]: running headers and footers, banners,
//! page numbers, each with why) and the body as [`BlockKind::Lines`] blocks:
//! the pages' lines as laid out, a blank line where the vertical gap between
//! two lines is wider than the page's usual line pitch (a paragraph's end), a
//! form feed between pages. The segmenter joins the hard-wrapped lines,
//! bridges page breaks inside sentences and judges line-end hyphens from the
//! document's own vocabulary. A page whose lines fall in two columns (a
//! gutter no line crosses) whose languages differ makes two language columns,
//! each its own block, read with [`Structured::from_columns`].
//!
//! Guarantees: never panics (the extraction, `pdf-extract` over `lopdf`,
//! panics on some malformed files: it runs under `catch_unwind`, a panic is a
//! corrupt PDF); a file that is not a readable PDF, is encrypted with a
//! password, or has no text layer is an [`InputProblem::BadDocument`] saying
//! so; a document with more glyphs than [`MAX_GLYPHS`] is refused.

pub mod layout;

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use crate::error::InputProblem;
use crate::import::structured::{
    Block, BlockKind, Columns, Item, MAX_INFLATED, Omitted, SourceFormat, Structured,
};
use layout::{Glyph, Line, Page};

/// The most glyphs read from one document (a glyph costs about 64 bytes).
pub const MAX_GLYPHS: usize = (MAX_INFLATED / 64) as usize;

/// Read a PDF's text layer (see the module documentation).
///
/// # Errors
/// [`InputProblem::BadDocument`]: `corrupt PDF: …`, `password-protected PDF:
/// …`, `no text layer: OCR it first`.
pub fn read(bytes: &[u8]) -> Result<Structured, InputProblem> {
    let pages = glyph_pages(bytes)?;
    let pages: Vec<Page> = pages
        .into_iter()
        .map(|(width, glyphs)| layout::lines(width, glyphs))
        .collect();
    if pages.iter().all(|p| p.lines.is_empty()) {
        return Err(InputProblem::BadDocument(
            "no text layer: OCR it first".to_string(),
        ));
    }
    Ok(build(pages))
}

/// The document from its pages' lines: furniture out, columns found.
fn build(pages: Vec<Page>) -> Structured {
    let furniture = layout::furniture(&pages);
    let mut omitted = Vec::new();
    let mut body: Vec<(f64, Vec<&Line>)> = Vec::new();
    for (page, marks) in pages.iter().zip(&furniture) {
        let mut kept = Vec::new();
        for (line, mark) in page.lines.iter().zip(marks) {
            match mark {
                Some(f) => omitted.push(Omitted {
                    text: line.text.clone(),
                    reason: f.reason(),
                }),
                None => kept.push(line),
            }
        }
        body.push((page.width, kept));
    }
    if let Some(columns) = language_columns(&body) {
        return Structured::from_columns(SourceFormat::Pdf, columns, omitted);
    }
    let pages: Vec<Vec<&Line>> = body.into_iter().map(|(_, lines)| lines).collect();
    let mut items: Vec<Item> = omitted.into_iter().map(Item::Omitted).collect();
    items.push(Item::Block(Block::new(BlockKind::Lines, text(&pages))));
    Structured::new(SourceFormat::Pdf, items)
}

/// Two language columns: on every page holding text, a gutter splits the
/// lines (a page with too few lines to tell takes the others' gutter, if no
/// line of it crosses it), and the left column's language is not the right
/// one's.
fn language_columns(body: &[(f64, Vec<&Line>)]) -> Option<Columns> {
    let pages: Vec<&(f64, Vec<&Line>)> = body.iter().filter(|(_, l)| !l.is_empty()).collect();
    let gutters: Vec<Option<f64>> = pages.iter().map(|(w, l)| layout::gutter(l, *w)).collect();
    let known: Vec<f64> = gutters.iter().flatten().copied().collect();
    let fallback = *known.get(known.len() / 2)?;
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for ((_, lines), x) in pages.iter().zip(&gutters) {
        let x = match x {
            Some(x) => *x,
            None if lines.len() < 10
                && !lines.iter().any(|l| l.x0 < fallback && l.x1 > fallback) =>
            {
                fallback
            }
            None => return None,
        };
        left.push(
            lines
                .iter()
                .copied()
                .filter(|l| l.x1 <= x)
                .collect::<Vec<_>>(),
        );
        right.push(
            lines
                .iter()
                .copied()
                .filter(|l| l.x1 > x)
                .collect::<Vec<_>>(),
        );
    }
    let pages = pages.len();
    let (left, right) = (text(&left), text(&right));
    // The same decision as every reader's (`import::columns`).
    let (l, r) = crate::import::columns::column_languages(&left, &right)?;
    let name = crate::import::columns::language_name;
    Some(Columns {
        layout: format!(
            "two language columns ({} left, {} right), {pages} page{}",
            name(l),
            name(r),
            if pages == 1 { "" } else { "s" }
        ),
        left: vec![Block::new(BlockKind::Lines, left)],
        right: vec![Block::new(BlockKind::Lines, right)],
    })
}

/// The pages' lines as text: a line per line, a blank line where the gap
/// above a line is wider than 1.4 times the page's usual line pitch (or the
/// line goes back up: a new column or cell row), a form feed between pages;
/// segments on one baseline are one line.
fn text(pages: &[Vec<&Line>]) -> String {
    let mut out = String::new();
    for (i, lines) in pages.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\x0c\n");
        }
        let mut pitches: Vec<f64> = lines
            .windows(2)
            .map(|w| w[1].y - w[0].y)
            .filter(|d| *d > 0.0)
            .collect();
        pitches.sort_by(f64::total_cmp);
        let pitch = pitches.get(pitches.len() / 3).copied().unwrap_or(0.0);
        for (j, line) in lines.iter().enumerate() {
            if j > 0 {
                let gap = line.y - lines[j - 1].y;
                // Segments of one baseline (a wide justified space) join.
                if gap.abs() < line.size / 3.0 {
                    out.push(' ');
                    out.push_str(&line.text);
                    continue;
                }
                out.push('\n');
                if gap <= 0.0 || (pitch > 0.0 && gap > pitch * 1.4) {
                    out.push('\n');
                }
            }
            out.push_str(&line.text);
        }
    }
    out
}

/// Each page's width and glyphs, from the text layer.
fn glyph_pages(bytes: &[u8]) -> Result<Vec<(f64, Vec<Glyph>)>, InputProblem> {
    let corrupt = |why: String| InputProblem::BadDocument(format!("corrupt PDF: {why}"));
    let doc = quietly(|| pdf_extract::Document::load_mem(bytes))
        .map_err(|_| corrupt("the parser gave up".to_string()))?;
    let doc = match doc {
        Ok(doc) => doc,
        Err(e) => {
            let why = one_line(&e.to_string());
            return Err(
                if why.to_lowercase().contains("decrypt")
                    || why.to_lowercase().contains("password")
                    || why.to_lowercase().contains("encrypt")
                {
                    InputProblem::BadDocument(format!("password-protected PDF: {why}"))
                } else {
                    corrupt(why)
                },
            );
        }
    };
    if doc.is_encrypted() {
        return Err(InputProblem::BadDocument(
            "password-protected PDF: it needs a password to open".to_string(),
        ));
    }
    let mut sink = Sink::default();
    let done = quietly(|| pdf_extract::output_doc(&doc, &mut sink));
    match done {
        Ok(Ok(())) => Ok(sink.pages),
        Ok(Err(e)) if sink.full => Err(InputProblem::BadDocument(format!(
            "PDF too large: more than {MAX_GLYPHS} glyphs ({})",
            one_line(&e.to_string())
        ))),
        Ok(Err(e)) => Err(corrupt(one_line(&e.to_string()))),
        Err(_) => Err(corrupt("the text layer cannot be read".to_string())),
    }
}

thread_local! {
    /// Whether this thread is inside [`quietly`].
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Run `f` (a call into pdf-extract), a panic in it caught and not printed:
/// the reader turns it into one line, `corrupt PDF: …`. The panic hook is
/// wrapped once, process-wide, and stays silent only for the thread inside
/// this call, so panics elsewhere (other threads of `corpus`, natalign's own
/// code) are reported as before.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collects the glyphs `pdf-extract` draws, page by page.
#[derive(Default)]
struct Sink {
    pages: Vec<(f64, Vec<Glyph>)>,
    /// The page's height, to turn y upside down.
    height: f64,
    glyphs: usize,
    full: bool,
}

impl pdf_extract::OutputDev for Sink {
    fn begin_page(
        &mut self,
        _page: u32,
        media: &pdf_extract::MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.height = media.ury - media.lly;
        self.pages.push((media.urx - media.llx, Vec::new()));
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        self.glyphs += 1;
        if self.glyphs > MAX_GLYPHS {
            self.full = true;
            return Err(pdf_extract::OutputError::FormatError(std::fmt::Error));
        }
        // The font size on the page: the text matrix scales it.
        let sx = font_size * trm.m11 + font_size * trm.m21;
        let sy = font_size * trm.m12 + font_size * trm.m22;
        let size = (sx * sy).abs().sqrt();
        let (x, y) = (trm.m31, self.height - trm.m32);
        if let Some((_, glyphs)) = self.pages.last_mut() {
            glyphs.push(Glyph {
                x,
                y,
                end: x + width * size,
                size,
                text: text.to_string(),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

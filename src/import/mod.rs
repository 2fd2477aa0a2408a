//! Reading files that are not plain text: documents whose format gives their
//! structure (Word, web pages, PDF, Markdown: [`structured`]), translation
//! memories made by natalign or by other tools, so they can be checked and
//! merged; termbases (TBX), for glossaries.

pub mod columns;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod pdf;
pub mod structured;
pub mod tbx;
pub mod tmx;

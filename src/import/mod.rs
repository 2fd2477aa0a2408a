//! Reading existing files back: translation memories made by natalign or by
//! other tools, so they can be checked and merged; termbases (TBX), for
//! glossaries.

pub mod tbx;
pub mod tmx;

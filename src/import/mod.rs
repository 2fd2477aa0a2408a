//! Reading existing files back: translation memories made by natalign or by
//! other tools, so they can be checked and merged.

pub mod tmx;

//! One module per subcommand, each with a `run` taking its plain config: it
//! opens its output, runs the stages, commits the output and returns its
//! report.

pub mod align;
pub mod check;
pub mod corpus;
pub mod inspect;
pub mod split;

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::export::Format;
use crate::io::Output;

/// The output of a data format: standard output (`None` or `-`), or the
/// file(s) the format writes for `output` (one; a pair for Moses).
fn data_output(output: Option<&Path>, format: Format, inputs: &[PathBuf]) -> Result<Output> {
    match output {
        Some(path) if !crate::io::is_std(path) => Output::files(&format.files(path), inputs),
        _ => Ok(Output::stdout()),
    }
}

//! The one integration-test binary: runs the real `natalign` executable on files
//! from `samples/` and `tests/data/`, as a user would.

mod util;

mod align;
mod archive;
mod bad_input;
mod check;
mod cli;
mod corpus;
mod docs;
mod formats;
mod names;
mod outputs;
mod perturb;
mod sentence;
mod split;

mod fuzz;
/// The fuzz targets' bodies, shared with the cargo-fuzz crate under fuzz/.
#[path = "../../fuzz/src/lib.rs"]
mod fuzz_targets;
mod languages;

//! One module per subcommand, each with a `run` taking its plain config.

pub mod align;
pub mod check;
pub mod corpus;
pub mod inspect;
pub mod split;

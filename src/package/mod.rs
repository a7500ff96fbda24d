//! The assessment package: a versioned JSON document of sections and items.
//!
//! A [`Package`] is only obtained through [`Package::from_json`], which parses, checks every rule
//! and reports every problem with its JSON path (see [`parse`]). Everything downstream (variants,
//! scoring, sessions) may therefore rely on the invariants the validator establishes.

pub mod adaptive;
pub mod code;
mod model;
mod parse;
mod seal;
mod validate;

pub use adaptive::Adaptive;
pub use code::CodeTask;
pub use model::*;
pub use parse::{Issue, PackageError};

/// The package format this build reads.
pub const FORMAT: u32 = 1;

/// Size limits that keep a hostile or careless package from exhausting the browser or server.
pub mod limits {
    /// Largest package document accepted, in bytes.
    pub const MAX_PACKAGE_BYTES: usize = 5 * 1024 * 1024;
    /// Most sections in a package.
    pub const MAX_SECTIONS: usize = 50;
    /// Most items in a package, across sections.
    pub const MAX_ITEMS: usize = 2_000;
    /// Most choices (or sources, targets, scale points) in one interaction.
    pub const MAX_CHOICES: usize = 50;
    /// Most parameters on one item.
    pub const MAX_PARAMS: usize = 20;
    /// Longest identifier (package, section, item, choice, parameter).
    pub const MAX_ID_CHARS: usize = 64;
    /// Longest stem or description, in characters.
    pub const MAX_TEXT_CHARS: usize = 20_000;
    /// Longest short text (titles, choice labels, accepted answers), in characters.
    pub const MAX_LABEL_CHARS: usize = 2_000;
    /// Longest time limit, in milliseconds (one day).
    pub const MAX_TIME_LIMIT_MS: u64 = 24 * 60 * 60 * 1000;
    /// Longest typed answer an author may allow, in characters.
    pub const MAX_ANSWER_CHARS: u32 = 10_000;
    /// Events any session may hold besides its items' allowance (start, submits, breaks...).
    pub const SESSION_EVENTS: u64 = 1_000;
    /// Events a session may hold per item it can give: views, answer changes, flags, focus
    /// changes and code runs, far more than an applicant makes, far fewer than a flood.
    pub const EVENTS_PER_ITEM: u64 = 500;
}

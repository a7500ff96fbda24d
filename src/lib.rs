//! Assay core: assessment packages, scoring and event-sourced sessions.
//!
//! Everything that decides a score lives here and compiles both natively and to WebAssembly with
//! identical results. The browser bindings sit in [`bindings`] (wasm32 only); nothing else in this
//! crate knows about the browser.

pub mod attempt;
pub mod canonical;
pub mod package;
pub mod points;
pub mod psychometrics;
pub mod receipt;
pub mod sandbox;
pub mod scoring;
pub mod seed;
pub mod session;
pub mod simulate;
pub mod variant;

#[cfg(target_arch = "wasm32")]
pub mod bindings;

pub use package::{Package, PackageError};
pub use points::Points;
pub use session::{Event, Session, SessionConfig, SessionState};

/// This engine's version, as reported in results.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

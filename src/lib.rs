//! Assay core: assessment packages, scoring and event-sourced sessions.
//!
//! Everything that decides a score lives here and compiles both natively and to WebAssembly with
//! identical results. Nothing here knows about the browser: the `assay-wasm` crate (`bindings/`)
//! is the JavaScript face of it.

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

pub use package::{Package, PackageError};
pub use points::Points;
pub use session::{Event, Session, SessionConfig, SessionState};

/// This engine's version, as reported in results.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

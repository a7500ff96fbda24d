//! Assay's WebAssembly bindings: the core as JavaScript sees it.
//!
//! A mechanical adapter: every method converts its JS arguments, forwards to the core in one
//! line or a few, and converts the answer back; errors become JS `Error` objects with a stable
//! `code` property (and `issues` for an invalid package, `index` for a refused replay event).
//! No scoring or protocol decision lives here.
//!
//! ```js
//! import init, { Attempt } from "./pkg/assay.js";
//! await init();
//! const attempt = Attempt.open(packageText, grant, [], 0, false);
//! const step = attempt.record({ type: "session.start", t: Date.now() });
//! // store step.recorded, then do what step.due says
//! ```
//!
//! Natively the crate is empty: the CLI and the backend use the core directly.
#![cfg(target_arch = "wasm32")]

mod attempt;
mod convert;
mod judging;
mod keys;
mod session;

pub use attempt::Attempt;
pub use judging::Judging;
pub use keys::{ed25519_public_jwk, ed25519_sign};
pub use session::{Session, engine_version, validate_package};

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
import type { SessionConfig } from "../types/SessionConfig";
import type { Event } from "../types/Event";
import type { SessionState } from "../types/SessionState";
import type { PresentedItem } from "../types/PresentedItem";
import type { TimeView } from "../types/TimeView";
import type { PackageSummary } from "../types/PackageSummary";
import type { GrantClaims } from "../types/GrantClaims";
import type { Jwk } from "../types/Jwk";
import type { Observed } from "../types/Observed";
import type { TestVerdict } from "../types/TestVerdict";
import type { Step } from "../types/Step";
import type { Due } from "../types/Due";
/** A JS Error raised by Assay, with a stable machine-readable code. */
export interface AssayError extends Error { code: string; issues?: { path: string; message: string }[]; index?: number }
"#;

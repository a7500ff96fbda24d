//! Why a run was stopped from inside the module, for the host to read after the trap.
//!
//! Budgets the module enforces itself (memory, output, a forbidden import) end the run with
//! `unreachable`: Python cannot catch a trap, and the instance is discarded afterwards. Before
//! trapping, the reason is written here as a small JSON object; the host reads it through
//! `assay_stop`. A trap with no reason recorded is the step budget (the host sees the counter
//! below zero) or the engine's stack limit.

use std::cell::Cell;

thread_local! {
    /// The reason, as JSON bytes kept alive until the instance is discarded.
    static REASON: Cell<&'static [u8]> = const { Cell::new(b"") };
}

/// Records why the run stops and traps. Never returns.
pub fn stop(reason: &'static [u8]) -> ! {
    REASON.with(|r| r.set(reason));
    trap()
}

/// Like [`stop`] for a reason built at run time (it is leaked: the instance ends here).
pub fn stop_with(reason: String) -> ! {
    stop(Box::leak(reason.into_boxed_str()).as_bytes())
}

/// The recorded reason (empty when none).
pub fn reason() -> &'static [u8] {
    REASON.with(Cell::get)
}

#[cfg(target_arch = "wasm32")]
fn trap() -> ! {
    core::arch::wasm32::unreachable()
}

#[cfg(not(target_arch = "wasm32"))]
fn trap() -> ! {
    std::process::abort()
}

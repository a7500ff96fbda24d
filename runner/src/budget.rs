//! The memory budget: an allocator that counts live bytes and stops the run past its limit.
//!
//! Counting in the allocator (rather than capping the engine's memory) makes the limit exact,
//! adjustable per run and identical on every engine: the same module makes the same requests
//! in the same order everywhere. The limit covers what the applicant's code holds beyond the
//! interpreter's own start-up state.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Bytes allocated and not yet freed.
static LIVE: AtomicUsize = AtomicUsize::new(0);
/// Most bytes that may be live; no limit until [`limit_from_now`] sets one.
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);

/// The allocator of the runner module.
pub struct Budgeted;

/// Allows `extra` bytes beyond what is live now.
pub fn limit_from_now(extra: usize) {
    LIMIT.store(LIVE.load(Relaxed).saturating_add(extra), Relaxed);
}

fn reserve(size: usize) {
    let live = LIVE.load(Relaxed).saturating_add(size);
    if live > LIMIT.load(Relaxed) {
        // Lift the limit so that nothing on the way out can fail a second time.
        LIMIT.store(usize::MAX, Relaxed);
        crate::stop::stop(br#"{"limit":"memory"}"#);
    }
    LIVE.store(live, Relaxed);
}

// SAFETY: every call is forwarded to the system allocator unchanged; only the count is added.
unsafe impl GlobalAlloc for Budgeted {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        reserve(layout.size());
        let ptr = unsafe { System.alloc(layout) };
        if ptr.is_null() {
            // The engine's memory itself is exhausted (its hard cap): the same budget verdict.
            crate::stop::stop(br#"{"limit":"memory"}"#);
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        reserve(layout.size());
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if ptr.is_null() {
            crate::stop::stop(br#"{"limit":"memory"}"#);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            reserve(new_size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        let out = unsafe { System.realloc(ptr, layout, new_size) };
        if out.is_null() {
            crate::stop::stop(br#"{"limit":"memory"}"#);
        }
        out
    }
}

//! Randomness from the run's seed: `random`, hash seeds and anything else that asks the
//! platform for entropy get the same bytes on every engine for the same seed.

use std::cell::Cell;

thread_local! {
    static STATE: Cell<u64> = const { Cell::new(0x9E37_79B9_7F4A_7C15) };
}

/// Starts the stream for a run.
pub fn seed(seed: u64) {
    STATE.with(|s| s.set(seed ^ 0x9E37_79B9_7F4A_7C15));
}

/// SplitMix64: small, fast and well distributed; this is not a secret, only a fixed stream.
fn next() -> u64 {
    STATE.with(|s| {
        let z = s.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
        s.set(z);
        let z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    })
}

/// Fills `dest` from the stream.
pub fn fill(dest: &mut [u8]) {
    for chunk in dest.chunks_mut(8) {
        let bytes = next().to_le_bytes();
        chunk.copy_from_slice(&bytes[..chunk.len()]);
    }
}

/// getrandom's custom backend (selected in .cargo/config.toml).
///
/// # Safety
/// `dest` must be valid for `len` bytes, as getrandom guarantees.
#[unsafe(no_mangle)]
unsafe extern "Rust" fn __getrandom_v03_custom(
    dest: *mut u8,
    len: usize,
) -> Result<(), getrandom::Error> {
    // SAFETY: getrandom passes a buffer of `len` writable bytes.
    let dest = unsafe { std::slice::from_raw_parts_mut(dest, len) };
    fill(dest);
    Ok(())
}

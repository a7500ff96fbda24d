//! One CAT step in wasm under Node: the same pool, state and loop as the native binary, compiled
//! for wasm32 and run by the project's wasm-bindgen-test-runner (bench/irt/run.py runs it with
//! `cargo test --release --target wasm32-unknown-unknown --test cat_step -- --nocapture`).
//! The clock is `performance.now()`; the result is one line starting `ASSAY_CAT_STEP `.
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;

use assay_irt_bench::{
    CAT_ITEMS, CAT_SEED, cat_params, cat_pool, cat_report, cat_state, cat_step, time_batches,
};
use wasm_bindgen_test::{Instant, console_log, wasm_bindgen_test};

#[wasm_bindgen_test]
fn cat_step_in_wasm() {
    let pool = cat_pool(&cat_params(CAT_SEED, CAT_ITEMS));
    let responses = cat_state(&pool);
    let origin = Instant::now();
    let t = time_batches(
        || {
            black_box(cat_step(&pool, black_box(&responses)));
        },
        || origin.elapsed().as_secs_f64() * 1e9,
        1000,
        100,
    );
    console_log!(
        "ASSAY_CAT_STEP {}",
        cat_report("wasm", &pool, &responses, t)
    );
}

//! What the native timing binary and the wasm CAT-step test share: the CAT pool, the state the
//! timed step starts from, and the timing loop.
//!
//! The pool comes from SplitMix64 so that bench/irt/run.py can write the very same pool for the
//! Python peers without the wasm side reading any file: `a = 0.7 + 1.5·u`, `b = −2.2 + 4.4·u`,
//! `u = (x >> 11)·2⁻⁵³`, two draws per item, `a` first.

use assay::psychometrics::cat::{CatConfig, Pool, PoolItem, Step};
use assay::psychometrics::{Item, ModelKind};

/// The seed of the CAT pool.
pub const CAT_SEED: u64 = 20_261_128;

/// Items in the CAT pool.
pub const CAT_ITEMS: usize = 1000;

/// Responses to the first five items the pool selects; the timed step takes the fifth into
/// account and picks the sixth item.
pub const CAT_RESPONSES: [usize; 5] = [0, 1, 0, 1, 0];

/// SplitMix64 (Steele, Lea and Flood, 2014).
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from its seed.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64-bit word.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `[0, 1)` with 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }
}

/// `(a, b)` of the CAT pool's 2PL items.
pub fn cat_params(seed: u64, n: usize) -> Vec<(f64, f64)> {
    let mut rng = SplitMix64::new(seed);
    (0..n)
        .map(|_| {
            let a = 0.7 + 1.5 * rng.uniform();
            let b = -2.2 + 4.4 * rng.uniform();
            (a, b)
        })
        .collect()
}

/// The pool under the default adaptive configuration: EAP on 41 points over [−6, 6] with a
/// N(0, 1) prior, pure maximum-information selection, no exposure control or content balancing.
pub fn cat_pool(params: &[(f64, f64)]) -> Pool {
    let items = params
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| PoolItem {
            id: format!("i{i}"),
            area: None,
            exposure: 1.0,
            model: ModelKind::TwoPl,
            item: Item::two_pl(a, b),
        })
        .collect();
    Pool::new(items, CatConfig::default()).expect("a valid pool")
}

/// One CAT step: θ and SE by EAP from the responses so far, then the next item.
pub fn cat_step(pool: &Pool, responses: &[(usize, usize)]) -> Step {
    pool.step(responses, 1, "bench").expect("a valid step")
}

/// The state before the timed step: [`CAT_RESPONSES`] given to the items the pool selects.
pub fn cat_state(pool: &Pool) -> Vec<(usize, usize)> {
    let mut responses = Vec::new();
    for k in CAT_RESPONSES {
        let next = cat_step(pool, &responses).next.expect("the test goes on");
        responses.push((next, k));
    }
    responses
}

/// Time per call, in nanoseconds, over batches of calls.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// The fastest batch.
    pub best: f64,
    /// The median batch.
    pub median: f64,
    /// Calls per batch.
    pub batch: usize,
    /// Batches timed.
    pub batches: usize,
}

/// Runs `call` in `batches` batches of `batch` calls (after one batch of warm-up) and reports the
/// time per call of the fastest and the median batch. `now` reads a clock in nanoseconds.
pub fn time_batches(
    mut call: impl FnMut(),
    now: impl Fn() -> f64,
    batch: usize,
    batches: usize,
) -> Timing {
    for _ in 0..batch {
        call();
    }
    let mut per_call = Vec::with_capacity(batches);
    for _ in 0..batches {
        let t0 = now();
        for _ in 0..batch {
            call();
        }
        per_call.push((now() - t0) / batch as f64);
    }
    per_call.sort_by(f64::total_cmp);
    Timing {
        best: per_call[0],
        median: per_call[per_call.len() / 2],
        batch,
        batches,
    }
}

/// The CAT-step result as one line of JSON, for bench/irt/run.py.
pub fn cat_report(where_: &str, pool: &Pool, responses: &[(usize, usize)], t: Timing) -> String {
    let step = cat_step(pool, responses);
    let path: Vec<String> = responses.iter().map(|(j, _)| j.to_string()).collect();
    format!(
        "{{\"where\":\"{where_}\",\"best_ns\":{},\"median_ns\":{},\"batch\":{},\"batches\":{},\
         \"path\":[{}],\"theta\":{},\"se\":{},\"next\":{}}}",
        t.best,
        t.median,
        t.batch,
        t.batches,
        path.join(","),
        step.estimate.theta,
        step.estimate.se,
        step.next.map_or(-1, |j| j as i64),
    )
}

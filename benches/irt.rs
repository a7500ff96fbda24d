//! Psychometrics at the sizes `bench/irt.sh` compares against Python's `mirt`, `girth` and `catsim`:
//! one CAT step on a 1,000-item pool, EAP scoring of 100,000 × 50 responses (41 points), and 2PL
//! calibration of 50,000 × 100 (41 points, tolerance 1e-4). Data come from fixed seeds.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::time::Duration;

    use assay::psychometrics::cat::{CatConfig, Pool, PoolItem};
    use assay::psychometrics::estimate::{Prior, Quadrature};
    use assay::psychometrics::{
        CalibrationConfig, Item, ModelKind, ResponseMatrix, calibrate, eap_scores, random,
    };
    use assay::seed::Stream;
    use criterion::Criterion;

    fn items(n: usize, stream: &mut Stream) -> Vec<Item> {
        (0..n)
            .map(|_| {
                Item::two_pl(
                    0.7 + 1.5 * random::uniform(stream),
                    -2.2 + 4.4 * random::uniform(stream),
                )
            })
            .collect()
    }

    fn data(persons: usize, n_items: usize, seed: u64) -> (Vec<Item>, ResponseMatrix) {
        let mut stream = Stream::new(seed, "bench", "irt");
        let truth = items(n_items, &mut stream);
        let thetas = random::thetas(persons, 0.0, 1.0, &mut stream);
        let cells = random::responses(&truth, &thetas, &mut stream);
        let matrix = ResponseMatrix::new(persons, n_items, cells).expect("matrix");
        (truth, matrix)
    }

    fn cat_step(c: &mut Criterion) {
        let mut stream = Stream::new(1, "bench", "pool");
        let pool: Vec<PoolItem> = items(1000, &mut stream)
            .into_iter()
            .enumerate()
            .map(|(i, item)| PoolItem {
                id: format!("p{i}"),
                area: None,
                exposure: 1.0,
                model: ModelKind::TwoPl,
                item,
            })
            .collect();
        let pool = Pool::new(pool, CatConfig::default()).expect("pool");
        // A test five items in: the step estimates θ from them and picks the sixth.
        let mut responses = Vec::new();
        for _ in 0..5 {
            let step = pool.step(&responses, 3, "bench").expect("step");
            let j = step.next.expect("continues");
            responses.push((j, responses.len() % 2));
        }
        c.bench_function(
            "CAT step: EAP + max-information selection, 1,000-item pool",
            |b| b.iter(|| std::hint::black_box(pool.step(&responses, 3, "bench"))),
        );
    }

    fn eap_scoring(c: &mut Criterion) {
        let (truth, matrix) = data(100_000, 50, 2);
        let quad = Quadrature::normal(41, -6.0, 6.0, Prior::default());
        let mut group = c.benchmark_group("EAP scoring");
        group.sample_size(10);
        group.bench_function("100,000 × 50, 41 points", |b| {
            b.iter(|| {
                let scores = eap_scores(&truth, &quad, &matrix).expect("the data fit the items");
                std::hint::black_box(scores.iter().map(|e| e.theta).sum::<f64>())
            })
        });
        group.finish();
    }

    fn calibration(c: &mut Criterion) {
        let (_, matrix) = data(50_000, 100, 3);
        let config = CalibrationConfig {
            points: 41,
            tolerance: 1e-4,
            standard_errors: false,
            ..CalibrationConfig::default()
        };
        let mut group = c.benchmark_group("2PL calibration");
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(60));
        group.bench_function("50,000 × 100, 41 points, tolerance 1e-4", |b| {
            b.iter(|| std::hint::black_box(calibrate(&matrix, &config).map(|f| f.iterations)))
        });
        group.finish();
    }

    criterion::criterion_group!(benches, cat_step, eap_scoring, calibration);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}

//! Parameter and ability recovery on simulated data with fixed seeds, and adaptive testing on a
//! 1,000-item pool with exposure control.

use assay::psychometrics::cat::{self, CatConfig, Pool, PoolItem, StopRule};
use assay::psychometrics::estimate::{EstimatorConfig, Prior, Quadrature};
use assay::psychometrics::{
    CalibrationConfig, Item, LogTable, ModelKind, ResponseMatrix, calibrate, random,
};
use assay::seed::Stream;

fn correlation(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    sxy / libm::sqrt(sxx * syy)
}

/// 50 items with slopes in [0.7, 2.2] and difficulties in [−2.2, 2.2].
fn generating_items(stream: &mut Stream) -> Vec<Item> {
    (0..50)
        .map(|_| {
            let a = 0.7 + 1.5 * random::uniform(stream);
            let b = -2.2 + 4.4 * random::uniform(stream);
            Item::two_pl(a, b)
        })
        .collect()
}

#[test]
fn two_pl_recovery_on_5000_by_50_and_eap_rmse_matches_the_standard_error() {
    let mut stream = Stream::new(2024, "test", "recovery");
    let truth = generating_items(&mut stream);
    let thetas = random::thetas(5000, 0.0, 1.0, &mut stream);
    let cells = random::responses(&truth, &thetas, &mut stream);
    let data = ResponseMatrix::new(5000, 50, cells).expect("matrix");
    let config = CalibrationConfig {
        points: 41,
        ..CalibrationConfig::default()
    };
    let fit = calibrate(&data, &config).expect("calibrates");
    assert!(fit.converged, "{} cycles", fit.iterations);
    let (true_a, true_b): (Vec<f64>, Vec<f64>) = truth
        .iter()
        .map(|i| match i {
            Item::Binary { a, b, .. } => (*a, *b),
            Item::Graded { .. } => unreachable!(),
        })
        .unzip();
    let est_a: Vec<f64> = fit.items.iter().map(|i| i.a).collect();
    let est_b: Vec<f64> = fit.items.iter().map(|i| i.b[0]).collect();
    let (ra, rb) = (correlation(&true_a, &est_a), correlation(&true_b, &est_b));
    println!(
        "2PL 5000×50: corr(a) = {ra:.4}, corr(b) = {rb:.4}, {} EM cycles",
        fit.iterations
    );
    assert!(ra >= 0.95, "corr(a) = {ra}");
    assert!(rb >= 0.98, "corr(b) = {rb}");
    // The reported standard errors describe the actual estimation error of the slopes.
    let mut z2 = 0.0;
    for (item, a) in fit.items.iter().zip(&true_a) {
        let se = item.se.as_ref().and_then(|s| s.a).expect("SE of a");
        z2 += ((item.a - a) / se) * ((item.a - a) / se);
    }
    let rms_z = libm::sqrt(z2 / 50.0);
    println!("RMS of (â − a)/SE(â) = {rms_z:.3} (1 if the SEs are right)");
    assert!((0.7..1.4).contains(&rms_z), "{rms_z}");

    // EAP scores from the estimated items against the true abilities.
    let items: Vec<Item> = fit.items.iter().map(|i| i.item()).collect();
    let quad = Quadrature::normal(41, -6.0, 6.0, Prior::default());
    let table = LogTable::new(&items, &quad);
    let mut scratch = Vec::new();
    let (mut sq, mut var) = (0.0, 0.0);
    for (p, theta) in thetas.iter().enumerate() {
        let row = data.row(p);
        let e = table.eap(
            &quad,
            row.iter().enumerate().map(|(j, &k)| (j, usize::from(k))),
            &mut scratch,
        );
        sq += (e.theta - theta) * (e.theta - theta);
        var += e.se * e.se;
    }
    let rmse = libm::sqrt(sq / 5000.0);
    let theoretical = libm::sqrt(var / 5000.0);
    println!(
        "EAP: RMSE vs true θ = {rmse:.4}; mean posterior SD (theoretical SE) = {theoretical:.4}"
    );
    assert!((rmse - theoretical).abs() < 0.03, "{rmse} vs {theoretical}");
}

fn pool_1000(stream: &mut Stream) -> Vec<PoolItem> {
    let areas = ["ml", "data", "probability", "reasoning"];
    (0..1000)
        .map(|i| PoolItem {
            id: format!("p{i:04}"),
            area: Some(areas[i % 4].to_string()),
            exposure: 1.0,
            model: ModelKind::ThreePl,
            item: Item::three_pl(
                0.6 + 1.6 * random::uniform(stream),
                -3.0 + 6.0 * random::uniform(stream),
                0.2 * random::uniform(stream),
            ),
        })
        .collect()
}

#[test]
fn cat_on_a_1000_item_pool_with_sympson_hetter_keeps_exposure_under_0_25() {
    let mut stream = Stream::new(7, "test", "cat-pool");
    let items = pool_1000(&mut stream);
    let mut config = CatConfig {
        estimator: EstimatorConfig::default(),
        randomesque: 1,
        sympson_hetter: true,
        stop: StopRule {
            min_items: 10,
            max_items: 40,
            se: Some(0.3),
        },
        ..CatConfig::default()
    };
    for area in ["ml", "data", "probability", "reasoning"] {
        config.content.insert(area.to_string(), 0.25);
    }
    let mut pool = Pool::new(items, config).expect("pool");
    let simulees = random::thetas(1000, 0.0, 1.0, &mut Stream::new(8, "test", "simulees"));

    let free = {
        let mut uncontrolled = pool.clone();
        uncontrolled.set_exposure(&vec![1.0; 1000]);
        cat::simulate(&uncontrolled, &simulees, 99).expect("simulates")
    };
    // Exposure parameters from a separate set of simulees, then a fresh administration.
    let training = random::thetas(600, 0.0, 1.0, &mut Stream::new(9, "test", "training"));
    cat::calibrate_exposure(&mut pool, &training, 500, 0.2, 10).expect("SH");
    let report = cat::simulate(&pool, &simulees, 99).expect("simulates");
    for (name, r) in [("no exposure control", &free), ("Sympson-Hetter", &report)] {
        println!(
            "CAT {name}: mean length {:.2}, RMSE {:.4}, bias {:+.4}, mean SE {:.4}, max exposure {:.3}, unused {:.1}%",
            r.mean_length,
            r.rmse,
            r.bias,
            r.mean_se,
            r.max_exposure,
            100.0 * r.unused_share
        );
    }
    assert!(free.max_exposure > 0.5, "{}", free.max_exposure);
    assert!(report.max_exposure <= 0.25, "{}", report.max_exposure);
    assert!(report.rmse < 0.4, "{}", report.rmse);
    assert!(report.mean_length >= 10.0 && report.mean_length <= 40.0);
    assert!((report.rmse - report.mean_se).abs() < 0.06);
}

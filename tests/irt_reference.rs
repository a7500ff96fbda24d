//! Calibration against published estimates: LSAT-7 (Bock & Lieberman, 1970).
//!
//! The data: 1,000 examinees × 5 items of the Law School Admission Test, section 7, as the 32
//! response patterns and their frequencies distributed with R's `mirt` (`data(LSAT7)`), also
//! listed in the jMetrik `psychometrics` library's LSAT-7 tests. Their sum-score counts
//! (12, 40, 114, 205, 321, 308) are those printed by `mirt`'s own tests.
//!
//! The reference: the 2PL estimates `mirt(expand.table(LSAT7), 1)` gives in slope-intercept form,
//! as asserted in `mirt`'s test suite (`tests/testthat/test-01-mirtOne.R`, test "dich"):
//! a = 0.988, 1.081, 1.706, 0.7651, 0.7358 and d = 1.8561, 0.808, 1.8043, 0.486, 1.8545.

use assay::psychometrics::calibrate::MISSING;
use assay::psychometrics::{CalibrationConfig, ModelKind, ResponseMatrix, calibrate};

/// Patterns in binary order (item 1 is the most significant digit) and their frequencies.
const LSAT7_FREQUENCIES: [usize; 32] = [
    12, 19, 1, 7, 3, 19, 3, 17, 10, 5, 3, 7, 7, 23, 8, 28, 7, 39, 11, 34, 14, 51, 15, 90, 6, 25, 7,
    35, 18, 136, 32, 308,
];

const MIRT_A: [f64; 5] = [0.988, 1.081, 1.706, 0.7651, 0.7358];
const MIRT_D: [f64; 5] = [1.8561, 0.808, 1.8043, 0.486, 1.8545];

fn lsat7() -> ResponseMatrix {
    let mut cells = Vec::new();
    for (pattern, &n) in LSAT7_FREQUENCIES.iter().enumerate() {
        for _ in 0..n {
            for item in 0..5 {
                cells.push(((pattern >> (4 - item)) & 1) as u8);
            }
        }
    }
    ResponseMatrix::new(1000, 5, cells).expect("1000 × 5")
}

#[test]
fn the_data_has_the_published_sum_score_distribution() {
    let data = lsat7();
    let mut counts = [0usize; 6];
    for p in 0..data.persons() {
        counts[data.row(p).iter().map(|&v| usize::from(v)).sum::<usize>()] += 1;
    }
    assert_eq!(counts, [12, 40, 114, 205, 321, 308]);
}

#[test]
fn lsat7_two_pl_matches_mirt_within_0_02() {
    let fit = calibrate(&lsat7(), &CalibrationConfig::default()).expect("calibrates");
    assert!(fit.converged, "{} iterations", fit.iterations);
    assert_eq!(fit.patterns, 32);
    for (j, item) in fit.items.iter().enumerate() {
        let (da, dd) = (item.a - MIRT_A[j], item.d[0] - MIRT_D[j]);
        println!(
            "item {}: a = {:.4} (mirt {}, Δ {da:+.4}), d = {:.4} (mirt {}, Δ {dd:+.4})",
            j + 1,
            item.a,
            MIRT_A[j],
            item.d[0],
            MIRT_D[j]
        );
        assert!(
            da.abs() < 0.02 && dd.abs() < 0.02,
            "item {}: {item:?}",
            j + 1
        );
        // b = −d/a agrees too (the IRT parameterisation).
        let b = -MIRT_D[j] / MIRT_A[j];
        assert!(
            (item.b[0] - b).abs() < 0.05,
            "item {}: b {} vs {b}",
            j + 1,
            item.b[0]
        );
    }
    println!(
        "log-likelihood {:.3}, {} EM cycles",
        fit.log_likelihood, fit.iterations
    );
}

#[test]
fn lsat7_standard_errors_are_close_to_mirts() {
    // mirt's SEM-based 95% intervals in the same test give SE(a1) ≈ 0.179 and SE(d1) ≈ 0.132 for
    // item 1; the cross-product estimate is a different estimator of the same quantity.
    let fit = calibrate(&lsat7(), &CalibrationConfig::default()).expect("calibrates");
    let se = fit.items[0].se.as_ref().expect("standard errors");
    let (sa, sd) = (se.a.unwrap_or(f64::NAN), se.d[0]);
    println!("item 1: SE(a) = {sa:.4} (mirt ≈ 0.179), SE(d) = {sd:.4} (mirt ≈ 0.132)");
    assert!((sa - 0.179).abs() < 0.04, "{sa}");
    assert!((sd - 0.132).abs() < 0.03, "{sd}");
}

#[test]
fn lsat7_rasch_and_three_pl_fit_consistently() {
    let data = lsat7();
    let two = calibrate(&data, &CalibrationConfig::default()).expect("2PL");
    let one = calibrate(
        &data,
        &CalibrationConfig {
            model: ModelKind::OnePl,
            ..CalibrationConfig::default()
        },
    )
    .expect("1PL");
    // mirt's 1PL (equal slopes) on LSAT-7 in the same test: a = 1.011 for every item.
    assert!(
        one.items.iter().all(|i| (i.a - 1.011).abs() < 0.02),
        "{:?}",
        one.items[0]
    );
    assert!(one.log_likelihood < two.log_likelihood);
    let three = calibrate(
        &data,
        &CalibrationConfig {
            model: ModelKind::ThreePl,
            ..CalibrationConfig::default()
        },
    )
    .expect("3PL");
    assert!(three.items.iter().all(|i| i.c > 0.0 && i.c < 0.5));
    // Missing cells: blank two responses and the fit barely moves.
    let mut cells: Vec<u8> = (0..1000).flat_map(|p| data.row(p).to_vec()).collect();
    cells[0] = MISSING;
    cells[6] = MISSING;
    let gappy = ResponseMatrix::new(1000, 5, cells).expect("matrix");
    let fit = calibrate(&gappy, &CalibrationConfig::default()).expect("with gaps");
    for (x, y) in fit.items.iter().zip(&two.items) {
        assert!((x.a - y.a).abs() < 0.05 && (x.d[0] - y.d[0]).abs() < 0.05);
    }
}

//! EAP scoring of a whole response matrix.
//!
//! Binary logistic items without guessing go through the weighted score ([`SlopeGrid`]): people
//! are grouped by the set of items they skipped, and each group shares its terms. Other items
//! (3PL, graded) multiply tabulated probabilities ([`ProbTable`]).

use super::IrtError;
use super::calibrate::{MISSING, ResponseMatrix};
use super::estimate::{Estimate, Quadrature};
use super::model::Item;
use super::table::ProbTable;
use super::weighted::SlopeGrid;

/// EAP estimate and posterior SD of every row of `data`, whose columns are `items`.
///
/// # Errors
/// [`IrtError::Data`] when the columns do not match the items or a response is beyond its item's
/// categories, naming the row and column (1-based).
pub fn eap_scores(
    items: &[Item],
    quad: &Quadrature,
    data: &ResponseMatrix,
) -> Result<Vec<Estimate>, IrtError> {
    if data.items() != items.len() {
        return Err(IrtError::Data {
            message: format!(
                "the responses have {} columns for {} items",
                data.items(),
                items.len()
            ),
        });
    }
    let limits: Vec<u8> = items
        .iter()
        .map(|item| u8::try_from(item.categories()).unwrap_or(MISSING))
        .collect();
    // Whether each row has gaps, found in the same pass that checks its categories.
    let mut gapped = vec![false; data.persons()];
    for (p, gaps) in gapped.iter_mut().enumerate() {
        let row = data.row(p);
        // Branch-free over the row; the slow search for the culprit runs only on failure.
        let (fits, missing) =
            row.iter()
                .zip(&limits)
                .fold((true, false), |(ok, missing), (&k, &limit)| {
                    (
                        ok & ((k < limit) | (k == MISSING)),
                        missing | (k == MISSING),
                    )
                });
        *gaps = missing;
        if !fits && let Some(j) = (0..row.len()).find(|&j| row[j] != MISSING && row[j] >= limits[j])
        {
            return Err(IrtError::Data {
                message: format!(
                    "row {}, column {}: category {} is beyond the item's {} categories",
                    p + 1,
                    j + 1,
                    row[j],
                    items[j].categories()
                ),
            });
        }
    }
    let mut out = vec![
        Estimate {
            theta: f64::NAN,
            se: f64::NAN,
        };
        data.persons()
    ];
    let mut general: Vec<usize> = Vec::new();
    match SlopeGrid::for_items(items, quad) {
        Some(grid) => by_weighted_score(&grid, data, &gapped, &mut out, &mut general),
        None => general.extend(0..data.persons()),
    }
    if !general.is_empty() {
        let table = ProbTable::new(items, quad);
        let mut scratch = Vec::new();
        for p in general {
            let answered = data
                .row(p)
                .iter()
                .enumerate()
                .filter(|(_, k)| **k != MISSING)
                .map(|(j, &k)| (j, usize::from(k)));
            out[p] = table.eap(quad, answered, &mut scratch);
        }
    }
    Ok(out)
}

/// Scores the rows the weighted score can take; leaves in `general` those it cannot.
fn by_weighted_score(
    grid: &SlopeGrid,
    data: &ResponseMatrix,
    gapped: &[bool],
    out: &mut [Estimate],
    general: &mut Vec<usize>,
) {
    let mut gaps: Vec<usize> = Vec::new();
    if let Some(full) = grid.shared(&[]) {
        for (p, estimate) in out.iter_mut().enumerate() {
            if gapped[p] {
                gaps.push(p);
                continue;
            }
            let row = data.row(p);
            // Responses are 0 or 1 here, so the weighted score is a dot product with the slopes.
            let (score, ratio) = grid.score_row(row);
            *estimate = grid.eap_at(&full, score, ratio);
        }
    } else {
        gaps.extend(0..data.persons());
    }
    // Rows with gaps, grouped by which items they skipped.
    let mut keyed: Vec<(Vec<u32>, usize)> =
        gaps.into_iter().map(|p| (data.skipped(p), p)).collect();
    keyed.sort();
    for group in keyed.chunk_by(|x, y| x.0 == y.0) {
        let Some(shared) = grid.shared(&group[0].0) else {
            general.extend(group.iter().map(|(_, p)| *p));
            continue;
        };
        for (_, p) in group {
            let row = data.row(*p);
            let score = grid.score((0..row.len()).filter(|&j| row[j] == 1));
            out[*p] = grid.eap(&shared, score);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::psychometrics::estimate::{Prior, eap};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_path_agrees_with_the_direct_estimate() {
        let quad = Quadrature::normal(41, -6.0, 6.0, Prior::default());
        let two_pl: Vec<Item> = (0..6)
            .map(|j| Item::two_pl(0.6 + 0.3 * f64::from(j), -1.5 + 0.6 * f64::from(j)))
            .collect();
        let mut mixed = two_pl.clone();
        mixed[2] = Item::three_pl(1.2, 0.0, 0.2);
        mixed[4] = Item::Graded {
            a: 1.1,
            b: vec![-0.5, 0.7],
        };
        let m = MISSING;
        let rows: Vec<[u8; 6]> = vec![
            [0, 1, 1, 0, 1, 1],
            [1, 1, 1, 1, 1, 1],
            [m, 1, 0, m, 1, 0],
            [0, 0, m, 0, 0, 0],
            [m, 1, 0, m, 1, 1],
            [m, m, m, m, m, m],
        ];
        let cells: Vec<u8> = rows.iter().flatten().copied().collect();
        let data = ResponseMatrix::new(rows.len(), 6, cells).expect("a 6 × 6 matrix");
        // The 2PL items take the weighted route for every skip set here; the mixed ones cannot.
        let grid = SlopeGrid::for_items(&two_pl, &quad).expect("2PL items have a slope grid");
        for skipped in [&[][..], &[0, 3], &[2], &[0, 1, 2, 3, 4, 5]] {
            assert!(grid.shared(skipped).is_some(), "{skipped:?}");
        }
        assert!(grid.shared(&[3, 3]).is_none() && grid.shared(&[6]).is_none());
        assert!(SlopeGrid::for_items(&mixed, &quad).is_none());
        for items in [&two_pl, &mixed] {
            let scores = eap_scores(items, &quad, &data).expect("categories fit");
            for (row, got) in rows.iter().zip(&scores) {
                let direct: Vec<(&Item, usize)> = row
                    .iter()
                    .zip(items.iter())
                    .filter(|(k, _)| **k != MISSING)
                    .map(|(&k, it)| (it, usize::from(k)))
                    .collect();
                let want = eap(&direct, &quad);
                assert!(
                    (got.theta - want.theta).abs() < 1e-12 && (got.se - want.se).abs() < 1e-12,
                    "{row:?}: {got:?} vs {want:?}"
                );
            }
        }
        let bad = ResponseMatrix::new(1, 6, vec![0, 1, 2, 0, 0, 0]).expect("1 × 6");
        let err = eap_scores(&two_pl, &quad, &bad).expect_err("category 2 on a binary item");
        assert!(err.to_string().contains("row 1, column 3"), "{err}");
    }
}

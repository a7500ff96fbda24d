//! Item calibration by marginal maximum likelihood: the EM algorithm of Bock and Aitkin (1981).
//!
//! The latent distribution is a fixed standard normal on an equally spaced grid. The E-step adds
//! tabulated log-probabilities over each distinct response pattern (identical rows are merged and
//! weighted), turns them into a posterior over the grid and accumulates expected counts per
//! (item, category, point) in an array laid out like the table. For Rasch, 1PL and 2PL items the
//! E-step goes through the weighted score instead ([`super::weighted`]): a pattern's posterior
//! costs a sum of slopes and one walk over the grid, and only the mass of those who answered each
//! item right (and of those who skipped it) is accumulated, category 0 being the rest of the
//! point's total. The M-step maximises each item's expected complete-data log-likelihood by
//! Fisher scoring in the slope-intercept metric (`a·θ + d`), with step halving that keeps
//! boundaries ordered and the guessing parameter inside (0, 1). Standard errors come from the
//! cross-product of the persons' score vectors (the XPD estimate of the information matrix),
//! transformed to the IRT metric by the delta method.
//!
//! Patterns are split into a fixed number of chunks whose sums are added in chunk order, so the
//! result is identical whether the chunks run on one thread or several.

use serde::{Deserialize, Serialize};

use super::IrtError;
use super::estimate::{Prior, Quadrature};
use super::model::{Item, ModelKind, P_FLOOR, logistic};
use super::weighted::{Shared, SlopeGrid};

/// The value of a missing cell in a [`ResponseMatrix`].
pub const MISSING: u8 = u8::MAX;

/// Patterns are summed in this many chunks, whatever the number of threads.
const CHUNKS: usize = 8;

/// A persons × items matrix of response categories (0-based), row-major, [`MISSING`] for gaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseMatrix {
    persons: usize,
    items: usize,
    cells: Vec<u8>,
}

impl ResponseMatrix {
    /// A matrix from row-major cells.
    ///
    /// # Errors
    /// [`IrtError::Data`] if `cells.len() != persons × items`.
    pub fn new(persons: usize, items: usize, cells: Vec<u8>) -> Result<Self, IrtError> {
        if persons.checked_mul(items) != Some(cells.len()) {
            return Err(IrtError::Data {
                message: format!(
                    "{} cells do not make a {persons} × {items} matrix",
                    cells.len()
                ),
            });
        }
        Ok(ResponseMatrix {
            persons,
            items,
            cells,
        })
    }

    /// Number of persons (rows).
    pub fn persons(&self) -> usize {
        self.persons
    }

    /// Number of items (columns).
    pub fn items(&self) -> usize {
        self.items
    }

    /// The response of person `p` to item `j`, `None` if missing.
    pub fn get(&self, p: usize, j: usize) -> Option<u8> {
        let v = self.cells[p * self.items + j];
        (v != MISSING).then_some(v)
    }

    /// Person `p`'s row.
    pub fn row(&self, p: usize) -> &[u8] {
        &self.cells[p * self.items..(p + 1) * self.items]
    }

    /// The items person `p` skipped (missing cells), in increasing order.
    pub fn skipped(&self, p: usize) -> Vec<u32> {
        let row = self.row(p);
        (0..row.len() as u32)
            .filter(|&j| row[j as usize] == MISSING)
            .collect()
    }
}

/// A beta prior on the guessing parameter of 3PL items.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BetaPrior {
    /// First shape parameter (≥ 1).
    pub alpha: f64,
    /// Second shape parameter (≥ 1).
    pub beta: f64,
}

/// How items are calibrated.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CalibrationConfig {
    /// The model fitted to every item.
    pub model: ModelKind,
    /// Quadrature points.
    pub points: usize,
    /// Lowest point.
    pub min: f64,
    /// Highest point.
    pub max: f64,
    /// Convergence: the largest change of any parameter in one EM cycle.
    pub tolerance: f64,
    /// Give up after this many EM cycles.
    pub max_iterations: usize,
    /// Prior on 3PL guessing parameters (the default, Beta(5, 17), has its mode at 0.2).
    pub guessing_prior: BetaPrior,
    /// Compute standard errors.
    pub standard_errors: bool,
}

impl Default for CalibrationConfig {
    fn default() -> Self {
        CalibrationConfig {
            model: ModelKind::TwoPl,
            points: 61,
            min: -6.0,
            max: 6.0,
            tolerance: 1e-4,
            max_iterations: 500,
            guessing_prior: BetaPrior {
                alpha: 5.0,
                beta: 17.0,
            },
            standard_errors: true,
        }
    }
}

/// Standard errors of one item's parameters (absent for parameters held fixed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemSe {
    /// Of the slope.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub a: Option<f64>,
    /// Of each difficulty or boundary.
    pub b: Vec<f64>,
    /// Of each intercept.
    pub d: Vec<f64>,
    /// Of the guessing parameter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub c: Option<f64>,
}

/// One calibrated item, in both metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibratedItem {
    /// The model.
    pub model: ModelKind,
    /// Slope.
    pub a: f64,
    /// Difficulty (one value) or category boundaries (GRM), `b = −d/a`.
    pub b: Vec<f64>,
    /// Intercepts in `a·θ + d`.
    pub d: Vec<f64>,
    /// Guessing parameter (0 unless 3PL).
    pub c: f64,
    /// Standard errors, when computed and the information matrix is invertible.
    pub se: Option<ItemSe>,
}

impl CalibratedItem {
    /// The item as a scoring model.
    pub fn item(&self) -> Item {
        match self.model {
            ModelKind::Graded => Item::Graded {
                a: self.a,
                b: self.b.clone(),
            },
            _ => Item::Binary {
                a: self.a,
                b: self.b.first().copied().unwrap_or(0.0),
                c: self.c,
            },
        }
    }
}

/// The result of a calibration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// Items in column order.
    pub items: Vec<CalibratedItem>,
    /// Marginal log-likelihood at the estimates (plus the log prior on guessing, for 3PL).
    pub log_likelihood: f64,
    /// EM cycles run.
    pub iterations: usize,
    /// Whether the tolerance was met before `max_iterations`.
    pub converged: bool,
    /// Number of persons.
    pub persons: usize,
    /// Number of distinct response patterns.
    pub patterns: usize,
}

/// Distinct response patterns as offsets into the log table, with their frequencies, ordered by
/// the set of items skipped (so patterns sharing it are adjacent), then by the row.
struct Patterns {
    starts: Vec<usize>,
    offsets: Vec<u32>,
    weights: Vec<f64>,
    /// The first person with each pattern.
    first: Vec<usize>,
}

impl Patterns {
    fn len(&self) -> usize {
        self.weights.len()
    }

    fn obs(&self, p: usize) -> &[u32] {
        &self.offsets[self.starts[p]..self.starts[p + 1]]
    }
}

/// Per-item layout: categories and where the item starts in the flat tables.
struct Layout {
    kind: ModelKind,
    points: usize,
    categories: Vec<usize>,
    starts: Vec<usize>,
    len: usize,
}

impl Layout {
    /// Items with `categories` each, one run of `points` values per category, item after item.
    fn new(kind: ModelKind, categories: Vec<usize>, points: usize) -> Layout {
        let starts = categories
            .iter()
            .scan(0, |next, &m| {
                let start = *next;
                *next += m * points;
                Some(start)
            })
            .collect();
        let len = categories.iter().sum::<usize>() * points;
        Layout {
            kind,
            points,
            categories,
            starts,
            len,
        }
    }

    fn item_range(&self, j: usize) -> std::ops::Range<usize> {
        self.starts[j]..self.starts[j] + self.categories[j] * self.points
    }

    /// Local parameters of item `j`: `[a, d_1..d_{m-1}]`, then `c` for 3PL.
    fn local_len(&self, j: usize) -> usize {
        self.categories[j] + usize::from(self.kind == ModelKind::ThreePl)
    }

    /// Whether local parameter `i` is estimated (Rasch fixes the slope; 1PL shares it).
    fn free(&self, i: usize) -> bool {
        !(i == 0 && self.kind == ModelKind::Rasch)
    }
}

/// Category probabilities of an item at `x` and their derivatives in the local parameters.
/// `jac` is `m × L` row-major. Returns nothing; `probs` is floored away from 0.
fn probs_jac(p: &[f64], m: usize, three_pl: bool, x: f64, probs: &mut [f64], jac: &mut [f64]) {
    let l = p.len();
    let a = p[0];
    jac[..m * l].fill(0.0);
    if three_pl {
        let c = p[2];
        let s = logistic(a * x + p[1]);
        let w = s * (1.0 - s);
        let p1 = c + (1.0 - c) * s;
        probs[1] = p1.clamp(P_FLOOR, 1.0 - 1e-15);
        probs[0] = (1.0 - p1).clamp(P_FLOOR, 1.0);
        let row1 = [(1.0 - c) * w * x, (1.0 - c) * w, 1.0 - s];
        for i in 0..3 {
            jac[l + i] = row1[i];
            jac[i] = -row1[i];
        }
        return;
    }
    // Graded (2PL is the two-category case): P_k = P*_k − P*_{k+1}, P*_k = σ(a·x + d_k).
    let mut prev_s = 1.0;
    let mut prev_w = 0.0;
    for k in 0..m {
        let (s, w) = if k + 1 < m {
            let s = logistic(a * x + p[k + 1]);
            (s, s * (1.0 - s))
        } else {
            (0.0, 0.0)
        };
        probs[k] = (prev_s - s).max(P_FLOOR);
        let row = &mut jac[k * l..(k + 1) * l];
        row[0] = x * (prev_w - w);
        if k >= 1 {
            row[k] = prev_w;
        }
        if k + 1 < m {
            row[k + 1] = -w;
        }
        prev_s = s;
        prev_w = w;
    }
}

/// Whether local parameters are admissible: finite, moderate slope, ordered intercepts, c in (0,1).
fn admissible(p: &[f64], m: usize, three_pl: bool) -> bool {
    if p.iter().any(|v| !v.is_finite()) || p[0].abs() > 50.0 {
        return false;
    }
    if three_pl {
        return p[2] > 1e-8 && p[2] < 1.0 - 1e-8 && p[1].abs() < 100.0;
    }
    (1..m).all(|k| p[k].abs() < 100.0) && (2..m).all(|k| p[k] < p[k - 1])
}

/// Scratch space for one item's M-step, sized once per calibration.
struct Scratch {
    probs: Vec<f64>,
    jac: Vec<f64>,
    grad: Vec<f64>,
    info: Vec<f64>,
    step: Vec<f64>,
}

impl Scratch {
    fn new(max_m: usize, max_l: usize) -> Scratch {
        Scratch {
            probs: vec![0.0; max_m],
            jac: vec![0.0; max_m * max_l],
            grad: vec![0.0; max_l],
            info: vec![0.0; max_l * max_l],
            step: vec![0.0; max_l],
        }
    }
}

/// The expected complete-data log-likelihood of one item (plus the guessing prior), and when
/// `derivs` is set, its gradient and expected information in the local parameters.
#[allow(clippy::too_many_arguments)]
fn item_objective(
    p: &[f64],
    m: usize,
    three_pl: bool,
    counts: &[f64],
    points: &[f64],
    prior: Option<BetaPrior>,
    derivs: bool,
    s: &mut Scratch,
) -> f64 {
    let l = p.len();
    let q_len = points.len();
    let mut f = 0.0;
    if derivs {
        s.grad[..l].fill(0.0);
        s.info[..l * l].fill(0.0);
    }
    for (q, &x) in points.iter().enumerate() {
        probs_jac(p, m, three_pl, x, &mut s.probs, &mut s.jac);
        let mut n_q = 0.0;
        for k in 0..m {
            let r = counts[k * q_len + q];
            n_q += r;
            if r != 0.0 {
                f += r * libm::log(s.probs[k]);
            }
        }
        if !derivs {
            continue;
        }
        for k in 0..m {
            let r = counts[k * q_len + q];
            let pk = s.probs[k];
            let row = &s.jac[k * l..(k + 1) * l];
            for i in 0..l {
                s.grad[i] += r * row[i] / pk;
                let scaled = n_q * row[i] / pk;
                for (jj, rj) in row.iter().enumerate().take(i + 1) {
                    s.info[i * l + jj] += scaled * rj;
                }
            }
        }
    }
    if three_pl && let Some(beta) = prior {
        let c = p[2];
        f += (beta.alpha - 1.0) * libm::log(c) + (beta.beta - 1.0) * libm::log(1.0 - c);
        if derivs {
            s.grad[2] += (beta.alpha - 1.0) / c - (beta.beta - 1.0) / (1.0 - c);
            s.info[2 * l + 2] +=
                (beta.alpha - 1.0) / (c * c) + (beta.beta - 1.0) / ((1.0 - c) * (1.0 - c));
        }
    }
    if derivs {
        for i in 0..l {
            for jj in 0..i {
                s.info[jj * l + i] = s.info[i * l + jj];
            }
        }
    }
    f
}

/// Solves `A x = b` for a small symmetric positive definite `A` (n × n, row-major) in place by
/// Cholesky; returns false if `A` is not positive definite.
fn cholesky_solve(a: &mut [f64], b: &mut [f64], n: usize) -> bool {
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= a[j * n + k] * a[j * n + k];
        }
        if d.is_nan() || d <= 1e-300 {
            return false;
        }
        let d = libm::sqrt(d);
        a[j * n + j] = d;
        for i in j + 1..n {
            let mut v = a[i * n + j];
            for k in 0..j {
                v -= a[i * n + k] * a[j * n + k];
            }
            a[i * n + j] = v / d;
        }
    }
    for i in 0..n {
        let mut v = b[i];
        for k in 0..i {
            v -= a[i * n + k] * b[k];
        }
        b[i] = v / a[i * n + i];
    }
    for i in (0..n).rev() {
        let mut v = b[i];
        for k in i + 1..n {
            v -= a[k * n + i] * b[k];
        }
        b[i] = v / a[i * n + i];
    }
    true
}

/// Maximises one item's objective over the free parameters in `mask` by Fisher scoring with step
/// halving. Returns the largest parameter change.
#[allow(clippy::too_many_arguments)]
fn m_step_item(
    p: &mut [f64],
    mask: &[bool],
    m: usize,
    three_pl: bool,
    counts: &[f64],
    points: &[f64],
    prior: Option<BetaPrior>,
    s: &mut Scratch,
) -> f64 {
    let l = p.len();
    let free: Vec<usize> = (0..l).filter(|&i| mask[i]).collect();
    let n = free.len();
    let start = p.to_vec();
    for _ in 0..20 {
        let f0 = item_objective(p, m, three_pl, counts, points, prior, true, s);
        let mut sub = vec![0.0; n * n];
        let mut rhs = vec![0.0; n];
        for (a, &i) in free.iter().enumerate() {
            rhs[a] = s.grad[i];
            for (b, &j) in free.iter().enumerate() {
                sub[a * n + b] = s.info[i * l + j];
            }
        }
        if !cholesky_solve(&mut sub, &mut rhs, n) {
            break;
        }
        s.step[..l].fill(0.0);
        for (a, &i) in free.iter().enumerate() {
            s.step[i] = rhs[a];
        }
        let mut scale = 1.0;
        let mut moved = false;
        for _ in 0..30 {
            let trial: Vec<f64> = p
                .iter()
                .zip(&s.step[..l])
                .map(|(x, st)| x + scale * st)
                .collect();
            if admissible(&trial, m, three_pl) {
                let f1 = item_objective(&trial, m, three_pl, counts, points, prior, false, s);
                if f1 >= f0 - 1e-12 * f0.abs().max(1.0) {
                    p.copy_from_slice(&trial);
                    moved = true;
                    break;
                }
            }
            scale *= 0.5;
        }
        let size = (0..l)
            .map(|i| (scale * s.step[i]).abs())
            .fold(0.0, f64::max);
        if !moved || size < 1e-9 {
            break;
        }
    }
    p.iter()
        .zip(&start)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max)
}

/// Fills `table` with `ln P(k | X_q)` for every item.
fn fill_table(params: &[Vec<f64>], layout: &Layout, points: &[f64], table: &mut [f64]) {
    let three_pl = layout.kind == ModelKind::ThreePl;
    let max_m = layout.categories.iter().copied().max().unwrap_or(2);
    let max_l = max_m + 1;
    let mut probs = vec![0.0; max_m];
    let mut jac = vec![0.0; max_m * max_l];
    let q_len = points.len();
    for (j, p) in params.iter().enumerate() {
        let m = layout.categories[j];
        let base = layout.starts[j];
        for (q, &x) in points.iter().enumerate() {
            probs_jac(p, m, three_pl, x, &mut probs, &mut jac);
            for k in 0..m {
                table[base + k * q_len + q] = libm::log(probs[k]);
            }
        }
    }
}

/// Adds the log-likelihood of a pattern to the log weights in `buf`, then normalises `buf` into
/// the posterior; returns the log marginal likelihood of the pattern.
#[inline]
fn posterior(obs: &[u32], table: &[f64], log_w: &[f64], buf: &mut [f64]) -> f64 {
    let q_len = buf.len();
    buf.copy_from_slice(log_w);
    for &o in obs {
        let row = &table[o as usize..o as usize + q_len];
        for (b, v) in buf.iter_mut().zip(row) {
            *b += v;
        }
    }
    let top = buf.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut total = 0.0;
    for b in buf.iter_mut() {
        *b = libm::exp(*b - top);
        total += *b;
    }
    let inv = 1.0 / total;
    for b in buf.iter_mut() {
        *b *= inv;
    }
    top + libm::log(total)
}

/// One chunk of the E-step: expected counts (laid out like the table) and the log-likelihood.
fn e_chunk(
    patterns: &Patterns,
    range: std::ops::Range<usize>,
    table: &[f64],
    log_w: &[f64],
    counts: &mut [f64],
) -> f64 {
    counts.fill(0.0);
    let q_len = log_w.len();
    let mut buf = vec![0.0; q_len];
    let mut ll = 0.0;
    for p in range {
        let obs = patterns.obs(p);
        let w = patterns.weights[p];
        ll += w * posterior(obs, table, log_w, &mut buf);
        if w != 1.0 {
            for b in buf.iter_mut() {
                *b *= w;
            }
        }
        for &o in obs {
            let row = &mut counts[o as usize..o as usize + q_len];
            for (c, b) in row.iter_mut().zip(&buf) {
                *c += b;
            }
        }
    }
    ll
}

fn chunk_ranges(n: usize) -> Vec<std::ops::Range<usize>> {
    (0..CHUNKS)
        .map(|c| (n * c / CHUNKS)..(n * (c + 1) / CHUNKS))
        .collect()
}

/// Runs `work` on every chunk, on threads where the platform has them, and returns the results in
/// chunk order.
fn for_chunks<T: Send>(
    n: usize,
    buffers: &mut [Vec<f64>],
    work: impl Fn(std::ops::Range<usize>, &mut Vec<f64>) -> T + Sync,
) -> Vec<T> {
    let ranges = chunk_ranges(n);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZeroUsize::get)
            .min(CHUNKS);
        if threads > 1 && n >= 256 {
            let work = &work;
            let per = CHUNKS.div_ceil(threads);
            return std::thread::scope(|scope| {
                let handles: Vec<_> = buffers
                    .chunks_mut(per)
                    .zip(ranges.chunks(per))
                    .map(|(bufs, rs)| {
                        scope.spawn(move || {
                            bufs.iter_mut()
                                .zip(rs)
                                .map(|(b, r)| work(r.clone(), b))
                                .collect::<Vec<T>>()
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| match h.join() {
                        Ok(v) => v,
                        Err(e) => std::panic::resume_unwind(e),
                    })
                    .collect()
            });
        }
    }
    buffers
        .iter_mut()
        .zip(ranges)
        .map(|(b, r)| work(r, b))
        .collect()
}

/// The E-step over all patterns: fills `counts`, returns the marginal log-likelihood.
fn e_step(
    patterns: &Patterns,
    table: &[f64],
    log_w: &[f64],
    buffers: &mut [Vec<f64>],
    counts: &mut [f64],
) -> f64 {
    let lls = for_chunks(patterns.len(), buffers, |range, buf| {
        e_chunk(patterns, range, table, log_w, buf)
    });
    counts.fill(0.0);
    for buf in buffers.iter() {
        for (c, b) in counts.iter_mut().zip(buf) {
            *c += b;
        }
    }
    lls.iter().sum()
}

/// The distinct patterns of binary items as the weighted-score E-step reads them: the items each
/// answered right, and which set of items it skipped.
struct BinaryPatterns<'a> {
    patterns: &'a Patterns,
    right_starts: Vec<usize>,
    right: Vec<u32>,
    /// Index into `skip_sets` of each pattern ([`Patterns`] keeps those sharing one adjacent).
    skip_set: Vec<usize>,
    skip_sets: Vec<Vec<u32>>,
}

impl<'a> BinaryPatterns<'a> {
    fn new(data: &ResponseMatrix, patterns: &'a Patterns) -> BinaryPatterns<'a> {
        let mut pats = BinaryPatterns {
            patterns,
            right_starts: vec![0],
            right: Vec::new(),
            skip_set: Vec::new(),
            skip_sets: Vec::new(),
        };
        for &p in &patterns.first {
            let skip = data.skipped(p);
            if pats.skip_sets.last() != Some(&skip) {
                pats.skip_sets.push(skip);
            }
            pats.skip_set.push(pats.skip_sets.len() - 1);
            let row = data.row(p);
            pats.right
                .extend((0..row.len() as u32).filter(|&j| row[j as usize] == 1));
            pats.right_starts.push(pats.right.len());
        }
        pats
    }

    fn right(&self, p: usize) -> &[u32] {
        &self.right[self.right_starts[p]..self.right_starts[p + 1]]
    }
}

/// One chunk of the weighted-score E-step. `acc` holds, per item, the posterior mass of those who
/// skipped it (category-0 slot) and of those who answered it right (category-1 slot), then the
/// total mass over the grid. Returns the log-likelihood, or `None` when the walk cannot run.
fn binary_e_chunk(
    pats: &BinaryPatterns,
    range: std::ops::Range<usize>,
    grid: &SlopeGrid,
    acc: &mut [f64],
) -> Option<f64> {
    acc.fill(0.0);
    let q_len = grid.points();
    let items = grid.slopes().len();
    let (per_item, total) = acc.split_at_mut(items * 2 * q_len);
    let mut buffer = grid.walk_buffer();
    let mut shared: Option<(usize, Shared)> = None;
    let mut ll = 0.0;
    let slopes = grid.slopes();
    let intercepts = grid.intercepts();
    for p in range {
        let set = pats.skip_set[p];
        let terms = match &shared {
            Some((s, terms)) if *s == set => terms,
            _ => &shared.insert((set, grid.shared(&pats.skip_sets[set])?)).1,
        };
        let right = pats.right(p);
        // Four lanes each: independent additions instead of one long chain.
        let (mut score, mut constant) = ([0.0_f64; 4], [0.0_f64; 4]);
        for (i, &j) in right.iter().enumerate() {
            score[i % 4] += slopes[j as usize];
            constant[i % 4] += intercepts[j as usize];
        }
        let score = (score[0] + score[1]) + (score[2] + score[3]);
        let constant = (constant[0] + constant[1]) + (constant[2] + constant[3]);
        let walk = grid.walk(terms, score, &mut buffer);
        // Only the window where the posterior is not negligible is accumulated.
        let (lo, hi) = (walk.lo, walk.hi);
        let weights = &mut buffer[q_len + lo..=q_len + hi];
        let mass: f64 = weights.iter().sum();
        let w = pats.patterns.weights[p];
        ll += w * (constant + walk.log_mode + libm::log(mass));
        let scale = w / mass;
        for v in weights.iter_mut() {
            *v *= scale;
        }
        let weights = &*weights;
        for (t, v) in total[lo..=hi].iter_mut().zip(weights) {
            *t += v;
        }
        for &j in right {
            let start = (2 * j as usize + 1) * q_len;
            for (c, v) in per_item[start + lo..=start + hi].iter_mut().zip(weights) {
                *c += v;
            }
        }
        for &j in &pats.skip_sets[set] {
            let start = 2 * j as usize * q_len;
            for (c, v) in per_item[start + lo..=start + hi].iter_mut().zip(weights) {
                *c += v;
            }
        }
    }
    Some(ll)
}

/// The E-step by weighted scores, for binary items without guessing: fills `counts` as
/// [`e_step`] does and returns the marginal log-likelihood, or `None` when the walk cannot run
/// (the general E-step then takes over).
fn binary_e_step(
    pats: &BinaryPatterns,
    grid: &SlopeGrid,
    buffers: &mut [Vec<f64>],
    counts: &mut [f64],
) -> Option<f64> {
    let lls = for_chunks(pats.patterns.len(), buffers, |range, buf| {
        binary_e_chunk(pats, range, grid, buf)
    });
    let q_len = grid.points();
    let items = grid.slopes().len();
    let mut total = vec![0.0; q_len];
    counts.fill(0.0);
    for buf in buffers.iter() {
        for (c, b) in counts.iter_mut().zip(buf) {
            *c += b;
        }
        for (t, b) in total.iter_mut().zip(&buf[items * 2 * q_len..]) {
            *t += b;
        }
    }
    // Category 0 is everyone at the point who answered the item, less those who answered right.
    for item in counts.chunks_exact_mut(2 * q_len) {
        let (wrong, right) = item.split_at_mut(q_len);
        for ((c, r), t) in wrong.iter_mut().zip(right.iter()).zip(&total) {
            *c = (t - *c - r).max(0.0);
        }
    }
    lls.into_iter().sum()
}

/// The weighted-score grid for the current parameters, when the model has no guessing and every
/// item is binary.
fn binary_grid(params: &[Vec<f64>], layout: &Layout, quad: &Quadrature) -> Option<SlopeGrid> {
    let binary = matches!(
        layout.kind,
        ModelKind::Rasch | ModelKind::OnePl | ModelKind::TwoPl
    ) && layout.categories.iter().all(|&m| m == 2);
    if !binary {
        return None;
    }
    let pairs: Vec<(f64, f64)> = params.iter().map(|p| (p[0], p[1])).collect();
    SlopeGrid::new(&pairs, quad)
}

/// Merges identical rows and maps each response to its table offset.
fn patterns(data: &ResponseMatrix, layout: &Layout) -> Patterns {
    let mut order: Vec<(Vec<u32>, usize)> =
        (0..data.persons()).map(|p| (data.skipped(p), p)).collect();
    order.sort_by(|x, y| x.0.cmp(&y.0).then_with(|| data.row(x.1).cmp(data.row(y.1))));
    let mut pats = Patterns {
        starts: vec![0],
        offsets: Vec::new(),
        weights: Vec::new(),
        first: Vec::new(),
    };
    let mut prev: Option<usize> = None;
    for (_, p) in order {
        if let Some(q) = prev
            && data.row(q) == data.row(p)
            && let Some(w) = pats.weights.last_mut()
        {
            *w += 1.0;
            continue;
        }
        for (j, &v) in data.row(p).iter().enumerate() {
            if v != MISSING {
                pats.offsets
                    .push((layout.starts[j] + usize::from(v) * layout.points) as u32);
            }
        }
        pats.starts.push(pats.offsets.len());
        pats.weights.push(1.0);
        pats.first.push(p);
        prev = Some(p);
    }
    pats
}

/// Checks the data against the model and returns each item's number of categories.
fn categories(data: &ResponseMatrix, kind: ModelKind) -> Result<Vec<usize>, IrtError> {
    let mut cats = Vec::with_capacity(data.items());
    for j in 0..data.items() {
        let mut seen = [0usize; 256];
        for p in 0..data.persons() {
            if let Some(v) = data.get(p, j) {
                if kind != ModelKind::Graded && v > 1 {
                    return Err(IrtError::Data {
                        message: format!(
                            "row {}, item {}: {v} is not 0 or 1 ({} items are scored right/wrong)",
                            p + 1,
                            j + 1,
                            kind.name()
                        ),
                    });
                }
                seen[usize::from(v)] += 1;
            }
        }
        let m = seen.iter().rposition(|&n| n > 0).map_or(0, |top| top + 1);
        if m < 2 {
            return Err(IrtError::Data {
                message: format!(
                    "item {}: all responses are in one category, so it cannot be calibrated",
                    j + 1
                ),
            });
        }
        if let Some(k) = seen[..m].iter().position(|&n| n == 0) {
            return Err(IrtError::Data {
                message: format!(
                    "item {}: category {k} is never observed; renumber the categories",
                    j + 1
                ),
            });
        }
        cats.push(m);
    }
    Ok(cats)
}

fn logit(p: f64) -> f64 {
    let p = p.clamp(0.01, 0.99);
    libm::log(p / (1.0 - p))
}

/// Starting values: unit slopes and intercepts from the observed category proportions.
fn start_values(data: &ResponseMatrix, layout: &Layout) -> Vec<Vec<f64>> {
    (0..data.items())
        .map(|j| {
            let m = layout.categories[j];
            let mut counts = vec![0.0; m];
            for p in 0..data.persons() {
                if let Some(v) = data.get(p, j) {
                    counts[usize::from(v)] += 1.0;
                }
            }
            let total: f64 = counts.iter().sum();
            let mut p = vec![1.0];
            let mut above = total;
            for c in counts.iter().take(m - 1) {
                above -= c;
                p.push(logit(above / total));
            }
            if layout.kind == ModelKind::ThreePl {
                p.push(0.15);
            }
            p
        })
        .collect()
}

/// Calibrates every item of `data` under `config.model`.
///
/// # Errors
/// [`IrtError::Config`] for bad quadrature settings; [`IrtError::Data`] for an empty matrix, a
/// category other than 0/1 on a binary model, or an item without variation.
pub fn calibrate(
    data: &ResponseMatrix,
    config: &CalibrationConfig,
) -> Result<Calibration, IrtError> {
    fit(data, config, true)
}

/// [`calibrate`], with the weighted-score E-step allowed or not (tests compare the two).
fn fit(
    data: &ResponseMatrix,
    config: &CalibrationConfig,
    weighted_scores: bool,
) -> Result<Calibration, IrtError> {
    let est = super::estimate::EstimatorConfig {
        points: config.points,
        min: config.min,
        max: config.max,
        ..Default::default()
    };
    est.validate()?;
    if config.tolerance.is_nan() || config.tolerance <= 0.0 {
        return Err(IrtError::Config {
            field: "tolerance".into(),
            message: "must be positive".into(),
        });
    }
    if data.persons() == 0 || data.items() == 0 {
        return Err(IrtError::Data {
            message: "the response matrix is empty".into(),
        });
    }
    let quad = Quadrature::normal(config.points, config.min, config.max, Prior::default());
    let q_len = quad.len();
    let layout = Layout::new(config.model, categories(data, config.model)?, q_len);
    let three_pl = config.model == ModelKind::ThreePl;
    let prior = three_pl.then_some(config.guessing_prior);
    let patterns = patterns(data, &layout);
    let mut params = start_values(data, &layout);
    let mut table = vec![0.0; layout.len];
    let mut counts = vec![0.0; layout.len];
    // The weighted-score E-step keeps the total posterior mass per point after the counts.
    let mut buffers = vec![vec![0.0; layout.len + q_len]; CHUNKS];
    let mut grid = binary_grid(&params, &layout, &quad).filter(|_| weighted_scores);
    let binary = grid.as_ref().map(|_| BinaryPatterns::new(data, &patterns));
    let max_m = layout.categories.iter().copied().max().unwrap_or(2);
    let mut scratch = Scratch::new(max_m, max_m + 1);
    let points = quad.points();
    let mut converged = false;
    let mut iterations = 0;
    // The E-step: by weighted scores where the walk can run, by the table otherwise.
    let mut expect = |params: &[Vec<f64>], table: &mut [f64], counts: &mut [f64]| -> f64 {
        if let (Some(grid), Some(pats)) = (grid.as_mut(), binary.as_ref())
            && grid.set_params(params.iter().map(|p| (p[0], p[1])))
            && let Some(ll) = binary_e_step(pats, grid, &mut buffers, counts)
        {
            return ll;
        }
        fill_table(params, &layout, points, table);
        e_step(&patterns, table, quad.log_weights(), &mut buffers, counts)
    };
    while iterations < config.max_iterations {
        iterations += 1;
        expect(&params, &mut table, &mut counts);
        let change = m_step(&mut params, &layout, &counts, points, prior, &mut scratch);
        if change < config.tolerance {
            converged = true;
            break;
        }
    }
    let mut log_likelihood = expect(&params, &mut table, &mut counts);
    fill_table(&params, &layout, points, &mut table);
    if let Some(beta) = prior {
        for p in &params {
            let c = p[2];
            log_likelihood +=
                (beta.alpha - 1.0) * libm::log(c) + (beta.beta - 1.0) * libm::log(1.0 - c);
        }
    }
    let covariance = if config.standard_errors {
        covariance(&params, &layout, &patterns, &table, &quad, prior)
    } else {
        None
    };
    let items = params
        .iter()
        .enumerate()
        .map(|(j, p)| report(j, p, &layout, covariance.as_ref()))
        .collect();
    Ok(Calibration {
        items,
        log_likelihood,
        iterations,
        converged,
        persons: data.persons(),
        patterns: patterns.len(),
    })
}

/// The M-step for every item; returns the largest parameter change.
fn m_step(
    params: &mut [Vec<f64>],
    layout: &Layout,
    counts: &[f64],
    points: &[f64],
    prior: Option<BetaPrior>,
    scratch: &mut Scratch,
) -> f64 {
    let three_pl = layout.kind == ModelKind::ThreePl;
    let mut change: f64 = 0.0;
    if layout.kind == ModelKind::OnePl {
        // The shared slope: intercepts first with the slope held, then the slope from the summed
        // gradient and information of all items.
        let a0 = params.first().map_or(1.0, |p| p[0]);
        for (j, p) in params.iter_mut().enumerate() {
            let mut mask = vec![true; p.len()];
            mask[0] = false;
            let m = layout.categories[j];
            let c = &counts[layout.item_range(j)];
            change = change.max(m_step_item(p, &mask, m, false, c, points, None, scratch));
        }
        let mut a = a0;
        for _ in 0..20 {
            let (mut g, mut h) = (0.0, 0.0);
            for (j, p) in params.iter_mut().enumerate() {
                p[0] = a;
                let m = layout.categories[j];
                let c = &counts[layout.item_range(j)];
                item_objective(p, m, false, c, points, None, true, scratch);
                g += scratch.grad[0];
                h += scratch.info[0];
            }
            if h.is_nan() || h <= 0.0 {
                break;
            }
            let step = (g / h).clamp(-0.5, 0.5);
            a = (a + step).clamp(-50.0, 50.0);
            if step.abs() < 1e-9 {
                break;
            }
        }
        for p in params.iter_mut() {
            p[0] = a;
        }
        return change.max((a - a0).abs());
    }
    for (j, p) in params.iter_mut().enumerate() {
        let m = layout.categories[j];
        let mask: Vec<bool> = (0..layout.local_len(j)).map(|i| layout.free(i)).collect();
        let c = &counts[layout.item_range(j)];
        change = change.max(m_step_item(
            p, &mask, m, three_pl, c, points, prior, scratch,
        ));
    }
    change
}

/// Global index of each item's free local parameters (the 1PL slope is one shared index).
fn global_index(layout: &Layout) -> (Vec<Vec<Option<usize>>>, usize) {
    let mut next = 0;
    let shared = if layout.kind == ModelKind::OnePl {
        next = 1;
        Some(0)
    } else {
        None
    };
    let map = (0..layout.categories.len())
        .map(|j| {
            (0..layout.local_len(j))
                .map(|i| {
                    if i == 0 && layout.kind == ModelKind::OnePl {
                        shared
                    } else if layout.free(i) {
                        next += 1;
                        Some(next - 1)
                    } else {
                        None
                    }
                })
                .collect()
        })
        .collect();
    (map, next)
}

/// Largest number of parameters for which the full information matrix is formed.
const MAX_SE_PARAMS: usize = 1500;

/// The covariance matrix of all free parameters, from the cross-product of score vectors.
fn covariance(
    params: &[Vec<f64>],
    layout: &Layout,
    patterns: &Patterns,
    table: &[f64],
    quad: &Quadrature,
    prior: Option<BetaPrior>,
) -> Option<Vec<f64>> {
    let (map, n) = global_index(layout);
    if n == 0 || n > MAX_SE_PARAMS {
        return None;
    }
    let three_pl = layout.kind == ModelKind::ThreePl;
    let q_len = layout.points;
    // Derivatives of ln P(k | X_q) in each local parameter, laid out [offset(j,k) + q] × L.
    let max_l = layout.categories.iter().copied().max().unwrap_or(2) + 1;
    let mut dlog = vec![0.0; layout.len * max_l];
    let mut probs = vec![0.0; max_l];
    let mut jac = vec![0.0; max_l * max_l];
    for (j, p) in params.iter().enumerate() {
        let m = layout.categories[j];
        let l = p.len();
        for (q, &x) in quad.points().iter().enumerate() {
            probs_jac(p, m, three_pl, x, &mut probs, &mut jac);
            for k in 0..m {
                let cell = layout.starts[j] + k * q_len + q;
                for i in 0..l {
                    dlog[cell * max_l + i] = jac[k * l + i] / probs[k];
                }
            }
        }
    }
    // Which item each table offset belongs to.
    let mut owner = vec![0usize; layout.len];
    for j in 0..layout.categories.len() {
        for cell in layout.item_range(j) {
            owner[cell] = j;
        }
    }
    let mut buffers = vec![vec![0.0; n * n]; CHUNKS];
    for_chunks(patterns.len(), &mut buffers, |range, xpd| {
        xpd.fill(0.0);
        let mut post = vec![0.0; q_len];
        let mut score = vec![0.0; n];
        for p in range {
            let obs = patterns.obs(p);
            posterior(obs, table, quad.log_weights(), &mut post);
            score.fill(0.0);
            for &o in obs {
                let o = o as usize;
                let j = owner[o];
                for (i, g) in map[j].iter().enumerate() {
                    if let Some(g) = g {
                        let mut s = 0.0;
                        for q in 0..q_len {
                            s += post[q] * dlog[(o + q) * max_l + i];
                        }
                        score[*g] += s;
                    }
                }
            }
            let w = patterns.weights[p];
            for a in 0..n {
                let sa = w * score[a];
                if sa == 0.0 {
                    continue;
                }
                let row = &mut xpd[a * n..a * n + a + 1];
                for (x, sb) in row.iter_mut().zip(&score[..=a]) {
                    *x += sa * sb;
                }
            }
        }
    });
    let mut info = vec![0.0; n * n];
    for buf in &buffers {
        for (x, b) in info.iter_mut().zip(buf) {
            *x += b;
        }
    }
    if let Some(beta) = prior {
        for (j, p) in params.iter().enumerate() {
            if let Some(g) = map[j][2] {
                let c = p[2];
                info[g * n + g] +=
                    (beta.alpha - 1.0) / (c * c) + (beta.beta - 1.0) / ((1.0 - c) * (1.0 - c));
            }
        }
    }
    invert_spd(info, n)
}

/// Inverts a symmetric positive definite matrix given by its lower triangle.
fn invert_spd(mut a: Vec<f64>, n: usize) -> Option<Vec<f64>> {
    for i in 0..n {
        for j in 0..i {
            a[j * n + i] = a[i * n + j];
        }
    }
    let mut inv = vec![0.0; n * n];
    let mut factor = a.clone();
    // Factor once by solving for the first unit vector, then reuse the factor for the others.
    let mut e = vec![0.0; n];
    e[0] = 1.0;
    if !cholesky_solve(&mut factor, &mut e, n) {
        return None;
    }
    for col in 0..n {
        let mut b = vec![0.0; n];
        b[col] = 1.0;
        for i in 0..n {
            let mut v = b[i];
            for k in 0..i {
                v -= factor[i * n + k] * b[k];
            }
            b[i] = v / factor[i * n + i];
        }
        for i in (0..n).rev() {
            let mut v = b[i];
            for k in i + 1..n {
                v -= factor[k * n + i] * b[k];
            }
            b[i] = v / factor[i * n + i];
        }
        for i in 0..n {
            inv[i * n + col] = b[i];
        }
    }
    Some(inv)
}

/// One item's estimates in both metrics, with standard errors by the delta method.
fn report(j: usize, p: &[f64], layout: &Layout, cov: Option<&Vec<f64>>) -> CalibratedItem {
    let m = layout.categories[j];
    let a = p[0];
    let d: Vec<f64> = p[1..m].to_vec();
    let b: Vec<f64> = d.iter().map(|dk| -dk / a).collect();
    let c = if layout.kind == ModelKind::ThreePl {
        p[2]
    } else {
        0.0
    };
    let se = cov.and_then(|cov| {
        let (map, n) = global_index(layout);
        let idx = &map[j];
        let var = |x: Option<usize>, y: Option<usize>| match (x, y) {
            (Some(x), Some(y)) => cov[x * n + y],
            _ => 0.0,
        };
        let ia = idx[0];
        let se_a = ia.map(|i| libm::sqrt(cov[i * n + i]));
        let mut se_b = Vec::new();
        let mut se_d = Vec::new();
        for (k, dk) in d.iter().enumerate() {
            let id = idx[k + 1];
            let vdd = var(id, id);
            se_d.push(libm::sqrt(vdd));
            // b = −d/a: ∂b/∂a = d/a², ∂b/∂d = −1/a.
            let ga = dk / (a * a);
            let gd = -1.0 / a;
            let vb = ga * ga * var(ia, ia) + gd * gd * vdd + 2.0 * ga * gd * var(ia, id);
            se_b.push(libm::sqrt(vb.max(0.0)));
        }
        let se_c = (layout.kind == ModelKind::ThreePl).then(|| libm::sqrt(var(idx[2], idx[2])));
        let all = se_a
            .iter()
            .chain(&se_b)
            .chain(&se_d)
            .chain(se_c.iter())
            .all(|v| v.is_finite());
        all.then_some(ItemSe {
            a: se_a,
            b: se_b,
            d: se_d,
            c: se_c,
        })
    });
    CalibratedItem {
        model: layout.kind,
        a,
        b,
        d,
        c,
        se,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::psychometrics::random;
    use crate::seed::Stream;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn probs_jac_matches_finite_differences() {
        let cases: Vec<(Vec<f64>, usize, bool)> = vec![
            (vec![1.3, -0.4], 2, false),
            (vec![0.9, 1.5, 0.2, -1.1], 4, false),
            (vec![1.6, 0.3, 0.2], 2, true),
        ];
        for (p, m, three) in cases {
            let l = p.len();
            let mut probs = vec![0.0; m];
            let mut jac = vec![0.0; m * l];
            probs_jac(&p, m, three, 0.7, &mut probs, &mut jac);
            assert!((probs.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            for i in 0..l {
                let mut hi = p.clone();
                let mut lo = p.clone();
                hi[i] += 1e-6;
                lo[i] -= 1e-6;
                let mut ph = vec![0.0; m];
                let mut pl = vec![0.0; m];
                let mut scratch = vec![0.0; m * l];
                probs_jac(&hi, m, three, 0.7, &mut ph, &mut scratch);
                probs_jac(&lo, m, three, 0.7, &mut pl, &mut scratch);
                for k in 0..m {
                    let numeric = (ph[k] - pl[k]) / 2e-6;
                    assert!((numeric - jac[k * l + i]).abs() < 1e-7, "{p:?} k={k} i={i}");
                }
            }
        }
    }

    #[test]
    fn graded_items_are_recovered() {
        let truth: Vec<Item> = (0..12)
            .map(|j| Item::Graded {
                a: 0.8 + 0.1 * j as f64,
                b: vec![-1.2 + 0.1 * j as f64, 0.0, 1.0 + 0.05 * j as f64],
            })
            .collect();
        let mut s = Stream::new(4, "test", "grm");
        let thetas = random::thetas(3000, 0.0, 1.0, &mut s);
        let cells = random::responses(&truth, &thetas, &mut s);
        let data = ResponseMatrix::new(3000, 12, cells).unwrap();
        let config = CalibrationConfig {
            model: ModelKind::Graded,
            points: 41,
            ..CalibrationConfig::default()
        };
        let fit = calibrate(&data, &config).unwrap();
        assert!(fit.converged, "{} iterations", fit.iterations);
        for (est, item) in fit.items.iter().zip(&truth) {
            let Item::Graded { a, b } = item else {
                unreachable!()
            };
            assert!((est.a - a).abs() < 0.2, "{est:?} vs {item:?}");
            for (eb, tb) in est.b.iter().zip(b) {
                assert!((eb - tb).abs() < 0.2, "{est:?} vs {item:?}");
            }
            let se = est.se.as_ref().unwrap();
            assert!(se.a.unwrap() > 0.01 && se.a.unwrap() < 0.15, "{se:?}");
        }
    }

    #[test]
    fn missing_cells_and_bad_data() {
        let data = ResponseMatrix::new(3, 2, vec![0, 1, MISSING, 2, 1, 0]).unwrap();
        let err = calibrate(&data, &CalibrationConfig::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "row 2, item 2: 2 is not 0 or 1 (2PL items are scored right/wrong)"
        );
        let data = ResponseMatrix::new(2, 2, vec![0, 1, 0, 1]).unwrap();
        let err = calibrate(&data, &CalibrationConfig::default()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("item 1: all responses are in one category")
        );
        assert!(ResponseMatrix::new(2, 2, vec![0; 3]).is_err());
    }

    #[test]
    fn the_weighted_score_e_step_gives_the_table_e_step_fit() {
        let truth: Vec<Item> = (0..8)
            .map(|j| Item::two_pl(0.6 + 0.2 * j as f64, -1.4 + 0.35 * j as f64))
            .collect();
        let mut s = Stream::new(9, "test", "weighted");
        let thetas = random::thetas(1500, 0.0, 1.0, &mut s);
        let mut cells = random::responses(&truth, &thetas, &mut s);
        // Gaps in a block design (two skip sets) and scattered ones.
        for p in 0..750 {
            cells[p * 8 + 7] = MISSING;
        }
        for i in (0..cells.len()).step_by(53) {
            cells[i] = MISSING;
        }
        let data = ResponseMatrix::new(1500, 8, cells).unwrap();
        // The weighted route runs, and its expected counts are the table's, cell by cell.
        let quad = Quadrature::normal(41, -6.0, 6.0, Prior::default());
        let layout = Layout::new(
            ModelKind::TwoPl,
            categories(&data, ModelKind::TwoPl).unwrap(),
            41,
        );
        let params = start_values(&data, &layout);
        let grid = binary_grid(&params, &layout, &quad).expect("2PL items have a slope grid");
        let mut buffers = vec![vec![0.0; layout.len + 41]; CHUNKS];
        let mut fast = vec![0.0; layout.len];
        let pats = patterns(&data, &layout);
        let ll_fast = binary_e_step(
            &BinaryPatterns::new(&data, &pats),
            &grid,
            &mut buffers,
            &mut fast,
        )
        .expect("moderate parameters");
        let mut table = vec![0.0; layout.len];
        fill_table(&params, &layout, quad.points(), &mut table);
        let mut slow = vec![0.0; layout.len];
        let ll_slow = e_step(&pats, &table, quad.log_weights(), &mut buffers, &mut slow);
        assert!((ll_fast - ll_slow).abs() < 1e-8, "{ll_fast} vs {ll_slow}");
        for (i, (f, w)) in fast.iter().zip(&slow).enumerate() {
            assert!(
                (f - w).abs() < 1e-9 * (1.0 + w.abs()),
                "cell {i}: {f} vs {w}"
            );
        }
        for model in [ModelKind::Rasch, ModelKind::OnePl, ModelKind::TwoPl] {
            let config = CalibrationConfig {
                model,
                tolerance: 1e-6,
                ..CalibrationConfig::default()
            };
            let fast = fit(&data, &config, true).unwrap();
            let slow = fit(&data, &config, false).unwrap();
            assert!(fast.converged && slow.converged, "{model:?}");
            assert_eq!(fast.iterations, slow.iterations, "{model:?}");
            assert!(
                (fast.log_likelihood - slow.log_likelihood).abs() < 1e-7,
                "{model:?}: {} vs {}",
                fast.log_likelihood,
                slow.log_likelihood
            );
            for (f, w) in fast.items.iter().zip(&slow.items) {
                assert!(
                    (f.a - w.a).abs() < 1e-9 && (f.b[0] - w.b[0]).abs() < 1e-9,
                    "{model:?}"
                );
                let (fs, ws) = (f.se.as_ref().unwrap(), w.se.as_ref().unwrap());
                assert!((fs.b[0] - ws.b[0]).abs() < 1e-9, "{model:?}");
            }
        }
    }

    #[test]
    fn identical_rows_are_merged_without_changing_the_fit() {
        let truth: Vec<Item> = (0..6)
            .map(|j| Item::two_pl(1.0, -1.0 + 0.4 * j as f64))
            .collect();
        let mut s = Stream::new(8, "test", "merge");
        let thetas = random::thetas(800, 0.0, 1.0, &mut s);
        let mut cells = random::responses(&truth, &thetas, &mut s);
        // Knock out a few cells so patterns with gaps are merged too.
        for i in (0..cells.len()).step_by(37) {
            cells[i] = MISSING;
        }
        let data = ResponseMatrix::new(800, 6, cells).unwrap();
        let fit = calibrate(&data, &CalibrationConfig::default()).unwrap();
        assert!(fit.patterns < 200, "{} patterns", fit.patterns);
        assert!(fit.converged);
        assert!(fit.log_likelihood < 0.0 && fit.log_likelihood.is_finite());
    }
}

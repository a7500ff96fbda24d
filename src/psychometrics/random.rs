//! Continuous draws from a seeded [`Stream`]: uniforms, normals and simulated responses.

use super::model::Item;
use crate::seed::Stream;

/// A uniform draw in `[0, 1)` with 53 random bits.
pub fn uniform(stream: &mut Stream) -> f64 {
    (stream.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A standard normal draw (Box–Muller, using one pair of uniforms per draw for simplicity).
pub fn normal(stream: &mut Stream) -> f64 {
    // 1 − u keeps the logarithm's argument in (0, 1].
    let u1 = 1.0 - uniform(stream);
    let u2 = uniform(stream);
    libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * core::f64::consts::PI * u2)
}

/// A response category drawn from `item`'s probabilities at `theta`.
pub fn response(item: &Item, theta: f64, stream: &mut Stream) -> usize {
    let u = uniform(stream);
    let mut cumulative = 0.0;
    let last = item.categories() - 1;
    for k in 0..last {
        cumulative += item.prob(theta, k);
        if u < cumulative {
            return k;
        }
    }
    last
}

/// `n` abilities from a normal distribution.
pub fn thetas(n: usize, mean: f64, sd: f64, stream: &mut Stream) -> Vec<f64> {
    (0..n).map(|_| mean + sd * normal(stream)).collect()
}

/// A persons × items matrix of simulated responses, row-major.
pub fn responses(items: &[Item], thetas: &[f64], stream: &mut Stream) -> Vec<u8> {
    let mut out = Vec::with_capacity(items.len() * thetas.len());
    for &theta in thetas {
        for item in items {
            // Categories are few (a graded item has at most a handful), so this never truncates.
            out.push(response(item, theta, stream).min(usize::from(u8::MAX - 1)) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn normal_draws_have_mean_zero_and_unit_variance() {
        let mut s = Stream::new(5, "test", "normal");
        let xs = thetas(40_000, 0.0, 1.0, &mut s);
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / xs.len() as f64;
        assert!(mean.abs() < 0.02, "{mean}");
        assert!((var - 1.0).abs() < 0.03, "{var}");
    }

    #[test]
    fn responses_follow_the_model() {
        let item = Item::two_pl(1.0, 0.0);
        let mut s = Stream::new(9, "test", "responses");
        let right = (0..20_000)
            .filter(|_| response(&item, 1.0, &mut s) == 1)
            .count();
        let p = right as f64 / 20_000.0;
        assert!((p - item.prob(1.0, 1)).abs() < 0.01, "{p}");
    }
}

//! Times Assay's IRT computations on the data files bench/irt/run.py writes, natively.
//!
//! ```text
//! assay-irt-bench cat <data dir> <batches>
//! assay-irt-bench eap <data dir> <repeats> <theta out .npy>
//! assay-irt-bench cal <data dir> <repeats>
//! ```
//!
//! Each prints one line of JSON. Only the computation is timed: the files are read and the
//! response matrix built before the clock starts. `eap` times building the log-probability table
//! and scoring every person (41 points over [−6, 6], N(0, 1) prior); `cal` times one 2PL
//! calibration (41 points, tolerance 1e-4, no standard errors).

// A benchmark reads the clock itself (the project's clippy.toml keeps it out of the core).
#![allow(clippy::disallowed_methods)]

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(message) = native::run() {
        eprintln!("assay-irt-bench: {message}");
        std::process::exit(2);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::fs;
    use std::hint::black_box;
    use std::path::Path;
    use std::time::Instant;

    use assay::psychometrics::estimate::{Prior, Quadrature};
    use assay::psychometrics::{
        CalibrationConfig, Item, ModelKind, ResponseMatrix, calibrate, eap_scores,
    };
    use assay_irt_bench::{
        CAT_ITEMS, CAT_SEED, cat_params, cat_pool, cat_report, cat_state, cat_step, time_batches,
    };

    type Result<T> = std::result::Result<T, String>;

    pub fn run() -> Result<()> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let arg = |i: usize| {
            args.get(i).cloned().ok_or_else(|| {
                "usage: assay-irt-bench cat|eap|cal <data dir> <n> [out]".to_string()
            })
        };
        let dir = arg(1)?;
        let dir = Path::new(&dir);
        let n: usize = arg(2)?.parse().map_err(|e| format!("count: {e}"))?;
        match arg(0)?.as_str() {
            "cat" => cat(dir, n),
            "eap" => eap(dir, n, Path::new(&arg(3)?)),
            "cal" => cal(dir, n),
            other => Err(format!("unknown task {other:?}")),
        }
    }

    fn clock() -> impl Fn() -> f64 {
        let origin = Instant::now();
        move || origin.elapsed().as_secs_f64() * 1e9
    }

    fn cat(dir: &Path, batches: usize) -> Result<()> {
        let params = cat_params(CAT_SEED, CAT_ITEMS);
        // The peers read the pool from these files: check they hold the same numbers.
        let (a, b) = (
            read_f64(&dir.join("cat_a.npy"))?,
            read_f64(&dir.join("cat_b.npy"))?,
        );
        let same = a.len() == params.len()
            && b.len() == params.len()
            && params
                .iter()
                .zip(a.iter().zip(&b))
                .all(|(p, (x, y))| p.0.to_bits() == x.to_bits() && p.1.to_bits() == y.to_bits());
        if !same {
            return Err("cat_a.npy / cat_b.npy differ from the SplitMix64 pool".into());
        }
        let pool = cat_pool(&params);
        let responses = cat_state(&pool);
        let t = time_batches(
            || {
                black_box(cat_step(&pool, black_box(&responses)));
            },
            clock(),
            1000,
            batches,
        );
        println!("{}", cat_report("native", &pool, &responses, t));
        Ok(())
    }

    fn eap(dir: &Path, repeats: usize, out: &Path) -> Result<()> {
        let (a, b) = (
            read_f64(&dir.join("eap_a.npy"))?,
            read_f64(&dir.join("eap_b.npy"))?,
        );
        let (shape, cells) = read_u8(&dir.join("eap_x.npy"))?;
        let [persons, n_items] = shape[..] else {
            return Err("eap_x.npy is not a matrix".into());
        };
        if a.len() != n_items || b.len() != n_items {
            return Err("eap_a.npy / eap_b.npy do not match eap_x.npy".into());
        }
        let items: Vec<Item> = a
            .iter()
            .zip(&b)
            .map(|(&a, &b)| Item::two_pl(a, b))
            .collect();
        let matrix = ResponseMatrix::new(persons, n_items, cells).map_err(|e| e.to_string())?;
        let quad = Quadrature::normal(41, -6.0, 6.0, Prior::default());
        let mut theta = vec![0.0; persons];
        let mut se = vec![0.0; persons];
        let mut times = Vec::new();
        for _ in 0..repeats.max(1) {
            let t0 = Instant::now();
            let scores = eap_scores(&items, &quad, &matrix).map_err(|e| e.to_string())?;
            for (p, e) in scores.iter().enumerate() {
                theta[p] = e.theta;
                se[p] = e.se;
            }
            times.push(t0.elapsed().as_secs_f64());
            black_box(&theta);
        }
        write_f64(out, &theta)?;
        let mean_se = se.iter().sum::<f64>() / persons as f64;
        println!(
            "{{\"times\":{},\"persons\":{persons},\"items\":{n_items},\"mean_se\":{mean_se}}}",
            json_list(&times)
        );
        Ok(())
    }

    fn cal(dir: &Path, repeats: usize) -> Result<()> {
        let (shape, cells) = read_u8(&dir.join("cal_x.npy"))?;
        let [persons, n_items] = shape[..] else {
            return Err("cal_x.npy is not a matrix".into());
        };
        let matrix = ResponseMatrix::new(persons, n_items, cells).map_err(|e| e.to_string())?;
        let config = CalibrationConfig {
            model: ModelKind::TwoPl,
            points: 41,
            tolerance: 1e-4,
            standard_errors: false,
            ..CalibrationConfig::default()
        };
        let mut times = Vec::new();
        let mut fit = None;
        for _ in 0..repeats.max(1) {
            let t0 = Instant::now();
            let f = calibrate(&matrix, &config).map_err(|e| e.to_string())?;
            times.push(t0.elapsed().as_secs_f64());
            fit = Some(black_box(f));
        }
        let fit = fit.expect("at least one run");
        let a: Vec<f64> = fit.items.iter().map(|i| i.a).collect();
        let b: Vec<f64> = fit.items.iter().map(|i| i.b[0]).collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        println!(
            "{{\"times\":{},\"iterations\":{},\"converged\":{},\"log_likelihood\":{},\
             \"threads\":{threads},\"a\":{},\"b\":{}}}",
            json_list(&times),
            fit.iterations,
            fit.converged,
            fit.log_likelihood,
            json_list(&a),
            json_list(&b)
        );
        Ok(())
    }

    fn json_list(values: &[f64]) -> String {
        let parts: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
        format!("[{}]", parts.join(","))
    }

    /// A `.npy` file's dtype, shape and data (version 1–3, C order).
    fn read_npy(path: &Path) -> Result<(String, Vec<usize>, Vec<u8>)> {
        let bytes = fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let bad = || format!("{}: not a .npy file this reader knows", path.display());
        if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
            return Err(bad());
        }
        let (len, start) = match bytes[6] {
            1 => (usize::from(u16::from_le_bytes([bytes[8], bytes[9]])), 10),
            2 | 3 => {
                let raw: [u8; 4] = bytes
                    .get(8..12)
                    .ok_or_else(bad)?
                    .try_into()
                    .map_err(|_| bad())?;
                (u32::from_le_bytes(raw) as usize, 12)
            }
            _ => return Err(bad()),
        };
        let header = std::str::from_utf8(bytes.get(start..start + len).ok_or_else(bad)?)
            .map_err(|_| bad())?;
        if header.contains("'fortran_order': True") {
            return Err(bad());
        }
        let field = |key: &str, open: char, close: char| -> Result<String> {
            let at = header.find(key).ok_or_else(bad)? + key.len();
            let rest = &header[at..];
            let from = rest.find(open).ok_or_else(bad)? + 1;
            let to = from + rest[from..].find(close).ok_or_else(bad)?;
            Ok(rest[from..to].to_string())
        };
        let descr = field("'descr'", '\'', '\'')?;
        let shape = field("'shape'", '(', ')')?
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<usize>().map_err(|_| bad()))
            .collect::<Result<Vec<_>>>()?;
        Ok((descr, shape, bytes[start + len..].to_vec()))
    }

    fn read_f64(path: &Path) -> Result<Vec<f64>> {
        let (descr, _, data) = read_npy(path)?;
        if descr != "<f8" {
            return Err(format!("{}: expected <f8, found {descr}", path.display()));
        }
        Ok(data
            .as_chunks::<8>()
            .0
            .iter()
            .map(|c| f64::from_le_bytes(*c))
            .collect())
    }

    fn read_u8(path: &Path) -> Result<(Vec<usize>, Vec<u8>)> {
        let (descr, shape, data) = read_npy(path)?;
        if descr != "|u1" {
            return Err(format!("{}: expected |u1, found {descr}", path.display()));
        }
        if shape.iter().product::<usize>() != data.len() {
            return Err(format!("{}: truncated", path.display()));
        }
        Ok((shape, data))
    }

    fn write_f64(path: &Path, values: &[f64]) -> Result<()> {
        let mut header = format!(
            "{{'descr': '<f8', 'fortran_order': False, 'shape': ({},), }}",
            values.len()
        );
        while (10 + header.len() + 1) % 64 != 0 {
            header.push(' ');
        }
        header.push('\n');
        let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
        bytes.extend_from_slice(&(header.len() as u16).to_le_bytes());
        bytes.extend_from_slice(header.as_bytes());
        for v in values {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    }
}

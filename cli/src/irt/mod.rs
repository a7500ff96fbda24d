//! `assay irt`: calibrate items from a responses CSV, score persons, simulate adaptive tests.

mod responses;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use assay::psychometrics::cat::{self, CatConfig, Pool, StopRule};
use assay::psychometrics::params::pool_from_json;
use assay::psychometrics::{
    CalibrationConfig, EstimatorConfig, Item, Method, ModelKind, Prior, calibrate, eap_scores,
    random,
};
use assay::seed::Stream;
use serde_json::{Value, json};

use crate::exit;

/// Arguments of `assay irt`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Estimate item parameters by marginal maximum likelihood (EM) from a responses CSV.
    Calibrate(CalibrateArgs),
    /// Estimate each person's θ and its standard error from responses and item parameters.
    Score(ScoreArgs),
    /// Simulate adaptive tests on an item pool: length, RMSE, bias and exposure rates.
    Simulate(SimulateArgs),
}

/// Arguments of `assay irt calibrate`.
#[derive(clap::Args)]
struct CalibrateArgs {
    /// Responses: a header of item ids, one row per person, empty cells missing.
    #[arg(long)]
    responses: PathBuf,
    /// The model: Rasch, 1PL, 2PL, 3PL or GRM.
    #[arg(long, default_value = "2PL")]
    model: String,
    /// The person id column (default: a first column headed `id`, if any).
    #[arg(long)]
    id_column: Option<String>,
    /// Quadrature points.
    #[arg(long, default_value_t = 61)]
    points: usize,
    /// Convergence tolerance on the largest parameter change per EM cycle.
    #[arg(long, default_value_t = 1e-4)]
    tolerance: f64,
    /// Maximum EM cycles.
    #[arg(long, default_value_t = 500)]
    max_iterations: usize,
    /// Skip standard errors (faster for large pools).
    #[arg(long)]
    no_se: bool,
    /// Where to write the item parameters (JSON).
    #[arg(long)]
    out: PathBuf,
}

/// Arguments of `assay irt score`.
#[derive(clap::Args)]
struct ScoreArgs {
    /// Responses CSV, columns headed by item ids found in `--items`.
    #[arg(long)]
    responses: PathBuf,
    /// Item parameters (as `assay irt calibrate` writes them, or an array of items).
    #[arg(long)]
    items: PathBuf,
    /// EAP, MAP or MLE.
    #[arg(long, default_value = "EAP")]
    method: String,
    /// The person id column (default: a first column headed `id`, if any).
    #[arg(long)]
    id_column: Option<String>,
    /// Quadrature points (EAP).
    #[arg(long, default_value_t = 61)]
    points: usize,
    /// Lowest θ (quadrature range, and the MAP/MLE bound).
    #[arg(long, default_value_t = -6.0, allow_hyphen_values = true)]
    min: f64,
    /// Highest θ.
    #[arg(long, default_value_t = 6.0)]
    max: f64,
    /// Mean of the normal prior (EAP, MAP).
    #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
    prior_mean: f64,
    /// SD of the normal prior (EAP, MAP).
    #[arg(long, default_value_t = 1.0)]
    prior_sd: f64,
    /// Where to write the scores (JSON).
    #[arg(long)]
    out: PathBuf,
}

/// Arguments of `assay irt simulate`.
#[derive(clap::Args)]
struct SimulateArgs {
    /// The item pool (as `assay irt calibrate` writes it, or an array of items with `irt`).
    #[arg(long)]
    pool: PathBuf,
    /// Number of simulated examinees.
    #[arg(long)]
    examinees: usize,
    /// Seed of every random draw.
    #[arg(long)]
    seed: u64,
    /// A full adaptive configuration (JSON); the flags below override its fields.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Estimator: EAP, MAP or MLE.
    #[arg(long)]
    method: Option<String>,
    /// Minimum test length.
    #[arg(long)]
    min_items: Option<usize>,
    /// Maximum test length.
    #[arg(long)]
    max_items: Option<usize>,
    /// Stop once the standard error is at most this.
    #[arg(long)]
    se: Option<f64>,
    /// Pick at random among the K most informative items.
    #[arg(long)]
    randomesque: Option<usize>,
    /// Target share of a content area, as `area=share` (repeatable).
    #[arg(long = "content", value_name = "AREA=SHARE")]
    content: Vec<String>,
    /// Derive Sympson–Hetter exposure parameters for this maximum exposure rate, then apply them.
    #[arg(long)]
    sympson_hetter: Option<f64>,
    /// Rounds of the Sympson–Hetter simulation.
    #[arg(long, default_value_t = 10)]
    sh_rounds: usize,
    /// Mean of the simulated abilities.
    #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
    theta_mean: f64,
    /// SD of the simulated abilities.
    #[arg(long, default_value_t = 1.0)]
    theta_sd: f64,
    /// Where to write the report (JSON).
    #[arg(long)]
    out: PathBuf,
}

/// Runs an `assay irt` subcommand.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    match &args.command {
        Command::Calibrate(a) => run_calibrate(a),
        Command::Score(a) => run_score(a),
        Command::Simulate(a) => run_simulate(a),
    }
}

fn write_json(path: &Path, value: &Value) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    std::fs::write(path, text + "\n").with_context(|| format!("cannot write {}", path.display()))
}

fn read_json(path: &Path) -> anyhow::Result<Value> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))
}

/// A number or, for graded items, an array; one value stays a plain number.
fn one_or_many(values: &[f64]) -> Value {
    match values {
        [one] => json!(one),
        many => json!(many),
    }
}

fn run_calibrate(args: &CalibrateArgs) -> anyhow::Result<u8> {
    let Some(model) = ModelKind::parse(&args.model) else {
        bail!(
            "--model {:?}: expected Rasch, 1PL, 2PL, 3PL or GRM",
            args.model
        );
    };
    let data = responses::read(&args.responses, args.id_column.as_deref())?;
    let config = CalibrationConfig {
        model,
        points: args.points,
        tolerance: args.tolerance,
        max_iterations: args.max_iterations,
        standard_errors: !args.no_se,
        ..CalibrationConfig::default()
    };
    let fit = calibrate(&data.matrix, &config)
        .with_context(|| format!("in {}", args.responses.display()))?;
    let items: Vec<Value> = fit
        .items
        .iter()
        .zip(&data.items)
        .map(|(item, id)| {
            let mut record = json!({
                "id": id,
                "model": model.name(),
                "a": item.a,
                "b": one_or_many(&item.b),
                "d": one_or_many(&item.d),
            });
            if model == ModelKind::ThreePl {
                record["c"] = json!(item.c);
            }
            if let Some(se) = &item.se {
                let mut s = json!({"b": one_or_many(&se.b), "d": one_or_many(&se.d)});
                if let Some(a) = se.a {
                    s["a"] = json!(a);
                }
                if let Some(c) = se.c {
                    s["c"] = json!(c);
                }
                record["se"] = s;
            }
            record
        })
        .collect();
    let report = json!({
        "model": model.name(),
        "persons": fit.persons,
        "patterns": fit.patterns,
        "log_likelihood": fit.log_likelihood,
        "iterations": fit.iterations,
        "converged": fit.converged,
        "quadrature": {"points": config.points, "min": config.min, "max": config.max},
        "items": items,
    });
    write_json(&args.out, &report)?;
    say!(
        "{} {} items from {} persons: log-likelihood {:.3}, {} EM cycles, {}",
        model.name(),
        fit.items.len(),
        fit.persons,
        fit.log_likelihood,
        fit.iterations,
        if fit.converged {
            "converged"
        } else {
            "NOT converged"
        }
    );
    Ok(if fit.converged {
        exit::OK
    } else {
        exit::INVALID
    })
}

fn run_score(args: &ScoreArgs) -> anyhow::Result<u8> {
    let Some(method) = Method::parse(&args.method) else {
        bail!("--method {:?}: expected EAP, MAP or MLE", args.method);
    };
    let pool = pool_from_json(&read_json(&args.items)?)
        .with_context(|| format!("in {}", args.items.display()))?;
    let data = responses::read(&args.responses, args.id_column.as_deref())?;
    let mut columns = Vec::with_capacity(data.items.len());
    for id in &data.items {
        let Some(j) = pool.iter().position(|p| &p.id == id) else {
            bail!(
                "{}: item {id:?} is not in {}",
                args.responses.display(),
                args.items.display()
            );
        };
        columns.push(j);
    }
    let config = EstimatorConfig {
        method,
        prior: Prior {
            mean: args.prior_mean,
            sd: args.prior_sd,
        },
        points: args.points,
        min: args.min,
        max: args.max,
    };
    let quad = config.quadrature()?;
    let items: Vec<Item> = columns.iter().map(|&j| pool[j].item.clone()).collect();
    for (c, item) in items.iter().enumerate() {
        for p in 0..data.matrix.persons() {
            if let Some(k) = data.matrix.get(p, c)
                && usize::from(k) >= item.categories()
            {
                bail!(
                    "{}: row {}, item {}: category {k} is beyond the item's {} categories",
                    args.responses.display(),
                    p + 1,
                    data.items[c],
                    item.categories()
                );
            }
        }
    }
    // EAP scores the whole matrix at once (people who skipped the same items share work).
    let eap = match method {
        Method::Eap => Some(eap_scores(&items, &quad, &data.matrix)?),
        Method::Map | Method::Mle => None,
    };
    let mut persons = Vec::with_capacity(data.matrix.persons());
    for (p, id) in data.persons.iter().enumerate() {
        let answered: Vec<(usize, usize)> = data
            .matrix
            .row(p)
            .iter()
            .enumerate()
            .filter(|(_, k)| **k != assay::psychometrics::calibrate::MISSING)
            .map(|(c, &k)| (c, usize::from(k)))
            .collect();
        let estimate = match &eap {
            Some(scores) => scores[p],
            None => {
                let pairs: Vec<(&Item, usize)> =
                    answered.iter().map(|&(c, k)| (&items[c], k)).collect();
                config.estimate(&pairs)?
            }
        };
        persons.push(json!({
            "id": id,
            "theta": estimate.theta,
            // An infinite SE (MLE with no responses) has no JSON number; null says "unknown".
            "se": if estimate.se.is_finite() { json!(estimate.se) } else { Value::Null },
            "answered": answered.len(),
        }));
    }
    let report = json!({
        "method": args.method.to_ascii_uppercase(),
        "prior": {"mean": args.prior_mean, "sd": args.prior_sd},
        "range": [args.min, args.max],
        "persons": persons,
    });
    write_json(&args.out, &report)?;
    say!(
        "scored {} persons by {}",
        data.matrix.persons(),
        args.method.to_ascii_uppercase()
    );
    Ok(exit::OK)
}

fn run_simulate(args: &SimulateArgs) -> anyhow::Result<u8> {
    let items = pool_from_json(&read_json(&args.pool)?)
        .with_context(|| format!("in {}", args.pool.display()))?;
    let mut config: CatConfig = match &args.config {
        Some(path) => {
            let value = read_json(path)?;
            serde_path_to_error::deserialize(value)
                .map_err(|e| anyhow::anyhow!("{}: {}: {}", path.display(), e.path(), e.inner()))?
        }
        None => CatConfig::default(),
    };
    if let Some(m) = &args.method {
        config.estimator.method = Method::parse(m)
            .with_context(|| format!("--method {m:?}: expected EAP, MAP or MLE"))?;
    }
    let stop: &mut StopRule = &mut config.stop;
    if let Some(n) = args.min_items {
        stop.min_items = n;
    }
    if let Some(n) = args.max_items {
        stop.max_items = n;
        if args.min_items.is_none() {
            // A short maximum with the default minimum means "exactly this many at most".
            stop.min_items = stop.min_items.min(n);
        }
    }
    if let Some(se) = args.se {
        stop.se = Some(se);
    }
    if let Some(k) = args.randomesque {
        config.randomesque = k;
    }
    if !args.content.is_empty() {
        let mut content = BTreeMap::new();
        for entry in &args.content {
            let Some((area, share)) = entry.split_once('=') else {
                bail!("--content {entry:?}: expected AREA=SHARE");
            };
            let share: f64 = share
                .trim()
                .parse()
                .with_context(|| format!("--content {entry:?}: {share:?} is not a number"))?;
            content.insert(area.trim().to_string(), share);
        }
        config.content = content;
    }
    if args.sympson_hetter.is_some() {
        config.sympson_hetter = true;
    }
    let mut pool = Pool::new(items, config)?;
    let thetas = random::thetas(
        args.examinees,
        args.theta_mean,
        args.theta_sd,
        &mut Stream::new(args.seed, "irt-simulate", "thetas"),
    );
    if let Some(r_max) = args.sympson_hetter {
        if !(r_max > 0.0 && r_max <= 1.0) {
            bail!("--sympson-hetter {r_max}: expected a rate in (0, 1]");
        }
        let training = random::thetas(
            args.examinees.max(200),
            args.theta_mean,
            args.theta_sd,
            &mut Stream::new(args.seed, "irt-simulate", "training"),
        );
        cat::calibrate_exposure(
            &mut pool,
            &training,
            args.seed.wrapping_add(1),
            r_max,
            args.sh_rounds,
        )?;
    }
    let report = cat::simulate(&pool, &thetas, args.seed)?;
    let per_item: Vec<Value> = pool
        .items()
        .iter()
        .zip(&report.exposure)
        .map(|(item, rate)| {
            json!({"id": item.id, "area": item.area, "exposure": rate, "sympson_hetter_k": item.exposure})
        })
        .collect();
    let out = json!({
        "examinees": report.examinees,
        "seed": args.seed,
        "config": pool.config(),
        "mean_length": report.mean_length,
        "rmse": report.rmse,
        "bias": report.bias,
        "mean_se": report.mean_se,
        "max_exposure": report.max_exposure,
        "unused_share": report.unused_share,
        "stops": report.stops,
        "items": per_item,
    });
    write_json(&args.out, &out)?;
    say!(
        "{} simulees: mean length {:.2}, RMSE {:.4}, bias {:+.4}, max exposure {:.3}",
        report.examinees,
        report.mean_length,
        report.rmse,
        report.bias,
        report.max_exposure
    );
    Ok(exit::OK)
}

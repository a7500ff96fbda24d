//! `assay verify`: every check on a signed result, and the re-score that counts.

use std::path::PathBuf;

use assay::receipt::{Evidence, Trust, verify};

use crate::{exit, files};

/// Arguments of `assay verify`.
#[derive(clap::Args)]
pub struct Args {
    /// The result (compact JWS).
    result: PathBuf,
    /// The session's events (JSON Lines).
    #[arg(long)]
    events: PathBuf,
    /// The grant the result answers (compact JWS).
    #[arg(long)]
    grant: PathBuf,
    /// The issuer's public key (JWK).
    #[arg(long)]
    issuer: PathBuf,
    /// The package.
    #[arg(long)]
    package: PathBuf,
    /// Checkpoints received during the session, one compact JWS per line.
    #[arg(long)]
    checkpoints: Option<PathBuf>,
    /// The audience to accept (default: the grant's).
    #[arg(long)]
    aud: Option<String>,
    /// Verify as of this time, seconds since the epoch (default: now).
    #[arg(long)]
    now: Option<u64>,
    /// Clock skew tolerated, in seconds.
    #[arg(long, default_value_t = 300)]
    skew_s: u64,
    /// Print the verdict as JSON.
    #[arg(long)]
    json: bool,
    /// The runner that re-runs coding submissions (needed when the package has coding tasks).
    #[command(flatten)]
    runner: crate::code::RunnerArg,
}

/// Exit 0 when every check passes, 1 otherwise (reasons listed), 2 when inputs are unreadable.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let result = files::token(&args.result)?;
    let grant = files::token(&args.grant)?;
    let issuer = files::public_key(&args.issuer)?;
    let package = files::package(&args.package)?;
    let events: Vec<_> = files::events(&args.events)?
        .into_iter()
        .map(|(_, e)| e)
        .collect();
    let checkpoints = match &args.checkpoints {
        Some(path) => files::tokens(path)?,
        None => Vec::new(),
    };
    let runner = if package.has_code() {
        Some(args.runner.load()?)
    } else {
        None
    };
    let verdict = verify(
        Evidence {
            result: &result,
            grant: &grant,
            events: &events,
            checkpoints: &checkpoints,
        },
        Trust {
            issuer: &issuer,
            package: &package,
            now: args.now.unwrap_or_else(files::now),
            audience: args.aud.as_deref(),
            skew: args.skew_s,
            judge: runner.as_ref().map(|r| r as &dyn assay::sandbox::CodeJudge),
        },
    );
    if args.json {
        say!("{}", serde_json::to_string_pretty(&verdict)?);
    } else if verdict.valid {
        let score = verdict.rescore.map_or("-".into(), |s| {
            format!("{} / {}", assay::Points(s.raw), assay::Points(s.max))
        });
        let estimates: String = verdict
            .adaptive
            .iter()
            .map(|a| {
                let logits = |milli: i64| milli as f64 / f64::from(a.scale.max(1));
                format!(
                    "; {} θ {:.3} (SE {:.3}, {} answers)",
                    a.section,
                    logits(a.theta),
                    logits(a.se),
                    a.n
                )
            })
            .collect();
        say!(
            "valid: score {score}{estimates}{}",
            if verdict.complete {
                ""
            } else {
                " (session not complete)"
            }
        );
    } else {
        eprintln!("invalid ({} problem(s)):", verdict.failures.len());
        for f in &verdict.failures {
            eprintln!("  {}: {}", f.code, f.message);
        }
    }
    Ok(if verdict.valid {
        exit::OK
    } else {
        exit::INVALID
    })
}

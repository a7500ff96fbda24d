//! `assay grant`: a backend's session grant, signed with the issuer key.

use std::path::PathBuf;

use assay::receipt::jose::b64;
use assay::receipt::{GRANT_TYP, GrantClaims, sign_claims};
use assay::session::{Accommodations, MAX_SAFE_INTEGER};

use crate::{exit, files};

/// Arguments of `assay grant`.
#[derive(clap::Args)]
pub struct Args {
    /// The issuer's private key (JWK).
    #[arg(long)]
    key: PathBuf,
    /// The package the session runs.
    #[arg(long)]
    package: PathBuf,
    /// The browser's session public key (JWK).
    #[arg(long)]
    session_key: PathBuf,
    /// Session id (default: random).
    #[arg(long)]
    sid: Option<String>,
    /// Audience: the deployment results are for.
    #[arg(long, default_value = "assay-local")]
    aud: String,
    /// Issuer name.
    #[arg(long, default_value = "assay-cli")]
    iss: String,
    /// The applicant's id.
    #[arg(long)]
    sub: Option<String>,
    /// Seed (default: random, below 2^53).
    #[arg(long)]
    seed: Option<u64>,
    /// Time multiplier in thousandths.
    #[arg(long, default_value_t = 1000)]
    time_multiplier_permille: u32,
    /// Break allowance in ms.
    #[arg(long, default_value_t = 0)]
    break_allowance_ms: u64,
    /// Seconds after the session's time is up during which results are still accepted.
    #[arg(long, default_value_t = 3600)]
    margin_s: u64,
    /// Issue time in seconds since the epoch (default: now).
    #[arg(long)]
    iat: Option<u64>,
}

/// Prints the grant.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let issuer = files::private_key(&args.key)?;
    let session_key = files::public_key(&args.session_key)?;
    let package = files::package(&args.package)?;
    let nonce = b64(&files::random::<16>()?);
    let sid = match &args.sid {
        Some(s) => s.clone(),
        None => b64(&files::random::<12>()?),
    };
    let seed = match args.seed {
        Some(s) => s,
        None => u64::from_le_bytes(files::random::<8>()?) & MAX_SAFE_INTEGER,
    };
    let acc = Accommodations {
        time_multiplier_permille: args.time_multiplier_permille,
        break_allowance_ms: args.break_allowance_ms,
    };
    let claims = GrantClaims::for_session(
        &args.iss,
        &args.aud,
        args.sub.as_deref(),
        &sid,
        &nonce,
        seed,
        &session_key,
        &package,
        acc,
        args.iat.unwrap_or_else(files::now),
        args.margin_s,
    )
    .map_err(|e| anyhow::anyhow!("{}: {e}", args.package.display()))?;
    say!("{}", sign_claims(&issuer, GRANT_TYP, &claims));
    Ok(exit::OK)
}

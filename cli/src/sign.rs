//! `assay sign-result`: signs the result of an event log with a session key (for tools and tests).

use std::path::PathBuf;

use anyhow::{Context, bail};
use assay::canonical::parse_canonical;
use assay::receipt::jose::{Compact, b64};
use assay::receipt::{GrantClaims, RESULT_TYP, ResultClaims, sign_claims};
use assay::session::Session;

use crate::{exit, files};

/// Arguments of `assay sign-result`.
#[derive(clap::Args)]
pub struct Args {
    /// The session's private key (JWK).
    #[arg(long)]
    key: PathBuf,
    /// The grant (compact JWS); its claims are read, not verified.
    #[arg(long)]
    grant: PathBuf,
    /// The package.
    #[arg(long)]
    package: PathBuf,
    /// The events (JSON Lines).
    #[arg(long)]
    events: PathBuf,
    /// Result id (default: random).
    #[arg(long)]
    jti: Option<String>,
    /// Signing time in seconds since the epoch (default: now).
    #[arg(long)]
    iat: Option<u64>,
    /// Seconds the result stays valid.
    #[arg(long, default_value_t = 86_400)]
    ttl_s: u64,
}

/// Replays the events under the grant and prints the signed result.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let key = files::private_key(&args.key)?;
    let grant_token = files::token(&args.grant)?;
    let grant_payload = Compact::parse(&grant_token).context("the grant")?.payload;
    let grant: GrantClaims =
        serde_json::from_value(parse_canonical(&grant_payload).context("the grant's payload")?)
            .context("the grant's claims")?;
    let package = files::package(&args.package)?;
    let events = files::events(&args.events)?;
    let session = match Session::replay(
        package,
        grant.session_config(),
        events.into_iter().map(|(_, e)| e),
    ) {
        Ok(s) => s,
        Err(e) => bail!("the events do not replay: {e}"),
    };
    let jti = match &args.jti {
        Some(j) => j.clone(),
        None => b64(&files::random::<16>()?),
    };
    let iat = args.iat.unwrap_or_else(files::now);
    let claims = ResultClaims::from_session(
        &session,
        &grant,
        Some(&grant_token),
        &jti,
        iat,
        iat + args.ttl_s,
        None,
    );
    say!("{}", sign_claims(&key, RESULT_TYP, &claims));
    Ok(exit::OK)
}

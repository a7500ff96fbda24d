//! `assay invite`: an operator's invitation to take a sealed test, written into the store of the
//! `assay serve` that offers it (the same as `POST /v1/invitations`, without the network).

use std::path::PathBuf;

use anyhow::bail;
use assay::session::{Accommodations, check_accommodations};

use crate::exit;
use crate::serve::{invitations, load_packages, store::Store};

/// Arguments of `assay invite`.
#[derive(clap::Args)]
pub struct Args {
    /// The package id the invitation is for.
    #[arg(long)]
    package: String,
    /// The applicant, as the operator knows them.
    #[arg(long)]
    sub: String,
    /// Time multiplier in thousandths (1500: half as much time again).
    #[arg(long, default_value_t = 1000)]
    time_multiplier_permille: u32,
    /// Break allowance in ms.
    #[arg(long, default_value_t = 0)]
    break_allowance_ms: u64,
    /// The server's store.
    #[arg(long, default_value = "assay.sqlite", env = "ASSAY_DB")]
    db: PathBuf,
    /// The packages the server offers, where the invited one must be.
    #[arg(long, default_value = "samples")]
    samples: PathBuf,
}

/// Prints the invitation code; the applicant opens `take.html?package=ID&invitation=CODE`.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    if !load_packages(&args.samples)?.contains_key(&args.package) {
        bail!(
            "{} offers no package {:?}",
            args.samples.display(),
            args.package
        );
    }
    let accommodations = Accommodations {
        time_multiplier_permille: args.time_multiplier_permille,
        break_allowance_ms: args.break_allowance_ms,
    };
    check_accommodations(&accommodations).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut store = Store::open(&args.db)?;
    let code = invitations::issue(&mut store, &args.package, &args.sub, accommodations)?;
    say!("{code}");
    Ok(exit::OK)
}

//! `assay keygen`: a fresh Ed25519 key as a JWK.

use std::path::PathBuf;

use assay::receipt::PrivateKey;

use crate::{exit, files};

/// Arguments of `assay keygen`.
#[derive(clap::Args)]
pub struct Args {
    /// Where to write the private key (created with mode 0600; must not exist).
    #[arg(long)]
    out: PathBuf,
    /// Also write the public key here.
    #[arg(long)]
    public: Option<PathBuf>,
}

/// Generates the key from the OS CSPRNG and writes it.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let key = PrivateKey::from_seed(&files::random::<32>()?);
    let mut private = key.to_jwk();
    private.kid = Some(key.public().thumbprint());
    files::write_private(&args.out, &(serde_json::to_string_pretty(&private)? + "\n"))?;
    if let Some(path) = &args.public {
        let mut public = key.public().to_jwk();
        public.kid = private.kid.clone();
        std::fs::write(path, serde_json::to_string_pretty(&public)? + "\n")?;
    }
    say!("{}", key.public().thumbprint());
    Ok(exit::OK)
}

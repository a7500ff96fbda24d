//! `assay serve`: the demo server.

/// Arguments of `assay serve`.
#[derive(clap::Args)]
pub struct Args {}

/// Serves the demo.
pub fn run(_args: &Args) -> anyhow::Result<u8> {
    Ok(crate::exit::OK)
}

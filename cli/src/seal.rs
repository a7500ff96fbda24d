//! `assay seal`: the public view of a sealed package, the document a browser receives.

use std::path::PathBuf;

use anyhow::Context;

use crate::{exit, files};

/// Arguments of `assay seal`.
#[derive(clap::Args)]
pub struct Args {
    /// The sealed package (JSON), as its author wrote it.
    package: PathBuf,
    /// Write the public view here instead of to standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Prints (or writes) the public view; its digest and the package's go to standard error.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let package = files::package(&args.package)?;
    let view = match package.public_view() {
        Ok(view) => view,
        Err(e) => {
            eprintln!("{}: {e}", args.package.display());
            return Ok(exit::INVALID);
        }
    };
    let text = serde_json::to_string_pretty(&view).context("the public view")?;
    match &args.out {
        Some(path) => std::fs::write(path, format!("{text}\n"))
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => say!("{text}"),
    }
    eprintln!(
        "{} {}: public view sha256 {} (package sha256 {})",
        view.id,
        view.version,
        view.sha256(),
        package.sha256()
    );
    Ok(exit::OK)
}

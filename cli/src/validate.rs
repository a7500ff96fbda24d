//! `assay validate`: every problem in a package, with its JSON path.

use std::path::PathBuf;

use anyhow::Context;
use assay::Package;
use serde_json::json;

use crate::exit;

/// Arguments of `assay validate`.
#[derive(clap::Args)]
pub struct Args {
    /// The package (JSON).
    package: PathBuf,
    /// Print a JSON report instead of text.
    #[arg(long)]
    json: bool,
}

/// Validates the package; exit 0 valid, 1 invalid, 2 unreadable.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let bytes = std::fs::read(&args.package)
        .with_context(|| format!("cannot read {}", args.package.display()))?;
    let name = args.package.display();
    match Package::from_json(&bytes) {
        Ok(package) => {
            let items = package.items().count();
            if args.json {
                let report = json!({
                    "valid": true,
                    "id": package.id,
                    "version": package.version,
                    "sections": package.sections.len(),
                    "items": items,
                    "sha256": package.sha256(),
                });
                say!("{report}");
            } else {
                say!(
                    "{name}: valid ({} {}, {} sections, {items} items, sha256 {})",
                    package.id,
                    package.version,
                    package.sections.len(),
                    package.sha256()
                );
            }
            Ok(exit::OK)
        }
        Err(error) => {
            let issues = error.issues();
            if args.json {
                let list: Vec<_> = issues
                    .iter()
                    .map(|i| json!({"path": i.path, "message": i.message}))
                    .collect();
                say!(
                    "{}",
                    json!({"valid": false, "code": error.code(), "errors": list})
                );
            } else {
                eprintln!("{name}: invalid ({} problem(s))", issues.len());
                for issue in &issues {
                    eprintln!("  {issue}");
                }
            }
            Ok(exit::INVALID)
        }
    }
}

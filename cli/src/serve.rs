//! `assay serve`: the reference server for the browser demo.
//!
//! Serves `www/` (the shim, the wasm core, the demo pages) and the sample packages, validated at
//! start-up so a broken package is reported before anyone opens the page. It listens on loopback
//! only unless told otherwise.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, bail};
use assay::Package;
use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use serde::Serialize;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::exit;

/// Arguments of `assay serve`.
#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", env = "ASSAY_ADDR")]
    addr: SocketAddr,
    /// Directory of the browser files.
    #[arg(long, default_value = "www")]
    www: PathBuf,
    /// Directory of packages to offer (every `*.json` in it).
    #[arg(long, default_value = "samples")]
    samples: PathBuf,
}

/// A package offered by the server, with the bytes served to the browser.
struct Offered {
    summary: Summary,
    bytes: Vec<u8>,
}

/// What the landing page lists for each package.
#[derive(Clone, Serialize)]
struct Summary {
    id: String,
    version: String,
    title: String,
    description: Option<String>,
    sections: usize,
    items: usize,
    time_limit_ms: Option<u64>,
    sha256: String,
    url: String,
}

struct AppState {
    packages: BTreeMap<String, Offered>,
}

/// Starts the server and runs until Ctrl-C.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let packages = load_packages(&args.samples)?;
    if !args.www.join("index.html").is_file() {
        bail!(
            "{} has no index.html: run from the repository root or pass --www",
            args.www.display()
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(args, packages))?;
    Ok(exit::OK)
}

fn load_packages(dir: &Path) -> anyhow::Result<BTreeMap<String, Offered>> {
    let mut packages = BTreeMap::new();
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let package = Package::from_json(&bytes).map_err(|e| {
            let list: Vec<String> = e.issues().iter().map(|i| format!("  {i}")).collect();
            anyhow::anyhow!(
                "{} is not a valid package:\n{}",
                path.display(),
                list.join("\n")
            )
        })?;
        if packages.contains_key(&package.id) {
            bail!(
                "{}: package id {:?} is used twice",
                path.display(),
                package.id
            );
        }
        let summary = Summary {
            id: package.id.clone(),
            version: package.version.clone(),
            title: package.title.clone(),
            description: package.description.clone(),
            sections: package.sections.len(),
            items: package.items().count(),
            time_limit_ms: package.time_limit_ms,
            sha256: package.sha256().to_string(),
            url: format!("/v1/packages/{}", package.id),
        };
        packages.insert(package.id.clone(), Offered { summary, bytes });
    }
    if packages.is_empty() {
        bail!("{} holds no packages (*.json)", dir.display());
    }
    Ok(packages)
}

async fn serve(args: &Args, packages: BTreeMap<String, Offered>) -> anyhow::Result<()> {
    let count = packages.len();
    let state = Arc::new(AppState { packages });
    let static_files = ServeDir::new(&args.www).append_index_html_on_directories(true);
    let app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/v1/packages", get(list_packages))
        .route("/v1/packages/{id}", get(get_package))
        .fallback_service(static_files)
        .with_state(state)
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            // Everything comes from this origin; wasm needs 'wasm-unsafe-eval' to compile.
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
                 connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
            ),
        ));
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let bound = listener.local_addr()?;
    say!(
        "Assay demo: http://{bound}/  ({count} packages from {})",
        args.samples.display()
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("the server stopped with an error")?;
    Ok(())
}

async fn list_packages(State(state): State<Arc<AppState>>) -> Json<Vec<Summary>> {
    Json(state.packages.values().map(|p| p.summary.clone()).collect())
}

async fn get_package(State(state): State<Arc<AppState>>, UrlPath(id): UrlPath<String>) -> Response {
    match state.packages.get(&id) {
        Some(p) => ([(header::CONTENT_TYPE, "application/json")], p.bytes.clone()).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(serde_json::json!({"error": {"code": "unknown_package", "message": format!("no package {id:?}")}})),
        )
            .into_response(),
    }
}

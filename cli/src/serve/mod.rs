//! `assay serve`: the reference backend and the browser demo.
//!
//! Serves the browser files (`www/`, and with `--pages` a site's own pages over them) and the
//! packages (validated at start-up), issues session grants, receives checkpoints and results,
//! verifies and re-scores them and keeps everything in one SQLite file. It listens on loopback
//! only unless told otherwise.

mod api;
pub mod invitations;
mod receipt;
pub mod store;
mod timing;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, bail};
use assay::Package;
use assay::package::Delivery;
use assay::receipt::PrivateKey;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
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
    /// Directory of the browser files: the shim, the screens, the built bundles and the runner.
    #[arg(long, default_value = "www")]
    www: PathBuf,
    /// Directory of pages served over the browser files (`demo` for the demo's landing, test,
    /// iframe and partner pages); a path found in both is taken from here.
    #[arg(long)]
    pages: Option<PathBuf>,
    /// Directory of packages to offer (every `*.json` in it).
    #[arg(long, default_value = "samples")]
    samples: PathBuf,
    /// The SQLite database (created if missing; WAL mode, fsync on every commit).
    #[arg(long, default_value = "assay.sqlite", env = "ASSAY_DB")]
    db: PathBuf,
    /// Audience named in grants: the deployment results are for.
    #[arg(long, default_value = "assay-demo")]
    aud: String,
    /// Issuer name in grants.
    #[arg(long, default_value = "assay-serve")]
    iss: String,
    /// Bearer token that unlocks `GET /v1/results` (export disabled without it).
    #[arg(long, env = "ASSAY_EXPORT_TOKEN", hide_env_values = true)]
    export_token: Option<String>,
    /// Origins allowed to call the API from other sites (repeatable; none by default).
    #[arg(long = "cors-origin")]
    cors_origins: Vec<String>,
    /// Accept accommodations sent by the page (demo only: normally the operator sets them).
    #[arg(long)]
    client_accommodations: bool,
    /// Let the landing page invite whoever asks to take a sealed test (demo only: normally the
    /// operator issues every invitation, with `POST /v1/invitations`).
    #[arg(long)]
    demo_invitations: bool,
    /// Accept a session seed sent with the session request (tests only: a failed end-to-end run
    /// can then be replayed with the same item order; normally the server draws every seed).
    #[arg(long)]
    accept_seeds: bool,
    /// Seconds after a session's time is up during which its result is still accepted.
    #[arg(long, default_value_t = 3600)]
    margin_s: u64,
    /// Clock skew tolerated between browsers and the server, in seconds.
    #[arg(long, default_value_t = 300)]
    skew_s: u64,
    /// The Python runner that re-runs coding submissions (default: WWW/runner/python.wasm).
    #[arg(long, env = "ASSAY_RUNNER")]
    runner: Option<PathBuf>,
}

/// Largest API request body: a result with a long event log fits comfortably.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Settings the handlers read.
pub struct Config {
    audience: String,
    issuer_name: String,
    export_token: Option<String>,
    client_accommodations: bool,
    accept_seeds: bool,
    demo_invitations: bool,
    margin_s: u64,
    skew_s: u64,
}

/// A package offered by the server, with the bytes served to the browser: the package as
/// written, or for a sealed one its public view.
pub struct Offered {
    summary: Summary,
    bytes: Vec<u8>,
    package: Arc<Package>,
}

/// What the landing page lists for each package.
#[derive(Clone, Serialize)]
struct Summary {
    id: String,
    version: String,
    title: String,
    description: Option<String>,
    sections: usize,
    /// The most questions one applicant is given.
    items: usize,
    /// Whether any section is adaptive (so `items` is a maximum, not a count).
    adaptive: bool,
    time_limit_ms: Option<u64>,
    /// `practice` (the whole package is served) or `sealed` (its public view is).
    delivery: Delivery,
    /// Digest of the document served.
    sha256: String,
    url: String,
}

pub struct AppState {
    packages: BTreeMap<String, Offered>,
    store: Mutex<store::Store>,
    issuer: PrivateKey,
    config: Config,
    /// Re-runs coding submissions; loaded when a package has coding tasks.
    runner: Option<assay_sandbox::Runner>,
}

/// Starts the server and runs until Ctrl-C.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let packages = load_packages(&args.samples)?;
    if !args.www.is_dir() {
        bail!(
            "no directory {}: run from the repository root or pass --www",
            args.www.display()
        );
    }
    if let Some(pages) = &args.pages
        && !pages.join("index.html").is_file()
    {
        bail!(
            "{} has no index.html: pass the directory of the pages with --pages",
            pages.display()
        );
    }
    let mut store = store::Store::open(&args.db)?;
    let issuer_jwk = store.issuer_key(|| {
        let key = PrivateKey::from_seed(&crate::files::random::<32>()?);
        Ok(serde_json::to_string(&key.to_jwk())?)
    })?;
    let issuer = PrivateKey::from_jwk(&serde_json::from_str(&issuer_jwk)?)
        .context("the stored issuer key")?;
    let runner = if packages.values().any(|o| o.package.has_code()) {
        let path = args
            .runner
            .clone()
            .unwrap_or_else(|| args.www.join("runner/python.wasm"));
        let runner = assay_sandbox::Runner::load(&path)
            .context("the packages have coding tasks, which the backend re-runs")?;
        eprintln!(
            "re-running coding submissions with {} ({})",
            path.display(),
            &runner.sha256()[..12]
        );
        Some(runner)
    } else {
        None
    };
    let state = AppState {
        runner,
        packages,
        store: Mutex::new(store),
        issuer,
        config: Config {
            audience: args.aud.clone(),
            issuer_name: args.iss.clone(),
            export_token: args.export_token.clone().filter(|t| !t.is_empty()),
            client_accommodations: args.client_accommodations,
            accept_seeds: args.accept_seeds,
            demo_invitations: args.demo_invitations,
            margin_s: args.margin_s,
            skew_s: args.skew_s,
        },
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(args, state))?;
    Ok(exit::OK)
}

/// Every package in `dir`, by id, as the server offers it.
pub fn load_packages(dir: &Path) -> anyhow::Result<BTreeMap<String, Offered>> {
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
        let (bytes, served_sha256) = match package.delivery {
            Delivery::Practice => (bytes, package.sha256().to_string()),
            Delivery::Sealed => {
                let view = package
                    .public_view()
                    .with_context(|| format!("{}: the public view", path.display()))?;
                let text = serde_json::to_vec(&view).context("the public view")?;
                (text, view.sha256().to_string())
            }
        };
        let summary = Summary {
            id: package.id.clone(),
            version: package.version.clone(),
            title: package.title.clone(),
            description: package.description.clone(),
            sections: package.sections.len(),
            items: package.most_items(),
            adaptive: package.sections.iter().any(|s| s.adaptive.is_some()),
            time_limit_ms: package.time_limit_ms,
            delivery: package.delivery,
            sha256: served_sha256,
            url: format!("/v1/packages/{}", package.id),
        };
        packages.insert(
            package.id.clone(),
            Offered {
                summary,
                bytes,
                package: Arc::new(package),
            },
        );
    }
    if packages.is_empty() {
        bail!("{} holds no packages (*.json)", dir.display());
    }
    Ok(packages)
}

async fn serve(args: &Args, state: AppState) -> anyhow::Result<()> {
    let count = state.packages.len();
    let state = Arc::new(state);
    let api = Router::new()
        .route("/v1/packages", get(list_packages))
        .route("/v1/packages/{id}", get(get_package))
        .route("/v1/sessions", post(api::create_session))
        .route("/v1/invitations", post(invitations::create))
        .route("/v1/demo/invitations", post(invitations::demo))
        .route("/v1/sessions/{sid}", get(api::audit_session))
        .route("/v1/sessions/{sid}/checkpoints", post(api::add_checkpoint))
        .route(
            "/v1/results",
            post(api::submit_result).get(api::export_results),
        )
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(cors(&args.cors_origins)?);
    // Built files come with brotli and gzip copies beside them (scripts/precompress.mjs): the
    // browser gets the smallest it accepts, and nothing is compressed per request.
    let files = |dir: &Path| {
        ServeDir::new(dir)
            .append_index_html_on_directories(true)
            .precompressed_br()
            .precompressed_gzip()
    };
    let browser_files = files(&args.www);
    let static_files = match &args.pages {
        Some(pages) => Router::new().fallback_service(files(pages).fallback(browser_files)),
        None => Router::new().fallback_service(browser_files),
    }
    .layer(axum::middleware::from_fn(static_headers))
    // A partner's page on an allowed origin loads the element, the engine and the runner
    // from here: `fetch` and module scripts need the same CORS answer as the API.
    .layer(cors(&args.cors_origins)?);
    let app = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .merge(api)
        .fallback_service(static_files)
        .with_state(state)
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            content_security_policy(&args.cors_origins)?,
        ));
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let bound = listener.local_addr()?;
    say!(
        "Assay demo: http://{bound}/  ({count} packages from {}, results in {})",
        args.samples.display(),
        args.db.display()
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

/// Caching for the static files. A bundle or engine whose name carries its content's hash
/// (`scripts/bundle.mjs`) never changes, so browsers keep it for a year without asking again;
/// every other file (pages, the loaders partners' tags name, the runner) is revalidated
/// (`no-cache` with its Last-Modified). A file may be sent compressed or not, so caches keep
/// one copy per `Accept-Encoding`.
async fn static_headers(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let immutable = is_content_named(request.uri().path());
    let mut response = next.run(request).await;
    let caching = if immutable && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(caching));
    response
}

/// Whether a path names a file after its content: `<name>-<16 lowercase hex>.js` or `.wasm`.
fn is_content_named(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let Some(stem) = file
        .strip_suffix(".js")
        .or_else(|| file.strip_suffix(".wasm"))
    else {
        return false;
    };
    stem.rsplit_once('-').is_some_and(|(name, hash)| {
        !name.is_empty()
            && hash.len() == 16
            && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// CORS for the API: only the origins given on the command line.
/// Everything comes from this origin (wasm needs 'wasm-unsafe-eval' to compile); the partner
/// origins allowed to call the API may also frame the test (its iframe mode).
fn content_security_policy(partners: &[String]) -> anyhow::Result<HeaderValue> {
    let mut ancestors = String::from("'self'");
    for origin in partners {
        ancestors.push(' ');
        ancestors.push_str(origin);
    }
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; frame-ancestors {ancestors}; base-uri 'none'; form-action 'none'"
    );
    HeaderValue::from_str(&policy)
        .context("a --cors-origin cannot appear in a Content-Security-Policy")
}

fn cors(origins: &[String]) -> anyhow::Result<tower_http::cors::CorsLayer> {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    let mut list = Vec::new();
    for origin in origins {
        list.push(
            HeaderValue::from_str(origin)
                .with_context(|| format!("--cors-origin {origin:?} is not a valid origin"))?,
        );
    }
    Ok(CorsLayer::new()
        .allow_origin(AllowOrigin::list(list))
        .allow_methods([axum::http::Method::GET, axum::http::Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            header::AUTHORIZATION,
            header::HeaderName::from_static("idempotency-key"),
        ]))
}

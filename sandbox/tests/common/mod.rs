//! Shared by the sandbox's tests: the runner module, and plain programs as requests.

use std::path::PathBuf;
use std::sync::OnceLock;

use assay::sandbox::{Limits, RunHarness, RunRequest};
use assay_sandbox::Runner;

/// The repository's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The metered runner that scripts/build-runner writes, compiled once per test binary.
pub fn runner() -> &'static Runner {
    static RUNNER: OnceLock<Runner> = OnceLock::new();
    RUNNER.get_or_init(|| {
        let path = std::env::var_os("ASSAY_RUNNER")
            .map(PathBuf::from)
            .unwrap_or_else(|| root().join("www/runner/python.wasm"));
        Runner::load(&path).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// A stdio program with its input under `limits`.
pub fn program(code: &str, stdin: &str, limits: &Limits) -> RunRequest {
    RunRequest::new(
        code,
        RunHarness::Stdio {
            stdin: stdin.to_string(),
        },
        7,
        limits,
    )
}

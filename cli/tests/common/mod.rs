//! Helpers shared by the CLI's integration tests.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The repository root (tests run the binary from there, as users do).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the `assay` binary from the repository root: (exit code, stdout, stderr).
pub fn assay(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_assay"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh directory under the system's temp dir, unique to this test process.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("assay-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The export token the test servers accept.
pub const TOKEN: &str = "test-export-token";

/// A running `assay serve` on a free loopback port.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Server {
    /// Starts the server on `db` with the export token [`TOKEN`].
    pub fn start(db: &Path) -> Server {
        Server::start_with(db, &[])
    }

    /// Starts the server on `db` with the export token [`TOKEN`] and `extra` options.
    pub fn start_with(db: &Path, extra: &[&str]) -> Server {
        Server::start_in(db, Path::new("www"), extra)
    }

    /// As [`Server::start_with`], serving the browser files in `www`.
    pub fn start_in(db: &Path, www: &Path, extra: &[&str]) -> Server {
        Server::start_serving(db, www, Path::new("samples"), extra)
    }

    /// As [`Server::start_in`], offering the packages in `samples`.
    pub fn start_serving(db: &Path, www: &Path, samples: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_assay"))
            .args(["serve", "--addr", "127.0.0.1:0", "--www"])
            .arg(www)
            .arg("--samples")
            .arg(samples)
            .args(["--export-token", TOKEN])
            .args(extra)
            .arg("--db")
            .arg(db)
            .current_dir(root())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .unwrap_or_else(|| panic!("{line:?}"));
        Server {
            child,
            base: format!("http://{addr}"),
        }
    }

    /// SIGKILL: no shutdown, no flush.
    pub fn kill_9(self) {
        drop(self);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

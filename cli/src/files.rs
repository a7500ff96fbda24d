//! Reading and writing the files the commands share: packages, event logs, keys, tokens.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use assay::Package;
use assay::receipt::{Jwk, PrivateKey, PublicKey};
use assay::session::Event;

/// Reads and validates a package.
pub fn package(path: &Path) -> anyhow::Result<Arc<Package>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    match Package::from_json(&bytes) {
        Ok(p) => Ok(Arc::new(p)),
        Err(e) => bail!("{}: {e}", path.display()),
    }
}

/// Reads events, one JSON object per line; returns each with its 1-based line number.
pub fn events(path: &Path) -> anyhow::Result<Vec<(usize, Event)>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_events(&text).with_context(|| format!("in {}", path.display()))
}

/// Parses JSON Lines, skipping blank lines; errors name the line.
pub fn parse_events(text: &str) -> anyhow::Result<Vec<(usize, Event)>> {
    let mut events = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let event: Event = serde_json::from_str(line).with_context(|| format!("line {}", n + 1))?;
        events.push((n + 1, event));
    }
    Ok(events)
}

/// Reads a file holding one compact JWS (surrounding whitespace ignored).
pub fn token(path: &Path) -> anyhow::Result<String> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(text.trim().to_string())
}

/// Reads tokens, one per line (blank lines skipped).
pub fn tokens(path: &Path) -> anyhow::Result<Vec<String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}

fn jwk(path: &Path) -> anyhow::Result<Jwk> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not a JWK", path.display()))
}

/// Reads a private Ed25519 JWK.
pub fn private_key(path: &Path) -> anyhow::Result<PrivateKey> {
    PrivateKey::from_jwk(&jwk(path)?).with_context(|| format!("{}", path.display()))
}

/// Reads a public Ed25519 JWK (a private one is accepted; only its public part is used).
pub fn public_key(path: &Path) -> anyhow::Result<PublicKey> {
    PublicKey::from_jwk(&jwk(path)?).with_context(|| format!("{}", path.display()))
}

/// Writes a file readable only by its owner (private keys).
pub fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot create {} (it must not exist yet)", path.display()))?;
    file.write_all(contents.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Bytes from the operating system's CSPRNG.
pub fn random<const N: usize>() -> anyhow::Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("the OS random source failed: {e}"))?;
    Ok(bytes)
}

/// Seconds since the Unix epoch, from the wall clock.
// The core never reads a clock; the CLI is the caller that owns time and passes it in.
#[allow(clippy::disallowed_methods)]
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

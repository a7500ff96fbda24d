//! `assay replay`: fold an event log over a package and print the final state.

use std::path::PathBuf;

use anyhow::bail;
use assay::session::{Accommodations, SessionReplayError};
use assay::{Session, SessionConfig};
use serde_json::json;

use crate::{exit, files};

/// Arguments of `assay replay`.
#[derive(clap::Args)]
pub struct Args {
    /// The package (JSON).
    package: PathBuf,
    /// Events, one JSON object per line.
    events: PathBuf,
    /// The session seed.
    #[arg(long)]
    seed: u64,
    /// Session id that starts the hash chain.
    #[arg(long, default_value = "local")]
    sid: String,
    /// Nonce that starts the hash chain.
    #[arg(long, default_value = "local")]
    nonce: String,
    /// Time multiplier in thousandths (1500 = 1.5× time).
    #[arg(long, default_value_t = 1000)]
    time_multiplier_permille: u32,
    /// Break allowance in ms.
    #[arg(long, default_value_t = 0)]
    break_allowance_ms: u64,
    /// Print the whole state as JSON.
    #[arg(long)]
    json: bool,
}

/// Replays the log; exit 0 if every event is accepted, 1 at the first refused event.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    let package = files::package(&args.package)?;
    let events = files::events(&args.events)?;
    let config = SessionConfig {
        sid: args.sid.clone(),
        nonce: args.nonce.clone(),
        seed: args.seed,
        accommodations: Accommodations {
            time_multiplier_permille: args.time_multiplier_permille,
            break_allowance_ms: args.break_allowance_ms,
        },
    };
    let lines: Vec<usize> = events.iter().map(|(line, _)| *line).collect();
    match Session::replay(package, config, events.into_iter().map(|(_, e)| e)) {
        Ok(session) => {
            let state = session.state();
            if args.json {
                say!("{}", serde_json::to_string_pretty(&state)?);
            } else {
                say!(
                    "score {} / {} ({} of {} answered), status {:?}, seq {}, head {}",
                    state.score.earned,
                    state.score.max,
                    state.score.answered,
                    state.score.items,
                    state.status,
                    state.seq,
                    state.head
                );
                for item in &state.items {
                    let earned = item.score.map_or("-".to_string(), |s| s.earned.to_string());
                    say!("  {:<24} {:>8} / {}", item.id, earned, item.max);
                }
            }
            Ok(exit::OK)
        }
        Err(SessionReplayError::Event(e)) => {
            if args.json {
                say!(
                    "{}",
                    json!({"ok": false, "index": e.index, "line": lines.get(e.index), "code": e.source.code(), "message": e.source.to_string()})
                );
            } else {
                let line = lines.get(e.index).copied().unwrap_or(e.index + 1);
                eprintln!("event {} (line {line}) refused: {}", e.index, e.source);
            }
            Ok(exit::INVALID)
        }
        Err(SessionReplayError::Start(e)) => bail!("cannot start the session: {e}"),
    }
}

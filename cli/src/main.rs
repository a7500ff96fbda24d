//! The `assay` command: validate packages, replay event logs, serve the demo.

/// Prints a line to stdout; a closed pipe (`assay replay ... | head`) ends the program quietly.
macro_rules! say {
    ($($arg:tt)*) => { $crate::print_line(format_args!($($arg)*)) };
}

mod code;
mod files;
mod grant;
mod invite;
mod irt;
mod keys;
mod replay;
mod seal;
mod serve;
mod sign;
mod validate;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Assay: skills assessments with signed, replayable results.
#[derive(Parser)]
#[command(name = "assay", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a package; list every problem with its JSON path (exit 1 if invalid).
    Validate(validate::Args),
    /// Print the public view of a sealed package: what browsers receive of it, with its digest.
    Seal(seal::Args),
    /// Apply an event log to a package and print the final state (exit 1 on a refused event).
    Replay(replay::Args),
    /// Serve the browser demo and the sample packages on 127.0.0.1.
    Serve(serve::Args),
    /// Make an Ed25519 key (JWK) for an issuer or a session.
    Keygen(keys::Args),
    /// Invite an applicant to take a sealed test once, on the server's store.
    Invite(invite::Args),
    /// Sign a session grant with the issuer key.
    Grant(grant::Args),
    /// Sign the result of an event log with a session key.
    SignResult(sign::Args),
    /// Verify a signed result: signatures, bindings, chain, checkpoints and re-score.
    Verify(verify::Args),
    /// Item response theory: calibrate items, score persons, simulate adaptive tests.
    Irt(irt::Args),
    /// Run Python in the sandbox: judge a solution against a task, or run a program.
    Code(code::Args),
    /// Check a bank's coding tasks: every reference passes, every known-bad solution fails.
    CheckBank(code::CheckBankArgs),
}

/// Exit codes shared by the subcommands.
pub mod exit {
    /// The input is valid / the command succeeded.
    pub const OK: u8 = 0;
    /// The input was read and found invalid.
    pub const INVALID: u8 = 1;
    /// The input could not be read, or the command line is wrong.
    pub const UNREADABLE: u8 = 2;
}

/// Writes one line to stdout, exiting quietly if the reader has gone away.
pub fn print_line(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.write_all(b"\n"))
        && e.kind() == std::io::ErrorKind::BrokenPipe
    {
        std::process::exit(i32::from(exit::OK));
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::UNREADABLE
            } else {
                exit::OK
            });
        }
    };
    let outcome = match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Seal(args) => seal::run(&args),
        Command::Replay(args) => replay::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::Keygen(args) => keys::run(&args),
        Command::Grant(args) => grant::run(&args),
        Command::Invite(args) => invite::run(&args),
        Command::SignResult(args) => sign::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Irt(args) => irt::run(&args),
        Command::Code(args) => code::run(&args),
        Command::CheckBank(args) => code::check_bank(&args),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(exit::UNREADABLE)
        }
    }
}

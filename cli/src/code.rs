//! `assay code run|exec` and `assay check-bank`: applicant code through the same metered runner
//! the browser uses.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use assay::Package;
use assay::package::code::{CodeTask, Visibility};
use assay::sandbox::{Limits, RunEnd, RunHarness, RunRequest, TestVerdict};
use assay_sandbox::Runner;
use serde_json::json;

use crate::{exit, files};

/// Where the runner module is looked for: `--runner`, `ASSAY_RUNNER`, `www/runner/python.wasm`
/// here, or beside the repository this binary was built in.
#[derive(clap::Args)]
pub struct RunnerArg {
    /// The metered runner module (scripts/build-runner writes www/runner/python.wasm).
    #[arg(long, env = "ASSAY_RUNNER")]
    runner: Option<PathBuf>,
}

impl RunnerArg {
    /// Loads and compiles the runner (cached after the first time).
    pub fn load(&self) -> anyhow::Result<Runner> {
        let path = self.runner.clone().unwrap_or_else(default_runner);
        Ok(Runner::load(&path)?)
    }
}

/// The runner of a checkout: `www/runner/python.wasm` in the current directory, else in the
/// repository the binary sits in (`target/<profile>/assay`).
pub fn default_runner() -> PathBuf {
    let here = PathBuf::from("www/runner/python.wasm");
    if here.is_file() {
        return here;
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| {
            Some(
                exe.parent()?
                    .parent()?
                    .parent()?
                    .join("www/runner/python.wasm"),
            )
        })
        .filter(|p| p.is_file())
        .unwrap_or(here)
}

/// Arguments of `assay code`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Judge a solution against every test of a package's coding task.
    Run(RunArgs),
    /// Run a plain Python program (stdin from a file) under the default budgets.
    Exec(ExecArgs),
}

/// Arguments of `assay code run`.
#[derive(clap::Args)]
pub struct RunArgs {
    /// The solution's source.
    solution: PathBuf,
    /// The package holding the task.
    #[arg(long)]
    package: PathBuf,
    /// The coding item's id.
    #[arg(long)]
    item: String,
    /// Seed of the runs (the session's, to reproduce one).
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    runner: RunnerArg,
}

/// Arguments of `assay code exec`.
#[derive(clap::Args)]
pub struct ExecArgs {
    /// Python programs; each runs in a fresh sandbox.
    #[arg(required = true)]
    programs: Vec<PathBuf>,
    /// Standard input for every program; by default a `NAME.in` beside each, if present.
    #[arg(long)]
    stdin: Option<PathBuf>,
    /// Step budget (default: the task default).
    #[arg(long)]
    steps: Option<u64>,
    /// Print one JSON object per program (its run report) instead of its output.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    runner: RunnerArg,
}

/// Runs `assay code ...`.
pub fn run(args: &Args) -> anyhow::Result<u8> {
    match &args.command {
        Command::Run(a) => run_solution(a),
        Command::Exec(a) => exec(a),
    }
}

fn run_solution(args: &RunArgs) -> anyhow::Result<u8> {
    let package = files::package(&args.package)?;
    let task = code_task(&package, &args.item)?;
    let code = std::fs::read_to_string(&args.solution)
        .with_context(|| format!("cannot read {}", args.solution.display()))?;
    let runner = args.runner.load()?;
    let verdicts = runner.judge_all(task, &code, args.seed);
    let passed = verdicts.iter().filter(|v| v.verdict.passed()).count();
    if args.json {
        say!(
            "{}",
            json!({"item": args.item, "runner": runner.sha256(), "passed": passed, "tests": verdicts})
        );
    } else {
        for v in &verdicts {
            let test = &task.tests[v.test as usize];
            say!(
                "{:<32} {:<44} {:>12} steps",
                test.name,
                v.verdict.to_string(),
                v.steps
            );
        }
        say!("{passed} of {} tests passed", verdicts.len());
    }
    Ok(if passed == verdicts.len() {
        exit::OK
    } else {
        exit::INVALID
    })
}

fn exec(args: &ExecArgs) -> anyhow::Result<u8> {
    let runner = args.runner.load()?;
    let limits = Limits {
        steps: args.steps.unwrap_or(Limits::default().steps),
        ..Limits::default()
    };
    let mut status = exit::OK;
    for program in &args.programs {
        let code = std::fs::read_to_string(program)
            .with_context(|| format!("cannot read {}", program.display()))?;
        let stdin = match &args.stdin {
            Some(path) => read(path)?,
            None => {
                let beside = program.with_extension("in");
                if beside.is_file() {
                    read(&beside)?
                } else {
                    String::new()
                }
            }
        };
        let request = RunRequest::new(&code, RunHarness::Stdio { stdin }, 0, &limits);
        let report = runner.run(&request);
        if args.json {
            say!(
                "{}",
                json!({"program": program.display().to_string(), "report": report})
            );
            continue;
        }
        match &report.end {
            RunEnd::Exited {
                code: 0,
                stdout,
                stderr,
            } => {
                print!("{stdout}");
                eprint!("{stderr}");
            }
            other => {
                status = exit::INVALID;
                eprintln!("{}: {} ({} steps)", program.display(), other, report.steps);
            }
        }
    }
    Ok(status)
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// The coding task of item `id`.
fn code_task<'a>(package: &'a Package, id: &str) -> anyhow::Result<&'a CodeTask> {
    let Some((_, item)) = package.items().find(|(_, i)| i.id == id) else {
        bail!("the package has no item {id:?}");
    };
    item.interaction.code_task().with_context(|| {
        format!(
            "item {id:?} is a {} item, not a coding task",
            item.interaction.kind()
        )
    })
}

/// Arguments of `assay check-bank`.
#[derive(clap::Args)]
pub struct CheckBankArgs {
    /// The package whose coding tasks to check.
    package: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    runner: RunnerArg,
}

/// Checks every coding task: the reference passes every test, each known-bad solution fails one.
pub fn check_bank(args: &CheckBankArgs) -> anyhow::Result<u8> {
    let package = files::package(&args.package)?;
    let runner = args.runner.load()?;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (_, item) in package.items() {
        let Some(task) = item.interaction.code_task() else {
            continue;
        };
        match &task.reference {
            None => problems.push(format!("{}: no reference solution", item.id)),
            Some(reference) => {
                let verdicts = runner.judge_all(task, reference, 0);
                let failed: Vec<&TestVerdict> =
                    verdicts.iter().filter(|v| !v.verdict.passed()).collect();
                for v in &failed {
                    problems.push(format!(
                        "{}: the reference fails {:?}: {}",
                        item.id, task.tests[v.test as usize].name, v.verdict
                    ));
                }
                rows.push(row(
                    &item.id,
                    "reference",
                    task,
                    &verdicts,
                    failed.is_empty(),
                ));
            }
        }
        if task.known_bad.is_empty() {
            problems.push(format!("{}: no known-bad solutions", item.id));
        }
        for bad in &task.known_bad {
            let verdicts = runner.judge_all(task, &bad.code, 0);
            let caught = verdicts.iter().any(|v| !v.verdict.passed());
            if !caught {
                problems.push(format!(
                    "{}: the known-bad solution {:?} passes every test",
                    item.id, bad.name
                ));
            }
            rows.push(row(
                &item.id,
                &format!("bad: {}", bad.name),
                task,
                &verdicts,
                caught,
            ));
        }
    }
    if rows.is_empty() {
        problems.push("the package has no coding tasks".into());
    }
    if args.json {
        say!(
            "{}",
            json!({"package": package.id, "runner": runner.sha256(), "solutions": rows, "problems": problems})
        );
    } else {
        say!(
            "{:<26} {:<28} {:<7} {}",
            "task",
            "solution",
            "ok",
            "verdicts (shown / hidden)"
        );
        for r in &rows {
            say!(
                "{:<26} {:<28} {:<7} {}",
                r["task"].as_str().unwrap_or_default(),
                r["solution"].as_str().unwrap_or_default(),
                if r["ok"] == json!(true) {
                    "ok"
                } else {
                    "WRONG"
                },
                r["summary"].as_str().unwrap_or_default()
            );
        }
        for p in &problems {
            eprintln!("{p}");
        }
        say!(
            "{} solutions checked, {} problem(s)",
            rows.len(),
            problems.len()
        );
    }
    Ok(if problems.is_empty() {
        exit::OK
    } else {
        exit::INVALID
    })
}

fn row(
    task_id: &str,
    solution: &str,
    task: &CodeTask,
    verdicts: &[TestVerdict],
    ok: bool,
) -> serde_json::Value {
    let passed = verdicts.iter().filter(|v| v.verdict.passed()).count();
    let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
    for v in verdicts.iter().filter(|v| !v.verdict.passed()) {
        *kinds.entry(v.verdict.kind()).or_default() += 1;
    }
    let hidden = task
        .tests
        .iter()
        .filter(|t| t.visibility != Visibility::Shown)
        .count();
    let mut summary = format!(
        "{passed}/{} passed ({} shown, {hidden} not)",
        verdicts.len(),
        verdicts.len() - hidden
    );
    for (kind, n) in &kinds {
        summary.push_str(&format!(", {n} {kind}"));
    }
    let steps: u64 = verdicts.iter().map(|v| v.steps).sum();
    json!({"task": task_id, "solution": solution, "ok": ok, "passed": passed, "tests": verdicts.len(), "steps": steps, "summary": summary, "verdicts": verdicts})
}

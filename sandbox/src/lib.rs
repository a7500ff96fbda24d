//! The Python runner on the native side: the CLI, the backend and tests run the metered runner
//! module (built from `runner/`) in wasmtime, so their verdicts and step counts are the
//! browser's, bit for bit.
//!
//! [`Runner`] compiles the module once and instantiates it afresh for every run: a trap (every
//! budget ends in one) leaves an instance in no state worth keeping, and a fresh instance also
//! keeps one test or applicant from seeing another's state.

use std::path::Path;

use assay::package::code::CodeTask;
use assay::sandbox::judging::{Judging, Tests};
use assay::sandbox::{Observed, RunReport, RunRequest, TestVerdict};
use sha2::{Digest, Sha256};
use wasmtime::{Config, Engine, Instance, Module, Store, Trap, Val};

/// Stack for the thread each run executes on. The engine's wasm stack limit sits below it, and
/// both sit well above what Python's recursion limit allows the interpreter to use, so the
/// recursion budget, not the engine, stops deep recursion.
const RUN_THREAD_STACK: usize = 64 << 20;
/// wasmtime's limit on the wasm stack.
const MAX_WASM_STACK: usize = 48 << 20;

/// Why the runner could not be loaded or run.
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    /// The module file could not be read.
    #[error(
        "cannot read the Python runner at {path}: {source} (build it with scripts/build-runner)"
    )]
    Read {
        /// Where it was looked for.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The bytes are a module without the step counter.
    #[error("the Python runner at {0} is not metered (build it with scripts/build-runner)")]
    NotMetered(String),
    /// wasmtime refused the module or the instance.
    #[error("the Python runner could not be started: {0}")]
    Engine(String),
}

/// The compiled runner module.
pub struct Runner {
    engine: Engine,
    module: Module,
    sha256: String,
}

impl std::fmt::Debug for Runner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runner")
            .field("sha256", &self.sha256)
            .finish_non_exhaustive()
    }
}

impl assay::sandbox::CodeJudge for Runner {
    fn judge_all(&self, task: &CodeTask, code: &str, seed: u64) -> Vec<TestVerdict> {
        Runner::judge_all(self, task, code, seed)
    }
}

impl Runner {
    /// Loads and compiles the metered runner at `path`.
    ///
    /// # Errors
    /// [`HostError`] when the file is missing, not metered, or not a module.
    pub fn load(path: &Path) -> Result<Runner, HostError> {
        let bytes = std::fs::read(path).map_err(|source| HostError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Runner::from_bytes(&bytes, &path.display().to_string())
    }

    /// Compiles a metered runner module; `name` says where it came from, for errors.
    ///
    /// # Errors
    /// [`HostError`] when the bytes are not metered or not a module.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Runner, HostError> {
        if !assay_meter::is_metered(bytes) {
            return Err(HostError::NotMetered(name.to_string()));
        }
        let mut config = Config::new();
        // The async stack is unused (runs are synchronous), but the engine checks the two agree.
        config
            .async_stack_size(MAX_WASM_STACK)
            .max_wasm_stack(MAX_WASM_STACK);
        let engine = Engine::new(&config).map_err(|e| HostError::Engine(format!("{e:#}")))?;
        let sha256 = hex::encode(Sha256::digest(bytes));
        let module = compile_cached(&engine, bytes, &sha256)?;
        Ok(Runner {
            engine,
            module,
            sha256,
        })
    }

    /// Hex SHA-256 of the module's bytes: which runner produced a verdict.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Runs one request and classifies what happened.
    pub fn run(&self, request: &RunRequest) -> RunReport {
        self.observe(request).classify()
    }

    /// Runs one request in a fresh instance and reports what the engine saw.
    pub fn observe(&self, request: &RunRequest) -> Observed {
        let job = || self.observe_here(request);
        std::thread::scope(|scope| {
            match std::thread::Builder::new()
                .name("assay-python".into())
                .stack_size(RUN_THREAD_STACK)
                .spawn_scoped(scope, job)
            {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|_| failed(request, "the run's thread panicked")),
                Err(e) => failed(request, &format!("no thread for the run: {e}")),
            }
        })
    }

    fn observe_here(&self, request: &RunRequest) -> Observed {
        let mut store = Store::new(&self.engine, ());
        let instance = match Instance::new(&mut store, &self.module, &[]) {
            Ok(instance) => instance,
            Err(e) => return failed(request, &format!("instantiation failed: {e:#}")),
        };
        match call(&mut store, &instance, request) {
            Ok(observed) => observed,
            Err(message) => failed(request, &message),
        }
    }

    /// Judges `code` on every test of `task` (each test seeded from `seed`), as the browser
    /// does: the core's [`Judging`] says what to run, this host runs it.
    pub fn judge_all(&self, task: &CodeTask, code: &str, seed: u64) -> Vec<TestVerdict> {
        let mut judging = Judging::new(task, code, seed, Tests::All);
        while !judging.is_done() {
            let seen: Vec<Observed> = judging
                .runs()
                .iter()
                .map(|run| self.observe(&run.request))
                .collect();
            // One observation per run asked for, by construction.
            if judging.feed(&seen).is_err() {
                break;
            }
        }
        judging.verdicts().unwrap_or_default()
    }
}

/// Compiles the module, or loads the machine code a previous process compiled for this engine.
///
/// Compiling the 26 MB runner takes seconds; the cache (in `ASSAY_CACHE`, else the user's cache
/// directory) makes every later `assay` command start in milliseconds. Entries are named by the
/// module's SHA-256 and the engine's compatibility hash, so a different module or wasmtime
/// never reads another's code.
fn compile_cached(engine: &Engine, bytes: &[u8], sha256: &str) -> Result<Module, HostError> {
    let compile = || Module::new(engine, bytes).map_err(|e| HostError::Engine(format!("{e:#}")));
    let Some(dir) = cache_dir() else {
        return compile();
    };
    let mut engine_hash = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(&engine.precompile_compatibility_hash(), &mut engine_hash);
    let file = dir.join(format!(
        "python-{}-{:016x}.cwasm",
        &sha256[..16],
        std::hash::Hasher::finish(&engine_hash)
    ));
    if file.is_file() {
        // SAFETY: the file was written by `Module::serialize` of this engine configuration (its
        // name carries the module's digest and the engine's compatibility hash), in a
        // directory only this user writes.
        if let Ok(module) = unsafe { Module::deserialize_file(engine, &file) } {
            return Ok(module);
        }
    }
    let module = compile()?;
    if let Ok(code) = module.serialize() {
        // A cache that cannot be written only costs time: the next process compiles again.
        let partial = file.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::create_dir_all(&dir).is_ok() && std::fs::write(&partial, code).is_ok() {
            let _ = std::fs::rename(&partial, &file);
        }
    }
    Ok(module)
}

fn cache_dir() -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os("ASSAY_CACHE") {
        return (!dir.is_empty()).then(|| dir.into());
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cache")))?;
    Some(base.join("assay"))
}

fn failed(request: &RunRequest, message: &str) -> Observed {
    Observed {
        budget: request.steps,
        left: request.steps as i64,
        response: None,
        stop: None,
        stack_overflow: false,
        trap: Some(message.to_string()),
    }
}

/// Writes the request into the instance, runs it, and reads back what happened.
fn call(
    store: &mut Store<()>,
    instance: &Instance,
    request: &RunRequest,
) -> Result<Observed, String> {
    let fuel = instance
        .get_global(&mut *store, assay_meter::FUEL_EXPORT)
        .ok_or("the runner has no step counter")?;
    let memory = instance
        .get_memory(&mut *store, "memory")
        .ok_or("the runner exports no memory")?;
    let alloc = instance
        .get_typed_func::<u32, u32>(&mut *store, "assay_alloc")
        .map_err(|e| e.to_string())?;
    let run = instance
        .get_typed_func::<(u32, u32), u64>(&mut *store, "assay_run")
        .map_err(|e| e.to_string())?;
    let stop = instance
        .get_typed_func::<(), u64>(&mut *store, "assay_stop")
        .map_err(|e| e.to_string())?;

    let json = request.to_json();
    let len = u32::try_from(json.len()).map_err(|_| "the request is larger than 4 GiB")?;
    // Room for the request is made outside the budget: the host's work, not the code's.
    fuel.set(&mut *store, Val::I64(i64::MAX))
        .map_err(|e| e.to_string())?;
    let ptr = alloc.call(&mut *store, len).map_err(|e| e.to_string())?;
    memory
        .write(&mut *store, ptr as usize, json.as_bytes())
        .map_err(|e| e.to_string())?;

    let budget = i64::try_from(request.steps).unwrap_or(i64::MAX);
    fuel.set(&mut *store, Val::I64(budget))
        .map_err(|e| e.to_string())?;
    let outcome = run.call(&mut *store, (ptr, len));
    let left = fuel
        .get(&mut *store)
        .i64()
        .ok_or("the step counter is not an i64")?;
    let mut observed = Observed {
        budget: request.steps,
        left,
        response: None,
        stop: None,
        stack_overflow: false,
        trap: None,
    };
    match outcome {
        Ok(packed) => observed.response = Some(read(store, &memory, packed)?),
        Err(error) => {
            let trap = error.downcast_ref::<Trap>().copied();
            observed.stack_overflow = trap == Some(Trap::StackOverflow);
            observed.trap = Some(format!("{error:#}"));
            // Reading the reason is the host's work too; it must not trap on an empty counter.
            fuel.set(&mut *store, Val::I64(i64::MAX))
                .map_err(|e| e.to_string())?;
            let packed = stop.call(&mut *store, ()).map_err(|e| e.to_string())?;
            observed.stop = Some(read(store, &memory, packed)?);
        }
    }
    Ok(observed)
}

fn read(store: &mut Store<()>, memory: &wasmtime::Memory, packed: u64) -> Result<String, String> {
    let (ptr, len) = ((packed >> 32) as usize, (packed & 0xffff_ffff) as usize);
    let data = memory.data(&*store);
    let bytes = data
        .get(ptr..ptr + len)
        .ok_or("the runner pointed outside its memory")?;
    String::from_utf8(bytes.to_vec()).map_err(|_| "the runner wrote invalid UTF-8".to_string())
}

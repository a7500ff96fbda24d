//! The interpreter for one run: RustPython with the allow-listed modules, captured streams,
//! guarded builtins, and the two harnesses.

use rustpython_vm::builtins::{PyBaseExceptionRef, PyDictRef, PyStrRef};
use rustpython_vm::compiler::Mode;
use rustpython_vm::function::FuncArgs;
use rustpython_vm::scope::Scope;
use rustpython_vm::{AsObject, Interpreter, PyObjectRef, PyResult, Settings, VirtualMachine};

use crate::protocol::{Harness, PyError, Request, Response};
use crate::stop::stop_with;
use crate::{budget, output};

/// The Python modules of the standard library the sandbox carries (see pylib/README.md).
const STANDARD_LIBRARY: &rustpython_compiler_core::frozen::FrozenLib =
    rustpython_derive::py_freeze!(dir = "../pylib", crate_name = "rustpython_compiler_core");

/// The file name applicant code runs under; tracebacks are located by it.
const SOURCE_NAME: &str = "<solution>";

/// Builtins applicant code may not call: they reach outside the run or into the debugger.
const FORBIDDEN_BUILTINS: &[&str] = &["open", "breakpoint", "help", "exit", "quit"];

/// Runs one request to its end inside Python. Budgets end the run with a trap instead of returning.
pub fn run(request: Request) -> Response {
    crate::entropy::seed(request.seed);
    output::start(request.output_bytes);
    let mut settings = Settings::default();
    // A fixed hash seed: set and dict behaviour must not depend on the engine's entropy.
    settings.hash_seed = Some(0);
    settings.isolated = true;
    settings.ignore_environment = true;
    settings.import_site = false;
    let interpreter = Interpreter::builder(settings)
        .add_native_modules(&rustpython_stdlib::stdlib_module_defs(
            rustpython_vm::Context::genesis(),
        ))
        .add_frozen_modules(STANDARD_LIBRARY)
        .build();
    interpreter.enter(|vm| match prepare(vm, &request) {
        Ok(scope) => {
            vm.recursion_limit.set(request.recursion_limit);
            budget::limit_from_now(request.memory_bytes);
            execute(vm, scope, &request)
        }
        Err(e) => Response::BadRequest {
            message: format!("the runner could not start: {}", describe(vm, &e).message),
        },
    })
}

/// Installs the captured streams and the guards, and makes the applicant's `__main__`.
fn prepare(vm: &VirtualMachine, request: &Request) -> PyResult<Scope> {
    let sys = vm.sys_module.clone();
    let stdout = stream(vm, false)?;
    let stderr = stream(vm, true)?;
    sys.set_attr("stdout", stdout, vm)?;
    sys.set_attr("stderr", stderr, vm)?;
    let stdin = match &request.harness {
        Harness::Stdio { stdin } => stdin.as_str(),
        Harness::Function { .. } => "",
    };
    let io = vm.import("_io", 0)?;
    let stdin = io
        .get_attr("StringIO", vm)?
        .call((vm.ctx.new_str(stdin),), vm)?;
    sys.set_attr("stdin", stdin, vm)?;
    sys.set_attr(
        "setrecursionlimit",
        forbidden(vm, "sys.setrecursionlimit"),
        vm,
    )?;
    install_posix(vm)?;
    // The sandbox's clock-free time module still describes its zone (UTC), which `_strptime`
    // and `calendar` read when they load.
    let time = vm.import("time", 0)?;
    for (name, value) in [("timezone", 0), ("altzone", 0), ("daylight", 0)] {
        if time.get_attr(name, vm).is_err() {
            time.set_attr(name, vm.ctx.new_int(value), vm)?;
        }
    }
    if time.get_attr("tzname", vm).is_err() {
        let utc: PyObjectRef = vm.ctx.new_str("UTC").into();
        time.set_attr("tzname", vm.ctx.new_tuple(vec![utc.clone(), utc]), vm)?;
    }

    // The applicant's builtins: a copy of the real ones with the guards in place. Code the
    // applicant runs (including exec and eval of strings) sees only these; the standard
    // library keeps the real ones.
    let builtins = vm.ctx.new_dict();
    for (key, value) in vm.builtins.dict() {
        builtins.set_item(&*key, value, vm)?;
    }
    let original_import = vm.builtins.get_attr("__import__", vm)?;
    let guard = vm.new_function("__import__", move |args: FuncArgs, vm: &VirtualMachine| {
        check_import(&args, vm)?;
        original_import.call(args, vm)
    });
    builtins.set_item("__import__", guard.into(), vm)?;
    // Source compiled at run time gets the same import check as the applicant's file.
    for name in ["exec", "eval", "compile"] {
        let original = vm.builtins.get_attr(name, vm)?;
        let checked = vm.new_function(name, move |args: FuncArgs, vm: &VirtualMachine| {
            if let Some(source) = args
                .args
                .first()
                .and_then(|a| a.downcast_ref::<rustpython_vm::builtins::PyStr>())
            {
                check_source(&source.to_string_lossy());
            }
            original.call(args, vm)
        });
        builtins.set_item(name, checked.into(), vm)?;
    }
    for name in FORBIDDEN_BUILTINS {
        builtins.set_item(*name, forbidden(vm, name), vm)?;
    }

    let globals = vm.ctx.new_dict();
    globals.set_item("__name__", vm.ctx.new_str("__main__").into(), vm)?;
    globals.set_item("__builtins__", builtins.into(), vm)?;
    let main = vm.new_module("__main__", globals.clone(), None);
    sys.get_attr("modules", vm)?
        .set_item("__main__", main.into(), vm)?;
    Ok(Scope::new(None, globals))
}

/// Registers the `posix` stand-in (see posix.py) as a builtin module, so `os` imports.
fn install_posix(vm: &VirtualMachine) -> PyResult<()> {
    let urandom = vm.new_function("urandom", |n: usize, vm: &VirtualMachine| -> PyObjectRef {
        let mut bytes = vec![0; n];
        crate::entropy::fill(&mut bytes);
        vm.ctx.new_bytes(bytes).into()
    });
    let scope = vm.new_scope_with_builtins();
    scope
        .globals
        .set_item("__name__", vm.ctx.new_str("posix").into(), vm)?;
    scope.globals.set_item("_urandom", urandom.into(), vm)?;
    vm.run_string(scope.clone(), include_str!("posix.py"), "<posix>")?;
    let module = vm.new_module("posix", scope.globals, None);
    let sys = &vm.sys_module;
    sys.get_attr("modules", vm)?
        .set_item("posix", module.into(), vm)?;
    let names = sys.get_attr("builtin_module_names", vm)?;
    let mut names: Vec<PyObjectRef> = names.try_to_value(vm)?;
    names.push(vm.ctx.new_str("posix").into());
    sys.set_attr("builtin_module_names", vm.ctx.new_tuple(names), vm)?;
    Ok(())
}

/// A file-like object whose `write` goes to the captured stream.
fn stream(vm: &VirtualMachine, err: bool) -> PyResult<PyObjectRef> {
    let write = vm.new_function("write", move |text: PyStrRef| -> usize {
        let text = text.to_string_lossy();
        output::write(&text, err);
        text.chars().count()
    });
    let scope = vm.new_scope_with_builtins();
    scope.globals.set_item("_write", write.into(), vm)?;
    vm.run_string(
        scope.clone(),
        "class Stream:\n    encoding = 'utf-8'\n    errors = 'strict'\n    \
         def write(self, s):\n        if not isinstance(s, str):\n            \
         raise TypeError(f'write() argument must be str, not {type(s).__name__}')\n        \
         return _write(s)\n    def writelines(self, lines):\n        for line in lines:\n            \
         self.write(line)\n    def flush(self):\n        pass\n    def isatty(self):\n        \
         return False\n    def readable(self):\n        return False\n    def writable(self):\n        \
         return True\nstream = Stream()\n",
        "<assay-stream>",
    )?;
    scope.globals.get_item("stream", vm)
}

/// A builtin that ends the run with a "not allowed" verdict naming `what`.
fn forbidden(vm: &VirtualMachine, what: &str) -> PyObjectRef {
    let what = what.to_string();
    vm.new_function("forbidden", move |_args: FuncArgs| -> PyResult<()> {
        stop_with(not_allowed(&what))
    })
    .into()
}

fn not_allowed(what: &str) -> String {
    serde_json::json!({ "not_allowed": what }).to_string()
}

/// Refuses a direct call of `__import__` for a module outside the allow-list.
///
/// Import statements were checked in the source; the import machinery (for those statements,
/// and for native modules that import what they need) passes the importing frame's globals, a
/// direct call from the applicant's code passes none.
fn check_import(args: &FuncArgs, vm: &VirtualMachine) -> PyResult<()> {
    let Some(name) = args.args.first() else {
        return Ok(()); // the real __import__ raises the TypeError
    };
    let from_machinery = args
        .args
        .get(1)
        .or_else(|| args.kwargs.get("globals"))
        .is_some_and(|g| !vm.is_none(g));
    if from_machinery {
        return Ok(());
    }
    let name: PyStrRef = name.clone().try_into_value(vm)?;
    let level = match args.args.get(4).or_else(|| args.kwargs.get("level")) {
        Some(level) => level.clone().try_into_value::<i64>(vm)?,
        None => 0,
    };
    let name = name.to_string_lossy();
    if level == 0 && !crate::imports::allowed(&name) {
        stop_with(not_allowed(&format!("import {name}")));
    }
    Ok(())
}

/// Stops the run if `source` imports a module outside the allow-list.
fn check_source(source: &str) {
    if let Some((what, _line)) = crate::imports::first_forbidden(source) {
        stop_with(not_allowed(&what));
    }
}

/// Compiles and runs the applicant's code under the request's harness.
fn execute(vm: &VirtualMachine, scope: Scope, request: &Request) -> Response {
    check_source(&request.code);
    let code = match vm.compile(&request.code, Mode::Exec, SOURCE_NAME.to_owned()) {
        Ok(code) => code,
        Err(e) => {
            let exc = e.into_pyexception(vm, Some(&request.code));
            return Response::SyntaxError {
                error: describe(vm, &exc),
            };
        }
    };
    let ran = vm.run_code_obj(code, scope.clone());
    match (&request.harness, ran) {
        (_, Err(exc)) => ended_by(vm, &exc),
        (Harness::Stdio { .. }, Ok(_)) => {
            let (stdout, stderr) = output::take();
            Response::Exited {
                code: 0,
                stdout,
                stderr,
            }
        }
        (Harness::Function { entry, args }, Ok(_)) => call_entry(vm, &scope.globals, entry, args),
    }
}

/// Calls `entry(*args)` and returns its value as JSON.
fn call_entry(
    vm: &VirtualMachine,
    globals: &PyDictRef,
    entry: &str,
    args: &[serde_json::Value],
) -> Response {
    let Ok(function) = globals.get_item(entry, vm) else {
        let exc = vm.new_name_error(
            format!("the solution must define {entry}(), and it does not"),
            vm.ctx.new_str(entry),
        );
        return ended_by(vm, &exc);
    };
    let mut values = Vec::with_capacity(args.len());
    for arg in args {
        match rustpython_vm::py_serde::deserialize(vm, arg) {
            Ok(value) => values.push(value),
            Err(e) => {
                return Response::BadRequest {
                    message: format!("an argument is not valid JSON for Python: {e}"),
                };
            }
        }
    }
    match function.call(values, vm) {
        Err(exc) => ended_by(vm, &exc),
        Ok(value) => {
            let serializer = rustpython_vm::py_serde::PyObjectSerializer::new(vm, &value);
            let json = serde_json::to_value(&serializer);
            let (stdout, stderr) = output::take();
            match json {
                // NaN and infinities arrive as null, as in JavaScript's JSON.
                Ok(value) => Response::Returned {
                    value,
                    stdout,
                    stderr,
                },
                _ => Response::Unserializable {
                    error: PyError {
                        kind: value.class().name().to_string(),
                        message: format!(
                            "{entry}() returned a {}, which is not a JSON value (use lists, \
                             dicts with string keys, strings, numbers, booleans or None)",
                            value.class().name()
                        ),
                        line: None,
                        column: None,
                    },
                    stdout,
                    stderr,
                },
            }
        }
    }
}

/// The response for an exception that ended the program (`SystemExit` included).
fn ended_by(vm: &VirtualMachine, exc: &PyBaseExceptionRef) -> Response {
    let (stdout, stderr) = output::take();
    if exc.fast_isinstance(vm.ctx.exceptions.system_exit) {
        let code = exc.args().first().cloned();
        let code = match code {
            None => 0,
            Some(c) if vm.is_none(&c) => 0,
            Some(c) => c.try_into_value::<i64>(vm).unwrap_or(1),
        };
        return Response::Exited {
            code,
            stdout,
            stderr,
        };
    }
    Response::Raised {
        error: describe(vm, exc),
        stdout,
        stderr,
    }
}

/// Type, message and location of an exception.
fn describe(vm: &VirtualMachine, exc: &PyBaseExceptionRef) -> PyError {
    let kind = exc.class().name().to_string();
    let is_syntax = exc.fast_isinstance(vm.ctx.exceptions.syntax_error);
    let message = if is_syntax {
        attr_string(vm, exc.as_object(), "msg")
    } else {
        exc.as_object()
            .str(vm)
            .map(|s| s.to_string_lossy().into_owned())
            .ok()
    }
    .unwrap_or_default();
    if is_syntax {
        return PyError {
            kind,
            message,
            line: attr_u32(vm, exc.as_object(), "lineno"),
            column: attr_u32(vm, exc.as_object(), "offset"),
        };
    }
    // The innermost traceback entry in the applicant's own source.
    let mut line = None;
    let mut tb = exc.as_object().get_attr("__traceback__", vm).ok();
    while let Some(entry) = tb.filter(|t| !vm.is_none(t)) {
        let file = entry
            .get_attr("tb_frame", vm)
            .and_then(|f| f.get_attr("f_code", vm))
            .and_then(|c| c.get_attr("co_filename", vm))
            .ok()
            .and_then(|f| f.str(vm).ok().map(|s| s.to_string_lossy().into_owned()));
        if file.as_deref() == Some(SOURCE_NAME) {
            line = attr_u32(vm, &entry, "tb_lineno");
        }
        tb = entry.get_attr("tb_next", vm).ok();
    }
    PyError {
        kind,
        message,
        line,
        column: None,
    }
}

fn attr_string(
    vm: &VirtualMachine,
    obj: &rustpython_vm::PyObject,
    name: &'static str,
) -> Option<String> {
    let value = obj.get_attr(name, vm).ok()?;
    if vm.is_none(&value) {
        return None;
    }
    value.str(vm).ok().map(|s| s.to_string_lossy().into_owned())
}

fn attr_u32(vm: &VirtualMachine, obj: &rustpython_vm::PyObject, name: &'static str) -> Option<u32> {
    let value = obj.get_attr(name, vm).ok()?;
    value.try_into_value::<u32>(vm).ok()
}

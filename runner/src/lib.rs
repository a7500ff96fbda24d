//! Applicant Python for Assay: RustPython as a plain WebAssembly module.
//!
//! The module has no imports and a C ABI, so the browser (a Web Worker), the CLI and the
//! backend (wasmtime) run the very same bytes. `assay-meter` adds the step counter after the
//! build; this crate enforces the other budgets itself:
//! - memory: the allocator counts live bytes ([`budget`]);
//! - output: the captured streams count bytes ([`output`]);
//! - recursion: Python's recursion limit (a `RecursionError`, as in CPython);
//! - imports and builtins outside the allow-list: refused ([`python`]).
//!
//! A budget that runs out ends the run with a trap that Python cannot catch, after recording
//! why ([`stop`]). The host discards the instance after every run.
//!
//! ABI (all offsets and lengths in bytes of the module's memory):
//! - `assay_alloc(len) -> ptr`: room for a request;
//! - `assay_run(ptr, len) -> u64`: runs the JSON request ([`protocol::Request`]) and returns
//!   `ptr << 32 | len` of the JSON response ([`protocol::Response`]);
//! - `assay_stop() -> u64`: after a trap, `ptr << 32 | len` of the recorded reason (len 0: none);
//! - `assay_fuel` (added by the meter): the steps left.

mod budget;
mod entropy;
mod imports;
mod output;
mod protocol;
mod python;
mod stop;

#[global_allocator]
static ALLOCATOR: budget::Budgeted = budget::Budgeted;

/// Room for a request of `len` bytes, for the host to write into.
#[unsafe(no_mangle)]
pub extern "C" fn assay_alloc(len: u32) -> u32 {
    let buffer = vec![0u8; len as usize].into_boxed_slice();
    Box::leak(buffer).as_mut_ptr() as usize as u32
}

/// Runs the JSON request at `ptr..ptr+len`; returns where the JSON response is.
///
/// # Safety
/// `ptr..ptr+len` must be a buffer from [`assay_alloc`] holding the request.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn assay_run(ptr: u32, len: u32) -> u64 {
    // SAFETY: the host wrote `len` bytes at `ptr`, which assay_alloc handed out.
    // A panic is a bug in the interpreter, not the applicant's: it is recorded as such.
    std::panic::set_hook(Box::new(|info| {
        stop::stop_with(serde_json::json!({ "internal": info.to_string() }).to_string())
    }));
    let bytes = unsafe { std::slice::from_raw_parts(ptr as usize as *const u8, len as usize) };
    let response = match serde_json::from_slice::<protocol::Request>(bytes) {
        Ok(request) => python::run(request),
        Err(e) => protocol::Response::BadRequest {
            message: format!("the request is not valid: {e}"),
        },
    };
    let json = serde_json::to_vec(&response).unwrap_or_else(|e| {
        format!(r#"{{"status":"bad_request","message":"the response could not be written: {e}"}}"#)
            .into_bytes()
    });
    pack(Box::leak(json.into_boxed_slice()))
}

/// Where the reason for the last trap is (length 0 when none was recorded).
#[unsafe(no_mangle)]
pub extern "C" fn assay_stop() -> u64 {
    pack(stop::reason())
}

fn pack(bytes: &[u8]) -> u64 {
    ((bytes.as_ptr() as usize as u64) << 32) | bytes.len() as u64
}

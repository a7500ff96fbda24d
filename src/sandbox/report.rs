//! One run: the request the runner module is given, what the host observed, what it means.

use serde::{Deserialize, Serialize};

use super::limits::{Budget, Limits};

/// The request for one run, in the runner module's JSON protocol.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunRequest {
    /// The applicant's (or the author's) Python source.
    pub code: String,
    /// How the code is driven.
    pub harness: RunHarness,
    /// Seeds `random` and any other entropy the code asks for.
    pub seed: u64,
    /// Most nested Python calls.
    pub recursion_limit: u32,
    /// Bytes the code may hold beyond the interpreter's start-up state.
    pub memory_bytes: u64,
    /// Bytes of output over stdout and stderr.
    pub output_bytes: u64,
    /// The step budget; the host puts it in the module's counter, the module never sees it.
    #[serde(skip)]
    pub steps: u64,
}

/// How a run drives the code.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RunHarness {
    /// Run the module, then call `entry(*args)`.
    Function {
        /// The function to call.
        entry: String,
        /// Its arguments.
        args: Vec<serde_json::Value>,
    },
    /// Run the module as a program with this standard input.
    Stdio {
        /// The input.
        stdin: String,
    },
}

impl RunRequest {
    /// A request under `limits`.
    pub fn new(code: &str, harness: RunHarness, seed: u64, limits: &Limits) -> RunRequest {
        RunRequest {
            code: code.to_string(),
            harness,
            seed,
            recursion_limit: limits.recursion,
            memory_bytes: u64::from(limits.memory_mb) << 20,
            output_bytes: u64::from(limits.output_kb) << 10,
            steps: limits.steps,
        }
    }

    /// The JSON the module reads.
    pub fn to_json(&self) -> String {
        // Serializing plain strings, numbers and JSON values cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// What a host saw when it ran the module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct Observed {
    /// The step budget the counter started from.
    pub budget: u64,
    /// The counter after the run (negative when the budget ran out).
    pub left: i64,
    /// The response JSON, when `assay_run` returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// The reason the module recorded before trapping (`assay_stop`), possibly empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<String>,
    /// The engine itself ran out of stack (wasmtime's stack overflow, the browser's RangeError).
    #[serde(default)]
    pub stack_overflow: bool,
    /// Anything else the engine said about a trap, for diagnostics only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trap: Option<String>,
}

/// A Python exception, located in the applicant's source where possible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct PyError {
    /// The exception's class (`ZeroDivisionError`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Its message.
    pub message: String,
    /// Line in the applicant's source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Column (syntax errors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum RunEnd {
    /// The entry function returned a value.
    Returned {
        /// The value as JSON.
        value: serde_json::Value,
        /// What was printed.
        stdout: String,
        /// What went to stderr.
        stderr: String,
    },
    /// The program ran to its end or called `sys.exit`.
    Exited {
        /// Exit status.
        code: i64,
        /// What was printed.
        stdout: String,
        /// What went to stderr.
        stderr: String,
    },
    /// An exception escaped.
    Raised {
        /// The exception.
        error: PyError,
        /// What was printed before it.
        stdout: String,
        /// What went to stderr.
        stderr: String,
    },
    /// The code does not compile.
    SyntaxError {
        /// Where and why.
        error: PyError,
    },
    /// The entry function returned something JSON cannot carry.
    Unserializable {
        /// The type and why.
        error: PyError,
        /// What was printed.
        stdout: String,
        /// What went to stderr.
        stderr: String,
    },
    /// A budget ran out.
    LimitExceeded {
        /// Which one.
        budget: Budget,
    },
    /// The code reached for a module or builtin outside the allow-list.
    NotAllowed {
        /// What (`import os`, `open`).
        what: String,
    },
    /// The runner failed on its own account: a bug to report, never the applicant's fault.
    Internal {
        /// What went wrong.
        message: String,
    },
}

/// A classified run: how it ended and the steps it took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
pub struct RunReport {
    /// Steps executed (the budget, when it ran out).
    pub steps: u64,
    /// How the run ended.
    pub end: RunEnd,
}

/// The module's own reasons for a trap.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum StopReason {
    Limit(Budget),
    NotAllowed(String),
    Internal(String),
}

/// The module's response when `assay_run` returned.
#[derive(Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
enum Response {
    Returned {
        value: serde_json::Value,
        stdout: String,
        stderr: String,
    },
    Exited {
        code: i64,
        stdout: String,
        stderr: String,
    },
    Raised {
        error: PyError,
        stdout: String,
        stderr: String,
    },
    SyntaxError {
        error: PyError,
    },
    Unserializable {
        error: PyError,
        stdout: String,
        stderr: String,
    },
    BadRequest {
        message: String,
    },
}

impl RunReport {
    /// A run the host could not make or read: nothing of the applicant's ran.
    pub fn internal(message: &str) -> RunReport {
        RunReport {
            steps: 0,
            end: RunEnd::Internal {
                message: message.to_string(),
            },
        }
    }
}

impl Observed {
    /// Classifies what the host saw.
    ///
    /// Order matters: an exhausted counter is the step budget whatever else happened (the trap
    /// is the counter's own); then the module's recorded reason; then the engine's stack.
    pub fn classify(&self) -> RunReport {
        let steps = if self.left < 0 {
            self.budget
        } else {
            self.budget.saturating_sub(self.left as u64)
        };
        let end = if self.left < 0 {
            RunEnd::LimitExceeded {
                budget: Budget::Steps,
            }
        } else if let Some(response) = &self.response {
            match serde_json::from_str::<Response>(response) {
                Ok(response) => from_response(response),
                Err(e) => RunEnd::Internal {
                    message: format!("the runner's response is not understood: {e}"),
                },
            }
        } else if let Some(reason) = self.stop.as_deref().filter(|s| !s.is_empty()) {
            match serde_json::from_str::<StopReason>(reason) {
                Ok(StopReason::Limit(budget)) => RunEnd::LimitExceeded { budget },
                Ok(StopReason::NotAllowed(what)) => RunEnd::NotAllowed { what },
                Ok(StopReason::Internal(message)) => RunEnd::Internal { message },
                Err(e) => RunEnd::Internal {
                    message: format!("the runner's stop reason is not understood: {e}"),
                },
            }
        } else if self.stack_overflow {
            RunEnd::LimitExceeded {
                budget: Budget::Recursion,
            }
        } else {
            RunEnd::Internal {
                message: format!(
                    "the runner trapped without a reason: {}",
                    self.trap.as_deref().unwrap_or("no message")
                ),
            }
        };
        RunReport { steps, end }
    }
}

fn from_response(response: Response) -> RunEnd {
    match response {
        Response::Returned {
            value,
            stdout,
            stderr,
        } => RunEnd::Returned {
            value,
            stdout,
            stderr,
        },
        Response::Exited {
            code,
            stdout,
            stderr,
        } => RunEnd::Exited {
            code,
            stdout,
            stderr,
        },
        // Exceptions that are the interpreter's budgets speak as budgets.
        Response::Raised { error, .. } if error.kind == "RecursionError" => RunEnd::LimitExceeded {
            budget: Budget::Recursion,
        },
        Response::Raised { error, .. } if error.kind == "MemoryError" => RunEnd::LimitExceeded {
            budget: Budget::Memory,
        },
        Response::Raised {
            error,
            stdout,
            stderr,
        } => RunEnd::Raised {
            error,
            stdout,
            stderr,
        },
        Response::SyntaxError { error } => RunEnd::SyntaxError { error },
        Response::Unserializable {
            error,
            stdout,
            stderr,
        } => RunEnd::Unserializable {
            error,
            stdout,
            stderr,
        },
        Response::BadRequest { message } => RunEnd::Internal { message },
    }
}

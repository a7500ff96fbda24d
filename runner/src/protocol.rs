//! What the host sends to `assay_run` and what it gets back, as JSON.

use serde::{Deserialize, Serialize};

/// One run of applicant code.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The Python source.
    pub code: String,
    /// How the code is driven.
    pub harness: Harness,
    /// Seeds `random` and every other request for entropy.
    #[serde(default)]
    pub seed: u64,
    /// Most nested Python calls (RecursionError beyond).
    pub recursion_limit: usize,
    /// Most bytes the code may hold beyond the interpreter's start-up state.
    pub memory_bytes: usize,
    /// Most bytes written to stdout and stderr together.
    pub output_bytes: usize,
}

/// How the code is driven.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Harness {
    /// Run the module, then call `entry(*args)` and return its value as JSON.
    Function {
        /// The function to call.
        entry: String,
        /// Its arguments.
        args: Vec<serde_json::Value>,
    },
    /// Run the module as a program reading `stdin`.
    Stdio {
        /// Everything the program can read.
        stdin: String,
    },
}

/// How a run ended, when it ended inside Python (budgets end it with a trap instead).
#[derive(Debug, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Response {
    /// The entry function returned this value.
    Returned {
        /// The value, as JSON.
        value: serde_json::Value,
        /// What was printed.
        stdout: String,
        /// What was written to stderr.
        stderr: String,
    },
    /// The program ran to its end (or called `sys.exit`).
    Exited {
        /// The exit status: 0, or what `sys.exit` was given.
        code: i64,
        /// What was printed.
        stdout: String,
        /// What was written to stderr.
        stderr: String,
    },
    /// An exception escaped.
    Raised {
        /// The exception.
        error: PyError,
        /// What was printed before it.
        stdout: String,
        /// What was written to stderr.
        stderr: String,
    },
    /// The source does not compile.
    SyntaxError {
        /// Where and why.
        error: PyError,
    },
    /// The entry function returned something JSON cannot carry.
    Unserializable {
        /// The Python type and why.
        error: PyError,
        /// What was printed.
        stdout: String,
        /// What was written to stderr.
        stderr: String,
    },
    /// The request itself is malformed (a host bug, not the applicant's).
    BadRequest {
        /// What is wrong.
        message: String,
    },
}

/// A Python exception, located in the applicant's source where possible.
#[derive(Debug, Serialize)]
pub struct PyError {
    /// The exception's class name (`ZeroDivisionError`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Its message.
    pub message: String,
    /// Line in the applicant's source (the innermost frame there).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Column, for syntax errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

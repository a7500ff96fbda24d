//! Budgets of a run, as authors write them and as the runner enforces them.

use serde::{Deserialize, Serialize};

/// A task's budgets per run; any left out takes its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Steps of metered wasm the run may execute (interpreter start-up included).
    #[serde(default = "default_steps")]
    pub steps: u64,
    /// Megabytes the code may hold beyond the interpreter's start-up state.
    #[serde(default = "default_memory_mb")]
    pub memory_mb: u32,
    /// Most nested Python calls.
    #[serde(default = "default_recursion")]
    pub recursion: u32,
    /// Kilobytes of output over stdout and stderr.
    #[serde(default = "default_output_kb")]
    pub output_kb: u32,
}

/// Which budget a run exhausted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Budget {
    /// The step counter reached zero.
    Steps,
    /// Live memory passed its limit.
    Memory,
    /// Calls nested deeper than the recursion limit.
    Recursion,
    /// Output passed its limit.
    Output,
}

impl Budget {
    /// The budget's name as written in results (`"steps"`).
    pub fn name(self) -> &'static str {
        match self {
            Budget::Steps => "steps",
            Budget::Memory => "memory",
            Budget::Recursion => "recursion",
            Budget::Output => "output",
        }
    }
}

/// Largest accepted step budget: the counter is an i64, and the figure travels through JS.
pub const MAX_STEPS: u64 = 1 << 50;
/// Largest memory budget: the module's 32-bit memory holds 4 GiB, start-up state included.
pub const MAX_MEMORY_MB: u32 = 2048;
/// Deepest recursion: beyond this the engines' own stacks, which differ, would decide.
pub const MAX_RECURSION: u32 = 2000;
/// Largest output budget.
pub const MAX_OUTPUT_KB: u32 = 16 * 1024;

fn default_steps() -> u64 {
    Limits::default().steps
}
fn default_memory_mb() -> u32 {
    Limits::default().memory_mb
}
fn default_recursion() -> u32 {
    Limits::default().recursion
}
fn default_output_kb() -> u32 {
    Limits::default().output_kb
}

impl Default for Limits {
    /// Room for typical interview solutions on inputs of a few thousand items.
    fn default() -> Self {
        Limits {
            steps: 1_000_000_000,
            memory_mb: 64,
            recursion: 1000,
            output_kb: 256,
        }
    }
}

impl Limits {
    /// What is wrong with these limits, if anything (for package validation).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.steps == 0 || self.steps > MAX_STEPS {
            out.push(format!(
                "steps must be from 1 to {MAX_STEPS}, not {}",
                self.steps
            ));
        }
        if self.memory_mb == 0 || self.memory_mb > MAX_MEMORY_MB {
            out.push(format!(
                "memory_mb must be from 1 to {MAX_MEMORY_MB}, not {}",
                self.memory_mb
            ));
        }
        if self.recursion < 10 || self.recursion > MAX_RECURSION {
            out.push(format!(
                "recursion must be from 10 to {MAX_RECURSION}, not {}",
                self.recursion
            ));
        }
        if self.output_kb == 0 || self.output_kb > MAX_OUTPUT_KB {
            out.push(format!(
                "output_kb must be from 1 to {MAX_OUTPUT_KB}, not {}",
                self.output_kb
            ));
        }
        out
    }
}

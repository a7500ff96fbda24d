//! A deterministic step budget for WebAssembly modules.
//!
//! [`meter`] rewrites a module so that it counts what it executes in an exported mutable `i64`
//! global, [`FUEL_EXPORT`], and traps (`unreachable`) as soon as the count goes below zero. The
//! host stores the budget in the global before a call and reads what is left afterwards.
//!
//! Why in the module and not in the engine: the browser's engine has no fuel, and engines that
//! do (wasmtime, wasmi) count differently. A counter compiled into the module counts the same
//! on every engine, stops long single operations inside builtins (a huge `pow`, a catastrophic
//! regex) as well as loops, and cannot be caught or switched off by the code it meters.
//!
//! What counts: one step for each entry into a function that can call or loop, and one step for
//! each iteration of a loop. A step is therefore a unit of control flow, not of instructions: it
//! costs a handful of instructions per charge point and no table of instruction costs, and it still bounds every execution (running forever needs a loop or a call, and a charged
//! function or loop body runs a bounded number of instructions between charges). Functions that
//! neither call nor loop are bounded by their size and are not charged, which keeps small
//! accessors free of overhead.

use walrus::ir::{BinaryOp, Instr, InstrSeqId, Value};
use walrus::{ConstExpr, FunctionId, GlobalId, LocalFunction, Module, ValType};

/// Name of the exported `i64` global that holds the steps left.
pub const FUEL_EXPORT: &str = "assay_fuel";

/// Name of the custom section that marks a metered module and records the rule's version.
pub const SECTION: &str = "assay-meter";

/// Version of the counting rule; a change in what is charged must change it, since step counts
/// are part of every recorded verdict.
pub const RULE_VERSION: u32 = 1;

/// Why a module could not be metered.
#[derive(Debug, thiserror::Error)]
pub enum MeterError {
    /// The bytes are not a WebAssembly module walrus can read.
    #[error("not a valid WebAssembly module: {0}")]
    Parse(String),
    /// The module already has a step counter.
    #[error("the module is already metered (it exports `{FUEL_EXPORT}`)")]
    AlreadyMetered,
}

/// What metering did, for build logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MeterReport {
    /// Functions charged on entry.
    pub functions: usize,
    /// Loops charged per iteration.
    pub loops: usize,
    /// Functions left uncharged (straight-line, no calls).
    pub leaves: usize,
}

/// Meters a module: returns the rewritten bytes and what was charged.
///
/// # Errors
/// [`MeterError`] when the input is not a module or already exports the counter.
pub fn meter(wasm: &[u8]) -> Result<(Vec<u8>, MeterReport), MeterError> {
    let mut module = Module::from_buffer(wasm).map_err(|e| MeterError::Parse(format!("{e:#}")))?;
    if module.exports.iter().any(|e| e.name == FUEL_EXPORT) {
        return Err(MeterError::AlreadyMetered);
    }
    // The budget starts at zero: a host that forgets to set it gets an immediate trap, never
    // an unbounded run.
    let fuel = module
        .globals
        .add_local(ValType::I64, true, false, ConstExpr::Value(Value::I64(0)));
    module.exports.add(FUEL_EXPORT, fuel);

    let mut report = MeterReport::default();
    let ids: Vec<FunctionId> = module.funcs.iter_local().map(|(id, _)| id).collect();
    for id in ids {
        let func = module.funcs.get_mut(id).kind.unwrap_local_mut();
        let plan = plan(func);
        if plan.loops.is_empty() && !plan.calls {
            report.leaves += 1;
            continue;
        }
        report.functions += 1;
        report.loops += plan.loops.len();
        let entry = func.entry_block();
        charge(func, fuel, entry);
        for seq in plan.loops {
            charge(func, fuel, seq);
        }
    }
    module.customs.add(walrus::RawCustomSection {
        name: SECTION.to_string(),
        data: RULE_VERSION.to_le_bytes().to_vec(),
    });
    Ok((module.emit_wasm(), report))
}

/// Whether a module carries this rule's step counter.
pub fn is_metered(wasm: &[u8]) -> bool {
    let Ok(module) = Module::from_buffer(wasm) else {
        return false;
    };
    module.exports.iter().any(|e| e.name == FUEL_EXPORT)
        && module.customs.iter().any(|(_, c)| {
            c.name() == SECTION && *c.data(&Default::default()) == RULE_VERSION.to_le_bytes()
        })
}

/// The charge points of one function.
struct Plan {
    /// The body of each loop, charged per iteration.
    loops: Vec<InstrSeqId>,
    /// Whether the function calls anything (and so may recurse).
    calls: bool,
}

fn plan(func: &LocalFunction) -> Plan {
    let mut plan = Plan {
        loops: Vec::new(),
        calls: false,
    };
    walk(func, func.entry_block(), &mut plan);
    plan
}

/// Finds the loops and calls of `seq`, descending into blocks and branches.
fn walk(func: &LocalFunction, seq: InstrSeqId, plan: &mut Plan) {
    for (instr, _) in &func.block(seq).instrs {
        match instr {
            Instr::Block(b) => walk(func, b.seq, plan),
            Instr::TryTable(t) => walk(func, t.seq, plan),
            Instr::IfElse(i) => {
                walk(func, i.consequent, plan);
                walk(func, i.alternative, plan);
            }
            Instr::Loop(l) => {
                plan.loops.push(l.seq);
                walk(func, l.seq, plan);
            }
            Instr::Call(_)
            | Instr::CallIndirect(_)
            | Instr::CallRef(_)
            | Instr::ReturnCall(_)
            | Instr::ReturnCallIndirect(_)
            | Instr::ReturnCallRef(_) => plan.calls = true,
            _ => {}
        }
    }
}

/// Prepends `fuel -= 1; if fuel < 0 { unreachable }` to `seq`.
fn charge(func: &mut LocalFunction, fuel: GlobalId, seq: InstrSeqId) {
    let builder = func.builder_mut();
    let trap = builder.dangling_instr_seq(None).unreachable().id();
    let go_on = builder.dangling_instr_seq(None).id();
    let mut prologue = builder.dangling_instr_seq(None);
    prologue
        .global_get(fuel)
        .i64_const(1)
        .binop(BinaryOp::I64Sub)
        .global_set(fuel)
        .global_get(fuel)
        .i64_const(0)
        .binop(BinaryOp::I64LtS)
        .instr(Instr::IfElse(walrus::ir::IfElse {
            consequent: trap,
            alternative: go_on,
        }));
    let prologue = prologue.id();
    let instrs = std::mem::take(&mut func.block_mut(prologue).instrs);
    func.block_mut(seq).instrs.splice(0..0, instrs);
}

#[cfg(test)]
mod tests;

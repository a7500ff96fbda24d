use wasmtime::{Engine, Instance, Module as Compiled, Store, Val};

use super::*;

/// Compiles `wat`, meters it and instantiates it with `budget` steps.
fn metered(wat: &str, budget: i64) -> (Store<()>, Instance) {
    let wasm = wat::parse_str(wat).expect("test module parses");
    let (metered, _) = meter(&wasm).expect("meters");
    let engine = Engine::default();
    let module = Compiled::new(&engine, &metered).expect("compiles");
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).expect("instantiates");
    let fuel = instance
        .get_global(&mut store, FUEL_EXPORT)
        .expect("fuel exported");
    fuel.set(&mut store, Val::I64(budget))
        .expect("fuel is mutable");
    (store, instance)
}

fn fuel_left(store: &mut Store<()>, instance: &Instance) -> i64 {
    let fuel = instance
        .get_global(&mut *store, FUEL_EXPORT)
        .expect("fuel exported");
    fuel.get(&mut *store).i64().expect("i64")
}

const COUNTER: &str = r#"
(module
  (func (export "count") (param $n i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i)))
"#;

#[test]
fn an_endless_loop_traps_when_the_budget_runs_out() {
    let (mut store, instance) = metered(
        r#"(module (func (export "spin") (loop $l (br $l))))"#,
        1_000_000,
    );
    let spin = instance
        .get_typed_func::<(), ()>(&mut store, "spin")
        .unwrap();
    let trap = spin.call(&mut store, ()).unwrap_err();
    assert_eq!(
        trap.downcast_ref::<wasmtime::Trap>(),
        Some(&wasmtime::Trap::UnreachableCodeReached)
    );
    assert!(fuel_left(&mut store, &instance) < 0);
}

#[test]
fn a_step_is_a_charged_call_or_a_loop_iteration_and_counts_repeat_exactly() {
    let used = |n: i32| {
        let (mut store, instance) = metered(COUNTER, 1 << 40);
        let count = instance
            .get_typed_func::<i32, i32>(&mut store, "count")
            .unwrap();
        assert_eq!(count.call(&mut store, n).unwrap(), n);
        (1i64 << 40) - fuel_left(&mut store, &instance)
    };
    // One step for the call, one per pass through the loop body (n increments and the exit).
    assert_eq!(used(0), 2);
    assert_eq!(used(10), 12);
    assert_eq!(used(1000), 1002);
    assert_eq!(used(1000), 1002, "the same call costs the same every time");
}

#[test]
fn a_call_that_would_finish_traps_once_its_budget_is_spent() {
    let (mut store, instance) = metered(COUNTER, 50);
    let count = instance
        .get_typed_func::<i32, i32>(&mut store, "count")
        .unwrap();
    assert!(count.call(&mut store, 1_000).is_err());
}

#[test]
fn recursion_without_loops_is_charged_per_call() {
    let (mut store, instance) = metered(
        r#"(module (func $f (export "f") (param i32) (result i32)
             (if (result i32) (i32.eqz (local.get 0))
               (then (i32.const 0))
               (else (call $f (i32.sub (local.get 0) (i32.const 1)))))))"#,
        1 << 40,
    );
    let f = instance
        .get_typed_func::<i32, i32>(&mut store, "f")
        .unwrap();
    f.call(&mut store, 100).unwrap();
    let hundred = (1i64 << 40) - fuel_left(&mut store, &instance);
    f.call(&mut store, 200).unwrap();
    let two_hundred = (1i64 << 40) - fuel_left(&mut store, &instance) - hundred;
    // f(n) runs n + 1 calls.
    assert_eq!(hundred, 101);
    assert_eq!(two_hundred, 201);
    let (mut store, instance) = metered(r#"(module (func $f (export "f") (call $f)))"#, 1_000);
    let endless = instance.get_typed_func::<(), ()>(&mut store, "f").unwrap();
    endless.call(&mut store, ()).unwrap_err();
    assert!(
        fuel_left(&mut store, &instance) < 0,
        "endless recursion runs out of steps, not stack"
    );
}

#[test]
fn straight_line_functions_are_left_free() {
    let wasm = wat::parse_str(
        r#"(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))"#,
    )
    .unwrap();
    let (_, report) = meter(&wasm).unwrap();
    assert_eq!(
        report,
        MeterReport {
            functions: 0,
            loops: 0,
            leaves: 1
        }
    );
}

#[test]
fn an_unset_budget_traps_at_once() {
    let wasm = wat::parse_str(COUNTER).unwrap();
    let (metered, _) = meter(&wasm).unwrap();
    let engine = Engine::default();
    let module = Compiled::new(&engine, &metered).unwrap();
    let mut store = Store::new(&engine, ());
    let instance = Instance::new(&mut store, &module, &[]).unwrap();
    let count = instance
        .get_typed_func::<i32, i32>(&mut store, "count")
        .unwrap();
    assert!(count.call(&mut store, 0).is_err());
}

#[test]
fn metering_is_marked_and_not_applied_twice() {
    let wasm = wat::parse_str(COUNTER).unwrap();
    assert!(!is_metered(&wasm));
    let (metered, report) = meter(&wasm).unwrap();
    assert_eq!(
        report,
        MeterReport {
            functions: 1,
            loops: 1,
            leaves: 0
        }
    );
    assert!(is_metered(&metered));
    assert!(matches!(meter(&metered), Err(MeterError::AlreadyMetered)));
    assert!(matches!(meter(b"not wasm"), Err(MeterError::Parse(_))));
}

#[test]
fn metering_the_same_bytes_twice_gives_the_same_bytes() {
    let wasm = wat::parse_str(COUNTER).unwrap();
    assert_eq!(meter(&wasm).unwrap().0, meter(&wasm).unwrap().0);
}

// Determinism under Node: every golden program, run by the browser's host code
// (www/code/runner.js) on the built runner module, gives exactly what the same module gave
// natively: the same response or stop reason and the same step counter. The native run
// (sandbox/tests/golden.rs, part of `cargo test`) leaves its observations in
// target/python-golden/native.json.

import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { createHash } from "node:crypto";

import { observe } from "../../www/code/runner.js";

const bytes = readFileSync(new URL("../../www/runner/python.wasm", import.meta.url));
const nativeFile = new URL("../../target/python-golden/native.json", import.meta.url);

function native() {
  assert.ok(existsSync(nativeFile), "target/python-golden/native.json is missing: run cargo test -p assay-sandbox --test golden first");
  return JSON.parse(readFileSync(nativeFile, "utf8"));
}

test("the native observations were made with this runner", () => {
  assert.equal(createHash("sha256").update(bytes).digest("hex"), native().runner);
});

test("every golden program gives the native outcome and step count in wasm under Node", async () => {
  const golden = native();
  const module = await WebAssembly.compile(bytes);
  const names = Object.keys(golden.programs);
  assert.ok(names.length >= 30);
  for (const name of names) {
    const want = golden.programs[name];
    const got = await observe(module, want.request, want.budget);
    assert.equal(got.left, want.left, `${name}: steps left`);
    assert.equal(got.response ?? null, want.response ?? null, `${name}: response`);
    assert.equal(got.stop ?? null, want.stop ?? null, `${name}: stop reason`);
  }
});

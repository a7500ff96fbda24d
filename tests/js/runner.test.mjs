// The determinism golden file under Node: every golden program, run by the browser's host code
// (www/code/runner.js) on the built runner module, gives exactly the natively recorded response or
// stop reason and step counter (tests/python/golden.expected.json, checked natively by
// sandbox/tests/golden.rs).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { createHash } from "node:crypto";

import { observe } from "../../www/code/runner.js";

const bytes = readFileSync(new URL("../../www/runner/python.wasm", import.meta.url));
const golden = JSON.parse(readFileSync(new URL("../python/golden.expected.json", import.meta.url), "utf8"));

test("the golden file was written for this runner", () => {
  assert.equal(createHash("sha256").update(bytes).digest("hex"), golden.runner);
});

test("every golden program gives the native outcome and step count in wasm under Node", async () => {
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

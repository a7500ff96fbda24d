// Runs the metered Python runner module (www/runner/python.wasm) for one request, the way the
// backend's wasmtime does: a fresh instance per run, the step budget in the module's counter,
// and what happened reported as the core's `Observed` ({budget, left, response, stop,
// stack_overflow, trap}) for the core to classify. Used by the Worker and by tests under Node.

const HOST_STEPS = (1n << 62n);
const decoder = new TextDecoder();
const encoder = new TextEncoder();

function read(exports, packed) {
  const ptr = Number(packed >> 32n);
  const len = Number(packed & 0xffffffffn);
  return decoder.decode(new Uint8Array(exports.memory.buffer, ptr, len));
}

/**
 * Runs `requestJson` (the core's RunRequest JSON) with a budget of `steps` in a new instance of
 * the compiled `module`.
 * @param {WebAssembly.Module} module
 * @param {string} requestJson
 * @param {number} steps
 */
export async function observe(module, requestJson, steps) {
  const instance = await WebAssembly.instantiate(module, {});
  // The runner's exports (assay_fuel, assay_alloc, assay_run, assay_stop, memory) by name.
  const x = /** @type {any} */ (instance.exports);
  const bytes = encoder.encode(requestJson);
  // Writing the request is the host's work, outside the budget.
  x.assay_fuel.value = HOST_STEPS;
  const ptr = x.assay_alloc(bytes.length);
  new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
  x.assay_fuel.value = BigInt(steps);
  const observed = { budget: steps, left: 0, stack_overflow: false };
  try {
    observed.response = read(x, x.assay_run(ptr, bytes.length));
  } catch (error) {
    // A trap is WebAssembly.RuntimeError; running out of the engine's own stack is RangeError.
    if (!(error instanceof WebAssembly.RuntimeError || error instanceof RangeError)) throw error;
    observed.stack_overflow = error instanceof RangeError;
    observed.trap = String(error.message);
  }
  observed.left = Number(x.assay_fuel.value);
  if (observed.response === undefined) {
    x.assay_fuel.value = HOST_STEPS;
    observed.stop = read(x, x.assay_stop());
  }
  return observed;
}

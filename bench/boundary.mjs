// What a value costs to cross the JS↔wasm boundary, for the DTOs the page moves: the whole
// state out (`state()`), a presented item out (`item()`), an event in (`apply()`), timed in the
// wasm core under Node, and the module's size. Run after scripts/build-wasm:
//   node bench/boundary.mjs
// The bindings convert through JSON text (serde_json + JSON.parse/stringify). To compare with
// serde-wasm-bindgen, build with `ASSAY_WASM_FEATURES=serde-wasm-bindgen scripts/build-wasm`
// and run this again; docs/figures.md has both.
import { readFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";
import { performance } from "node:perf_hooks";

const root = new URL("..", import.meta.url);
const read = (path) => readFileSync(new URL(path, root));
const { default: init, Session } = await import(new URL("www/pkg/assay.js", root));
const wasm = read("www/pkg/assay_bg.wasm");
await init({ module_or_path: wasm });

const packageText = read("samples/data-ai-practice.json").toString();
const events = read("bench/replay-1000.events.jsonl").toString().trim().split("\n").map((l) => JSON.parse(l));
const config = { sid: "bench", nonce: "bench-nonce", seed: 42 };

/** The median of many rounds of `run` (each `per` calls), in µs per call. */
function perCall(run, per, rounds = 200) {
  for (let i = 0; i < 20; i++) run();
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    run();
    times.push(((performance.now() - t0) * 1000) / per);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)];
}

const session = Session.replay(packageText, config, events.slice(0, 60));
const state = session.state();
const ids = state.items.map((v) => v.id);
const stateOut = perCall(() => session.state(), 1);
const itemOut = perCall(() => ids.forEach((id) => session.item(id)), ids.length);
const eventsIn = perCall(() => {
  const s = Session.start(packageText, config);
  for (const e of events) s.apply(e);
  s.free();
}, events.length, 50);
const brotli = brotliCompressSync(wasm, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`state() out (${JSON.stringify(state).length} bytes of JSON): ${stateOut.toFixed(1)} µs`);
console.log(`item() out (${Math.round(JSON.stringify(ids.map((id) => session.item(id))).length / ids.length)} bytes each): ${itemOut.toFixed(1)} µs`);
console.log(`apply(event) in (with the event's fold): ${eventsIn.toFixed(2)} µs`);
console.log(`core wasm: ${wasm.length} bytes, ${brotli} brotli`);

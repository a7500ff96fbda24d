// Replays the 1,000-event session of benches/replay.rs in the wasm core under Node, and prints
// the core module's size. Run after scripts/build-wasm:  node bench/replay.mjs
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";

const root = new URL("..", import.meta.url);
const read = (path) => readFileSync(new URL(path, root));
const { default: init, Session } = await import(new URL("www/pkg/assay.js", root));
const wasm = read("www/pkg/assay_bg.wasm");
await init({ module_or_path: wasm });

const packageText = read("samples/data-ai-practice.json").toString();
const events = read("bench/replay-1000.events.jsonl").toString().trim().split("\n").map((l) => JSON.parse(l));
const config = { sid: "bench", nonce: "bench-nonce", seed: 42 };

// The fastest of many rounds: on a shared machine, other load only ever adds time.
function measure(run, rounds = 300) {
  for (let i = 0; i < 30; i++) run();
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

const replayAll = measure(() => Session.replay(packageText, config, events).free());
const parseOnly = measure(() => Session.start(packageText, config).free());
const applyEach = measure(() => {
  const s = Session.start(packageText, config);
  for (const e of events) s.apply(e);
  s.free();
});
const head = Session.replay(packageText, config, events).state().head;

const raw = wasm.length;
const gz = gzipSync(wasm, { level: 9 }).length;
console.log(`events: ${events.length}, final head ${head.slice(0, 16)}…`);
console.log(`wasm replay of ${events.length} events (one call):        ${replayAll.toFixed(2)} ms (best of 300)`);
console.log(`  of which parsing + validating the package:      ${parseOnly.toFixed(2)} ms`);
console.log(`  events alone:                                    ${(replayAll - parseOnly).toFixed(2)} ms  (target ≤ 5 ms)`);
console.log(`wasm apply() called once per event:               ${(applyEach - parseOnly).toFixed(2)} ms for the events`);
console.log(`core wasm size: ${raw} bytes raw, ${gz} bytes gzipped = ${(gz / 1000).toFixed(1)} KB (target ≤ 250 KB)`);

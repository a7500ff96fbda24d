// The Python runner's figures: how much slower applicant Python is in the metered RustPython
// module (www/runner/python.wasm) than in CPython, its cold start in headless Chromium, its size,
// and that the test page does not download it until a coding item needs it.
//
//   node bench/python.mjs        (needs python3, /usr/bin/chromium, the built runner, and for the
//                                 last figure target/debug/assay and the built core in www/pkg, www/dist)
//
// 1. Speed. The sandbox has no clock, so each program is timed from outside: it is run as written
//    and as a baseline with the work removed (which still prints), and the baseline is subtracted.
//    CPython: `python3 -c PROGRAM` in a subprocess, wall time. Wasm: `observe` (www/code/runner.js)
//    under Node, wall time with performance.now(), one compiled module, a fresh instance per run.
//    Each side is the median of 5 runs.
// 2. Cold start. www/ is served by a tiny static server here; a page starts the runner Worker,
//    loads the module (download + compile), then runs print(1) twice. Times are from the page's
//    performance.now(), starting just before `new Worker`. Median of 5, a new browser context
//    (empty HTTP cache) each time; then 5 more reloads in one context (warm HTTP cache).
// 3. Size of python.wasm (and of the core, www/pkg/assay_bg.wasm, if built), raw and gzip -9.
// 4. `assay serve` with the samples; take.html?package=data-ai-practice (no coding item) must not
//    request python.wasm by its first screen. Exit 1 if it does.
import { readFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { spawn, spawnSync } from "node:child_process";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";
import { observe } from "../www/code/runner.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const www = join(root, "www");
const RUNS = 5;
const STEPS = 1_000_000_000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;
const line = (label, text) => console.log(`  ${label.padEnd(26)} ${text}`);
const request = (code) => JSON.stringify({ code, harness: { kind: "stdio", stdin: "" }, seed: 0, recursion_limit: 1000, memory_bytes: 67108864, output_bytes: 262144 });
const LAUNCH = { executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] };
let failed = false;

// ---- 1. Speed against CPython ----
const EMPTY = "print(0)\n";
const LCG = "x = 12345\nxs = []\nfor _ in range(100000):\n    x = (1103515245 * x + 12345) % 2147483648\n    xs.append(x)\n";
const PROGRAMS = [
  ["fib(25)", "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(25))\n", EMPTY],
  ["sum of 1e6 integers", "s = 0\nfor i in range(1000000):\n    s += i\nprint(s)\n", EMPTY],
  ["LCG 100k + sort", LCG + "xs.sort()\nprint(xs[0], xs[-1])\n", EMPTY],
  ["  of which sort only", LCG + "xs.sort()\nprint(xs[0], xs[-1])\n", LCG + "print(xs[0], xs[-1])\n"],
];

function cpython(code) {
  const t0 = performance.now();
  const r = spawnSync("python3", ["-c", code], { encoding: "utf8" });
  const t = performance.now() - t0;
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return { t, out: r.stdout };
}

async function wasm(module, code) {
  const t0 = performance.now();
  const o = await observe(module, request(code), STEPS);
  const t = performance.now() - t0;
  if (!o.response) throw new Error(`the runner stopped: ${o.stop ?? o.trap}`);
  return { t, out: JSON.parse(o.response).stdout };
}

// One warm-up pair (V8 tiers hot wasm functions up as they run), then RUNS pairs, program and
// baseline alternating so that other load on the machine falls on both alike.
async function pair(run, code, baseline) {
  await run(code), await run(baseline);
  const work = [], base = [];
  let out;
  for (let i = 0; i < RUNS; i++) {
    const w = await run(code);
    work.push(w.t), (out = w.out);
    base.push((await run(baseline)).t);
  }
  return { work: median(work), base: median(base), out };
}

console.log(`1. Speed: median of ${RUNS} wall times, program minus baseline (after one warm-up each); CPython = python3 -c (${spawnSync("python3", ["--version"], { encoding: "utf8" }).stdout.trim()}), wasm = observe() under Node ${process.version}`);
const runnerBytes = readFileSync(join(www, "runner/python.wasm"));
let t0 = performance.now();
const module = await WebAssembly.compile(runnerBytes);
line("(compile under Node)", ms(performance.now() - t0));
for (const [name, code, baseline] of PROGRAMS) {
  const py = await pair(cpython, code, baseline), wa = await pair((c) => wasm(module, c), code, baseline);
  if (py.out !== wa.out) console.log(`  !! ${name}: outputs differ: CPython ${JSON.stringify(py.out)}, wasm ${JSON.stringify(wa.out)}`);
  const dp = py.work - py.base, dw = wa.work - wa.base;
  // On a loaded machine the medians can cross; a difference that is not positive is only noise.
  const ratio = dp > 0 && dw > 0 ? `${(dw / dp).toFixed(1)}× slower` : "no ratio: the work is below the noise, rerun on a quiet machine";
  line(`${name}:`, `CPython ${ms(dp).padStart(9)}, wasm under Node ${ms(dw).padStart(9)}: ${ratio}   (baselines ${ms(py.base)}, ${ms(wa.base)})`);
}

// ---- 2. Cold start in headless Chromium ----
const TYPES = { ".wasm": "application/wasm", ".js": "text/javascript", ".mjs": "text/javascript", ".html": "text/html", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml" };
const PAGE = `<!doctype html><meta charset="utf-8"><title>runner bench</title><script type="module">
const request = ${JSON.stringify(request("print(1)"))};
const t0 = performance.now();
const worker = new Worker("/code/worker.js", { type: "module" });
const next = (type) => new Promise((resolve, reject) => worker.addEventListener("message", function on({ data }) {
  if (data.type === "failed") reject(new Error(data.message));
  if (data.type !== type) return;
  worker.removeEventListener("message", on);
  resolve(data);
}));
worker.addEventListener("error", (e) => { window.bench = Promise.reject(new Error(e.message)); });
window.bench = (async () => {
  let ready = next("ready");
  worker.postMessage({ type: "load", url: "/runner/python.wasm" });
  await ready;
  const tReady = performance.now() - t0;
  let ran = next("ran");
  worker.postMessage({ type: "runs", id: 1, runs: [{ request, steps: ${STEPS} }] });
  const first = await ran;
  const tFirst = performance.now() - t0;
  const t1 = performance.now();
  ran = next("ran");
  worker.postMessage({ type: "runs", id: 2, runs: [{ request, steps: ${STEPS} }] });
  await ran;
  return { ready: tReady, first: tFirst, warm: performance.now() - t1, response: first.observed.response ?? first.observed.trap };
})();
</script>`;

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (path === "/bench-runner.html") return res.writeHead(200, { "Content-Type": "text/html" }).end(PAGE);
  const file = normalize(join(www, path));
  if (!file.startsWith(www + "/") || !existsSync(file)) return res.writeHead(404).end();
  try {
    const body = readFileSync(file);
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "max-age=3600" }).end(body);
  } catch { res.writeHead(404).end(); }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch(LAUNCH);

async function measurePage(page) {
  await page.goto(`${base}/bench-runner.html`);
  const r = await page.evaluate(() => window.bench);
  if (!String(r.response).includes('"stdout":"1\\n"')) throw new Error(`unexpected result: ${r.response}`);
  return r;
}
const summarise = (label, rs) => {
  line(label, `ready (download + compile) ${ms(median(rs.map((r) => r.ready)))}, first result ${ms(median(rs.map((r) => r.first)))}, second run in the same worker ${ms(median(rs.map((r) => r.warm)))}`);
};
console.log(`\n2. Cold start in headless Chromium ${browser.version()}: page performance.now() from new Worker, median of ${RUNS}; served uncompressed from 127.0.0.1`);
try {
  const cold = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    cold.push(await measurePage(await context.newPage()));
    await context.close();
  }
  summarise("new context (cold cache):", cold);
  const context = await browser.newContext();
  const page = await context.newPage();
  await measurePage(page);
  const warm = [];
  for (let i = 0; i < RUNS; i++) warm.push(await measurePage(page));
  summarise("same context, reloaded:", warm);
  await context.close();
} catch (error) {
  console.log(`  !! the runner page failed: ${error.message}`);
  failed = true;
}
server.close();

// ---- 3. Sizes ----
console.log("\n3. Size: raw bytes and zlib gzip level 9");
const kib = (n) => `${(n / 1024 / 1024).toFixed(2)} MiB`.padStart(10);
for (const path of ["runner/python.wasm", "pkg/assay_bg.wasm"]) {
  const file = join(www, path);
  if (!existsSync(file)) { line(`www/${path}:`, "not built"); continue; }
  const bytes = readFileSync(file);
  line(`www/${path}:`, `${kib(bytes.length)} raw, ${kib(gzipSync(bytes, { level: 9 }).length)} gzipped`);
}

// ---- 4. The test page without a coding item does not download the runner ----
console.log("\n4. Lazy loading: assay serve, take.html?package=data-ai-practice, every request until the first screen + 3 s");
const tmp = mkdtempSync(join(tmpdir(), "assay-bench-"));
const child = spawn(join(root, "target/debug/assay"), ["serve", "--addr", "127.0.0.1:0", "--www", "www", "--pages", "demo", "--samples", "samples", "--db", join(tmp, "bench.sqlite")], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
let stderr = "";
child.stderr.on("data", (d) => (stderr += d));
try {
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("no URL printed within 30 s")), 30_000);
    child.on("error", (e) => reject(e));
    child.on("exit", (code) => reject(new Error(`exited with ${code}: ${stderr.trim()}`)));
    child.stdout.on("data", (d) => {
      out += d;
      const first = out.split("\n")[0];
      const m = out.includes("\n") && first.match(/http:\/\/127\.0\.0\.1:\d+\/?/);
      if (m) { clearTimeout(timer); resolve(m[0].endsWith("/") ? m[0] : m[0] + "/"); }
      else if (out.includes("\n")) { clearTimeout(timer); reject(new Error(`no URL on the first line: ${first}`)); }
    });
  }).catch((error) => { console.log(`  !! assay serve did not start: ${error.message}; skipped`); return null; });
  if (url) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const urls = [];
    context.on("request", (r) => urls.push(r.url()));
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("requestfailed", (r) => errors.push(`${r.url()}: ${r.failure()?.errorText}`));
    page.on("response", (r) => r.status() >= 400 && errors.push(`${r.url()}: HTTP ${r.status()}`));
    await page.goto(`${url}take.html?package=data-ai-practice`);
    const shown = await page.waitForSelector("assay-assessment", { timeout: 15_000 }).then(() => true, (e) => e.message.split("\n")[0]);
    await page.waitForTimeout(3000);
    await context.close();
    const runner = urls.filter((u) => new URL(u).pathname.endsWith("python.wasm"));
    const missing = ["pkg/assay_bg.wasm", "dist/assay-element.js"].filter((p) => !existsSync(join(www, p)));
    if (shown !== true) line("first screen:", `NOT shown (${shown})${missing.length ? `; not built: www/${missing.join(", www/")}` : ""}`);
    if (shown !== true && errors.length) line("page errors:", [...new Set(errors)].slice(0, 3).join("; "));
    else line("first screen:", "shown (assay-assessment)");
    line("requests:", `${urls.length}, of which python.wasm: ${runner.length}`);
    if (runner.length) { line("FAIL:", `the page downloaded the runner: ${runner.join(", ")}`); failed = true; }
    else if (shown !== true) line("result:", "inconclusive: no python.wasm request, but the page never got to its first screen");
    else line("result:", "ok: python.wasm not requested");
  }
} finally {
  child.kill();
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

// The page's side of the code runner: one Worker (started when a coding item first needs it),
// runs queued one at a time, and a wall-clock watchdog that only protects the page: a Worker
// that does not answer in time is terminated and replaced. Verdicts come from the budgets, which
// stop runaway code long before the watchdog on any ordinary device.

/**
 * How long a run may take on this device before the Worker is replaced, per billion steps. The
 * watchdog only protects the page from a Worker that stopped answering; the verdict comes from
 * the step budget. A slow or busy device takes several times a fast one's time to spend a budget
 * (the sample tasks' `while True: pass` ran out of steps after 6.5 s on one 2-core machine,
 * 18-21 s on another and over 40 s on that one under load), and a watchdog that fires first
 * turns a verdict into "could not be judged on this device": so the margin is wide.
 */
const WATCHDOG_MS_PER_GIGASTEP = 60_000;
const WATCHDOG_MIN_MS = 10_000;

function defaultWatchdog(steps) {
  return Math.max(WATCHDOG_MIN_MS, (steps / 1e9) * WATCHDOG_MS_PER_GIGASTEP);
}

/**
 * A module Worker running `url`. Browsers refuse a Worker script from another origin (a page
 * embedding the test from its backend's origin), so one from elsewhere starts from a
 * same-origin blob that imports it; the script's own imports and fetches then resolve against
 * its real URL, under the backend's CORS headers.
 */
function startWorker(url) {
  const script = new URL(url, location.href);
  if (script.origin === location.origin) return new Worker(script, { type: "module" });
  const blob = new Blob([`import ${JSON.stringify(script.href)};`], { type: "text/javascript" });
  return new Worker(URL.createObjectURL(blob), { type: "module" });
}

export class CodeRunner {
  /**
   * @param {string | URL} moduleUrl the metered runner (python.wasm)
   * @param {{workerUrl?: string | URL, watchdogMs?: (steps: number) => number}} options
   *   `watchdogMs(steps)`: how long a run may take on this device (by default 60 s per billion
   *   steps, at least 10 s)
   */
  constructor(moduleUrl, { workerUrl = new URL("./worker.js", import.meta.url), watchdogMs = defaultWatchdog } = {}) {
    this.moduleUrl = String(new URL(moduleUrl, location.href));
    this.workerUrl = workerUrl;
    this.watchdogMs = watchdogMs;
    this.worker = null;
    this.ready = null;
    this.nextId = 1;
    this.queue = Promise.resolve();
    this.restarts = 0;
  }

  /** Starts the Worker and compiles the module (done once; later calls wait for the same). */
  load() {
    if (this.ready) return this.ready;
    const worker = startWorker(this.workerUrl);
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.addEventListener("message", function onReady({ data }) {
        if (data.type === "ready") resolve();
        else if (data.type === "failed") reject(new Error(`the code runner could not load: ${data.message}`));
        else return;
        worker.removeEventListener("message", onReady);
      });
      worker.addEventListener("error", (e) => reject(new Error(`the code runner could not start: ${e.message}`)), { once: true });
    });
    this.ready.catch(() => this.reset());
    worker.postMessage({ type: "load", url: this.moduleUrl });
    return this.ready;
  }

  /** Replaces a stuck or broken Worker. */
  reset() {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }

  /**
   * Runs one request (the core's RunRequest JSON) with `steps`; resolves with the core's
   * Observed.
   * @param {string} request
   * @param {number} steps
   */
  async run(request, steps) {
    const [observed] = await this.runAll([{ request, steps }]);
    return observed;
  }

  /**
   * Runs a batch of requests (a submission's tests) in one message to the Worker, which makes
   * them in order; resolves with their Observed, in order. `onEach(done)` follows them. Batches
   * queue: one Worker, one batch at a time.
   * @param {{ request: string, steps: number }[]} runs
   * @param {(done: number) => void} [onEach]
   * @returns {Promise<import("../types/Observed").Observed[]>}
   */
  runAll(runs, onEach = () => {}) {
    const batch = this.queue.then(() => this.runBatch(runs, onEach));
    this.queue = batch.catch(() => {});
    return batch;
  }

  /** @internal */
  async runBatch(runs, onEach, done = []) {
    if (runs.length === 0) return done;
    await this.load();
    const id = this.nextId++;
    const worker = this.worker;
    const observed = [...done];
    // The watchdog runs per request: each answer restarts it with the next request's limit.
    const stuck = await new Promise((resolve) => {
      let timer;
      const arm = () => {
        clearTimeout(timer);
        const next = runs[observed.length - done.length];
        const limit = this.watchdogMs(next.steps);
        timer = setTimeout(() => {
          worker.removeEventListener("message", onMessage);
          resolve({ budget: next.steps, left: next.steps, stack_overflow: false, watchdog: true, trap: `no answer within ${Math.round(limit / 1000)} s on this device` });
        }, limit);
      };
      const onMessage = ({ data }) => {
        if (data.id !== id) return;
        if (data.type === "ran") {
          observed.push(data.observed);
          onEach(observed.length);
          if (observed.length - done.length < runs.length) arm();
        } else if (data.type === "done") {
          clearTimeout(timer);
          worker.removeEventListener("message", onMessage);
          resolve(null);
        }
      };
      worker.addEventListener("message", onMessage);
      arm();
      worker.postMessage({ type: "runs", id, runs });
    });
    if (!stuck) return observed;
    // A Worker that stopped answering is replaced; the batch goes on without the stuck request.
    this.restarts += 1;
    this.reset();
    observed.push(stuck);
    onEach(observed.length);
    return this.runBatch(runs.slice(observed.length - done.length), onEach, observed);
  }
}

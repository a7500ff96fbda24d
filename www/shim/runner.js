// The page's one code runner, started the first time a coding item needs it: the Worker and the
// 12 MB runner module are not fetched by a test without coding items. The Worker comes with the
// shim (beside it); the runner module from the backend, which serves the one it judges with.

import { CodeRunner } from "../code/host.js";

let runner = null;

/**
 * The shared runner (created on first use), loading the runner module from the backend at
 * `base` ("" for this page's origin).
 * @param {string} base
 * @returns {CodeRunner}
 */
export function codeRunner(base) {
  runner ??= new CodeRunner(new URL(`${base}/runner/python.wasm`, location.href), {
    workerUrl: new URL("../code/worker.js", import.meta.url),
  });
  return runner;
}

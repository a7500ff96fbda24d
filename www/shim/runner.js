// The page's one code runner, started the first time a coding item needs it: the Worker and the
// 12 MB runner module are not fetched by a test without coding items.

import { CodeRunner } from "../code/host.js";

let runner = null;

/** The shared runner (created on first use). */
export function codeRunner() {
  runner ??= new CodeRunner(new URL("../runner/python.wasm", import.meta.url), {
    workerUrl: new URL("../code/worker.js", import.meta.url),
  });
  return runner;
}

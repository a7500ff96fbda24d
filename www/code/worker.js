// The Worker that runs applicant code, so the page never freezes: it compiles the runner module
// once, then answers a batch {id, runs: [{request, steps}]} with one {id, observed} per run, in
// order, and {id} once all are made (see runner.js).

import { observe } from "./runner.js";

let compiled = null;

self.onmessage = async ({ data }) => {
  if (data.type === "load") {
    compiled ??= WebAssembly.compileStreaming(fetch(data.url)).catch((error) => {
      compiled = null;
      throw error;
    });
    try {
      await compiled;
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error.message ?? error) });
    }
    return;
  }
  if (data.type === "runs") {
    // A whole batch (a submission's tests) per message; each answer goes back as it is made.
    for (const { request, steps } of data.runs) {
      let observed;
      try {
        observed = await observe(await compiled, request, steps);
      } catch (error) {
        observed = { budget: steps, left: steps, stack_overflow: false, trap: `the runner failed: ${error.message ?? error}` };
      }
      self.postMessage({ type: "ran", id: data.id, observed });
    }
    self.postMessage({ type: "done", id: data.id });
  }
};

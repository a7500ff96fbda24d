// The Worker that runs applicant code, so the page never freezes: it compiles the runner module
// once, then answers {id, request, steps} with {id, observed} (see runner.js).

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
  if (data.type === "run") {
    try {
      const observed = await observe(await compiled, data.request, data.steps);
      self.postMessage({ type: "done", id: data.id, observed });
    } catch (error) {
      self.postMessage({ type: "done", id: data.id, observed: { budget: data.steps, left: data.steps, stack_overflow: false, trap: `the runner failed: ${error.message ?? error}` } });
    }
  }
};

// Judging coding tasks in the page: the engine's judging plans the runs, the code runner (a
// Worker) makes them, the engine turns what the Worker saw into verdicts. A graded submission is
// two events: `code.submit` (stored before anything runs, so a crash loses nothing) and
// `code.judged` with the verdicts, which the shim records when the engine says judging is due.
// The backend re-runs every submission.

/**
 * Runs `code` on a coding item's tests (all, or `shownOnly`) and returns the verdicts. The
 * engine's judging says which runs to make, a batch at a time (the tests, then any checker
 * runs); `runner.runAll(runs, onEach)` resolves with what the Worker observed, one message to
 * it per batch.
 * `onProgress(done, total)` follows the tests' runs.
 * @param {import("../pkg/assay.js").Attempt} attempt
 * @param {{ runAll: (runs: { request: string, steps: number }[], onEach?: (done: number) => void) => Promise<import("../types/Observed").Observed[]> }} runner
 * @param {string} item
 * @param {string} code
 * @param {{ shownOnly?: boolean, onProgress?: (done: number, total: number) => void }} [options]
 * @returns {Promise<import("../types/TestVerdict").TestVerdict[]>}
 */
export async function judge(attempt, runner, item, code, { shownOnly = false, onProgress = () => {} } = {}) {
  const judging = attempt.judging(item, code, shownOnly);
  try {
    let first = true;
    while (!judging.isDone()) {
      const batch = judging.runs();
      if (first) onProgress(0, batch.length);
      const observed = await runner.runAll(batch, (done) => first && onProgress(done, batch.length));
      judging.feed(observed);
      first = false;
    }
    return judging.verdicts();
  } finally {
    judging.free();
  }
}

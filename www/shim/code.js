// Judging coding tasks in the page: the engine's judging plans the runs, the code runner (a
// Worker) makes them, the engine turns what the Worker saw into verdicts. A graded submission is
// two events: `code.submit` (stored before anything runs, so a crash loses nothing) and
// `code.judged` with the verdicts, which the shim records when the engine says judging is due.
// The backend re-runs every submission.

/**
 * Runs `code` on a coding item's tests (all, or `shownOnly`) and returns the verdicts. The
 * engine's judging says which runs to make, a batch at a time (the tests, then any checker
 * runs); `runner.run(request, steps)` resolves with what the Worker observed.
 * `onProgress(done, total)` follows the tests' runs.
 */
export async function judge(attempt, runner, item, code, { shownOnly = false, onProgress = () => {} } = {}) {
  const judging = attempt.judging(item, code, shownOnly);
  try {
    let first = true;
    while (!judging.isDone()) {
      const batch = judging.runs();
      const observed = [];
      if (first) onProgress(0, batch.length);
      for (const order of batch) {
        observed.push(await runner.run(order.request, order.steps));
        if (first) onProgress(observed.length, batch.length);
      }
      judging.feed(observed);
      first = false;
    }
    return judging.verdicts();
  } finally {
    judging.free();
  }
}

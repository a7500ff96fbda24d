// Judging coding tasks in the page: the engine's judging plans the runs, the code runner (a
// Worker) makes them, the engine turns what the Worker saw into verdicts, and a graded
// submission is recorded as two events: `code.submit` (stored before anything runs, so a crash
// loses nothing) and `code.judged` with the verdicts. The backend re-runs every submission.

/**
 * Runs `code` on a coding item's tests (all, or `shownOnly`) and returns the verdicts. The
 * engine's judging says which runs to make, a batch at a time (the tests, then any checker
 * runs); `runner.run(request, steps)` resolves with what the Worker observed.
 * `onProgress(done, total)` follows the tests' runs.
 */
export async function judge(run, runner, item, code, { shownOnly = false, onProgress = () => {} } = {}) {
  const judging = run.session.judging(item, code, shownOnly);
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

/**
 * Submissions left without verdicts (by a page that closed, or a runner that failed):
 * [{item, submission, code}]. The engine lets an item have one at most, its last.
 */
export function waitingSubmissions(run) {
  return run.session
    .state()
    .items.filter((v) => v.code && v.code.pending > 0 && v.code.last_code != null)
    .map((v) => ({ item: v.id, submission: v.code.submissions, code: v.code.last_code }));
}

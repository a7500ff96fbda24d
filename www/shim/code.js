// Judging coding tasks in the page: each test the engine plans runs in the code runner (a
// Worker), the engine turns what the Worker saw into a verdict, and a graded submission is
// recorded as two events: `code.submit` (stored before anything runs, so a crash loses nothing)
// and `code.judged` with the verdicts. The backend re-runs every submission itself.

/**
 * Runs `code` on a coding item's tests (all, or `shownOnly`) and returns the verdicts.
 * `runner.run(request, steps)` resolves with what the Worker observed; `onProgress(done, total)`.
 */
export async function judge(run, runner, item, code, { shownOnly = false, onProgress = () => {} } = {}) {
  const planned = run.session.codeRuns(item, code, shownOnly);
  const verdicts = [];
  onProgress(0, planned.length);
  for (const test of planned) {
    const observed = await runner.run(test.request, test.steps);
    const checkerRun = run.session.codeCheckerRun(item, test.test, observed);
    const checker = checkerRun ? await runner.run(checkerRun.request, checkerRun.steps) : null;
    verdicts.push(run.session.codeVerdict(item, test.test, observed, checker));
    onProgress(verdicts.length, planned.length);
  }
  return verdicts;
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

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

/** The code view of `item` in the session's state. */
export function codeView(run, item) {
  return run.session.state().items.find((v) => v.id === item)?.code ?? null;
}

/** Records a graded submission, judges it and records its verdicts. */
export async function submitCode(run, runner, item, code, options) {
  await run.record({ type: "code.submit", t: Math.max(Date.now(), run.lastT), item, code });
  const submission = codeView(run, item).submissions;
  return judgeSubmission(run, runner, item, submission, code, options);
}

/** Judges a recorded submission (also one left waiting by a page that closed) and records it. */
export async function judgeSubmission(run, runner, item, submission, code, options) {
  const tests = await judge(run, runner, item, code, options);
  await run.record({ type: "code.judged", t: Math.max(Date.now(), run.lastT), item, submission, tests });
  return tests;
}

/** Submissions a closed page left without verdicts: [{item, submission, code}]. */
export function waitingSubmissions(run) {
  return run.session
    .state()
    .items.filter((v) => v.code && v.code.pending > 0 && v.code.last_code != null)
    .map((v) => ({ item: v.id, submission: v.code.submissions, code: v.code.last_code }));
}

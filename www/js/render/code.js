// A coding task: the editor, the tests the applicant may see, "Run shown tests" (free, not
// graded) and "Submit for grading", and each test's verdict. The code typed is kept as a draft
// on the device from the first keystroke; a graded submission is recorded before it runs.

import { h, uid } from "../dom.js";
import { codeEditor } from "../editor.js";
import { plural } from "../format.js";

const BUDGET_WORDS = {
  steps: "took too long (it ran out of steps: look for a loop that never ends)",
  memory: "used too much memory",
  recursion: "recursed too deeply",
  output: "printed too much",
};

/** A sealed test's verdict: the server judges it with the test's own input, which the page never has. */
const SEALED = "Judged by the server when your test is scored";

/** What a verdict says, for a test whose details the applicant may see. */
export function describeVerdict(v) {
  switch (v.verdict) {
    case "passed":
      return "Passed";
    case "wrong_answer":
      return v.difference ? `Wrong answer: ${v.difference}` : "Wrong answer";
    case "runtime_error":
      return `Error: ${v.error.type}: ${v.error.message}${v.error.line ? ` (line ${v.error.line})` : ""}`;
    case "syntax_error":
      return `Syntax error at line ${v.error.line ?? "?"}, column ${v.error.column ?? "?"}: ${v.error.message}`;
    case "limit_exceeded":
      return `Stopped: it ${BUDGET_WORDS[v.budget] ?? v.budget}`;
    case "not_allowed":
      return `Not allowed here: ${v.what}`;
    case "sealed":
      return SEALED;
    default:
      return `Could not be judged on this device (${v.message}); the server judges it again`;
  }
}

/** One sentence on a graded submission; tests the server judges are counted apart. */
function gradedSummary(verdicts) {
  const passed = verdicts.filter((v) => v.verdict === "passed").length;
  const sealed = verdicts.filter((v) => v.verdict === "sealed").length;
  if (sealed === 0) return `Submission graded: ${passed} of ${verdicts.length} tests passed.`;
  const judged = verdicts.length - sealed;
  return `Submission recorded: ${passed} of the ${judged} tests judged here passed; the server judges the other ${sealed} when your test is scored.`;
}

function draftKey(sid, item) {
  return `assay-code:${sid}:${item}`;
}

/**
 * Answer controls for a code item. `ctx`: { view (the item's state), sid, actions }. The
 * element's `update(view)` shows new verdicts without touching the editor.
 */
export function renderCode(item, _response, _onChange, { view, sid, actions }) {
  const task = item.interaction;
  const storage = globalThis.localStorage;
  let draft = null;
  try {
    draft = storage?.getItem(draftKey(sid, item.id));
  } catch {
    // Storage disabled: the editor starts from the last submission or the stub.
  }
  const status = h("p", { class: "code-status", role: "status" });
  const editor = codeEditor({
    doc: draft ?? view.code?.last_code ?? task.stub,
    label: `Your code (Python) for ${item.title ?? "this task"}`,
    onChange(text) {
      try {
        storage?.setItem(draftKey(sid, item.id), text);
      } catch {
        // Storage full: the code is still in the editor, and recorded when run or submitted.
      }
    },
    onEscape: () => (status.textContent = "Press Tab to leave the editor."),
  });

  const zoom = (step) => {
    const now = Number(getComputedStyle(editor.element).getPropertyValue("--code-font-scale") || 1);
    editor.element.style.setProperty("--code-font-scale", String(Math.min(2, Math.max(0.8, now + step))));
  };
  const smaller = h("button", { type: "button", class: "button button--quiet", onclick: () => zoom(-0.1) }, "Smaller code text");
  const larger = h("button", { type: "button", class: "button button--quiet", onclick: () => zoom(0.1) }, "Larger code text");

  const results = new Map();
  const rows = task.tests.map((test, index) => {
    const verdict = h("p", { class: "test-verdict" }, "Not run yet");
    const details = [];
    if (test.input != null) details.push(h("dt", {}, task.entry ? "Call" : "Input"), h("dd", {}, h("pre", { class: "code-sample" }, test.input)));
    if (test.expected != null) details.push(h("dt", {}, task.entry ? "Returns" : "Prints"), h("dd", {}, h("pre", { class: "code-sample" }, test.expected)));
    const label = test.sealed
      ? `${test.name} (judged by the server)`
      : ({ shown: test.name, hidden: `${test.name} (hidden test)`, shown_if_failed: `${test.name} (details shown if it fails)` }[test.visibility] ?? test.name);
    const row = h("li", { class: "test", "data-test": index }, h("p", { class: "test-name" }, label), details.length > 0 && h("dl", { class: "test-io" }, details), verdict);
    results.set(index, { row, verdict, visibility: test.visibility });
    return row;
  });

  function show(verdicts) {
    for (const v of verdicts) {
      const r = results.get(v.test);
      if (!r) continue;
      const passed = v.verdict === "passed";
      const sealed = v.verdict === "sealed";
      const detailed = r.visibility === "shown" || (r.visibility === "shown_if_failed" && !passed);
      r.verdict.textContent = passed ? "Passed" : sealed ? SEALED : detailed ? describeVerdict(v) : "Failed";
      r.row.classList.toggle("is-passed", passed);
      r.row.classList.toggle("is-failed", !passed && !sealed);
    }
  }

  const penalty = task.penalty
    ? `${plural(task.penalty.free_submissions, "graded submission")} free, then ${task.penalty.per_submission_permille / 10}% of the points off for each (at most ${task.penalty.max_deduction_permille / 10}%). Running the shown tests is always free.`
    : "Submit as often as you like: your best submission counts. Running the shown tests is always free.";
  const summary = h("p", { class: "hint code-submissions" });
  let busy = false;
  const setBusy = (value) => {
    busy = value;
    for (const b of [run, submit]) b.setAttribute("aria-disabled", String(value));
  };
  const progress = (what) => (done, total) => {
    status.textContent = done < total ? `${what}: test ${done + 1} of ${total}…` : `${what}: done.`;
  };

  const run = h("button", {
    type: "button",
    class: "button button--secondary",
    onclick: async () => {
      if (busy) return;
      setBusy(true);
      try {
        const verdicts = await actions.runCode(item.id, editor.value(), progress("Running the shown tests"));
        if (verdicts) {
          show(verdicts);
          const passed = verdicts.filter((v) => v.verdict === "passed").length;
          status.textContent = `Shown tests: ${passed} of ${verdicts.length} passed. Nothing was graded.`;
        }
      } finally {
        setBusy(false);
      }
    },
  }, "Run shown tests");
  const submit = h("button", {
    type: "button",
    class: "button button--primary",
    onclick: async () => {
      if (busy) return;
      setBusy(true);
      try {
        const verdicts = await actions.submitCode(item.id, editor.value(), progress("Grading your submission"));
        if (verdicts) status.textContent = gradedSummary(verdicts);
      } finally {
        setBusy(false);
      }
    },
  }, "Submit for grading");

  // Graded verdicts are drawn when a new submission is judged (or on first draw), not on every
  // redraw: those would cover the results of a later run of the shown tests.
  let drawnJudged = null;
  function update(next) {
    const code = next.code;
    if (!code) return;
    if (code.verdicts && code.last_judged !== drawnJudged) {
      drawnJudged = code.last_judged;
      show(code.verdicts);
    }
    summary.textContent =
      code.submissions === 0
        ? penalty
        : `${plural(code.submissions, "graded submission")} so far${code.pending > 0 ? ", one being graded" : ""}. ${penalty}`;
  }

  const testsId = uid("tests");
  const element = h(
    "div",
    { class: "answer code-task", "data-interaction": "code" },
    editor.element,
    h("div", { class: "code-zoom" }, smaller, larger),
    h("div", { class: "code-actions" }, run, submit),
    summary,
    status,
    h("h2", { class: "code-tests-title", id: testsId }, "Tests"),
    h("ol", { class: "tests", "aria-labelledby": testsId }, rows),
  );
  element.update = update;
  update(view);
  return element;
}

// The result screen, showing only what the package's feedback rule allows:
// "none" just confirms submission, "score" adds the total, "items" adds a table of questions.

import { h, hidden } from "../dom.js";
import { points } from "../format.js";

const OUTCOMES = { correct: "Correct", partial: "Partly correct", incorrect: "Incorrect", unscored: "Not scored", pending: "Scored by the server" };

/** Screen once the session is completed. */
export function resultScreen({ state, summary, session, run, exitLink, onRetake }) {
  const deliverySlot = h("div", {}, delivery(run));
  // A sealed test's page scores nothing: its scores are the server's, from the receipt.
  const scores = () => (summary.sealed ? serverScores(state, run.receipt()) : { score: state.score, items: state.items });
  const scoreSlot = h("div", {}, ...feedback(summary, state, session, scores()));
  // A sealed test is taken once: another attempt is the operator's to grant.
  const retake = onRetake && !summary.sealed;
  const timeUp = state.completion === "time_up";
  const heading = h("h1", { tabindex: "-1" }, timeUp ? "Time is up" : "Test submitted");
  const main = h(
    "div",
    { class: "screen screen--result" },
    heading,
    h(
      "p",
      { class: "lead" },
      timeUp
        ? "Time ran out, so your answers were submitted automatically."
        : "Your answers have been submitted. Thank you.",
    ),
    deliverySlot,
    scoreSlot,
    (exitLink || retake) &&
      h(
        "p",
        { class: "package-actions" },
        exitLink && h("a", { href: exitLink, class: "button button--secondary" }, "Back to the list of tests"),
        retake && retakeButton(run, onRetake),
      ),
  );
  // The receipt arrives after the screen is drawn (or on a later visit, after an outage).
  const update = () => {
    deliverySlot.replaceChildren(delivery(run));
    scoreSlot.replaceChildren(...feedback(summary, state, session, scores()));
  };
  return { main, heading, update, title: timeUp ? "Time is up" : "Test submitted" };
}

/** What the package lets the applicant see of their score; nothing until the server's arrives, for a sealed test. */
function feedback(summary, state, session, { score, items }) {
  if (summary.feedback === "none") return [];
  if (!score) {
    return [h("p", { class: "callout", "data-score": "pending" }, "The server works out your score from your answers; it appears here once the server has your result.")];
  }
  return [total(score), abilities(state), summary.feedback === "items" && table(state, items, score, session)].filter(Boolean);
}

/** The receipt's scores in the shape of the page's own: the total, and each item's when the package allows it. */
function serverScores(state, receipt) {
  if (!receipt?.score) return { score: null, items: state.items };
  const byId = new Map((receipt.items ?? []).map((i) => [i.item, i]));
  const items = state.items.map((v) => {
    const scored = byId.get(v.id);
    const earned = scored?.earned;
    return { ...v, score: earned === undefined ? null : { earned, max: scored.max, outcome: outcomeOf(earned, scored.max) } };
  });
  const score = { earned: receipt.score.raw, max: receipt.score.max, answered: state.score.answered, items: state.score.items };
  return { score, items };
}

function outcomeOf(earned, max) {
  if (max === 0) return "unscored";
  return earned >= max ? "correct" : earned > 0 ? "partial" : "incorrect";
}

/** Practice tests only: clears this device's copy (once the server has the result) and starts afresh. */
function retakeButton(run, onRetake) {
  const button = h("button", { type: "button", class: "button button--secondary" }, "Take the test again");
  button.addEventListener("click", async () => {
    if (!run.receipt()) {
      button.replaceWith(h("span", { class: "muted", role: "status" }, "You can take it again once the server has your result."));
      return;
    }
    await run.forget();
    onRetake();
  });
  return button;
}

/** Whether the backend has the result yet, and its reference once it has. */
function delivery(run) {
  const receipt = run.receipt();
  const refusal = run.refusal();
  if (refusal && !receipt) {
    return h(
      "div",
      { class: "callout callout--error", role: "alert" },
      h("p", {}, h("strong", {}, "The server did not accept this result. "), refusal.message),
      h("p", {}, "Your answers are kept on this device. Contact the organisation that invited you and quote reference ", h("code", {}, refusal.jti.slice(0, 12)), "."),
    );
  }
  if (receipt) {
    return h("p", { class: "callout callout--ok", "data-receipt": receipt.jti }, "The server has received your result. Reference: ", h("code", {}, receipt.jti.slice(0, 12)), ".");
  }
  return h("p", { class: "callout" }, "Your result is kept on this device and will be sent to the server as soon as it can be reached. You can close this page; it will be sent the next time you open the test.");
}

/** Adaptive sections: the ability estimate, the figure that means something when everyone's questions differ. */
function abilities(state) {
  const adaptive = state.sections.filter((s) => s.adaptive && s.adaptive.answered > 0);
  if (adaptive.length === 0) return null;
  const fixed = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "exceptZero" });
  return h(
    "div",
    { class: "score" },
    h("p", { class: "score-label" }, "Your estimated ability"),
    adaptive.map((s) =>
      h(
        "p",
        { class: "ability", "data-section": s.id },
        h("strong", {}, `${s.title ?? s.id}: `),
        `${fixed.format(s.adaptive.theta)} (give or take ${Math.abs(s.adaptive.se).toFixed(2)}), from ${s.adaptive.answered} questions.`,
      ),
    ),
    h("p", { class: "muted" }, "On this scale 0 is a typical applicant and most people fall between −2 and +2. The points above are not comparable between applicants, because everyone answers different questions."),
  );
}

function total(score) {
  return h(
    "div",
    { class: "score" },
    h("p", { class: "score-label" }, "Your score"),
    h(
      "p",
      { class: "score-value" },
      h("span", { class: "score-earned" }, points(score.earned)),
      h("span", { class: "score-max" }, ` out of ${points(score.max)} points`),
    ),
    h("p", { class: "muted" }, `You answered ${score.answered} of ${score.items} questions.`),
  );
}

/** The judgement in words; a scored rating scale is "answered", not "partly correct". */
function result(view, item) {
  if (!view.answered) return "Not answered";
  if (view.max === 0) return "Not scored";
  if (item.interaction.type === "likert") return "Answered";
  // A coding submission counts as answered before its verdicts arrive.
  return view.score ? OUTCOMES[view.score.outcome] : "Being graded";
}

function table(state, views, score, session) {
  const sections = new Map(state.sections.map((s, i) => [s.id, s.title ?? `Section ${i + 1}`]));
  let lastSection = null;
  const rows = [];
  for (const v of views) {
    if (v.section !== lastSection) {
      lastSection = v.section;
      rows.push(h("tr", { class: "group-row" }, h("th", { scope: "colgroup", colspan: "4" }, sections.get(v.section))));
    }
    const item = session.item(v.id);
    const number = state.sections.find((s) => s.id === v.section).items.indexOf(v.id) + 1;
    const outcome = result(v, item);
    rows.push(
      h(
        "tr",
        {},
        h("th", { scope: "row" }, h("span", { class: "q-number" }, `${number}.`), " ", item.title ?? `Question ${number}`),
        h("td", {}, outcome),
        h("td", { class: "num" }, v.max === 0 ? "–" : points(v.score?.earned ?? 0), v.max === 0 && hidden("not scored")),
        h("td", { class: "num" }, points(v.max)),
      ),
    );
  }
  return h(
    "table",
    { class: "results" },
    h("caption", {}, "Your points for each question"),
    h(
      "thead",
      {},
      h("tr", {}, h("th", { scope: "col" }, "Question"), h("th", { scope: "col" }, "Result"), h("th", { scope: "col", class: "num" }, "Points"), h("th", { scope: "col", class: "num" }, "Out of")),
    ),
    h("tbody", {}, rows),
    h(
      "tfoot",
      {},
      h("tr", {}, h("th", { scope: "row", colspan: "2" }, "Total"), h("td", { class: "num" }, points(score.earned)), h("td", { class: "num" }, points(score.max))),
    ),
  );
}

// The section review: what is unanswered or flagged in the open section, then confirm
// section.submit (on the last section this submits the test).

import { h } from "../dom.js";
import { plural } from "../format.js";

/** Screen shown after "Finish section", before section.submit. */
export function reviewScreen({ state, session, actions }) {
  const section = state.sections.find((s) => s.id === state.section);
  const index = state.sections.indexOf(section);
  const last = index === state.sections.length - 1;
  const views = section.items.map((id) => state.items.find((v) => v.id === id));
  const unanswered = views.filter((v) => !v.answered);
  const flagged = views.filter((v) => v.flagged);
  const answered = views.length - unanswered.length;
  const name = section.title ?? `Section ${index + 1}`;

  const entry = (v) => {
    const n = section.items.indexOf(v.id) + 1;
    const title = session.item(v.id)?.title;
    return h(
      "li",
      {},
      h("button", { type: "button", class: "button button--link", onclick: () => actions.view(v.id) }, `Question ${n}${title ? `: ${title}` : ""}`),
    );
  };
  const group = (titleText, list, empty) =>
    h(
      "section",
      { class: "review-group" },
      h("h2", {}, titleText),
      list.length > 0 ? h("ul", { class: "review-list" }, list.map(entry)) : h("p", { class: "muted" }, empty),
    );

  const heading = h("h1", { tabindex: "-1" }, `Check your answers: ${name}`);
  const main = h(
    "div",
    { class: "screen screen--review" },
    h("p", { class: "eyebrow" }, `Section ${index + 1} of ${state.sections.length}`),
    heading,
    h("p", { class: "lead" }, `You have answered ${answered} of ${plural(views.length, "question")} in this section.`),
    group(`Not answered (${unanswered.length})`, unanswered, "Every question has an answer."),
    group(`Flagged for review (${flagged.length})`, flagged, "No questions are flagged."),
    h(
      "div",
      { class: "callout" },
      h("p", {}, last
        ? "This is the last section. Finishing it submits the test, and you cannot change any answers afterwards."
        : "Once you finish this section you cannot go back to it."),
    ),
    h(
      "div",
      { class: "pager" },
      h("button", { type: "button", class: "button button--secondary", onclick: actions.back }, h("span", { "aria-hidden": "true" }, "← "), "Back to the questions"),
      h("button", { type: "button", class: "button button--primary", onclick: actions.submitSection }, last ? "Finish and submit the test" : "Finish section"),
    ),
  );
  return { main, heading, title: `Check your answers, ${name}` };
}

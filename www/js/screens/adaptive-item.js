// A question in an adaptive section. The engine picks each question from the answers so far, so
// there is no going back and no list of questions: the applicant chooses an answer, may change
// it, and confirms it with Continue, which records it and brings the next question.

import { h } from "../dom.js";
import { pointsLabel } from "../format.js";
import { renderStem } from "../stem.js";
import { renderAnswer } from "../render/index.js";

/** Screen for state.current_item in an adaptive section; update(ctx) refreshes it in place. */
export function adaptiveItemScreen({ state, session, actions, pending }) {
  const section = state.sections.find((s) => s.id === state.section);
  const progress = section.adaptive;
  const item = session.item(state.current_item);
  const number = progress.answered + 1;
  let chosen = pending(item.id);

  const heading = h(
    "h1",
    { tabindex: "-1", class: "item-heading", id: "item-heading" },
    h("span", { class: "item-count" }, `Question ${number}`),
    item.title && h("span", { class: "item-title" }, h("span", { class: "visually-hidden" }, ": "), item.title),
  );
  const status = h("p", { class: "answer-status", id: "continue-hint" });
  const next = h(
    "button",
    { type: "button", class: "button button--primary", "aria-describedby": "continue-hint", onclick: () => next.getAttribute("aria-disabled") !== "true" && actions.confirm(item.id) },
    "Continue",
    h("span", { "aria-hidden": "true" }, " →"),
  );
  const controls = h(
    "div",
    { class: "item-answer", "data-item": item.id },
    renderAnswer(item, chosen, (response) => {
      chosen = response;
      actions.choose(item.id, response);
    }),
  );

  function update() {
    chosen = pending(item.id);
    const ready = chosen != null && chosen !== "" && !(Array.isArray(chosen) && chosen.length === 0);
    if (ready) next.removeAttribute("aria-disabled");
    else next.setAttribute("aria-disabled", "true");
    status.textContent = ready ? "Continue when you are sure: you cannot come back to this question." : "Choose an answer to continue.";
  }

  const aside = h(
    "aside",
    { class: "section-nav", "aria-labelledby": "adaptive-title" },
    h("p", { class: "eyebrow" }, `Section ${state.sections.indexOf(section) + 1} of ${state.sections.length}`),
    h("h2", { class: "section-nav-title", id: "adaptive-title" }, section.title ?? "Adaptive questions"),
    h("p", { class: "nav-counts" }, `Question ${number} of at most ${progress.max_items}`),
    h(
      "p",
      { class: "muted" },
      "The questions adapt to your answers, so everyone sees a different set. The section ends when your answers have shown enough, after ",
      String(progress.min_items),
      " to ",
      String(progress.max_items),
      " questions.",
    ),
  );

  const main = h(
    "article",
    { class: "screen screen--item screen--adaptive", "aria-labelledby": "item-heading" },
    h("p", { class: "eyebrow" }, section.title ?? ""),
    heading,
    h("p", { class: "points" }, pointsLabel(item.points)),
    renderStem(item.stem),
    controls,
    h("div", { class: "pager pager--end" }, status, next),
  );
  update();
  return { main, aside, heading, update, title: `Question ${number}, ${section.title ?? ""}` };
}

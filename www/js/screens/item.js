// The item screen: section and position, the question, its answer controls, flag and clear,
// Previous / Next within the open section, and the section's question grid beside it.

import { h, hidden } from "../dom.js";
import { pointsLabel } from "../format.js";
import { renderStem } from "../stem.js";
import { renderAnswer } from "../render/index.js";
import { sectionNav } from "./section-nav.js";

/** Screen for state.current_item; update(ctx) refreshes it without rebuilding the controls. */
export function itemScreen({ state, session, actions, run }) {
  const section = state.sections.find((s) => s.id === state.section);
  const ids = section.items;
  const position = ids.indexOf(state.current_item);
  const item = session.item(state.current_item);
  const viewOf = (s) => s.items.find((v) => v.id === item.id);

  const heading = h(
    "h1",
    { tabindex: "-1", class: "item-heading", id: "item-heading" },
    h("span", { class: "item-count" }, `Question ${position + 1} of ${ids.length}`),
    item.title && h("span", { class: "item-title" }, hidden(": "), item.title),
  );
  const controls = h("div", { class: "item-answer", "data-item": item.id });
  const drawControls = (s) =>
    controls.replaceChildren(
      renderAnswer(item, viewOf(s).response, (response, { settled }) => actions.answer(item.id, response, { settled }), {
        view: viewOf(s),
        sid: run.sid,
        actions,
      }),
    );
  const isCode = item.interaction.type === "code";

  const flag = h(
    "button",
    { type: "button", class: "button button--secondary button--flag", onclick: () => actions.flag(item.id, !viewOf(session.state()).flagged) },
    h("span", { class: "flag-icon", "aria-hidden": "true" }, "⚑"),
    " Flag for review",
    h("span", { class: "flag-check", "aria-hidden": "true" }, " ✓"),
  );
  const clear = h(
    "button",
    { type: "button", class: "button button--quiet", onclick: () => clear.getAttribute("aria-disabled") !== "true" && actions.clear(item.id) },
    "Clear answer",
  );
  const saved = h("p", { class: "answer-status" });
  const previous = h("button", { type: "button", class: "button button--secondary", disabled: position === 0, onclick: () => actions.view(ids[position - 1]) }, h("span", { "aria-hidden": "true" }, "← "), "Previous");
  const next = h("button", { type: "button", class: "button button--primary", disabled: position === ids.length - 1, onclick: () => actions.view(ids[position + 1]) }, "Next", h("span", { "aria-hidden": "true" }, " →"));
  const nav = sectionNav({ state, onJump: actions.view, onFinish: actions.review });

  function update({ state: s, rebuildControls = false }) {
    const v = viewOf(s);
    flag.setAttribute("aria-pressed", String(v.flagged));
    if (v.response == null) clear.setAttribute("aria-disabled", "true");
    else clear.removeAttribute("aria-disabled");
    const answered = v.answered;
    saved.textContent = isCode ? (answered ? "Submission saved" : "Not submitted yet") : answered ? "Answer saved" : "Not answered yet";
    saved.classList.toggle("is-saved", answered);
    if (isCode) clear.hidden = true;
    if (rebuildControls && !isCode) drawControls(s);
    controls.firstChild?.update?.(v);
    nav.update(s);
  }

  const main = h(
    "article",
    { class: "screen screen--item", "aria-labelledby": "item-heading" },
    h("p", { class: "eyebrow" }, section.title ?? ""),
    heading,
    h("p", { class: "points" }, item.points === 0 ? "Not scored" : pointsLabel(item.points)),
    renderStem(item.stem),
    controls,
    h("div", { class: "item-tools" }, saved, h("div", { class: "item-tools-buttons" }, flag, clear)),
    h("div", { class: "pager" }, previous, next),
  );
  drawControls(state);
  update({ state });
  const title = `Question ${position + 1} of ${ids.length}, ${section.title ?? ""}`;
  return { main, aside: nav.nav, heading, update, title };
}

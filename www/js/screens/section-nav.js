// The open section's questions as a grid of buttons showing answered / not answered / flagged,
// for jumping between them, with the "Finish section" button. Updated in place so a click that
// caused an event is never lost to a redraw.

import { h, hidden } from "../dom.js";

/** nav element + update(state). onJump(itemId), onFinish(). */
export function sectionNav({ state, onJump, onFinish }) {
  const section = state.sections.find((s) => s.id === state.section);
  const number = state.sections.indexOf(section) + 1;
  const titleId = "section-nav-title";
  const counts = h("p", { class: "nav-counts" });
  const cells = section.items.map((id, i) => {
    const status = hidden("");
    const button = h(
      "button",
      { type: "button", class: "grid-cell", "data-item": id, onclick: () => onJump(id) },
      hidden("Question "),
      h("span", { class: "grid-number" }, String(i + 1)),
      h("span", { class: "grid-flag", "aria-hidden": "true" }, "⚑"),
      status,
    );
    return { id, button, status };
  });

  function update(next) {
    const views = new Map(next.items.map((v) => [v.id, v]));
    let answered = 0;
    let flagged = 0;
    for (const { id, button, status } of cells) {
      const v = views.get(id);
      const done = v.answered;
      answered += done ? 1 : 0;
      flagged += v.flagged ? 1 : 0;
      button.classList.toggle("is-answered", done);
      button.classList.toggle("is-flagged", v.flagged);
      if (id === next.current_item) button.setAttribute("aria-current", "step");
      else button.removeAttribute("aria-current");
      status.textContent = `, ${done ? "answered" : "not answered"}${v.flagged ? ", flagged" : ""}`;
    }
    counts.textContent = `${answered} of ${cells.length} answered${flagged ? ` · ${flagged} flagged` : ""}`;
  }

  const nav = h(
    "nav",
    { class: "section-nav", "aria-labelledby": titleId },
    h("h2", { id: titleId, class: "section-nav-title" }, h("span", { class: "eyebrow" }, `Section ${number} of ${state.sections.length}`), section.title ?? ""),
    counts,
    h("ol", { class: "item-grid" }, cells.map((c) => h("li", {}, c.button))),
    h(
      "ul",
      { class: "grid-key" },
      h("li", {}, h("span", { class: "key key--answered", "aria-hidden": "true" }), "Answered"),
      h("li", {}, h("span", { class: "key", "aria-hidden": "true" }), "Not answered"),
      h("li", {}, h("span", { class: "key key--flag", "aria-hidden": "true" }, "⚑"), "Flagged"),
    ),
    h("button", { type: "button", class: "button button--secondary button--block", onclick: onFinish }, "Finish section"),
  );
  update(state);
  return { nav, update };
}

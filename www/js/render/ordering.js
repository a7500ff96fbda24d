// Ordering: a numbered list with "Move up" / "Move down" buttons on every entry. Focus stays on
// the button pressed, so repeated Enter or Space keeps moving the same entry; a polite message
// says where it went.

import { h } from "../dom.js";

/** Answer controls for an ordering item; the response is the full order of choice ids. */
export function renderOrdering(item, response, onChange) {
  const byId = new Map(item.interaction.choices.map((c) => [c.id, c]));
  let order = Array.isArray(response) ? [...response] : [...byId.keys()];
  let saved = Array.isArray(response);

  const list = h("ol", { class: "ordering" });
  const status = h("p", { class: "hint hint--live", "aria-live": "polite" });
  const keep = h("button", { type: "button", class: "button button--secondary", onclick: keepOrder }, "Save this order");
  const note = h(
    "p",
    { class: "hint ordering-note" },
    "This starting order is not an answer yet: move an entry, or save the order as it is.",
  );

  function keepOrder() {
    saved = true;
    onChange([...order], { settled: true });
    status.textContent = "Order saved.";
    draw();
    list.querySelector("button")?.focus();
  }

  function move(id, step) {
    const from = order.indexOf(id);
    const to = from + step;
    if (to < 0 || to >= order.length) return;
    order.splice(from, 1);
    order.splice(to, 0, id);
    saved = true;
    draw();
    list.querySelector(`button[data-choice="${CSS.escape(id)}"][data-step="${step}"]`)?.focus();
    status.textContent = `“${byId.get(id).text}” moved to position ${to + 1} of ${order.length}.`;
    onChange([...order], { settled: true });
  }

  function button(choice, step, index) {
    const label = step < 0 ? "Move up" : "Move down";
    const blocked = step < 0 ? index === 0 : index === order.length - 1;
    return h(
      "button",
      {
        type: "button",
        class: "button button--small",
        "data-choice": choice.id,
        "data-step": step,
        "aria-label": `${label}: ${choice.text}`,
        "aria-disabled": blocked ? "true" : null,
        onclick: () => move(choice.id, step),
      },
      h("span", { "aria-hidden": "true", class: "arrow" }, step < 0 ? "↑" : "↓"),
      ` ${label}`,
    );
  }

  function draw() {
    list.replaceChildren(
      ...order.map((id, index) => {
        const choice = byId.get(id);
        return h(
          "li",
          { class: "ordering-entry", "data-choice": id },
          h("span", { class: "ordering-position", "aria-hidden": "true" }, String(index + 1)),
          h("span", { class: "ordering-text" }, choice.text),
          h("span", { class: "ordering-moves" }, button(choice, -1, index), button(choice, 1, index)),
        );
      }),
    );
    note.hidden = saved;
    keep.hidden = saved;
  }

  draw();
  return h(
    "fieldset",
    { class: "answer", "data-interaction": "ordering" },
    h("legend", {}, "Put these in order, first to last"),
    h("p", { class: "hint" }, "Use the Move up and Move down buttons next to each entry."),
    list,
    note,
    keep,
    status,
  );
}

// Numeric: a text box for a number, with the units the item accepts.
// The engine takes the typed text as it is, so nothing typed is ever rejected or lost.

import { h, uid } from "../dom.js";

/** Answer controls for a numeric item; the response is the typed text (null when empty). */
export function renderNumeric(item, response, onChange) {
  const units = item.interaction.units;
  const id = uid("answer");
  const hintId = uid("hint");
  const hint =
    units.length === 0
      ? "Type a number, for example 12.5."
      : `Type a number. You can add the unit: ${units.join(" or ")}.`;
  const input = h("input", {
    type: "text",
    id,
    class: "input input--number",
    inputmode: "decimal",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": hintId,
    value: response == null ? "" : String(response),
  });
  const send = (settled) => onChange(input.value.trim() === "" ? null : input.value, { settled });
  input.addEventListener("input", () => send(false));
  input.addEventListener("change", () => send(true));
  return h(
    "div",
    { class: "answer field", "data-interaction": "numeric" },
    h("label", { for: id }, "Your answer"),
    h("p", { class: "hint", id: hintId }, hint),
    h("div", { class: "input-row" }, input, units.length === 1 && h("span", { class: "unit", "aria-hidden": "true" }, units[0])),
  );
}

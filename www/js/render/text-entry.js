// Text entry: a short typed answer, up to the item's length limit.

import { h, uid } from "../dom.js";

/** Answer controls for a text_entry item; the response is the typed text (null when empty). */
export function renderTextEntry(item, response, onChange) {
  const max = item.interaction.max_length;
  const id = uid("answer");
  const hintId = uid("hint");
  const input = h("input", {
    type: "text",
    id,
    class: "input input--text",
    maxlength: max,
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": hintId,
    value: typeof response === "string" ? response : "",
  });
  const send = (settled) => onChange(input.value.trim() === "" ? null : input.value, { settled });
  input.addEventListener("input", () => send(false));
  input.addEventListener("change", () => send(true));
  return h(
    "div",
    { class: "answer field", "data-interaction": "text_entry" },
    h("label", { for: id }, "Your answer"),
    h("p", { class: "hint", id: hintId }, `A short answer of up to ${max} characters.`),
    input,
  );
}

// Multiple choice: one checkbox per option, within the item's minimum and maximum selections.

import { h, uid } from "../dom.js";

/** Answer controls for a multiple_choice item; the response is the checked ids in display order. */
export function renderMultipleChoice(item, response, onChange) {
  const { choices, min_choices: min, max_choices: max } = item.interaction;
  const selected = new Set(Array.isArray(response) ? response : []);
  const hintId = uid("hint");
  const message = h("p", { class: "hint hint--live", "aria-live": "polite" });
  const belowMinimum = (count) => (count > 0 && count < min ? `Choose at least ${min}. Until then this question counts as unanswered.` : "");
  message.textContent = belowMinimum(selected.size);
  const boxes = [];

  function changed(event) {
    const box = event.target;
    const ids = boxes.filter((b) => b.checked).map((b) => b.value);
    if (ids.length > max) {
      box.checked = false;
      message.textContent = `You can choose at most ${max}. Untick one first.`;
      return;
    }
    // The engine keeps a selection below the minimum without counting it as an answer.
    message.textContent = belowMinimum(ids.length);
    onChange(ids.length > 0 ? ids : null, { settled: true });
  }

  return h(
    "fieldset",
    { class: "answer choices choices--stack", "data-interaction": "multiple_choice", "aria-describedby": hintId },
    h("legend", {}, "Choose your answers"),
    h("p", { class: "hint", id: hintId }, rule(min, max, choices.length)),
    h(
      "ul",
      { class: "options" },
      choices.map((choice) => {
        const id = uid("option");
        const box = h("input", {
          type: "checkbox",
          id,
          value: choice.id,
          checked: selected.has(choice.id),
          onchange: changed,
        });
        boxes.push(box);
        return h("li", {}, h("label", { class: "option", for: id }, box, h("span", { class: "option-text" }, choice.text)));
      }),
    ),
    message,
  );
}

function rule(min, max, count) {
  if (min > 1 && max < count) return `Choose between ${min} and ${max}.`;
  if (min > 1) return `Choose at least ${min}.`;
  if (max < count) return `Choose up to ${max}.`;
  return "Choose all that apply.";
}

// A native radio group in a fieldset: Tab enters the group, the arrow keys move and select.
// Shared by single choice and Likert, which differ only in wording and layout.

import { h, uid } from "../dom.js";

/**
 * options: [{ id, text }]; value: the selected id or null; onChange(id) when the selection changes.
 */
export function radioGroup({ interaction, legend, hint = null, options, value, onChange, layout = "stack" }) {
  const name = uid("choice");
  const hintId = hint ? uid("hint") : null;
  return h(
    "fieldset",
    { class: `answer choices choices--${layout}`, "data-interaction": interaction, "aria-describedby": hintId },
    h("legend", {}, legend),
    hint && h("p", { class: "hint", id: hintId }, hint),
    h(
      "ul",
      { class: "options" },
      options.map((option) => {
        const id = uid("option");
        return h(
          "li",
          {},
          h(
            "label",
            { class: "option", for: id },
            h("input", {
              type: "radio",
              name,
              id,
              value: option.id,
              checked: option.id === value,
              onchange: () => onChange(option.id, { settled: true }),
            }),
            h("span", { class: "option-text" }, option.text),
          ),
        );
      }),
    ),
  );
}

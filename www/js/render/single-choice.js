// Single choice: one radio button per option.

import { radioGroup } from "./radio-group.js";

/** Answer controls for a single_choice item; the response is the chosen option's id. */
export function renderSingleChoice(item, response, onChange) {
  return radioGroup({
    interaction: "single_choice",
    legend: "Choose one answer",
    options: item.interaction.choices,
    value: typeof response === "string" ? response : null,
    onChange,
  });
}

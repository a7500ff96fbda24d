// Likert: a rating scale as a row of radio buttons (a column on narrow screens).

import { radioGroup } from "./radio-group.js";

/** Answer controls for a likert item; the response is the chosen scale point's id. */
export function renderLikert(item, response, onChange) {
  const scale = item.interaction.scale;
  return radioGroup({
    interaction: "likert",
    legend: "How far do you agree?",
    hint: `Choose one point on the scale, from “${scale[0].text}” to “${scale[scale.length - 1].text}”.`,
    options: scale,
    value: typeof response === "string" ? response : null,
    onChange,
    layout: "scale",
  });
}

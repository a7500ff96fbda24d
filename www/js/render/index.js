// Chooses the answer controls for an item's interaction type.
//
// Every renderer has the same shape: (item: PresentedItem, response: Response | null,
// onChange: (response | null, { settled }) => void) => HTMLElement. `settled` is false while the
// applicant is still typing (the caller may wait before recording), true for a finished choice.

import { h } from "../dom.js";
import { renderSingleChoice } from "./single-choice.js";
import { renderMultipleChoice } from "./multiple-choice.js";
import { renderNumeric } from "./numeric.js";
import { renderTextEntry } from "./text-entry.js";
import { renderOrdering } from "./ordering.js";
import { renderMatching } from "./matching.js";
import { renderLikert } from "./likert.js";
import { renderCode } from "./code.js";

const renderers = {
  single_choice: renderSingleChoice,
  multiple_choice: renderMultipleChoice,
  numeric: renderNumeric,
  text_entry: renderTextEntry,
  ordering: renderOrdering,
  matching: renderMatching,
  likert: renderLikert,
  code: renderCode,
};

/** The answer controls for `item`, showing `response` (`ctx` for renderers that need more). */
export function renderAnswer(item, response, onChange, ctx) {
  const render = renderers[item.interaction.type];
  if (!render) {
    return h("p", { class: "notice notice--error" }, `This page cannot show “${item.interaction.type}” questions.`);
  }
  return render(item, response, onChange, ctx);
}

// Matching: a labelled drop-down list per left-hand entry, listing the right-hand options.

import { h, uid } from "../dom.js";

const NONE = "";

/** Answer controls for a matching item; the response maps source ids to target ids. */
export function renderMatching(item, response, onChange) {
  const { sources, targets } = item.interaction;
  const pairs = response && typeof response === "object" && !Array.isArray(response) ? response : {};
  const selects = [];

  function changed() {
    const chosen = Object.fromEntries(
      selects.filter((s) => s.value !== NONE).map((s) => [s.dataset.source, s.value]),
    );
    onChange(Object.keys(chosen).length > 0 ? chosen : null, { settled: true });
  }

  return h(
    "fieldset",
    { class: "answer", "data-interaction": "matching" },
    h("legend", {}, "Match each entry with an option"),
    h("p", { class: "hint" }, "Choose an option from the list under each entry. Leave “Not matched” to skip one."),
    h(
      "ul",
      { class: "matching" },
      sources.map((source) => {
        const id = uid("match");
        const select = h(
          "select",
          { id, class: "select", "data-source": source.id, onchange: changed, value: pairs[source.id] ?? NONE },
          h("option", { value: NONE }, "Not matched"),
          targets.map((t) => h("option", { value: t.id }, t.text)),
        );
        selects.push(select);
        return h("li", { class: "matching-row" }, h("label", { for: id, class: "matching-source" }, source.text), select);
      }),
    ),
  );
}

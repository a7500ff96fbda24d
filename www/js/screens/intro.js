// The intro screen: what the test is, how long it takes, how it works, and a Start button.

import { h } from "../dom.js";
import { duration, plural, timeMultiplier } from "../format.js";
import { renderStem } from "../stem.js";

/** Screen before session.start. */
export function introScreen({ state, summary, grant, actions }) {
  const heading = h("h1", { tabindex: "-1" }, summary.title);
  const timed = summary.time_limit_ms != null || state.sections.some((s) => s.time_limit_ms != null);
  const multiplier = grant?.acc?.time_multiplier_permille ?? 1000;
  const fixed = state.sections.some((s) => !s.adaptive);
  const several = state.sections.length > 1;
  const main = h(
    "div",
    { class: "screen screen--intro" },
    heading,
    summary.description && renderStem(summary.description, { class: "lead" }),
    h(
      "dl",
      { class: "facts" },
      fact("Questions", state.sections.some((s) => s.adaptive) ? `Up to ${summary.items}` : String(summary.items)),
      fact("Sections", String(state.sections.length)),
      fact("Time limit", timed ? duration(summary.time_limit_ms) : "None"),
    ),
    multiplier !== 1000 &&
      timed &&
      h(
        "p",
        { class: "callout" },
        h("strong", {}, "Extra time: "),
        `you have ${timeMultiplier(multiplier)}. The limits shown here already include it.`,
      ),
    h("h2", {}, "Sections"),
    h(
      "ol",
      { class: "section-list" },
      state.sections.map((s, i) =>
        h(
          "li",
          {},
          h("span", { class: "section-list-title" }, s.title ?? `Section ${i + 1}`),
          " ",
          h(
            "span",
            { class: "muted" },
            s.adaptive ? `adaptive, ${s.adaptive.min_items} to ${s.adaptive.max_items} questions` : plural(s.items.length, "question"),
            s.time_limit_ms != null && `, time limit ${duration(s.time_limit_ms)}`,
          ),
        ),
      ),
    ),
    h("h2", {}, "How it works"),
    h(
      "ul",
      { class: "rules" },
      fixed && h("li", {}, `${several ? "You answer one section at a time. Within a section" : "In this test"} you can move between questions, change answers and flag questions to come back to.`),
      several && h("li", {}, "When you finish a section you cannot go back to it."),
      state.sections.some((s) => s.adaptive) &&
        h("li", {}, "In an adaptive section each question is chosen from your answers so far. Choose your answer, then select Continue: an answer given there is final."),
      h("li", {}, "Every answer is saved on this device as you go and sent to the server. If the page closes or your connection drops, open the test again in this browser to carry on where you were."),
      timed &&
        h("li", {}, "The clock starts when you select Start and keeps running if you switch to another tab or window, or close the page. When time runs out, your answers so far are submitted. Use “Read time left” to hear the time remaining."),
    ),
    h("button", { type: "button", class: "button button--primary button--large", onclick: actions.start }, "Start the test"),
  );
  return { main, heading, title: summary.title };
}

function fact(term, value) {
  return h("div", { class: "fact" }, h("dt", {}, term), h("dd", {}, value));
}

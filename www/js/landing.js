// The landing page: the packages the server offers, each with a link to take it.

import { h, hidden } from "./dom.js";
import { duration } from "./format.js";

const list = document.querySelector("#packages");
const status = document.querySelector("#packages-status");

function entry(p) {
  return h(
    "li",
    { class: "package" },
    h("h2", { class: "package-title" }, p.title),
    p.description && h("p", { class: "package-description" }, p.description),
    h(
      "dl",
      { class: "facts facts--compact" },
      h("div", { class: "fact" }, h("dt", {}, "Questions"), h("dd", {}, p.adaptive ? `Up to ${p.items}` : String(p.items))),
      h("div", { class: "fact" }, h("dt", {}, "Sections"), h("dd", {}, String(p.sections))),
      h("div", { class: "fact" }, h("dt", {}, "Time limit"), h("dd", {}, p.time_limit_ms != null ? duration(p.time_limit_ms) : "None")),
    ),
    h(
      "p",
      { class: "package-actions" },
      h("a", { class: "button button--primary", href: `take.html?package=${encodeURIComponent(p.id)}` }, "Start", hidden(` “${p.title}”`)),
      " ",
      // A sealed test's accommodations are the operator's to set, never the page's to ask for.
      p.time_limit_ms != null &&
        p.delivery !== "sealed" &&
        h(
          "a",
          { class: "button button--secondary", href: `take.html?package=${encodeURIComponent(p.id)}&time=1.5` },
          "Start with 1.5× time",
          hidden(` for “${p.title}”`),
        ),
    ),
  );
}

async function main() {
  try {
    const response = await fetch("/v1/packages");
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const packages = await response.json();
    list.replaceChildren(...packages.map(entry));
    status.textContent = packages.length === 0 ? "No tests are available at the moment." : "";
  } catch (error) {
    status.textContent = `The list of tests could not be loaded (${error.message}). Try reloading the page.`;
    status.classList.add("notice--error");
  }
}

main();

// The landing page: the packages the server offers, each with a link to take it.

import { h, hidden } from "./js/dom.js";
import { duration } from "./js/format.js";

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
      p.delivery === "sealed"
        ? invitedStart(p)
        : h("a", { class: "button button--primary", href: `take.html?package=${encodeURIComponent(p.id)}` }, "Start", hidden(` “${p.title}”`)),
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

/**
 * A sealed test is taken with an invitation. The demo server hands one to whoever asks (a real
 * operator sends each applicant theirs); a server that does not says so, and nothing starts.
 */
function invitedStart(p) {
  const note = h("span", { class: "muted", role: "status" });
  const button = h("button", { type: "button", class: "button button--primary", "data-package": p.id }, "Start with a demo invitation", hidden(` to “${p.title}”`));
  button.addEventListener("click", async () => {
    note.textContent = "Asking the server for an invitation…";
    try {
      const response = await fetch("/v1/demo/invitations", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ package: p.id }) });
      const reply = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(reply?.error?.message ?? `HTTP ${response.status}`);
      location.href = `take.html?package=${encodeURIComponent(p.id)}&invitation=${encodeURIComponent(reply.invitation)}`;
    } catch (error) {
      note.textContent = `This test is taken with an invitation from its organiser (${error.message}).`;
    }
  });
  return h("span", {}, button, " ", note);
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

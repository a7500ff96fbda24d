// The demo's test page: one <assay-assessment> for the package named in the address,
// e.g. take.html?package=data-ai-practice&time=1.5 (an extra-time accommodation to request), or
// take.html?package=ai-screening&invitation=CODE (a sealed test, with its operator's invitation).

// The element itself comes from dist/assay-element.js, loaded by the page beside this script.

const query = new URLSearchParams(location.search);
const main = document.querySelector("#main");
const id = query.get("package");
if (id) {
  const element = document.createElement("assay-assessment");
  element.setAttribute("package", id);
  element.setAttribute("document-title", "");
  element.setAttribute("exit-href", "./");
  element.setAttribute("allow-retake", "");
  if (query.get("time")) element.setAttribute("time-multiplier", query.get("time"));
  if (query.get("invitation")) element.setAttribute("invitation", query.get("invitation"));
  main.append(element);
  // Reloading or reopening this page during an outage works from the copy the worker keeps. It
  // is registered once the test is on screen, so its downloads never delay the first screen.
  element.addEventListener("assay:started", () => setTimeout(registerWorker, 1000), { once: true });
} else {
  const heading = Object.assign(document.createElement("h1"), { textContent: "No test chosen" });
  const link = Object.assign(document.createElement("a"), { href: "./", textContent: "Choose a test from the list" });
  main.append(heading, link);
}

function registerWorker() {
  navigator.serviceWorker?.register("sw.js").catch(() => {});
}

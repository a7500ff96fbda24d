// The iframe mode: embed.html?package=ID&parent=https://careers.example.gov[&endpoint=URL][&time=1.5]
//
// For host pages that want the test isolated in its own browsing context. The test reports to
// the host with postMessage, only ever to the origin named in `parent`, and answers only
// messages from that origin sent by the embedding window:
//   out: { type: "assay:started" | "assay:saved" | "assay:submitted" | "assay:error", detail }
//        { type: "assay:resize", detail: { height } }   (so the host can size the iframe)
//   in:  { type: "assay:status" }  →  { type: "assay:status", detail: { sid, status } }

// The element itself comes from dist/assay-element.js, loaded by the page beside this script.

const query = new URLSearchParams(location.search);
const main = document.querySelector("#main");

/** The host's origin, if `parent` is a well-formed http(s) origin; nothing is sent otherwise. */
function hostOrigin(text) {
  try {
    const url = new URL(text);
    return /^https?:$/.test(url.protocol) && url.origin === text.replace(/\/$/, "") ? url.origin : null;
  } catch {
    return null;
  }
}

const host = window.parent !== window ? hostOrigin(query.get("parent") ?? "") : null;
const tell = (type, detail) => host && window.parent.postMessage({ type, detail }, host);

const element = document.createElement("assay-assessment");
element.setAttribute("package", query.get("package") ?? "");
if (query.get("endpoint")) element.setAttribute("endpoint", query.get("endpoint"));
if (query.get("time")) element.setAttribute("time-multiplier", query.get("time"));
element.setAttribute("document-title", "");
for (const name of ["started", "saved", "submitted", "error"]) {
  element.addEventListener(`assay:${name}`, (event) => tell(`assay:${name}`, event.detail));
}
main.append(element);

new ResizeObserver(() => tell("assay:resize", { height: document.documentElement.scrollHeight })).observe(document.body);

addEventListener("message", (event) => {
  if (!host || event.origin !== host || event.source !== window.parent) return;
  if (event.data?.type === "assay:status") {
    tell("assay:status", { sid: element.sid, status: element.shadowRoot?.querySelector(".save-status")?.dataset.status ?? null });
  }
});

// Reloading or reopening this page during an outage works from the copy the worker keeps. It is
// registered once the test is on screen, so its downloads never delay the first screen.
element.addEventListener("assay:started", () => setTimeout(() => navigator.serviceWorker?.register("sw.js").catch(() => {}), 1000), { once: true });

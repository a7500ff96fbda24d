// <assay-assessment package="data-ai-practice" endpoint="https://tests.example.gov">
//
// The embeddable test. Everything it draws lives in its own shadow root, so the host page's CSS
// cannot break it and its CSS cannot leak out; the host themes it through the --assay-*
// custom properties (see css/assay.css). It reports progress as DOM events that bubble out of
// the element: assay:started, assay:saved, assay:submitted and assay:error.
//
// Attributes: package (id, required), endpoint (backend base URL; this origin if absent),
// time-multiplier (an accommodation to request, e.g. "1.5"; the backend decides),
// document-title (present: keep the page title in step with the screen),
// exit-href (a link offered on the result screen),
// allow-retake (present: practice tests may be taken again once the server has the result).

import { h } from "./dom.js";
import { openAssessment } from "../shim/assay.js";
import { startApp, failScreen } from "./app.js";

const STYLESHEET = new URL("../css/assay.css", import.meta.url).href;

const STATUS_TEXT = {
  saved: "All answers saved",
  saving: "Saving…",
  offline: "Offline: your answers are kept on this device",
};

const TROUBLE = {
  open_elsewhere: "This test is open in another tab",
  offline: "The test cannot start while offline",
};

class AssayAssessment extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: "open" });
    const part = (tag, props, ...children) => h(tag, props, ...children);
    this.parts = {
      root,
      title: part("p", { class: "masthead-title" }),
      status: part("p", { class: "save-status", "data-status": "saving" }, ""),
      timer: part("div", { class: "timer", hidden: true }),
      timeButton: part("button", { type: "button", class: "button button--small button--secondary time-button", hidden: true }, "Read time left"),
      timeAlert: part("p", { class: "visually-hidden", id: "time-alert", "aria-live": "polite" }),
      notice: part("p", { class: "notice", id: "notice", role: "status" }),
      screen: part("div", {}, part("p", { class: "loading" }, "Loading the test…")),
      aside: part("div", { class: "aside", hidden: true }),
      footer: part("p", { class: "chain", id: "chain" }),
    };
    const p = this.parts;
    root.append(
      part("link", { rel: "stylesheet", href: STYLESHEET }),
      part(
        "div",
        { class: "assay-frame" },
        part("div", { class: "assay-bar" }, part("div", { class: "masthead-inner" }, p.title, p.status, p.timer, p.timeButton)),
        p.timeAlert,
        part("div", { class: "layout" }, part("div", { class: "assay-main" }, p.notice, p.screen), p.aside),
        part("div", { class: "assay-foot" }, p.footer),
      ),
    );
    this.open();
  }

  signal(name, detail) {
    this.dispatchEvent(new CustomEvent(`assay:${name}`, { detail, bubbles: true, composed: true }));
  }

  setStatus(status) {
    const el = this.parts.status;
    const was = el.dataset.status;
    el.dataset.status = status;
    el.textContent = STATUS_TEXT[status];
    // Announce only the changes that matter, not every save: losing and regaining the server.
    if (status === "offline" && was !== "offline") this.parts.timeAlert.textContent = STATUS_TEXT.offline;
    if (status === "saved" && was === "offline") this.parts.timeAlert.textContent = "Connection restored. All answers saved.";
  }

  async open() {
    const multiplier = Number(this.getAttribute("time-multiplier"));
    const accommodations = multiplier > 0 && multiplier !== 1 ? { time_multiplier_permille: Math.round(multiplier * 1000) } : undefined;
    try {
      this.run = await openAssessment({
        endpoint: this.getAttribute("endpoint") ?? "",
        package: this.getAttribute("package") ?? "",
        accommodations,
        invitation: this.getAttribute("invitation") ?? undefined,
        onStatus: (status) => this.setStatus(status),
        onSignal: (name, detail) => {
          this.signal(name, detail);
          if (name === "submitted" || name === "error") this.app?.refresh();
        },
      });
    } catch (error) {
      this.fail(error);
      return;
    }
    this.app = startApp(this.run, this.parts, {
      onTitle: (title) => {
        if (this.hasAttribute("document-title")) document.title = `${title} – Assay`;
      },
      exitLink: this.getAttribute("exit-href"),
      onRetake: this.hasAttribute("allow-retake") ? () => location.reload() : null,
    });
  }

  fail(error) {
    this.signal("error", { code: error.code ?? "error", message: error.message });
    const screen = failScreen(TROUBLE[error.code] ?? "This test cannot be started", error.message, error.issues ?? []);
    this.parts.screen.replaceChildren(screen.main);
    this.parts.status.hidden = true;
    if (this.hasAttribute("document-title")) document.title = `${screen.main.querySelector("h1").textContent} – Assay`;
  }

  /** The session id, once open. */
  get sid() {
    return this.run?.sid ?? null;
  }
}

if (!customElements.get("assay-assessment")) customElements.define("assay-assessment", AssayAssessment);

// The <assay-assessment> element's public API: its attributes, its `sid`, and the assay:* events
// it raises on the host page (their details are the shim's signals, AssaySignals).
import type { AssaySignals } from "@assay/shim";

/** The embeddable test: `<assay-assessment package="…" endpoint="…">`. */
export declare class AssayAssessment extends HTMLElement {
  /** The session id, once the test has opened (null before). */
  readonly sid: string | null;
}

/** The DOM events the element raises; each bubbles out of its shadow root. */
export interface AssayEventMap {
  /** The session opened (`resumed`: from what this device kept). */
  "assay:started": CustomEvent<AssaySignals["started"]>;
  /** The backend holds every event up to `seq`. */
  "assay:saved": CustomEvent<AssaySignals["saved"]>;
  /** The backend took the result; `receipt` is its re-score. */
  "assay:submitted": CustomEvent<AssaySignals["submitted"]>;
  /** Starting or delivering failed: `code` is stable, `message` is for people. */
  "assay:error": CustomEvent<AssaySignals["error"]>;
}

declare global {
  interface HTMLElementTagNameMap {
    "assay-assessment": AssayAssessment;
  }
  interface HTMLElementEventMap extends AssayEventMap {}
}

// The Assay shim: no screens, only the machinery under them. It loads the engine, holds the
// session key, writes every event to the device before it counts, signs checkpoints and the
// result, and delivers them to the backend through a durable outbox.
//
//   import { openAssessment } from "./shim/assay.js";
//   const run = await openAssessment({ endpoint: "https://tests.example", package: "data-ai-practice" });
//   run.onChange((state, step) => redraw(state));
//   await run.record({ type: "session.start" });
//
// Any applicant interface can sit on top: it reads `run.state` (and `run.item(id)` for what to
// show), calls `run.record` with what the applicant did, and redraws on `onChange`. The engine
// decides what comes next; the shim does it (shows the next item, checkpoints, signs, judges).

import init, * as engine from "../pkg/assay.js";
import { openStore } from "./store.js";
import { Outbox } from "./outbox.js";
import { createKey, sign } from "./keys.js";
import { randomId } from "./base64url.js";
import { foldStep } from "./mirror.js";
import { judge } from "./code.js";
import { codeRunner } from "./runner.js";

/** @typedef {import("../types/Event").Event} Event */
/** @typedef {import("../types/Step").Step} Step */
/** @typedef {import("../types/Due").Due} Due */
/** @typedef {import("../types/SessionState").SessionState} SessionState */
/** @typedef {import("../types/PresentedItem").PresentedItem} PresentedItem */
/** @typedef {import("../types/TimeView").TimeView} TimeView */
/** @typedef {import("../types/PackageSummary").PackageSummary} PackageSummary */
/** @typedef {import("../types/GrantClaims").GrantClaims} GrantClaims */
/** @typedef {import("../types/TestVerdict").TestVerdict} TestVerdict */
/** @typedef {import("../types/Accommodations").Accommodations} Accommodations */

/**
 * An event as a host records it: the engine's `Event` with `t` optional (the shim stamps now).
 * @typedef {Event extends infer E ? (E extends unknown ? Omit<E, "t"> & { t?: number } : never) : never} NewEvent
 */

/** Where the applicant's work is. @typedef {"saved" | "saving" | "offline"} SaveStatus */

/**
 * The backend's receipt for a result: its own re-score and flags (the backend's `Receipt`).
 * @typedef {Record<string, unknown>} Receipt
 */

/**
 * What each signal carries: `onSignal(name, detail)` hears them, and the element raises them on
 * the host page as `assay:<name>` DOM events.
 * @typedef {object} AssaySignals
 * @property {{ sid: string, resumed: boolean }} started the session opened (resumed: from this device)
 * @property {{ sid: string, seq: number }} saved the backend holds every event up to `seq`
 * @property {{ sid: string, jti: string, receipt: Receipt }} submitted the backend took the result
 * @property {{ sid?: string, code: string, message: string, kind?: string }} error something failed: `code` is stable
 */

/**
 * What `openAssessment` takes.
 * @typedef {object} AssessmentOptions
 * @property {string} [endpoint] the backend's base URL ("" or absent: this page's origin)
 * @property {string} package the package id
 * @property {Partial<Accommodations>} [accommodations] requested; the backend decides
 * @property {string} [invitation] the operator's invitation code (a sealed test needs one)
 * @property {(status: SaveStatus) => void} [onStatus] hears where the work is, when that changes
 * @property {<K extends keyof AssaySignals>(name: K, detail: AssaySignals[K]) => void} [onSignal] hears the signals
 */

/**
 * An Error raised by Assay: `code` is stable and machine-readable.
 * @typedef {Error & { code: string, issues?: { path: string, message: string }[] }} AssayError
 */

/** Quiet time after the last event before a checkpoint is sent. */
const CHECKPOINT_DELAY_MS = 2000;
/** Longest an event waits for a checkpoint while the applicant keeps working. */
const CHECKPOINT_MAX_WAIT_MS = 10000;

/**
 * An Error with a stable `code`, as the engine's own errors have.
 * @param {string} code
 * @param {string} message
 * @param {object} [extra] more properties (`cause`, `issues`)
 * @returns {AssayError}
 */
export function assayError(code, message, extra = {}) {
  return Object.assign(new Error(message), { code }, extra);
}

let engineReady = null;
let storeReady = null;

/** The engine module and the SHA-256 of its bytes (named in results): loaded once per page. */
function loadEngine() {
  engineReady ??= (async () => {
    const response = await fetch(new URL("../pkg/assay_bg.wasm", import.meta.url));
    if (!response.ok) throw assayError("engine_unavailable", `The test engine could not be loaded (HTTP ${response.status}).`);
    // Compiled as it streams in (off the main thread); hashed from a copy of the same bytes.
    const digest$ = response.clone().arrayBuffer().then((bytes) => crypto.subtle.digest("SHA-256", bytes));
    await init({ module_or_path: response });
    const digest = await digest$;
    performance.mark("assay:engine-ready");
    return hex(digest);
  })();
  engineReady.catch(() => (engineReady = null));
  return engineReady;
}

/** The device store and the outbox, which starts delivering whatever earlier pages left. */
function openDevice() {
  storeReady ??= (async () => {
    const store = await openStore();
    const outbox = new Outbox(store, {
      onChange: () => runs.forEach((run) => run.report()),
      onDelivered: (entry, reply) => runs.forEach((run) => run.delivered(entry, reply)),
      onRejected: (entry, error) => runs.forEach((run) => run.rejected(entry, error)),
    });
    await outbox.start();
    addEventListener("pagehide", () => outbox.flushOnExit());
    return { store, outbox };
  })();
  storeReady.catch(() => (storeReady = null));
  return storeReady;
}

const runs = new Set();

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Holds an exclusive lock on `name` for the page's lifetime; false if another tab holds it.
 * Browsers without the Web Locks API get no protection and a true.
 */
function lockForever(name) {
  if (!navigator.locks) return Promise.resolve(true);
  return new Promise((resolve) => {
    navigator.locks.request(name, { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      return lock === null ? undefined : new Promise(() => {});
    });
  });
}

async function postJson(url, body) {
  let response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
    });
  } catch {
    throw assayError("offline", "The test server cannot be reached. Check your connection and try again.");
  }
  const reply = await response.json().catch(() => null);
  if (!response.ok) {
    const error = reply?.error ?? {};
    throw assayError(error.code ?? `http_${response.status}`, error.message ?? `The test server answered HTTP ${response.status}.`);
  }
  return reply;
}

async function fetchPackage(url) {
  let response;
  try {
    response = await fetch(url, { credentials: "omit" });
  } catch {
    throw assayError("offline", "The test cannot be downloaded. Check your connection and try again.");
  }
  if (!response.ok) throw assayError("unknown_package", `The server has no such test (HTTP ${response.status}).`);
  return response.text();
}

/** Whether this browser has a session of `slotName` (a hint kept beside IndexedDB, read at once). */
function slotHint(slotName) {
  try {
    return localStorage.getItem(`assay-slot:${slotName}`) !== null;
  } catch {
    return true; // Unknown: look in the device store before asking the backend for a session.
  }
}

function setSlotHint(slotName, sid) {
  try {
    if (sid === null) localStorage.removeItem(`assay-slot:${slotName}`);
    else localStorage.setItem(`assay-slot:${slotName}`, sid);
  } catch {
    // Without the hint the next open looks in the device store first: slower, never wrong.
  }
}

/** A new session: the package, a session key, and the backend's grant for that key. */
async function newSession(base, packageId, accommodations, invitation, engine$) {
  // The package and the grant are asked for at once: the session request needs only the key.
  const package$ = fetchPackage(`${base}/v1/packages/${encodeURIComponent(packageId)}`);
  package$.catch(() => {});
  const key = await createKey(async () => (await engine$, engine));
  const body = { package: packageId, public_key: key.jwk };
  if (accommodations) body.accommodations = accommodations;
  if (invitation) body.invitation = invitation;
  const reply$ = postJson(`${base}/v1/sessions`, body);
  reply$.catch(() => {});
  const packageText = await package$;
  // The engine's code compiles on first use, which takes tens of milliseconds: let that happen
  // while the grant is on its way rather than after it arrives.
  await engine$.then(() => engine.validatePackage(packageText)).catch(() => {});
  const { sid, grant } = await reply$;
  return { sid, grant, packageText, key: key.stored };
}

/**
 * Opens the applicant's session of a package at a backend: resumes the one this browser holds,
 * or registers a new session key and starts one under the backend's grant.
 * Throws an Error with `code`: "open_elsewhere" when another tab has this session open.
 * @param {AssessmentOptions} options
 * @returns {Promise<Run>}
 */
export async function openAssessment({ endpoint = "", package: packageId, accommodations, invitation, onStatus = () => {}, onSignal = () => {} }) {
  performance.mark("assay:open");
  const base = endpoint.replace(/\/+$/, "");
  const slotName = `${new URL(base || "/", location.href).origin}|${packageId}`;
  // The engine downloads and compiles while the device store, the package and the grant load.
  const engine$ = loadEngine();
  const device$ = openDevice();
  const lock$ = lockForever(`assay:${slotName}`);
  // A browser that has never opened this test needs a session from the backend: ask for it now
  // rather than after the device lookup (creating a database can take a tenth of a second).
  const fresh$ = slotHint(slotName) ? null : newSession(base, packageId, accommodations, invitation, engine$);
  fresh$?.catch(() => {});
  const [{ store, outbox }, locked] = await Promise.all([device$, lock$]);
  if (!locked) {
    throw assayError("open_elsewhere", "This test is already open in another tab or window. Continue there, or close it and reload this page.");
  }
  performance.mark("assay:store-open");
  let slot = await store.slot(slotName);
  let events = [];
  /** Settles once the slot is on disk; the first event's write waits for it, the first screen need not. */
  let slotSaved = Promise.resolve();
  if (slot) {
    events = await store.events(slot.sid);
  } else {
    const { sid, grant, packageText, key } = await (fresh$ ?? newSession(base, packageId, accommodations, invitation, engine$));
    slot = { slot: slotName, sid, base, packageText, grant, key, checkpointed: 0, result: null, receipt: null };
    slotSaved = store.putSlot(slot).then(() => setSlotHint(slotName, sid));
    slotSaved.catch(() => {});
  }
  performance.mark("assay:device-ready");
  const wasmSha256 = await engine$;
  const attempt = engine.Attempt.open(slot.packageText, slot.grant, events, slot.checkpointed, slot.result != null);
  performance.mark("assay:session-ready");
  const run = new Run({ store, outbox, wasmSha256, slot, attempt, events, onStatus, onSignal, slotSaved });
  runs.add(run);
  run.report();
  onSignal("started", { sid: slot.sid, resumed: events.length > 0 });
  // Whatever an earlier page left due is done now, not at the applicant's next action: events it
  // stored but never covered by a checkpoint (it closed within the checkpoint delay), a result
  // never queued, the next adaptive question never shown, a submission never judged.
  run.resume().catch(() => {});
  return run;
}

/** One applicant's session on this page (`openAssessment` makes it). */
export class Run {
  /** Made by `openAssessment`. */
  constructor({ store, outbox, wasmSha256, slot, attempt, events, onStatus, onSignal, slotSaved }) {
    /** @internal @type {import("./store.js").Store} */
    this.store = store;
    /** @internal @type {Outbox} */
    this.outbox = outbox;
    /** The SHA-256 of the engine module this page runs (named in the result). @type {string} */
    this.wasmSha256 = wasmSha256;
    /** @internal */
    this.slot = slot;
    /** @internal @type {engine.Attempt} */
    this.attempt = attempt;
    /** @internal @type {Event[]} */
    this.events = events;
    /** @internal @type {(status: SaveStatus) => void} */
    this.onStatus = onStatus;
    /** @internal @type {<K extends keyof AssaySignals>(name: K, detail: AssaySignals[K]) => void} */
    this.onSignal = onSignal;
    /** @internal @type {Promise<void>} */
    this.slotSaved = slotSaved;
    /** The session state, kept up to date from each step (`attempt.state()` would read it all). @type {SessionState} */
    this.state = attempt.state();
    /** The package's title, description, feedback rule and limits. @type {PackageSummary} */
    this.summary = attempt.summary();
    /** @internal @type {GrantClaims} */
    this.claims = attempt.grantClaims();
    /** Items as presented: fixed for the session, so read once each. @internal @type {Map<string, PresentedItem | undefined>} */
    this.presented = new Map();
    /** @internal @type {Set<(state: SessionState, step: Step) => void>} */
    this.listeners = new Set();
    /** Judging in progress or finished on this page, by `item#submission`. @internal @type {Map<string, { progress: Set<(done: number, total: number) => void>, failed: boolean, done?: Promise<TestVerdict[]> }>} */
    this.judgings = new Map();
    /** Events are recorded one at a time, in the order they were made. @internal @type {Promise<unknown>} */
    this.chain = Promise.resolve();
    /** @internal @type {ReturnType<typeof setTimeout> | undefined} */
    this.checkpointTimer = undefined;
    /** @internal @type {ReturnType<typeof setTimeout> | undefined} */
    this.clockTimer = undefined;
    /** When the oldest event not yet in a checkpoint was recorded. @internal @type {number | null} */
    this.uncoveredSince = null;
    /** @internal @type {SaveStatus | null} */
    this.lastStatus = null;
    addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.checkpoint().then(() => this.outbox.flushOnExit());
    });
  }

  /** The session id. @returns {string} */
  get sid() {
    return this.slot.sid;
  }

  /** The grant's claims: accommodations, expiry, the package it names. @returns {GrantClaims} */
  grant() {
    return this.claims;
  }

  /**
   * An item as presented (variant text, choice order, no key), or undefined.
   * @param {string} id
   * @returns {PresentedItem | undefined}
   */
  item(id) {
    if (!this.presented.has(id)) this.presented.set(id, this.attempt.item(id));
    return this.presented.get(id);
  }

  /** The clock as it reads at `t` (ms; default now), for a ticking display. @returns {TimeView} */
  timeAt(t = Date.now()) {
    return this.attempt.timeAt(Math.max(t, this.state.t ?? 0));
  }

  /**
   * Calls `listener(state, step)` after every recorded event (the shim's own included), once
   * what it made due is done; returns the function that stops it.
   * @param {(state: SessionState, step: Step) => void} listener
   * @returns {() => void}
   */
  onChange(listener) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * Records an event (`t` defaults to now) and stores it on the device, then does what the
   * engine says is due (shows the next item, checkpoints, signs the result, judges code);
   * resolves with the step once all that is stored, so a caller that redraws afterwards never
   * shows something a reload could lose. Rejects (changing nothing) if the engine refuses the
   * event (an Error with `code`) or the device cannot store it (`not_saved`).
   * @param {NewEvent} event
   * @returns {Promise<Step>}
   */
  record(event) {
    const step = this.chain.then(() => this.recordNow(event));
    this.chain = step.catch(() => {});
    return step;
  }

  /** Does what is due on opening (after any event in progress). @internal */
  resume() {
    const done = this.chain.then(() => this.follow(this.attempt.due(), { opening: true }));
    this.chain = done.catch(() => {});
    return done;
  }

  /** @internal */
  async recordNow(event) {
    // Without the grant and key on disk the events could not be resumed: a failure here stops
    // the session before anything the applicant does is taken.
    await this.slotSaved.catch((cause) => {
      throw assayError("not_saved", "This device cannot store the test (its storage may be full or disabled), so it cannot start.", { cause });
    });
    const step = this.attempt.record({ ...event, t: event.t ?? Date.now() });
    try {
      for (const recorded of step.recorded) {
        await this.store.putEvent(this.sid, this.events.length, recorded);
        this.events.push(recorded);
      }
    } catch (cause) {
      // The engine took an event the device did not keep: rebuild it from what was kept.
      this.attempt.free();
      this.attempt = engine.Attempt.open(this.slot.packageText, this.slot.grant, this.events, this.slot.checkpointed, this.slot.result != null);
      this.state = this.attempt.state();
      throw assayError("not_saved", "Your last action could not be saved on this device, so it was not recorded. Try again.", { cause });
    }
    this.state = foldStep(this.state, step);
    // The event is stored whatever happens next: a failure in what it made due is reported, not
    // thrown at the caller, whose action was taken.
    await this.follow(step.due).catch((error) => this.onSignal("error", { sid: this.sid, code: error.code ?? "follow_up_failed", message: error.message, kind: "event" }));
    // Listeners hear of it once what it made due is done: a section that closed is announced
    // with its successor's first item already shown, never in between.
    this.listeners.forEach((listener) => listener(this.state, step));
    this.report();
    return step;
  }

  /** Does what a step made due; a view due records it (and follows what that makes due). @internal */
  async follow(due, { opening = false } = {}) {
    const view = due.find((d) => d.kind === "view");
    if (view) return void (await this.recordNow({ type: "item.view", item: view.item }));
    this.scheduleClock(due.find((d) => d.kind === "clock")?.t);
    if (!due.some((d) => d.kind === "checkpoint")) clearTimeout(this.checkpointTimer);
    for (const d of due) {
      if (d.kind === "judge") this.startJudging(d);
      else if (d.kind === "sign_result") await this.queueResult();
      else if (d.kind === "checkpoint" && (d.urgency === "now" || opening)) await this.checkpointNow();
      else if (d.kind === "checkpoint") this.checkpointSoon();
    }
  }

  /** At deadline `t` a section or the test closes: a `clock` event then, unless another comes first. @internal */
  scheduleClock(t) {
    clearTimeout(this.clockTimer);
    if (t === undefined) return;
    // Timers hold at most 2^31 - 1 ms; a later deadline is looked at again then.
    const wait = Math.min(Math.max(0, t - Date.now()), 2 ** 31 - 1);
    this.clockTimer = setTimeout(() => {
      if (Date.now() < t) this.scheduleClock(t);
      else this.record({ type: "clock" }).catch(() => {});
    }, wait);
  }

  /** A checkpoint once the applicant pauses, but never later than the longest wait. @internal */
  checkpointSoon() {
    clearTimeout(this.checkpointTimer);
    this.uncoveredSince ??= Date.now();
    const wait = Math.min(CHECKPOINT_DELAY_MS, this.uncoveredSince + CHECKPOINT_MAX_WAIT_MS - Date.now());
    this.checkpointTimer = setTimeout(() => this.checkpoint(), Math.max(0, wait));
  }

  /** Judges a submission in the page's runner and records its verdicts (once per page). @internal */
  startJudging({ item, submission, code }, { retry = false } = {}) {
    const key = `${item}#${submission}`;
    const known = this.judgings.get(key);
    if (known && !(retry && known.failed)) return known;
    const judging = { progress: new Set(), failed: false };
    judging.done = (async () => {
      try {
        const tests = await judge(this.attempt, codeRunner(this.slot.base), item, code, { onProgress: (done, total) => judging.progress.forEach((f) => f(done, total)) });
        await this.record({ type: "code.judged", item, submission, tests });
        return tests;
      } catch (error) {
        // The backend judges every submission either way; this page retries when asked to.
        judging.failed = true;
        this.onSignal("error", { sid: this.sid, code: error.code ?? "runner_failed", message: error.message, kind: "judging" });
        throw error;
      }
    })();
    judging.done.catch(() => {});
    this.judgings.set(key, judging);
    return judging;
  }

  /**
   * The verdicts of a graded submission once recorded: the judging the shim started, or a new
   * try of one that failed; rejects if the page's runner cannot judge it (null for a submission
   * this page never judged). `onProgress(done, total)` follows its runs.
   * @param {string} item
   * @param {number} submission
   * @param {(done: number, total: number) => void} [onProgress]
   * @returns {Promise<TestVerdict[] | null>}
   */
  judged(item, submission, onProgress) {
    const view = this.state.items.find((v) => v.id === item)?.code;
    const waiting = view && view.pending > 0 && view.submissions === submission;
    const judging = waiting ? this.startJudging({ item, submission, code: view.last_code ?? "" }, { retry: true }) : this.judgings.get(`${item}#${submission}`);
    if (!judging) return Promise.resolve(null);
    if (onProgress) judging.progress.add(onProgress);
    return judging.done;
  }

  /**
   * Runs `code` on an item's shown tests, as a practice run (record `code.run` first).
   * @param {string} item
   * @param {string} code
   * @param {(done: number, total: number) => void} [onProgress]
   * @returns {Promise<TestVerdict[]>}
   */
  tryCode(item, code, onProgress) {
    return judge(this.attempt, codeRunner(this.slot.base), item, code, { shownOnly: true, onProgress });
  }

  /** Sends a checkpoint for the events not yet covered by one (after any event in progress). */
  checkpoint() {
    const step = this.chain.then(() => this.checkpointNow());
    this.chain = step.catch(() => {});
    return step;
  }

  /** @internal */
  async checkpointNow() {
    clearTimeout(this.checkpointTimer);
    this.uncoveredSince = null;
    if (this.slot.result) return;
    const jti = randomId();
    const next = this.attempt.checkpointInput(jti, nowSeconds());
    if (!next) return;
    const token = await sign(engine, this.slot.key, next.input);
    const seq = this.events.length;
    const body = JSON.stringify({ checkpoint: token, from: next.from, events: this.events.slice(next.from) });
    this.slot = { ...this.slot, checkpointed: seq };
    await this.outbox.add({ jti, sid: this.sid, kind: "checkpoint", seq, url: `${this.slot.base}/v1/sessions/${encodeURIComponent(this.sid)}/checkpoints`, body }, this.slot);
  }

  /** @internal */
  async queueResult() {
    clearTimeout(this.checkpointTimer);
    if (this.slot.result) return;
    const jti = randomId();
    const token = await sign(engine, this.slot.key, this.attempt.resultInput(jti, nowSeconds(), this.wasmSha256));
    const body = JSON.stringify({ result: token, events: this.events });
    this.slot = { ...this.slot, checkpointed: this.events.length, result: jti };
    await this.outbox.add({ jti, sid: this.sid, kind: "result", seq: this.events.length, url: `${this.slot.base}/v1/results`, body }, this.slot);
  }

  /** @internal */
  delivered(entry, reply) {
    if (entry.sid !== this.sid) return;
    if (entry.kind === "result") {
      this.slot = { ...this.slot, receipt: reply };
      this.store.putSlot(this.slot).catch(() => {});
      this.onSignal("submitted", { sid: this.sid, jti: entry.jti, receipt: reply });
    } else {
      this.onSignal("saved", { sid: this.sid, seq: entry.seq });
    }
  }

  /** @internal */
  rejected(entry, error) {
    if (entry.sid !== this.sid) return;
    if (entry.kind === "result") {
      this.slot = { ...this.slot, refusal: { code: error.code, message: error.message, jti: entry.jti } };
      this.store.putSlot(this.slot).catch(() => {});
    }
    this.onSignal("error", { sid: this.sid, code: error.code, message: error.message, kind: entry.kind });
  }

  /**
   * Where the applicant's work is: "saved" (the backend has all of it), "saving" (on its way)
   * or "offline" (kept on this device until the backend can be reached).
   */
  status() {
    const waiting = this.outbox.hasPending(this.sid) || this.events.length > this.slot.checkpointed;
    if (!waiting) return "saved";
    return this.outbox.failing || !navigator.onLine ? "offline" : "saving";
  }

  /** @internal */
  report() {
    const status = this.status();
    if (status === this.lastStatus) return;
    this.lastStatus = status;
    this.onStatus(status);
  }

  /** The backend's receipt for the result, once delivered: its own re-score and flags. @returns {Receipt | null} */
  receipt() {
    return this.slot.receipt;
  }

  /** Why the backend refused the result, if it did. @returns {{ code: string, message: string, jti: string } | null} */
  refusal() {
    return this.slot.refusal ?? null;
  }

  /** Forgets a finished session on this device so the package can be taken again. */
  async forget() {
    if (this.outbox.hasPending(this.sid)) throw assayError("not_delivered", "This result has not reached the server yet; it cannot be cleared.");
    await this.store.removeSlot(this.slot.slot, this.sid);
    setSlotHint(this.slot.slot, null);
    runs.delete(this);
  }
}

function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

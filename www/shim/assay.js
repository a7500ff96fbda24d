// The Assay shim: no screens, only the machinery under them. It loads the engine, holds the
// session key, writes every event to the device before it counts, signs checkpoints and the
// result, and delivers them to the backend through a durable outbox.
//
//   import { openAssessment } from "./shim/assay.js";
//   const run = await openAssessment({ endpoint: "https://tests.example", package: "data-ai-practice" });
//   await run.record({ type: "session.start", t: Date.now() });
//
// Any applicant interface can sit on top: it reads `run.session` and calls `run.record`.

import init, * as engine from "../pkg/assay.js";
import { openStore } from "./store.js";
import { Outbox } from "./outbox.js";
import { createKey, sign } from "./keys.js";
import { randomId } from "./base64url.js";

/** Quiet time after the last event before a checkpoint is sent. */
const CHECKPOINT_DELAY_MS = 2000;
/** Longest an event waits for a checkpoint while the applicant keeps working. */
const CHECKPOINT_MAX_WAIT_MS = 10000;

/** An Error with a stable `code`, as the engine's own errors have. */
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
async function newSession(base, packageId, accommodations, engine$) {
  const package$ = fetchPackage(`${base}/v1/packages/${encodeURIComponent(packageId)}`);
  const [packageText, key] = await Promise.all([package$, createKey(async () => (await engine$, engine))]);
  const body = { package: packageId, public_key: key.jwk };
  if (accommodations) body.accommodations = accommodations;
  const reply$ = postJson(`${base}/v1/sessions`, body);
  // The engine's code compiles on first use, which takes tens of milliseconds: let that happen
  // while the grant is on its way rather than after it arrives.
  await engine$.then(() => engine.validatePackage(packageText)).catch(() => {});
  const { sid, grant } = await reply$;
  return { sid, grant, packageText, key: key.stored };
}

/**
 * Opens the applicant's session of a package at a backend: resumes the one this browser holds,
 * or registers a new session key and starts one under the backend's grant.
 *
 * options: endpoint (backend base URL, "" for this origin), package (id), accommodations
 * (requested; the backend decides), onStatus(status), onSignal(name, detail).
 * Throws an Error with `code`: "open_elsewhere" when another tab has this session open.
 */
export async function openAssessment({ endpoint = "", package: packageId, accommodations, onStatus = () => {}, onSignal = () => {} }) {
  performance.mark("assay:open");
  const base = endpoint.replace(/\/+$/, "");
  const slotName = `${new URL(base || "/", location.href).origin}|${packageId}`;
  // The engine downloads and compiles while the device store, the package and the grant load.
  const engine$ = loadEngine();
  const device$ = openDevice();
  const lock$ = lockForever(`assay:${slotName}`);
  // A browser that has never opened this test needs a session from the backend: ask for it now
  // rather than after the device lookup (creating a database can take a tenth of a second).
  const fresh$ = slotHint(slotName) ? null : newSession(base, packageId, accommodations, engine$);
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
    const { sid, grant, packageText, key } = await (fresh$ ?? newSession(base, packageId, accommodations, engine$));
    slot = { slot: slotName, sid, base, packageText, grant, key, checkpointed: 0, result: null, receipt: null };
    slotSaved = store.putSlot(slot).then(() => setSlotHint(slotName, sid));
    slotSaved.catch(() => {});
  }
  performance.mark("assay:device-ready");
  const wasmSha256 = await engine$;
  const session = engine.Session.fromGrant(slot.packageText, slot.grant, events);
  performance.mark("assay:session-ready");
  const run = new Run({ store, outbox, wasmSha256, slot, session, events, onStatus, onSignal, slotSaved });
  runs.add(run);
  run.report();
  onSignal("started", { sid: slot.sid, resumed: events.length > 0 });
  // A session finished on an earlier page whose result was never queued gets it now; events an
  // earlier page stored but never covered by a checkpoint (it closed within the checkpoint
  // delay) go out now too, not at the applicant's next action. Should that fail, the next
  // event's checkpoint covers them.
  if (session.state().status === "completed") await run.settleCompleted();
  else if (events.length > slot.checkpointed) run.checkpoint().catch(() => {});
  return run;
}

/** One applicant's session on this page. */
class Run {
  constructor({ store, outbox, wasmSha256, slot, session, events, onStatus, onSignal, slotSaved }) {
    Object.assign(this, { store, outbox, wasmSha256, slot, session, events, onStatus, onSignal, slotSaved });
    /** Events are recorded one at a time, in the order they were made. */
    this.chain = Promise.resolve();
    this.checkpointTimer = null;
    /** When the oldest event not yet in a checkpoint was recorded. */
    this.uncoveredSince = null;
    this.lastStatus = null;
    addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.checkpoint().then(() => this.outbox.flushOnExit());
    });
  }

  /** The session id. */
  get sid() {
    return this.slot.sid;
  }

  /** The largest event time so far: new events must not be earlier. */
  get lastT() {
    return this.events.length > 0 ? this.events[this.events.length - 1].t : 0;
  }

  /** The grant's claims: accommodations, expiry, the package it names. */
  grant() {
    return this.session.grantClaims();
  }

  /**
   * Applies an event and stores it on the device; resolves once both are done, so a caller
   * that redraws afterwards never shows something a reload could lose. Rejects (changing
   * nothing) if the engine refuses the event or the device cannot store it.
   */
  record(event) {
    const step = this.chain.then(() => this.recordNow(event));
    this.chain = step.catch(() => {});
    return step;
  }

  async recordNow(event) {
    // Without the grant and key on disk the events could not be resumed: a failure here stops
    // the session before anything the applicant does is taken.
    await this.slotSaved.catch((cause) => {
      throw assayError("not_saved", "This device cannot store the test (its storage may be full or disabled), so it cannot start.", { cause });
    });
    this.session.apply(event);
    const seq = this.events.length;
    try {
      await this.store.putEvent(this.sid, seq, event);
    } catch (cause) {
      // The engine took an event the device did not keep: rebuild it from what was kept.
      this.session.free();
      this.session = engine.Session.fromGrant(this.slot.packageText, this.slot.grant, this.events);
      throw assayError("not_saved", "Your last action could not be saved on this device, so it was not recorded. Try again.", { cause });
    }
    this.events.push(event);
    if (this.session.state().status === "completed") {
      clearTimeout(this.checkpointTimer);
      await this.settleCompleted();
    } else if (event.type === "section.submit" || event.type === "clock") {
      await this.checkpointNow();
    } else {
      clearTimeout(this.checkpointTimer);
      this.uncoveredSince ??= Date.now();
      const wait = Math.min(CHECKPOINT_DELAY_MS, this.uncoveredSince + CHECKPOINT_MAX_WAIT_MS - Date.now());
      this.checkpointTimer = setTimeout(() => this.checkpoint(), Math.max(0, wait));
    }
    this.report();
  }

  /**
   * Sends what a completed session owes the backend, once: its signed result. A coding
   * submission still being judged belongs in the result, which is signed when the verdicts are
   * recorded (their event comes back here); until then a checkpoint carries the events, so the
   * backend has every answer even if the verdicts never come.
   */
  async settleCompleted() {
    if (this.slot.result) return;
    if (this.session.judgingPending()) await this.checkpointNow();
    else await this.queueResult();
  }

  /** Sends a checkpoint for the events not yet covered by one (after any event in progress). */
  checkpoint() {
    const step = this.chain.then(() => this.checkpointNow());
    this.chain = step.catch(() => {});
    return step;
  }

  async checkpointNow() {
    clearTimeout(this.checkpointTimer);
    this.uncoveredSince = null;
    const from = this.slot.checkpointed;
    const seq = this.events.length;
    if (seq <= from || this.slot.result) return;
    const jti = randomId();
    const token = await sign(engine, this.slot.key, this.session.checkpointInput(jti, nowSeconds()));
    const body = JSON.stringify({ checkpoint: token, from, events: this.events.slice(from) });
    this.slot = { ...this.slot, checkpointed: seq };
    await this.outbox.add({ jti, sid: this.sid, kind: "checkpoint", seq, url: `${this.slot.base}/v1/sessions/${encodeURIComponent(this.sid)}/checkpoints`, body }, this.slot);
  }

  async queueResult() {
    const jti = randomId();
    const token = await sign(engine, this.slot.key, this.session.resultInput(jti, nowSeconds(), this.wasmSha256));
    const body = JSON.stringify({ result: token, events: this.events });
    this.slot = { ...this.slot, checkpointed: this.events.length, result: jti };
    await this.outbox.add({ jti, sid: this.sid, kind: "result", seq: this.events.length, url: `${this.slot.base}/v1/results`, body }, this.slot);
  }

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

  report() {
    const status = this.status();
    if (status === this.lastStatus) return;
    this.lastStatus = status;
    this.onStatus(status);
  }

  /** The backend's receipt for the result, once delivered: its own re-score and flags. */
  receipt() {
    return this.slot.receipt;
  }

  /** Why the backend refused the result, if it did: `{code, message, jti}`. */
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

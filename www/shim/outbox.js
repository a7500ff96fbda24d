// Delivery that survives outages. Every checkpoint and result is stored before its first send;
// entries go out oldest first (a checkpoint's events follow the previous one's), each with
// `Idempotency-Key: <jti>` so a resend after a lost reply is stored once. Failures are retried
// with exponential backoff and full jitter; a reply in the 4xx range other than 408 and 429
// means the backend will never take that entry, so it is set aside and reported instead.

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 60000;
/** A request that has not answered after this long is abandoned and retried. */
const REQUEST_TIMEOUT_MS = 15000;
/** Browsers refuse keepalive bodies beyond 64 KiB in total. */
const KEEPALIVE_LIMIT = 60000;

/** Delay before attempt `n + 1`: up to FIRST_DELAY·2^n, capped, drawn uniformly (full jitter). */
export function backoff(attempts, random = Math.random) {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempts, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Whether a failed reply is worth retrying. */
function retryable(status) {
  return status >= 500 || status === 408 || status === 429;
}

export class Outbox {
  /**
   * onChange({ pending, failing }) follows delivery; onDelivered(entry, reply) and
   * onRejected(entry, error) report each entry's fate.
   * @param {import("./store.js").Store} store
   * @param {{
   *   onChange?: (progress: { pending: number, failing: boolean }) => void,
   *   onDelivered?: (entry: any, reply: any) => void,
   *   onRejected?: (entry: any, error: { code: string, message: string }) => void,
   * }} [listeners]
   */
  constructor(store, { onChange = () => {}, onDelivered = () => {}, onRejected = () => {} } = {}) {
    this.store = store;
    this.onChange = onChange;
    this.onDelivered = onDelivered;
    this.onRejected = onRejected;
    /** What is waiting, oldest first: a mirror of the stored outbox, readable synchronously. */
    this.queue = [];
    this.failing = false;
    this.running = false;
    this.timer = null;
    globalThis.addEventListener?.("online", () => this.kick());
  }

  /** Loads what earlier pages left undelivered and starts sending it. */
  async start() {
    this.queue = (await this.store.outbox()).filter((e) => !e.rejected);
    this.report();
    this.kick();
  }

  /** Stores an entry (and the slot that produced it) durably, then starts delivering. */
  async add(entry, slot) {
    const stored = { ...entry, attempts: 0 };
    stored.n = await this.store.enqueue(stored, slot);
    this.queue.push(stored);
    this.report();
    this.kick();
  }

  /** Whether something is waiting for `sid`. */
  hasPending(sid) {
    return this.queue.some((e) => e.sid === sid);
  }

  report() {
    this.onChange({ pending: this.queue.length, failing: this.failing });
  }

  /** Sends what is waiting now, unless a send is already under way. */
  kick() {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.running) this.run();
  }

  async run() {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const entry = this.queue[0];
        const outcome = await this.send(entry);
        if (outcome !== "retry") {
          this.queue.shift();
          this.report();
          continue;
        }
        entry.attempts += 1;
        await this.store.updateEntry(entry);
        this.failing = true;
        this.report();
        this.timer = setTimeout(() => this.kick(), backoff(entry.attempts - 1));
        return;
      }
      this.failing = false;
      this.report();
    } finally {
      this.running = false;
    }
  }

  /** One attempt: "delivered", "rejected" or "retry". */
  async send(entry) {
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    let response;
    let reply = null;
    try {
      response = await fetch(entry.url, request(entry, { signal: abort.signal }));
      reply = await response.json().catch(() => null);
    } catch {
      return "retry";
    } finally {
      clearTimeout(timeout);
    }
    if (response.ok) {
      await this.store.removeEntry(entry.n);
      this.failing = false;
      this.onDelivered(entry, reply);
      return "delivered";
    }
    if (retryable(response.status)) return "retry";
    const error = reply?.error ?? { code: `http_${response.status}`, message: response.statusText };
    entry.rejected = { status: response.status, error };
    await this.store.updateEntry(entry);
    this.onRejected(entry, error);
    return "rejected";
  }

  /**
   * Last chance as the page goes away: sends what is waiting with `keepalive`, which outlives
   * the page. Entries stay stored; whatever arrives is recognised by its jti on the next send.
   */
  flushOnExit() {
    let budget = KEEPALIVE_LIMIT;
    for (const entry of this.queue) {
      if (entry.body.length > budget) break;
      budget -= entry.body.length;
      fetch(entry.url, request(entry, { keepalive: true })).catch(() => {});
    }
  }
}

function request(entry, extra) {
  return {
    method: "POST",
    headers: { "Content-Type": "application/json", "Idempotency-Key": entry.jti },
    body: entry.body,
    credentials: "omit",
    ...extra,
  };
}

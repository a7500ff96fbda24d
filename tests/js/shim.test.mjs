// The shim's parts that run without a page: the engine's attempt (its steps, the page's copy of
// the state folded from them, signing inputs signed with WebCrypto and checked with npm `jose`,
// an independent verifier), the fallback signer, the outbox's delivery rules and the typed-answer
// drafts. Run after scripts/build-wasm.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { compactVerify, importJWK, calculateJwkThumbprint } from "jose";

const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root));
const engine = await import(new URL("www/pkg/assay.js", root));
await engine.default({ module_or_path: read("www/pkg/assay_bg.wasm") });
const { Outbox, backoff } = await import(new URL("www/shim/outbox.js", root));
const { answerQueue } = await import(new URL("www/shim/../js/answer-queue.js", root));
const { base64url } = await import(new URL("www/shim/base64url.js", root));
const { foldStep } = await import(new URL("www/shim/mirror.js", root));

const practice = read("samples/data-ai-practice.json").toString();
const summary = engine.validatePackage(practice);

/** RFC 8785 for the plain data used here: sorted keys, no spaces. */
function jcs(value) {
  if (Array.isArray(value)) return `[${value.map(jcs).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${jcs(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

async function sessionKey() {
  const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
  const { kty, crv, x } = await crypto.subtle.exportKey("jwk", pair.publicKey);
  return { pair, jwk: { kty, crv, x } };
}

/** A grant as a backend would issue it (the issuer's signature is not what this test checks). */
async function grantFor(jwk, sha256 = summary.sha256) {
  const issuer = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
  const claims = {
    acc: { break_allowance_ms: 0, time_multiplier_permille: 1500 },
    aud: "https://hiring.example",
    cnf: { jkt: await calculateJwkThumbprint(jwk), jwk },
    exp: 1_900_000_000,
    iat: 1_800_000_000,
    iss: "test-issuer",
    nonce: "bm9uY2Utb2YtMTI4LWJpdHM",
    pkg: { id: summary.id, sha256, ver: summary.version },
    seed: 20261128,
    sid: "shim-test-session",
  };
  const input = `${base64url(new TextEncoder().encode(jcs({ alg: "EdDSA", kid: "issuer", typ: "assessment-grant+jwt" })))}.${base64url(new TextEncoder().encode(jcs(claims)))}`;
  const signature = await crypto.subtle.sign({ name: "Ed25519" }, issuer.privateKey, new TextEncoder().encode(input));
  return { token: `${input}.${base64url(signature)}`, claims };
}

async function signed(privateKey, input) {
  const signature = await crypto.subtle.sign({ name: "Ed25519" }, privateKey, new TextEncoder().encode(input));
  return `${input}.${base64url(signature)}`;
}

test("an attempt signs checkpoints and results that jose verifies with the session key", async () => {
  const { pair, jwk } = await sessionKey();
  const grant = await grantFor(jwk);
  const attempt = engine.Attempt.open(practice, grant.token, [], 0, false);
  assert.equal(attempt.grantClaims().acc.time_multiplier_permille, 1500);
  attempt.record({ type: "session.start", t: 1_800_000_000_000 });
  const state = attempt.state();

  const next = attempt.checkpointInput("cp-1", 1_800_000_010);
  assert.equal(next.from, 0);
  const checkpoint = await signed(pair.privateKey, next.input);
  const key = await importJWK(jwk, "EdDSA");
  const cp = await compactVerify(checkpoint, key);
  assert.deepEqual(cp.protectedHeader, { alg: "EdDSA", kid: grant.claims.cnf.jkt, typ: "assessment-checkpoint+jwt" });
  assert.deepEqual(JSON.parse(new TextDecoder().decode(cp.payload)), { head: state.head, iat: 1_800_000_010, jti: "cp-1", seq: 1, sid: "shim-test-session" });
  assert.equal(attempt.checkpointInput("cp-2", 1_800_000_011), null, "every event is covered");

  assert.throws(() => attempt.resultInput("r-0", 1_800_000_020), (e) => e.code === "not_finished");
  for (const section of state.sections) attempt.record({ type: "section.submit", t: 1_800_000_001_000, section: section.id });
  const done = attempt.state();
  const result = await signed(pair.privateKey, attempt.resultInput("r-1", 1_800_000_020, "ab".repeat(32)));
  const claims = JSON.parse(new TextDecoder().decode((await compactVerify(result, key)).payload));
  assert.equal(claims.grant, grant.token);
  assert.equal(claims.exp, grant.claims.exp);
  assert.deepEqual(claims.log, { alg: "sha256-jcs-chain", head: done.head, n: done.seq });
  assert.equal(claims.eng.wasm_sha256, "ab".repeat(32));
  assert.deepEqual(claims.score, { max: done.score.max, raw: done.score.earned, scale: 1000 });
});

test("folding each step into the page's copy gives the engine's state", async () => {
  const { jwk } = await sessionKey();
  const grant = await grantFor(jwk);
  const attempt = engine.Attempt.open(practice, grant.token, [], 0, false);
  let state = attempt.state();
  let t = 1_800_000_000_000;
  /** What the applicant does next, decided from the page's copy alone, as a UI would. */
  function next(due) {
    const view = due.find((d) => d.kind === "view");
    if (view) return { type: "item.view", item: view.item };
    const open = state.sections.find((s) => s.id === state.section);
    const at = open.items.indexOf(state.current_item);
    const current = state.items.find((v) => v.id === state.current_item);
    if (at % 2 === 0 && !current.flagged) return { type: "item.flag", item: current.id, flagged: true };
    if (at + 1 < open.items.length) return { type: "item.view", item: open.items[at + 1] };
    return { type: "section.submit", section: open.id };
  }
  let step = attempt.record({ type: "session.start", t });
  state = foldStep(state, step);
  const kinds = new Set();
  for (let n = 0; step.status !== "completed" && n < 500; n++) {
    t += 1000;
    step = attempt.record({ ...next(step.due), t });
    state = foldStep(state, step);
    kinds.add(step.recorded[0].type);
    assert.deepEqual(state, attempt.state(), `after event ${state.seq} (${step.recorded[0].type})`);
  }
  assert.equal(step.status, "completed");
  assert.deepEqual([...kinds].sort(), ["item.flag", "item.view", "section.submit"]);
});

test("an attempt resumed from its grant and stored events is the same attempt", async () => {
  const { jwk } = await sessionKey();
  const grant = await grantFor(jwk);
  const live = engine.Attempt.open(practice, grant.token, [], 0, false);
  const events = [];
  let step = live.record({ type: "session.start", t: 1_800_000_000_000 });
  events.push(...step.recorded);
  const item = step.due.find((d) => d.kind === "view").item;
  step = live.record({ type: "item.view", t: 1_800_000_000_500, item });
  events.push(...step.recorded);
  step = live.record({ type: "item.answer", t: 1_800_000_000_400, item, response: "C" });
  assert.equal(step.recorded[0].t, 1_800_000_000_500, "a clock that stepped back is raised to the last event's time");
  events.push(...step.recorded);
  const resumed = engine.Attempt.open(practice, grant.token, events, 1, false);
  assert.deepEqual(resumed.state(), live.state());
  assert.deepEqual(resumed.due(), [{ kind: "clock", t: step.due.find((d) => d.kind === "clock").t }, { kind: "checkpoint", urgency: "soon" }]);
  assert.equal(resumed.checkpointInput("j", 1).from, 1, "the first event went out before");
});

test("a grant for another package, a grant that is not a JWS, or an event out of turn is refused with a code", async () => {
  const { jwk } = await sessionKey();
  const other = await grantFor(jwk, "00".repeat(32));
  assert.throws(() => engine.Attempt.open(practice, other.token, [], 0, false), (e) => e.code === "package_mismatch" && /not this one/.test(e.message));
  assert.throws(() => engine.Attempt.open(practice, "not-a-token", [], 0, false), (e) => e.code === "grant_malformed");
  const grant = await grantFor(jwk);
  const attempt = engine.Attempt.open(practice, grant.token, [], 0, false);
  assert.throws(() => attempt.record({ type: "item.view", t: 1, item: "median-outlier" }), (e) => e.code === "not_started");
  assert.throws(() => attempt.record({ type: "session.start" }), (e) => e.code === "invalid_argument" && /event/.test(e.message));
  assert.equal(attempt.state().seq, 0, "nothing changed");
});

test("the fallback signer's signatures verify with its public key", async () => {
  const seed = new Uint8Array(32).fill(7);
  const jwk = engine.ed25519PublicJwk(seed);
  const input = `${base64url(new TextEncoder().encode('{"alg":"EdDSA"}'))}.${base64url(new TextEncoder().encode("payload"))}`;
  const token = `${input}.${engine.ed25519Sign(seed, input)}`;
  const { payload } = await compactVerify(token, await importJWK(jwk, "EdDSA"));
  assert.equal(new TextDecoder().decode(payload), "payload");
  assert.throws(() => engine.ed25519Sign(new Uint8Array(31), input), (e) => e.code === "invalid_key");
});

// ---- The outbox ------------------------------------------------------------------------------------

/** An in-memory stand-in for the IndexedDB store, with the same methods. */
function memoryStore() {
  const rows = new Map();
  let n = 0;
  return {
    rows,
    async outbox() {
      return [...rows.values()].sort((a, b) => a.n - b.n).map((e) => ({ ...e }));
    },
    async enqueue(entry) {
      n += 1;
      rows.set(n, { ...entry, n });
      return n;
    },
    async updateEntry(entry) {
      rows.set(entry.n, { ...entry });
    },
    async removeEntry(key) {
      rows.delete(key);
    },
  };
}

test("backoff grows exponentially with full jitter and a cap", () => {
  assert.equal(backoff(0, () => 0), 500);
  assert.equal(backoff(0, () => 1), 1000);
  assert.equal(backoff(3, () => 1), 8000);
  assert.equal(backoff(30, () => 1), 60000);
  assert.equal(backoff(30, () => 0), 30000);
});

test("the outbox delivers in order, retries server errors, sets 4xx aside and keys each send by jti", async (t) => {
  const sent = [];
  const replies = [500, 201, 422, 201];
  t.mock.method(globalThis, "fetch", async (url, init) => {
    sent.push({ url, key: init.headers["Idempotency-Key"], body: init.body });
    const status = replies.shift();
    return new Response(JSON.stringify(status === 422 ? { error: { code: "checkpoint_invalid", message: "bad" } } : { ok: true }), { status });
  });
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const store = memoryStore();
  const rejected = [];
  const delivered = [];
  const outbox = new Outbox(store, { onRejected: (e, error) => rejected.push([e.jti, error.code]), onDelivered: (e) => delivered.push(e.jti) });
  await outbox.add({ jti: "a", sid: "s", url: "/one", body: "1" });
  await outbox.add({ jti: "b", sid: "s", url: "/two", body: "2" });
  await outbox.add({ jti: "c", sid: "s", url: "/three", body: "3" });
  await waitUntil(() => sent.length === 1 && outbox.failing);
  assert.equal(outbox.hasPending("s"), true);
  assert.equal([...store.rows.values()][0].attempts, 1, "the failed attempt is counted in the store");
  t.mock.timers.tick(60000);
  await waitUntil(() => sent.length === 4 && !outbox.running);
  assert.deepEqual(sent.map((s) => s.key), ["a", "a", "b", "c"]);
  assert.deepEqual(delivered, ["a", "c"]);
  assert.deepEqual(rejected, [["b", "checkpoint_invalid"]]);
  assert.deepEqual([...store.rows.values()].map((e) => [e.jti, e.rejected?.status]), [["b", 422]], "a refused entry is kept, marked");
  assert.equal(outbox.hasPending("s"), false);
});

async function waitUntil(condition) {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(condition(), "condition never held");
}

// ---- Typed-answer drafts ---------------------------------------------------------------------------

function memoryStorage() {
  const data = new Map();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => data.set(k, String(v)), removeItem: (k) => data.delete(k), data };
}

test("a typed answer is a draft from the first keystroke until it is recorded", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const storage = memoryStorage();
  const recorded = [];
  let finish;
  const queue = answerQueue((item, response, t) => new Promise((resolve) => { recorded.push([item, response, t]); finish = resolve; }), { storage, key: "d" });
  queue.put("q1", "5", 10);
  queue.put("q1", "5.5", 20);
  assert.deepEqual(JSON.parse(storage.getItem("d")), [["q1", { response: "5.5", t: 20 }]]);
  assert.equal(recorded.length, 0, "nothing is recorded before the pause");
  t.mock.timers.tick(800);
  assert.deepEqual(recorded, [["q1", "5.5", 20]]);
  assert.notEqual(storage.getItem("d"), null, "the draft stays until the record is stored");
  finish();
  await new Promise((r) => setImmediate(r));
  assert.equal(storage.getItem("d"), null);
});

test("drafts left by a closed page are recorded by the next one", () => {
  const storage = memoryStorage();
  storage.setItem("d", JSON.stringify([["q2", { response: "base rate", t: 30 }]]));
  const recorded = [];
  const queue = answerQueue((...args) => recorded.push(args), { storage, key: "d" });
  assert.equal(queue.restore(), 1);
  assert.deepEqual(recorded, [["q2", "base rate", 30]]);
  const empty = answerQueue(() => assert.fail("nothing to record"), { storage: memoryStorage(), key: "d" });
  assert.equal(empty.restore(), 0);
});

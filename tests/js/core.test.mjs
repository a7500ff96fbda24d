// The built wasm package (www/pkg) as the browser shim uses it, under Node's test runner.
// Run after scripts/build-wasm:  node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root));
const { default: init, Session, validatePackage, engineVersion } = await import(new URL("www/pkg/assay.js", root));
await init({ module_or_path: read("www/pkg/assay_bg.wasm") });

const practice = read("samples/data-ai-practice.json").toString();
const golden = JSON.parse(read("tests/golden/practice.expected.json"));
const goldenEvents = read("tests/golden/practice.events.jsonl").toString().trim().split("\n").map((l) => JSON.parse(l));
const goldenConfig = { sid: "golden-session", nonce: "bm9uY2Utb2YtMTI4LWJpdHM", seed: 20261128 };

test("the golden log replays to the golden state through the JS API", () => {
  const session = Session.replay(practice, goldenConfig, goldenEvents);
  assert.deepEqual(session.state(), golden.state);
  assert.equal(session.summary().sha256, golden.package_sha256);
});

test("applying events one by one gives the same state as replay", () => {
  const session = Session.start(practice, goldenConfig);
  for (const event of goldenEvents) session.apply(event);
  assert.equal(session.state().head, golden.state.head);
});

test("a refused event throws an Error with a code and changes nothing", () => {
  const session = Session.start(practice, { sid: "s", nonce: "n", seed: 1 });
  session.apply({ type: "session.start", t: 1000 });
  const before = session.state();
  assert.throws(
    () => session.apply({ type: "item.answer", t: 1001, item: "median-outlier", response: "5.5" }),
    (e) => e instanceof Error && e.code === "item_not_viewed" && /not been viewed/.test(e.message),
  );
  assert.throws(() => session.apply({ type: "item.view", t: 999, item: "median-outlier" }), { code: "time_went_backwards" });
  assert.throws(() => session.apply({ type: "item.view", t: 1002 }), { code: "invalid_argument" });
  assert.deepEqual(session.state(), before);
});

test("an answer is scored in thousandths of a point", () => {
  const session = Session.start(practice, { sid: "s", nonce: "n", seed: 1 });
  session.apply({ type: "session.start", t: 0 });
  session.apply({ type: "item.view", t: 1, item: "median-outlier" });
  session.apply({ type: "item.answer", t: 2, item: "median-outlier", response: "5.5" });
  const item = session.state().items.find((i) => i.id === "median-outlier");
  assert.equal(item.score.outcome, "correct");
  assert.equal(item.score.earned, item.max);
  assert.equal(item.max % 1000, 0);
});

test("presented items carry no key", () => {
  const session = Session.start(practice, { sid: "s", nonce: "n", seed: 3 });
  for (const { id } of session.state().items) {
    const text = JSON.stringify(session.item(id));
    assert.ok(!/"key"|"accepted"|"answer"|"pattern"/.test(text), `${id} leaks its key: ${text}`);
  }
});

test("the clock view ticks between events and flags expiry", () => {
  const session = Session.start(practice, { sid: "s", nonce: "n", seed: 1, accommodations: { time_multiplier_permille: 1500 } });
  session.apply({ type: "session.start", t: 0 });
  const limit = session.summary().time_limit_ms;
  assert.equal(limit, 30 * 60 * 1000 * 1.5);
  assert.equal(session.timeAt(60_000).remaining_ms, limit - 60_000);
  assert.equal(session.timeAt(limit).expired, true);
});

test("invalid packages throw with every issue and its path", () => {
  const broken = JSON.parse(practice);
  broken.sections[0].items[0].interaction.key = "Z";
  broken.sections[1].items[0].id = broken.sections[0].items[1].id;
  assert.throws(
    () => validatePackage(JSON.stringify(broken)),
    (e) =>
      e.code === "package_invalid" &&
      e.issues.some((i) => i.path === "sections[0].items[0].interaction.key") &&
      e.issues.some((i) => i.path === "sections[1].items[0].id" && /duplicate id/.test(i.message)),
  );
  assert.throws(() => validatePackage("{"), { code: "package_syntax" });
  assert.match(engineVersion(), /^\d+\.\d+\.\d+/);
});

test("a multiple-choice selection below its minimum is kept as no answer yet, in wasm too", () => {
  const choose = {
    format: 1, id: "choose", version: "1", title: "Choose",
    sections: [{ id: "s", items: [{ id: "m", stem: "Pick A and C", points: 1, interaction: {
      type: "multiple_choice", min_choices: 2, max_choices: 3, key: ["A", "C"],
      choices: ["A", "B", "C", "D"].map((id) => ({ id, text: id.toLowerCase() })),
    } }] }],
  };
  const session = Session.start(JSON.stringify(choose), { sid: "s", nonce: "n", seed: 1 });
  session.apply({ type: "session.start", t: 0 });
  session.apply({ type: "item.view", t: 1, item: "m" });
  session.apply({ type: "item.answer", t: 2, item: "m", response: ["A"] });
  let [m] = session.state().items;
  assert.deepEqual([m.response, m.answered, m.score], [["A"], false, null]);
  session.apply({ type: "item.answer", t: 3, item: "m", response: ["C", "A"] });
  [m] = session.state().items;
  assert.deepEqual([m.answered, m.score.outcome], [true, "correct"]);
  assert.throws(() => session.apply({ type: "item.answer", t: 4, item: "m", response: ["A", "B", "C", "D"] }), { code: "invalid_response" });
});

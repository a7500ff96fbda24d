// What every browser test here shares: the browser, problems and the closing report, console
// watching, screenshots with axe-core, keyboard focus helpers, and reproducible session seeds.
//
// Seeds: every session a test creates gets a seed derived from one run seed, sent with the
// session request (the server must run with --accept-seeds, as scripts/e2e starts it). The run
// seed is `--seed N` on the command line, else ASSAY_E2E_SEED, else drawn at random (a server
// without --accept-seeds draws its own, and the run is then not replayable); a failing
// run prints it with every session's seed and item order, so the same run can be replayed:
//   ASSAY_E2E_SEED=N scripts/e2e     or     node tests/e2e/durability.mjs URL --seed N

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

/** The repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
/** Where screenshots go. */
export const out = path.join(root, "artifacts/screens");
/** The backend under test (first argument that is not an option). */
export const base = (process.argv.slice(2).find((a, i, all) => !a.startsWith("--") && all[i - 1] !== "--seed") ?? "http://127.0.0.1:8099").replace(/\/+$/, "");
/** The operator token scripts/e2e starts the server with (for the audit endpoint). */
export const TOKEN = process.env.ASSAY_E2E_TOKEN ?? "e2e-token";

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

// ---- Problems ------------------------------------------------------------------------------------

/** Every problem found so far, in order. */
export const problems = [];
/** Records a problem and says it at once. */
export function problem(text) {
  problems.push(text);
  console.error(`  ✗ ${text}`);
}
/** Records `text` as a problem unless `ok`. */
export const check = (ok, text) => ok || problem(text);

// ---- Seeds ---------------------------------------------------------------------------------------

const MAX_SAFE = (1n << 53n) - 1n;

function runSeedFromArgs() {
  const at = process.argv.indexOf("--seed");
  const given = at > 0 ? process.argv[at + 1] : process.env.ASSAY_E2E_SEED;
  if (given !== undefined && given !== "") {
    if (!/^\d+$/.test(given) || BigInt(given) > MAX_SAFE) throw new Error(`the seed must be a whole number below 2^53, not “${given}”`);
    return BigInt(given);
  }
  return BigInt(Math.floor(Math.random() * 2 ** 32)) * 2048n + BigInt(Math.floor(Math.random() * 2048));
}

/** The run seed: every session's seed follows from it and the order the sessions are created in. */
export const runSeed = runSeedFromArgs();

/** SplitMix64's finaliser: well spread seeds from consecutive counters. */
function sessionSeed(n) {
  let z = (runSeed + BigInt(n) * 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
  return Number((z ^ (z >> 31n)) & MAX_SAFE);
}

/** Sessions created in this run: { n, package, seed, sid, order }. */
const sessions = [];

/** Sends the next derived seed with every session request this context makes, and records it. */
export async function seedSessions(context) {
  await context.route(/\/v1\/sessions$/, async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.fallback();
    const body = request.postDataJSON();
    const entry = { n: sessions.length + 1, package: body.package, seed: sessionSeed(sessions.length), sid: null, order: null };
    sessions.push(entry);
    let response = await route.fetch({ postData: JSON.stringify({ ...body, seed: entry.seed }) });
    let reply = await response.json().catch(() => ({}));
    if (reply?.error?.code === "seed_not_accepted") {
      // A server that draws its own seeds (scripts/demo, say): measure it as it is.
      entry.seed = null;
      response = await route.fetch();
      reply = await response.json().catch(() => ({}));
    }
    entry.sid = reply.sid ?? null;
    await route.fulfill({ response, json: reply });
    if (entry.sid) recordOrder(request.frame(), entry);
  });
  return context;
}

/** A new browser context whose sessions take their seeds from the run seed. */
export async function newContext(browser, options = {}) {
  return seedSessions(await browser.newContext(options));
}

/** Reads the item order the session's seed produced, once the page holds the session. */
function recordOrder(frame, entry) {
  frame
    .waitForFunction((sid) => document.querySelector("assay-assessment")?.run?.state && document.querySelector("assay-assessment").sid === sid, entry.sid, { timeout: 30000 })
    .then(() => frame.evaluate(() => document.querySelector("assay-assessment").run.state.sections.map((s) => `${s.id}: ${s.items.join(" ")}`)))
    .then((order) => {
      entry.order = order;
    })
    .catch(() => {});
}

// ---- Browser -------------------------------------------------------------------------------------

/** Debian's Chromium, headless, with nothing reaching out to the network by itself. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/**
 * Console errors and exceptions are problems (unless they match `allow`), and so is any Content
 * Security Policy violation by the page's own files. axe-core, evaluated into the page (no source
 * file), applies inline styles to measure text, which the policy refuses: those are expected.
 */
export function watch(page, label, { allow = [] } = {}) {
  page.addInitScript(() =>
    window.addEventListener("securitypolicyviolation", (e) => console.log(`csp-violation ${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`), true),
  );
  page.on("console", (m) => {
    const text = m.text();
    if (/^Applying inline style violates|Content Security Policy directive 'style-src/.test(text)) return;
    const csp = /^csp-violation (\S+) (\S*):(\d+)$/.exec(text);
    if (csp) {
      if (csp[2] !== "" && csp[2] !== "undefined") problem(`[${label}] ${csp[1]} violated by ${csp[2]}:${csp[3]}`);
      return;
    }
    if (m.type() !== "error" || allow.some((re) => re.test(text))) return;
    problem(`[${label}] console error: ${text} (${page.url()})`);
  });
  page.on("pageerror", (e) => problem(`[${label}] uncaught exception: ${e.message} (${page.url()})`));
  return page;
}

/** A full-page screenshot in artifacts/screens/, audited with axe-core (WCAG 2.1 A and AA) unless `a11y` is false. */
export async function shoot(page, name, { a11y = true } = {}) {
  await page.waitForTimeout(150);
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`  📷 ${path.relative(root, file)}`);
  if (!a11y) return file;
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  });
  for (const v of violations) problem(`[axe ${name}] ${v}`);
  await page.waitForTimeout(50); // console messages arrive after evaluate returns
  return file;
}

// ---- Keyboard ------------------------------------------------------------------------------------

/** A plain description of the focused element, looking inside shadow roots. */
export function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return { tag: "body", text: "", className: "", data: {} };
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute("type") ?? "",
      text: (el.innerText ?? "").replace(/\s+/g, " ").trim(),
      label: (el.labels?.[0]?.innerText ?? "").replace(/\s+/g, " ").trim(),
      ariaLabel: el.getAttribute("aria-label") ?? "",
      href: el.getAttribute("href") ?? "",
      className: typeof el.className === "string" ? el.className : "",
      data: { ...el.dataset },
      value: "value" in el ? el.value : null,
      checked: el.checked ?? null,
      disabled: el.getAttribute("aria-disabled") === "true" || el.disabled === true,
      editor: !!el.closest?.(".code-editor"),
    };
  });
}

/** Presses Tab until `match(focused)` holds; throws after `max` presses. */
export async function tabTo(page, match, what, { max = 80 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (match(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

/** Matches a focused button by its text. */
export const isButton = (text) => (f) => f.tag === "button" && f.text === text;

// ---- Calls across the JS↔wasm boundary ----------------------------------------------------------

/**
 * Counts every call the page makes into the engine from now on (methods of the run's Attempt and
 * of any Judging it starts). Returns `take()`, which reads the counts by method and starts over.
 */
export async function countEngineCalls(page) {
  await page.evaluate(() => {
    globalThis.__engineCalls = {};
    const wrap = (proto, name) => {
      for (const key of Object.getOwnPropertyNames(proto)) {
        const f = proto[key];
        // `__wrap` and the like are the glue's own bookkeeping, not calls into the module.
        if (key === "constructor" || key.startsWith("__") || typeof f !== "function" || f.counted) continue;
        proto[key] = function (...args) {
          globalThis.__engineCalls[`${name}.${key}`] = (globalThis.__engineCalls[`${name}.${key}`] ?? 0) + 1;
          const out = f.apply(this, args);
          if (key === "judging") wrap(Object.getPrototypeOf(out), "Judging");
          return out;
        };
        proto[key].counted = true;
      }
    };
    wrap(Object.getPrototypeOf(document.querySelector("assay-assessment").run.attempt), "Attempt");
  });
  return () =>
    page.evaluate(() => {
      const calls = globalThis.__engineCalls;
      globalThis.__engineCalls = {};
      return calls;
    });
}

/** `{total, readout, text}` of counts: `readout` is the clock display's `timeAt` (ticks every second). */
export function describeCalls(calls) {
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  const readout = calls["Attempt.timeAt"] ?? 0;
  const text = Object.entries(calls)
    .sort()
    .map(([name, n]) => `${n} ${name}`)
    .join(", ");
  return { total, readout, text };
}

// ---- The end of a run ----------------------------------------------------------------------------

/** Runs `body` with a browser, then reports: on any problem, the seeds to replay it, and exit 1. */
export async function run(name, body) {
  console.log(`${name}: run seed ${runSeed}`);
  const browser = await launch();
  try {
    await body(browser);
  } catch (error) {
    problem(`run stopped: ${error.stack ?? error}`);
  } finally {
    await browser.close();
  }
  if (problems.length === 0) return;
  console.error(`${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  console.error(`replay with the same seeds: ASSAY_E2E_SEED=${runSeed} scripts/e2e (or --seed ${runSeed})`);
  for (const s of sessions) {
    console.error(`  session ${s.n} (${s.package}): seed ${s.seed ?? "drawn by the server"}, sid ${s.sid ?? "none"}`);
    for (const line of s.order ?? ["order not read"]) console.error(`      ${line}`);
  }
  process.exit(1);
}

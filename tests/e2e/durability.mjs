// Nothing the applicant does is lost: reloads, a closed tab, a second tab, a whole test taken
// offline, a backend that fails or hangs; and the embed page and iframe mode work for a partner.
//
//   node tests/e2e/durability.mjs [base URL]     (scripts/e2e starts `assay serve` and runs it)
//   node tests/e2e/durability.mjs http://127.0.0.1:8080 --figures    (sizes and load times only;
//                                                                     scripts/bench runs it)
//
// Checks against the backend go through its audit endpoint (GET /v1/sessions/{sid}, bearer
// token): every checkpoint the page sent is stored exactly once, and exactly one result.

import { readFile, mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { createServer } from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { TOKEN, base, check, newContext, out, problem, root, run, shoot, watch } from "./lib/harness.mjs";

/** `--figures`: instead of the tests, measure sizes and start-up times (against any server, e.g. scripts/demo). */
const figuresOnly = process.argv.includes("--figures");
const PACKAGE = "data-ai-practice";
const TAKE = `${base}/take.html?package=${PACKAGE}`;
/** The partner origin scripts/e2e lets frame the test (--cors-origin). */
const PARTNER_PORT = Number(process.env.ASSAY_E2E_PARTNER_PORT ?? 8097);
/** The port of the server the outage scenario takes down and brings back. */
const OUTAGE_PORT = Number(process.env.ASSAY_E2E_OUTAGE_PORT ?? 8096);

// ---- Page helpers -------------------------------------------------------------------------------

/**
 * Contexts for scenarios that emulate the network (offline, routes) keep the demo's service
 * worker out: Chromium's network emulation does not reach a worker's requests.
 */
const QUIET = { viewport: { width: 1280, height: 900 }, serviceWorkers: "block" };

const NETWORK_TROUBLE = [/Failed to load resource/, /ERR_INTERNET_DISCONNECTED/, /Failed to fetch/];

/** The session state as the page holds it. */
const state = async (page) => {
  await page.waitForFunction(() => document.querySelector("assay-assessment")?.run);
  return page.evaluate(() => document.querySelector("assay-assessment").run.state);
};
/** The events the page holds, in order. */
const eventsOf = async (page) => {
  await page.waitForFunction(() => document.querySelector("assay-assessment")?.run);
  return page.evaluate(() => document.querySelector("assay-assessment").run.events);
};
/** What a page records by itself as it closes or opens: no answer among them. */
const UNPROMPTED = new Set(["focus.lost", "focus.gained", "item.view"]);
const timeLeft = (page) => page.evaluate(() => document.querySelector("assay-assessment").run.timeAt(Date.now()).remaining_ms);
const sidOf = (page) => page.evaluate(() => document.querySelector("assay-assessment").sid);
const heading = async (page) => (await (await page.waitForSelector(".item-heading")).textContent()).trim();
const status = (page) => page.textContent(".save-status");

async function audit(sid) {
  const response = await fetch(`${base}/v1/sessions/${sid}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  return response.status === 404 ? { events: 0, checkpoints: [], results: [] } : response.json();
}

async function waitFor(what, test, { timeout = 60000 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The jti of every checkpoint and result the page tries to send (read from the JWS payloads). */
function recordSends(page) {
  const sent = { checkpoints: new Set(), results: new Set() };
  page.on("request", (request) => {
    if (request.method() !== "POST") return;
    const body = request.postDataJSON?.() ?? null;
    const token = body?.checkpoint ?? body?.result;
    if (!token) return;
    const claims = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());
    (body.checkpoint ? sent.checkpoints : sent.results).add(claims.jti);
  });
  return sent;
}

/** Everything the page sent is stored, once; exactly one result; the events match. */
async function expectDelivered(page, sent, label) {
  const sid = await sidOf(page);
  const seq = (await state(page)).seq;
  const stored = await waitFor(`${label}: the result at the backend`, async () => {
    const a = await audit(sid);
    return a.results.length > 0 && a.checkpoints.length >= sent.checkpoints.size ? a : null;
  });
  const storedJtis = stored.checkpoints.map((c) => c.jti);
  check(new Set(storedJtis).size === storedJtis.length, `${label}: a checkpoint is stored twice`);
  check(
    storedJtis.length === sent.checkpoints.size && storedJtis.every((j) => sent.checkpoints.has(j)),
    `${label}: the page sent ${sent.checkpoints.size} checkpoints, the backend holds ${storedJtis.length}`,
  );
  check(stored.results.length === 1, `${label}: the backend holds ${stored.results.length} results, not 1`);
  check(stored.events === seq, `${label}: the page has ${seq} events, the backend ${stored.events}`);
  check(stored.results[0]?.flags.length === 0, `${label}: the result is flagged ${stored.results[0]?.flags}`);
  const shown = await page.textContent(".score-earned");
  const rescore = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 3 }).format(stored.results[0].score.raw / 1000);
  check(shown === rescore, `${label}: the page shows ${shown} points, the backend's re-score is ${rescore}`);
  console.log(`  ${label}: ${seq} events, ${storedJtis.length} checkpoints and 1 result stored once each; re-score ${rescore} = shown`);
}

/** Answers the current question with the mouse (keyboard runs are tests/e2e/screens.mjs). */
async function answerCurrent(page, text = "1") {
  const item = await page.waitForSelector("[data-item]");
  const type = await item.evaluate((el) => el.querySelector("[data-interaction]")?.dataset.interaction);
  if (type === "numeric" || type === "text_entry") {
    await page.fill("[data-item] input", text);
  } else if (type === "single_choice" || type === "likert") {
    await page.locator("[data-item] input[type=radio]").first().check();
  } else if (type === "multiple_choice") {
    await page.locator("[data-item] input[type=checkbox]").first().check();
  } else if (type === "matching") {
    await page.locator("[data-item] select").first().selectOption({ index: 1 });
  } else if (type === "ordering") {
    // A fresh ordering question offers to keep its starting order; a saved one (answered before
    // a reload, or on an earlier visit) no longer does, and moving an entry answers it either way.
    const keep = page.getByRole("button", { name: "Save this order" });
    if (await keep.isVisible()) await keep.click();
    else await page.locator("[data-item] .ordering-entry button[data-step='1']:not([aria-disabled])").first().click();
  }
  return type;
}

async function next(page) {
  const before = await heading(page);
  await page.getByRole("button", { name: "Next" }).click();
  await waitFor("the next question", async () => (await heading(page)) !== before);
}

async function finishSection(page) {
  await page.getByRole("button", { name: "Finish section" }).click();
  await page.waitForSelector(".screen--review");
  await page.getByRole("button", { name: /^Finish (section|and submit the test)$/ }).last().click();
  await page.waitForSelector(".screen--review", { state: "detached" });
}

/** Answers every question of the open section, then finishes it. */
async function completeSection(page) {
  for (;;) {
    await answerCurrent(page);
    if (await page.$eval(".pager .button--primary", (b) => b.disabled)) break;
    await next(page);
  }
  await finishSection(page);
}

async function completeTest(page) {
  while ((await state(page)).status === "in_progress") await completeSection(page);
  await page.waitForSelector(".screen--result");
}

function responseOf(s, id) {
  return s.items.find((i) => i.id === id)?.response ?? null;
}

// ---- Scenarios ----------------------------------------------------------------------------------

async function reloads(browser) {
  console.log("reloads, a closed tab and a second tab");
  const context = await newContext(browser, QUIET);
  let page = watch(await context.newPage(), "reload");
  let sent = recordSends(page);
  await page.goto(TAKE);
  await page.waitForSelector(".screen--intro");
  await page.reload();
  await page.waitForSelector(".screen--intro");
  await page.getByRole("button", { name: "Start the test" }).click();

  // A choice, then a reload straight away, within the checkpoint delay: the reloaded page sends
  // what the closed one kept, with nothing more done by the applicant.
  await answerCurrent(page);
  await page.waitForSelector(".answer-status.is-saved");
  const first = (await state(page)).current_item;
  await page.reload();
  check((await heading(page)).startsWith("Question 1 of"), "after a reload the test is not at question 1");
  const reloaded = await state(page);
  check(responseOf(reloaded, first) !== null, "a chosen answer was lost in a reload");
  const sid = await sidOf(page);
  const arrived = await waitFor("the events a reload left on the device, at the backend", async () => ((await audit(sid)).events === reloaded.seq ? true : null), { timeout: 20000 }).catch(() => false);
  check(arrived, `the backend never received the ${reloaded.seq} events recorded before a quick reload`);
  const saved = await waitFor("“All answers saved” after the quick reload", async () => (await status(page)) === "All answers saved").catch(() => false);
  check(saved, `after a quick reload the status stays “${await status(page)}”`);

  // A typed answer, reloaded before the typing pause that records it.
  await next(page);
  const typedItem = (await state(page)).current_item;
  await page.locator("[data-item] input").first().pressSequentially("5.5");
  await page.reload();
  // The reloaded page records the draft the closed one kept, in turn after anything else it has
  // to do first (delivering what the closed page left): wait for it rather than read at once.
  const typed = await waitFor("the typed answer after the reload", async () => responseOf(await state(page), typedItem), { timeout: 10000 }).catch(() => null);
  check(JSON.stringify(typed)?.includes("5.5"), `a typed answer was lost in a reload (holds ${JSON.stringify(typed)})`);
  check((await page.inputValue("[data-item] input")) === "5.5", "the typed answer is not shown after the reload");

  // The clock keeps running through a reload, and is not reset by it. Each reading is bracketed
  // by this process's clock, so however slow the machine, the time that passed between the two
  // readings lies between the brackets' inner and outer spans.
  const read = async () => {
    const from = Date.now();
    const left = await timeLeft(page);
    return { left, from, to: Date.now() };
  };
  const before = await read();
  await page.waitForTimeout(2500);
  await page.reload();
  await heading(page);
  const after = await read();
  const used = before.left - after.left;
  const least = after.from - before.to;
  const most = after.to - before.from;
  // 50 ms for the page's own rounding of t to whole milliseconds and event ordering.
  check(used >= least - 50 && used <= most + 50, `the reload used ${used} ms of the test's time; ${least}–${most} ms passed`);
  console.log(`  time left ${before.left} ms → ${after.left} ms across a 2.5 s reload: ${used} ms used, ${least}–${most} ms passed`);

  // Into section 2, then close the tab and open the test again.
  await finishSection(page);
  await answerCurrent(page);
  await page.waitForSelector(".answer-status.is-saved");
  const s2 = await eventsOf(page);
  const where = await heading(page);
  await page.close();
  page = watch(await context.newPage(), "reopen");
  sent = mergeSends(sent, recordSends(page));
  await page.goto(TAKE);
  check((await heading(page)) === where, `reopening the test shows “${await heading(page)}”, not “${where}”`);
  // Every event the closed tab held comes back in order. Closing a window can still record its
  // focus loss after the last reading (or not, on a busy machine): that is all that may follow.
  const reopened = await eventsOf(page);
  const kept = JSON.stringify(reopened.slice(0, s2.length)) === JSON.stringify(s2);
  const extra = reopened.slice(s2.length).map((e) => e.type);
  check(kept, `reopening the test did not bring back the ${s2.length} events the closed tab held (it has ${reopened.length})`);
  check(extra.every((type) => UNPROMPTED.has(type)), `reopening the test added ${extra.join(", ")} to the ${s2.length} events the closed tab held`);

  // A second tab on the same session is refused politely; the first carries on.
  const second = watch(await context.newPage(), "second tab");
  await second.goto(TAKE);
  const refusal = await (await second.waitForSelector("h1")).textContent();
  check(refusal === "This test is open in another tab", `a second tab shows “${refusal}”`);
  await shoot(second, "second-tab", { a11y: false });
  await second.close();

  await completeTest(page);
  await page.reload();
  await page.waitForSelector(".screen--result");
  await page.waitForSelector("[data-receipt]", { timeout: 90000 });
  await expectDelivered(page, sent, "reloads");

  // A practice test can be taken again once the server has the result: a new session.
  const firstSid = await sidOf(page);
  await page.getByRole("button", { name: "Take the test again" }).click();
  await page.waitForSelector(".screen--intro");
  const secondSid = await sidOf(page);
  check(secondSid && secondSid !== firstSid, "taking the test again did not start a new session");
  check((await audit(firstSid)).results.length === 1, "taking the test again touched the first result");
  await context.close();
}

async function adaptiveReloads(browser) {
  console.log("reloads in an adaptive test");
  const context = await newContext(browser, QUIET);
  const page = watch(await context.newPage(), "adaptive reload");
  const sent = recordSends(page);
  await page.goto(`${base}/take.html?package=ai-aptitude`);
  await page.getByRole("button", { name: "Start the test" }).click();
  for (let i = 0; i < 3; i++) {
    await answerCurrent(page);
    const before = await heading(page);
    await page.getByRole("button", { name: /Continue/ }).click();
    await waitFor("the next adaptive question", async () => (await heading(page)) !== before);
    if (i === 1) {
      // Straight after an answer: the engine's next question and its estimate survive a reload.
      const s = await state(page);
      await page.reload();
      const again = await state(page);
      check(again.current_item === s.current_item, `after a reload the adaptive test shows ${again.current_item}, not ${s.current_item}`);
      check(JSON.stringify(again.sections[0].adaptive) === JSON.stringify(s.sections[0].adaptive), "after a reload θ and SE differ");
    }
  }
  const third = await state(page);
  check(third.sections[0].adaptive.answered === 3, `the adaptive section counts ${third.sections[0].adaptive.answered} answers, not 3`);
  while ((await state(page)).status === "in_progress") {
    await answerCurrent(page);
    const before = await heading(page).catch(() => "");
    await page.getByRole("button", { name: /Continue/ }).click();
    await waitFor("the next adaptive step", async () => (await state(page)).status !== "in_progress" || (await heading(page).catch(() => before)) !== before);
  }
  await page.waitForSelector("[data-receipt]", { timeout: 90000 });
  await expectDelivered(page, sent, "adaptive");
  await context.close();
}

function mergeSends(a, b) {
  return {
    get checkpoints() {
      return new Set([...a.checkpoints, ...b.checkpoints]);
    },
    get results() {
      return new Set([...a.results, ...b.results]);
    },
  };
}

async function offline(browser) {
  console.log("the whole test offline");
  const context = await newContext(browser, QUIET);
  const page = watch(await context.newPage(), "offline", { allow: NETWORK_TROUBLE });
  const sent = recordSends(page);
  await page.goto(TAKE);
  await page.waitForSelector(".screen--intro");
  const sid = await sidOf(page);
  await context.setOffline(true);
  await page.getByRole("button", { name: "Start the test" }).click();
  await completeSection(page);
  const shown = await waitFor("the offline status", async () => ((await status(page)).startsWith("Offline") ? status(page) : null));
  check(shown === "Offline: your answers are kept on this device", `offline status reads “${shown}”`);
  await shoot(page, "offline-status", { a11y: false });
  await completeTest(page);
  const waiting = await page.textContent(".screen--result .callout");
  check(/kept on this device/.test(waiting), `the result screen offline says “${waiting}”`);
  const during = await audit(sid);
  check(during.events === 0 && during.results.length === 0, "the backend received something while the browser was offline");
  await context.setOffline(false);
  await page.waitForSelector("[data-receipt]", { timeout: 60000 });
  await waitFor("“All answers saved”", async () => (await status(page)) === "All answers saved");
  await expectDelivered(page, sent, "offline");
  await context.close();
}

async function serverTrouble(browser) {
  console.log("a backend that fails, then hangs");
  const context = await newContext(browser, QUIET);
  const page = watch(await context.newPage(), "trouble", { allow: NETWORK_TROUBLE });
  const sent = recordSends(page);
  let failing = true;
  let hung = 0;
  await page.route(/\/v1\/(sessions\/[^/]+\/checkpoints|results)$/, async (route) => {
    if (failing) return route.fulfill({ status: 500, contentType: "application/json", body: '{"error":{"code":"internal","message":"down"}}' });
    if (hung === 0 && route.request().url().endsWith("/v1/results")) {
      // The first result request hangs past the shim's 15 s timeout, then reaches the server late.
      hung += 1;
      await new Promise((r) => setTimeout(r, 17000));
      return route.continue().catch(() => {});
    }
    return route.continue();
  });
  await page.goto(TAKE);
  await page.getByRole("button", { name: "Start the test" }).click();
  await completeSection(page);
  await waitFor("the failing status", async () => (await status(page)).startsWith("Offline"));
  await completeTest(page);
  failing = false;
  await page.waitForSelector("[data-receipt]", { timeout: 90000 });
  check(hung === 1, "the hanging backend was never exercised");
  await expectDelivered(page, sent, "500 then a hang");
  await context.close();
}

async function refusedResult(browser) {
  console.log("a backend that refuses the result");
  const context = await newContext(browser, QUIET);
  const page = watch(await context.newPage(), "refused", { allow: [/status of 422/] });
  await page.route(/\/v1\/results$/, (route) =>
    route.fulfill({ status: 422, contentType: "application/json", body: '{"error":{"code":"result_invalid","message":"the result failed verification"}}' }),
  );
  await page.goto(TAKE);
  const signalled = page.evaluate(() => new Promise((resolve) => document.querySelector("assay-assessment").addEventListener("assay:error", (e) => resolve(e.detail), { once: true })));
  await page.getByRole("button", { name: "Start the test" }).click();
  await completeTest(page);
  const error = await signalled;
  check(error.code === "result_invalid", `assay:error carried ${JSON.stringify(error)}`);
  const said = await (await page.waitForSelector(".callout--error")).textContent();
  check(/did not accept this result.*failed verification/.test(said), `the result screen says “${said}”`);
  await shoot(page, "result-refused");
  console.log("  a refused result is said plainly, with its reference, and kept on the device");
  await context.close();
}

/** A server of our own on the same database file, so the test can take it down and back up. */
async function startServer(db, port) {
  const bin = process.env.ASSAY_BIN ?? path.join(root, "target/debug/assay");
  const child = spawn(bin, ["serve", "--addr", `127.0.0.1:${port}`, "--www", path.join(root, "www"), "--pages", path.join(root, "demo"), "--samples", process.env.ASSAY_E2E_SAMPLES ?? path.join(root, "samples"), "--db", db, "--export-token", TOKEN, "--accept-seeds"], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => /http:\/\//.test(String(chunk)) && resolve());
    child.on("exit", (code) => reject(new Error(`assay serve exited with ${code}`)));
  });
  return child;
}

async function outage(browser) {
  console.log("the server goes down mid-test: reload from the service worker's copy, deliver on return");
  const dir = await mkdtemp(path.join(tmpdir(), "assay-outage-"));
  const db = path.join(dir, "outage.sqlite");
  const port = OUTAGE_PORT;
  const own = `http://127.0.0.1:${port}`;
  let server = await startServer(db, port);
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = watch(await context.newPage(), "outage", { allow: NETWORK_TROUBLE });
  try {
    await page.goto(`${own}/take.html?package=${PACKAGE}`);
    await page.getByRole("button", { name: "Start the test" }).click();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await answerCurrent(page);
    await page.waitForSelector(".answer-status.is-saved");
    const sid = await sidOf(page);
    server.kill("SIGKILL");
    await new Promise((r) => server.once("exit", r));
    const where = await heading(page);
    const seq = (await state(page)).seq;
    await page.reload();
    check((await heading(page)) === where, `reloading during the outage shows “${await heading(page)}”, not “${where}”`);
    check((await state(page)).seq === seq, "reloading during the outage lost events");
    await completeTest(page);
    await waitFor("the offline status", async () => (await status(page)).startsWith("Offline"));
    server = await startServer(db, port);
    await page.waitForSelector("[data-receipt]", { timeout: 90000 });
    const stored = await (await fetch(`${own}/v1/sessions/${sid}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
    check(stored.results.length === 1 && stored.events === (await state(page)).seq, `after the outage the server holds ${stored.results.length} results and ${stored.events} events`);
    console.log(`  reloaded while the server was down, finished the test, delivered ${stored.events} events and 1 result when it came back`);
  } finally {
    server.kill("SIGKILL");
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// ---- The embed page and the iframe mode ---------------------------------------------------------

/** A partner site on another origin: serves the iframe host page and a page that names a wrong origin. */
function partnerServer() {
  const files = { "/iframe.html": "text/html", "/iframe.js": "text/javascript", "/partner.css": "text/css", "/favicon.svg": "image/svg+xml" };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, `http://127.0.0.1:${PARTNER_PORT}`);
    if (url.pathname === "/mismatch.html") {
      const src = `${base}/embed.html?package=${PACKAGE}&parent=${encodeURIComponent("https://elsewhere.example")}`;
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end(`<!doctype html><html lang="en"><title>Mismatch</title><link rel="icon" href="data:,"><iframe title="test" src="${src}"></iframe>`);
      return;
    }
    const type = files[url.pathname];
    if (!type) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": type });
    res.end(await readFile(path.join(root, url.pathname === "/favicon.svg" ? "demo" : "demo/partner", url.pathname)));
  });
  return new Promise((resolve) => server.listen(PARTNER_PORT, "127.0.0.1", () => resolve(server)));
}

async function embedding(browser) {
  console.log("the partner page and the iframe mode");
  const context = await newContext(browser, QUIET);
  const page = watch(await context.newPage(), "partner");
  await page.goto(`${base}/partner/`);
  await page.waitForSelector(".screen--intro");
  const accent = await page.$eval("assay-assessment", (el) => getComputedStyle(el.shadowRoot.querySelector(".button--primary")).backgroundColor);
  check(accent === "rgb(0, 96, 90)", `the partner theme did not reach the test (button colour ${accent})`);
  const started = page.evaluate(() => new Promise((resolve) => document.querySelector("assay-assessment").addEventListener("assay:saved", (e) => resolve(e.detail), { once: true })));
  await page.getByRole("button", { name: "Start the test" }).click();
  await answerCurrent(page);
  check((await started).seq > 0, "the element did not report assay:saved to the page");
  await shoot(page, "embed-partner-page");
  await context.close();

  const server = await partnerServer();
  const framed = await newContext(browser, QUIET);
  try {
    const host = watch(await framed.newPage(), "iframe host");
    await host.goto(`http://127.0.0.1:${PARTNER_PORT}/iframe.html?assay=${encodeURIComponent(base)}`);
    await host.waitForSelector('#messages li[data-type="assay:started"]', { timeout: 20000 });
    const frame = host.frameLocator("#assessment");
    await frame.getByRole("button", { name: "Start the test" }).click();
    await frame.locator("[data-item] input[type=radio]").first().check();
    await host.waitForSelector('#messages li[data-type="assay:saved"]', { timeout: 20000 });
    const status = await host.evaluate(
      () =>
        new Promise((resolve) => {
          const frame = document.querySelector("#assessment");
          addEventListener("message", (e) => e.data?.type === "assay:status" && resolve(e.data.detail));
          frame.contentWindow.postMessage({ type: "assay:status" }, new URL(frame.src).origin);
        }),
    );
    check(typeof status.sid === "string" && status.status !== null, `the frame answered a status request with ${JSON.stringify(status)}`);
    await shoot(host, "embed-iframe", { a11y: false });

    // A frame told to report to another origin sends this page nothing.
    const other = watch(await framed.newPage(), "mismatch");
    await other.addInitScript(() => {
      window.__messages = [];
      addEventListener("message", (e) => window.__messages.push(e.data));
    });
    await other.goto(`http://127.0.0.1:${PARTNER_PORT}/mismatch.html`);
    await other.frameLocator("iframe").locator(".screen--intro, h1").first().waitFor();
    await other.waitForTimeout(500);
    const leaked = await other.evaluate(() => window.__messages.length);
    check(leaked === 0, `a frame whose parent is another origin posted ${leaked} messages to this page`);
    console.log(`  iframe: started, saved and status messages reached the partner origin; none reached a wrong one`);
  } finally {
    server.close();
    await framed.close();
  }
}

// ---- Figures --------------------------------------------------------------------------------------

async function gzipSize(files) {
  let raw = 0;
  let gz = 0;
  for (const file of files) {
    const bytes = await readFile(path.join(root, file));
    raw += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gz };
}

async function figures(browser) {
  console.log("figures");
  // The bundles under their hashed names (scripts/bundle.mjs lists them).
  const built = JSON.parse(await readFile(path.join(root, "www/dist/files.json"), "utf8"));
  const named = (prefix) => `www/${built.find((f) => f.startsWith(prefix))}`;
  const shim = await gzipSize([named("dist/assay-shim-")]);
  const ui = await gzipSize([named("dist/assay-element-"), named("dist/assay-shim-")]);
  const wasm = await gzipSize(["www/pkg/assay_bg.wasm"]);
  const times = [];
  const resumed = [];
  for (let i = 0; i < 7; i++) {
    // Not seeded: routing a request through this process slows every load it measures.
    const context = await browser.newContext(QUIET);
    const page = await context.newPage();
    await page.goto(TAKE);
    await page.waitForSelector(".screen--intro");
    times.push(await page.evaluate(() => performance.getEntriesByName("assay:first-screen")[0].startTime));
    await page.getByRole("button", { name: "Start the test" }).click();
    await page.waitForSelector(".screen--item");
    // A new page, with the HTTP cache off, that resumes at the first question.
    await page.close();
    const again = await context.newPage();
    const cdp = await context.newCDPSession(again);
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await again.goto(TAKE);
    await again.waitForSelector(".screen--item");
    resumed.push(await again.evaluate(() => performance.getEntriesByName("assay:first-screen")[0].startTime));
    await context.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`  shim alone (dist/assay-shim-*.js, with the engine's JS glue): ${shim.raw} bytes, ${shim.gz} gzipped (target ≤ 15 KB)`);
  console.log(`  element with its screens, and the shim it imports (dist/assay-element-*.js + dist/assay-shim-*.js): ${ui.raw} bytes, ${ui.gz} gzipped`);
  console.log(`  core wasm: ${wasm.raw} bytes, ${wasm.gz} gzipped`);
  console.log(`  cold load to the first screen (new session, new browser context): median ${median(times).toFixed(0)} ms of ${times.map((t) => t.toFixed(0)).join(", ")}`);
  console.log(`  load to the first question when resuming: median ${median(resumed).toFixed(0)} ms of ${resumed.map((t) => t.toFixed(0)).join(", ")} (target ≤ 300 ms)`);
}

// ---- Main -----------------------------------------------------------------------------------------

await mkdir(out, { recursive: true });
await stat(path.join(root, "www/pkg/assay_bg.wasm"));
await run("durability", async (browser) => {
  if (figuresOnly) return figures(browser);
  await reloads(browser);
  await adaptiveReloads(browser);
  await offline(browser);
  await serverTrouble(browser);
  await refusedResult(browser);
  await outage(browser);
  await embedding(browser);
});
if (!figuresOnly) console.log("nothing lost: every reload, outage and failure ended with everything delivered once");

// A partner's own screens (examples/custom-ui), served from another origin than the backend and
// built on nothing but the shim's public API, taken to a verified result with the keyboard only:
// the practice test (every interaction type) and a coding task judged in the page's Worker.
//
//   node tests/e2e/custom-ui.mjs [base URL]     (scripts/e2e runs it; the backend must allow
//                                                 the partner origin with --cors-origin)

import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { installPackages } from "../packaging/install.mjs";
import { TOKEN, base, check, focused, isButton, newContext, problem, root, run, shoot, tabTo, watch } from "./lib/harness.mjs";

/** The partner origin scripts/e2e lets use the backend (--cors-origin). */
const PARTNER_PORT = Number(process.env.ASSAY_E2E_PARTNER_PORT ?? 8097);
const partner = `http://127.0.0.1:${PARTNER_PORT}`;
/** Judging all of a task's tests can take minutes on a busy machine (see code.mjs). */
const JUDGING_WAIT_MS = 180000;

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

/**
 * The example's two files and the packed @assay/shim installed beside them, as a partner's web
 * server would send them (plain modules from node_modules, no bundler).
 */
function partnerServer() {
  const installed = installPackages("custom-ui");
  const server = createServer(async (req, res) => {
    const file = path.normalize(new URL(req.url, partner).pathname);
    const from = file.startsWith("/node_modules/") ? installed : path.join(root, "examples/custom-ui");
    const known = file === "/index.html" || file === "/ui.js" || file.startsWith("/node_modules/@assay/shim/");
    const body = known && TYPES[path.extname(file)] ? await readFile(path.join(from, file)).catch(() => null) : null;
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(PARTNER_PORT, "127.0.0.1", () => resolve(server)));
}

const heading = (page) => page.textContent("h1");

/** Answers whatever the question asks with valid input, by keyboard: the score is not the point. */
async function answerAnything(page) {
  const kind = await page.evaluate(() => {
    const main = document.querySelector("main");
    if (main.querySelector("textarea")) return "code";
    if (main.querySelector("input[type=radio]")) return "radio";
    if (main.querySelector("input[type=checkbox]")) return `checkbox:${/Choose (\d+)/.exec(main.querySelector("legend").textContent)[1]}`;
    if (main.querySelector("select")) return `select:${main.querySelectorAll("select").length}`;
    if (main.querySelector("input")) return "text";
    if ([...main.querySelectorAll("button")].some((b) => b.textContent === "Save this order")) return "ordering";
    return "none";
  });
  if (kind === "radio") {
    await tabTo(page, (f) => f.type === "radio", "the first choice");
    await page.keyboard.press("Space");
  } else if (kind.startsWith("checkbox")) {
    const min = Math.max(1, Number(kind.split(":")[1]));
    for (let n = 0; n < min; n++) {
      await page.keyboard.press("Tab");
      await page.keyboard.press("Space");
    }
  } else if (kind === "text") {
    await tabTo(page, (f) => f.tag === "input", "the answer box");
    await page.keyboard.type("42");
    await page.keyboard.press("Tab");
  } else if (kind.startsWith("select")) {
    await tabTo(page, (f) => f.tag === "select", "the first list");
    for (let n = 0; n < Number(kind.split(":")[1]); n++) {
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Tab");
    }
  } else if (kind === "ordering") {
    await tabTo(page, (f) => f.tag === "button" && f.text.startsWith("Move"), "a Move up button");
    await page.keyboard.press("Enter");
    await tabTo(page, isButton("Save this order"), "Save this order");
    await page.keyboard.press("Enter");
  }
  await page.waitForSelector("#status:text('All answers saved'), #status:text('Saving…')");
  return kind;
}

/** Next, or Finish section on a section's last question; waits for the next screen's heading. */
async function moveOn(page) {
  const before = await heading(page);
  const f = await tabTo(page, (x) => x.tag === "button" && (x.text === "Next" || x.text === "Finish section"), "Next or Finish section");
  await page.keyboard.press("Enter");
  await page.waitForFunction((was) => document.querySelector("h1")?.textContent !== was, before);
  check((await focused(page)).tag === "h1", `after ${f.text} focus is not on the heading`);
}

/** The result screen: the page's score, the server's re-score, and the backend's stored result. */
async function verified(page, label) {
  await page.waitForSelector("[data-receipt]", { timeout: 90000 });
  const shown = /Your score: ([\d.]+)/.exec(await page.textContent("main"))[1];
  const checked = /checked it: ([\d.]+)/.exec(await page.textContent("[data-receipt]"))[1];
  const sid = /Your reference: (\S+)/.exec(await page.textContent("main"))[1];
  const audit = await (await fetch(`${base}/v1/sessions/${sid}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
  const [stored, ...extra] = audit.results;
  check(shown === checked, `${label}: the page shows ${shown} points, the backend's re-score is ${checked}`);
  check(stored && extra.length === 0 && stored.flags.length === 0, `${label}: the backend holds ${JSON.stringify(audit.results)}`);
  console.log(`  ${label}: re-score ${checked} = shown ${shown}; ${audit.events} events, 1 result, flags []`);
}

async function practice(browser) {
  console.log("the practice test, keyboard only, from another origin");
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = watch(await context.newPage(), "custom practice");
  await page.goto(`${partner}/index.html?backend=${encodeURIComponent(base)}&package=data-ai-practice`);
  await tabTo(page, isButton("Start the test"), "Start the test");
  await page.keyboard.press("Enter");
  const kinds = new Set();
  for (let n = 0; n < 40 && !(await page.$("[data-receipt], main :text('Sending your result')")); n++) {
    kinds.add((await answerAnything(page)).split(":")[0]);
    if (n === 0) await shoot(page, "custom-ui-question");
    await moveOn(page);
  }
  check(["radio", "checkbox", "text", "select", "ordering"].every((k) => kinds.has(k)), `answered only ${[...kinds]}`);
  await verified(page, "practice");
  await shoot(page, "custom-ui-result");
  await context.close();
}

async function coding(browser) {
  console.log("a coding task, keyboard only, judged in a Worker started from another origin");
  const bank = await (await fetch(`${base}/v1/packages/python-practice`)).json();
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = watch(await context.newPage(), "custom code");
  await page.goto(`${partner}/index.html?backend=${encodeURIComponent(base)}&package=python-practice`);
  await tabTo(page, isButton("Start the test"), "Start the test");
  await page.keyboard.press("Enter");
  await page.waitForSelector("textarea");
  const title = await heading(page);
  const task = bank.sections[0].items.find((i) => title.endsWith(`: ${i.title}`));
  await tabTo(page, (f) => f.tag === "textarea", "the code");
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(task.interaction.reference);
  await tabTo(page, isButton("Submit for grading"), "Submit for grading");
  await page.keyboard.press("Enter");
  const graded = await (await page.waitForFunction(() => /(Submission graded|Not recorded): .*/.exec(document.querySelector("#said").textContent)?.[0], null, { timeout: JUDGING_WAIT_MS })).jsonValue();
  const all = task.interaction.tests.length;
  if (graded !== `Submission graded: ${all} of ${all} tests passed.`) problem(`the reference solution of ${task.id}: “${graded}”`);
  console.log(`  ${task.id}: “${graded}”`);
  while (!(await page.$("[data-receipt], main :text('Sending your result')"))) await moveOn(page);
  await verified(page, "coding");
  await context.close();
}

const server = await partnerServer();
try {
  await run("custom UI", async (browser) => {
    await practice(browser);
    await coding(browser);
  });
} finally {
  server.close();
}
console.log("custom UI: all checks passed");

// The npm packages in a partner's build: a page on @assay/element, built once with Vite and once
// with esbuild from the packed tarballs (scripts/build-packages), served from another origin than
// the backend. On the Vite build an answer reaches the backend; on the esbuild build a coding
// task's reference solution is graded by the package's Worker with the backend's runner.
//
//   node tests/e2e/packages.mjs [base URL]     (scripts/e2e runs it; the backend must allow the
//                                                partner origin with --cors-origin)

import { createServer } from "node:http";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { TOKEN, base, check, isButton, newContext, problem, root, run, shoot, tabTo, watch } from "./lib/harness.mjs";
import { installPackages } from "../packaging/install.mjs";

/** The partner origin scripts/e2e lets use the backend (--cors-origin). */
const PARTNER_PORT = Number(process.env.ASSAY_E2E_PARTNER_PORT ?? 8097);
const partner = `http://127.0.0.1:${PARTNER_PORT}`;
/** Judging all of a task's tests can take minutes on a busy machine (see code.mjs). */
const JUDGING_WAIT_MS = 180000;

/** A partner's page: the element, told where the backend is and which test to show. */
const PAGE_SCRIPT = `import "@assay/element";
const params = new URLSearchParams(location.search);
const test = document.createElement("assay-assessment");
test.setAttribute("endpoint", params.get("backend"));
test.setAttribute("package", params.get("package"));
document.querySelector("main").append(test);
`;
const pageHtml = (script) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Careers – a partner</title>
<script type="module" src="${script}"></script></head><body><main></main></body></html>`;

/** Builds the page with Vite into site/vite and with esbuild into site/esbuild; returns site/. */
async function buildSites() {
  const app = installPackages("e2e");
  const site = path.join(app, "site");
  writeFileSync(path.join(app, "main.js"), PAGE_SCRIPT);
  writeFileSync(path.join(app, "index.html"), pageHtml("./main.js"));
  const { build } = await import(path.join(root, "node_modules/vite/dist/node/index.js"));
  await build({ root: app, base: "./", logLevel: "warn", build: { outDir: path.join(site, "vite"), emptyOutDir: true } });
  // esbuild leaves `new URL(…, import.meta.url)` alone: the packages' files go where their
  // modules look for them, beside the bundle's directory (their READMEs say so).
  const esbuildSite = path.join(site, "esbuild");
  execFileSync(path.join(root, "node_modules/.bin/esbuild"), ["main.js", "--bundle", "--format=esm", "--minify", `--outfile=${path.join(esbuildSite, "app/main.js")}`, "--log-level=warning"], { cwd: app });
  writeFileSync(path.join(esbuildSite, "app/index.html"), pageHtml("./main.js"));
  const modules = path.join(app, "node_modules/@assay");
  for (const [from, to] of [["shim/pkg", "pkg"], ["shim/code", "code"], ["element/css", "css"], ["element/dist", "dist"]]) {
    mkdirSync(path.join(esbuildSite, to), { recursive: true });
    cpSync(path.join(modules, from), path.join(esbuildSite, to), { recursive: true });
  }
  return site;
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };

/** The built sites, as a partner's static server sends them. */
function partnerServer(site) {
  const server = createServer(async (req, res) => {
    const file = path.normalize(new URL(req.url, partner).pathname);
    const type = TYPES[path.extname(file)];
    const body = type && !file.includes("..") ? await readFile(path.join(site, file)).catch(() => null) : null;
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": type }).end(body);
  });
  return new Promise((resolve) => server.listen(PARTNER_PORT, "127.0.0.1", () => resolve(server)));
}

const inElement = (selector) => `assay-assessment ${selector}`;
const sidOf = (page) => page.evaluate(() => document.querySelector("assay-assessment").sid);

async function audit(sid) {
  return (await fetch(`${base}/v1/sessions/${sid}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
}

async function viteBuild(browser) {
  console.log("the Vite build: an answer reaches the backend from another origin");
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = watch(await context.newPage(), "vite");
  await page.goto(`${partner}/vite/index.html?backend=${encodeURIComponent(base)}&package=data-ai-practice`);
  await tabTo(page, isButton("Start the test"), "Start the test");
  await page.keyboard.press("Enter");
  await page.waitForSelector(inElement(".item-answer"));
  // The start and the first question's view reach the backend in a checkpoint.
  await page.waitForSelector(inElement(".save-status[data-status=saved]"), { timeout: 30000 });
  const sid = await sidOf(page);
  const held = await audit(sid);
  check(held.events >= 2, `the backend holds ${held.events} events of the Vite page's session`);
  console.log(`  session ${sid}: the backend holds ${held.events} events`);
  await shoot(page, "packages-vite-question");
  await context.close();
}

async function esbuildBuild(browser) {
  console.log("the esbuild build: a coding task graded in the package's Worker");
  const bank = await (await fetch(`${base}/v1/packages/python-practice`)).json();
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = watch(await context.newPage(), "esbuild");
  await page.goto(`${partner}/esbuild/app/index.html?backend=${encodeURIComponent(base)}&package=python-practice`);
  await tabTo(page, isButton("Start the test"), "Start the test");
  await page.keyboard.press("Enter");
  await page.waitForSelector(inElement(".code-task"));
  const first = await page.$eval(inElement(".item-answer"), (e) => e.dataset.item);
  const task = bank.sections.flatMap((s) => s.items).find((i) => i.id === first);
  await page.waitForSelector(inElement(".code-editor .cm-editor"), { timeout: 20000 }).catch(() => problem("the code editor did not load beside the esbuild bundle"));
  await tabTo(page, (f) => f.editor, "the code editor");
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(task.interaction.reference);
  await page.keyboard.press("Escape");
  await tabTo(page, isButton("Submit for grading"), "Submit for grading");
  await page.keyboard.press("Enter");
  const status = () => page.evaluate(() => document.querySelector("assay-assessment").shadowRoot.querySelector(".code-status")?.textContent ?? "");
  await page.waitForFunction(() => /Submission graded/.test(document.querySelector("assay-assessment").shadowRoot.querySelector(".code-status")?.textContent ?? ""), null, { timeout: JUDGING_WAIT_MS })
    .catch(() => problem("the submission was never graded on the esbuild page"));
  const graded = /Submission graded: (\d+) of (\d+) tests passed/.exec(await status());
  check(graded && graded[1] === graded[2], `the reference solution of ${task.id}: “${await status()}”`);
  console.log(`  ${task.id}: “${await status()}”`);
  await shoot(page, "packages-esbuild-graded");
  await context.close();
}

const site = await buildSites();
const server = await partnerServer(site);
try {
  await run("packages", async (browser) => {
    await viteBuild(browser);
    await esbuildBuild(browser);
  });
} finally {
  server.close();
}
console.log("packages: all checks passed");

// Sealed tests taken with the keyboard alone, while every response the browser receives is kept:
// none of them may hold a secret of the sealed part, and the score shown is the backend's.
//
//   node tests/e2e/sealed.mjs [base URL]        (scripts/e2e starts `assay serve` first)
//
// - ai-screening (samples/ai-screening.json): every kind of question, the total from the receipt;
// - python-sealed (the coding sample sealed by scripts/e2e): the page runs the shown tests, the
//   server judges the rest; no hidden test's input or expected output, no reference, known-bad
//   or checker source reaches the page.
// The answers come from the packages as written, read from disk; the page only has public views.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { TOKEN, base, isButton, newContext, problem, root, run, shoot, tabTo, watch } from "./lib/harness.mjs";
import { answerCheckboxes, answerMatching, answerOrdering, answerRadio, choiceText, expectHeadingFocus, finishSection, typeInto } from "./lib/keyboard.mjs";

const PACKAGE = "ai-screening";
const full = JSON.parse(await readFile(path.join(root, `samples/${PACKAGE}.json`), "utf8"));
const items = new Map(full.sections.flatMap((s) => s.items).map((item) => [item.id, item]));
const bank = JSON.parse(await readFile(path.join(root, "samples/python-practice.json"), "utf8"));
const JUDGING_WAIT_MS = 180000;

/** Field names that hold a key, wherever they appear in a JSON body. */
const SECRET_FIELDS = new Set(["key", "answer", "accepted", "pattern", "map", "keyed", "irt", "checker", "reference", "known_bad", "abs_tolerance", "rel_tolerance"]);

/**
 * Each secret of a package as the text a leak would carry: keys (a choice id alone is no
 * secret), accepted answers and patterns; for coding tasks the sources the page never gets and
 * each hidden test's input and expected output (when long enough to be told apart from code).
 */
function secretTexts(pkg) {
  const texts = [];
  for (const item of pkg.sections.flatMap((s) => s.items)) {
    const i = item.interaction;
    if (Array.isArray(i.key) || (i.key && typeof i.key === "object")) texts.push(JSON.stringify(i.key));
    for (const a of i.accepted ?? []) texts.push(`"${a}"`);
    if (i.pattern) texts.push(i.pattern);
    if (i.type !== "code") continue;
    for (const source of [i.reference, i.checker, ...(i.known_bad ?? []).map((b) => b.code)]) if (source) texts.push(JSON.stringify(source));
    // A hidden test may share a value with a shown one or the stem: only the rest is secret.
    const parts = (t) => [t.args, t.stdin, t.expected].filter((p) => p !== undefined).map((p) => JSON.stringify(p));
    const visible = [JSON.stringify(item.stem), ...i.tests.filter((t) => t.visibility === "shown").flatMap(parts)];
    for (const t of i.tests.filter((t) => t.visibility !== "shown")) {
      for (const text of parts(t)) if (text.length >= 12 && !visible.some((v) => v.includes(text))) texts.push(text);
    }
  }
  return texts;
}

/** Keeps the body of every response `page` receives. */
function record(page) {
  const bodies = [];
  page.on("response", (response) => {
    bodies.push(
      response
        .body()
        .then((body) => ({ url: response.url(), type: response.headers()["content-type"] ?? "", text: body.toString("utf8") }))
        .catch(() => null),
    );
  });
  return async () => (await Promise.all(bodies)).filter(Boolean);
}

/** Every response holds none of `pkg`'s secrets, by field name in JSON and by content anywhere. */
async function noSecrets(received, pkg, what) {
  const texts = secretTexts(pkg);
  let json = 0;
  for (const body of await received()) {
    if (body.type.includes("json")) {
      json++;
      let value = null;
      try {
        value = JSON.parse(body.text);
      } catch {
        problem(`${body.url} says it is JSON and is not`);
      }
      const found = secretFields(value);
      if (found.length > 0) problem(`${body.url} holds ${found.join(", ")}`);
      for (const task of codeTasks(value)) {
        for (const t of task.tests.filter((t) => t.visibility !== "shown")) {
          if ("args" in t || "stdin" in t || "expected" in t) problem(`${body.url} holds the hidden test “${t.name}”`);
        }
      }
    }
    for (const secret of texts) if (body.text.includes(secret)) problem(`${body.url} holds the secret ${secret.slice(0, 60)}`);
  }
  if (json < 3) problem(`only ${json} JSON responses were seen: the recording missed the API`);
  console.log(`  ${what}: ${json} JSON responses and the rest hold none of its ${texts.length} secrets`);
}

/** Coding tasks anywhere in a JSON value (a served package). */
function codeTasks(value, found = []) {
  if (Array.isArray(value)) value.forEach((v) => codeTasks(v, found));
  else if (value && typeof value === "object") {
    if (value.type === "code" && Array.isArray(value.tests)) found.push(value);
    Object.values(value).forEach((v) => codeTasks(v, found));
  }
  return found;
}

/** Paths of secret fields in a JSON value (a shown test's comparator is the page's to apply). */
function secretFields(value, at = "", found = []) {
  if (Array.isArray(value)) value.forEach((v, i) => secretFields(v, `${at}[${i}]`, found));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "compare") continue;
      if (SECRET_FIELDS.has(k)) found.push(`${at}.${k}`);
      secretFields(v, `${at}.${k}`, found);
    }
  }
  return found;
}

/** The answer we give: the key, with one choice wrong so that the score is not the maximum. */
async function answer(page, item) {
  const i = item.interaction;
  switch (i.type) {
    case "single_choice":
      return answerRadio(page, choiceText(item, item.id === "invented-source" ? "C" : i.key));
    case "likert":
      return answerRadio(page, choiceText(item, "4"));
    case "multiple_choice":
      return answerCheckboxes(page, i.key.map((id) => choiceText(item, id)), i.choices.length);
    case "numeric":
      return typeInto(page, `${i.answer} rows`);
    case "text_entry":
      return typeInto(page, "Overfitting");
    case "ordering":
      return answerOrdering(page, i.key);
    case "matching":
      return answerMatching(page, i.key, i.sources);
    default:
      throw new Error(`no keyboard strategy for ${i.type}`);
  }
}

/** The sealed screening test, keyboard only, to the server's score. */
async function screening(browser) {
  console.log("a sealed test of every kind of question");
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = watch(await context.newPage(), "sealed");
  const received = record(page);

  await page.goto(`${base}/`);
  await page.waitForSelector(".package");
  await tabTo(page, (f) => f.tag === "button" && f.data.package === PACKAGE, "the Start button of the sealed test");
  await Promise.all([page.waitForURL(/take\.html\?.*invitation=/), page.keyboard.press("Enter")]);
  await page.waitForSelector(".screen--intro");
  await tabTo(page, isButton("Start the test"), "Start the test");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".screen--item");
  await expectHeadingFocus(page, "Start");

  let answered = 0;
  for (;;) {
    const id = await (await page.waitForSelector("[data-item]")).evaluate((el) => el.dataset.item);
    await answer(page, items.get(id));
    answered++;
    if (answered === 1) await shoot(page, "sealed-question");
    if (await page.$eval(".pager .button--primary", (b) => b.disabled)) break;
    await tabTo(page, isButton("Next →"), "Next");
    await page.keyboard.press("Enter");
    await expectHeadingFocus(page, "Next");
  }
  if (answered !== items.size) problem(`answered ${answered} of ${items.size} questions`);
  // The page itself knows no score: every answer waits for the server.
  const pending = await page.evaluate(() => document.querySelector("assay-assessment").run.state.score);
  if (pending.earned !== 0 || pending.pending !== pending.answered) problem(`the page scored a sealed test itself: ${JSON.stringify(pending)}`);

  await finishSection(page, "Finish and submit the test");
  await page.waitForSelector(".screen--result");
  await expectHeadingFocus(page, "submitting");
  await page.waitForSelector("[data-receipt]", { timeout: 20000 });
  await page.waitForSelector(".score-earned");
  await shoot(page, "sealed-result");

  // The score shown is the server's re-score with the full package.
  const sid = await page.evaluate(() => document.querySelector("assay-assessment").sid);
  const audit = await (await fetch(`${base}/v1/sessions/${sid}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
  const [receipt] = audit.results;
  const shown = await page.textContent(".score-earned");
  const authoritative = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 3 }).format(receipt.score.raw / 1000);
  if (shown !== authoritative) problem(`the page shows ${shown} points; the server's re-score is ${authoritative}`);
  if (receipt.score.raw <= 0 || receipt.score.raw >= receipt.score.max) problem(`the re-score ${receipt.score.raw} of ${receipt.score.max} is not the one wrong answer's`);
  if (receipt.flags.length > 0) problem(`the result is flagged: ${receipt.flags.join(", ")}`);
  if (await page.$("text=Take the test again")) problem("a sealed test offers to be taken again");
  console.log(`  re-score ${authoritative} of ${receipt.score.max / 1000} shown after the receipt; ${audit.events} events`);

  await noSecrets(received, full, PACKAGE);
  await context.close();
}


/** Replaces the editor's text, as typing would (CodeMirror takes inserted text as typed). */
async function typeCode(page, code) {
  await tabTo(page, (f) => f.editor, "the code editor");
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(code);
  await page.keyboard.press("Escape");
}

const status = (page) => page.textContent(".code-status");

/** The sealed coding test: a wrong and a right submission, judged in part here and in full by the server. */
async function coding(browser) {
  console.log("a sealed coding test");
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  // The refusal of a session without an invitation is an expected 403.
  const page = watch(await context.newPage(), "sealed-code", { allow: [/status of 403/] });
  const received = record(page);
  // Without an invitation the test does not start; with the operator's, it does.
  await page.goto(`${base}/take.html?package=python-sealed`);
  const refusal = await page.waitForSelector("text=taken with the invitation link", { timeout: 20000 }).catch(() => null);
  if (!refusal) problem("a sealed test started without an invitation");
  else await shoot(page, "sealed-no-invitation");
  const invited = await (
    await fetch(`${base}/v1/invitations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ package: "python-sealed", sub: "applicant-e2e", accommodations: { time_multiplier_permille: 1500, break_allowance_ms: 0 } }),
    })
  ).json();
  await page.goto(`${base}/take.html?package=python-sealed&invitation=${invited.invitation}`);
  await tabTo(page, isButton("Start the test"), "Start the test");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".code-task");
  // The invitation, not the page, set the applicant and the extra time.
  const acc = await page.evaluate(() => document.querySelector("assay-assessment").run.state.time_multiplier_permille);
  if (acc !== 1500) problem(`the invitation's 1.5× time became ${acc / 1000}×`);
  const id = await page.$eval(".item-answer", (e) => e.dataset.item);
  const task = bank.sections[0].items.find((i) => i.id === id).interaction;
  const sealedTests = task.tests.filter((t) => t.visibility !== "shown" || t.compare?.method === "checker").length;
  await page.waitForSelector(".code-editor .cm-editor", { timeout: 20000 }).catch(() => problem("CodeMirror did not replace the plain editor"));

  for (const [name, code] of [[task.known_bad[0].name, task.known_bad[0].code], ["the reference", task.reference]]) {
    await typeCode(page, code);
    await tabTo(page, isButton("Submit for grading"), "Submit for grading");
    await page.keyboard.press("Enter");
    await page.waitForFunction((n) => new RegExp(`the server judges the other ${n}`).test(document.querySelector("assay-assessment").shadowRoot.querySelector(".code-status")?.textContent ?? ""), sealedTests, { timeout: JUDGING_WAIT_MS }).catch(() => problem(`${name}: the page did not leave ${sealedTests} tests to the server`));
    const said = await status(page);
    console.log(`  ${name}: “${said}”`);
    const judged = await page.$$eval(".test .test-verdict", (els) => els.map((e) => e.textContent));
    const left = judged.filter((v) => v === "Judged by the server when your test is scored").length;
    if (left !== sealedTests) problem(`${name}: ${left} tests say the server judges them, not ${sealedTests}`);
  }
  await shoot(page, "sealed-code-submitted");

  await page.getByRole("button", { name: "Finish section" }).click();
  await page.locator(".screen--review").getByRole("button", { name: /Finish/ }).click();
  await page.waitForSelector("[data-receipt]", { timeout: JUDGING_WAIT_MS });
  await page.waitForSelector(".score-earned");
  const sid = await page.evaluate(() => document.querySelector("assay-assessment").sid);
  const audit = await (await fetch(`${base}/v1/sessions/${sid}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
  const [receipt] = audit.results;
  const item = receipt.items.find((i) => i.item === id);
  if (item?.earned !== item?.max) problem(`the server gave the reference ${item?.earned} of ${item?.max}`);
  if (receipt.flags.length > 0) problem(`the result is flagged: ${receipt.flags.join(", ")}`);
  const shown = await page.textContent(".score-earned");
  const authoritative = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 3 }).format(receipt.score.raw / 1000);
  if (shown !== authoritative) problem(`the page shows ${shown} points; the server's re-score is ${authoritative}`);
  console.log(`  the server judged every test: ${item?.earned / 1000} of ${item?.max / 1000} for ${id}; total ${authoritative} shown`);
  await shoot(page, "sealed-code-result");
  await noSecrets(received, bank, "python-sealed");
  await context.close();
}

await run("sealed", async (browser) => {
  await screening(browser);
  await coding(browser);
});

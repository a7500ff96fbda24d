// A sealed test taken with the keyboard alone, while every response the browser receives is kept:
// none of them may hold a secret of the sealed part, and the score shown is the backend's.
//
//   node tests/e2e/sealed.mjs [base URL]        (scripts/e2e starts `assay serve` first)
//
// The answers come from the package as written (samples/ai-screening.json, read from disk); the
// page only ever has its public view.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { TOKEN, base, isButton, newContext, problem, root, run, shoot, tabTo, watch } from "./lib/harness.mjs";
import { answerCheckboxes, answerMatching, answerOrdering, answerRadio, choiceText, expectHeadingFocus, finishSection, typeInto } from "./lib/keyboard.mjs";

const PACKAGE = "ai-screening";
const full = JSON.parse(await readFile(path.join(root, `samples/${PACKAGE}.json`), "utf8"));
const items = new Map(full.sections.flatMap((s) => s.items).map((item) => [item.id, item]));

/** Field names that hold a key, wherever they appear in a JSON body. */
const SECRET_FIELDS = new Set(["key", "answer", "accepted", "pattern", "map", "keyed", "irt", "checker", "reference", "known_bad", "abs_tolerance", "rel_tolerance"]);

/** Each key of the package as the JSON text a leak would carry (a choice id alone is no secret). */
function secretTexts() {
  const texts = [];
  for (const item of items.values()) {
    const i = item.interaction;
    if (Array.isArray(i.key) || (i.key && typeof i.key === "object")) texts.push(JSON.stringify(i.key));
    for (const a of i.accepted ?? []) texts.push(`"${a}"`);
    if (i.pattern) texts.push(i.pattern);
  }
  return texts;
}

/** Paths of secret fields in a JSON value. */
function secretFields(value, at = "", found = []) {
  if (Array.isArray(value)) value.forEach((v, i) => secretFields(v, `${at}[${i}]`, found));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
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

await run("sealed", async (browser) => {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = watch(await context.newPage(), "sealed");
  const bodies = [];
  page.on("response", (response) => {
    bodies.push(
      response
        .body()
        .then((body) => ({ url: response.url(), type: response.headers()["content-type"] ?? "", text: body.toString("utf8") }))
        .catch(() => null),
    );
  });

  await page.goto(`${base}/`);
  await page.waitForSelector(".package");
  await tabTo(page, (f) => f.tag === "a" && f.href.includes(`package=${PACKAGE}`), "the Start link of the sealed test");
  await Promise.all([page.waitForURL(/take\.html/), page.keyboard.press("Enter")]);
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

  // Nothing the browser received holds a key.
  const received = (await Promise.all(bodies)).filter(Boolean);
  const texts = secretTexts();
  let json = 0;
  for (const body of received) {
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
    }
    for (const secret of texts) if (body.text.includes(secret)) problem(`${body.url} holds the key ${secret}`);
  }
  if (json < 3) problem(`only ${json} JSON responses were seen: the recording missed the API`);
  console.log(`  ${received.length} responses (${json} JSON) hold no key of the sealed package`);
  await context.close();
});

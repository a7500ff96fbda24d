// Screenshots of the demo pages, taken while completing the sample test with the keyboard only.
//
//   node tests/e2e/screens.mjs [base URL]        (default http://127.0.0.1:8099; start `assay serve` first)
//
// Writes artifacts/screens/*.png. Exits non-zero if any page logs a console error or throws,
// if keyboard focus is not where it should be, or if axe-core finds a WCAG 2.1 A/AA violation.
// The answer key comes from the package the server publishes; the page itself never sees it.

import { mkdir } from "node:fs/promises";
import path from "node:path";
import { TOKEN, base, countEngineCalls, describeCalls, isButton, newContext, out, problem, root, run, shoot as shootOne, tabTo, watch } from "./lib/harness.mjs";
import { answerCheckboxes, answerMatching, answerOrdering, answerRadio, choiceText, expectHeadingFocus, finishSection, typeInto } from "./lib/keyboard.mjs";

const PACKAGE = "data-ai-practice";
const shots = [];

async function shoot(page, name, options) {
  shots.push(await shootOne(page, name, options));
}

/** The answer we give: the key, except where a wrong or partial answer shows more of the result screen. */
async function answer(page, item) {
  const i = item.interaction;
  switch (i.type) {
    case "single_choice":
      return answerRadio(page, choiceText(item, item.id === "overfitting-gap" ? "C" : i.key));
    case "likert":
      return answerRadio(page, choiceText(item, "4"));
    case "multiple_choice": {
      const ids = item.id === "bias-training-data" ? ["A", "C", "E"] : i.key;
      return answerCheckboxes(page, ids.map((id) => choiceText(item, id)), i.choices.length);
    }
    case "numeric": {
      if (item.id === "precision-variant") {
        const stem = await page.textContent(".stem");
        const tp = Number(/fraudulent and flagged: (\d+)/.exec(stem)[1]);
        const fp = Number(/legitimate but flagged: (\d+)/.exec(stem)[1]);
        return typeInto(page, (tp / (tp + fp)).toFixed(2));
      }
      return typeInto(page, item.id === "base-rate-flags" ? "27.9%" : String(i.answer));
    }
    case "text_entry":
      return typeInto(page, item.id === "base-rate-term" ? "base rate" : "hallucination");
    case "ordering":
      return answerOrdering(page, ["B", "F", "D", "E", "A", "C"]);
    case "matching":
      return answerMatching(page, { ...i.key, 3: "B" }, i.sources);
    default:
      throw new Error(`no keyboard strategy for ${i.type}`);
  }
}

// ---- The walk through the test --------------------------------------------------------------------

const currentItem = async (page) => (await page.waitForSelector("[data-item]")).evaluate((el) => el.dataset.item);

async function takeTest(context, pkg) {
  const items = new Map(pkg.sections.flatMap((s) => s.items).map((item) => [item.id, item]));
  const shotTypes = new Set();
  const page = watch(await context.newPage(), "test");

  console.log("landing");
  await page.goto(`${base}/`);
  await page.waitForSelector(".package");
  await shoot(page, "01-landing");
  await tabTo(page, (f) => f.tag === "a" && f.href.includes(`package=${PACKAGE}`), "the Start link");
  await Promise.all([page.waitForURL(/take\.html/), page.keyboard.press("Enter")]);

  console.log("intro");
  await page.waitForSelector(".screen--intro");
  await shoot(page, "02-intro");
  await tabTo(page, isButton("Start the test"), "Start the test");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".screen--item");
  await expectHeadingFocus(page, "Start");

  let n = 3;
  const visit = async (sectionIndex) => {
    const id = await currentItem(page);
    const item = items.get(id);
    const type = item.interaction.type;
    const skip = id === "correlation-causation";
    if (!skip) await answer(page, item);
    if (id === "correlation-causation" || id === "base-rate-term" || id === "precision-variant") {
      await tabTo(page, isButton("⚑ Flag for review"), "Flag for review");
      await page.keyboard.press("Space");
      const pressed = await page.waitForSelector(".button--flag[aria-pressed=true]", { timeout: 2000 }).catch(() => null);
      if (!pressed) problem(`flagging ${id} did not press the toggle`);
    }
    if (!shotTypes.has(type)) {
      shotTypes.add(type);
      await page.waitForTimeout(900); // let a typed answer be recorded so the grid shows it
      await shoot(page, `${String(n++).padStart(2, "0")}-${type.replace("_", "-")}`);
    }
    return { id, sectionIndex };
  };

  // Section 1 (fixed order): Next after each question.
  // The time left, read out on request: the button speaks through the polite live region.
  await tabTo(page, isButton("Read time left"), "Read time left");
  await page.keyboard.press("Enter");
  const spoken = await page.textContent("#time-alert");
  if (!/^\d+ minutes? (\d+ seconds? )?left in the test\.$/.test(spoken)) problem(`“Read time left” said “${spoken}”`);
  else console.log(`  Read time left: “${spoken}”`);
  await page.focus("#item-heading");

  console.log("section 1 with Next");
  for (;;) {
    await visit(0);
    const last = await page.$eval(".pager .button--primary", (b) => b.disabled);
    if (last) break;
    await tabTo(page, isButton("Next →"), "Next");
    await page.keyboard.press("Enter");
    await expectHeadingFocus(page, "Next");
  }
  const review = `${String(n++).padStart(2, "0")}-section-review`;
  await finishSection(page, "Finish section", () => shoot(page, review));

  // Section 2 (shuffled): jump with the question grid.
  console.log("section 2 with the question grid");
  const order = await page.$$eval(".grid-cell", (cells) => cells.map((c) => c.dataset.item));
  for (let i = 0; i < order.length; i++) {
    if (i > 0) {
      await tabTo(page, (f) => f.className.includes("grid-cell") && f.data.item === order[i], `grid button ${i + 1}`);
      await page.keyboard.press("Enter");
      await expectHeadingFocus(page, "a grid jump");
    }
    await visit(1);
  }
  await revisit(page, order, items);
  await finishSection(page);

  // Section 3: Likert statements, Next again.
  console.log("section 3");
  for (;;) {
    await visit(2);
    const last = await page.$eval(".pager .button--primary", (b) => b.disabled);
    if (last) break;
    await tabTo(page, isButton("Next →"), "Next");
    await page.keyboard.press("Enter");
  }
  await finishSection(page, "Finish and submit the test");
  await page.waitForSelector(".screen--result");
  await expectHeadingFocus(page, "submitting");
  await shoot(page, `${String(n++).padStart(2, "0")}-result`);

  const missing = ["single_choice", "multiple_choice", "numeric", "text_entry", "ordering", "matching", "likert"].filter((t) => !shotTypes.has(t));
  if (missing.length > 0) problem(`no screenshot of: ${missing.join(", ")}`);
  const footer = await page.textContent("#chain");
  console.log(`  ${footer}`);
  await checkStoredResult(page);
  await page.close();
}

/** The adaptive AI-aptitude test with the keyboard alone: choose, Continue, until the engine stops. */
async function takeAdaptive(context) {
  console.log("adaptive test");
  const page = watch(await context.newPage(), "adaptive");
  await page.goto(`${base}/`);
  await page.waitForSelector(".package");
  await tabTo(page, (f) => f.tag === "a" && f.href.includes("package=ai-aptitude") && !f.href.includes("time="), "the Start link of the adaptive test");
  await Promise.all([page.waitForURL(/take\.html/), page.keyboard.press("Enter")]);
  await page.waitForSelector(".screen--intro");
  await shoot(page, "adaptive-intro");
  await tabTo(page, isButton("Start the test"), "Start the test");
  await page.keyboard.press("Enter");
  let given = 0;
  for (; given < 40; given++) {
    await page.waitForSelector(".screen--adaptive, .screen--result");
    if (await page.$(".screen--result")) break;
    await expectHeadingFocus(page, given === 0 ? "Start" : "Continue");
    const heading = await page.textContent(".item-heading");
    if (!heading.startsWith(`Question ${given + 1}`)) problem(`adaptive question ${given + 1} is headed “${heading}”`);
    const radio = await page.$("[data-item] input[type=radio]");
    if (radio) {
      await tabTo(page, (f) => f.type === "radio", "the radio group");
      await page.keyboard.press("Space");
    } else {
      await tabTo(page, (f) => f.tag === "input", "the answer box");
      await page.keyboard.type("1");
    }
    if (given === 0) await shoot(page, "adaptive-question");
    await tabTo(page, (f) => f.tag === "button" && f.text.startsWith("Continue"), "Continue");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      (before) => {
        const root = document.querySelector("assay-assessment").shadowRoot;
        return root.querySelector(".screen--result") || root.querySelector(".item-heading")?.textContent !== before;
      },
      heading,
    );
  }
  await page.waitForSelector(".screen--result");
  await expectHeadingFocus(page, "the last adaptive answer");
  const ability = await page.textContent(".ability");
  console.log(`  ${given} questions; ${ability}`);
  if (given < 10 || given > 20) problem(`the adaptive section gave ${given} questions, outside its 10 to 20`);
  await checkStoredResult(page);
  await shoot(page, "adaptive-result");
  await page.close();
}

/** The backend holds one verified result for this session, and its re-score is the score shown. */
async function checkStoredResult(page) {
  await page.waitForSelector("[data-receipt]", { timeout: 20000 });
  const sid = await page.evaluate(() => document.querySelector("assay-assessment").sid);
  const shown = await page.textContent(".score-earned");
  const audit = await (await fetch(`${base}/v1/sessions/${sid}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
  const [receipt, ...extra] = audit.results;
  if (!receipt || extra.length > 0) return problem(`the backend holds ${audit.results.length} results for ${sid}, not 1`);
  const authoritative = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 3 }).format(receipt.score.raw / 1000);
  if (authoritative !== shown) problem(`the page shows ${shown} points, the backend's re-score is ${authoritative}`);
  if (receipt.flags.length > 0) problem(`the stored result is flagged: ${receipt.flags.join(", ")}`);
  console.log(`  stored result ${receipt.jti.slice(0, 8)}: re-score ${authoritative} = shown ${shown}; ${audit.events} events, ${audit.checkpoints.length} checkpoints`);
}

/** Comes back to the ordering and matching questions through the grid: the saved answers must show. */
async function revisit(page, order, items) {
  for (const type of ["ordering", "matching"]) {
    const id = order.find((x) => items.get(x).interaction.type === type);
    await tabTo(page, (f) => f.className.includes("grid-cell") && f.data.item === id, `the grid button of the ${type} question`);
    await page.keyboard.press("Enter");
    await expectHeadingFocus(page, "a grid jump back");
    if (type === "ordering") {
      const shown = await page.$$eval(".ordering-entry", (els) => els.map((e) => e.dataset.choice).join());
      if (shown !== "B,F,D,E,A,C") problem(`ordering shows ${shown} on return`);
      if (await page.isVisible("text=Save this order")) problem("ordering offers “Save this order” for a saved answer");
    } else {
      const shown = await page.$$eval("select", (els) => els.map((e) => `${e.dataset.source}:${e.value}`).join());
      if (shown !== "1:C,2:E,3:B,4:D") problem(`matching shows ${shown} on return`);
    }
  }
  // The grid button of the question already open takes the applicant to its heading too.
  const current = order.find((x) => items.get(x).interaction.type === "matching");
  await tabTo(page, (f) => f.className.includes("grid-cell") && f.data.item === current, "the grid button of the open question");
  await page.keyboard.press("Enter");
  await expectHeadingFocus(page, "a grid jump to the open question");
}

// ---- Other views: 200% zoom, dark, forced colours, the clock -----------------------------------

/** Finishes the open section with the mouse: the grid's button, then the review screen's. */
async function finishSectionByMouse(page) {
  await page.getByRole("button", { name: "Finish section" }).click();
  await page.locator(".screen--review").getByRole("button", { name: "Finish section" }).click();
  await page.waitForSelector(".screen--review", { state: "detached" });
}

/** Starts a fresh session and opens a question of the given type in section 2 (for the variants). */
async function openSection2(page, type) {
  await page.goto(`${base}/take.html?package=${PACKAGE}`);
  await page.getByRole("button", { name: "Start the test" }).click();
  await finishSectionByMouse(page);
  // Each step is drawn once its event is stored: wait for section 2, then for each question.
  await page.waitForSelector(".section-nav-title:has-text('AI and machine learning')");
  const cells = await page.$$eval(".grid-cell", (c) => c.map((b) => b.dataset.item));
  for (const id of cells) {
    await page.click(`.grid-cell[data-item="${id}"]`);
    await page.waitForSelector(`[data-item="${id}"] [data-interaction]`);
    if ((await page.$(`[data-item="${id}"] [data-interaction="${type}"]`)) !== null) return;
  }
  throw new Error(`no ${type} question in section 2`);
}

async function variants(browser) {
  console.log("variants");
  const zoom = await newContext(browser, { viewport: { width: 640, height: 900 } }); // 1280 px at 200 %
  let page = watch(await zoom.newPage(), "zoom");
  await page.goto(`${base}/take.html?package=${PACKAGE}`);
  await page.waitForSelector(".screen--intro");
  await shoot(page, "zoom200-intro");
  await openSection2(page, "ordering");
  await shoot(page, "zoom200-ordering");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  if (overflow) problem("at 200% zoom the page scrolls sideways");
  await zoom.close();

  // An extra-time accommodation from the grant: applied to every limit and said on the intro.
  const extra = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  page = watch(await extra.newPage(), "extra time");
  await page.goto(`${base}/take.html?package=${PACKAGE}&time=1.5`);
  await page.waitForSelector(".screen--intro");
  const callout = await page.textContent(".screen--intro .callout");
  if (!/1\.5 times the standard time/.test(callout)) problem(`the extra-time notice reads “${callout}”`);
  const limit = await page.textContent(".screen--intro .fact:nth-child(3) dd");
  if (limit !== "45 minutes") problem(`with 1.5× time the limit shows “${limit}”, not 45 minutes`);
  await shoot(page, "intro-extra-time");
  await extra.close();

  const dark = await newContext(browser, { viewport: { width: 1280, height: 900 }, colorScheme: "dark" });
  page = watch(await dark.newPage(), "dark");
  await openSection2(page, "matching");
  await shoot(page, "dark-matching");
  await dark.close();

  const forced = await newContext(browser, { viewport: { width: 1280, height: 900 }, forcedColors: "active" });
  page = watch(await forced.newPage(), "forced-colors");
  await openSection2(page, "multiple_choice");
  await page.keyboard.press("Tab");
  await shoot(page, "forced-colors-multiple-choice", { a11y: false });
  await forced.close();
}

/** Calls into the engine for one answered question: one `record`, and the readout's `timeAt`. */
async function boundaryCalls(browser) {
  console.log("calls into the engine per answer");
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = watch(await context.newPage(), "calls");
  await page.goto(`${base}/take.html?package=${PACKAGE}`);
  await page.getByRole("button", { name: "Start the test" }).click();
  await page.waitForSelector(".screen--item [data-item] input[type=radio]");
  const take = await countEngineCalls(page);
  await page.locator("[data-item] input[type=radio]").first().check();
  await page.waitForSelector(".answer-status.is-saved");
  const calls = await take();
  const { total, readout, text } = describeCalls(calls);
  if (calls["Attempt.record"] !== 1 || total - readout !== 1) problem(`one answer made ${text}`);
  console.log(`  one answer: ${total} calls (${text}); the clock readout's timeAt ticks once a second as well`);
  await context.close();
}

/** Fakes the clock: the 5- and 1-minute messages, then the timed section closing by itself. */
async function clockRun(browser) {
  console.log("clock");
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = watch(await context.newPage(), "clock");
  await page.clock.install();
  await page.goto(`${base}/take.html?package=${PACKAGE}`);
  await page.getByRole("button", { name: "Start the test" }).click();
  await finishSectionByMouse(page);
  // The fake clock moves at once while the section change is stored (real, unfaked I/O): wait
  // until the timer has drawn the new section's time, or it would first see it after the
  // 5-minute mark and never cross it.
  await page.waitForSelector(".section-nav-title:has-text('AI and machine learning')");
  await page.waitForSelector(".timer-label:has-text('This section')");
  // A checkpoint still on its way when the fake clock jumps would time out (its timer is faked
  // too), and the status it then announces would take the live region: let it arrive first.
  await page.waitForFunction(() => document.querySelector("assay-assessment").shadowRoot.querySelector(".save-status")?.textContent === "All answers saved");
  await page.clock.runFor("07:02");
  const five = await (
    await page.waitForFunction(() => {
      const said = document.querySelector("assay-assessment").shadowRoot.querySelector("#time-alert").textContent;
      return said.includes("5 minutes") ? said : null;
    })
  ).jsonValue();
  if (five !== "5 minutes left in this section.") problem(`5-minute message was “${five}”`);
  await shoot(page, "clock-5-minutes-left");
  await page.clock.runFor("04:00");
  await page.waitForFunction(() => document.querySelector("assay-assessment").shadowRoot.querySelector("#time-alert").textContent.includes("1 minute"));
  await page.clock.runFor("01:05");
  await page.waitForFunction(() => document.querySelector("assay-assessment").shadowRoot.querySelector("#notice").textContent.includes("Time is up"));
  const heading = await page.textContent("h1");
  const notice = await page.textContent("#notice");
  if (!/Working style/.test(await page.textContent(".section-nav-title"))) problem("after the section timed out, Working style did not open");
  console.log(`  notice: ${notice}\n  heading: ${heading}`);
  await shoot(page, "clock-section-timed-out");

  // The test's own limit passes while no timer runs: the next action is refused with time_up,
  // and the page must send the clock event and show the result.
  const t = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(t + 1000);
  await page.clock.setSystemTime(t + 20 * 60000);
  const before = await page.textContent("#chain");
  await page.focus("#item-heading");
  await tabTo(page, isButton("Next →"), "Next");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".screen--result");
  const title = await page.textContent("h1");
  if (title !== "Time is up") problem(`after the test time ran out the result says “${title}”`);
  console.log(`  ${before} → ${await page.textContent("#chain")}`);
  await page.clock.resume(); // axe-core waits on timers
  await shoot(page, "clock-test-time-up");
  await context.close();
}

// ---- Main -----------------------------------------------------------------------------------------

await mkdir(out, { recursive: true });
const pkg = await (await fetch(`${base}/v1/packages/${PACKAGE}`)).json();
await run("screens", async (browser) => {
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  await takeTest(context, pkg);
  await context.close();
  const adaptive = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  await takeAdaptive(adaptive);
  await adaptive.close();
  await variants(browser);
  await boundaryCalls(browser);
  await clockRun(browser);
});
console.log(`\n${shots.length} screenshots in ${path.relative(root, out)}/`);
console.log("no console errors, no uncaught exceptions, no axe violations");

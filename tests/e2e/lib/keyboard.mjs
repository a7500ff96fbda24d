// Answering each kind of question with the keyboard alone, as the e2e scripts take a test.

import { focused, isButton, problem, tabTo } from "./harness.mjs";

export async function press(page, key, times = 1) {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

/** After moving to a new screen or item, focus must be on its h1 (once the event is stored). */
export async function expectHeadingFocus(page, where) {
  let f = await focused(page);
  for (let i = 0; i < 40 && f.tag !== "h1"; i++) {
    await page.waitForTimeout(50);
    f = await focused(page);
  }
  if (f.tag !== "h1") problem(`focus after ${where} is on <${f.tag}> "${f.text.slice(0, 40)}", not the screen's heading`);
}

export function choiceText(item, id) {
  const list = item.interaction.choices ?? item.interaction.scale;
  return list.find((c) => c.id === id).text;
}

/** Radio group: Tab into it, then arrow keys (Space selects the first option if that is the one). */
export async function answerRadio(page, wanted) {
  let f = await tabTo(page, (x) => x.type === "radio", "the radio group");
  for (let i = 0; i < 12 && f.label !== wanted; i++) {
    await page.keyboard.press("ArrowDown");
    f = await focused(page);
  }
  if (f.label !== wanted) throw new Error(`no radio labelled “${wanted}”`);
  if (!f.checked) await page.keyboard.press("Space");
}

/** Checkboxes: Tab through them, Space on the wanted ones. */
export async function answerCheckboxes(page, wanted, count) {
  for (let i = 0; i < count; i++) {
    const f = await tabTo(page, (x) => x.type === "checkbox", "the next checkbox");
    if (wanted.includes(f.label) !== f.checked) await page.keyboard.press("Space");
  }
}

export async function typeInto(page, text) {
  await tabTo(page, (x) => x.tag === "input" && x.type === "text", "the answer box");
  await page.keyboard.type(text, { delay: 20 });
}

/** Ordering: for each position in turn, Tab to the right entry's "Move up" and press Enter until it is there. */
export async function answerOrdering(page, key) {
  for (let target = 0; target < key.length; target++) {
    const order = await page.$$eval(".ordering-entry", (els) => els.map((e) => e.dataset.choice));
    const from = order.indexOf(key[target]);
    if (from === target) continue;
    await tabTo(page, (x) => x.tag === "button" && x.data.choice === key[target] && x.data.step === "-1", `Move up for ${key[target]}`);
    await press(page, "Enter", from - target);
    const f = await focused(page);
    if (f.data.choice !== key[target]) problem(`ordering: focus left the moved entry's button (now on “${f.text}”)`);
  }
  const final = await page.$$eval(".ordering-entry", (els) => els.map((e) => e.dataset.choice));
  if (final.join() !== key.join()) problem(`ordering ended as ${final.join()}, wanted ${key.join()}`);
}

/** Matching: Tab to each drop-down and use the arrow keys to reach the wanted option. */
export async function answerMatching(page, key, sources) {
  for (let i = 0; i < sources.length; i++) {
    let f = await tabTo(page, (x) => x.tag === "select", "the next drop-down");
    const want = key[f.data.source] ?? "";
    for (let n = 0; n < 10 && f.value !== want; n++) {
      await page.keyboard.press("ArrowDown");
      f = await focused(page);
    }
    if (f.value !== want) problem(`matching: could not choose ${want} for ${f.data.source} with the arrow keys`);
  }
}

/** "Finish section", then the review screen's `confirm` button; `atReview` runs on the review screen. */
export async function finishSection(page, confirm = "Finish section", atReview = null) {
  await tabTo(page, isButton("Finish section"), "Finish section");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".screen--review");
  await expectHeadingFocus(page, "Finish section");
  if (atReview) await atReview();
  await tabTo(page, isButton(confirm), confirm);
  await page.keyboard.press("Enter");
  await page.waitForSelector(".screen--review", { state: "detached" });
}

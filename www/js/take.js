// The test page: loads the wasm core and the package, starts a session, turns the applicant's
// actions into events, keeps every accepted event, and redraws after each one.

import init, { Session } from "../pkg/assay.js";
import { h } from "./dom.js";
import { now } from "./clock.js";
import { randomSeed, randomToken } from "./ids.js";
import { answerQueue } from "./answer-queue.js";
import { notice } from "./notice.js";
import { watchSignals } from "./signals.js";
import { startTimer } from "./timer.js";
import { duration, plural } from "./format.js";
import { introScreen } from "./screens/intro.js";
import { itemScreen } from "./screens/item.js";
import { reviewScreen } from "./screens/review.js";
import { resultScreen } from "./screens/result.js";

const $ = (selector) => document.querySelector(selector);
const page = {
  screen: $("#screen"),
  aside: $("#aside"),
  title: $("#test-title"),
  footer: $("#chain"),
  notice: notice($("#notice")),
};

/** Every accepted event, in order: with sid, nonce and seed, enough to replay the session. */
const events = [];
let session;
let summary;
let timer;
/** Id of the section whose review screen is showing, if any. */
let reviewing = null;
let mounted = { key: null, screen: null };

const queue = answerQueue((item, response, t) => recordAnswer(item, response, t));

const actions = {
  start() {
    page.notice.clear();
    dispatch({ type: "session.start", t: now() });
  },
  view(item) {
    page.notice.clear();
    reviewing = null;
    queue.flush();
    if (item === session.state().current_item) render();
    else dispatch({ type: "item.view", t: now(), item });
  },
  answer(item, response, { settled }) {
    queue.put(item, response, now(), { settled });
  },
  clear(item) {
    queue.flush();
    dispatch({ type: "item.answer", t: now(), item, response: null }, { rebuildControls: true });
  },
  flag(item, flagged) {
    dispatch({ type: "item.flag", t: now(), item, flagged });
  },
  review() {
    page.notice.clear();
    queue.flush();
    reviewing = session.state().section;
    render();
  },
  back() {
    page.notice.clear();
    reviewing = null;
    render();
  },
  submitSection() {
    page.notice.clear();
    dispatch({ type: "section.submit", t: now(), section: session.state().section });
  },
};

/** Applies one event; on success records it, settles the session and redraws. */
function dispatch(event, { rebuildControls = false } = {}) {
  if (event.type !== "item.answer") queue.flush();
  const before = session.state();
  try {
    session.apply(event);
  } catch (error) {
    refused(event, error);
    return false;
  }
  events.push(event);
  announceChanges(before, session.state());
  settle();
  render({ rebuildControls });
  return true;
}

function refused(event, error) {
  if (error.code === "time_up") {
    // The clock ran out before this event: close what expired, then show where that leaves us.
    dispatch({ type: "clock", t: now() });
    return;
  }
  page.notice.say(`That was not recorded: ${error.message}`, { error: true });
  render({ rebuildControls: event.type === "item.answer" });
}

/** Records a typed or chosen answer unless it is what the session already holds. */
function recordAnswer(item, response, t) {
  const state = session.state();
  const current = state.items.find((v) => v.id === item)?.response ?? null;
  if (JSON.stringify(current) === JSON.stringify(response)) return;
  dispatch({ type: "item.answer", t: Math.max(t, state.t ?? 0), item, response });
}

/** After an event: leave a stale review, and show an item whenever a section is open. */
function settle() {
  const state = session.state();
  if (state.status !== "in_progress") {
    reviewing = null;
    return;
  }
  if (reviewing !== null && reviewing !== state.section) reviewing = null;
  const open = state.sections.find((s) => s.id === state.section);
  if (reviewing === null && open && !open.items.includes(state.current_item)) {
    dispatch({ type: "item.view", t: now(), item: open.items[0] });
  }
}

/** Says when a section closed (finished or out of time) and what opened next. */
function announceChanges(before, after) {
  const closed = after.sections.filter((s, i) => before.sections[i].status === "open" && s.status !== "open");
  if (closed.length === 0 || after.status === "completed") return;
  const timedOut = closed.filter((s) => s.status === "timed_out");
  const next = after.sections.find((s) => s.id === after.section);
  const parts = [];
  if (timedOut.length > 0) {
    parts.push(`Time is up for ${timedOut.map((s) => `“${s.title ?? s.id}”`).join(" and ")}; its answers have been kept.`);
  } else {
    parts.push(`You finished “${closed[0].title ?? closed[0].id}”.`);
  }
  if (next) {
    const limit = next.time_limit_ms != null ? `, ${duration(next.time_limit_ms)}` : "";
    parts.push(`Now: “${next.title ?? next.id}” (${plural(next.items.length, "question")}${limit}).`);
  }
  page.notice.say(parts.join(" "));
}

function screenKey(state) {
  if (state.status === "not_started") return "intro";
  if (state.status === "completed") return "result";
  if (reviewing !== null) return `review:${reviewing}`;
  return `item:${state.current_item}`;
}

const screens = { intro: introScreen, item: itemScreen, review: reviewScreen, result: resultScreen };

/** Draws the screen for the current state; the same screen is updated in place, not rebuilt. */
function render({ rebuildControls = false } = {}) {
  const state = session.state();
  const ctx = { state, summary, session, actions, rebuildControls };
  const key = screenKey(state);
  if (key === mounted.key) {
    mounted.screen.update?.(ctx);
  } else {
    const screen = screens[key.split(":")[0]](ctx);
    const first = mounted.key === null;
    mounted = { key, screen };
    page.screen.replaceChildren(screen.main);
    page.aside.replaceChildren(...(screen.aside ? [screen.aside] : []));
    page.aside.hidden = !screen.aside;
    document.title = `${screen.title} – Assay`;
    if (!first) screen.heading.focus();
  }
  page.footer.textContent = `events: ${events.length} · chain head: ${state.head.slice(0, 12)}`;
  timer?.tick();
}

function fail(title, message, issues = []) {
  const heading = h("h1", { tabindex: "-1" }, title);
  page.screen.replaceChildren(
    h(
      "div",
      { class: "screen" },
      heading,
      h("p", { class: "lead" }, message),
      issues.length > 0 && h("ul", {}, issues.map((i) => h("li", {}, h("code", {}, i.path), ` ${i.message}`))),
      h("p", {}, h("a", { href: "./", class: "button button--secondary" }, "Back to the list of tests")),
    ),
  );
  document.title = `${title} – Assay`;
}

async function fetchPackage(id) {
  const response = await fetch(`/v1/packages/${encodeURIComponent(id)}`);
  if (!response.ok) throw Object.assign(new Error(`The server has no test “${id}” (HTTP ${response.status}).`), { code: "unknown_package" });
  return response.text();
}

async function main() {
  const id = new URLSearchParams(location.search).get("package");
  if (!id) {
    fail("No test chosen", "Choose a test from the list first.");
    return;
  }
  let text;
  try {
    [, text] = await Promise.all([init(), fetchPackage(id)]);
    session = Session.start(text, { sid: `demo-${randomToken(9)}`, nonce: randomToken(16), seed: randomSeed() });
  } catch (error) {
    fail("This test cannot be started", error.message, error.issues ?? []);
    return;
  }
  summary = session.summary();
  page.title.textContent = summary.title;
  render();
  timer = startTimer({
    display: $("#timer"),
    alert: $("#time-alert"),
    read: () => ({ time: session.timeAt(now()), state: session.state() }),
    onExpired: () => dispatch({ type: "clock", t: now() }),
  });
  watchSignals({
    onFocus(gained) {
      if (session.state().status !== "in_progress") return;
      dispatch({ type: gained ? "focus.gained" : "focus.lost", t: now() });
    },
    onPaste(item, chars) {
      if (session.state().status !== "in_progress") return;
      dispatch({ type: "paste", t: now(), item, chars });
    },
  });
}

main();

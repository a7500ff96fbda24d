// The default applicant interface: draws the screens for a run of the shim, turns the
// applicant's actions into events, and redraws once each event is stored on the device.

import { h } from "./dom.js";
import { answerQueue } from "./answer-queue.js";
import { notice } from "./notice.js";
import { watchSignals } from "./signals.js";
import { startTimer, describeTime } from "./timer.js";
import { duration, plural } from "./format.js";
import { introScreen } from "./screens/intro.js";
import { itemScreen } from "./screens/item.js";
import { adaptiveItemScreen } from "./screens/adaptive-item.js";
import { reviewScreen } from "./screens/review.js";
import { resultScreen } from "./screens/result.js";

const screens = { intro: introScreen, item: itemScreen, adaptive: adaptiveItemScreen, review: reviewScreen, result: resultScreen };

/**
 * Runs the applicant interface for `run` inside `parts` (elements the host made: screen,
 * aside, title, footer, notice, timer, timeAlert, timeButton, root). `onTitle(text)` is told
 * the current screen's title.
 */
/**
 * @param {import("../shim/assay.js").Run} run
 * @param {{ root: ShadowRoot } & Record<"title" | "status" | "timer" | "timeButton" | "timeAlert" | "notice" | "screen" | "aside" | "footer", HTMLElement>} parts
 *   where the element draws
 * @param {{ onTitle?: (title: string) => void, exitLink?: string | null, onRetake?: (() => void) | null }} [options]
 */
export function startApp(run, parts, { onTitle = () => {}, exitLink = null, onRetake = null } = {}) {
  const page = { ...parts, notice: notice(parts.notice) };
  const summary = run.summary;
  const grant = run.grant();
  /** What the screens read: items as presented and the state (kept by the run from each step). */
  const session = { item: (id) => run.item(id), state: () => run.state };
  /** Id of the section whose review screen is showing, if any. */
  let reviewing = null;
  let mounted = { key: null, screen: null };
  /** An adaptive question's answer, chosen but not yet confirmed (confirming records it). */
  const unconfirmed = new Map();
  /** Actions wait their turn: each reads the state the previous one left. */
  let pending = Promise.resolve();
  /** The state as last drawn: what a redraw announces changes against. */
  let shown = run.state;
  /** While an action records its event, the run's own follow-ups are drawn with it. */
  let applying = false;
  run.onChange(() => applying || later(() => redraw()));

  const queue = answerQueue((item, response, t) => recordAnswer(item, response, t), {
    storage: globalThis.localStorage,
    key: `assay-drafts:${run.sid}`,
  });

  const actions = {
    start() {
      page.notice.clear();
      dispatch({ type: "session.start" });
    },
    view(item) {
      page.notice.clear();
      queue.flush();
      later(() => {
        reviewing = null;
        if (item !== run.state.current_item) return apply({ type: "item.view", item });
        // Asking for the question already open (from the grid or the review) still takes the
        // applicant to it: draw it and move focus to its heading, as any navigation does.
        render();
        mounted.screen.heading.focus();
      });
    },
    answer(item, response, { settled }) {
      queue.put(item, response, Date.now(), { settled });
    },
    clear(item) {
      queue.flush();
      dispatch({ type: "item.answer", item, response: null }, { rebuildControls: true });
    },
    /** In an adaptive section: an answer chosen, not yet given. */
    choose(item, response) {
      unconfirmed.set(item, response);
      mounted.screen?.update?.({ state: run.state });
    },
    /** In an adaptive section: gives the chosen answer; the engine picks what comes next. */
    confirm(item) {
      page.notice.clear();
      later(() => {
        if (!unconfirmed.has(item)) return;
        const response = unconfirmed.get(item);
        unconfirmed.delete(item);
        return apply({ type: "item.answer", item, response });
      });
    },
    flag(item, flagged) {
      dispatch({ type: "item.flag", item, flagged });
    },
    review() {
      page.notice.clear();
      queue.flush();
      later(() => {
        reviewing = run.state.section;
        render();
      });
    },
    back() {
      page.notice.clear();
      later(() => {
        reviewing = null;
        render();
      });
    },
    /** Runs the shown tests of a coding item (recorded as a run, never graded); returns verdicts. */
    async runCode(item, code, onProgress) {
      page.notice.clear();
      const before = runsOf(item);
      await dispatch({ type: "code.run", item, code });
      if (runsOf(item) === before) return null;
      return runnerSays(() => run.tryCode(item, code, onProgress));
    },
    /**
     * Records a graded submission; the run judges it in the Worker and records the verdicts. A
     * previous submission still without verdicts is judged first: the engine takes no new one
     * before.
     */
    async submitCode(item, code, onProgress) {
      page.notice.clear();
      const waiting = codeOf(item);
      if (waiting?.pending > 0 && !(await runnerSays(() => run.judged(item, waiting.submissions, onProgress)))) return null;
      const before = codeOf(item)?.submissions ?? 0;
      await dispatch({ type: "code.submit", item, code });
      const submission = codeOf(item)?.submissions ?? 0;
      if (submission === before) return null;
      return runnerSays(() => run.judged(item, submission, onProgress));
    },
    submitSection() {
      page.notice.clear();
      queue.flush();
      later(() => apply({ type: "section.submit", section: run.state.section }));
    },
  };

  function codeOf(item) {
    return run.state.items.find((v) => v.id === item)?.code ?? null;
  }

  function runsOf(item) {
    return codeOf(item)?.runs ?? 0;
  }

  /** The verdicts of judging in the page's runner; a runner that cannot start is said plainly. */
  async function runnerSays(judging) {
    try {
      return await judging();
    } catch (error) {
      page.notice.say(`The code could not be run on this device: ${error.message}`, { error: true });
      return null;
    }
  }

  /** Runs `step` after every action before it has been stored and drawn. */
  function later(step) {
    pending = pending.then(step).catch((error) => page.notice.say(`Something went wrong: ${error.message}`, { error: true }));
    return pending;
  }

  /** Records one event in turn; see apply. */
  function dispatch(event, options) {
    if (event.type !== "item.answer") queue.flush();
    return later(() => apply(event, options));
  }

  /** Records an event on the device (the run does what it makes due); on success redraws. */
  async function apply(event, { rebuildControls = false } = {}) {
    applying = true;
    try {
      await run.record(event);
    } catch (error) {
      page.notice.say(`That was not recorded: ${error.message}`, { error: true });
      render({ rebuildControls: event.type === "item.answer" });
      return;
    } finally {
      applying = false;
    }
    redraw({ rebuildControls });
  }

  /** Records a typed or chosen answer unless it is what the session already holds. */
  function recordAnswer(item, response, t) {
    return later(() => {
      const state = run.state;
      if (state.status !== "in_progress") return;
      const current = state.items.find((v) => v.id === item)?.response ?? null;
      if (JSON.stringify(current) === JSON.stringify(response)) return;
      return apply({ type: "item.answer", t, item, response });
    });
  }

  /** Draws what the run's events changed: says what closed, leaves a stale review. */
  function redraw(options) {
    const state = run.state;
    announceChanges(shown, state);
    shown = state;
    const open = state.sections.find((s) => s.id === state.section);
    if (state.status !== "in_progress" || open?.adaptive || (reviewing !== null && reviewing !== state.section)) reviewing = null;
    render(options);
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
    const section = state.sections.find((s) => s.id === state.section);
    return `${section?.adaptive ? "adaptive" : "item"}:${state.current_item}`;
  }

  /** Draws the screen for the current state; the same screen is updated in place, not rebuilt. */
  function render({ rebuildControls = false } = {}) {
    const state = run.state;
    const ctx = { state, summary, grant, session, run, actions, rebuildControls, exitLink, onRetake, pending: (item) => unconfirmed.get(item) ?? null };
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
      onTitle(screen.title);
      if (first) performance.mark("assay:first-screen");
      else screen.heading.focus();
    }
    page.footer.textContent = `Session ${run.sid.slice(0, 8)} · ${plural(state.seq, "event")} · chain ${state.head.slice(0, 12)}`;
    timer.tick();
    page.timeButton.hidden = state.status !== "in_progress" || timer.silent();
  }

  page.title.textContent = summary.title;
  const timer = startTimer({
    display: page.timer,
    alert: page.timeAlert,
    read: () => ({ time: run.timeAt(), state: run.state }),
  });
  page.timeButton.addEventListener("click", () => {
    page.timeAlert.textContent = describeTime(run.timeAt(), run.state);
  });
  watchSignals({
    root: page.root,
    onFocus(gained) {
      if (run.state.status !== "in_progress") return;
      dispatch({ type: gained ? "focus.gained" : "focus.lost" });
    },
    onPaste(item, chars) {
      if (run.state.status !== "in_progress") return;
      dispatch({ type: "paste", item, chars });
    },
  });
  // A typed answer waits for a pause before it is recorded: record it now if the page is going.
  addEventListener("pagehide", () => queue.flush());
  addEventListener("visibilitychange", () => document.visibilityState === "hidden" && queue.flush());
  render();
  // Answers typed on a page that closed before recording them. (What the closed page left due,
  // such as the next adaptive question or a submission to judge, the run does on opening.)
  if (queue.restore() > 0) later(() => render({ rebuildControls: true }));
  return {
    /** Redraws the current screen (after a receipt arrives, for example). */
    refresh: () => later(() => render()),
  };
}

/** A screen for a run that cannot go ahead, with the reason and any package problems. */
export function failScreen(title, message, issues = []) {
  const heading = h("h1", { tabindex: "-1" }, title);
  const main = h(
    "div",
    { class: "screen" },
    heading,
    h("p", { class: "lead" }, message),
    issues.length > 0 && h("ul", {}, issues.map((i) => h("li", {}, h("code", {}, i.path), ` ${i.message}`))),
  );
  return { main, heading };
}

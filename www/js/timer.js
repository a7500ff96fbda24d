// The remaining-time display: test and section time from the run's timeAt, redrawn every second.
// The readout itself is not a live region (a screen reader would hear it every second); one
// polite message is announced when 5 minutes and when 1 minute are left. Once the clock has run
// out the readout waits: the shim records the deadline's `clock` event, and the page redraws.

import { h } from "./dom.js";
import { clock, isoDuration, spokenDuration } from "./format.js";

const WARNINGS = [
  { ms: 5 * 60000, words: "5 minutes" },
  { ms: 60000, words: "1 minute" },
];

/** The time left in words, for the applicant who asks (a button, never a ticking region). */
export function describeTime(time, state) {
  const parts = [];
  if (time.remaining_ms != null) parts.push(`${spokenDuration(time.remaining_ms)} left in the test.`);
  const section = state.sections.find((s) => s.id === state.section);
  if (section?.time_limit_ms != null && time.section_remaining_ms != null && time.section_remaining_ms < (time.remaining_ms ?? Infinity)) {
    parts.push(`${spokenDuration(time.section_remaining_ms)} left in this section.`);
  }
  return parts.length > 0 ? parts.join(" ") : "This test has no time limit.";
}

/**
 * display: element for the readout; alert: an aria-live="polite" element;
 * read(): { time: TimeView, state: SessionState }.
 */
export function startTimer({ display, alert, read }) {
  const last = new Map();
  /** Whether the test or the open section had a limit at the last tick. */
  let timed = false;

  function line(label, ms, modifier) {
    return h(
      "p",
      { class: `timer-line${modifier ? ` timer-line--${modifier}` : ""}` },
      h("span", { class: "timer-label" }, label),
      " ",
      h("time", { class: "timer-value", datetime: isoDuration(ms) }, clock(ms)),
    );
  }

  function warn(key, ms, what) {
    const before = last.get(key);
    last.set(key, ms);
    if (before == null) return null;
    const crossed = WARNINGS.find((w) => before > w.ms && ms <= w.ms && ms > 0);
    return crossed ? `${crossed.words} left ${what}.` : null;
  }

  function tick() {
    const { time, state } = read();
    timed = time.remaining_ms != null || time.section_remaining_ms != null;
    if (state.status === "completed" || state.status === "not_started") {
      display.hidden = true;
      return;
    }
    if (time.expired) return;
    const section = state.sections.find((s) => s.id === state.section);
    const sectionTimed = section?.time_limit_ms != null && time.section_remaining_ms != null;
    const lines = [];
    const messages = [];
    if (time.remaining_ms != null) {
      lines.push(line("Time left", time.remaining_ms, time.remaining_ms <= 300000 ? "low" : null));
      messages.push(warn("test", time.remaining_ms, "in the test"));
    }
    if (sectionTimed && time.section_remaining_ms < (time.remaining_ms ?? Infinity)) {
      const ms = time.section_remaining_ms;
      lines.push(line("This section", ms, ms <= 300000 ? "low" : null));
      messages.push(warn(`section:${section.id}`, ms, "in this section"));
    }
    display.replaceChildren(...lines);
    display.hidden = lines.length === 0;
    const said = messages.filter(Boolean);
    if (said.length > 0) alert.textContent = said.join(" ");
  }

  tick();
  const id = setInterval(tick, 1000);
  return {
    tick,
    stop: () => clearInterval(id),
    /** Whether nothing is timed, so there is nothing to read out (as of the last tick). */
    silent: () => !timed,
  };
}

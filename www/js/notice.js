// One polite status message for the applicant (refused actions, sections closing). The element
// stays in the page while empty (CSS collapses it), so screen readers announce new text.

/** Wraps a role="status" element. */
export function notice(el) {
  return {
    say(text, { error = false } = {}) {
      el.classList.toggle("notice--error", error);
      el.textContent = text;
    },
    clear() {
      el.textContent = "";
      el.classList.remove("notice--error");
    },
  };
}

// A code editor that works at once and gets better: a plain textarea until CodeMirror's bundle
// has loaded, then CodeMirror in its place with the same text, cursor, label and keyboard rules:
// Tab indents, Shift+Tab removes an indent, and after Escape either key leaves the editor.

import { h, uid } from "./dom.js";

let bundle = null;

function loadBundle() {
  bundle ??= import(new URL("../dist/code-editor.js", import.meta.url).href).catch(() => null);
  return bundle;
}

/** An editor for `doc`; onChange(text) on every edit; onEscape() when Tab will leave it. */
export function codeEditor({ doc, label, onChange, onEscape }) {
  const hintId = uid("editor-hint");
  const hint = h("p", { class: "hint", id: hintId }, "Tab indents and Shift+Tab removes an indent. To leave the editor, press Escape, then Tab.");
  let leaving = false;
  const textarea = h("textarea", {
    class: "input code-input",
    spellcheck: "false",
    autocapitalize: "off",
    autocomplete: "off",
    "aria-label": label,
    "aria-describedby": hintId,
    rows: 16,
  });
  textarea.value = doc;
  textarea.addEventListener("input", () => onChange(textarea.value));
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      leaving = true;
      onEscape?.();
      return;
    }
    if (event.key !== "Tab") {
      if (event.key !== "Shift") leaving = false;
      return;
    }
    if (leaving) {
      leaving = false;
      return; // focus moves on
    }
    event.preventDefault();
    if (event.shiftKey) {
      // Up to four spaces off the start of the cursor's line.
      const start = textarea.value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
      const spaces = /^ {0,4}/.exec(textarea.value.slice(start))[0].length;
      if (spaces === 0) return;
      const [from, to] = [textarea.selectionStart, textarea.selectionEnd];
      textarea.setRangeText("", start, start + spaces, "preserve");
      textarea.setSelectionRange(Math.max(start, from - spaces), Math.max(start, to - spaces));
    } else {
      textarea.setRangeText("    ", textarea.selectionStart, textarea.selectionEnd, "end");
    }
    onChange(textarea.value);
  });
  const frame = h("div", { class: "code-editor" }, textarea);
  const element = h("div", { class: "code-editor-field" }, hint, frame);
  let editor = null;

  loadBundle().then((mod) => {
    if (!mod || !textarea.isConnected) return;
    const hadFocus = textarea.getRootNode().activeElement === textarea;
    editor = mod.createEditor({
      parent: frame,
      doc: textarea.value,
      cursor: textarea.selectionStart,
      label,
      describedBy: hintId,
      root: textarea.getRootNode(),
      onChange,
      onEscape,
    });
    textarea.remove();
    if (hadFocus) editor.focus();
  });

  return {
    element,
    value: () => (editor ? editor.value() : textarea.value),
    focus: () => (editor ? editor.focus() : textarea.focus()),
  };
}

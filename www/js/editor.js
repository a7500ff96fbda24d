// A code editor that works at once and gets better: a plain textarea (Tab indents, Escape then
// Tab leaves) until CodeMirror's bundle has loaded, then CodeMirror in its place with the same
// text, label and keyboard rules.

import { h, uid } from "./dom.js";

let bundle = null;

function loadBundle() {
  bundle ??= import(new URL("../dist/code-editor.js", import.meta.url).href).catch(() => null);
  return bundle;
}

/** An editor for `doc`; onChange(text) on every edit; onEscape() when Tab will leave it. */
export function codeEditor({ doc, label, onChange, onEscape }) {
  const hintId = uid("editor-hint");
  const hint = h("p", { class: "hint", id: hintId }, "Tab indents. To leave the editor, press Escape, then Tab.");
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
    if (leaving || event.shiftKey) {
      leaving = false;
      return; // focus moves on
    }
    event.preventDefault();
    textarea.setRangeText("    ", textarea.selectionStart, textarea.selectionEnd, "end");
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

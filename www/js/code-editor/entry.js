// The code editor proper: CodeMirror 6 with Python highlighting, line numbers, undo history and
// bracket matching. Bundled on its own (dist/code-editor.js) and loaded only when a coding item
// is shown. Tab indents and Shift+Tab removes an indent; after Escape either key leaves the
// editor, so it never traps the keyboard.

import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from "@codemirror/view";
import { EditorState } from "@codemirror/state";
import { defaultKeymap, history, historyKeymap, indentMore, indentLess } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { syntaxHighlighting, HighlightStyle, indentOnInput, bracketMatching, indentUnit } from "@codemirror/language";
import { tags } from "@lezer/highlight";

/** Token colours from the theme's custom properties (each at least 4.5:1 on its background). */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword, tags.operatorKeyword], color: "var(--assay-code-keyword)", fontWeight: "600" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--assay-code-string)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--assay-code-number)" },
  { tag: [tags.comment, tags.lineComment], color: "var(--assay-code-comment)", fontStyle: "italic" },
  { tag: [tags.definition(tags.variableName), tags.function(tags.definition(tags.variableName)), tags.className], color: "var(--assay-code-definition)" },
]);

/**
 * Creates an editor in `parent`. Options: doc, cursor (offset to put the cursor at), label,
 * describedBy (id of the keyboard hint), root (the shadow root the styles go into),
 * onChange(text), onEscape().
 */
export function createEditor({ parent, doc, cursor = 0, label, describedBy, root, onChange, onEscape }) {
  let leaving = false;
  const tab = (move) => (view) => {
    if (leaving) {
      leaving = false;
      return false; // the browser moves focus
    }
    return move(view);
  };
  const view = new EditorView({
    parent,
    root,
    state: EditorState.create({
      doc,
      selection: { anchor: Math.min(cursor, doc.length) },
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        drawSelection(),
        history(),
        indentOnInput(),
        bracketMatching(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        syntaxHighlighting(highlight),
        python(),
        keymap.of([
          { key: "Escape", run: () => ((leaving = true), onEscape?.(), true) },
          { key: "Tab", run: tab(indentMore), shift: tab(indentLess) },
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        EditorView.domEventHandlers({
          keydown(event) {
            if (!["Escape", "Tab", "Shift"].includes(event.key)) leaving = false;
          },
        }),
        EditorView.contentAttributes.of({ "aria-label": label, "aria-describedby": describedBy, "aria-multiline": "true" }),
        EditorView.updateListener.of((update) => update.docChanged && onChange(update.state.doc.toString())),
      ],
    }),
  });
  return {
    value: () => view.state.doc.toString(),
    focus: () => view.focus(),
  };
}

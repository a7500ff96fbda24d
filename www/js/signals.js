// Behaviour signals the engine records (and never scores): the window losing and regaining
// focus, and text pasted into the current item's inputs.

/**
 * Calls onFocus(false) on window blur, onFocus(true) on focus, and onPaste(item, chars) for a
 * paste into an input or textarea inside an element matching `scope` within `root`.
 * @param {{ onFocus: (gained: boolean) => void, onPaste: (item: string, chars: number) => void, scope?: string, root?: Document | ShadowRoot }} options
 */
export function watchSignals({ onFocus, onPaste, scope = "[data-item]", root = document }) {
  const blur = () => onFocus(false);
  const focus = () => onFocus(true);
  const paste = (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
    const field = target.closest(scope);
    if (!(field instanceof HTMLElement)) return;
    const text = event.clipboardData?.getData("text/plain") ?? "";
    onPaste(field.dataset.item, [...text].length);
  };
  window.addEventListener("blur", blur);
  window.addEventListener("focus", focus);
  // Inside a shadow root, listen there: events reaching the document name only the host.
  root.addEventListener("paste", paste, true);
  return () => {
    window.removeEventListener("blur", blur);
    window.removeEventListener("focus", focus);
    root.removeEventListener("paste", paste, true);
  };
}

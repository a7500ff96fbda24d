// Behaviour signals the engine records (and never scores): the window losing and regaining
// focus, and text pasted into the current item's inputs.

/**
 * Calls onFocus(false) on window blur, onFocus(true) on focus, and onPaste(chars) for a paste
 * into an input or textarea inside an element matching `scope`.
 */
export function watchSignals({ onFocus, onPaste, scope = "[data-item]" }) {
  const blur = () => onFocus(false);
  const focus = () => onFocus(true);
  const paste = (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
    if (!target.closest(scope)) return;
    const text = event.clipboardData?.getData("text/plain") ?? "";
    onPaste(target.closest(scope).dataset.item, [...text].length);
  };
  window.addEventListener("blur", blur);
  window.addEventListener("focus", focus);
  document.addEventListener("paste", paste, true);
  return () => {
    window.removeEventListener("blur", blur);
    window.removeEventListener("focus", focus);
    document.removeEventListener("paste", paste, true);
  };
}

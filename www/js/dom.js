// A tiny element builder: h("p", { class: "hint", onclick: f }, "text", child).
// Text is always added as text nodes, never parsed as HTML.

let next = 0;

/** A document-unique id with a readable prefix. */
export function uid(prefix) {
  next += 1;
  return `${prefix}-${next}`;
}

/**
 * Creates an element. Props: `class`, `on<event>` listeners, booleans as present/absent
 * attributes, `value` set as a property after the children (so it works on <select>),
 * anything else as an attribute. Null, undefined and false props and children are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  let value;
  for (const [key, v] of Object.entries(props ?? {})) {
    if (v == null || v === false) continue;
    if (key === "value") value = v;
    else if (key === "class") el.className = v;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), v);
    else el.setAttribute(key, v === true ? "" : String(v));
  }
  el.append(...children.flat(Infinity).filter((c) => c != null && c !== false));
  if (value !== undefined) el.value = value;
  return el;
}

/** Text only a screen reader reads. */
export function hidden(text) {
  return h("span", { class: "visually-hidden" }, text);
}

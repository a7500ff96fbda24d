// Item text as HTML: blank lines separate blocks; a block of "a | b | c" rows is a table (first
// row the header), a block of "- " lines is a list, anything else a paragraph. Text only, no markup.

import { h } from "./dom.js";

/** The stem as a <div> of paragraphs, lists and tables. */
export function renderStem(text, props = {}) {
  const blocks = text.split(/\n\s*\n/).map((b) => b.split("\n").filter((l) => l.trim() !== ""));
  return h("div", { class: "stem", ...props }, blocks.filter((l) => l.length > 0).map(block));
}

function block(lines) {
  if (lines.length >= 2 && lines.every((l) => l.includes("|"))) return table(lines);
  if (lines.every((l) => /^\s*[-*] /.test(l))) {
    return h("ul", {}, lines.map((l) => h("li", {}, l.replace(/^\s*[-*] /, ""))));
  }
  return h("p", {}, lines.flatMap((l, i) => (i === 0 ? [l] : [h("br"), l])));
}

function table(lines) {
  const rows = lines.map((l) => l.split("|").map((c) => c.trim()));
  const [head, ...body] = rows;
  const numeric = (c) => /^[-+]?[\d.,]+%?$/.test(c);
  return h(
    "table",
    {},
    h("thead", {}, h("tr", {}, head.map((c) => h("th", { scope: "col" }, c)))),
    h(
      "tbody",
      {},
      body.map((r) =>
        h(
          "tr",
          {},
          r.map((c, i) =>
            i === 0 ? h("th", { scope: "row" }, c) : h("td", { class: numeric(c) ? "num" : null }, c),
          ),
        ),
      ),
    ),
  );
}

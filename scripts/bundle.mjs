// Bundles what the pages load into www/dist and names every bundle, the Worker and the engine
// after its content (`<name>-<16 hex of SHA-256>`), so that the server lets browsers keep them
// for a year (`immutable`) and a page never mixes files of two builds. Each bundle points at
// the hashed names of what it loads. The names pages and partners' one-tag embeds use
// (dist/assay-element.js, dist/assay-shim.js) stay, as small loaders revalidated on each visit.
// The code editor also keeps a plain copy, for the npm package.
//   node scripts/bundle.mjs        (scripts/build-wasm runs it after building www/pkg)

import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { bundle, shimImportedAs, www } from "./bundling.mjs";

const dist = path.join(www, "dist");
mkdirSync(dist, { recursive: true });

const hashOf = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

/** `text` with each relative URL the sources name replaced by its hashed file. */
function pointAt(text, renames) {
  let out = text;
  for (const [from, to] of Object.entries(renames)) {
    if (!out.includes(`"${from}"`)) throw new Error(`bundle.mjs: a bundle no longer names "${from}"`);
    out = out.replaceAll(`"${from}"`, `"${to}"`);
  }
  return out;
}

/** Writes `text` as dist/<name>-<hash>.js; returns that file's name. */
function writeHashed(name, text) {
  const file = `${name}-${hashOf(text)}.js`;
  writeFileSync(path.join(dist, file), text);
  return file;
}

const sizes = [];
const report = (file) => {
  const bytes = readFileSync(path.join(www, file));
  sizes.push(`www/${file}: ${bytes.length} bytes`);
};

// The engine: the wasm-bindgen module under its hashed name beside the plain one (tests and
// the npm package load the plain one).
const engineBytes = readFileSync(path.join(www, "pkg/assay_bg.wasm"));
const engine = `assay_bg-${hashOf(engineBytes)}.wasm`;
copyFileSync(path.join(www, "pkg/assay_bg.wasm"), path.join(www, "pkg", engine));

// The Worker, self-contained (it is started by URL, so nothing may stay for it to import).
const workerFile = writeHashed("worker", await bundle("code/worker.js"));

// The code editor (CodeMirror), loaded only when a coding item is shown.
const editor = await bundle("js/code-editor/entry.js");
writeFileSync(path.join(dist, "code-editor.js"), editor);
const editorFile = writeHashed("code-editor", editor);

// The shim, pointing at the hashed engine and Worker.
const shimFile = writeHashed("assay-shim", pointAt(await bundle("shim/assay.js"), {
  "../pkg/assay_bg.wasm": `../pkg/${engine}`,
  "../code/worker.js": `../dist/${workerFile}`,
}));

// The element imports that same shim module rather than carrying a copy.
const elementFile = writeHashed("assay-element", pointAt(await bundle("js/element.js", [shimImportedAs(`./${shimFile}`)]), {
  "../dist/code-editor.js": `../dist/${editorFile}`,
}));

// The loaders. The element's starts the engine's download at once, as the page's own preload
// would, and both bundles' together: the engine is the longest fetch before the first question.
writeFileSync(path.join(dist, "assay-shim.js"), `export * from "./${shimFile}";\n`);
writeFileSync(path.join(dist, "assay-element.js"), `// Loads the element's current build (the files it names never change).
const preload = Object.assign(document.createElement("link"), { rel: "preload", as: "fetch", type: "application/wasm", crossOrigin: "anonymous", href: new URL("../pkg/${engine}", import.meta.url).href });
document.head.append(preload);
await Promise.all([import("./${shimFile}"), import("./${elementFile}")]);
`);
// Everything a test page needs, by its current name: the service worker caches it for offline
// reopening.
writeFileSync(path.join(dist, "files.json"), JSON.stringify([`pkg/${engine}`, ...[shimFile, elementFile, editorFile, workerFile].map((f) => `dist/${f}`)], null, 1));

for (const file of [`pkg/${engine}`, `dist/${shimFile}`, `dist/${elementFile}`, `dist/${editorFile}`, `dist/${workerFile}`]) report(file);
console.log(sizes.join("\n"));

// How the browser sources are bundled, for the pages (scripts/bundle.mjs) and for the npm
// packages (scripts/build-packages): one minified ES module per entry.

import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

/** The browser sources. */
export const www = path.join(path.dirname(fileURLToPath(import.meta.url)), "../www");
const shimEntry = path.join(www, "shim/assay.js");

/** Bundles `entry` (relative to www/) into the text of one module. */
export async function bundle(entry, plugins = []) {
  const result = await esbuild.build({
    entryPoints: [path.join(www, entry)],
    bundle: true, format: "esm", minify: true, target: "es2022", logLevel: "warning", write: false, plugins,
  });
  return result.outputFiles[0].text;
}

/**
 * An esbuild plugin that leaves the shim out of a bundle and imports it as `specifier` instead,
 * so that a page holds one shim (and one outbox) whichever bundles it loads.
 */
export function shimImportedAs(specifier) {
  return {
    name: `the shim as ${specifier}`,
    setup(build) {
      build.onResolve({ filter: /shim\/assay\.js$/ }, (args) =>
        path.join(args.resolveDir, args.path) === shimEntry ? { path: specifier, external: true } : undefined);
    },
  };
}

// Writes a brotli (.br) and a gzip (.gz) copy beside every static file the pages load, so the
// server sends compressed bytes without compressing per request (assay serve picks the copy the
// browser accepts). Skips a file whose copies are newer than it; removes copies whose file is gone.
//   node scripts/precompress.mjs DIR...

import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** What the pages fetch; everything else (maps, sources of other tools) is left alone. */
const TYPES = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".svg", ".json", ".webmanifest"]);
/** Below this a compressed copy saves less than its own request headers. */
const MIN_BYTES = 512;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

async function mtime(file) {
  return (await stat(file).catch(() => null))?.mtimeMs ?? -1;
}

let written = 0;
let kept = 0;
for (const dir of process.argv.slice(2)) {
  for await (const file of files(dir)) {
    const ext = path.extname(file);
    if (ext === ".br" || ext === ".gz") {
      // A copy whose original was removed would be served for a file that no longer exists.
      if ((await mtime(file.slice(0, -ext.length))) < 0) await rm(file);
      continue;
    }
    if (!TYPES.has(ext)) continue;
    const bytes = await readFile(file);
    if (bytes.length < MIN_BYTES) continue;
    const at = await mtime(file);
    if ((await mtime(`${file}.br`)) >= at && (await mtime(`${file}.gz`)) >= at) {
      kept += 1;
      continue;
    }
    const text = ext !== ".wasm";
    const br = brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
    await writeFile(`${file}.br`, br);
    await writeFile(`${file}.gz`, gzipSync(bytes, { level: 9 }));
    written += 1;
    if (bytes.length > 100000) console.log(`${file}: ${bytes.length} bytes, ${br.length} brotli, ${(await stat(`${file}.gz`)).size} gzip`);
  }
}
console.log(`precompressed ${written} files (${kept} up to date)`);

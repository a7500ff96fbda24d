// The npm packages as a partner gets them: `npm pack`ed by scripts/build-packages, installed into
// a fresh project, imported under Node, type-checked as a TypeScript consumer sees them, and
// bundled with esbuild and Vite. The browser side (those bundles and a plain module page on
// another origin than the backend) is tests/e2e/packages.mjs and tests/e2e/custom-ui.mjs.
//   scripts/build-packages && node --test tests/packaging/
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { installPackages, root, tarballs } from "./install.mjs";

const app = installPackages("node");
const bin = (name) => path.join(root, "node_modules/.bin", name);
/** Runs a module inside the project, so that `@assay/*` resolve from its node_modules. */
function runInApp(name, source) {
  writeFileSync(path.join(app, name), source);
  return execFileSync(process.execPath, [name], { cwd: app, encoding: "utf8" });
}

test("each tarball holds what its exports name, and no build leftovers", () => {
  const [element, shim] = tarballs();
  const list = (tgz) => execFileSync("tar", ["tzf", tgz], { encoding: "utf8" }).trim().split("\n").map((f) => f.replace(/^package\//, ""));
  const shimFiles = list(shim);
  for (const file of ["shim/assay.js", "shim/assay.d.ts", "code/worker.js", "code/host.js", "pkg/assay.js", "pkg/assay.d.ts", "pkg/assay_bg.wasm", "types/SessionState.d.ts", "types/Step.d.ts"]) {
    assert.ok(shimFiles.includes(file), `@assay/shim lacks ${file}`);
  }
  const elementFiles = list(element);
  for (const file of ["dist/assay-element.js", "dist/code-editor.js", "css/assay.css", "element.d.ts"]) {
    assert.ok(elementFiles.includes(file), `@assay/element lacks ${file}`);
  }
  for (const file of [...shimFiles, ...elementFiles]) {
    assert.doesNotMatch(file, /tsconfig|\.(gz|br|map)$|\.ts$(?<!\.d\.ts)/, `packed by mistake: ${file}`);
  }
});

test("the element imports the one shim rather than carrying its own", () => {
  const bundle = readFileSync(path.join(app, "node_modules/@assay/element/dist/assay-element.js"), "utf8");
  assert.match(bundle, /from"@assay\/shim"/);
  assert.doesNotMatch(bundle, /assay_bg\.wasm|IndexedDB|indexedDB/, "the element bundle holds shim code");
});

test("under Node the engine validates a package and runs a session from @assay/shim/engine", () => {
  const practice = path.join(root, "samples/data-ai-practice.json");
  const output = runInApp("engine.mjs", `
    import { readFileSync } from "node:fs";
    import { initSync, validatePackage, Session, engineVersion } from "@assay/shim/engine";
    import * as shim from "@assay/shim";
    initSync({ module: readFileSync(new URL(import.meta.resolve("@assay/shim/engine.wasm"))) });
    const text = readFileSync(${JSON.stringify(practice)}, "utf8");
    const summary = validatePackage(text);
    const session = Session.start(text, { sid: "s", nonce: "n", seed: 7 });
    session.apply({ type: "session.start", t: 0 });
    let refused = null;
    try { validatePackage(text.replace('"items"', '"itemz"')); } catch (error) { refused = error; }
    console.log(JSON.stringify({
      id: summary.id, version: engineVersion(), status: session.state().status,
      refused: { code: refused?.code, issues: refused?.issues?.length ?? 0 },
      shim: Object.keys(shim).sort(),
    }));
  `);
  const seen = JSON.parse(output);
  assert.equal(seen.id, "data-ai-practice");
  assert.equal(seen.status, "in_progress");
  assert.equal(seen.version, JSON.parse(readFileSync(path.join(app, "node_modules/@assay/shim/package.json"), "utf8")).version);
  assert.equal(seen.refused.code, "package_invalid");
  assert.ok(seen.refused.issues > 0, "a refused package names its issues");
  assert.deepEqual(seen.shim, ["Run", "assayError", "openAssessment"]);
});

test("a TypeScript consumer is checked against the declarations, and a wrong one is refused", () => {
  const tsconfig = {
    compilerOptions: { strict: true, noEmit: true, target: "es2022", module: "es2022", moduleResolution: "bundler", lib: ["es2022", "esnext.disposable", "dom", "dom.iterable"], types: [] },
    include: ["consumer.ts"],
  };
  writeFileSync(path.join(app, "tsconfig.json"), JSON.stringify(tsconfig));
  const consumer = (body) => writeFileSync(path.join(app, "consumer.ts"), `
    import { openAssessment, type SessionState, type Step, type AssaySignals } from "@assay/shim";
    import type { Event } from "@assay/shim/types/Event";
    import type { AssayAssessment } from "@assay/element";
    import "@assay/element";
    export async function take(): Promise<void> {
      const run = await openAssessment({ endpoint: "https://tests.example", package: "data-ai-practice",
        onSignal: (name, detail) => console.log(name, detail.sid) });
      const state: SessionState = run.state;
      const step: Step = await run.record({ type: "item.view", item: state.items[0].id });
      const recorded: Event[] = step.recorded;
      const element: AssayAssessment | null = document.querySelector("assay-assessment");
      element?.addEventListener("assay:submitted", (e) => console.log(e.detail.receipt, e.detail.jti));
      const error: AssaySignals["error"] = { code: "offline", message: "…" };
      console.log(recorded.length, step.due.map((d) => d.kind), element?.sid, error);
      ${body}
    }
  `);
  const tsc = () => execFileSync(bin("tsc"), ["-p", "tsconfig.json"], { cwd: app, encoding: "utf8", stdio: "pipe" });
  consumer("");
  try {
    tsc();
  } catch (error) {
    assert.fail(`tsc on a correct consumer:\n${error.stdout}`);
  }
  consumer(`await run.record({ type: "item.answer", item: "q", reponse: "5" });`);
  assert.throws(tsc, (e) => /reponse/.test(e.stdout), "a misspelt event field passed the declarations");
  consumer(`const wrong: number = run.state.status;`);
  assert.throws(tsc, (e) => /not assignable to type 'number'/.test(e.stdout), "a status read as a number passed the declarations");
  // What the shim marks @internal is not part of its API: a consumer cannot reach the outbox.
  consumer(`run.outbox.flushOnExit(); run.recordNow({ type: "finish", t: 0 });`);
  assert.throws(tsc, (e) => /Property 'outbox' does not exist/.test(e.stdout) && /Property 'recordNow' does not exist/.test(e.stdout), "an @internal member is in the declarations");
});

test("esbuild bundles a page on @assay/element into one script that imports nothing", () => {
  writeFileSync(path.join(app, "page.js"), `import "@assay/element";\nconsole.log(customElements.get("assay-assessment"));\n`);
  execFileSync(bin("esbuild"), ["page.js", "--bundle", "--format=esm", "--minify", "--outfile=esbuild-out/page.js", "--log-level=warning"], { cwd: app });
  const bundle = readFileSync(path.join(app, "esbuild-out/page.js"), "utf8");
  assert.doesNotMatch(bundle, /from"@assay\//, "the bundle still imports a package");
  assert.match(bundle, /assay-assessment/);
  assert.match(bundle, /\.\.\/pkg\/assay_bg\.wasm/, "the engine is found beside the bundle (pkg/ copied there)");
});

test("Vite builds a page on @assay/element with the engine, the Worker and the CSS as assets", async () => {
  const { build } = await import(path.join(root, "node_modules/vite/dist/node/index.js"));
  writeFileSync(path.join(app, "index.html"), `<!doctype html><title>t</title><script type="module" src="./page.js"></script><assay-assessment package="data-ai-practice"></assay-assessment>`);
  await build({ root: app, base: "./", logLevel: "warn", build: { outDir: "vite-out", emptyOutDir: true } });
  const assets = readdirSync(path.join(app, "vite-out/assets"));
  for (const [what, pattern] of [["the engine", /^assay_bg-.*\.wasm$/], ["the CSS", /^assay-.*\.css$/], ["the code editor", /^code-editor-.*\.js$/]]) {
    assert.ok(assets.some((f) => pattern.test(f)), `${what} is not among Vite's assets: ${assets}`);
  }
  // The Worker is small enough for Vite to inline as a data: URL (the shim starts such a Worker
  // from a same-origin blob); a bigger one would be an asset of its own.
  const script = readFileSync(path.join(app, "vite-out/assets", assets.find((f) => /^index-.*\.js$/.test(f))), "utf8");
  assert.ok(assets.some((f) => /^worker-.*\.js$/.test(f)) || /workerUrl:\w+=new URL\(`data:text\/javascript;base64,/.test(script), "the Worker is neither an asset nor inlined");
  assert.ok(existsSync(path.join(app, "vite-out/index.html")));
});

test("examples/custom-ui uses nothing but @assay/shim's declared API", () => {
  writeFileSync(path.join(app, "custom-ui.js"), readFileSync(path.join(root, "examples/custom-ui/ui.js")));
  const tsconfig = {
    compilerOptions: { allowJs: true, checkJs: true, noEmit: true, target: "es2022", module: "es2022", moduleResolution: "bundler", lib: ["es2022", "esnext.disposable", "dom", "dom.iterable"], types: [] },
    include: ["custom-ui.js"],
  };
  writeFileSync(path.join(app, "tsconfig.custom-ui.json"), JSON.stringify(tsconfig));
  try {
    execFileSync(bin("tsc"), ["-p", "tsconfig.custom-ui.json"], { cwd: app, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    assert.fail(`tsc on examples/custom-ui/ui.js:\n${error.stdout}`);
  }
});

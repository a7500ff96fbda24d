// Installs the packed npm packages (target/packages/*.tgz, made by scripts/build-packages) into a
// fresh project directory, as a partner's `npm install` would: nothing comes from the registry.
// The directory sits under target/ so that tools the tests use (vite, esbuild, tsc) resolve from
// the repository's own node_modules.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const packed = path.join(root, "target/packages");

/** The tarballs of @assay/shim and @assay/element. */
export function tarballs() {
  const found = existsSync(packed) ? readdirSync(packed).filter((f) => /^assay-(shim|element)-.*\.tgz$/.test(f)) : [];
  if (found.length !== 2) throw new Error(`expected the two packed packages in ${packed}: run scripts/build-packages`);
  return found.sort().map((f) => path.join(packed, f));
}

/** A new project `target/packaging/<name>` with both packages installed; returns its path. */
export function installPackages(name) {
  const dir = path.join(root, "target/packaging", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `assay-packaging-${name}`, private: true, type: "module" }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error", ...tarballs()], { cwd: dir, stdio: "inherit" });
  return dir;
}

// Type-checks a staged package's JavaScript and writes its declarations, as `tsc -p` would, but
// without what its JSDoc marks `@internal`: the shim's private fields and methods stay out of the
// public API. (tsc's own stripInternal reads only `/** @internal */` comments of TypeScript
// sources, not the tags of JSDoc in JavaScript.)
import ts from "typescript";
import { join } from "node:path";

/** Whether the JavaScript a declaration was made from carries an `@internal` JSDoc tag. */
function isInternal(node) {
  const source = ts.getOriginalNode(node);
  return source !== node && ts.getJSDocTags(source).some((tag) => tag.tagName.text === "internal");
}

/** Drops internal class members and internal top-level statements from a declaration file. */
function stripInternal(context) {
  const visit = (node) => {
    if (isInternal(node)) return undefined;
    if (ts.isClassDeclaration(node)) {
      return ts.factory.updateClassDeclaration(
        node,
        node.modifiers,
        node.name,
        node.typeParameters,
        node.heritageClauses,
        node.members.filter((member) => !isInternal(member)),
      );
    }
    return node;
  };
  return (file) => (ts.isSourceFile(file) ? ts.visitEachChild(file, visit, context) : file);
}

/**
 * Checks the project in `dir` (its tsconfig.json) and writes its declarations beside the sources.
 * Returns the diagnostics as text, empty when there are none (nothing is written then).
 */
export function emitDeclarations(dir) {
  const configPath = join(dir, "tsconfig.json");
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => "\n" };
  if (read.error) return ts.formatDiagnostics([read.error], host);
  const config = ts.parseJsonConfigFileContent(read.config, ts.sys, dir, undefined, configPath);
  const program = ts.createProgram(config.fileNames, config.options);
  const problems = [...config.errors, ...ts.getPreEmitDiagnostics(program)];
  if (problems.length > 0) return ts.formatDiagnostics(problems, host);
  const emitted = program.emit(undefined, undefined, undefined, true, { afterDeclarations: [stripInternal] });
  return ts.formatDiagnostics(emitted.diagnostics, host);
}

#!/usr/bin/env node
// Builds samples/python-practice.json, the "Python practice" package of coding tasks, from the task
// folders under samples/code/ (the files to edit). Each folder holds task.json (the item without its
// code), stub.py, reference.py, bad/*.py (known-bad solutions) and, for a checker-graded task,
// checker.py. Run after changing a task:
//   node scripts/code-package.mjs          write the package
//   node scripts/code-package.mjs --check  exit 1 if the package is out of date
// `python3 tests/python/check_cpython.py` checks the tasks themselves under CPython: every
// reference passes its tests and every known-bad solution fails at least one.

import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bankPath = `${root}samples/code`;
const packagePath = `${root}samples/python-practice.json`;

// Plain code-unit comparison, so the order never depends on the locale.
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function fail(message) {
  console.error(`code-package: ${message}`);
  process.exit(1);
}

// One test with its keys in a fixed order (the order in task.json does not matter).
function test(t, kind, where) {
  const input = kind === "stdio" ? { stdin: t.stdin } : { args: t.args };
  if (Object.values(input)[0] === undefined) fail(`${where}: test "${t.name}" has no ${Object.keys(input)[0]}`);
  return {
    name: t.name,
    ...input,
    expected: t.expected,
    points: t.points,
    visibility: t.visibility,
    ...(t.compare ? { compare: t.compare } : {}),
  };
}

function item(id) {
  const dir = `${bankPath}/${id}`;
  const task = JSON.parse(readFileSync(`${dir}/task.json`, "utf8"));
  if (task.id !== id) fail(`${dir}/task.json has id "${task.id}"`);
  const read = (name) => readFileSync(`${dir}/${name}`, "utf8");
  const bad = existsSync(`${dir}/bad`)
    ? readdirSync(`${dir}/bad`).filter((f) => f.endsWith(".py")).sort(byName)
    : [];
  const harness =
    task.harness.kind === "stdio" ? { kind: "stdio" } : { kind: "function", entry: task.harness.entry };
  return {
    order: task.order,
    item: {
      id: task.id,
      title: task.title,
      stem: task.stem,
      points: task.points,
      interaction: {
        type: "code",
        language: "python",
        stub: read("stub.py"),
        harness,
        tests: task.tests.map((t) => test(t, harness.kind, id)),
        ...(existsSync(`${dir}/checker.py`) ? { checker: read("checker.py") } : {}),
        ...(task.penalty
          ? {
              penalty: {
                free_submissions: task.penalty.free_submissions,
                per_submission: task.penalty.per_submission,
                max_deduction: task.penalty.max_deduction,
              },
            }
          : {}),
        ...(task.limits ? { limits: task.limits } : {}),
        reference: read("reference.py"),
        known_bad: bad.map((f) => ({ name: f.replace(/\.py$/, ""), code: readFileSync(`${dir}/bad/${f}`, "utf8") })),
      },
    },
  };
}

const ids = readdirSync(bankPath, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(`${bankPath}/${e.name}/task.json`))
  .map((e) => e.name)
  .sort(byName);
// Tasks in their "order" number, then by id; the number itself is not part of the item.
const entries = ids.map(item);
for (const e of entries) if (!Number.isInteger(e.order)) fail(`${e.item.id}: task.json needs an integer "order"`);
entries.sort((a, b) => a.order - b.order || byName(a.item.id, b.item.id));
const items = entries.map((e) => e.item);

const pkg = {
  format: 1,
  id: "python-practice",
  version: "1.0.0",
  title: "Python practice",
  description:
    "This practice test has short programming tasks of the kind used in our assessment for AI engineering roles: " +
    "working with text, counting and sorting, recursion and dynamic programming, processing records, and measuring " +
    "simple machine learning models. Each task says exactly what your code receives and what it must return or print, " +
    "with an example. Write your answer in Python 3; the standard library modules math, collections, itertools, " +
    "functools, heapq, bisect, re, json, string, dataclasses, typing, random, statistics, fractions, decimal, copy, " +
    "enum, operator and sys (to read standard input) are available, but files, the network and other packages are " +
    "not. Each task allows two free submissions; after that, each further submission takes a little off that " +
    "task's score. You have 90 minutes in total.",
  time_limit_ms: 90 * 60 * 1000,
  feedback: "items",
  sections: [{ id: "python", title: "Python", items }],
};

const text = JSON.stringify(pkg, null, 2) + "\n";
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(packagePath, "utf8");
  } catch {}
  if (current !== text) {
    console.error("samples/python-practice.json is out of date: run node scripts/code-package.mjs");
    process.exit(1);
  }
} else {
  writeFileSync(packagePath, text);
  const tests = items.reduce((n, i) => n + i.interaction.tests.length, 0);
  console.log(`wrote samples/python-practice.json: ${items.length} tasks, ${tests} tests`);
}

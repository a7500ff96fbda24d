#!/usr/bin/env node
// Builds samples/ai-aptitude.json, the adaptive "AI aptitude" package, from its item bank
// (samples/banks/ai-aptitude.items.json, the file to edit). Run after changing the bank:
//   node scripts/aptitude-package.mjs        write the package
//   node scripts/aptitude-package.mjs --check  exit 1 if the package is out of date
// `assay validate samples/ai-aptitude.json` then checks it; tests/package.rs checks that its
// items are the bank's.

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bankPath = `${root}samples/banks/ai-aptitude.items.json`;
const packagePath = `${root}samples/ai-aptitude.json`;

const bank = JSON.parse(readFileSync(bankPath, "utf8"));
const areas = [...new Set(bank.map((item) => item.area))].sort();

// Equal shares, written to four places so they add up to 1 within the validator's tolerance.
const share = Math.round(10000 / areas.length) / 10000;

const pkg = {
  format: 1,
  id: "ai-aptitude",
  version: "0.1.0",
  title: "AI aptitude (adaptive)",
  description:
    "This test adapts to you: each question is chosen from your answers so far, so it soon settles on questions " +
    "that suit your level, and it ends as soon as your result is precise enough. Expect between 10 and 20 " +
    "questions, drawn from six areas: AI and machine learning concepts, reading data, probability and " +
    "statistics, judging model outputs, prompt and task design, and logical reasoning. You have 25 minutes. " +
    "Answer each question before moving on: an answer is final and you cannot go back. You may use a " +
    "calculator. Please note that the question parameters used to pick questions and estimate your result are " +
    "provisional expert estimates, not yet calibrated on real responses, so the result is indicative.",
  time_limit_ms: 25 * 60 * 1000,
  feedback: "score",
  sections: [
    {
      id: "aptitude",
      title: "AI aptitude",
      adaptive: {
        estimator: { method: "EAP", points: 41, range: [-4, 4], prior: { mean: 0, sd: 1 } },
        selection: { randomesque: 3 },
        content: Object.fromEntries(areas.map((area) => [area, share])),
        stop: { se: 0.35, min_items: 10, max_items: 20 },
      },
      items: bank,
    },
  ],
};

const text = JSON.stringify(pkg, null, 2) + "\n";
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(packagePath, "utf8");
  } catch {}
  if (current !== text) {
    console.error("samples/ai-aptitude.json is out of date: run node scripts/aptitude-package.mjs");
    process.exit(1);
  }
} else {
  writeFileSync(packagePath, text);
  console.log(`wrote samples/ai-aptitude.json: ${bank.length} items in ${areas.length} areas`);
}

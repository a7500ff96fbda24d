#!/usr/bin/env python3
"""Records what CPython prints for every program in tests/python/corpus/.

Each corpus program NAME.py is a stdio program: it reads NAME.in (no input if there is no such
file) and prints its output. This script runs each one under CPython (timeout 10 s per run) and
writes tests/python/corpus/expected.json:

    {"NAME": {"stdout": "...", "exit": 0}, ...}     sorted by name

The sandbox's corpus test runs the same programs under RustPython and compares stdout and exit
status with this file.

    python3 tests/python/record_cpython.py          write expected.json
    python3 tests/python/record_cpython.py --check  exit 1 if expected.json is out of date

Every program is run twice with different hash seeds, and must print the same both times (a
program whose output depends on set or hash order would differ between Python implementations
too). Every import must be one the sandbox allows. Exit 1 on any problem.
"""

import ast
import json
import os
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
EXPECTED = CORPUS / "expected.json"
TIMEOUT_S = 10
SANDBOX_MODULES = {
    "math", "cmath", "collections", "itertools", "functools", "heapq", "bisect", "re", "json", "string",
    "dataclasses", "typing", "random", "statistics", "fractions", "decimal", "copy", "enum", "operator",
    "abc", "numbers", "textwrap", "array", "datetime", "sys",
}
# Calls whose result legitimately differs between implementations, or that the sandbox forbids.
FORBIDDEN_CALLS = {"open", "id", "__import__", "exec", "eval", "compile", "globals", "locals"}


def imports_of(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            yield (node.module or "").split(".")[0]


def lint(path):
    """Problems that would make a program unfit for the corpus."""
    tree = ast.parse(path.read_text(), str(path))
    problems = [f"imports {m!r}, which the sandbox does not allow" for m in sorted(set(imports_of(tree)) - SANDBOX_MODULES)]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
            problems.append(f"calls {node.func.id}() (line {node.lineno})")
    return problems


def run(path, stdin, hash_seed):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONHASHSEED": str(hash_seed),
           "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}
    proc = subprocess.run(
        [sys.executable, "-I", "-X", "utf8", path.name],
        input=stdin.encode("utf-8"), cwd=path.parent, env=env, capture_output=True, timeout=TIMEOUT_S,
    )
    return proc.stdout.decode("utf-8"), proc.returncode, proc.stderr.decode("utf-8", "replace")


def main(argv):
    programs = sorted(CORPUS.glob("*.py"))
    results = {}
    problems = []
    for path in programs:
        name = path.stem
        stdin_path = path.with_suffix(".in")
        stdin = stdin_path.read_text() if stdin_path.exists() else ""
        problems.extend(f"{name}: {p}" for p in lint(path))
        try:
            out1, code1, err1 = run(path, stdin, 1)
            out2, code2, err2 = run(path, stdin, 4242)
        except subprocess.TimeoutExpired:
            problems.append(f"{name}: timed out after {TIMEOUT_S} s")
            continue
        if (out1, code1) != (out2, code2):
            problems.append(f"{name}: output depends on the hash seed")
        if code1 == 0 and err1:
            problems.append(f"{name}: exit 0 but wrote to stderr: {err1.strip()[:200]}")
        if not out1:
            problems.append(f"{name}: printed nothing")
        results[name] = {"stdout": out1, "exit": code1}
        print(f"{name:<28} exit {code1}  {len(out1.splitlines()):>3} lines")
    text = json.dumps(dict(sorted(results.items())), indent=2, ensure_ascii=False) + "\n"
    if problems:
        for p in problems:
            print("FAIL", p)
        return 1
    if "--check" in argv:
        current = EXPECTED.read_text() if EXPECTED.exists() else ""
        if current != text:
            print("FAIL tests/python/corpus/expected.json is out of date: run python3 tests/python/record_cpython.py")
            return 1
        print(f"expected.json is up to date ({len(results)} programs)")
        return 0
    EXPECTED.write_text(text)
    print(f"wrote tests/python/corpus/expected.json: {len(results)} programs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

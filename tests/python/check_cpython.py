#!/usr/bin/env python3
"""Runs every task of the Python practice bank (samples/code/*/) under CPython.

For each task it runs reference.py and every bad/*.py against the task's tests with the
sandbox's harness semantics, applies each test's comparator, and prints a table:

    python3 tests/python/check_cpython.py            all tasks
    python3 tests/python/check_cpython.py -v         also list each failed test
    python3 tests/python/check_cpython.py ID ...     only these tasks

Harness semantics (the same as the wasm runner's):
  function  exec the code in a fresh namespace dict, call entry(*args), round-trip the return
            value through json.dumps/json.loads (tuples become lists, dict keys must be strings).
  stdio     exec the code with sys.stdin = io.StringIO(stdin) and stdout captured; the
            captured text is the actual output.

It exits 1 if any task is malformed, a reference fails a test (or is slower than
REFERENCE_BUDGET_S on one), or a bad solution passes every test. A bad solution whose first
line is `# expect: too slow` must fail only by timing out, and pass at least one test.
"""

import builtins
import io
import json
import math
import pathlib
import signal
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
BANK = ROOT / "samples" / "code"

TIMEOUT_S = 2.0  # per test, for every solution under CPython
REFERENCE_BUDGET_S = 0.05  # a reference must finish each test within this (RustPython is ~10x slower)
MAX_INPUT_BYTES = 20_000  # JSON size of one test's input
ALLOWED_MODULES = {
    "math", "collections", "itertools", "functools", "heapq", "bisect", "re", "json", "string",
    "dataclasses", "typing", "random", "statistics", "fractions", "decimal", "copy", "enum",
    "operator", "sys",
}
COMPARE_METHODS = {"exact", "whitespace", "numeric", "unordered", "checker"}
VISIBILITIES = {"shown", "hidden", "shown_if_failed"}


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


class Outcome:
    """What running one solution on one test gave."""

    def __init__(self, ok, actual=None, error=None, seconds=0.0):
        self.ok = ok  # the code ran to completion (no exception, no timeout)
        self.actual = actual  # decoded JSON value (function) or captured text (stdio)
        self.error = error  # "timeout", or "ExceptionName: message"
        self.seconds = seconds


def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
    top = name.split(".")[0]
    if level == 0 and top not in ALLOWED_MODULES:
        raise ImportError(f"module {name!r} is not allowed")
    return _real_import(name, globals, locals, fromlist, level)


_real_import = builtins.__import__


def run_with_timeout(fn):
    """Calls fn() with an alarm; returns (ok, value, error, seconds)."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT_S)
    start = time.perf_counter()
    try:
        value = fn()
        return True, value, None, time.perf_counter() - start
    except Timeout:
        return False, None, "timeout", time.perf_counter() - start
    except RecursionError:
        return False, None, "RecursionError", time.perf_counter() - start
    except BaseException as e:  # noqa: BLE001 - an applicant's SystemExit is an error too
        return False, None, f"{type(e).__name__}: {e}", time.perf_counter() - start
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def fresh_namespace():
    ns_builtins = dict(vars(builtins))
    ns_builtins["__import__"] = guarded_import
    return {"__name__": "__main__", "__builtins__": ns_builtins}


def run_function(code, entry, args):
    def go():
        ns = fresh_namespace()
        exec(compile(code, "<solution>", "exec"), ns)
        result = ns[entry](*json.loads(json.dumps(args)))
        # The runner encodes the value as JSON; keys must already be strings (no coercion).
        check_keys(result)
        return json.loads(json.dumps(result, allow_nan=False))

    ok, value, error, seconds = run_with_timeout(go)
    return Outcome(ok, value, error, seconds)


def check_keys(value):
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError(f"dict key {k!r} is not a string")
            check_keys(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            check_keys(v)


def run_stdio(code, stdin):
    out = io.StringIO()

    def go():
        ns = fresh_namespace()
        old_in, old_out = sys.stdin, sys.stdout
        sys.stdin, sys.stdout = io.StringIO(stdin), out
        try:
            exec(compile(code, "<solution>", "exec"), ns)
        except SystemExit as e:
            if e.code not in (None, 0):
                raise
        finally:
            sys.stdin, sys.stdout = old_in, old_out
        return out.getvalue()

    ok, value, error, seconds = run_with_timeout(go)
    return Outcome(ok, value if ok else out.getvalue(), error, seconds)


# ---------------------------------------------------------------------------------- comparators


def json_equal(a, b):
    """JSON equality: true is not 1, 1 equals 1.0, objects compare without order."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def close(actual, expected, abs_tol, rel_tol):
    if not (math.isfinite(actual) and math.isfinite(expected)):
        return actual == expected
    diff = abs(actual - expected)
    return diff <= abs_tol or diff <= rel_tol * abs(expected)


def numeric_equal(actual, expected, abs_tol, rel_tol):
    if is_number(actual) and is_number(expected):
        return close(actual, expected, abs_tol, rel_tol)
    if isinstance(actual, list) and isinstance(expected, list):
        return len(actual) == len(expected) and all(
            numeric_equal(a, e, abs_tol, rel_tol) for a, e in zip(actual, expected)
        )
    if isinstance(actual, dict) and isinstance(expected, dict):
        return actual.keys() == expected.keys() and all(
            numeric_equal(actual[k], expected[k], abs_tol, rel_tol) for k in expected
        )
    return json_equal(actual, expected)


def parse_number(token):
    try:
        value = float(token)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def numeric_text_equal(actual, expected, abs_tol, rel_tol):
    a, e = actual.split(), expected.split()
    if len(a) != len(e):
        return False
    for x, y in zip(a, e):
        nx, ny = parse_number(x), parse_number(y)
        if nx is not None and ny is not None:
            if not close(nx, ny, abs_tol, rel_tol):
                return False
        elif x != y:
            return False
    return True


def text_lines(text):
    """Lines for an unordered stdio comparison: trailing spaces and trailing blank lines don't count."""
    text = text.rstrip()
    return [line.rstrip() for line in text.splitlines()] if text else []


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def compare(task, test, outcome, checker):
    """True if the outcome passes the test."""
    if not outcome.ok:
        return False
    method = test.get("compare", {"method": "exact"})
    kind = method["method"]
    actual, expected = outcome.actual, test["expected"]
    stdio = task["harness"]["kind"] == "stdio"
    if kind == "exact":
        return actual == expected if stdio else json_equal(actual, expected)
    if kind == "whitespace":
        if stdio or isinstance(actual, str) and isinstance(expected, str):
            return actual.split() == expected.split()
        return json_equal(actual, expected)
    if kind == "numeric":
        abs_tol = method.get("abs_tolerance", 0.0)
        rel_tol = method.get("rel_tolerance", 0.0)
        if stdio:
            return numeric_text_equal(actual, expected, abs_tol, rel_tol)
        return numeric_equal(actual, expected, abs_tol, rel_tol)
    if kind == "unordered":
        if stdio:
            return sorted(text_lines(actual)) == sorted(text_lines(expected))
        if not (isinstance(actual, list) and isinstance(expected, list)):
            return False
        return sorted(map(canonical, actual)) == sorted(map(canonical, expected))
    if kind == "checker":
        args = test["stdin"] if stdio else test["args"]
        ok, value, error, _ = run_with_timeout(
            lambda: checker(json.loads(json.dumps(args)), json.loads(json.dumps(expected)), actual)
        )
        if not ok:
            raise RuntimeError(f"{task['id']}: checker failed on {test['name']!r}: {error}")
        if not isinstance(value, bool):
            raise RuntimeError(f"{task['id']}: checker returned {value!r}, not a bool")
        return value
    raise ValueError(f"unknown compare method {kind!r}")


# ------------------------------------------------------------------------------------- checks


def decimals_ok(x):
    return is_number(x) and x > 0 and abs(round(x, 3) - x) < 1e-12


def validate(folder, task):
    """Structural problems with a task folder (a list of messages)."""
    problems = []
    for key in ("id", "title", "stem", "points", "harness", "tests"):
        if key not in task:
            problems.append(f"task.json has no {key!r}")
    if problems:
        return problems
    if task["id"] != folder.name:
        problems.append(f"id {task['id']!r} is not the folder name")
    if not decimals_ok(task["points"]):
        problems.append(f"points {task['points']!r} is not a positive number with <= 3 decimals")
    kind = task["harness"].get("kind")
    if kind not in ("function", "stdio"):
        problems.append(f"harness kind {kind!r}")
    if kind == "function" and not task["harness"].get("entry"):
        problems.append("function harness has no entry")
    tests = task["tests"]
    if not 6 <= len(tests) <= 12:
        problems.append(f"{len(tests)} tests (want 6-12)")
    names = [t.get("name") for t in tests]
    if len(set(names)) != len(names):
        problems.append("test names are not unique")
    vis = [t.get("visibility") for t in tests]
    if vis.count("shown") < 2:
        problems.append("fewer than 2 shown tests")
    if "hidden" not in vis:
        problems.append("no hidden test")
    for t in tests:
        where = f"test {t.get('name')!r}"
        if t.get("visibility") not in VISIBILITIES:
            problems.append(f"{where}: visibility {t.get('visibility')!r}")
        if not decimals_ok(t.get("points")):
            problems.append(f"{where}: points {t.get('points')!r}")
        method = t.get("compare", {"method": "exact"}).get("method")
        if method not in COMPARE_METHODS:
            problems.append(f"{where}: compare {method!r}")
        if method == "checker" and not (folder / "checker.py").exists():
            problems.append(f"{where}: compare checker but no checker.py")
        if kind == "function":
            if not isinstance(t.get("args"), list) or "stdin" in t:
                problems.append(f"{where}: a function test needs a list 'args' and no 'stdin'")
            size = len(json.dumps(t.get("args")))
        else:
            if not isinstance(t.get("stdin"), str) or "args" in t:
                problems.append(f"{where}: a stdio test needs a string 'stdin' and no 'args'")
            if not isinstance(t.get("expected"), str):
                problems.append(f"{where}: a stdio test's expected must be text")
            size = len(json.dumps(t.get("stdin")))
        if "expected" not in t:
            problems.append(f"{where}: no expected")
        if size > MAX_INPUT_BYTES:
            problems.append(f"{where}: input is {size} bytes of JSON")
    for name in ("reference.py", "stub.py"):
        if not (folder / name).exists():
            problems.append(f"no {name}")
    for path in [folder / "stub.py", folder / "checker.py"]:
        if path.exists():
            try:
                compile(path.read_text(), str(path), "exec")
            except SyntaxError as e:
                problems.append(f"{path.name} does not compile: {e}")
    if len(list((folder / "bad").glob("*.py"))) < 2:
        problems.append("fewer than 2 bad solutions")
    return problems


def load_checker(folder):
    path = folder / "checker.py"
    if not path.exists():
        return None
    ns = {"__name__": "checker"}
    exec(compile(path.read_text(), str(path), "exec"), ns)
    return ns["check"]


def run_solution(task, code, checker):
    """[(test, outcome, passed)] for one solution."""
    results = []
    for test in task["tests"]:
        if task["harness"]["kind"] == "function":
            outcome = run_function(code, task["harness"]["entry"], test["args"])
        else:
            outcome = run_stdio(code, test["stdin"])
        results.append((test, outcome, compare(task, test, outcome, checker)))
    return results


def describe(test, outcome):
    if not outcome.ok:
        return outcome.error
    shown = json.dumps(outcome.actual) if not isinstance(outcome.actual, str) else repr(outcome.actual)
    return "got " + (shown if len(shown) <= 80 else shown[:77] + "...")


def main(argv):
    verbose = "-v" in argv
    only = [a for a in argv if not a.startswith("-")]
    folders = sorted(p for p in BANK.iterdir() if (p / "task.json").exists())
    if only:
        folders = [f for f in folders if f.name in only]
    failures = []
    rows = []
    for folder in folders:
        task = json.loads((folder / "task.json").read_text())
        problems = validate(folder, task)
        if problems:
            failures.extend(f"{folder.name}: {p}" for p in problems)
            continue
        checker = load_checker(folder)
        solutions = [("reference", folder / "reference.py")]
        solutions += [(f"bad/{p.stem}", p) for p in sorted((folder / "bad").glob("*.py"))]
        for label, path in solutions:
            code = path.read_text()
            results = run_solution(task, code, checker)
            passed = sum(1 for _, _, p in results if p)
            slowest = max(o.seconds for _, o, _ in results)
            failed = [(t, o) for t, o, p in results if not p]
            verdict = "ok"
            if label == "reference":
                if failed:
                    verdict = "FAIL"
                    failures.append(f"{folder.name}: reference fails {len(failed)} test(s)")
                elif slowest > REFERENCE_BUDGET_S:
                    verdict = "SLOW"
                    failures.append(f"{folder.name}: reference takes {slowest * 1000:.0f} ms on a test")
                # Under exact comparison the reference must match in JSON types too (1 vs 1.0).
                strict = [t["name"] for t, o, p in results
                          if p and t.get("compare", {}).get("method", "exact") == "exact"
                          and canonical(o.actual) != canonical(t["expected"])]
                if strict:
                    verdict = "FAIL"
                    failures.append(f"{folder.name}: reference output differs in JSON types: {strict}")
            else:
                too_slow = code.startswith("# expect: too slow")
                if not failed:
                    verdict = "PASSES"
                    failures.append(f"{folder.name}: {label} passes every test")
                elif too_slow and (any(o.error != "timeout" for _, o in failed) or not passed):
                    verdict = "NOT-JUST-SLOW"
                    failures.append(f"{folder.name}: {label} is marked too slow but fails otherwise")
                elif too_slow:
                    verdict = "slow (as meant)"
                else:
                    verdict = "fails (as meant)"
            rows.append((folder.name, label, f"{passed}/{len(results)}", f"{slowest * 1000:.1f}", verdict))
            if verbose and label != "reference" or failed and label == "reference":
                for t, o in failed:
                    rows.append(("", "", "", "", f"  x {t['name']}: {describe(t, o)}"))
    widths = [max(len(r[i]) for r in rows + [("task", "solution", "passed", "max ms", "")]) for i in range(4)]
    header = ("task", "solution", "passed", "max ms", "verdict")
    for row in [header] + rows:
        print("  ".join(c.ljust(w) for c, w in zip(row[:4], widths)) + "  " + row[4])
    print()
    if failures:
        for f in failures:
            print("FAIL", f)
        return 1
    print(f"all {len(folders)} tasks ok: every reference passes, every bad solution fails")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

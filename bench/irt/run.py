#!/usr/bin/env python3
"""Assay's IRT against Python's mirt, girth and catsim, on the same generated data.

Run through bench/irt.sh, which prepares bench/.venv first. Three tasks:

  cat  one CAT step (EAP update + maximum-information selection) on a 1,000-item 2PL pool
  eap  EAP scoring of 100,000 x 50 responses with known items (41 quadrature points)
  cal  2PL calibration of 50,000 x 100 responses (41 points, tolerance 1e-4, no standard errors)

--quick shrinks eap to 10,000 x 50 and cal to 5,000 x 50. Data come from fixed seeds (numpy's
default_rng for eap and cal, SplitMix64 for the CAT pool, which the wasm side rebuilds itself) and
are written once to <work>/data as .npy files; every tool reads the same files, and only the
computation is timed, never the reading. Each tool runs in its own process, by default pinned to
one CPU (sched_setaffinity; RAYON/OMP/BLAS threads 1), so every row is one thread; the full run
adds all-cores rows for the two tools that use threads, Assay's and mirt's calibration.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HARNESS = ROOT / "bench" / "irt" / "harness"
PEERS = ("mirt", "girth", "catsim")

CAT_SEED = 20_261_128  # as bench/irt/harness/src/lib.rs
CAT_ITEMS = 1000
CAT_RESPONSES = [0, 1, 0, 1, 0]
POINTS = 41

SIZES = {
    "full": {"eap": (100_000, 50), "cal": (50_000, 100)},
    "quick": {"eap": (10_000, 50), "cal": (5_000, 50)},
}
SEEDS = {"eap": 2, "cal": 3}
# Timed repetitions: EAP runs are repeated and the fastest kept; a calibration runs once.
REPEATS = {
    "full": {"eap": 5, "eap_slow": 3, "cal": 1, "cat_batches": 100, "cat_calls": 200},
    "quick": {"eap": 3, "eap_slow": 2, "cal": 1, "cat_batches": 30, "cat_calls": 50},
}

THREAD_ENV = (
    "RAYON_NUM_THREADS",
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
)


# ---------------------------------------------------------------------------------------------
# Data


def splitmix_pool(seed: int, n: int) -> tuple[list[float], list[float]]:
    """The CAT pool, exactly as the Rust harness draws it."""
    mask = (1 << 64) - 1
    state = seed
    a, b = [], []

    def uniform() -> float:
        nonlocal state
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        z ^= z >> 31
        return (z >> 11) * (1.0 / 9007199254740992.0)

    for _ in range(n):
        a.append(0.7 + 1.5 * uniform())
        b.append(-2.2 + 4.4 * uniform())
    return a, b


def generate(data: Path, mode: str) -> dict:
    import numpy as np

    manifest = {
        "mode": mode,
        "numpy": np.__version__,
        "cat": {"seed": CAT_SEED, "items": CAT_ITEMS},
        **{task: {"seed": SEEDS[task], "persons": p, "items": i} for task, (p, i) in SIZES[mode].items()},
    }
    path = data / "manifest.json"
    if path.exists() and json.loads(path.read_text()) == manifest:
        return manifest
    data.mkdir(parents=True, exist_ok=True)
    a, b = splitmix_pool(CAT_SEED, CAT_ITEMS)
    np.save(data / "cat_a.npy", np.array(a, dtype="<f8"))
    np.save(data / "cat_b.npy", np.array(b, dtype="<f8"))
    for task, (persons, items) in SIZES[mode].items():
        rng = np.random.default_rng(SEEDS[task])
        a = 0.7 + 1.5 * rng.random(items)
        b = -2.2 + 4.4 * rng.random(items)
        theta = rng.standard_normal(persons)
        x = np.empty((persons, items), dtype=np.uint8)
        for start in range(0, persons, 10_000):  # in blocks, to keep memory small
            t = theta[start : start + 10_000, None]
            p = 1.0 / (1.0 + np.exp(-a * (t - b)))
            x[start : start + 10_000] = rng.random(p.shape) < p
        for name, value in (("a", a), ("b", b), ("theta", theta), ("x", x)):
            np.save(data / f"{task}_{name}.npy", value)
    path.write_text(json.dumps(manifest, indent=1))
    return manifest


# ---------------------------------------------------------------------------------------------
# Peers (run in a child process: `run.py --peer TOOL TASK --work DIR --mode MODE`)


def batches(call, batch: int, count: int) -> dict:
    for _ in range(batch):
        call()
    per_call = []
    for _ in range(count):
        t0 = time.perf_counter_ns()
        for _ in range(batch):
            call()
        per_call.append((time.perf_counter_ns() - t0) / batch)
    per_call.sort()
    return {"best_ns": per_call[0], "median_ns": per_call[len(per_call) // 2], "batch": batch, "batches": count}


def singles(call, count: int, setup=None) -> dict:
    """Times `count` separate calls, each after an untimed `setup()` whose value it receives."""
    times = []
    for i in range(count + 3):
        arg = setup() if setup else None
        t0 = time.perf_counter_ns()
        call(arg)
        if i >= 3:
            times.append(time.perf_counter_ns() - t0)
    times.sort()
    return {"best_ns": times[0], "median_ns": times[len(times) // 2], "batch": 1, "batches": count}


def two_pl_model(a, b):
    """A mirt 2PL model holding known parameters, as a fitted one would."""
    import numpy as np
    from mirt.models.dichotomous import TwoParameterLogistic

    model = TwoParameterLogistic(n_items=len(a))
    model.set_parameters(discrimination=np.asarray(a, float), difficulty=np.asarray(b, float))
    model._is_fitted = True  # mirt has no public setter for parameters that were not fitted
    return model


def peer(tool: str, task: str, work: Path, mode: str) -> dict:
    import numpy as np

    data = work / "data"
    load = lambda name: np.load(data / f"{name}.npy")  # noqa: E731
    reps = REPEATS[mode]
    out: dict = {}

    if task.startswith("cat"):
        a, b = load("cat_a"), load("cat_b")
        path = json.loads((work / "results" / "assay-cat-native.json").read_text())["path"]
        resp = CAT_RESPONSES
        if tool == "mirt" and task == "cat-engine":
            from mirt.cat import CATEngine

            engine = CATEngine(two_pl_model(a, b), n_quadpts=POINTS, se_threshold=0.3, max_items=30)
            engine.get_current_state()
            for r in resp[:-1]:
                engine.administer_item(r)
            state = {}

            def step(e):
                state["s"] = e.administer_item(resp[-1])

            out = singles(step, reps["cat_calls"], setup=lambda: copy.deepcopy(engine))
            s = state["s"]
            out.update(path=[int(i) for i in s.items_administered], theta=s.theta, se=s.standard_error, next=s.next_item)
        elif tool == "mirt" and task == "cat":
            import mirt.mirt_rs as native
            from mirt.scoring._common import build_quadrature

            qp, qw = build_quadrature(n_quadpts=POINTS, n_factors=1, prior_mean=None, prior_cov=None)
            qp, qw = np.ascontiguousarray(qp.ravel()), np.ascontiguousarray(qw.ravel())
            items = np.array(path, dtype=np.int32)
            responses = np.array(resp, dtype=np.int32)
            mask = np.ones(len(a), dtype=bool)
            mask[items] = False
            state = {}

            def step():
                theta, se = native.cat_eap_update(items, responses, a, b, qp, qw)
                state["r"] = (theta, se, native.cat_select_max_info(float(theta[0]), a, b, mask))

            out = batches(step, 200, reps["cat_batches"])
            theta, se, nxt = state["r"]
            out.update(path=path, theta=float(theta[0]), se=float(se[0]), next=int(nxt))
        elif tool == "catsim" and task == "cat":
            from catsim.estimation import NumericalSearchEstimator
            from catsim.item_bank import ItemBank
            from catsim.selection import MaxInfoSelector

            bank = ItemBank(np.column_stack([a, b]))
            estimator, selector = NumericalSearchEstimator(), MaxInfoSelector()
            answers = [bool(r) for r in resp]
            state = {}

            def step(_):
                theta = estimator.estimate(
                    item_bank=bank, administered_items=path, response_vector=answers, est_theta=0.0
                )
                state["r"] = (theta, selector.select(item_bank=bank, administered_items=path, est_theta=theta))

            out = singles(step, reps["cat_calls"])
            theta, nxt = state["r"]
            info = float(bank.test_information(theta, path))
            out.update(path=path, theta=float(theta), se=1.0 / math.sqrt(info), next=int(nxt))
        else:
            raise SystemExit(f"{tool} has no {task}")
        return out

    if task == "eap":
        a, b, x = load("eap_a"), load("eap_b"), load("eap_x")
        times = []
        if tool == "mirt":
            import mirt

            model, responses = two_pl_model(a, b), x.astype(np.int8)
            for _ in range(reps["eap"]):
                t0 = time.perf_counter()
                scores = mirt.fscores(model, responses, method="EAP", n_quadpts=POINTS)
                times.append(time.perf_counter() - t0)
            theta, se = np.asarray(scores.theta).ravel(), np.asarray(scores.standard_error).ravel()
        elif tool == "girth":
            import girth

            dataset = np.ascontiguousarray(x.T.astype(np.int64))
            options = {"quadrature_n": POINTS, "quadrature_bounds": (-6.0, 6.0)}
            for _ in range(reps["eap_slow"]):
                t0 = time.perf_counter()
                theta = girth.ability_eap(dataset, b, a, options=options)
                times.append(time.perf_counter() - t0)
            se = None
        else:
            raise SystemExit(f"{tool} has no {task}")
        np.save(work / "results" / f"{tool}-eap-theta.npy", np.asarray(theta, dtype="<f8"))
        return {"times": times, "mean_se": None if se is None else float(np.mean(se))}

    if task == "cal":
        x = load("cal_x")
        times = []
        if tool == "mirt":
            import mirt

            responses = x.astype(np.int8)
            for _ in range(reps["cal"]):
                t0 = time.perf_counter()
                fit = mirt.fit_mirt(
                    responses, "2PL", n_quadpts=POINTS, tol=1e-4, max_iter=500, compute_standard_errors=False
                )
                times.append(time.perf_counter() - t0)
            params = fit.model.parameters
            est_a, est_b = np.asarray(params["discrimination"]).ravel(), np.asarray(params["difficulty"]).ravel()
            out = {"iterations": int(fit.n_iterations), "converged": bool(fit.converged)}
        elif tool == "girth":
            import girth

            dataset = np.ascontiguousarray(x.T.astype(np.int64))
            options = {"quadrature_n": POINTS, "quadrature_bounds": (-6.0, 6.0), "max_iteration": 500}
            for _ in range(reps["cal"]):
                t0 = time.perf_counter()
                fit = girth.twopl_mml(dataset, options=options)
                times.append(time.perf_counter() - t0)
            est_a, est_b = np.asarray(fit["Discrimination"]).ravel(), np.asarray(fit["Difficulty"]).ravel()
            out = {}
        else:
            raise SystemExit(f"{tool} has no {task}")
        out.update(times=times, a=est_a.tolist(), b=est_b.tolist())
        return out

    raise SystemExit(f"unknown task {task}")


# ---------------------------------------------------------------------------------------------
# Orchestration


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target" / "irt-bench")


def cargo_env() -> dict:
    env = dict(os.environ, CARGO_TARGET_DIR=str(target_dir()))
    cargo_bin = Path.home() / ".cargo" / "bin"
    if cargo_bin.is_dir():
        env["PATH"] = f"{cargo_bin}:{env['PATH']}"
    return env


WASM_TEST = [
    "cargo", "test", "--profile", "wasm", "--target", "wasm32-unknown-unknown",
    "--manifest-path", str(HARNESS / "Cargo.toml"), "--test", "cat_step",
]


def build(skip: bool) -> None:
    lock = HARNESS / "Cargo.lock"
    if not lock.exists():
        shutil.copy(ROOT / "Cargo.lock", lock)  # start from the project's versions
    if skip:
        return
    # Run from the repository root, so its rust-toolchain.toml and .cargo/config.toml (the
    # wasm-bindgen-test-runner) apply.
    for cmd in (
        ["cargo", "build", "--profile", "native", "--manifest-path", str(HARNESS / "Cargo.toml")],
        WASM_TEST + ["--no-run"],
    ):
        log("$ " + " ".join(cmd))
        subprocess.run(["nice", "-n", "10", *cmd], cwd=ROOT, env=cargo_env(), check=True)


def one_cpu() -> int:
    return sorted(os.sched_getaffinity(0))[-1]


def launch(cmd: list[str], cpus: str, timeout: float, cwd: Path = ROOT, env: dict | None = None):
    """Runs a timed child: pinned to one CPU with thread pools of one, or on every CPU."""
    env = dict(env or os.environ)
    for name in THREAD_ENV:
        env.pop(name, None)
        if cpus == "1":
            env[name] = "1"
    pin = (lambda: os.sched_setaffinity(0, {one_cpu()})) if cpus == "1" else None
    return subprocess.run(
        cmd, cwd=cwd, env=env, preexec_fn=pin, timeout=timeout, capture_output=True, text=True
    )


def last_json(text: str, prefix: str = "") -> dict:
    for line in reversed(text.splitlines()):
        line = line.strip()
        if line.startswith(prefix + "{"):
            return json.loads(line[len(prefix):])
    raise ValueError("no JSON result in the output")


def installed() -> dict:
    from importlib import metadata

    versions = {}
    for name in ("numpy", "scipy", *PEERS):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.2f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def corr(x, y) -> float:
    import numpy as np

    return float(np.corrcoef(np.asarray(x, float), np.asarray(y, float))[0, 1])


def rmse(x, y) -> float:
    import numpy as np

    return float(np.sqrt(np.mean((np.asarray(x, float) - np.asarray(y, float)) ** 2)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller eap and cal data, fewer repeats")
    parser.add_argument("--work", type=Path, help="data and results (default: $TMPDIR/assay-irt-bench-MODE)")
    parser.add_argument("--tools", default="assay,mirt,girth,catsim")
    parser.add_argument("--tasks", default="cat,eap,cal")
    parser.add_argument("--skip-build", action="store_true", help="use the harness as last built")
    parser.add_argument("--peer", nargs=2, metavar=("TOOL", "TASK"), help=argparse.SUPPRESS)
    parser.add_argument("--mode", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    mode = args.mode or ("quick" if args.quick else "full")
    work = args.work or Path(os.environ.get("TMPDIR", "/tmp")) / f"assay-irt-bench-{mode}"

    if args.peer:
        print(json.dumps(peer(args.peer[0], args.peer[1], work, mode)))
        return 0

    tools = [t for t in args.tools.split(",") if t]
    tasks = [t for t in args.tasks.split(",") if t]
    timeout = 1800 if mode == "full" else 300
    reps = REPEATS[mode]
    (work / "results").mkdir(parents=True, exist_ok=True)
    started = time.time()

    versions = installed()
    log(f"work directory: {work}")
    log("python " + sys.version.split()[0] + ", " + ", ".join(f"{k} {v or 'NOT INSTALLED'}" for k, v in versions.items()))
    t0 = time.time()
    manifest = generate(work / "data", mode)
    log(f"data ready ({time.time() - t0:.1f} s): " + json.dumps({k: v for k, v in manifest.items() if k in SIZES[mode]}))
    if "assay" in tools:
        build(args.skip_build)

    rows: list[dict] = []
    problems: list[str] = []
    truth = {}

    def run_assay(task: str, cpus: str) -> None:
        binary = target_dir() / "native" / "assay-irt-bench"
        data = str(work / "data")
        if task == "cat":
            jobs = [("native", [str(binary), "cat", data, str(reps["cat_batches"] * 2)])]
            jobs.append(("wasm", [*WASM_TEST, "--", "--nocapture"]))
        elif task == "eap":
            jobs = [("native", [str(binary), "eap", data, str(reps["eap"]), str(work / "results" / "assay-eap-theta.npy")])]
        else:
            jobs = [("native", [str(binary), "cal", data, str(reps["cal"])])]
        for where, cmd in jobs:
            log(f"assay {task} ({where}, {'1 CPU' if cpus == '1' else 'all CPUs'})")
            try:
                done = launch(cmd, cpus, timeout, env=cargo_env())
                result = last_json(done.stdout, "ASSAY_CAT_STEP " if where == "wasm" else "")
            except subprocess.TimeoutExpired:
                problems.append(f"assay {task} ({where}): no result within {timeout} s")
                continue
            except ValueError:
                problems.append(f"assay {task} ({where}): exit {done.returncode}: {done.stderr.strip()[-1000:]}")
                continue
            if task == "cat" and where == "native":
                (work / "results" / "assay-cat-native.json").write_text(json.dumps(result))
            rows.append({"task": task, "tool": "Assay", "variant": where, "cpus": cpus, **result})

    def run_peer(tool: str, task: str, cpus: str, variant: str, peer_task: str | None = None) -> None:
        if versions.get(tool) is None:
            if not any(p.startswith(f"{tool}:") for p in problems):
                problems.append(f"{tool}: not installed in {sys.prefix} (see bench/irt.sh's output); skipped")
            return
        label = f"{tool} {task} ({variant}, {'1 CPU' if cpus == '1' else 'all CPUs'})"
        log(label)
        cmd = [sys.executable, __file__, "--peer", tool, peer_task or task, "--work", str(work), "--mode", mode]
        try:
            done = launch(cmd, cpus, timeout)
            if done.returncode != 0:
                raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}")
            result = last_json(done.stdout)
        except subprocess.TimeoutExpired:
            problems.append(f"{label}: no result within {timeout} s")
            return
        except (RuntimeError, ValueError) as e:
            problems.append(f"{label}: {e}")
            return
        rows.append({"task": task, "tool": tool, "variant": variant, "cpus": cpus, **result})

    import numpy as np

    if "cat" in tasks:
        if "assay" in tools:
            run_assay("cat", "1")
        if (work / "results" / "assay-cat-native.json").exists():
            if "mirt" in tools:
                run_peer("mirt", "cat", "1", "mirt_rs kernels cat_eap_update + cat_select_max_info", "cat")
                run_peer("mirt", "cat", "1", "CATEngine.administer_item", "cat-engine")
            if "catsim" in tools:
                run_peer("catsim", "cat", "1", "NumericalSearchEstimator (MLE) + MaxInfoSelector")
        else:
            problems.append("cat: the peers take the item path from Assay's native run, which is missing")
    if "eap" in tasks:
        truth["eap"] = np.load(work / "data" / "eap_theta.npy")
        if "assay" in tools:
            run_assay("eap", "1")
        if "mirt" in tools:
            run_peer("mirt", "eap", "1", "fscores(method='EAP')")
        if "girth" in tools:
            run_peer("girth", "eap", "1", "ability_eap")
    if "cal" in tasks:
        truth["cal"] = (np.load(work / "data" / "cal_a.npy"), np.load(work / "data" / "cal_b.npy"))
        cpu_modes = ["1", "all"] if mode == "full" else ["1"]
        for cpus in cpu_modes:
            if "assay" in tools:
                run_assay("cal", cpus)
            if "mirt" in tools:
                run_peer("mirt", "cal", cpus, "fit_mirt, Rust backend")
        if "girth" in tools:
            run_peer("girth", "cal", "1", "twopl_mml")

    # Recovery and ratios.
    for row in rows:
        if "times" in row:
            row["best_s"] = min(row["times"])
            row["median_s"] = statistics.median(row["times"])
        else:
            row["best_s"] = row["best_ns"] * 1e-9
            row["median_s"] = row["median_ns"] * 1e-9
        if row["task"] == "eap":
            name = "assay" if row["tool"] == "Assay" else row["tool"]
            theta = np.load(work / "results" / f"{name}-eap-theta.npy")
            row["rmse_theta"] = rmse(theta, truth["eap"])
            row["corr_theta"] = corr(theta, truth["eap"])
        if row["task"] == "cal":
            a, b = truth["cal"]
            row["corr_a"], row["corr_b"] = corr(row["a"], a), corr(row["b"], b)
            row["rmse_a"], row["rmse_b"] = rmse(row["a"], a), rmse(row["b"], b)

    def reference(row: dict) -> dict | None:
        for r in rows:
            if r["tool"] == "Assay" and r["task"] == row["task"] and r["cpus"] == row["cpus"]:
                if row["task"] != "cat" or r["variant"] == "wasm":
                    return r
        return None

    assay_next = next((r["next"] for r in rows if r["task"] == "cat" and r["tool"] == "Assay"), None)
    lines = []
    header = ("task", "tool (how)", "CPUs", "time: best (median)", "÷ Assay", "recovery")
    table = []
    names = {"cat": "CAT step, 1,000 items", "eap": "EAP, {}×{}", "cal": "2PL calibration, {}×{}"}
    for row in rows:
        task = row["task"]
        title = names[task].format(*(f"{n:,}" for n in SIZES[mode].get(task, ())))
        ref = reference(row)
        ratio = row["best_s"] / ref["best_s"] if ref else float("nan")
        timing = fmt_time(row["best_s"])
        if row["median_s"] != row["best_s"]:
            timing += f" ({fmt_time(row['median_s'])})"
        if task == "cat":
            same = "same" if row["next"] == assay_next else "differs from Assay's"
            recovery = f"θ {row['theta']:+.3f}, SE {row['se']:.3f}, next item {row['next']} ({same})"
            if row["path"] != next((r["path"] for r in rows if r["tool"] == "Assay"), None):
                recovery += f"; own path {row['path']}"
        elif task == "eap":
            recovery = f"RMSE(θ) {row['rmse_theta']:.4f}, corr {row['corr_theta']:.4f}"
            if row.get("mean_se"):
                recovery += f", mean SE {row['mean_se']:.4f}"
        else:
            recovery = f"corr(a) {row['corr_a']:.4f}, corr(b) {row['corr_b']:.5f}; RMSE a {row['rmse_a']:.4f}, b {row['rmse_b']:.4f}"
            if "iterations" in row:
                recovery += f"; {row['iterations']} cycles"
                if row.get("converged") is False:
                    recovery += " (NOT converged)"
        tool = "Assay" if row["tool"] == "Assay" else row["tool"]
        how = {"native": "native", "wasm": "wasm32 under Node"}.get(row["variant"], row["variant"])
        table.append((title, f"{tool} ({how})", "1" if row["cpus"] == "1" else "all", timing, f"{ratio:.1f}×" if ref else "–", recovery))
        row["ratio"] = ratio

    widths = [max(len(str(r[i])) for r in [header, *table]) for i in range(len(header))]
    lines.append("  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for r in table:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())

    # The targets, against the fastest peer on each row (one CPU each).
    lines.append("")
    lines.append("Targets (against the fastest peer, all on one CPU):")
    goals = {"cat": ("CAT step in wasm ≤ 5 µs; faster than the fastest peer", None), "eap": ("≥ 8× faster", 8), "cal": ("≥ 10× faster", 10)}
    for task in tasks:
        mine = [r for r in rows if r["task"] == task and r["tool"] == "Assay" and r["cpus"] == "1"]
        if task == "cat":
            mine = [r for r in mine if r["variant"] == "wasm"]
        theirs = [r for r in rows if r["task"] == task and r["tool"] != "Assay" and r["cpus"] == "1"]
        if not mine or not theirs:
            lines.append(f"  {task}: not measured")
            continue
        me, best = mine[0], min(theirs, key=lambda r: r["best_s"])
        speedup = best["best_s"] / me["best_s"]
        goal, factor = goals[task]
        if task == "cat":
            met = me["best_s"] <= 5e-6 and speedup >= 1
            extra = f"Assay wasm {fmt_time(me['best_s'])}"
        else:
            met = speedup >= factor
            extra = ""
        if task == "eap":
            better = me["rmse_theta"] <= best["rmse_theta"] + 1e-3
            extra = f"RMSE(θ) {me['rmse_theta']:.4f} vs {best['rmse_theta']:.4f}: {'as good' if better else 'worse'}"
        if task == "cal":
            better = me["corr_a"] >= best["corr_a"] - 1e-3 and me["corr_b"] >= best["corr_b"] - 1e-4
            extra = f"corr(a), corr(b) {me['corr_a']:.4f}, {me['corr_b']:.5f} vs {best['corr_a']:.4f}, {best['corr_b']:.5f}: {'as good' if better else 'worse'}"
        lines.append(
            f"  {task}: {speedup:.1f}× faster than {best['tool']} ({best['variant']}); target {goal}: "
            f"{'met' if met else 'NOT met'}; {extra}"
        )

    print()
    print(f"Assay IRT against Python peers ({mode}; {work})")
    print("python " + sys.version.split()[0] + "; " + ", ".join(f"{k} {v or 'not installed'}" for k, v in versions.items()))
    print("Times: computation only (data read before the clock starts); the fastest of the repeats, median in")
    print("brackets; a CAT step is the time per call over batches of calls. ÷ Assay: time over Assay's")
    print("(the wasm step for CAT rows, the native run on as many CPUs otherwise).")
    print()
    print("\n".join(lines))
    if problems:
        print("\nNot measured:")
        for p in problems:
            print("  - " + p)
    print(f"\nTotal {time.time() - started:.0f} s.")
    (work / "results" / "summary.json").write_text(
        json.dumps({"mode": mode, "versions": versions, "rows": rows, "problems": problems}, indent=1, default=str)
    )
    # Missing or failing peers are reported above; only a failure of Assay's own runs is an error.
    return 1 if any(p.startswith("assay ") for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main())

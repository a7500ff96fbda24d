#!/usr/bin/env bash
# Assay's IRT against the Python packages mirt, girth and catsim on the same generated data: one
# CAT step on a 1,000-item pool (Assay in wasm under Node and natively), EAP scoring of
# 100,000 × 50 responses and 2PL calibration of 50,000 × 100. Prints time, ratio to Assay and
# recovery per task and tool. Details and options: bench/irt/run.py --help.
#
#   bench/irt.sh            full sizes (a few minutes once built)
#   bench/irt.sh --quick    small sizes
#
# Creates bench/.venv if missing and installs the pinned packages of bench/irt/requirements.txt
# from PyPI, each peer on its own: one that cannot be installed is reported and skipped. Builds
# the harness in bench/irt/harness into $CARGO_TARGET_DIR (default target/irt-bench). Data and
# results go to $TMPDIR/assay-irt-bench-full (or -quick), or --work DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"

venv=bench/.venv
pins=bench/irt/requirements.txt
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
  echo "creating $venv with $($python --version)" >&2
  "$python" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip --disable-pip-version-check -q)
"${pip[@]}" install -c "$pins" numpy scipy
for package in mirt girth catsim; do
  if ! "${pip[@]}" install -c "$pins" "$package"; then
    echo "bench/irt.sh: could not install $package $(grep "^$package==" "$pins" | cut -d= -f3) for" \
      "$("$venv/bin/python" --version); its rows are skipped" >&2
  fi
done

command -v node >/dev/null || echo "bench/irt.sh: node not found: the wasm CAT step will fail" >&2
exec nice -n 10 "$venv/bin/python" bench/irt/run.py "$@"

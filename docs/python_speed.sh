#!/bin/sh
# Reproduces the speed table of docs/python.md (and its section in docs/performance.md):
# the Python package sumbench_rouge against Google's rouge-score 0.1.2 on the ROUGE
# speed workload (the 10,000 pairs of docs/rouge_speed.sh), side by side in one run,
# with the machine's load before and after.
# Run from the repository root. Nothing is installed into the repository: the venv lives
# under /tmp (VENV), the wheel is built by maturin into bindings/python/target.
set -eu
PAIRS=${PAIRS:-/tmp/rouge_pairs.jsonl}
VENV=${VENV:-/tmp/venv-pyspeed}

[ -f "$PAIRS" ] || cargo run --release -q --example rouge_speed -- write "$PAIRS"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q maturin==1.16.0 rouge-score==0.1.2 numpy
rm -rf "$VENV/wheels"
"$VENV/bin/maturin" build --release -q -m bindings/python/Cargo.toml --out "$VENV/wheels"
"$VENV/bin/pip" install -q --force-reinstall --no-deps "$VENV"/wheels/sumbench_rouge-*.whl
"$VENV/bin/python" docs/python_speed.py "$PAIRS"

"""Writes bootstrap_rouge_score.json: intervals printed by rouge-score 0.1.2's own
BootstrapAggregator, for tests/test_scoring.py.

Run with rouge-score installed (`pip install rouge-score==0.1.2`), from the repository
root: python bindings/python/tests/data/make_bootstrap_vectors.py
The inputs are the expected scores of the public conformance vectors, so nothing here
is computed by sumbench.
"""

import json
import pathlib

import numpy as np
from rouge_score import scoring

HERE = pathlib.Path(__file__).resolve().parent
VECTORS = HERE.parents[3] / "tests" / "data" / "conformance" / "public.rouge_score.jsonl"

cases = [json.loads(line) for line in open(VECTORS, encoding="utf-8")]
runs = []
# (seed, first case, units, confidence, resamples)
for seed, start, units, ci, n in [
    (0, 0, 50, 0.95, 1000),
    (1, 100, 200, 0.95, 1000),
    (42, 300, 7, 0.9, 300),
    (7, 500, 2, 0.95, 1000),
    (123, 200, 1, 0.95, 50),
]:
    picked = cases[start:start + units]
    scores = [{m: [v["p"], v["r"], v["f"]] for m, v in c["expected"].items()} for c in picked]
    agg = scoring.BootstrapAggregator(confidence_interval=ci, n_samples=n)
    for s in scores:
        agg.add_scores({m: scoring.Score(*x) for m, x in s.items()})
    np.random.seed(seed)
    result = agg.aggregate()
    runs.append({
        "seed": seed, "confidence_interval": ci, "n_samples": n, "scores": scores,
        "expected": {m: {k: [float(x) for x in getattr(a, k)] for k in ("low", "mid", "high")}
                     for m, a in result.items()},
    })
about = ("BootstrapAggregator of rouge-score 0.1.2 (numpy %s) after numpy.random.seed(seed), "
         "on the expected scores of public.rouge_score.jsonl; written by make_bootstrap_vectors.py"
         % np.__version__)
with open(HERE / "bootstrap_rouge_score.json", "w", encoding="utf-8") as f:
    json.dump({"about": about, "runs": runs}, f)
    f.write("\n")

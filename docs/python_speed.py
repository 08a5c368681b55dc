"""Times the Python package sumbench_rouge against Google's rouge-score 0.1.2, side by
side in one run, on the ROUGE speed workload (10,000 pairs of ~100 words, 5 sentences
per text, one per line; see benches/benchmarks/rouge_workload.rs).

Usage: python docs/python_speed.py /tmp/rouge_pairs.jsonl [N]   (run by docs/python_speed.sh)
Metrics rouge1, rouge2, rougeL, rougeLsum, with and without the stemmer. Per setting:
rouge-score one `score` call per pair; sumbench_rouge one `score` call per pair (same
loop); sumbench_rouge one `score_batch` call for all pairs (every core). Each figure is
the best of REPEATS runs (rouge-score: 1 run, it takes ~30 s); CPU time is the process's
(all threads), wall time the elapsed time. Every sumbench_rouge result is checked equal
to rouge-score's before any figure is printed.
"""
import json
import os
import sys
import time

from rouge_score import rouge_scorer as rs
from sumbench_rouge import rouge_scorer as sb

TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
REPEATS = 3

pairs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
if len(sys.argv) > 2:
    pairs = pairs[: int(sys.argv[2])]
pairs = [(p["references"][0], p["candidate"]) for p in pairs]
n = len(pairs)


def timed(fn, repeats):
    """(best wall seconds, CPU seconds of that run, result)."""
    best = None
    for _ in range(repeats):
        cpu, wall = time.process_time(), time.perf_counter()
        out = fn()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if best is None or wall < best[0]:
            best = (wall, cpu, out)
    return best


print("load before: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
print("cores: %d; pairs: %d; metrics: %s" % (os.cpu_count(), n, " ".join(TYPES)))
print("| stemmer | scorer | wall s | CPU s | pairs/s (wall) | vs rouge-score (wall) |")
print("|---|---|---:|---:|---:|---:|")
for stem in (False, True):
    theirs = rs.RougeScorer(TYPES, use_stemmer=stem)
    ours = sb.RougeScorer(TYPES, use_stemmer=stem)
    runs = [
        ("rouge-score 0.1.2, `score` per pair", 1, lambda: [theirs.score(t, p) for t, p in pairs]),
        ("sumbench_rouge, `score` per pair", REPEATS, lambda: [ours.score(t, p) for t, p in pairs]),
        ("sumbench_rouge, one `score_batch`", REPEATS, lambda: ours.score_batch(pairs)),
    ]
    results = [(label,) + timed(fn, k) for label, k, fn in runs]
    reference = results[0][3]
    for label, _, _, out in results[1:]:
        assert out == reference, "%s differs from rouge-score" % label
    base = results[0][1]
    for label, wall, cpu, _ in results:
        print("| %s | %s | %.3f | %.3f | %.0f | %.1fx |"
              % ("on" if stem else "off", label, wall, cpu, n / wall, base / wall))
print("load after: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))

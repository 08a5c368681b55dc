"""Times Google's rouge-score 0.1.2 on the sumbench ROUGE speed workload (one core).

Usage: python docs/rouge_speed.py /tmp/rouge_pairs.jsonl [N]
Scores the first N pairs (default: all) with rouge1, rouge2, rougeL and the stemmer,
exactly what `cargo run --release --example rouge_speed -- time` measures for sumbench.
"""
import json
import sys
import time

from rouge_score import rouge_scorer

pairs = [json.loads(line) for line in open(sys.argv[1])]
if len(sys.argv) > 2:
    pairs = pairs[: int(sys.argv[2])]
start = time.perf_counter()
cpu = time.thread_time()
scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
checksum = 0.0
for p in pairs:
    s = scorer.score(p["references"][0], p["candidate"])
    checksum += sum(v.fmeasure for v in s.values())
cpu = time.thread_time() - cpu
elapsed = time.perf_counter() - start
n = len(pairs)
print("rouge-score: %d pairs: wall %.3f s = %.0f pairs/s, CPU %.3f s = %.0f pairs/s; sum of F = %.6f"
      % (n, elapsed, n / elapsed, cpu, n / cpu, checksum))

#!/bin/sh
# Reproduces the "ROUGE scoring" numbers of docs/performance.md: the same 10,000 pairs
# (~100 words each) scored with rouge1, rouge2, rougeL and the Porter stemmer, one core,
# by sumbench (in process, in both modes, and end to end through `sumbench score` with
# JSON in and out), Google's rouge-score 0.1.2 (Python) and the `rougers` crate 0.2.1,
# side by side in one run, then prints every figure as pairs per CPU-second and the
# ratios, with the machine's load average before and after.
# Run from the repository root. Nothing is installed into the repository: the Python
# venv and the rougers harness live under /tmp.
set -eu
PAIRS=${PAIRS:-/tmp/rouge_pairs.jsonl}

LOG=${LOG:-/tmp/rouge_speed.log}
: > "$LOG"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$LOG"
cargo build --release -q --example rouge_speed --bin sumbench
./target/release/examples/rouge_speed write "$PAIRS"
./target/release/examples/rouge_speed time "$PAIRS" | tee -a "$LOG"
./target/release/examples/rouge_speed time155 "$PAIRS" | tee -a "$LOG"

# End to end: read the JSON Lines, score, write JSON Lines (one process, one thread).
# CPU time (user + system) of the whole process, best of 5, from the rusage of the exited
# child in microseconds (GNU time's %U/%S print hundredths of a second, 6% of this run).
python3 - "$PAIRS" <<'PY' | tee -a "$LOG"
import resource, subprocess, sys
best = float("inf")
for _ in range(5):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(["./target/release/sumbench", "score", "--pairs", sys.argv[1], "--stem",
                    "--metrics", "rouge1,rouge2,rougeL"], stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    best = min(best, cpu)
print("sumbench score end to end: 10000 pairs, best of 5: CPU %.4f s = %.0f pairs/s" % (best, 10000 / best))
PY

[ -x /tmp/venv-rs/bin/python ] || {
    python3 -m venv /tmp/venv-rs
    /tmp/venv-rs/bin/pip install -q rouge-score==0.1.2 nltk
}
/tmp/venv-rs/bin/python docs/rouge_speed.py "$PAIRS" | tee -a "$LOG"

mkdir -p /tmp/rougers-bench/src
cat > /tmp/rougers-bench/Cargo.toml <<'TOML'
[package]
name = "rougers-bench"
version = "0.1.0"
edition = "2021"

[dependencies]
rougers = "=0.2.1"
serde_json = "1"

[profile.release]
debug = 1
TOML
cat > /tmp/rougers-bench/src/main.rs <<'RUST'
// Times the `rougers` crate on the sumbench ROUGE speed workload (one core).
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).expect("usage: rougers-bench PAIRS.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    let pairs: Vec<(String, String)> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (v["candidate"].as_str().unwrap().to_owned(), v["references"][0].as_str().unwrap().to_owned())
        })
        .collect();
    let mut best = f64::INFINITY;
    let mut best_cpu = f64::INFINITY;
    let mut checksum = 0.0;
    for _ in 0..5 {
        let cpu = cpu_seconds();
        let start = Instant::now();
        let scorer = rougers::RougeScorer::new(["rouge1", "rouge2", "rougeL"], true).unwrap();
        checksum = 0.0;
        for (c, r) in &pairs {
            let s = scorer.score(r, c);
            checksum += s.iter().map(|(_, x)| x.fmeasure).sum::<f64>();
        }
        best = best.min(start.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(cpu_seconds() - cpu);
    }
    let n = pairs.len() as f64;
    println!(
        "rougers: {n} pairs, best of 5: wall {best:.4} s = {:.0} pairs/s, CPU {best_cpu:.4} s = {:.0} pairs/s; sum of F = {checksum:.6}",
        n / best, n / best_cpu
    );
}

// CPU time of this thread in seconds (Linux /proc/thread-self/schedstat).
fn cpu_seconds() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap();
    s.split_whitespace().next().unwrap().parse::<f64>().unwrap() / 1e9
}
RUST
(cd /tmp/rougers-bench && cargo build --release -q && ./target/release/rougers-bench "$PAIRS") | tee -a "$LOG"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$LOG"

# Every line above ends in "... = N pairs/s" (CPU); the ratios against rouge-score and rougers.
python3 - "$LOG" <<'PY'
import re, sys
rates = {}
for line in open(sys.argv[1]):
    m = re.match(r"(.+?): .*CPU [0-9.]+ s = ([0-9]+) pairs/s", line)
    if m:
        rates[m.group(1)] = float(m.group(2))
peer = rates.get("rouge-score")
rs = rates.get("rougers")
print("\n| implementation | pairs/s per CPU core | vs rouge-score | vs rougers |")
print("|---|---|---|---|")
for name, r in rates.items():
    vs = lambda p: "%.2fx" % (r / p) if p else "-"
    print("| %s | %.0f | %s | %s |" % (name, r, vs(peer), vs(rs)))
PY

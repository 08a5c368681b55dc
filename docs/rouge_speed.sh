#!/bin/sh
# Reproduces the "ROUGE scoring" numbers of docs/performance.md: the same 10,000 pairs
# (~100 words each) scored with rouge1, rouge2, rougeL and the Porter stemmer, one core,
# by sumbench, Google's rouge-score 0.1.2 (Python) and the `rougers` crate 0.2.1.
# Run from the repository root. Nothing is installed into the repository: the Python
# venv and the rougers harness live under /tmp.
set -eu
PAIRS=${PAIRS:-/tmp/rouge_pairs.jsonl}

cargo run --release --example rouge_speed -- write "$PAIRS"
cargo run --release --example rouge_speed -- time "$PAIRS"

[ -x /tmp/venv-rs/bin/python ] || {
    python3 -m venv /tmp/venv-rs
    /tmp/venv-rs/bin/pip install -q rouge-score==0.1.2 nltk
}
/tmp/venv-rs/bin/python docs/rouge_speed.py "$PAIRS"

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
(cd /tmp/rougers-bench && cargo build --release -q && ./target/release/rougers-bench "$PAIRS")

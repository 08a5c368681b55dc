//! Writes the ROUGE speed workload as JSON Lines, or times sumbench on it (one core).
//!
//! ```sh
//! cargo run --release --example rouge_speed -- write /tmp/rouge_pairs.jsonl
//! cargo run --release --example rouge_speed -- time /tmp/rouge_pairs.jsonl
//! cargo run --release --example rouge_speed -- time /tmp/rouge_pairs.jsonl rouge1,rougeLsum
//! cargo run --release --example rouge_speed -- time155 /tmp/rouge_pairs.jsonl   # ROUGE-1.5.5 mode, -n 2 -m
//! ```
//! The same file feeds `docs/rouge_speed.py` (Python rouge-score) and the `rougers`
//! harness in `docs/rouge_speed.sh`, so all three score identical pairs.
use std::time::Instant;
use sumbench::rouge::{Mode, RougeSettings, Scorer, TokenizerKind};

#[path = "../benches/benchmarks/rouge_workload.rs"]
mod workload;

/// CPU time of this thread (Linux `/proc/thread-self/schedstat`, nanoseconds on CPU),
/// which unlike wall time does not count time the scheduler gave to other processes.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["write", path] => {
            let mut out = String::new();
            for (k, (c, r)) in workload::pairs(10_000, 42).into_iter().enumerate() {
                let row =
                    serde_json::json!({"id": k.to_string(), "candidate": c, "references": [r]});
                out.push_str(&row.to_string());
                out.push('\n');
            }
            std::fs::write(path, out)?;
        }
        [verb @ ("time" | "time155"), path] | [verb @ ("time" | "time155"), path, _] => {
            let text = std::fs::read_to_string(path)?;
            let pairs: Vec<(String, String)> = text
                .lines()
                .map(|l| {
                    let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
                    let s = |x: &serde_json::Value| x.as_str().unwrap_or_default().to_owned();
                    (s(&v["candidate"]), s(&v["references"][0]))
                })
                .collect();
            // The same work in each mode: unigrams, bigrams and LCS, with stemming.
            let (mode, flags, default_metrics, label) = if verb == "time155" {
                (
                    Mode::Rouge155,
                    Some("-n 2 -m".to_string()),
                    "ROUGE-1,ROUGE-2,ROUGE-L",
                    "sumbench rouge155 mode",
                )
            } else {
                (Mode::RougeScore, None, "rouge1,rouge2,rougeL", "sumbench")
            };
            let settings = RougeSettings {
                mode,
                flags,
                stem: Some(true),
                metrics: Some(
                    args.get(2)
                        .map_or(default_metrics, String::as_str)
                        .split(',')
                        .map(String::from)
                        .collect(),
                ),
                tokenizer: TokenizerKind::Default,
            };
            let mut best = f64::INFINITY;
            let mut best_cpu = f64::INFINITY;
            let mut checksum = 0.0;
            for _ in 0..5 {
                // A fresh scorer per run: stemming and interning every word is included.
                let cpu = cpu_seconds();
                let start = Instant::now();
                let scorer = Scorer::new(&settings)?;
                checksum = 0.0;
                for (c, r) in &pairs {
                    let s = scorer.score(c, &[r]);
                    checksum += s.0.iter().map(|(_, p)| p.f).sum::<f64>();
                }
                best = best.min(start.elapsed().as_secs_f64());
                if let (Some(a), Some(b)) = (cpu, cpu_seconds()) {
                    best_cpu = best_cpu.min(b - a);
                }
            }
            let n = pairs.len() as f64;
            println!(
                "{label}: {n} pairs, best of 5: wall {best:.4} s = {:.0} pairs/s, CPU {best_cpu:.4} s = {:.0} pairs/s; sum of F = {checksum:.6}",
                n / best,
                n / best_cpu
            );
        }
        _ => {
            return Err(
                "usage: rouge_speed write FILE | rouge_speed time|time155 FILE [METRICS]".into(),
            )
        }
    }
    Ok(())
}

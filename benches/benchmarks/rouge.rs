//! ROUGE scoring speed in rouge-score mode: 10,000 candidate/reference pairs of ~100
//! words (see `rouge_workload.rs`), scored from a fresh scorer each iteration so stemming
//! and interning every word is included, as in a one-off evaluation run.
use super::workloads;
use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

const PAIRS: usize = 10_000;

fn rouge(c: &mut Criterion) {
    let pairs = workloads::rouge_pairs(PAIRS);
    let mut group = c.benchmark_group("rouge");
    group.throughput(Throughput::Elements(PAIRS as u64));
    group.sample_size(10);
    for (name, metrics) in [
        ("rouge1+rouge2+rougeL", &["rouge1", "rouge2", "rougeL"][..]),
        (
            "rouge1+rouge2+rougeL+rougeLsum",
            workloads::ROUGE_SCORE_METRICS,
        ),
    ] {
        let s = workloads::rouge_score_settings(metrics, true);
        group.bench_function(BenchmarkId::new("rouge-score-stem", name), |b| {
            b.iter(|| black_box(workloads::score_all(&s, &pairs)))
        });
    }
    group.finish();
}

criterion_group!(group, rouge);

//! ROUGE scoring speed: 10,000 candidate/reference pairs of ~100 words (see
//! `rouge_workload.rs`), scored from a fresh scorer each iteration so stemming and
//! interning every word is included, as in a one-off evaluation run.
use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use sumbench::rouge::{Mode, RougeSettings, Scorer, TokenizerKind};

#[path = "rouge_workload.rs"]
#[allow(dead_code)]
mod workload;

const PAIRS: usize = 10_000;

fn settings(metrics: &[&str], stem: bool) -> RougeSettings {
    RougeSettings {
        mode: Mode::RougeScore,
        flags: None,
        stem: Some(stem),
        metrics: Some(metrics.iter().map(|m| m.to_string()).collect()),
        tokenizer: TokenizerKind::Default,
    }
}

fn rouge(c: &mut Criterion) {
    let pairs = workload::pairs(PAIRS, 42);
    let mut group = c.benchmark_group("rouge");
    group.throughput(Throughput::Elements(PAIRS as u64));
    group.sample_size(10);
    for (name, metrics) in [
        ("rouge1+rouge2+rougeL", &["rouge1", "rouge2", "rougeL"][..]),
        (
            "rouge1+rouge2+rougeL+rougeLsum",
            &["rouge1", "rouge2", "rougeL", "rougeLsum"][..],
        ),
    ] {
        let s = settings(metrics, true);
        group.bench_function(BenchmarkId::new("rouge-score-stem", name), |b| {
            b.iter(|| {
                let scorer = Scorer::new(&s).expect("valid settings");
                let mut sum = 0.0;
                for (cand, reference) in &pairs {
                    let scores = scorer.score(cand, &[reference]);
                    sum += scores.0[0].1.f;
                }
                black_box(sum)
            })
        });
    }
    group.finish();
}

criterion_group!(group, rouge);

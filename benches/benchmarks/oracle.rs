//! The ROUGE oracle (default parameters: rouge-score ROUGE-1/2 F, greedy with restarts
//! and local search) on the seed cluster against its three references. It is the one
//! built-in system whose cost is mostly ROUGE scoring, so it gets its own group rather
//! than a row among the summarizers.
use super::workloads;
use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use sumbench::summarize::Registry;

fn oracle(c: &mut Criterion) {
    let registry = Registry::default();
    let seed = workloads::seed_cluster();
    let refs = workloads::references(&seed);
    let processed = workloads::pipeline().process(&seed);
    let system = workloads::system(&registry, "oracle", true);
    let mut group = c.benchmark_group("oracle");
    group.sample_size(10);
    group.throughput(Throughput::Elements(processed.sentences.len() as u64));
    group.bench_function(BenchmarkId::new("oracle", "seed"), |b| {
        b.iter(|| workloads::summarize(&system, black_box(&processed), &refs))
    });
    group.finish();
}

criterion_group!(group, oracle);

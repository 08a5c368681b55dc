//! The summarizers' text pipeline (cleaning, segmentation, tokenization, stemming,
//! interning) on the seed cluster and on a 10× copy of it: the work every run does once
//! per cluster before any system sees it.
use super::workloads;
use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

/// How many times the large cluster repeats the seed's documents.
const COPIES: usize = 10;

fn preprocess(c: &mut Criterion) {
    let pipeline = workloads::pipeline();
    let seed = workloads::seed_cluster();
    let big = workloads::repeated(&seed, COPIES);
    let mut group = c.benchmark_group("preprocess");
    for (label, cluster) in [("seed", &seed), ("seed-x10", &big)] {
        let bytes: usize = cluster.docs.iter().map(|d| d.text.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(BenchmarkId::new("pipeline", label), |b| {
            b.iter(|| pipeline.process(black_box(cluster)))
        });
    }
    group.finish();
}

criterion_group!(group, preprocess);

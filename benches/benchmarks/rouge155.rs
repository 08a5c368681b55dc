//! The ROUGE-1.5.5 engine: scoring 1,000 and 10,000 synthetic pairs (the pairs of the
//! rouge-score group) with `-n 2 -m -a` from a fresh scorer, and the script's bootstrap
//! (`-c 95 -r 1000`) over 50 scored units, which `sumbench run` pays once per system.
use super::workloads;
use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

fn rouge155(c: &mut Criterion) {
    let settings = workloads::rouge155_settings(workloads::ROUGE155_FLAGS);
    let all = workloads::rouge_pairs(10_000);
    let mut group = c.benchmark_group("rouge155");
    group.sample_size(10);
    for n in [1_000, 10_000] {
        let pairs = &all[..n];
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(BenchmarkId::new("score", format!("{n}-pairs")), |b| {
            b.iter(|| black_box(workloads::score_all(&settings, pairs)))
        });
    }
    let (scorer, units) = workloads::bootstrap_input();
    group.throughput(Throughput::Elements(units.len() as u64));
    group.bench_function(
        BenchmarkId::new("bootstrap", format!("{}-units", units.len())),
        |b| b.iter(|| workloads::bootstrap(&scorer, black_box(&units))),
    );
    group.finish();
}

criterion_group!(group, rouge155);

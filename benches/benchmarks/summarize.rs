//! Every registered summarizer on the seed cluster and on a 50× copy of it.
//!
//! Measured per system: the candidate stage, `select` and `finalize`, i.e.
//! `System::summarize` as the harness calls it, with a 100-word budget. Preprocessing
//! (segmenting, stemming, interning) is done once outside the timing: it is shared by
//! every system and is not what distinguishes them (the `preprocess` group times it).
//!
//! The 50× cluster repeats the seed's documents 50 times with distinct ids (≈5,000
//! sentences). Near-duplicate removal would collapse the copies back to one, so it is
//! disabled there (`candidates: {dedup: null}`): the graph methods then face the full,
//! densely connected 5,000-node graph, their worst case. The instruction-count gate
//! measures the same systems on a 10× copy (valgrind makes 50× too slow for CI).
//! Kinds that run external processes (`command`) are skipped, and the oracle has its own
//! group (`oracle`), as its cost is ROUGE scoring rather than selection.
//!
//! Run: `cargo bench --bench bench_main -- summarize --warm-up-time 1 --measurement-time 3`.
use super::workloads;
use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use sumbench::summarize::Registry;

/// How many times the large cluster repeats the seed's documents.
const COPIES: usize = 50;

fn summarize(crit: &mut Criterion) {
    let registry = Registry::default();
    let pipeline = workloads::pipeline();
    let seed = workloads::seed_cluster();
    let refs = workloads::references(&seed);
    let big = workloads::repeated(&seed, COPIES);
    let clusters = [
        ("seed", pipeline.process(&seed), true),
        ("seed-x50", pipeline.process(&big), false),
    ];
    let mut group = crit.benchmark_group("summarize");
    for (label, cluster, dedup) in &clusters {
        if *label == "seed-x50" {
            group.sample_size(10);
        }
        group.throughput(Throughput::Elements(cluster.sentences.len() as u64));
        for kind in workloads::summarizer_kinds(&registry) {
            let system = workloads::system(&registry, kind, *dedup);
            if system.is_oracle() {
                continue;
            }
            group.bench_function(BenchmarkId::new(kind, label), |b| {
                b.iter(|| workloads::summarize(&system, black_box(cluster), &refs))
            });
        }
    }
    group.finish();
}

criterion_group!(group, summarize);

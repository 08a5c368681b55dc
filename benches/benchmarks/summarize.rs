//! Every registered summarizer on the seed cluster and on a 50× copy of it.
//!
//! Measured per system: the candidate stage, `select` and `finalize`, i.e.
//! `System::summarize` as the harness calls it, with a 100-word budget. Preprocessing
//! (segmenting, stemming, interning) is done once outside the timing: it is shared by
//! every system and is not what distinguishes them.
//!
//! The 50× cluster repeats the seed's documents 50 times with distinct ids (≈5,000
//! sentences). Near-duplicate removal would collapse the copies back to one, so it is
//! disabled there (`candidates: {dedup: null}`): the graph methods then face the full,
//! densely connected 5,000-node graph, their worst case. Kinds that read references
//! (oracles) or run external processes (`command`) are skipped.
//!
//! Run: `cargo bench --bench bench_main -- summarize --warm-up-time 1 --measurement-time 3`.
use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;
use sumbench::corpus::{dir::load_cluster, Cluster};
use sumbench::summarize::{Budget, Registry};
use sumbench::text::{Pipeline, TextOptions};

/// Kinds that need something outside the process (a plugin executable) to run.
const EXTERNAL: &[&str] = &["command"];

/// How many times the 50× cluster repeats the seed's documents.
const COPIES: usize = 50;

fn seed() -> Cluster {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/ukraine-talks-2022-01");
    load_cluster(&dir, None).unwrap_or_else(|e| panic!("loading the seed cluster: {e}"))
}

fn repeated(c: &Cluster, copies: usize) -> Cluster {
    let mut out = c.clone();
    out.id = format!("{}x{copies}", c.id);
    out.docs = (0..copies)
        .flat_map(|k| {
            c.docs.iter().map(move |d| {
                let mut d = d.clone();
                d.id = format!("{}-copy{k:02}", d.id);
                d
            })
        })
        .collect();
    out
}

fn summarize(crit: &mut Criterion) {
    let registry = Registry::default();
    let pipeline = Pipeline::new(&TextOptions::default()).expect("default text options");
    let seed = seed();
    let big = repeated(&seed, COPIES);
    let clusters = [
        ("seed", pipeline.process(&seed), "{}"),
        ("seed-x50", pipeline.process(&big), "{dedup: null}"),
    ];
    let budget = Budget::words(100);
    let mut group = crit.benchmark_group("summarize");
    for (label, cluster, candidates) in &clusters {
        if *label == "seed-x50" {
            group.sample_size(10);
        }
        group.throughput(Throughput::Elements(cluster.sentences.len() as u64));
        for spec in registry.specs() {
            if EXTERNAL.contains(&spec.kind) {
                continue;
            }
            let entry: serde_yaml::Value = serde_yaml::from_str(&format!(
                "{{type: {}, candidates: {candidates}}}",
                spec.kind
            ))
            .expect("valid YAML");
            let system = registry
                .build(&entry)
                .unwrap_or_else(|e| panic!("{}: {e}", spec.kind));
            if system.is_oracle() {
                continue;
            }
            group.bench_function(BenchmarkId::new(spec.kind, label), |b| {
                b.iter(|| {
                    system
                        .summarize(black_box(cluster), budget, &[], 42)
                        .unwrap_or_else(|e| panic!("{}: {e}", spec.kind))
                })
            });
        }
    }
    group.finish();
}

criterion_group!(group, summarize);

//! The benchmark workloads, built in one place for both the criterion benches
//! (`bench_main`, wall clock, for humans) and the instruction-count gate (`instructions`,
//! callgrind, for CI), so that a regression one of them reports can be looked at with the
//! other on exactly the same input and the same code path.
//!
//! Everything here is setup: loading the seed cluster, building systems, generating ROUGE
//! pairs. What each bench *measures* is the call it makes on the result (for example
//! [`summarize`] or [`score_all`]), which the two harnesses wrap in their own timing.
#![allow(dead_code)] // each harness uses a different subset

use std::path::{Path, PathBuf};
use sumbench::config::Config;
use sumbench::corpus::{dir::load_cluster, Cluster};
use sumbench::rouge::{Aggregate, Mode, RougeSettings, Scorer, Scores, TokenizerKind};
use sumbench::summarize::registry::System;
use sumbench::summarize::{Budget, Registry, Summary};
use sumbench::text::{Pipeline, ProcessedCluster, TextOptions};
use sumbench::{Run, RunOutput};

#[path = "rouge_workload.rs"]
pub mod pairs;

/// The bundled seed cluster, under `corpus/` and `references/`.
pub const SEED_CLUSTER: &str = "ukraine-talks-2022-01";

/// Summary length for every summarizer workload (the default config's budget).
pub const BUDGET_WORDS: usize = 100;

/// The seed passed to every summarizer (the default config's).
pub const SEED: u64 = 42;

/// Kinds that need something outside the process to run: a plugin executable, or
/// summaries written elsewhere (`summaries`).
pub const EXTERNAL: &[&str] = &["command", "summaries"];

/// The metrics of the rouge-score workloads: every kind rouge-score computes
/// (n-grams, sentence-level and summary-level LCS).
pub const ROUGE_SCORE_METRICS: &[&str] = &["rouge1", "rouge2", "rougeL", "rougeLsum"];

/// The ROUGE-1.5.5 flags of the rouge155 scoring workloads: ROUGE-1, ROUGE-2 and ROUGE-L
/// with Porter stemming, the usual DUC-era set.
pub const ROUGE155_FLAGS: &str = "-n 2 -m -a";

/// The ROUGE-1.5.5 flags of the bootstrap workload: the script's 95% interval from 1,000
/// resamples, as the default config uses.
pub const BOOTSTRAP_FLAGS: &str = "-n 2 -m -c 95 -r 1000 -a";

/// How many evaluation units the bootstrap resamples.
pub const BOOTSTRAP_UNITS: usize = 50;

/// The seed of the synthetic ROUGE pairs (that of `examples/rouge_speed.rs`).
pub const PAIRS_SEED: u64 = 42;

/// The repository root, where the default config's relative paths resolve.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The seed cluster with its reference summaries.
pub fn seed_cluster() -> Cluster {
    let dir: PathBuf = root().join("corpus").join(SEED_CLUSTER);
    let refs = root().join("references").join(SEED_CLUSTER);
    load_cluster(&dir, Some(&refs)).unwrap_or_else(|e| panic!("loading the seed cluster: {e}"))
}

/// `c` with its documents repeated `copies` times under distinct ids (same references).
pub fn repeated(c: &Cluster, copies: usize) -> Cluster {
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

/// The summarizers' text pipeline with the default options (the default config's).
pub fn pipeline() -> Pipeline {
    Pipeline::new(&TextOptions::default()).expect("default text options")
}

/// The reference texts of `c`, as the harness hands them to summarizers.
pub fn references(c: &Cluster) -> Vec<String> {
    c.refs.iter().map(|r| r.text.clone()).collect()
}

/// Every registered kind that runs in-process, in registry order.
pub fn summarizer_kinds(registry: &Registry) -> Vec<&'static str> {
    registry
        .specs()
        .iter()
        .map(|s| s.kind)
        .filter(|k| !EXTERNAL.contains(k))
        .collect()
}

/// A system of `kind` with its default parameters; `dedup: false` turns near-duplicate
/// removal off, which the repeated clusters need (it would collapse their copies back
/// into one).
pub fn system(registry: &Registry, kind: &str, dedup: bool) -> System {
    let candidates = if dedup { "{}" } else { "{dedup: null}" };
    let entry: serde_yaml::Value =
        serde_yaml::from_str(&format!("{{type: {kind}, candidates: {candidates}}}"))
            .expect("valid YAML");
    registry
        .build(&entry)
        .unwrap_or_else(|e| panic!("{kind}: {e}"))
}

/// One summary as the harness makes it: [`BUDGET_WORDS`] words, seed [`SEED`].
pub fn summarize(system: &System, cluster: &ProcessedCluster, refs: &[String]) -> Summary {
    system
        .summarize(cluster, Budget::words(BUDGET_WORDS), refs, SEED)
        .unwrap_or_else(|e| panic!("{}: {e}", system.kind))
}

/// rouge-score settings computing `metrics`.
pub fn rouge_score_settings(metrics: &[&str], stem: bool) -> RougeSettings {
    RougeSettings {
        mode: Mode::RougeScore,
        flags: None,
        stem: Some(stem),
        metrics: Some(metrics.iter().map(|m| m.to_string()).collect()),
        tokenizer: TokenizerKind::Default,
    }
}

/// ROUGE-1.5.5 settings from the script's `flags`.
pub fn rouge155_settings(flags: &str) -> RougeSettings {
    RougeSettings {
        mode: Mode::Rouge155,
        flags: Some(flags.to_string()),
        stem: None,
        metrics: None,
        tokenizer: TokenizerKind::Default,
    }
}

/// `n` synthetic (candidate, reference) pairs (see `rouge_workload.rs`).
pub fn rouge_pairs(n: usize) -> Vec<(String, String)> {
    pairs::pairs(n, PAIRS_SEED)
}

/// Scores every pair with a fresh scorer, as a one-off evaluation run does (so stemming
/// and interning every word is included); returns a checksum to keep the work alive.
pub fn score_all(settings: &RougeSettings, pairs: &[(String, String)]) -> f64 {
    let scorer = Scorer::new(settings).expect("valid settings");
    let mut sum = 0.0;
    for (cand, reference) in pairs {
        let scores = scorer.score(cand, &[reference]);
        sum += scores.0[0].1.f;
    }
    sum
}

/// The bootstrap workload's input: a ROUGE-1.5.5 scorer with [`BOOTSTRAP_FLAGS`] and
/// [`BOOTSTRAP_UNITS`] scored units.
pub fn bootstrap_input() -> (Scorer, Vec<Scores>) {
    let scorer = Scorer::new(&rouge155_settings(BOOTSTRAP_FLAGS)).expect("valid flags");
    let units = rouge_pairs(BOOTSTRAP_UNITS)
        .iter()
        .map(|(c, r)| scorer.score(c, &[r]))
        .collect();
    (scorer, units)
}

/// The bootstrap itself: the script's averages and intervals over `units`.
pub fn bootstrap(scorer: &Scorer, units: &[Scores]) -> Vec<Aggregate> {
    scorer.aggregate(units)
}

/// The default config (every built-in system on the seed cluster), ready to run from
/// the repository root.
pub fn default_config() -> Config {
    Config::builtin().unwrap_or_else(|e| panic!("the built-in config: {e}"))
}

/// One serial end-to-end run of `config`, as `sumbench run --jobs 1` does it minus
/// writing the result files. The working directory must be [`root`].
pub fn run_serial(config: &Config, registry: &Registry) -> RunOutput {
    Run::new(config)
        .registry(registry)
        .jobs(1)
        .execute()
        .unwrap_or_else(|e| panic!("run: {e}"))
}

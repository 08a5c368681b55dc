//! `sumbench run`: load every dataset, preprocess each cluster once, run every system on
//! it, score the summaries, aggregate, and write the results.
//!
//! A system that fails on a cluster does not stop the run: the failure is recorded for
//! that (cluster, system), the summary scores zero, and the table shows the count.
use crate::config::{Config, DatasetConfig, DatasetFormat};
use crate::corpus::{self, Dataset};
use crate::report::{
    self, ClusterStats, DocStats, RunResults, RunTimings, SystemAverage, SystemInfo, SystemTiming,
    UnitResult,
};
use crate::rouge::{Prf, Scorer, Scores};
use crate::summarize::registry::System;
use crate::summarize::Registry;
use crate::text::Pipeline;
use crate::{Error, Result};
use std::path::PathBuf;
use std::time::Instant;

/// Everything a run produced.
pub struct RunOutput {
    /// The deterministic results.
    pub results: RunResults,
    /// The wall-clock timings.
    pub timings: RunTimings,
}

/// Loads one configured dataset.
pub fn load_dataset(d: &DatasetConfig) -> Result<Dataset> {
    let clusters = match d.format {
        DatasetFormat::Dir => corpus::dir::load_corpus(&d.path, d.references.as_deref())?,
        DatasetFormat::Jsonl => corpus::jsonl::load(&d.path)?,
    };
    Ok(Dataset {
        name: d.name.clone(),
        clusters,
    })
}

/// Builds the configured systems from `registry`.
pub fn build_systems(config: &Config, registry: &Registry) -> Result<Vec<System>> {
    config
        .summarizers
        .iter()
        .enumerate()
        .map(|(i, s)| {
            registry.build(s).map_err(|e| Error::Config {
                path: config.name.clone(),
                message: format!("summarizers[{i}]: {e}"),
            })
        })
        .collect()
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

/// Runs `config` with the systems of `registry`.
pub fn run(config: &Config, registry: &Registry) -> Result<RunOutput> {
    let systems = build_systems(config, registry)?;
    let scorer = Scorer::new(&config.rouge).map_err(Error::Rouge)?;
    let pipeline = Pipeline::new(&config.text)?;
    let t0 = Instant::now();
    let datasets: Vec<Dataset> = config
        .datasets
        .iter()
        .map(load_dataset)
        .collect::<Result<_>>()?;
    let mut preprocess_ms = ms(t0);
    let mut rouge_ms = 0.0;
    let mut results = Vec::new();
    let mut averages = Vec::new();
    let mut clusters_stats = Vec::new();
    let mut timings = Vec::new();
    for dataset in &datasets {
        let mut units: Vec<Vec<Scores>> = vec![Vec::new(); systems.len()];
        let mut failures = vec![0usize; systems.len()];
        let mut times: Vec<Vec<f64>> = vec![Vec::new(); systems.len()];
        for cluster in &dataset.clusters {
            let t = Instant::now();
            let processed = pipeline.process(cluster);
            preprocess_ms += ms(t);
            clusters_stats.push(ClusterStats {
                dataset: dataset.name.clone(),
                cluster: cluster.id.clone(),
                references: cluster.refs.len(),
                docs: processed
                    .docs
                    .iter()
                    .map(|d| DocStats {
                        doc: d.id.clone(),
                        lines: d.cleaning.lines,
                        dropped: d.cleaning.dropped,
                        sentences: d.sentences.len(),
                    })
                    .collect(),
            });
            let refs: Vec<String> = cluster.refs.iter().map(|r| r.text.clone()).collect();
            let ref_strs: Vec<&str> = refs.iter().map(String::as_str).collect();
            let t = Instant::now();
            let prepared = scorer.prepare(&ref_strs);
            rouge_ms += ms(t);
            for (k, system) in systems.iter().enumerate() {
                let t = Instant::now();
                let outcome = system.summarize(&processed, config.budget, &refs, config.seed);
                times[k].push(ms(t));
                let (summary, error) = match outcome {
                    Ok(s) => (s, None),
                    Err(e) => {
                        failures[k] += 1;
                        (Default::default(), Some(e))
                    }
                };
                let scores = if refs.is_empty() {
                    Scores(
                        scorer
                            .metric_names()
                            .into_iter()
                            .map(|m| (m, Prf::default()))
                            .collect(),
                    )
                } else {
                    let t = Instant::now();
                    let s = scorer.score_prepared(&summary.text, &prepared);
                    rouge_ms += ms(t);
                    s
                };
                results.push(UnitResult {
                    dataset: dataset.name.clone(),
                    cluster: cluster.id.clone(),
                    system: system.name.clone(),
                    summary: summary.text,
                    sentences: summary.sentences,
                    scores: scores.0.iter().cloned().collect(),
                    error,
                });
                units[k].push(scores);
            }
        }
        for (k, system) in systems.iter().enumerate() {
            averages.push(SystemAverage {
                dataset: dataset.name.clone(),
                system: system.name.clone(),
                oracle: system.is_oracle(),
                clusters: dataset.clusters.len(),
                failures: failures[k],
                scores: scorer.aggregate(&units[k]),
            });
            let n = times[k].len().max(1) as f64;
            timings.push(SystemTiming {
                dataset: dataset.name.clone(),
                system: system.name.clone(),
                mean_ms: times[k].iter().sum::<f64>() / n,
                per_cluster_ms: std::mem::take(&mut times[k]),
            });
        }
    }
    let results = RunResults {
        sumbench_version: env!("CARGO_PKG_VERSION").to_string(),
        run: config.name.clone(),
        rouge: scorer.describe(),
        config: serde_json::to_value(config).map_err(|e| Error::Usage(e.to_string()))?,
        systems: systems
            .iter()
            .map(|s| SystemInfo {
                name: s.name.clone(),
                kind: s.kind.clone(),
                oracle: s.is_oracle(),
                params: s.params.clone(),
            })
            .collect(),
        clusters: clusters_stats,
        results,
        averages,
    };
    let timings = RunTimings {
        run: config.name.clone(),
        preprocess_ms,
        rouge_ms,
        systems: timings,
    };
    Ok(RunOutput { results, timings })
}

/// The paths of a run's results and timings files.
pub fn output_paths(config: &Config) -> (PathBuf, PathBuf) {
    (
        config.output.join(format!("{}.json", config.name)),
        config.output.join(format!("{}.timings.json", config.name)),
    )
}

/// Fails early when the output folder cannot be created, before any work is done.
pub fn check_output(config: &Config) -> Result<()> {
    std::fs::create_dir_all(&config.output).map_err(|e| Error::io(&config.output, e))
}

/// Writes a run's results and timings files atomically.
pub fn write_outputs(config: &Config, out: &RunOutput) -> Result<(PathBuf, PathBuf)> {
    let (results_path, timings_path) = output_paths(config);
    crate::util::write_atomic(&results_path, report::to_json(&out.results).as_bytes())?;
    crate::util::write_atomic(&timings_path, report::to_json(&out.timings).as_bytes())?;
    Ok((results_path, timings_path))
}

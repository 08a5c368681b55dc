//! `sumbench run`: load every dataset, preprocess each cluster once, run every system on
//! it, score the summaries, aggregate, and write the results.
//!
//! A system that fails on a cluster does not stop the run: the failure is recorded for
//! that (cluster, system), the summary scores zero, and the table shows the count.
//!
//! Work runs in parallel on a rayon pool in two stages per chunk of clusters: every
//! cluster is preprocessed (and its references prepared for ROUGE) once, then every
//! (cluster, system) unit is summarized and scored. Results are collected by index, never
//! in completion order, so a parallel run writes the same bytes as a serial one.
use crate::config::{Config, DatasetConfig, DatasetFormat};
use crate::corpus::{self, Dataset};
use crate::report::significance::{self, MetricPart};
use crate::report::warnings::{Warning, WarningKind, Warnings};
use crate::report::{
    self, ClusterStats, DocStats, DroppedLine, ReferenceText, RunResults, RunTimings,
    SystemAverage, SystemInfo, SystemTiming, UnitResult,
};
use crate::rouge::{Scorer, Scores};
use crate::summarize::registry::System;
use crate::summarize::{Budget, BudgetUnit, Registry};
use crate::text::{Pipeline, ProcessedCluster};
use crate::{Error, Result};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

/// Everything a run produced.
pub struct RunOutput {
    /// The deterministic results.
    pub results: RunResults,
    /// The wall-clock timings.
    pub timings: RunTimings,
}

/// How to execute a run (never changes its results).
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Worker threads: `None` = one per core, `Some(1)` = serial.
    pub jobs: Option<usize>,
    /// Show a progress bar on stderr (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Accept a run in which systems failed on some clusters (exit 0, not 3); the
    /// failures are still recorded and shown.
    pub allow_failures: bool,
    /// Fail (exit 1, [`Error::Gate`]) when the run recorded any warning that is not
    /// informational; the results are written first. Systems that failed take
    /// precedence (exit 3). See [`crate::report::warnings`].
    pub strict: bool,
}

/// Loads one configured dataset, first checking that its paths exist so a wrong path
/// names the config and the dataset rather than only a missing file.
pub fn load_dataset_checked(d: &DatasetConfig, index: usize, origin: &str) -> Result<Dataset> {
    d.check(index, origin)?;
    load_dataset(d)
}

/// Loads one configured dataset.
pub fn load_dataset(d: &DatasetConfig) -> Result<Dataset> {
    let mut clusters = match d.format {
        DatasetFormat::Dir => {
            let refs = d.references.as_ref().and_then(|r| r.folder());
            corpus::dir::load_corpus(&d.path, refs)?
        }
        DatasetFormat::Jsonl => corpus::jsonl::load(&d.path)?,
        DatasetFormat::Duc => corpus::duc::load(&d.path, d.models.as_deref())?,
        DatasetFormat::Multinews => {
            let summaries = d.summaries.as_deref().ok_or_else(|| {
                Error::Usage(format!(
                    "dataset {}: format multinews needs `summaries: FILE`",
                    d.name
                ))
            })?;
            corpus::multinews::load(&d.path, summaries)?
        }
        DatasetFormat::Wcep => corpus::wcep::load(&d.path)?,
    };
    if let Some(limit) = d.limit {
        clusters.truncate(limit);
    }
    Ok(Dataset {
        name: d.name.clone(),
        clusters,
    })
}

/// Builds the configured systems from `registry` (see [`Registry::build_all`]).
// Kept out of line so callgrind can name it: the instruction-count gate leaves it out of
// the end-to-end count, as its YAML maps hash with std's randomly seeded RandomState.
#[inline(never)]
pub fn build_systems(config: &Config, registry: &Registry) -> Result<Vec<System>> {
    registry
        .build_all(&config.summarizers)
        .map_err(|message| Error::Config {
            path: if config.origin.is_empty() {
                config.name.clone()
            } else {
                config.origin.clone()
            },
            message,
        })
}

/// Loads every configured dataset, or only `only` when given.
pub fn load_datasets(config: &Config, only: Option<&str>) -> Result<Vec<Dataset>> {
    if let Some(name) = only {
        if !config.datasets.iter().any(|d| d.name == name) {
            return Err(Error::Usage(format!(
                "--dataset {name}: no such dataset in {}; configured: {}",
                config.origin,
                config
                    .datasets
                    .iter()
                    .map(|d| d.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    config
        .datasets
        .iter()
        .enumerate()
        .filter(|(_, d)| only.is_none_or(|n| d.name == n))
        .map(|(i, d)| load_dataset_checked(d, i, &config.origin))
        .collect()
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

/// Builds the rayon pool for `jobs` (`None`: one thread per core).
pub fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = jobs {
        if n == 0 {
            return Err(Error::Usage("--jobs: expected at least 1".into()));
        }
        b = b.num_threads(n);
    }
    b.build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))
}

/// The progress bar, or none when it would not be drawn: even a hidden bar reads the
/// clock on every `inc`, which made a run's instruction count differ between identical
/// runs (see docs/ci.md).
fn progress_bar(total: u64, enabled: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !enabled || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg} [{bar:30}] {pos}/{len} summaries ({elapsed}, eta {eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    Some(bar)
}

/// One summarized and scored (cluster, system) unit.
struct Unit {
    result: UnitResult,
    scores: Scores,
    failed: bool,
    summarize_ms: f64,
    rouge_ms: f64,
}

/// Runs `config` with the systems of `registry`, on one thread per core, silently.
pub fn run(config: &Config, registry: &Registry) -> Result<RunOutput> {
    run_with(config, registry, RunOptions::default())
}

/// Runs `config` with the systems of `registry` as `options` say.
pub fn run_with(config: &Config, registry: &Registry, options: RunOptions) -> Result<RunOutput> {
    let pool = thread_pool(options.jobs)?;
    pool.install(|| run_in_pool(config, registry, options, pool.current_num_threads()))
}

// Kept out of line so callgrind can name it: the instruction-count gate
// (benches/instructions.rs) starts counting the rayon worker's share of a run here.
#[inline(never)]
fn run_in_pool(
    config: &Config,
    registry: &Registry,
    options: RunOptions,
    jobs: usize,
) -> Result<RunOutput> {
    let wall = Instant::now();
    let systems = build_systems(config, registry)?;
    let scorer = Scorer::new(&config.rouge).map_err(Error::Rouge)?;
    let pipeline = Pipeline::new(&config.text)?;
    let t0 = Instant::now();
    let mut lossy = Vec::new();
    let mut datasets = Vec::with_capacity(config.datasets.len());
    for (i, d) in config.datasets.iter().enumerate() {
        let (dataset, decodings) =
            crate::util::capture_lossy(|| load_dataset_checked(d, i, &config.origin));
        let dataset = dataset?;
        lossy.push(lossy_warnings(&dataset, &decodings));
        datasets.push(dataset);
    }
    check_references(config, &datasets)?;
    check_limits(config, &datasets, &pipeline, Some(&scorer))?;
    let mut warnings: Vec<Warning> = Vec::new();
    let mut preprocess_ms = ms(t0);
    let mut rouge_ms = 0.0;
    let mut results = Vec::new();
    let mut averages = Vec::new();
    let mut clusters_stats = Vec::new();
    let mut timings = Vec::new();
    let total: usize = datasets.iter().map(|d| d.clusters.len()).sum::<usize>() * systems.len();
    let bar = progress_bar(total as u64, options.progress);
    // Bounded chunks keep memory flat on large datasets while leaving every worker busy.
    let chunk = (jobs * 8).max(16);
    for (dataset, lossy) in datasets.iter().zip(lossy) {
        if let Some(bar) = &bar {
            bar.set_message(dataset.name.clone());
        }
        warnings.extend(lossy);
        let mut units: Vec<Vec<Scores>> = vec![Vec::new(); systems.len()];
        let mut failures = vec![0usize; systems.len()];
        let mut times: Vec<Vec<f64>> = vec![Vec::new(); systems.len()];
        for clusters in dataset.clusters.chunks(chunk) {
            let prepared: Vec<_> = clusters
                .par_iter()
                .map(|cluster| {
                    let t = Instant::now();
                    let processed = pipeline.process(cluster);
                    let pre_ms = ms(t);
                    let refs: Vec<String> = cluster.refs.iter().map(|r| r.text.clone()).collect();
                    let ref_strs: Vec<&str> = refs.iter().map(String::as_str).collect();
                    let t = Instant::now();
                    let prepared = scorer.prepare(&ref_strs);
                    (processed, refs, prepared, pre_ms, ms(t))
                })
                .collect();
            // Per cluster of the chunk: its own warnings, then its systems' (added below).
            let mut cluster_warnings: Vec<Vec<Warning>> = Vec::with_capacity(clusters.len());
            for (cluster, (processed, _, _, pre_ms, prep_ms)) in clusters.iter().zip(&prepared) {
                preprocess_ms += pre_ms;
                rouge_ms += prep_ms;
                cluster_warnings.push(cluster_warnings_of(&dataset.name, cluster, processed));
                clusters_stats.push(ClusterStats {
                    dataset: dataset.name.clone(),
                    cluster: cluster.id.clone(),
                    references: cluster.refs.len(),
                    reference_texts: cluster
                        .refs
                        .iter()
                        .map(|r| ReferenceText {
                            id: r.id.clone(),
                            text: r.text.clone(),
                        })
                        .collect(),
                    docs: processed
                        .docs
                        .iter()
                        .map(|d| DocStats {
                            doc: d.id.clone(),
                            first_sentence: d.sentences.start,
                            lines: d.cleaning.lines,
                            dropped: d.cleaning.dropped,
                            dropped_by_rule: d.cleaning.by_rule.clone(),
                            sentences: d.sentences.len(),
                            dropped_lines: d
                                .cleaning
                                .dropped_lines
                                .iter()
                                .map(|l| DroppedLine {
                                    line: l.line,
                                    rule: l.rule.clone(),
                                    text: l.text.clone(),
                                })
                                .collect(),
                        })
                        .collect(),
                });
            }
            let pairs: Vec<(usize, usize)> = (0..clusters.len())
                .flat_map(|c| (0..systems.len()).map(move |k| (c, k)))
                .collect();
            let done: Vec<Unit> = pairs
                .par_iter()
                .map(|&(c, k)| {
                    let (processed, refs, prepared, _, _) = &prepared[c];
                    let system = &systems[k];
                    let t = Instant::now();
                    let outcome = system.summarize(processed, config.budget, refs, config.seed);
                    let summarize_ms = ms(t);
                    // A summary too long to score (a plugin's, or under a huge budget)
                    // fails its unit like any other error, instead of the run.
                    let outcome = outcome.and_then(|s| {
                        if refs.is_empty() {
                            return Ok(s);
                        }
                        scorer
                            .check_len(&s.text, config.limits.max_rouge_tokens)
                            .map(|()| s)
                            .map_err(|e| {
                                format!(
                                    "the summary has {e} (limits.max_rouge_tokens), so it \
                                     cannot be scored in bounded memory"
                                )
                            })
                    });
                    let (summary, error) = match outcome {
                        Ok(s) => (s, None),
                        Err(e) => (Default::default(), Some(e)),
                    };
                    let t = Instant::now();
                    // Only an unscored (`references: none`) dataset has clusters without
                    // references here (see `check_references`): no scores, not zeros.
                    let scores = if refs.is_empty() {
                        Scores::default()
                    } else {
                        scorer.score_prepared(&summary.text, prepared)
                    };
                    let rouge_ms = ms(t);
                    if let Some(bar) = &bar {
                        bar.inc(1);
                    }
                    Unit {
                        failed: error.is_some(),
                        result: UnitResult {
                            dataset: dataset.name.clone(),
                            cluster: clusters[c].id.clone(),
                            system: system.name.clone(),
                            summary: summary.text,
                            sentences: summary.sentences,
                            scores: scores.0.iter().cloned().collect(),
                            error,
                            diagnostics: summary.diagnostics,
                        },
                        scores,
                        summarize_ms,
                        rouge_ms,
                    }
                })
                .collect();
            for (&(c, k), unit) in pairs.iter().zip(&done) {
                if !unit.failed && unit.result.summary.trim().is_empty() {
                    cluster_warnings[c].push(Warning {
                        cluster: Some(clusters[c].id.clone()),
                        system: Some(systems[k].name.clone()),
                        ..Warning::new(
                            WarningKind::EmptySummary,
                            &dataset.name,
                            empty_summary_message(&prepared[c].0, config.budget),
                        )
                    });
                }
            }
            warnings.extend(cluster_warnings.into_iter().flatten());
            for (&(_, k), unit) in pairs.iter().zip(done) {
                times[k].push(unit.summarize_ms);
                rouge_ms += unit.rouge_ms;
                failures[k] += usize::from(unit.failed);
                units[k].push(unit.scores);
                results.push(unit.result);
            }
        }
        for (k, system) in systems.iter().enumerate() {
            averages.push(SystemAverage {
                dataset: dataset.name.clone(),
                system: system.name.clone(),
                oracle: system.is_oracle(),
                clusters: dataset.clusters.len(),
                failures: failures[k],
                scores: if units[k].iter().all(|u| u.0.is_empty()) {
                    Vec::new()
                } else {
                    scorer.aggregate(&units[k])
                },
                significance: None,
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
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let resamples = config
        .report
        .resamples
        .unwrap_or(significance::DEFAULT_RESAMPLES);
    let metrics = scorer.metric_names();
    let headline = match &config.report.headline {
        Some(spec) => Some(
            MetricPart::parse(spec, &metrics).map_err(|e| Error::Config {
                path: config.origin.clone(),
                message: format!("report.headline: {e}"),
            })?,
        ),
        None => MetricPart::headline(&metrics),
    };
    if let (Some(metric), true) = (headline, resamples > 0) {
        significance::annotate(&mut averages, &results, &metric, resamples, config.seed);
    }
    let results = RunResults {
        schema_version: report::SCHEMA_VERSION,
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
        warnings: Warnings::new(warnings),
    };
    let timings = RunTimings {
        run: config.name.clone(),
        preprocess_ms,
        rouge_ms,
        wall_ms: ms(wall),
        jobs,
        systems: timings,
    };
    Ok(RunOutput { results, timings })
}

/// The `lossy-decoding` warnings of one dataset's files, in reading order. A file in a
/// folder named after one of the dataset's clusters (the `dir` layout) is attributed to
/// that cluster; files holding many clusters (JSON Lines, say) to the dataset only.
fn lossy_warnings(dataset: &Dataset, decodings: &[crate::util::LossyDecoding]) -> Vec<Warning> {
    decodings
        .iter()
        .map(|l| {
            let folder = l
                .path
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy());
            let cluster = dataset
                .clusters
                .iter()
                .find(|c| folder.as_deref() == Some(c.id.as_str()))
                .map(|c| c.id.clone());
            Warning::lossy(&dataset.name, cluster, l)
        })
        .collect()
}

/// A cluster's own warnings: unscored (no references), then documents without sentences.
fn cluster_warnings_of(
    dataset: &str,
    cluster: &corpus::Cluster,
    processed: &ProcessedCluster,
) -> Vec<Warning> {
    let mut out = Vec::new();
    // `check_references` has refused clusters without references in scored datasets, so
    // the ones left belong to `references: none` datasets.
    if cluster.refs.is_empty() {
        out.push(Warning {
            cluster: Some(cluster.id.clone()),
            ..Warning::new(
                WarningKind::ClusterWithoutReferences,
                dataset,
                "no references: summarized, not scored (`references: none`)",
            )
        });
    }
    for doc in processed.docs.iter().filter(|d| d.sentences.is_empty()) {
        let c = &doc.cleaning;
        let message = if c.dropped > 0 {
            let rules: Vec<String> = c.by_rule.iter().map(|(r, n)| format!("{r}: {n}")).collect();
            format!(
                "no sentences: {} of its {} lines were dropped as boilerplate ({})",
                c.dropped,
                c.lines,
                rules.join(", ")
            )
        } else {
            "no sentences: the text holds no sentence the segmenter recognises".to_string()
        };
        out.push(Warning {
            cluster: Some(cluster.id.clone()),
            document: Some(doc.id.clone()),
            ..Warning::new(WarningKind::DocumentWithoutSentences, dataset, message)
        });
    }
    out
}

/// Why a summary came out empty, as far as the run can tell without the system's insides.
fn empty_summary_message(cluster: &ProcessedCluster, budget: Budget) -> String {
    let unit = match budget.unit {
        BudgetUnit::Words => "words",
        BudgetUnit::Bytes => "bytes",
        BudgetUnit::Sentences => "sentences",
    };
    let shortest = cluster.sentences.iter().map(|s| budget.cost(s, 0)).min();
    match shortest {
        None => "empty summary: the cluster yielded no sentences".to_string(),
        Some(n) if n > budget.limit && !budget.truncate => format!(
            "empty summary: no sentence fits the budget of {} {unit} (the shortest sentence has {n})",
            budget.limit
        ),
        Some(_) => {
            let silent = cluster.docs.iter().filter(|d| d.sentences.is_empty()).count();
            format!(
                "empty summary: the system picked no sentence, though some fit the budget of {} {unit}{}",
                budget.limit,
                if silent > 0 {
                    format!(" ({silent} of the cluster's documents yielded no sentences)")
                } else {
                    String::new()
                }
            )
        }
    }
}

/// Refuses a run in which a scored dataset has clusters without references: they would
/// score zero and quietly lower every average. Runs before any summarizer does.
pub fn check_references(config: &Config, datasets: &[Dataset]) -> Result<()> {
    for (d, dc) in datasets.iter().zip(&config.datasets) {
        if dc.unscored() {
            continue;
        }
        let missing: Vec<&str> = d
            .clusters
            .iter()
            .filter(|c| c.refs.is_empty())
            .map(|c| c.id.as_str())
            .collect();
        if let Some(first) = missing.first() {
            let place = match dc.references.as_ref().and_then(|r| r.folder()) {
                Some(folder) => format!(
                    "expected reference summaries in {}",
                    folder.join(first).join("*.txt").display()
                ),
                None if dc.format == DatasetFormat::Dir => {
                    "no `references:` folder is configured".to_string()
                }
                None => format!("the {} file gives none", dc.format.name()),
            };
            let shown: Vec<&str> = missing.iter().take(5).copied().collect();
            return Err(Error::Config {
                path: config.origin.clone(),
                message: format!(
                    "datasets ({}): {} of {} clusters have no references ({}{}); {place}. \
                     Write `references: none` on the dataset for a summarize-only run",
                    d.name,
                    missing.len(),
                    d.clusters.len(),
                    shown.join(", "),
                    if missing.len() > shown.len() {
                        ", ..."
                    } else {
                        ""
                    }
                ),
            });
        }
    }
    Ok(())
}

/// Refuses a run in which an article or a cluster is over the config's `limits:`,
/// naming the dataset, the cluster (and for `dir` datasets the file), the limit and how
/// to raise it; with a `scorer`, reference summaries over `limits.max_rouge_tokens` too.
/// Runs before any summarizer does, so an oversized input costs seconds, not a run that
/// ends out of memory.
pub fn check_limits(
    config: &Config,
    datasets: &[Dataset],
    pipeline: &Pipeline,
    scorer: Option<&Scorer>,
) -> Result<()> {
    let limits = &config.limits;
    for d in datasets {
        let Some((index, dc)) = config
            .datasets
            .iter()
            .enumerate()
            .find(|(_, dc)| dc.name == d.name)
        else {
            continue;
        };
        let err = |message: String| Error::Config {
            path: config.origin.clone(),
            message: format!("datasets[{index}] ({}): {message}", d.name),
        };
        limits
            .check_articles(d, |c, doc| match dc.format {
                DatasetFormat::Dir => format!(
                    "{}",
                    dc.path.join(&c.id).join(format!("{doc}.txt")).display()
                ),
                _ => format!("cluster {}, document {doc}", c.id),
            })
            .map_err(err)?;
        if let Some(scorer) = scorer {
            for c in &d.clusters {
                for r in &c.refs {
                    scorer
                        .check_len(&r.text, limits.max_rouge_tokens)
                        .map_err(|e| {
                            err(format!(
                                "cluster {}: reference {} has {e} (limits.max_rouge_tokens; \
                                 ROUGE's LCS needs memory quadratic in a text's tokens); \
                                 raise it in the config (`limits: {{max_rouge_tokens: N}}`)",
                                c.id, r.id
                            ))
                        })?;
                }
            }
        }
        limits.check_sentences(d, pipeline).map_err(err)?;
    }
    Ok(())
}

/// The paths of a run's results and timings files.
pub fn output_paths(config: &Config) -> (PathBuf, PathBuf) {
    (
        config.output.join(format!("{}.json", config.name)),
        config.output.join(format!("{}.timings.json", config.name)),
    )
}

/// Fails early, before any work is done, when the output folder cannot be created or
/// written: finding out after an hour's run loses the hour. A missing folder is
/// created (a documented choice: `results/` is git-ignored and absent in fresh clones).
pub fn check_output(config: &Config) -> Result<()> {
    let err = |what: String| Error::Config {
        path: config.origin.clone(),
        message: format!("output: {}: {what}", config.output.display()),
    };
    if config.output.exists() && !config.output.is_dir() {
        return Err(err("exists but is not a folder".into()));
    }
    std::fs::create_dir_all(&config.output)
        .map_err(|e| err(format!("cannot create the output folder ({e})")))?;
    let probe = config
        .output
        .join(format!(".sumbench-write-probe-{}", std::process::id()));
    std::fs::write(&probe, b"")
        .and_then(|()| std::fs::remove_file(&probe))
        .map_err(|e| err(format!("the output folder is not writable ({e})")))
}

/// Writes a run's results and timings files atomically.
pub fn write_outputs(config: &Config, out: &RunOutput) -> Result<(PathBuf, PathBuf)> {
    let (results_path, timings_path) = output_paths(config);
    crate::util::write_atomic(&results_path, report::to_json(&out.results).as_bytes())?;
    crate::util::write_atomic(&timings_path, report::to_json(&out.timings).as_bytes())?;
    Ok((results_path, timings_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_jobs_is_a_usage_error() {
        let err = thread_pool(Some(0)).err().unwrap().to_string();
        assert_eq!(err, "--jobs: expected at least 1");
    }
}

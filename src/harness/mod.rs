//! Running a config: read and check every dataset, then read it again a chunk of
//! clusters at a time ([`input`]), preprocess each cluster once, run every system on it,
//! score the summaries, and assemble the results. [`Run`] is the one way to start a run;
//! what it does shows up as [`crate::event::Event`]s on the way.
//!
//! A system that fails on a cluster does not stop the run: the failure is recorded for
//! that (cluster, system), the summary scores zero, and the table shows the count.
//!
//! Work runs in parallel on a rayon pool in two stages per chunk of clusters: every
//! cluster is preprocessed (and its references prepared for ROUGE) once, then every
//! (cluster, system) unit is summarized and scored. Each stage yields records
//! ([`crate::event`]), and the results are assembled from the records sorted by their
//! indices ([`crate::event::aggregate`]), never in completion order, so a parallel run
//! writes the same bytes as a serial one.
use crate::config::Config;
use crate::corpus::{Cluster, Outline};
use crate::event::{
    ClusterRecord, DatasetRecord, Event, Observer, Plan, Records, UnitIndex, UnitOutcome,
    UnitRecord,
};
use crate::report::warnings::{Warning, WarningKind};
use crate::report::{
    self, ClusterStats, DocStats, DroppedLine, ReferenceText, RunResults, RunTimings, SystemInfo,
};
use crate::rouge::{Prepared, Scorer, Scores};
use crate::summarize::registry::System;
use crate::summarize::{Budget, BudgetUnit, Registry, Summary};
use crate::text::{Pipeline, ProcessedCluster};
use crate::{Error, Result};
use rayon::prelude::*;
// BTreeSet, not HashSet: std's RandomState makes the probe work differ from run to run,
// and the instruction-count gate measures this function (docs/ci.md).
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

mod input;
pub(crate) use input::outline;
use input::{Checks, Inputs, Reread};

/// Everything a run produced.
///
/// Made only by [`Run`]: `#[non_exhaustive]`, so a field can be added without breaking
/// code that reads these.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RunOutput {
    /// The deterministic results.
    pub results: RunResults,
    /// The wall-clock timings.
    pub timings: RunTimings,
}

/// A run of a config: the one way to start one. Set what differs from the defaults,
/// then [`execute`](Run::execute) it, or [`execute_with`](Run::execute_with) an
/// [`Observer`] to follow it.
///
/// The defaults: the built-in summarizers, one worker thread per core, every dataset and
/// system of the config, scored. Nothing here changes the results of the units that run.
///
/// ```
/// use sumbench::{Config, Event, Run};
///
/// // A tiny config over the seed cluster shipped in corpus/.
/// let config = Config::parse(
///     "name: doc-example\n\
///      datasets: [{name: seed, format: dir, path: corpus, references: references}]\n\
///      summarizers: [{type: lead}, {type: textrank}]\n\
///      budget: {unit: words, limit: 50}\n\
///      rouge: {mode: rouge-score}\n",
///     "doc-example.yaml",
/// )?;
/// let mut finished = Vec::new();
/// let output = Run::new(&config).jobs(2).execute_with(&mut |event: &Event<'_>| {
///     if let Event::UnitFinished(unit) = event {
///         finished.push((unit.system().to_string(), unit.failed()));
///     }
/// })?;
/// assert_eq!(finished.len(), 2);
/// assert!(finished.iter().all(|(_, failed)| !failed));
/// assert_eq!(output.results.results.len(), 2);
/// # Ok::<(), sumbench::Error>(())
/// ```
#[derive(Clone)]
pub struct Run<'a> {
    config: &'a Config,
    registry: Option<&'a Registry>,
    jobs: Option<usize>,
    dataset: Option<String>,
    system: Option<String>,
    score: bool,
    done: Done,
    select: Option<&'a Select<'a>>,
    assemble: bool,
}

/// Units a resumed run need not run again: those its journal already holds
/// ([`crate::scale`]). Their records are not in memory, so a run given some cannot
/// assemble its results itself ([`Run::assemble`]); they are assembled from the journal.
#[derive(Debug, Clone, Default)]
pub struct Done {
    /// (dataset index in the config, cluster index, system index) of every unit done.
    pub units: BTreeSet<(usize, usize, usize)>,
    /// (dataset index, cluster index) of every cluster whose record is already kept.
    pub clusters: BTreeSet<(usize, usize)>,
    /// Of the units done, how many failed.
    pub failures: usize,
}

/// What [`Run::execute_part`] did.
#[derive(Debug, Clone)]
pub struct Ran {
    /// The results and timings, when assembled.
    pub output: Option<RunOutput>,
    /// Milliseconds spent loading and checking the datasets.
    pub load_ms: f64,
    /// Worker threads used.
    pub jobs: usize,
}

/// Picks the clusters a run runs, per dataset (as read, in order) the indices of its
/// clusters, given the datasets' outlines and the systems' kinds: a shard's part
/// ([`crate::scale`]).
pub type Select<'s> = dyn Fn(&[Outline], &[&str]) -> Vec<Vec<usize>> + Sync + 's;

impl<'a> Run<'a> {
    /// A run of `config` with the defaults.
    pub fn new(config: &'a Config) -> Self {
        Run {
            config,
            registry: None,
            jobs: None,
            dataset: None,
            system: None,
            score: true,
            done: Done::default(),
            select: None,
            assemble: true,
        }
    }

    /// Units already done (a resumed journal's): they are not run again, and their
    /// clusters' records are not announced again.
    #[cfg_attr(not(sumbench_all_docs), doc(hidden))] // resume's hook (src/lib.rs)
    pub fn done(mut self, done: Done) -> Self {
        self.done = done;
        self
    }

    /// Runs only the clusters `select` picks (a shard); every other unit is left out.
    #[cfg_attr(not(sumbench_all_docs), doc(hidden))] // sharding's hook (src/lib.rs)
    pub fn select(mut self, select: &'a Select<'a>) -> Self {
        self.select = Some(select);
        self
    }

    /// Whether to assemble the results (default: yes). Assembling keeps every record in
    /// memory until the end; a journaled run does not, and assembles its results from
    /// the journal instead, streaming (and a shard's records are only part of a run, so
    /// they are merged later). [`Run::execute_part`] returns no results then.
    #[cfg_attr(not(sumbench_all_docs), doc(hidden))] // sharding's hook (src/lib.rs)
    pub fn assemble(mut self, assemble: bool) -> Self {
        self.assemble = assemble;
        self
    }

    /// Builds the config's systems from `registry` (one with your own summarizers
    /// registered) instead of the built-in one.
    pub fn registry(mut self, registry: &'a Registry) -> Self {
        self.registry = Some(registry);
        self
    }

    /// Worker threads: `None` for one per core, `Some(1)` (or `1`) for a serial run. The
    /// results do not depend on it.
    pub fn jobs(mut self, jobs: impl Into<Option<usize>>) -> Self {
        self.jobs = jobs.into();
        self
    }

    /// Runs only the dataset named `name` (`None`: every dataset); an unknown name is a
    /// usage error listing the configured ones.
    pub fn dataset(mut self, name: Option<&str>) -> Self {
        self.dataset = name.map(str::to_owned);
        self
    }

    /// Runs only the system whose reported name is `name` (`None`: every system); an
    /// unknown name is a usage error listing the configured ones.
    pub fn system(mut self, name: Option<&str>) -> Self {
        self.system = name.map(str::to_owned);
        self
    }

    /// Whether to score the summaries (default: yes). Without scoring, clusters without
    /// references are accepted and summaries are not checked against ROUGE's limits:
    /// what `sumbench summarize --config` needs.
    pub fn score(mut self, score: bool) -> Self {
        self.score = score;
        self
    }

    /// Runs, silently.
    pub fn execute(self) -> Result<RunOutput> {
        self.execute_with(&mut |_: &Event<'_>| {})
    }

    /// Runs, telling `observer` what happens (see [`Event`]).
    pub fn execute_with(self, observer: &mut dyn Observer) -> Result<RunOutput> {
        let assemble = self.assemble;
        self.assemble(true)
            .execute_part(observer)?
            .output
            .ok_or_else(|| Error::Usage(format!("run not assembled (assemble: {assemble})")))
    }

    /// [`Run::execute_with`], returning no results when [`Run::assemble`] said not to
    /// assemble them.
    #[cfg_attr(not(sumbench_all_docs), doc(hidden))] // sharding's hook (src/lib.rs)
    pub fn execute_part(self, observer: &mut dyn Observer) -> Result<Ran> {
        let pool = thread_pool(self.jobs)?;
        let builtin;
        let registry = match self.registry {
            Some(r) => r,
            None => {
                builtin = Registry::default();
                &builtin
            }
        };
        pool.install(|| run_in_pool(&self, registry, observer, pool.current_num_threads()))
    }
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

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

/// Builds the rayon pool for `jobs` (`None`: one thread per core).
fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool> {
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

/// What every unit of a run shares: the config, the systems, the scorer (when scoring)
/// and the text pipeline.
struct Stages<'r> {
    config: &'r Config,
    systems: Vec<System>,
    scorer: Scorer,
    score: bool,
    pipeline: Pipeline,
}

/// A chunk of one dataset's clusters: the dataset's index in the config and its name,
/// and each cluster with its index in the dataset.
type Part<'c> = (usize, &'c str, &'c [(usize, Cluster)]);

/// A preprocessed cluster, ready for every system.
struct ReadyCluster {
    processed: ProcessedCluster,
    refs: Vec<String>,
    /// The references prepared for ROUGE (when scoring).
    prepared: Option<Prepared>,
}

// Kept out of line so callgrind can name it: the instruction-count gate
// (benches/instructions.rs) starts counting the rayon worker's share of a run here.
#[inline(never)]
fn run_in_pool(
    run: &Run,
    registry: &Registry,
    observer: &mut dyn Observer,
    jobs: usize,
) -> Result<Ran> {
    let wall = Instant::now();
    let stages = Stages::new(run, registry)?;
    let t0 = Instant::now();
    let inputs = stages.load(run.dataset.as_deref())?;
    let load_ms = ms(t0);
    let plan = stages.plan(&inputs);
    // Chosen before `Started`, so an observer (a shard's journal) can record the choice.
    let selected = stages.select(run.select, &inputs);
    observer.on_event(&Event::Started(&plan));
    let mut kept = Kept::new(run, &plan);
    let observer = Mutex::new(observer);
    stages.run_datasets(
        (&inputs, &plan, &selected),
        &run.done,
        &observer,
        &mut kept,
        jobs,
    )?;
    let finished = Event::Finished {
        units: kept.units,
        failures: kept.failures,
    };
    emit(&observer, &finished, &[]);
    let output = match kept.records {
        Some(records) => {
            let (results, tally) = crate::event::assemble(run.config, &stages.scorer, &records)?;
            let timings = tally.timings(run.config, load_ms, ms(wall), jobs);
            Some(RunOutput { results, timings })
        }
        None => None,
    };
    Ok(Ran {
        output,
        load_ms,
        jobs,
    })
}

/// What a run keeps of its records: all of them when it assembles its results, else
/// only how many units ran and failed (a journal holds the records).
struct Kept {
    records: Option<Records>,
    units: usize,
    failures: usize,
}

impl Kept {
    fn new(run: &Run, plan: &Plan) -> Self {
        let records = run.assemble.then(|| {
            let mut records = Records::new();
            records.set_plan(plan.clone());
            records
        });
        Kept {
            records,
            units: run.done.units.len(),
            failures: run.done.failures,
        }
    }

    fn cluster(&mut self, cluster: ClusterRecord) {
        if let Some(records) = &mut self.records {
            records.push_cluster(cluster);
        }
    }

    fn unit(&mut self, unit: UnitRecord) {
        self.units += 1;
        self.failures += usize::from(unit.failed());
        if let Some(records) = &mut self.records {
            records.push_unit(unit);
        }
    }
}

/// Tells the observer `event`, then each of `warnings`.
fn emit(observer: &Mutex<&mut dyn Observer>, event: &Event<'_>, warnings: &[Warning]) {
    // A panicking observer poisons the lock; the run's own data is not behind it.
    let mut observer = observer.lock().unwrap_or_else(|e| e.into_inner());
    observer.on_event(event);
    for w in warnings {
        observer.on_event(&Event::Warning(w));
    }
}

impl<'r> Stages<'r> {
    /// Builds the systems (only `run.system`, when given), the scorer and the pipeline,
    /// refusing a bad config before anything is loaded.
    fn new(run: &Run<'r>, registry: &Registry) -> Result<Self> {
        let config = run.config;
        let mut systems = build_systems(config, registry)?;
        if let Some(name) = &run.system {
            let known: Vec<String> = systems.iter().map(|s| s.name.clone()).collect();
            systems.retain(|s| &s.name == name);
            if systems.is_empty() {
                return Err(Error::Usage(format!(
                    "--system {name}: no such system in {}; configured: {}",
                    config.origin,
                    known.join(", ")
                )));
            }
        }
        Ok(Stages {
            config,
            systems,
            scorer: Scorer::new(&config.rouge).map_err(Error::Rouge)?,
            score: run.score,
            pipeline: Pipeline::new(&config.text)?,
        })
    }

    /// Reads and checks the datasets to run (only `only`, when given), before any
    /// summarizer runs.
    fn load(&self, only: Option<&str>) -> Result<Inputs> {
        Checks {
            config: self.config,
            systems: &self.systems,
            pipeline: &self.pipeline,
            scorer: Some(&self.scorer).filter(|_| self.score),
        }
        .load(only)
    }

    /// The run's plan: its systems and datasets.
    fn plan(&self, inputs: &Inputs) -> Plan {
        let systems = self
            .systems
            .iter()
            .enumerate()
            .map(|(k, s)| SystemInfo {
                name: s.name.clone(),
                kind: s.kind.clone(),
                oracle: s.is_oracle(),
                params: s.params.clone(),
                sweep: self.config.sweeps.get(k).cloned().flatten(),
            })
            .collect();
        let datasets = inputs
            .outlines
            .iter()
            .zip(&inputs.indices)
            .zip(&inputs.warnings)
            .map(|((d, &i), w)| DatasetRecord::new(i, d.name.clone(), d.clusters.len(), w.clone()))
            .collect();
        Plan::new(self.config.name.clone(), systems, datasets)
    }

    /// The clusters to run, per dataset: `select`'s choice (a shard's), else all.
    fn select(&self, select: Option<&Select<'_>>, inputs: &Inputs) -> Vec<Vec<usize>> {
        match select {
            Some(select) => {
                let kinds: Vec<&str> = self.systems.iter().map(|s| s.kind.as_str()).collect();
                select(&inputs.outlines, &kinds)
            }
            None => inputs
                .outlines
                .iter()
                .map(|d| (0..d.clusters.len()).collect())
                .collect(),
        }
    }

    /// Runs the `selected` clusters of every dataset but the units `done`, chunk by
    /// chunk, reading each dataset again: bounded chunks keep memory flat on large
    /// datasets while leaving every worker busy.
    fn run_datasets(
        &self,
        (inputs, plan, selected): (&Inputs, &Plan, &[Vec<usize>]),
        done: &Done,
        observer: &Mutex<&mut dyn Observer>,
        kept: &mut Kept,
        jobs: usize,
    ) -> Result<()> {
        let systems = self.systems.len();
        let chunk = (jobs * 8).max(16);
        for (((outline, record), &index), selected) in inputs
            .outlines
            .iter()
            .zip(plan.datasets())
            .zip(&inputs.indices)
            .zip(selected)
        {
            emit(observer, &Event::DatasetStarted(record), record.warnings());
            let mut todo: Vec<usize> = selected
                .iter()
                .copied()
                .filter(|&c| (0..systems).any(|k| !done.units.contains(&(index, c, k))))
                .collect();
            if todo.is_empty() {
                continue;
            }
            // The clusters come in the file's order.
            todo.sort_unstable();
            let mut todo = todo.into_iter().peekable();
            let mut reread = Reread::open(&self.config.datasets[index], outline)?;
            let mut clusters = Vec::with_capacity(chunk);
            while let Some(&want) = todo.peek() {
                let Some((c, cluster)) = reread.next_cluster()? else {
                    break;
                };
                if c == want {
                    todo.next();
                    clusters.push((c, cluster));
                }
                if clusters.len() == chunk || todo.peek().is_none() {
                    let part = (index, outline.name.as_str(), clusters.as_slice());
                    let ready = self.preprocess_chunk(part, observer, kept, &done.clusters);
                    for unit in self.summarize_chunk(part, &ready, observer, &done.units) {
                        kept.unit(unit);
                    }
                    clusters.clear();
                }
            }
        }
        Ok(())
    }

    /// Preprocesses a chunk of clusters of one dataset in parallel (`d`, `name`: its
    /// index in the config and its name; each cluster with its index), recording and
    /// announcing each in order.
    fn preprocess_chunk(
        &self,
        (d, name, clusters): Part<'_>,
        observer: &Mutex<&mut dyn Observer>,
        kept: &mut Kept,
        recorded: &BTreeSet<(usize, usize)>,
    ) -> Vec<ReadyCluster> {
        let done: Vec<(ReadyCluster, ClusterRecord)> = clusters
            .par_iter()
            .map(|(c, cluster)| self.preprocess(name, (d, *c), cluster))
            .collect();
        done.into_iter()
            .map(|(ready, record)| {
                // A resumed cluster's record is already there (its units may not all be).
                if recorded.contains(&(d, record.cluster_index())) {
                    return ready;
                }
                emit(
                    observer,
                    &Event::ClusterPreprocessed(&record),
                    record.warnings(),
                );
                kept.cluster(record);
                ready
            })
            .collect()
    }

    /// Preprocesses one cluster and prepares its references for ROUGE.
    fn preprocess(
        &self,
        dataset: &str,
        (d, c): (usize, usize),
        cluster: &Cluster,
    ) -> (ReadyCluster, ClusterRecord) {
        let t = Instant::now();
        let processed = self.pipeline.process(cluster);
        let pre_ms = ms(t);
        let refs: Vec<String> = cluster.refs.iter().map(|r| r.text.clone()).collect();
        let t = Instant::now();
        let prepared = self.score.then(|| {
            let ref_strs: Vec<&str> = refs.iter().map(String::as_str).collect();
            self.scorer.prepare(&ref_strs)
        });
        let prep_ms = ms(t);
        let record = ClusterRecord::new(
            d,
            c,
            cluster_stats(dataset, cluster, &processed),
            cluster_warnings_of(dataset, cluster, &processed),
            (pre_ms, prep_ms),
        );
        let ready = ReadyCluster {
            processed,
            refs,
            prepared,
        };
        (ready, record)
    }

    /// Summarizes and scores every (cluster, system) unit of a chunk in parallel,
    /// announcing each as it finishes; returns them in (cluster, system) order.
    fn summarize_chunk(
        &self,
        (d, name, clusters): Part<'_>,
        ready: &[ReadyCluster],
        observer: &Mutex<&mut dyn Observer>,
        done: &BTreeSet<UnitIndex>,
    ) -> Vec<UnitRecord> {
        let pairs: Vec<(usize, usize)> = (0..clusters.len())
            .flat_map(|c| (0..self.systems.len()).map(move |k| (c, k)))
            .filter(|&(c, k)| !done.contains(&(d, clusters[c].0, k)))
            .collect();
        pairs
            .par_iter()
            .map(|&(c, k)| {
                let (index, cluster) = &clusters[c];
                let outcome = self.summarize_unit(name, cluster, &ready[c], k);
                let unit = UnitRecord::new(
                    (d, *index, k),
                    (name, &cluster.id, &self.systems[k].name),
                    outcome,
                );
                emit(observer, &Event::UnitFinished(&unit), unit.warnings());
                unit
            })
            .collect()
    }

    /// Runs system `k` on one cluster and scores its summary. A failure (an error, a
    /// panic, a summary too long to score) is the unit's outcome, not the run's.
    fn summarize_unit(
        &self,
        dataset: &str,
        cluster: &Cluster,
        ready: &ReadyCluster,
        k: usize,
    ) -> UnitOutcome {
        let config = self.config;
        let system = &self.systems[k];
        let t = Instant::now();
        let outcome = system.summarize(&ready.processed, config.budget, &ready.refs, config.seed);
        let summarize_ms = ms(t);
        let outcome = outcome.and_then(|s| self.check_scorable(s, &ready.refs));
        let (summary, error): (Summary, _) = match outcome {
            Ok(s) => (s, None),
            Err(e) => (Default::default(), Some(e)),
        };
        let t = Instant::now();
        // Only an unscored (`references: none`) dataset has clusters without references
        // here (see `check_references`): no scores, not zeros.
        let scores = match &ready.prepared {
            Some(prepared) if !ready.refs.is_empty() => {
                self.scorer.score_prepared(&summary.text, prepared)
            }
            _ => Scores::default(),
        };
        let rouge_ms = ms(t);
        let mut warnings = Vec::new();
        if error.is_none() && summary.text.trim().is_empty() {
            warnings.push(Warning {
                cluster: Some(cluster.id.clone()),
                system: Some(system.name.clone()),
                ..Warning::new(
                    WarningKind::EmptySummary,
                    dataset,
                    empty_summary_message(&ready.processed, config.budget),
                )
            });
        }
        UnitOutcome {
            summary,
            error,
            scores,
            warnings,
            summarize_ms,
            rouge_ms,
        }
    }

    /// Fails a summary too long to score (a plugin's, or under a huge budget) like any
    /// other error of its unit, instead of the run.
    fn check_scorable(
        &self,
        summary: Summary,
        refs: &[String],
    ) -> std::result::Result<Summary, String> {
        if !self.score || refs.is_empty() {
            return Ok(summary);
        }
        self.scorer
            .check_len(&summary.text, self.config.limits.max_rouge_tokens)
            .map(|()| summary)
            .map_err(|e| {
                format!(
                    "the summary has {e} (limits.max_rouge_tokens), so it cannot be scored \
                     in bounded memory"
                )
            })
    }
}

/// A cluster's documents' cleaning and segmentation counts (the results' `clusters`).
fn cluster_stats(dataset: &str, cluster: &Cluster, processed: &ProcessedCluster) -> ClusterStats {
    ClusterStats {
        dataset: dataset.to_owned(),
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
    }
}

/// A cluster's own warnings: unscored (no references), then documents without sentences.
fn cluster_warnings_of(
    dataset: &str,
    cluster: &Cluster,
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
/// Only the command line writes files, so only it needs this.
#[cfg(feature = "cli")]
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

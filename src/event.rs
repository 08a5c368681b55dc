//! What a run reports while it goes, and the records its results are made of.
//!
//! [`crate::Run::execute_with`] hands every [`Event`] to an [`Observer`]: the run's plan
//! once every input is loaded and checked, each dataset as its clusters start, each
//! cluster once preprocessed, each (cluster, system) unit once summarized and scored,
//! each warning, and the end. The CLI's progress bar and table are such observers; so
//! is a journal that writes each finished unit to disk as it comes.
//!
//! Unit events come from the worker threads in completion order, which varies from run
//! to run. The results never depend on it: the records ([`Plan`], [`DatasetRecord`],
//! [`ClusterRecord`], [`UnitRecord`]) are serde-serializable, and [`aggregate`] sorts
//! them by their indices before building the results. The harness itself builds its
//! results that way, so results rebuilt from records kept elsewhere (a JSON Lines
//! journal, say) are byte-identical to the run's by construction.
use crate::config::Config;
use crate::report::warnings::{Warning, Warnings};
use crate::report::{ClusterStats, RunResults, SystemInfo, UnitResult};
use crate::rouge::{Prf, Scorer, Scores};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
pub(crate) use tally::{Slot, Tally};

mod tally;

/// Something that happened during a run, as told to an [`Observer`].
///
/// Borrowed from the run: an observer that keeps an event clones what it needs (a
/// journal serializes the record instead).
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Event<'a> {
    /// Every input is loaded and checked; no summarizer has run yet.
    Started(&'a Plan),
    /// A dataset's clusters are about to be processed (in config order).
    DatasetStarted(&'a DatasetRecord),
    /// A cluster has been preprocessed (and its references prepared for ROUGE).
    ClusterPreprocessed(&'a ClusterRecord),
    /// One (cluster, system) unit is done, or failed. Arrives from a worker thread, in
    /// completion order.
    UnitFinished(&'a UnitRecord),
    /// A warning, right after the record that carries it (so an observer that collects
    /// records needs not collect warnings too).
    Warning(&'a Warning),
    /// Every unit is done; the results are being assembled.
    Finished {
        /// Units run.
        units: usize,
        /// Units that failed.
        failures: usize,
    },
}

/// Receives a run's [`Event`]s. Any `FnMut(&Event) + Send` closure is one.
///
/// Called from the worker threads too (one at a time: the run holds a lock around each
/// call), so keep it short; it cannot change the run's results.
pub trait Observer: Send {
    /// Handles one event.
    fn on_event(&mut self, event: &Event<'_>);
}

impl<F: FnMut(&Event<'_>) + Send> Observer for F {
    fn on_event(&mut self, event: &Event<'_>) {
        self(event)
    }
}

/// What a run will do, known before any summarizer runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    run: String,
    systems: Vec<SystemInfo>,
    datasets: Vec<DatasetRecord>,
}

impl Plan {
    pub(crate) fn new(run: String, systems: Vec<SystemInfo>, datasets: Vec<DatasetRecord>) -> Self {
        Plan {
            run,
            systems,
            datasets,
        }
    }

    /// The run's name (the config's `name`).
    pub fn run(&self) -> &str {
        &self.run
    }

    /// The systems, in config order; a unit's [`UnitRecord::system_index`] points here.
    pub fn systems(&self) -> &[SystemInfo] {
        &self.systems
    }

    /// The datasets to run, in config order.
    pub fn datasets(&self) -> &[DatasetRecord] {
        &self.datasets
    }

    /// How many (cluster, system) units the run has.
    pub fn units(&self) -> usize {
        self.datasets.iter().map(|d| d.clusters).sum::<usize>() * self.systems.len()
    }
}

/// A loaded dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetRecord {
    index: usize,
    name: String,
    clusters: usize,
    warnings: Vec<Warning>,
}

impl DatasetRecord {
    pub(crate) fn new(index: usize, name: String, clusters: usize, warnings: Vec<Warning>) -> Self {
        DatasetRecord {
            index,
            name,
            clusters,
            warnings,
        }
    }

    /// Its index in the config's `datasets` list.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How many clusters it has (after `limit`).
    pub fn clusters(&self) -> usize {
        self.clusters
    }

    /// Warnings from loading it (lossily decoded files), in reading order.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }
}

/// A preprocessed cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterRecord {
    dataset_index: usize,
    cluster_index: usize,
    stats: ClusterStats,
    warnings: Vec<Warning>,
    preprocess_ms: f64,
    prepare_ms: f64,
}

impl ClusterRecord {
    pub(crate) fn new(
        dataset_index: usize,
        cluster_index: usize,
        stats: ClusterStats,
        warnings: Vec<Warning>,
        (preprocess_ms, prepare_ms): (f64, f64),
    ) -> Self {
        ClusterRecord {
            dataset_index,
            cluster_index,
            stats,
            warnings,
            preprocess_ms,
            prepare_ms,
        }
    }

    /// Its dataset's index in the config's `datasets` list.
    pub fn dataset_index(&self) -> usize {
        self.dataset_index
    }

    /// Its index among its dataset's clusters.
    pub fn cluster_index(&self) -> usize {
        self.cluster_index
    }

    /// Its documents' cleaning and segmentation counts (the results file's `clusters`).
    pub fn stats(&self) -> &ClusterStats {
        &self.stats
    }

    /// Its own warnings (unscored, documents without sentences).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Wall-clock milliseconds spent preprocessing it.
    pub fn preprocess_ms(&self) -> f64 {
        self.preprocess_ms
    }

    /// Wall-clock milliseconds spent preparing its references for ROUGE.
    pub fn prepare_ms(&self) -> f64 {
        self.prepare_ms
    }
}

/// One finished (cluster, system) unit: everything the results file holds about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitRecord {
    dataset_index: usize,
    cluster_index: usize,
    system_index: usize,
    dataset: String,
    cluster: String,
    system: String,
    summary: String,
    sentences: Vec<usize>,
    /// In the scorer's metric order (the aggregate depends on it); empty when unscored.
    scores: Vec<(String, Prf)>,
    error: Option<String>,
    diagnostics: Option<serde_json::Value>,
    warnings: Vec<Warning>,
    summarize_ms: f64,
    rouge_ms: f64,
}

/// Where a unit sits in the run: dataset index in the config, cluster index in the
/// dataset, system index in the plan.
pub(crate) type UnitIndex = (usize, usize, usize);

/// A unit's outcome, before it becomes a [`UnitRecord`].
pub(crate) struct UnitOutcome {
    pub(crate) summary: crate::summarize::Summary,
    pub(crate) error: Option<String>,
    pub(crate) scores: Scores,
    pub(crate) warnings: Vec<Warning>,
    pub(crate) summarize_ms: f64,
    pub(crate) rouge_ms: f64,
}

impl UnitRecord {
    pub(crate) fn new(
        (dataset_index, cluster_index, system_index): UnitIndex,
        (dataset, cluster, system): (&str, &str, &str),
        outcome: UnitOutcome,
    ) -> Self {
        UnitRecord {
            dataset_index,
            cluster_index,
            system_index,
            dataset: dataset.to_owned(),
            cluster: cluster.to_owned(),
            system: system.to_owned(),
            summary: outcome.summary.text,
            sentences: outcome.summary.sentences,
            scores: outcome.scores.0,
            error: outcome.error,
            diagnostics: outcome.summary.diagnostics,
            warnings: outcome.warnings,
            summarize_ms: outcome.summarize_ms,
            rouge_ms: outcome.rouge_ms,
        }
    }

    /// Its dataset's index in the config's `datasets` list.
    pub fn dataset_index(&self) -> usize {
        self.dataset_index
    }

    /// Its cluster's index among the dataset's clusters.
    pub fn cluster_index(&self) -> usize {
        self.cluster_index
    }

    /// Its system's index in [`Plan::systems`].
    pub fn system_index(&self) -> usize {
        self.system_index
    }

    /// The dataset's name.
    pub fn dataset(&self) -> &str {
        &self.dataset
    }

    /// The cluster's id.
    pub fn cluster(&self) -> &str {
        &self.cluster
    }

    /// The system's name.
    pub fn system(&self) -> &str {
        &self.system
    }

    /// The summary (empty when the unit failed), one sentence per line.
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// Indices of the chosen sentences in the cluster's sentence list.
    pub fn sentences(&self) -> &[usize] {
        &self.sentences
    }

    /// Its scores, metric by metric in the scorer's order; empty when unscored.
    pub fn scores(&self) -> &[(String, Prf)] {
        &self.scores
    }

    /// Why the system failed on the cluster, if it did.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Whether the system failed on the cluster.
    pub fn failed(&self) -> bool {
        self.error.is_some()
    }

    /// Warnings about this unit (an empty summary).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Wall-clock milliseconds the system took.
    pub fn summarize_ms(&self) -> f64 {
        self.summarize_ms
    }

    /// Wall-clock milliseconds scoring took.
    pub fn rouge_ms(&self) -> f64 {
        self.rouge_ms
    }

    pub(crate) fn key(&self) -> UnitIndex {
        (self.dataset_index, self.cluster_index, self.system_index)
    }

    pub(crate) fn to_result(&self) -> UnitResult {
        UnitResult {
            dataset: self.dataset.clone(),
            cluster: self.cluster.clone(),
            system: self.system.clone(),
            summary: self.summary.clone(),
            sentences: self.sentences.clone(),
            scores: self.scores.iter().cloned().collect(),
            error: self.error.clone(),
            diagnostics: self.diagnostics.clone(),
        }
    }
}

/// Every record of a run, in any order: what [`aggregate`] turns into results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Records {
    plan: Option<Plan>,
    clusters: Vec<ClusterRecord>,
    units: Vec<UnitRecord>,
}

impl Records {
    /// No records yet.
    pub fn new() -> Self {
        Records::default()
    }

    /// Keeps the record an event carries (a copy); other events are ignored.
    pub fn record(&mut self, event: &Event<'_>) {
        match *event {
            Event::Started(plan) => self.plan = Some(plan.clone()),
            Event::ClusterPreprocessed(c) => self.clusters.push(c.clone()),
            Event::UnitFinished(u) => self.units.push(u.clone()),
            _ => {}
        }
    }

    /// Sets the plan.
    pub fn set_plan(&mut self, plan: Plan) {
        self.plan = Some(plan);
    }

    /// Adds a cluster record.
    pub fn push_cluster(&mut self, cluster: ClusterRecord) {
        self.clusters.push(cluster);
    }

    /// Adds a unit record.
    pub fn push_unit(&mut self, unit: UnitRecord) {
        self.units.push(unit);
    }

    /// The plan, once set.
    pub fn plan(&self) -> Option<&Plan> {
        self.plan.as_ref()
    }

    /// The cluster records so far, in arrival order.
    pub fn clusters(&self) -> &[ClusterRecord] {
        &self.clusters
    }

    /// The unit records so far, in arrival order.
    pub fn units(&self) -> &[UnitRecord] {
        &self.units
    }
}

/// Builds a run's results from its records, whatever order they arrived in: the only
/// way results are made, by the harness too. Fails when a record is missing,
/// duplicated or does not belong to the plan.
pub fn aggregate(config: &Config, records: &Records) -> Result<RunResults> {
    let scorer = Scorer::new(&config.rouge).map_err(Error::Rouge)?;
    aggregate_with(config, &scorer, records)
}

/// [`aggregate`] with the run's scorer.
pub(crate) fn aggregate_with(
    config: &Config,
    scorer: &Scorer,
    records: &Records,
) -> Result<RunResults> {
    assemble(config, scorer, records).map(|(results, _)| results)
}

/// [`aggregate_with`], also returning the records' [`Tally`] (for the timings).
pub(crate) fn assemble(
    config: &Config,
    scorer: &Scorer,
    records: &Records,
) -> Result<(RunResults, Tally)> {
    let incomplete = |what: String| incomplete(config, what);
    let plan = records
        .plan
        .as_ref()
        .ok_or_else(|| incomplete("no plan (the run's Started event)".into()))?;
    let clusters = sorted_clusters(plan, &records.clusters).map_err(incomplete)?;
    let units = sorted_units(plan, &records.units).map_err(incomplete)?;
    let mut tally = Tally::new(plan.clone());
    for c in &clusters {
        tally.add_cluster(c);
    }
    for u in &units {
        tally.add_unit(u);
    }
    let head = results_head(config, scorer, &tally)?;
    let results = RunResults {
        clusters: clusters.iter().map(|c| c.stats.clone()).collect(),
        results: units.iter().map(|u| u.to_result()).collect(),
        ..head
    };
    Ok((results, tally))
}

/// The error for results that cannot be assembled, saying `what` is wrong.
pub(crate) fn incomplete(config: &Config, what: String) -> Error {
    Error::Usage(format!(
        "cannot assemble the results of run `{}`: {what}",
        config.name
    ))
}

/// A run's results from a complete `tally`, without their per-cluster and per-unit
/// lists (`clusters` and `results` are empty): everything else, averages, confidence
/// intervals, significance and warnings included. A journaled run streams the two lists
/// from its journal into the file around these ([`crate::scale::assemble`]).
pub(crate) fn results_head(config: &Config, scorer: &Scorer, tally: &Tally) -> Result<RunResults> {
    let mut averages = tally.averages(scorer);
    tally.significance(config, scorer, &mut averages)?;
    Ok(RunResults {
        schema_version: crate::report::SCHEMA_VERSION,
        sumbench_version: env!("CARGO_PKG_VERSION").to_string(),
        run: config.name.clone(),
        rouge: scorer.describe(),
        config: serde_json::to_value(config).map_err(|e| Error::Usage(e.to_string()))?,
        systems: tally.plan().systems.clone(),
        clusters: Vec::new(),
        averages,
        warnings: Warnings::new(tally.warnings()),
        results: Vec::new(),
    })
}

/// The cluster records in (dataset, cluster) order, checked against the plan.
fn sorted_clusters<'a>(
    plan: &Plan,
    records: &'a [ClusterRecord],
) -> std::result::Result<Vec<&'a ClusterRecord>, String> {
    let mut sorted: Vec<&ClusterRecord> = records.iter().collect();
    sorted.sort_by_key(|c| (c.dataset_index, c.cluster_index));
    let expected = plan
        .datasets
        .iter()
        .flat_map(|d| (0..d.clusters).map(move |c| (d.index, c)));
    let found = sorted.iter().map(|c| (c.dataset_index, c.cluster_index));
    if !found.eq(expected) {
        return Err(format!(
            "the cluster records ({}) do not match the plan's clusters ({})",
            records.len(),
            plan.datasets.iter().map(|d| d.clusters).sum::<usize>()
        ));
    }
    Ok(sorted)
}

/// The unit records in (dataset, cluster, system) order, checked against the plan.
fn sorted_units<'a>(
    plan: &Plan,
    records: &'a [UnitRecord],
) -> std::result::Result<Vec<&'a UnitRecord>, String> {
    let mut sorted: Vec<&UnitRecord> = records.iter().collect();
    sorted.sort_by_key(|u| u.key());
    let systems = plan.systems.len();
    let expected = plan.datasets.iter().flat_map(|d| {
        (0..d.clusters).flat_map(move |c| (0..systems).map(move |k| (d.index, c, k)))
    });
    if !sorted.iter().map(|u| u.key()).eq(expected) {
        return Err(format!(
            "the unit records ({}) do not match the plan's units ({})",
            records.len(),
            plan.units()
        ));
    }
    Ok(sorted)
}

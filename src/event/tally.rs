//! What the aggregates need of a run's records, and nothing more: per unit its failure,
//! its scores and its times; per cluster its id and times; the few warnings. Built from
//! records as they are read (from memory, or streamed from journals), it is all a run
//! keeps to compute averages, confidence intervals, significance, the warnings section
//! and the timings, so that assembling a run's results from its journal needs memory for
//! a few numbers per unit, not for every summary (docs/performance.md, "Large runs").
use super::{ClusterRecord, Plan, UnitRecord};
use crate::config::Config;
use crate::report::significance::{MetricPart, Significance, DEFAULT_RESAMPLES};
use crate::report::warnings::Warning;
use crate::report::{RunTimings, SystemAverage, SystemTiming};
use crate::rouge::{Prf, Scorer, Scores};
use crate::{Error, Result};
use std::collections::BTreeMap;

/// One unit's numbers. Its scores are `values[start..start + names[names_id].len()]`.
#[derive(Debug, Clone, Copy)]
struct Unit {
    failed: bool,
    names_id: u32,
    start: usize,
    summarize_ms: f64,
    rouge_ms: f64,
}

/// One cluster's numbers.
#[derive(Debug, Clone, Copy)]
struct Cluster {
    preprocess_ms: f64,
    prepare_ms: f64,
}

/// Where a record goes in a [`Tally`]: its dense position in plan order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// A cluster: its position among all the plan's clusters.
    Cluster(usize),
    /// A unit: its position among all the plan's units.
    Unit(usize),
}

/// The numbers of a run's records, dense in plan order (dataset, cluster, system).
#[derive(Debug)]
pub(crate) struct Tally {
    plan: Plan,
    /// Per dataset of the plan, its first cluster's position among all clusters.
    first_cluster: Vec<usize>,
    clusters: Vec<Option<Cluster>>,
    /// Cluster ids, from a cluster's record or any of its units'.
    ids: Vec<Option<String>>,
    units: Vec<Option<Unit>>,
    /// The distinct lists of metric names (a run has one, or two with unscored datasets).
    names: Vec<Vec<String>>,
    values: Vec<Prf>,
    /// Warnings by (cluster position, 0 for the cluster's own, 1 + system for a unit's).
    warnings: BTreeMap<(usize, usize), Vec<Warning>>,
    /// Records added, duplicates and strays included (for the mismatch message).
    cluster_records: usize,
    unit_records: usize,
}

impl Tally {
    /// An empty tally for `plan`'s clusters and units.
    pub(crate) fn new(plan: Plan) -> Self {
        let mut first_cluster = Vec::with_capacity(plan.datasets.len());
        let mut total = 0;
        for d in &plan.datasets {
            first_cluster.push(total);
            total += d.clusters;
        }
        let units = total * plan.systems.len();
        Tally {
            plan,
            first_cluster,
            clusters: vec![None; total],
            ids: vec![None; total],
            units: vec![None; units],
            names: Vec::new(),
            values: Vec::new(),
            warnings: BTreeMap::new(),
            cluster_records: 0,
            unit_records: 0,
        }
    }

    /// The plan.
    pub(crate) fn plan(&self) -> &Plan {
        &self.plan
    }

    /// How many clusters the plan has.
    pub(crate) fn clusters_len(&self) -> usize {
        self.clusters.len()
    }

    /// How many units the plan has.
    pub(crate) fn units_len(&self) -> usize {
        self.units.len()
    }

    /// The position of cluster `c` of the dataset with config index `d`, if planned.
    fn cluster_position(&self, d: usize, c: usize) -> Option<usize> {
        let i = self.plan.datasets.iter().position(|x| x.index == d)?;
        (c < self.plan.datasets[i].clusters).then(|| self.first_cluster[i] + c)
    }

    /// Where `c`'s record goes, if the plan has it.
    pub(crate) fn cluster_slot(&self, c: &ClusterRecord) -> Option<Slot> {
        self.cluster_position(c.dataset_index, c.cluster_index)
            .map(Slot::Cluster)
    }

    /// Where `u`'s record goes, if the plan has it.
    pub(crate) fn unit_slot(&self, u: &UnitRecord) -> Option<Slot> {
        let systems = self.plan.systems.len();
        let c = self.cluster_position(u.dataset_index, u.cluster_index)?;
        (u.system_index < systems).then(|| Slot::Unit(c * systems + u.system_index))
    }

    /// Whether the record for `slot` is already in.
    pub(crate) fn has(&self, slot: Slot) -> bool {
        match slot {
            Slot::Cluster(i) => self.clusters[i].is_some(),
            Slot::Unit(i) => self.units[i].is_some(),
        }
    }

    /// Adds a cluster's numbers; returns its slot, or `None` when the plan lacks it or it
    /// is already in (the first record stands).
    pub(crate) fn add_cluster(&mut self, c: &ClusterRecord) -> Option<Slot> {
        self.cluster_records += 1;
        let slot = self.cluster_slot(c).filter(|&s| !self.has(s))?;
        let Slot::Cluster(i) = slot else { return None };
        self.clusters[i] = Some(Cluster {
            preprocess_ms: c.preprocess_ms,
            prepare_ms: c.prepare_ms,
        });
        self.ids[i] = Some(c.stats.cluster.clone());
        if !c.warnings.is_empty() {
            self.warnings.insert((i, 0), c.warnings.clone());
        }
        Some(slot)
    }

    /// Adds a unit's numbers; returns its slot, or `None` when the plan lacks it or it is
    /// already in (the first record stands).
    pub(crate) fn add_unit(&mut self, u: &UnitRecord) -> Option<Slot> {
        self.unit_records += 1;
        let slot = self.unit_slot(u).filter(|&s| !self.has(s))?;
        let Slot::Unit(i) = slot else { return None };
        let systems = self.plan.systems.len();
        let names: Vec<&str> = u.scores.iter().map(|(n, _)| n.as_str()).collect();
        let names_id = match self.names.iter().position(|n| n.iter().eq(names.iter())) {
            Some(id) => id,
            None => {
                self.names
                    .push(names.iter().map(|n| (*n).to_owned()).collect());
                self.names.len() - 1
            }
        };
        let start = self.values.len();
        self.values.extend(u.scores.iter().map(|(_, p)| *p));
        self.units[i] = Some(Unit {
            failed: u.failed(),
            names_id: names_id as u32,
            start,
            summarize_ms: u.summarize_ms,
            rouge_ms: u.rouge_ms,
        });
        if self.ids[i / systems].is_none() {
            self.ids[i / systems] = Some(u.cluster.clone());
        }
        if !u.warnings.is_empty() {
            self.warnings
                .insert((i / systems, 1 + i % systems), u.warnings.clone());
        }
        Some(slot)
    }

    /// Refuses a tally that does not hold exactly the plan's records, as
    /// [`super::aggregate`] always has.
    pub(crate) fn check_complete(&self) -> std::result::Result<(), String> {
        if self.cluster_records != self.clusters.len() || self.clusters.iter().any(Option::is_none)
        {
            return Err(format!(
                "the cluster records ({}) do not match the plan's clusters ({})",
                self.cluster_records,
                self.clusters.len()
            ));
        }
        if self.unit_records != self.units.len() || self.units.iter().any(Option::is_none) {
            return Err(format!(
                "the unit records ({}) do not match the plan's units ({})",
                self.unit_records,
                self.units.len()
            ));
        }
        Ok(())
    }

    /// Units in, and of those, failed.
    pub(crate) fn counts(&self) -> (usize, usize) {
        let present = self.units.iter().flatten();
        (
            present.clone().count(),
            present.filter(|u| u.failed).count(),
        )
    }

    /// The (dataset index, cluster index, system index) of every unit in, in plan order.
    pub(crate) fn unit_keys(&self) -> impl Iterator<Item = super::UnitIndex> + '_ {
        let systems = self.plan.systems.len().max(1);
        self.units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.is_some())
            .map(move |(i, _)| {
                let (d, c) = self.dataset_cluster(i / systems);
                (d, c, i % systems)
            })
    }

    /// The (dataset index, cluster index) of every cluster in, in plan order.
    pub(crate) fn cluster_keys(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_some())
            .map(|(i, _)| self.dataset_cluster(i))
    }

    /// The (dataset index in the config, cluster index) of cluster position `i`.
    fn dataset_cluster(&self, i: usize) -> (usize, usize) {
        let d = self.first_cluster.partition_point(|&f| f <= i) - 1;
        (self.plan.datasets[d].index, i - self.first_cluster[d])
    }

    /// The id of cluster position `i`, when a record named it.
    pub(crate) fn cluster_id(&self, i: usize) -> Option<&str> {
        self.ids[i].as_deref()
    }

    /// Positions of dataset `d` (of the plan) 's clusters.
    pub(crate) fn cluster_range(&self, d: usize) -> std::ops::Range<usize> {
        let first = self.first_cluster[d];
        first..first + self.plan.datasets[d].clusters
    }

    /// Unit `i`'s scores, with their metric names.
    fn scores(&self, u: &Unit) -> impl Iterator<Item = (&String, &Prf)> {
        let names = &self.names[u.names_id as usize];
        names
            .iter()
            .zip(&self.values[u.start..u.start + names.len()])
    }

    /// Units of system `k` on the plan's dataset `d`, in cluster order (complete tally).
    fn units_of(&self, d: usize, k: usize) -> impl Iterator<Item = (usize, &Unit)> {
        let systems = self.plan.systems.len();
        self.cluster_range(d)
            .filter_map(move |c| self.units[c * systems + k].as_ref().map(|u| (c, u)))
    }

    /// Each system's averages on each dataset, datasets in plan order, systems in plan
    /// order, without significance.
    pub(crate) fn averages(&self, scorer: &Scorer) -> Vec<SystemAverage> {
        let plan = &self.plan;
        let mut out = Vec::with_capacity(plan.datasets.len() * plan.systems.len());
        for (d, dataset) in plan.datasets.iter().enumerate() {
            for (k, system) in plan.systems.iter().enumerate() {
                let scores: Vec<Scores> = self
                    .units_of(d, k)
                    .map(|(_, u)| Scores(self.scores(u).map(|(n, p)| (n.clone(), *p)).collect()))
                    .collect();
                out.push(SystemAverage {
                    dataset: dataset.name.clone(),
                    system: system.name.clone(),
                    oracle: system.oracle,
                    clusters: dataset.clusters,
                    failures: self.units_of(d, k).filter(|(_, u)| u.failed).count(),
                    scores: if scores.iter().all(|u| u.0.is_empty()) {
                        Vec::new()
                    } else {
                        scorer.aggregate(&scores)
                    },
                    significance: None,
                });
            }
        }
        out
    }

    /// Annotates `averages` with the paired test against the best system on the
    /// headline metric (the config's `report.headline`, else the scorer's default), from
    /// the tally's per-cluster scores: the one implementation of the "p vs best" column,
    /// for the in-memory and the streamed results alike.
    pub(crate) fn significance(
        &self,
        config: &Config,
        scorer: &Scorer,
        averages: &mut [SystemAverage],
    ) -> Result<()> {
        let resamples = config.report.resamples.unwrap_or(DEFAULT_RESAMPLES);
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
            for d in 0..self.plan.datasets.len() {
                self.annotate(d, averages, &metric, resamples, config.seed);
            }
        }
        Ok(())
    }

    /// [`Tally::significance`] on the plan's dataset `d`.
    fn annotate(
        &self,
        d: usize,
        averages: &mut [SystemAverage],
        metric: &MetricPart,
        resamples: u64,
        seed: u64,
    ) {
        let systems = self.plan.systems.len();
        let mine = &mut averages[d * systems..(d + 1) * systems];
        // An unscored (`references: none`) dataset has nothing to test.
        if mine.iter().all(|a| a.scores.is_empty()) {
            return;
        }
        let Some(best) = best_system(mine, metric) else {
            return;
        };
        let best_scores = self.per_cluster(d, best, metric);
        let versus = mine[best].system.clone();
        for (k, a) in mine.iter_mut().enumerate() {
            if k == best {
                continue;
            }
            let scores = self.per_cluster(d, k, metric);
            if let Some((xa, xb)) = paired(&scores, &best_scores) {
                let c = crate::stats::significance::compare(&xa, &xb, resamples, seed);
                a.significance = Some(Significance {
                    metric: metric.to_string(),
                    versus: versus.clone(),
                    mean_diff: c.mean_diff,
                    p_value: c.permutation_p,
                    samples: c.permutation_samples,
                });
            }
        }
    }

    /// System `k`'s per-cluster scores on the plan's dataset `d` (0 where the metric is
    /// missing), with the cluster ids, in cluster order.
    fn per_cluster(&self, d: usize, k: usize, metric: &MetricPart) -> Vec<(&str, f64)> {
        self.units_of(d, k)
            .map(|(c, u)| {
                // The last of equal names, as the results' name-to-score map keeps.
                let v = self
                    .scores(u)
                    .filter(|(n, _)| **n == metric.metric)
                    .last()
                    .map_or(0.0, |(_, p)| metric.part.of(p));
                (self.ids[c].as_deref().unwrap_or_default(), v)
            })
            .collect()
    }

    /// Every warning in the results' order: per dataset, its loading warnings, then per
    /// cluster its own warnings followed by its units' in system order.
    pub(crate) fn warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        for (d, dataset) in self.plan.datasets.iter().enumerate() {
            out.extend(dataset.warnings.iter().cloned());
            let range = self.cluster_range(d);
            for w in self.warnings.range((range.start, 0)..(range.end, 0)) {
                out.extend(w.1.iter().cloned());
            }
        }
        out
    }

    /// The run's timings: loading and preprocessing, ROUGE, and each system's time per
    /// cluster (in cluster order).
    pub(crate) fn timings(
        &self,
        config: &Config,
        load_ms: f64,
        wall_ms: f64,
        jobs: usize,
    ) -> RunTimings {
        let clusters = self.clusters.iter().flatten();
        let units = self.units.iter().flatten();
        let preprocess_ms = load_ms + clusters.clone().map(|c| c.preprocess_ms).sum::<f64>();
        let rouge_ms =
            clusters.map(|c| c.prepare_ms).sum::<f64>() + units.map(|u| u.rouge_ms).sum::<f64>();
        let mut systems = Vec::new();
        for (d, dataset) in self.plan.datasets.iter().enumerate() {
            for (k, system) in self.plan.systems.iter().enumerate() {
                let per_cluster_ms: Vec<f64> =
                    self.units_of(d, k).map(|(_, u)| u.summarize_ms).collect();
                let n = per_cluster_ms.len().max(1) as f64;
                systems.push(SystemTiming {
                    dataset: dataset.name.clone(),
                    system: system.name.clone(),
                    mean_ms: per_cluster_ms.iter().sum::<f64>() / n,
                    per_cluster_ms,
                });
            }
        }
        RunTimings {
            run: config.name.clone(),
            preprocess_ms,
            rouge_ms,
            wall_ms,
            jobs,
            systems,
        }
    }
}

/// The best non-oracle system of one dataset's `averages` on `metric` (first in config
/// order on ties, so the choice is deterministic).
fn best_system(averages: &[SystemAverage], metric: &MetricPart) -> Option<usize> {
    let mean_of = |a: &SystemAverage| {
        a.scores
            .iter()
            .find(|s| s.metric == metric.metric)
            .map_or(f64::NEG_INFINITY, |s| metric.part.of(&s.mean))
    };
    let mut best: Option<(usize, f64)> = None;
    for (k, a) in averages.iter().enumerate().filter(|(_, a)| !a.oracle) {
        let m = mean_of(a);
        if best.is_none_or(|(_, b)| m > b) {
            best = Some((k, m));
        }
    }
    best.map(|(k, _)| k)
}

/// `a`'s scores and `b`'s for the same clusters (matched by id, as
/// [`crate::report::significance::compare_systems`] does), or `None` when they cannot be
/// paired.
fn paired(a: &[(&str, f64)], b: &[(&str, f64)]) -> Option<(Vec<f64>, Vec<f64>)> {
    if a.is_empty() || b.is_empty() || a.len() != b.len() {
        return None;
    }
    let lookup: BTreeMap<&str, f64> = b.iter().copied().collect();
    let xb = a
        .iter()
        .map(|(c, _)| lookup.get(c).copied())
        .collect::<Option<Vec<f64>>>()?;
    Some((a.iter().map(|(_, v)| *v).collect(), xb))
}

//! `sumbench plan --config FILE --shards N`: before anything runs, how many units a run
//! has, what each of N shards would cost under the [`super::cost`] model, and how
//! uneven the shards are, so a user can pick N. The same function gives `run --shard`
//! its clusters, so the plan shows exactly the partition the shards will run.
use super::cost::Model;
use super::shard;
use crate::config::Config;
use crate::corpus::Outline;
use crate::summarize::Registry;
use crate::{harness, Result};
use std::fmt::Write as _;

/// Each cluster's estimated cost, datasets in config order, clusters in dataset order.
pub fn costs(config: &Config, datasets: &[Outline], kinds: &[&str], model: &Model) -> Vec<u64> {
    let scored = |d: &Outline| {
        config
            .datasets
            .iter()
            .find(|c| c.name == d.name)
            .is_none_or(|c| !c.unscored())
    };
    datasets
        .iter()
        .flat_map(|d| {
            let mode = scored(d).then_some(config.rouge.mode);
            d.clusters
                .iter()
                .map(move |c| model.cluster(c.bytes, kinds, mode))
        })
        .collect()
}

/// The clusters of shard `index` (1-based) of `count`: per dataset, the indices of its
/// clusters that the shard runs, in dataset order.
pub fn clusters_of(
    costs: &[u64],
    datasets: &[Outline],
    index: usize,
    count: usize,
) -> Vec<Vec<usize>> {
    let assignment = shard::partition(costs, count);
    let mut out = Vec::with_capacity(datasets.len());
    let mut flat = assignment.iter();
    for d in datasets {
        let mine: Vec<usize> = (0..d.clusters.len())
            .filter(|_| flat.next().is_some_and(|&s| s + 1 == index))
            .collect();
        out.push(mine);
    }
    out
}

/// One shard of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct ShardEstimate {
    /// Clusters it runs.
    pub clusters: usize,
    /// Estimated instructions.
    pub instructions: u128,
}

/// What `sumbench plan` reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Run name.
    pub run: String,
    /// Clusters over every dataset.
    pub clusters: usize,
    /// Systems.
    pub systems: Vec<(String, String)>,
    /// Kinds without a measured cost (estimated as linear at the built-ins' mean).
    pub unmeasured: Vec<String>,
    /// Every shard, in order.
    pub shards: Vec<ShardEstimate>,
    /// The cost model's digest (recorded in shard journals).
    pub model: String,
}

impl Plan {
    /// Units: clusters times systems.
    pub fn units(&self) -> usize {
        self.clusters * self.systems.len()
    }

    /// The largest shard's estimate over the mean's, minus one (0 = perfectly even): the
    /// wall time lost to waiting for the slowest shard.
    pub fn imbalance(&self) -> f64 {
        let total: u128 = self.shards.iter().map(|s| s.instructions).sum();
        let max = self
            .shards
            .iter()
            .map(|s| s.instructions)
            .max()
            .unwrap_or(0);
        if total == 0 {
            return 0.0;
        }
        max as f64 * self.shards.len() as f64 / total as f64 - 1.0
    }
}

/// Plans `config` over `shards` shards: loads (and checks) its datasets, builds its
/// systems, and estimates each shard's work. Runs no summarizer.
pub fn plan(config: &Config, registry: &Registry, shards: usize) -> Result<Plan> {
    if shards == 0 {
        return Err(crate::Error::Usage("--shards: expected at least 1".into()));
    }
    let systems = harness::build_systems(config, registry)?;
    let datasets: Vec<Outline> = config
        .datasets
        .iter()
        .enumerate()
        .map(|(i, d)| harness::outline(d, i, &config.origin))
        .collect::<Result<_>>()?;
    let model = Model::measured();
    let kinds: Vec<&str> = systems.iter().map(|s| s.kind.as_str()).collect();
    let costs = costs(config, &datasets, &kinds, &model);
    let assignment = shard::partition(&costs, shards);
    let loads = shard::loads(&costs, &assignment, shards);
    let mut per_shard = vec![0usize; shards];
    for &s in &assignment {
        per_shard[s] += 1;
    }
    let mut unmeasured: Vec<String> = kinds
        .iter()
        .filter(|k| !model.fit(k).1)
        .map(|k| k.to_string())
        .collect();
    unmeasured.dedup();
    Ok(Plan {
        run: config.name.clone(),
        clusters: costs.len(),
        systems: systems
            .iter()
            .map(|s| (s.name.clone(), s.kind.clone()))
            .collect(),
        unmeasured,
        shards: per_shard
            .into_iter()
            .zip(loads)
            .map(|(clusters, instructions)| ShardEstimate {
                clusters,
                instructions,
            })
            .collect(),
        model: model.digest().to_owned(),
    })
}

/// The plan as `sumbench plan` prints it.
pub fn render(plan: &Plan) -> String {
    let mut out = String::new();
    let total: u128 = plan.shards.iter().map(|s| s.instructions).sum();
    let _ = writeln!(
        out,
        "run {}: {} clusters x {} systems = {} units; estimated {:.1} G instructions in all \
         (cost model {}, from benches/instructions.baseline.json)",
        plan.run,
        plan.clusters,
        plan.systems.len(),
        plan.units(),
        total as f64 / 1e9,
        plan.model
    );
    if !plan.unmeasured.is_empty() {
        let _ = writeln!(
            out,
            "no measured cost for {}: counted as linear in sentences at the built-ins' mean",
            plan.unmeasured.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "| shard | clusters | units | est. G instructions | share |"
    );
    let _ = writeln!(
        out,
        "|-------|----------|-------|---------------------|-------|"
    );
    for (i, s) in plan.shards.iter().enumerate() {
        let share = if total == 0 {
            0.0
        } else {
            s.instructions as f64 * 100.0 / total as f64
        };
        let _ = writeln!(
            out,
            "| {}/{} | {} | {} | {:.2} | {:.1}% |",
            i + 1,
            plan.shards.len(),
            s.clusters,
            s.clusters * plan.systems.len(),
            s.instructions as f64 / 1e9,
            share
        );
    }
    let _ = writeln!(
        out,
        "imbalance: the largest shard is {:.1}% over the mean{}",
        plan.imbalance() * 100.0,
        if plan.shards.iter().any(|s| s.clusters == 0) {
            " (some shards are empty: fewer clusters than shards)"
        } else {
            ""
        }
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_of_splits_every_dataset_without_overlap() {
        let mk = |n: usize| Outline {
            name: format!("d{n}"),
            clusters: (0..n)
                .map(|i| crate::corpus::Shape {
                    id: format!("c{i}"),
                    bytes: 0,
                })
                .collect(),
        };
        let datasets = [mk(5), mk(3)];
        let costs = [9, 1, 1, 1, 1, 4, 4, 4];
        let parts: Vec<Vec<Vec<usize>>> = (1..=3)
            .map(|k| clusters_of(&costs, &datasets, k, 3))
            .collect();
        for d in 0..2 {
            let mut all: Vec<usize> = parts.iter().flat_map(|p| p[d].clone()).collect();
            all.sort();
            assert_eq!(all, (0..datasets[d].clusters.len()).collect::<Vec<_>>());
        }
        // The 9 alone on shard 1; the three 4s and four 1s share shards 2 and 3.
        assert_eq!(parts[0], vec![vec![0], vec![]]);
    }
}

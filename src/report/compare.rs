//! `sumbench compare OLD.json NEW.json`: what changed between two runs, per dataset,
//! system and metric, with the paired significance of each change over the clusters
//! both runs scored, and the clusters that changed most.
//!
//! Scores made with different ROUGE settings are not comparable (another `-l`, stemming
//! or metric definition moves every number), so such runs are refused, naming the
//! setting that differs. Everything else (budget, text options, systems' parameters) may
//! differ: that is what a comparison is for, and the header shows both runs.
//!
//! A paired test needs enough clusters to mean anything: with fewer than
//! [`crate::check::MIN_CLUSTERS`] shared clusters, or when even the most extreme outcome
//! could not reach p < 0.05, the change is printed without a p-value and the output says
//! that no test is possible.
use super::significance::{MetricPart, Part};
use super::UnitResult;
use crate::stats::significance::{compare, Comparison};
use crate::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Clusters listed per system under "changed most" unless asked otherwise.
pub const DEFAULT_TOP: usize = 5;

/// The parts of the results file a comparison reads.
#[derive(Debug, Clone, Deserialize)]
pub struct RunFile {
    /// sumbench version that wrote it.
    #[serde(default)]
    pub sumbench_version: String,
    /// Run name.
    pub run: String,
    /// The ROUGE settings, as the engine describes them.
    pub rouge: String,
    /// The config as run.
    #[serde(default)]
    pub config: serde_json::Value,
    /// Every unit result.
    pub results: Vec<UnitResult>,
    /// Where it was read from.
    #[serde(skip)]
    pub path: PathBuf,
}

impl RunFile {
    /// Reads a results file written by `sumbench run` (or its `--export-json`).
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut run: RunFile = serde_json::from_str(&text).map_err(|e| {
            Error::input(
                path,
                Some(e.line()),
                format!("expected a sumbench results file: {e}"),
            )
        })?;
        run.path = path.to_owned();
        Ok(run)
    }
}

/// The ROUGE settings that differ between two runs, one line each (empty when the
/// scores are comparable): each key of the configs' `rouge:` sections, then the
/// engine's own description (which also changes with the engine's version).
pub fn rouge_differences(old: &RunFile, new: &RunFile) -> Vec<String> {
    let section = |r: &RunFile| {
        r.config
            .get("rouge")
            .and_then(serde_json::Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let (a, b) = (section(old), section(new));
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    let shown = |v: Option<&serde_json::Value>| v.map_or("(absent)".to_string(), |v| v.to_string());
    let mut out: Vec<String> = keys
        .into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| {
            format!(
                "rouge.{k}: {} in OLD, {} in NEW",
                shown(a.get(k)),
                shown(b.get(k))
            )
        })
        .collect();
    if old.rouge != new.rouge {
        out.push(format!(
            "ROUGE settings: `{}` in OLD, `{}` in NEW",
            old.rouge, new.rouge
        ));
    }
    out
}

/// One (dataset, system, metric) change between the runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Dataset name.
    pub dataset: String,
    /// System name.
    pub system: String,
    /// The metric and part, e.g. `ROUGE-2:r`.
    pub metric: String,
    /// Shared clusters compared.
    pub clusters: usize,
    /// Mean over the shared clusters in OLD.
    pub old: f64,
    /// Mean over the shared clusters in NEW.
    pub new: f64,
    /// The paired test of NEW against OLD (`mean_diff` = NEW − OLD), or `None` when too
    /// few clusters are shared for a test.
    pub test: Option<Comparison>,
}

/// A cluster whose score changed, for the "changed most" list.
#[derive(Debug, Clone, PartialEq)]
pub struct Mover {
    /// Cluster id.
    pub cluster: String,
    /// Score in OLD.
    pub old: f64,
    /// Score in NEW.
    pub new: f64,
}

/// Everything `sumbench compare OLD NEW` reports.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunComparison {
    /// Per (dataset, system, metric), in NEW's order.
    pub changes: Vec<Change>,
    /// Per (dataset, system): the clusters that changed most on the first metric, largest
    /// absolute change first (ties: cluster id).
    pub movers: Vec<(String, String, Vec<Mover>)>,
    /// Datasets, systems and clusters in only one run, failures, and untestable pairs.
    pub notes: Vec<String>,
}

/// Whether a paired test over `n` clusters can say anything at the 5% level: at least
/// [`crate::check::MIN_CLUSTERS`] clusters, and a smallest possible p below 0.05.
pub fn testable(n: usize, resamples: u64) -> bool {
    n >= crate::check::MIN_CLUSTERS && crate::check::smallest_p(n, resamples) < 0.05
}

/// The sentence printed instead of a p-value when [`testable`] is false.
pub fn untestable_reason(n: usize) -> String {
    format!(
        "no test is possible with {n} shared cluster(s): a paired test over clusters needs at \
         least {} and enough of them for p < 0.05 to be reachable",
        crate::check::MIN_CLUSTERS.max(6)
    )
}

fn value(u: &UnitResult, m: &MetricPart) -> f64 {
    u.scores.get(&m.metric).map_or(0.0, |s| match m.part {
        Part::P => s.p,
        Part::R => s.r,
        Part::F => s.f,
    })
}

/// First-seen order of `items`, deduplicated.
fn ordered<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Compares NEW with OLD on `metrics` over the clusters both scored, per dataset and
/// system; `dataset` limits it to one. Call [`rouge_differences`] first.
pub fn compare_runs(
    old: &RunFile,
    new: &RunFile,
    dataset: Option<&str>,
    metrics: &[MetricPart],
    resamples: u64,
    seed: u64,
    top: usize,
) -> Result<RunComparison> {
    let mut out = RunComparison::default();
    let old_datasets = ordered(old.results.iter().map(|u| u.dataset.as_str()));
    let new_datasets = ordered(new.results.iter().map(|u| u.dataset.as_str()));
    if let Some(d) = dataset {
        if !old_datasets.contains(&d) || !new_datasets.contains(&d) {
            return Err(Error::Usage(format!(
                "--dataset {d}: not in both runs; OLD has {}, NEW has {}",
                old_datasets.join(", "),
                new_datasets.join(", ")
            )));
        }
    }
    for d in &old_datasets {
        if !new_datasets.contains(d) {
            out.notes.push(format!("dataset `{d}` is only in OLD"));
        }
    }
    let index: BTreeMap<(&str, &str, &str), &UnitResult> = old
        .results
        .iter()
        .map(|u| {
            (
                (u.dataset.as_str(), u.system.as_str(), u.cluster.as_str()),
                u,
            )
        })
        .collect();
    let mut untestable: Vec<(String, usize)> = Vec::new();
    for d in new_datasets
        .iter()
        .filter(|d| dataset.is_none_or(|x| x == **d))
    {
        if !old_datasets.contains(d) {
            out.notes.push(format!("dataset `{d}` is only in NEW"));
            continue;
        }
        let in_old = ordered(
            old.results
                .iter()
                .filter(|u| u.dataset == *d)
                .map(|u| u.system.as_str()),
        );
        let in_new = ordered(
            new.results
                .iter()
                .filter(|u| u.dataset == *d)
                .map(|u| u.system.as_str()),
        );
        for s in in_old.iter().filter(|s| !in_new.contains(s)) {
            out.notes.push(format!("{d}: system `{s}` is only in OLD"));
        }
        for s in in_new.iter().filter(|s| !in_old.contains(s)) {
            out.notes.push(format!("{d}: system `{s}` is only in NEW"));
        }
        for s in in_new.iter().filter(|s| in_old.contains(s)) {
            let pairs: Vec<(&UnitResult, &UnitResult)> = new
                .results
                .iter()
                .filter(|u| u.dataset == *d && u.system == *s)
                .filter_map(|u| index.get(&(*d, *s, u.cluster.as_str())).map(|o| (*o, u)))
                .collect();
            let only_new = new
                .results
                .iter()
                .filter(|u| u.dataset == *d && u.system == *s)
                .count()
                - pairs.len();
            let only_old = old
                .results
                .iter()
                .filter(|u| u.dataset == *d && u.system == *s)
                .count()
                - pairs.len();
            if only_new + only_old > 0 {
                out.notes.push(format!(
                    "{d}/{s}: {} shared clusters compared; {only_old} only in OLD, {only_new} only in NEW",
                    pairs.len()
                ));
            }
            let failed =
                |f: fn(&(&UnitResult, &UnitResult)) -> bool| pairs.iter().filter(|p| f(p)).count();
            let (fo, fnew) = (
                failed(|p| p.0.error.is_some()),
                failed(|p| p.1.error.is_some()),
            );
            if fo + fnew > 0 {
                out.notes.push(format!(
                    "{d}/{s}: failed on {fo} shared cluster(s) in OLD and {fnew} in NEW (scored zero)"
                ));
            }
            if pairs.is_empty() {
                continue;
            }
            let n = pairs.len();
            if !testable(n, resamples) && !untestable.iter().any(|(x, _)| x == d) {
                untestable.push((d.to_string(), n));
            }
            for m in metrics {
                let xo: Vec<f64> = pairs.iter().map(|(o, _)| value(o, m)).collect();
                let xn: Vec<f64> = pairs.iter().map(|(_, u)| value(u, m)).collect();
                let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len() as f64;
                out.changes.push(Change {
                    dataset: d.to_string(),
                    system: s.to_string(),
                    metric: m.to_string(),
                    clusters: n,
                    old: mean(&xo),
                    new: mean(&xn),
                    test: testable(n, resamples).then(|| compare(&xn, &xo, resamples, seed)),
                });
            }
            if let Some(m) = metrics.first() {
                let mut movers: Vec<Mover> = pairs
                    .iter()
                    .map(|(o, u)| Mover {
                        cluster: u.cluster.clone(),
                        old: value(o, m),
                        new: value(u, m),
                    })
                    .filter(|x| x.new != x.old)
                    .collect();
                movers.sort_by(|a, b| {
                    (b.new - b.old)
                        .abs()
                        .total_cmp(&(a.new - a.old).abs())
                        .then_with(|| a.cluster.cmp(&b.cluster))
                });
                movers.truncate(top);
                out.movers.push((d.to_string(), s.to_string(), movers));
            }
        }
    }
    for (d, n) in untestable {
        out.notes.push(format!("{d}: {}", untestable_reason(n)));
    }
    Ok(out)
}

/// The terminal/markdown report of a comparison.
#[cfg(feature = "cli")]
pub fn render(
    old: &RunFile,
    new: &RunFile,
    c: &RunComparison,
    resamples: u64,
    seed: u64,
) -> String {
    use tabled::builder::Builder;
    use tabled::settings::Style;
    let mut text = format!(
        "OLD: {} (run `{}`, sumbench {})\nNEW: {} (run `{}`, sumbench {})\nROUGE: {}\n\
         change = NEW − OLD, mean over the clusters both runs scored; p: paired two-sided \
         approximate randomisation over clusters ({resamples} resamples or exact, seed {seed})\n\n",
        old.path.display(),
        old.run,
        old.sumbench_version,
        new.path.display(),
        new.run,
        new.sumbench_version,
        new.rouge
    );
    let datasets = ordered(c.changes.iter().map(|x| x.dataset.as_str()));
    for d in datasets {
        let rows: Vec<&Change> = c.changes.iter().filter(|x| x.dataset == d).collect();
        let n = rows.first().map_or(0, |r| r.clusters);
        let mut b = Builder::default();
        b.push_record([
            "system",
            "metric",
            "old",
            "new",
            "change",
            "p",
            "higher/equal/lower",
        ]);
        for r in rows {
            let (p, wtl) = match &r.test {
                Some(t) => {
                    let (w, e, l) = t.wins_ties_losses;
                    (format!("{:.4}", t.permutation_p), format!("{w}/{e}/{l}"))
                }
                None => ("no test".to_string(), "-".to_string()),
            };
            b.push_record([
                r.system.clone(),
                r.metric.clone(),
                format!("{:.5}", r.old),
                format!("{:.5}", r.new),
                format!("{:+.5}", r.new - r.old),
                p,
                wtl,
            ]);
        }
        let mut table = b.build();
        table.with(Style::markdown());
        text.push_str(&format!("dataset {d} ({n} shared clusters)\n{table}\n\n"));
        let metric = c
            .changes
            .iter()
            .find(|x| x.dataset == d)
            .map(|x| x.metric.clone())
            .unwrap_or_default();
        let movers: Vec<_> = c.movers.iter().filter(|(md, _, _)| md == d).collect();
        if movers.iter().any(|(_, _, m)| !m.is_empty()) {
            text.push_str(&format!("clusters that changed most ({metric}):\n"));
            for (_, s, m) in movers {
                if m.is_empty() {
                    text.push_str(&format!("  {s}: no cluster changed\n"));
                    continue;
                }
                let list: Vec<String> = m
                    .iter()
                    .map(|x| {
                        format!(
                            "{} {:.5} → {:.5} ({:+.5})",
                            x.cluster,
                            x.old,
                            x.new,
                            x.new - x.old
                        )
                    })
                    .collect();
                text.push_str(&format!("  {s}: {}\n", list.join(", ")));
            }
            text.push('\n');
        } else {
            text.push_str(&format!("no cluster changed on {metric}\n\n"));
        }
    }
    for note in &c.notes {
        text.push_str(&format!("note: {note}\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rouge::Prf;

    fn unit(cluster: &str, system: &str, r: f64) -> UnitResult {
        UnitResult {
            dataset: "d".into(),
            cluster: cluster.into(),
            system: system.into(),
            summary: String::new(),
            sentences: vec![],
            scores: BTreeMap::from([("ROUGE-2".to_string(), Prf { p: 0.0, r, f: 0.0 })]),
            error: None,
            diagnostics: None,
        }
    }

    fn run(results: Vec<UnitResult>, flags: &str) -> RunFile {
        RunFile {
            sumbench_version: "0".into(),
            run: "r".into(),
            rouge: format!("ROUGE-1.5.5 {flags}"),
            config: serde_json::json!({"rouge": {"mode": "rouge155", "flags": flags}}),
            results,
            path: PathBuf::from("x.json"),
        }
    }

    const R2: fn() -> MetricPart = || MetricPart {
        metric: "ROUGE-2".into(),
        part: Part::R,
    };

    #[test]
    fn different_flags_are_named() {
        let a = run(vec![], "-n 2 -l 100");
        let b = run(vec![], "-n 2 -l 250");
        let diff = rouge_differences(&a, &b);
        assert_eq!(
            diff[0],
            "rouge.flags: \"-n 2 -l 100\" in OLD, \"-n 2 -l 250\" in NEW"
        );
        assert!(rouge_differences(&a, &a).is_empty());
    }

    #[test]
    fn one_shared_cluster_gives_no_test() {
        let a = run(vec![unit("c1", "s", 0.1)], "-n 2");
        let b = run(vec![unit("c1", "s", 0.3), unit("c2", "s", 0.2)], "-n 2");
        let c = compare_runs(&a, &b, None, &[R2()], 1000, 1, 5).unwrap();
        assert_eq!(c.changes.len(), 1);
        assert_eq!(c.changes[0].clusters, 1);
        assert!(c.changes[0].test.is_none());
        assert!((c.changes[0].new - c.changes[0].old - 0.2).abs() < 1e-12);
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("no test is possible with 1 shared cluster")),
            "{:?}",
            c.notes
        );
        assert!(
            c.notes.iter().any(|n| n.contains("1 only in NEW")),
            "{:?}",
            c.notes
        );
        let text = render(&a, &b, &c, 1000, 1);
        assert!(text.contains("| no test "), "{text}");
        assert!(!text.contains("p = "), "{text}");
    }

    #[test]
    fn a_uniform_gain_over_eight_clusters_is_significant_and_movers_are_ordered() {
        let olds = [0.10, 0.20, 0.30, 0.40, 0.10, 0.20, 0.30, 0.40];
        let gains = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08];
        let ids: Vec<String> = (0..8).map(|k| format!("c{k}")).collect();
        let a = run(
            ids.iter().zip(olds).map(|(c, x)| unit(c, "s", x)).collect(),
            "-n 2",
        );
        let b = run(
            ids.iter()
                .zip(olds.iter().zip(gains))
                .map(|(c, (x, g))| unit(c, "s", x + g))
                .collect(),
            "-n 2",
        );
        let c = compare_runs(&a, &b, None, &[R2()], 10_000, 1, 3).unwrap();
        let t = c.changes[0].test.as_ref().unwrap();
        // All 8 differences positive: exact sign-flip p = 2 / 2^8.
        assert!(t.permutation_exact);
        assert_eq!(t.permutation_p, 2.0 / 256.0);
        assert_eq!(t.wins_ties_losses, (8, 0, 0));
        let movers: Vec<&str> = c.movers[0].2.iter().map(|m| m.cluster.as_str()).collect();
        assert_eq!(movers, ["c7", "c6", "c5"]);
    }
}

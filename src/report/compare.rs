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
use super::significance::{compare_systems, metric_names, MetricPart};
use super::{first_seen as ordered, UnitResult};
use crate::stats::significance::{compare, Comparison};
use crate::{Error, Result};
use serde::de::DeserializeOwned;
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
        let mut run: RunFile = read_results(path)?;
        run.path = path.to_owned();
        Ok(run)
    }
}

/// Reads the parts `T` of a results file, naming the file and the line where it is not
/// one.
fn read_results<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_str(&text).map_err(|e| {
        Error::input(
            path,
            Some(e.line()),
            format!("expected a sumbench results file: {e}"),
        )
    })
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

/// `--resamples` must allow at least one sign pattern.
fn check_resamples(resamples: u64) -> Result<()> {
    if resamples == 0 {
        return Err(Error::Usage("--resamples: expected at least 1".into()));
    }
    Ok(())
}

/// The seed asked for, else the run's (so p-values match its table), else 0.
fn seed_or_run_seed(seed: Option<u64>, config: &serde_json::Value) -> u64 {
    seed.or_else(|| config.get("seed").and_then(serde_json::Value::as_u64))
        .unwrap_or(0)
}

/// The metric asked for (`NAME` or `NAME:p|r|f`), else the headline metric of the
/// results read from `path`.
fn chosen_metric(path: &Path, results: &[UnitResult], metric: Option<&str>) -> Result<MetricPart> {
    let available = metric_names(results);
    match metric {
        Some(m) => MetricPart::parse(m, &available),
        None => MetricPart::headline(&available)
            .ok_or_else(|| Error::input(path, None, "the results hold no scores")),
    }
}

/// The metrics two runs are compared on: the one asked for, else the headline first (it
/// orders the "changed most" list) then recall and F of the table's default metrics.
#[cfg(feature = "cli")]
fn metrics_to_compare(
    path: &Path,
    results: &[UnitResult],
    metric: Option<&str>,
) -> Result<Vec<MetricPart>> {
    use super::significance::Part;
    let headline = chosen_metric(path, results, metric)?;
    if metric.is_some() {
        return Ok(vec![headline]);
    }
    let mut metrics: Vec<MetricPart> = super::default_metrics(&metric_names(results))
        .into_iter()
        .flat_map(|name| {
            [Part::R, Part::F].map(|part| MetricPart {
                metric: name.clone(),
                part,
            })
        })
        .collect();
    metrics.retain(|m| *m != headline);
    metrics.insert(0, headline);
    Ok(metrics)
}

/// `sumbench compare OLD.json NEW.json` as text: the change of every shared system and
/// metric between two runs (see [`compare_runs`] and [`render`]). Refused (exit 2) when
/// the runs used different ROUGE settings or share nothing to compare. `metric` picks
/// one metric (default: recall and F of the table's metrics); `seed` defaults to NEW's.
#[cfg(feature = "cli")]
pub fn compare_files(
    old_path: &Path,
    new_path: &Path,
    dataset: Option<&str>,
    metric: Option<&str>,
    resamples: u64,
    seed: Option<u64>,
    top: usize,
) -> Result<String> {
    check_resamples(resamples)?;
    let old = RunFile::read(old_path)?;
    let new = RunFile::read(new_path)?;
    let differ = rouge_differences(&old, &new);
    if !differ.is_empty() {
        return Err(Error::input(
            new_path,
            None,
            format!(
                "refusing to compare: the runs used different ROUGE settings, so their scores \
                 are not comparable:\n  {}",
                differ.join("\n  ")
            ),
        ));
    }
    let metrics = metrics_to_compare(new_path, &new.results, metric)?;
    let seed = seed_or_run_seed(seed, &new.config);
    let c = compare_runs(&old, &new, dataset, &metrics, resamples, seed, top)?;
    if c.changes.is_empty() {
        return Err(Error::input(
            new_path,
            None,
            format!(
                "nothing to compare: no system has results on the same dataset in both runs{}",
                c.notes
                    .iter()
                    .map(|n| format!("\n  {n}"))
                    .collect::<String>()
            ),
        ));
    }
    Ok(render(&old, &new, &c, resamples, seed))
}

/// An OLD and a NEW result of one system on one cluster.
type Pair<'a> = (&'a UnitResult, &'a UnitResult);

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
    let mut runs = RunComparer {
        old,
        new,
        index: old
            .results
            .iter()
            .map(|u| {
                (
                    (u.dataset.as_str(), u.system.as_str(), u.cluster.as_str()),
                    u,
                )
            })
            .collect(),
        metrics,
        resamples,
        seed,
        top,
        out: RunComparison::default(),
        untestable: Vec::new(),
    };
    for d in old_datasets.iter().filter(|d| !new_datasets.contains(d)) {
        runs.note(format!("dataset `{d}` is only in OLD"));
    }
    for d in new_datasets
        .iter()
        .filter(|d| dataset.is_none_or(|x| x == **d))
    {
        if old_datasets.contains(d) {
            runs.compare_dataset(d);
        } else {
            runs.note(format!("dataset `{d}` is only in NEW"));
        }
    }
    Ok(runs.finish())
}

/// A comparison of two runs under way: the runs, the test's settings and what it has
/// found so far.
struct RunComparer<'a> {
    old: &'a RunFile,
    new: &'a RunFile,
    /// OLD's results by (dataset, system, cluster).
    index: BTreeMap<(&'a str, &'a str, &'a str), &'a UnitResult>,
    metrics: &'a [MetricPart],
    resamples: u64,
    seed: u64,
    top: usize,
    out: RunComparison,
    /// Datasets with too few shared clusters for a test, with the number shared (the
    /// first system's), noted last.
    untestable: Vec<(String, usize)>,
}

impl<'a> RunComparer<'a> {
    fn note(&mut self, note: String) {
        self.out.notes.push(note);
    }

    /// The comparison, its notes on untestable datasets last.
    fn finish(mut self) -> RunComparison {
        for (d, n) in std::mem::take(&mut self.untestable) {
            self.note(format!("{d}: {}", untestable_reason(n)));
        }
        self.out
    }

    /// Compares every system dataset `d` has in both runs; notes those in only one.
    fn compare_dataset(&mut self, d: &'a str) {
        let systems_in = |run: &'a RunFile| {
            ordered(
                run.results
                    .iter()
                    .filter(|u| u.dataset == d)
                    .map(|u| u.system.as_str()),
            )
        };
        let (in_old, in_new) = (systems_in(self.old), systems_in(self.new));
        for s in in_old.iter().filter(|s| !in_new.contains(s)) {
            self.note(format!("{d}: system `{s}` is only in OLD"));
        }
        for s in in_new.iter().filter(|s| !in_old.contains(s)) {
            self.note(format!("{d}: system `{s}` is only in NEW"));
        }
        for s in in_new.iter().filter(|s| in_old.contains(s)) {
            self.compare_system(d, s);
        }
    }

    /// Compares system `s` on dataset `d` over the clusters both runs scored.
    fn compare_system(&mut self, d: &'a str, s: &'a str) {
        let pairs = self.shared_clusters(d, s);
        if pairs.is_empty() {
            return;
        }
        let n = pairs.len();
        if !testable(n, self.resamples) && !self.untestable.iter().any(|(x, _)| x == d) {
            self.untestable.push((d.to_string(), n));
        }
        for m in self.metrics {
            let change = self.change(d, s, &pairs, m);
            self.out.changes.push(change);
        }
        if let Some(m) = self.metrics.first() {
            let movers = movers(&pairs, m, self.top);
            self.out.movers.push((d.to_string(), s.to_string(), movers));
        }
    }

    /// The (OLD, NEW) results of system `s` on the clusters of `d` both runs have, in
    /// NEW's order; notes clusters in only one run and failures on shared ones.
    fn shared_clusters(&mut self, d: &'a str, s: &'a str) -> Vec<Pair<'a>> {
        let new = self.new;
        let pairs: Vec<Pair<'a>> = new
            .results
            .iter()
            .filter(|u| u.dataset == d && u.system == s)
            .filter_map(|u| self.index.get(&(d, s, u.cluster.as_str())).map(|o| (*o, u)))
            .collect();
        let count = |run: &RunFile| {
            run.results
                .iter()
                .filter(|u| u.dataset == d && u.system == s)
                .count()
        };
        let only_new = count(self.new) - pairs.len();
        let only_old = count(self.old) - pairs.len();
        if only_new + only_old > 0 {
            self.note(format!(
                "{d}/{s}: {} shared clusters compared; {only_old} only in OLD, {only_new} only in NEW",
                pairs.len()
            ));
        }
        let failed = |f: fn(&Pair) -> bool| pairs.iter().filter(|p| f(p)).count();
        let (fo, fnew) = (
            failed(|p| p.0.error.is_some()),
            failed(|p| p.1.error.is_some()),
        );
        if fo + fnew > 0 {
            self.note(format!(
                "{d}/{s}: failed on {fo} shared cluster(s) in OLD and {fnew} in NEW (scored zero)"
            ));
        }
        pairs
    }

    /// The change of system `s` on `d` in metric `m` over `pairs`, with its paired test
    /// when one is possible.
    fn change(&self, d: &str, s: &str, pairs: &[Pair], m: &MetricPart) -> Change {
        let xo: Vec<f64> = pairs.iter().map(|(o, _)| m.of(o)).collect();
        let xn: Vec<f64> = pairs.iter().map(|(_, u)| m.of(u)).collect();
        let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len() as f64;
        let n = pairs.len();
        Change {
            dataset: d.to_string(),
            system: s.to_string(),
            metric: m.to_string(),
            clusters: n,
            old: mean(&xo),
            new: mean(&xn),
            test: testable(n, self.resamples).then(|| compare(&xn, &xo, self.resamples, self.seed)),
        }
    }
}

/// The `top` clusters of `pairs` whose score on `m` changed most, largest absolute change
/// first (ties: cluster id).
fn movers(pairs: &[Pair], m: &MetricPart, top: usize) -> Vec<Mover> {
    let mut movers: Vec<Mover> = pairs
        .iter()
        .map(|(o, u)| Mover {
            cluster: u.cluster.clone(),
            old: m.of(o),
            new: m.of(u),
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
    movers
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
    for d in ordered(c.changes.iter().map(|x| x.dataset.as_str())) {
        let rows: Vec<&Change> = c.changes.iter().filter(|x| x.dataset == d).collect();
        let n = rows.first().map_or(0, |r| r.clusters);
        let metric = rows.first().map(|x| x.metric.clone()).unwrap_or_default();
        let table = changes_table(&rows);
        text.push_str(&format!("dataset {d} ({n} shared clusters)\n{table}\n\n"));
        text.push_str(&movers_text(c, d, &metric));
    }
    for note in &c.notes {
        text.push_str(&format!("note: {note}\n"));
    }
    text
}

/// One dataset's changes as a markdown table: system, metric, old, new, change, p and
/// the paired wins, ties and losses.
#[cfg(feature = "cli")]
fn changes_table(rows: &[&Change]) -> tabled::Table {
    use tabled::builder::Builder;
    use tabled::settings::Style;
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
    table
}

/// The "clusters that changed most" block of dataset `d` on `metric` (its first), or the
/// line saying none changed.
#[cfg(feature = "cli")]
fn movers_text(c: &RunComparison, d: &str, metric: &str) -> String {
    let movers: Vec<_> = c.movers.iter().filter(|(md, _, _)| md == d).collect();
    if !movers.iter().any(|(_, _, m)| !m.is_empty()) {
        return format!("no cluster changed on {metric}\n\n");
    }
    let mut text = format!("clusters that changed most ({metric}):\n");
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
    text
}

/// What a comparison of two systems of one run reads from its results file.
#[derive(Deserialize)]
struct ResultsView {
    run: String,
    #[serde(default)]
    config: serde_json::Value,
    results: Vec<UnitResult>,
}

/// `sumbench compare --run RUN A B` as text: the paired tests between systems `a` and
/// `b` of one results file on one dataset (the only one, or `dataset`) and metric (the
/// headline, or `metric`). `seed` defaults to the run's seed, so the p-value matches the
/// run table's.
pub fn compare_systems_of_run(
    run_path: &Path,
    a: &str,
    b: &str,
    dataset: Option<&str>,
    metric: Option<&str>,
    resamples: u64,
    seed: Option<u64>,
) -> Result<String> {
    let view: ResultsView = read_results(run_path)?;
    check_resamples(resamples)?;
    let dataset = dataset_of_run(run_path, &view.results, dataset)?;
    let metric = chosen_metric(run_path, &view.results, metric)?;
    let seed = seed_or_run_seed(seed, &view.config);
    let c = compare_systems(&view.results, &dataset, a, b, &metric, resamples, seed)?;
    let pair = SystemPair {
        run: &view.run,
        dataset: &dataset,
        a,
        b,
        metric: &metric,
        seed,
        c: &c,
    };
    Ok(if testable(c.clusters, resamples) {
        pair.text()
    } else {
        pair.untestable_text()
    })
}

/// The dataset asked for, else the run's only one; an error naming the run's datasets
/// when that is not one of them or the run has several.
fn dataset_of_run(
    run_path: &Path,
    results: &[UnitResult],
    dataset: Option<&str>,
) -> Result<String> {
    let datasets = ordered(results.iter().map(|u| u.dataset.as_str()));
    match (dataset, datasets.as_slice()) {
        (Some(d), _) if datasets.contains(&d) => Ok(d.to_owned()),
        (Some(d), _) => Err(Error::Usage(format!(
            "--dataset {d}: not in {}; datasets: {}",
            run_path.display(),
            datasets.join(", ")
        ))),
        (None, [one]) => Ok(one.to_string()),
        (None, []) => Err(Error::input(run_path, None, "no results in this file")),
        (None, many) => Err(Error::Usage(format!(
            "the run has several datasets; choose one with --dataset ({})",
            many.join(", ")
        ))),
    }
}

/// The paired comparison of systems A and B of one run, for printing.
struct SystemPair<'a> {
    run: &'a str,
    dataset: &'a str,
    a: &'a str,
    b: &'a str,
    metric: &'a MetricPart,
    seed: u64,
    c: &'a Comparison,
}

impl SystemPair<'_> {
    /// The report when a test is possible: means, difference and both tests' p-values.
    fn text(&self) -> String {
        let SystemPair {
            run,
            dataset,
            a,
            b,
            metric,
            seed,
            c,
        } = self;
        let (w, t, l) = c.wins_ties_losses;
        let perm = if c.permutation_exact {
            format!("exact, all {} sign patterns", c.permutation_samples)
        } else {
            format!("{} resamples", c.permutation_samples)
        };
        format!(
            "run {run}, dataset {dataset}, {} clusters, metric {metric}\n\
             A = {a}: mean over clusters {:.5}\n\
             B = {b}: mean over clusters {:.5}\n\
             mean difference A - B: {:+.5} (A higher on {w}, equal on {t}, lower on {l} clusters)\n\
             approximate randomisation (paired, two-sided): p = {:.4} ({perm})\n\
             paired bootstrap (two-sided): p = {:.4} ({} resamples)\n\
             seed {seed}\n\
             (plain means of the per-cluster scores; in rouge155 mode the run table prints\n\
             ROUGE-1.5.5's own average, the mean of its bootstrap samples, which can differ\n\
             in the 4th decimal)\n",
            c.clusters,
            c.mean_a,
            c.mean_b,
            c.mean_diff,
            c.permutation_p,
            c.bootstrap_p,
            c.bootstrap_samples,
        )
    }

    /// The report when too few clusters are shared for a test: means and difference,
    /// and why no p-value is printed.
    fn untestable_text(&self) -> String {
        let SystemPair {
            run,
            dataset,
            a,
            b,
            metric,
            c,
            ..
        } = self;
        let (w, t, l) = c.wins_ties_losses;
        format!(
            "run {run}, dataset {dataset}, {} cluster(s), metric {metric}\n\
             A = {a}: mean over clusters {:.5}\n\
             B = {b}: mean over clusters {:.5}\n\
             mean difference A - B: {:+.5} (A higher on {w}, equal on {t}, lower on {l} clusters)\n\
             {}; no p-value is printed\n",
            c.clusters,
            c.mean_a,
            c.mean_b,
            c.mean_diff,
            untestable_reason(c.clusters),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::significance::Part;
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

//! `sumbench check`: a quality gate comparing a run with a committed baseline.
//!
//! Every (dataset, system, metric) of the run is compared with the baseline on two parts
//! of the metric, recall and F ([`GATED_PARTS`]): recall because it is the DUC/TAC
//! headline under a fixed length budget, F because it is what rouge-score-era papers
//! report; precision is largely fixed by recall and the budget, and gating it too would
//! only add tests (and false alarms at a 5% level) without adding information. The
//! baseline still stores all three parts.
//!
//! A score **regresses** when its average over clusters drops by more than the tolerance
//! *and* the drop is significant over clusters: a paired approximate randomisation test
//! of the baseline's against the current per-cluster scores, p < alpha. With too few
//! paired clusters for that test to ever reach alpha (fewer than [`MIN_CLUSTERS`], or an
//! exact test whose smallest p-value, `2 / 2^n`, is not below alpha) the tolerance alone
//! decides, and the report says so. Improvements follow the same rule upwards and are
//! reported, never a failure. A system or cluster missing from the run, or a system that
//! newly fails on a cluster, fails the gate too; new ones are notes.
//!
//! Averages are plain means of the per-cluster scores (what the paired test compares),
//! so in rouge155 mode they can differ in the 4th decimal from the run table, which
//! prints ROUGE-1.5.5's bootstrap mean.
pub mod baseline;
#[cfg(feature = "cli")]
pub(crate) mod render;

use crate::report::significance::Part;
use crate::rouge::Prf;
use crate::stats::significance::compare;
use baseline::{Baseline, BaselineUnit};
use std::collections::BTreeMap;

/// The metric parts the gate compares (see the module documentation for why).
pub const GATED_PARTS: [Part; 2] = [Part::R, Part::F];

/// Fewest paired clusters for which the significance test is used at all.
pub const MIN_CLUSTERS: usize = 5;

/// Significance level unless configured.
pub const DEFAULT_ALPHA: f64 = 0.05;

/// Clusters whose summary diff is printed per system; the rest are only listed.
pub const DIFFS_SHOWN: usize = 3;

/// How strict a check is.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// `--tolerance`: replaces the baseline's default tolerance.
    pub tolerance: Option<f64>,
    /// Significance level of the paired test.
    pub alpha: f64,
    /// Resamples of the paired test (exact enumeration when `2^n` fits).
    pub resamples: u64,
}

/// The verdict on one score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Dropped beyond the tolerance, significantly (or with too few clusters to test).
    Regressed,
    /// Rose beyond the tolerance, significantly (or with too few clusters to test).
    Improved,
    /// Within the tolerance.
    Unchanged,
    /// Moved beyond the tolerance, but not significantly: treated as unchanged.
    NotSignificant,
}

impl Verdict {
    /// The word printed in the report.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Regressed => "REGRESSED",
            Verdict::Improved => "improved",
            Verdict::Unchanged => "unchanged",
            Verdict::NotSignificant => "unchanged (not significant)",
        }
    }
}

/// One (system, metric part) of one dataset.
#[derive(Debug, Clone)]
pub struct Row {
    /// System name.
    pub system: String,
    /// Metric and part, e.g. `ROUGE-2:r`.
    pub metric: String,
    /// Baseline mean over the paired clusters.
    pub baseline: f64,
    /// Current mean over the paired clusters.
    pub current: f64,
    /// The tolerance applied.
    pub tolerance: f64,
    /// p-value of the paired test, when it was used.
    pub p: Option<f64>,
    /// The verdict.
    pub verdict: Verdict,
}

/// One system's clusters whose summary text changed.
#[derive(Debug, Clone)]
pub struct ChangedSummaries {
    /// System name.
    pub system: String,
    /// Cluster ids, in baseline order.
    pub clusters: Vec<String>,
    /// Line diffs of the first [`DIFFS_SHOWN`] clusters: (cluster, `-`/`+` lines).
    pub diffs: Vec<(String, Vec<String>)>,
}

/// The comparison of one dataset.
#[derive(Debug, Clone)]
pub struct DatasetCheck {
    /// Dataset name.
    pub name: String,
    /// Paired clusters (the most any system had).
    pub clusters: usize,
    /// Set when some rows were judged on the tolerance alone: the reason.
    pub tolerance_only: Option<String>,
    /// Every gated score.
    pub rows: Vec<Row>,
    /// Changed summaries per system.
    pub changed: Vec<ChangedSummaries>,
}

/// The outcome of a check.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// Informational notes (version difference, new systems or clusters).
    pub notes: Vec<String>,
    /// Per dataset, in baseline order.
    pub datasets: Vec<DatasetCheck>,
    /// What fails the gate: regressions, missing systems or clusters, new failures.
    pub failures: Vec<String>,
}

/// Units keyed by (dataset, system, cluster), plus the key order of the file.
struct Index<'a> {
    map: BTreeMap<(&'a str, &'a str, &'a str), &'a BaselineUnit>,
    order: Vec<(&'a str, &'a str, &'a str)>,
}

impl<'a> Index<'a> {
    fn new(units: &'a [BaselineUnit]) -> Self {
        let order: Vec<_> = units
            .iter()
            .map(|u| (u.dataset.as_str(), u.system.as_str(), u.cluster.as_str()))
            .collect();
        let map = order.iter().copied().zip(units).collect();
        Index { map, order }
    }

    /// Distinct datasets, in file order.
    fn datasets(&self) -> Vec<&'a str> {
        first_seen(self.order.iter().map(|k| k.0))
    }

    /// Distinct systems of `dataset`, in file order.
    fn systems(&self, dataset: &str) -> Vec<&'a str> {
        first_seen(self.order.iter().filter(|k| k.0 == dataset).map(|k| k.1))
    }

    /// Clusters of (`dataset`, `system`), in file order.
    fn clusters(&self, dataset: &str, system: &str) -> Vec<&'a str> {
        first_seen(
            self.order
                .iter()
                .filter(|k| k.0 == dataset && k.1 == system)
                .map(|k| k.2),
        )
    }
}

fn first_seen<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = Vec::new();
    for i in items {
        if !seen.contains(&i) {
            seen.push(i);
        }
    }
    seen
}

/// What differs between how the baseline and the run were produced such that their
/// scores cannot be compared; empty when they can.
pub fn incompatibilities(base: &Baseline, cur: &Baseline) -> Vec<String> {
    let mut out = Vec::new();
    if base.rouge != cur.rouge {
        out.push(format!(
            "ROUGE settings differ: baseline `{}`, current `{}`",
            base.rouge, cur.rouge
        ));
    }
    let (b, c) = (&base.config_digest, &cur.config_digest);
    for (name, x, y) in [
        ("budget", &b.budget, &c.budget),
        ("text", &b.text, &c.text),
        ("rouge", &b.rouge, &c.rouge),
    ] {
        if x != y {
            out.push(format!("config section `{name}` differs"));
        }
    }
    if b.seed != c.seed {
        out.push(format!(
            "config section `seed` differs: baseline {}, current {}",
            base.seed, cur.seed
        ));
    }
    for (section, xs, ys) in [
        ("datasets", &b.datasets, &c.datasets),
        ("summarizers", &b.summarizers, &c.summarizers),
    ] {
        for (name, x) in xs {
            if ys.get(name).is_some_and(|y| y != x) {
                out.push(format!(
                    "config section `{section}`: entry `{name}` differs"
                ));
            }
        }
    }
    out
}

/// Compares the current run with the baseline (both as baselines; see
/// [`Baseline::from_run`]). Call [`incompatibilities`] first.
pub fn check(base: &Baseline, cur: &Baseline, options: &CheckOptions) -> CheckReport {
    let (bi, ci) = (Index::new(&base.units), Index::new(&cur.units));
    let mut report = CheckReport::default();
    if base.sumbench_version != cur.sumbench_version {
        report.notes.push(format!(
            "baseline made by sumbench {}, this is {}: compared anyway, a version change is \
             what the gate is for",
            base.sumbench_version, cur.sumbench_version
        ));
    }
    note_new(&bi, &ci, &mut report.notes);
    for dataset in bi.datasets() {
        if ci.systems(dataset).is_empty() {
            report
                .failures
                .push(format!("dataset `{dataset}` is missing from the run"));
            continue;
        }
        let d = check_dataset(base, &bi, &ci, dataset, options, &mut report.failures);
        report.datasets.push(d);
    }
    report
}

/// Notes datasets, systems and clusters the run has and the baseline lacks.
fn note_new(bi: &Index, ci: &Index, notes: &mut Vec<String>) {
    for dataset in ci.datasets() {
        let base_systems = bi.systems(dataset);
        if base_systems.is_empty() {
            notes.push(format!("new dataset `{dataset}`: not in the baseline"));
            continue;
        }
        for system in ci.systems(dataset) {
            if !base_systems.contains(&system) {
                notes.push(format!(
                    "new system `{system}` on `{dataset}`: not in the baseline"
                ));
                continue;
            }
            let base_clusters = bi.clusters(dataset, system);
            let new: Vec<&str> = ci
                .clusters(dataset, system)
                .into_iter()
                .filter(|c| !base_clusters.contains(c))
                .collect();
            if !new.is_empty() {
                notes.push(format!(
                    "{dataset}/{system}: {} new cluster(s) not in the baseline, not compared: {}",
                    new.len(),
                    new.join(", ")
                ));
            }
        }
    }
}

/// The paired units of one system: (baseline, current) per cluster both have.
type Pairs<'a> = Vec<(&'a BaselineUnit, &'a BaselineUnit)>;

fn pair_units<'a>(
    bi: &Index<'a>,
    ci: &Index<'a>,
    dataset: &str,
    system: &str,
    failures: &mut Vec<String>,
) -> Pairs<'a> {
    let mut pairs = Vec::new();
    let mut missing = Vec::new();
    for cluster in bi.clusters(dataset, system) {
        let b = bi.map[&(dataset, system, cluster)];
        match ci.map.get(&(dataset, system, cluster)) {
            Some(c) => pairs.push((b, *c)),
            None => missing.push(cluster),
        }
    }
    if !missing.is_empty() {
        failures.push(format!(
            "{dataset}/{system}: {} cluster(s) missing from the run: {}",
            missing.len(),
            missing.join(", ")
        ));
    }
    for (b, c) in &pairs {
        if let (None, Some(e)) = (&b.error, &c.error) {
            let first = e.lines().next().unwrap_or_default();
            failures.push(format!(
                "{dataset}/{system} now fails on cluster {}: {first}",
                c.cluster
            ));
        }
    }
    pairs
}

fn check_dataset(
    base: &Baseline,
    bi: &Index,
    ci: &Index,
    dataset: &str,
    options: &CheckOptions,
    failures: &mut Vec<String>,
) -> DatasetCheck {
    let mut d = DatasetCheck {
        name: dataset.to_owned(),
        clusters: 0,
        tolerance_only: None,
        rows: Vec::new(),
        changed: Vec::new(),
    };
    let present = ci.systems(dataset);
    for system in bi.systems(dataset) {
        if !present.contains(&system) {
            failures.push(format!(
                "system `{system}` is missing from `{dataset}` in the run"
            ));
            continue;
        }
        let pairs = pair_units(bi, ci, dataset, system, failures);
        d.clusters = d.clusters.max(pairs.len());
        if !test_usable(pairs.len(), options) {
            d.tolerance_only = Some(tolerance_only_reason(pairs.len(), options));
        }
        for row in score_rows(base, system, &pairs, options) {
            if row.verdict == Verdict::Regressed {
                failures.push(format!(
                    "{dataset}/{system} {} regressed: {:.5} -> {:.5} ({:+.5}{})",
                    row.metric,
                    row.baseline,
                    row.current,
                    row.current - row.baseline,
                    row.p.map(|p| format!(", p = {p:.4}")).unwrap_or_default()
                ));
            }
            d.rows.push(row);
        }
        if let Some(c) = changed_summaries(system, &pairs) {
            d.changed.push(c);
        }
    }
    d
}

/// The smallest p-value the paired test can return with `n` clusters: `2 / 2^n` when
/// every sign pattern is enumerated, else `1 / (R + 1)`.
pub fn smallest_p(n: usize, resamples: u64) -> f64 {
    if n < 64 && (1u64 << n) <= resamples {
        2.0 / (1u64 << n) as f64
    } else {
        1.0 / (resamples + 1) as f64
    }
}

/// Whether the paired test can decide with `n` paired clusters.
pub fn test_usable(n: usize, options: &CheckOptions) -> bool {
    n >= MIN_CLUSTERS && smallest_p(n, options.resamples) < options.alpha
}

fn tolerance_only_reason(n: usize, options: &CheckOptions) -> String {
    format!(
        "only {n} paired cluster(s): the paired test needs at least {MIN_CLUSTERS} and a \
         smallest possible p ({:.4} with {n}) below alpha {}, so changes are judged on the \
         tolerance alone",
        smallest_p(n, options.resamples),
        options.alpha
    )
}

fn part_of(part: Part, s: &Prf) -> f64 {
    match part {
        Part::P => s.p,
        Part::R => s.r,
        Part::F => s.f,
    }
}

fn part_name(part: Part) -> &'static str {
    match part {
        Part::P => "p",
        Part::R => "r",
        Part::F => "f",
    }
}

fn score_rows(base: &Baseline, system: &str, pairs: &Pairs, options: &CheckOptions) -> Vec<Row> {
    let Some((first, _)) = pairs.first() else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for metric in first.scores.keys() {
        for part in GATED_PARTS {
            let value = |u: &BaselineUnit| u.scores.get(metric).map_or(0.0, |s| part_of(part, s));
            let b: Vec<f64> = pairs.iter().map(|(x, _)| value(x)).collect();
            let c: Vec<f64> = pairs.iter().map(|(_, y)| value(y)).collect();
            let tolerance =
                base.tolerance
                    .lookup(system, metric, part_name(part), options.tolerance);
            let mut row = judge(&b, &c, tolerance, base.seed, options);
            row.system = system.to_owned();
            row.metric = format!("{metric}:{}", part_name(part));
            rows.push(row);
        }
    }
    rows
}

/// Judges paired per-cluster scores `b` (baseline) and `c` (current); `system` and
/// `metric` of the returned row are left empty for the caller.
pub fn judge(b: &[f64], c: &[f64], tolerance: f64, seed: u64, options: &CheckOptions) -> Row {
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let (baseline, current) = (mean(b), mean(c));
    let change = current - baseline;
    let usable = test_usable(b.len(), options);
    let p = usable.then(|| compare(c, b, options.resamples, seed).permutation_p);
    // Means of identical numbers summed in one order are identical; the slack only
    // absorbs a tolerance written as e.g. 0.1 - 0.095.
    let beyond = change.abs() > tolerance + 1e-12;
    let verdict = match (beyond, p) {
        (false, _) => Verdict::Unchanged,
        (true, Some(p)) if p >= options.alpha => Verdict::NotSignificant,
        (true, _) if change < 0.0 => Verdict::Regressed,
        (true, _) => Verdict::Improved,
    };
    Row {
        system: String::new(),
        metric: String::new(),
        baseline,
        current,
        tolerance,
        p,
        verdict,
    }
}

/// Longest diff line printed, in characters.
const DIFF_WIDTH: usize = 100;

/// The line diff of two summaries: baseline sentences the current summary lacks (`- `),
/// then current sentences the baseline lacked (`+ `), each truncated.
pub fn line_diff(base: &str, cur: &str) -> Vec<String> {
    let (b, c): (Vec<&str>, Vec<&str>) = (base.lines().collect(), cur.lines().collect());
    let cut = |s: &str| match s.char_indices().nth(DIFF_WIDTH) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    };
    let removed = b
        .iter()
        .filter(|l| !c.contains(l))
        .map(|l| format!("- {}", cut(l)));
    let added = c
        .iter()
        .filter(|l| !b.contains(l))
        .map(|l| format!("+ {}", cut(l)));
    let mut out: Vec<String> = removed.chain(added).collect();
    if out.is_empty() {
        // Same sentences, other order or whitespace.
        out.push("~ same sentences, in another order or spacing".into());
    }
    out
}

fn changed_summaries(system: &str, pairs: &Pairs) -> Option<ChangedSummaries> {
    let changed: Vec<(&BaselineUnit, &BaselineUnit)> = pairs
        .iter()
        .filter(|(b, c)| b.summary != c.summary)
        .copied()
        .collect();
    if changed.is_empty() {
        return None;
    }
    Some(ChangedSummaries {
        system: system.to_owned(),
        clusters: changed.iter().map(|(b, _)| b.cluster.clone()).collect(),
        diffs: changed
            .iter()
            .take(DIFFS_SHOWN)
            .map(|(b, c)| (b.cluster.clone(), line_diff(&b.summary, &c.summary)))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTS: CheckOptions = CheckOptions {
        tolerance: None,
        alpha: 0.05,
        resamples: 10_000,
    };

    #[test]
    fn smallest_p_and_usability() {
        // 2^5 = 32 patterns: smallest exact p 2/32 = 0.0625, not below 0.05.
        assert_eq!(smallest_p(5, 10_000), 0.0625);
        assert!(!test_usable(5, &OPTS));
        // 2^6: 2/64 = 0.03125 < 0.05.
        assert!(test_usable(6, &OPTS));
        assert!(!test_usable(4, &CheckOptions { alpha: 0.5, ..OPTS }));
        // 2^20 > resamples: randomised, smallest p 1/(R + 1).
        assert_eq!(smallest_p(20, 999), 0.001);
    }

    #[test]
    fn drop_beyond_tolerance_on_every_cluster_regresses() {
        let b = [0.30, 0.32, 0.28, 0.35, 0.31, 0.29, 0.33, 0.30];
        let c: Vec<f64> = b.iter().map(|x| x - 0.02).collect();
        let row = judge(&b, &c, 0.005, 1, &OPTS);
        assert_eq!(row.verdict, Verdict::Regressed);
        // All 8 differences share one sign: exact p = 2/2^8.
        assert_eq!(row.p, Some(2.0 / 256.0));
    }

    #[test]
    fn drop_carried_by_one_cluster_is_not_significant() {
        let b = [0.30, 0.32, 0.28, 0.35, 0.31, 0.29, 0.33, 0.30];
        let mut c = b;
        c[0] -= 0.2;
        let row = judge(&b, &c, 0.005, 1, &OPTS);
        // One non-zero difference: half the sign patterns reach it, p = 1.
        assert_eq!(row.p, Some(1.0));
        assert_eq!(row.verdict, Verdict::NotSignificant);
    }

    #[test]
    fn single_cluster_uses_tolerance_alone() {
        let row = judge(&[0.30], &[0.29], 0.005, 1, &OPTS);
        assert_eq!((row.verdict, row.p), (Verdict::Regressed, None));
        let row = judge(&[0.30], &[0.297], 0.005, 1, &OPTS);
        assert_eq!(row.verdict, Verdict::Unchanged);
        let row = judge(&[0.30], &[0.31], 0.005, 1, &OPTS);
        assert_eq!(row.verdict, Verdict::Improved);
    }

    #[test]
    fn diff_lists_removed_then_added_sentences() {
        let d = line_diff("A one.\nB two.\nC three.", "A one.\nD four.\nC three.");
        assert_eq!(d, vec!["- B two.", "+ D four."]);
        let long = "x".repeat(150);
        let d = line_diff(&long, "");
        assert_eq!(d, vec![format!("- {}…", "x".repeat(100))]);
    }
}

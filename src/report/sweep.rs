//! The terminal/markdown summary of a run's parameter sweeps: per dataset and sweep, one
//! row per expanded system with its swept values and the headline metric, in the order
//! the sweep expanded (the data a metric-versus-parameter chart draws; `config::sweep`).
use super::significance::MetricPart;
use super::{first_seen, RunResults, SystemInfo};
use tabled::builder::Builder;
use tabled::settings::Style;

/// One table per (dataset, sweep base); empty when the run swept nothing.
pub fn render(results: &RunResults) -> String {
    let bases = first_seen(
        results
            .systems
            .iter()
            .filter_map(|s| s.sweep.as_ref().map(|p| p.base.as_str())),
    );
    if bases.is_empty() {
        return String::new();
    }
    let names: Vec<String> = results
        .averages
        .first()
        .map(|a| a.scores.iter().map(|s| s.metric.clone()).collect())
        .unwrap_or_default();
    let Some(metric) = MetricPart::headline(&names) else {
        return String::new();
    };
    let mut out = String::new();
    for d in first_seen(results.averages.iter().map(|a| a.dataset.as_str())) {
        for base in &bases {
            out.push_str(&sweep_table(results, d, base, &metric));
        }
    }
    out
}

/// The table of sweep `base` on dataset `d`: the swept values, `metric`'s mean and 95%
/// interval, and the expanded system's name, one row per point.
fn sweep_table(results: &RunResults, d: &str, base: &str, metric: &MetricPart) -> String {
    let points: Vec<_> = results
        .systems
        .iter()
        .filter_map(|s| s.sweep.as_ref().filter(|p| p.base == base).map(|p| (s, p)))
        .collect();
    let keys: Vec<&String> = points[0].1.values.keys().collect();
    let mut b = Builder::default();
    let mut header: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    header.extend([
        format!("{metric} mean"),
        "95% interval".into(),
        "system".into(),
    ]);
    b.push_record(header);
    for (s, p) in &points {
        let mut row: Vec<String> = keys
            .iter()
            .map(|k| p.values.get(*k).map(|v| v.to_string()).unwrap_or_default())
            .collect();
        row.extend(score_cells(results, d, s, metric));
        row.push(s.name.clone());
        b.push_record(row);
    }
    let mut table = b.build();
    table.with(Style::markdown());
    format!(
        "sweep {base} on {d} ({} systems; choose on one dataset, report the choice on another: docs/sweeps.md)\n{table}\n\n",
        points.len()
    )
}

/// System `s`'s mean of `metric` on dataset `d` and its 95% interval, `-` for what is
/// missing.
fn score_cells(results: &RunResults, d: &str, s: &SystemInfo, metric: &MetricPart) -> [String; 2] {
    let agg = results
        .averages
        .iter()
        .find(|a| a.dataset == d && a.system == s.name)
        .and_then(|a| a.scores.iter().find(|x| x.metric == metric.metric));
    let part = |p: &crate::rouge::Prf| metric.part.of(p);
    match agg {
        Some(a) => [
            format!("{:.5}", part(&a.mean)),
            match (&a.low, &a.high) {
                (Some(l), Some(h)) => format!("[{:.5}, {:.5}]", part(l), part(h)),
                _ => "-".into(),
            },
        ],
        None => ["-".to_string(), "-".to_string()],
    }
}

//! The terminal/markdown summary of a run's parameter sweeps: per dataset and sweep, one
//! row per expanded system with its swept values and the headline metric, in the order
//! the sweep expanded (the data a metric-versus-parameter chart draws; `config::sweep`).
use super::significance::{MetricPart, Part};
use super::RunResults;
use tabled::builder::Builder;
use tabled::settings::Style;

/// One table per (dataset, sweep base); empty when the run swept nothing.
pub fn render(results: &RunResults) -> String {
    let mut bases: Vec<&str> = Vec::new();
    for s in &results.systems {
        if let Some(p) = &s.sweep {
            if !bases.contains(&p.base.as_str()) {
                bases.push(&p.base);
            }
        }
    }
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
    let mut datasets: Vec<&str> = Vec::new();
    for a in &results.averages {
        if !datasets.contains(&a.dataset.as_str()) {
            datasets.push(&a.dataset);
        }
    }
    let mut out = String::new();
    for d in datasets {
        for base in &bases {
            let points: Vec<_> = results
                .systems
                .iter()
                .filter_map(|s| s.sweep.as_ref().filter(|p| p.base == *base).map(|p| (s, p)))
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
                let agg = results
                    .averages
                    .iter()
                    .find(|a| a.dataset == d && a.system == s.name)
                    .and_then(|a| a.scores.iter().find(|x| x.metric == metric.metric));
                let part = |p: &crate::rouge::Prf| match metric.part {
                    Part::P => p.p,
                    Part::R => p.r,
                    Part::F => p.f,
                };
                match agg {
                    Some(a) => {
                        row.push(format!("{:.5}", part(&a.mean)));
                        row.push(match (&a.low, &a.high) {
                            (Some(l), Some(h)) => format!("[{:.5}, {:.5}]", part(l), part(h)),
                            _ => "-".into(),
                        });
                    }
                    None => row.extend(["-".to_string(), "-".to_string()]),
                }
                row.push(s.name.clone());
                b.push_record(row);
            }
            let mut table = b.build();
            table.with(Style::markdown());
            out.push_str(&format!(
                "sweep {base} on {d} ({} systems; choose on one dataset, report the choice on another: docs/sweeps.md)\n{table}\n\n",
                points.len()
            ));
        }
    }
    out
}

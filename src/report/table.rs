//! The comparison table printed after a run.
use super::{RunResults, RunTimings};
use tabled::builder::Builder;
use tabled::settings::Style;

pub use super::default_metrics;

/// Renders one table per dataset: system × metric R/P/F, the p-value of each system
/// against the best non-oracle system (paired approximate randomisation on the headline
/// metric, when computed), mean time, failures.
pub fn render(results: &RunResults, timings: &RunTimings, metrics: &[String]) -> String {
    let mut out = String::new();
    let mut datasets: Vec<&str> = Vec::new();
    for a in &results.averages {
        if !datasets.contains(&a.dataset.as_str()) {
            datasets.push(&a.dataset);
        }
    }
    for dataset in datasets {
        let mut b = Builder::default();
        let mut header = vec!["system".to_string()];
        for m in metrics {
            for part in ["R", "P", "F"] {
                header.push(format!("{m} {part}"));
            }
        }
        let sig_metric = results
            .averages
            .iter()
            .filter(|a| a.dataset == dataset)
            .find_map(|a| a.significance.as_ref().map(|s| s.metric.clone()));
        if let Some(m) = &sig_metric {
            header.push(format!("p vs best ({m})"));
        }
        header.push("ms/cluster".into());
        header.push("failed".into());
        b.push_record(header);
        let mut clusters = 0;
        for a in results.averages.iter().filter(|a| a.dataset == dataset) {
            clusters = a.clusters;
            let mut row = vec![if a.oracle {
                format!("{} (oracle)", a.system)
            } else {
                a.system.clone()
            }];
            for m in metrics {
                match a.scores.iter().find(|s| &s.metric == m) {
                    Some(s) => {
                        row.push(format!("{:.5}", s.mean.r));
                        row.push(format!("{:.5}", s.mean.p));
                        row.push(format!("{:.5}", s.mean.f));
                    }
                    None => row.extend(["-".to_string(), "-".into(), "-".into()]),
                }
            }
            if sig_metric.is_some() {
                row.push(match &a.significance {
                    Some(s) => format!("{:.4}", s.p_value),
                    None if !a.oracle => "best".into(),
                    None => "-".into(),
                });
            }
            let ms = timings
                .systems
                .iter()
                .find(|t| t.dataset == dataset && t.system == a.system)
                .map(|t| t.mean_ms);
            row.push(ms.map(|m| format!("{m:.2}")).unwrap_or_default());
            row.push(if a.failures > 0 {
                format!("{}/{}", a.failures, a.clusters)
            } else {
                "0".into()
            });
            b.push_record(row);
        }
        let mut table = b.build();
        table.with(Style::markdown());
        out.push_str(&format!(
            "dataset {dataset} ({clusters} clusters) — {}\n{table}\n\n",
            results.rouge
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::default_metrics;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headline_metrics_per_mode() {
        let all155 = names(&["ROUGE-1", "ROUGE-2", "ROUGE-3", "ROUGE-L", "ROUGE-SU4"]);
        assert_eq!(
            default_metrics(&all155),
            names(&["ROUGE-1", "ROUGE-2", "ROUGE-L"])
        );
        let no_l = names(&["ROUGE-1", "ROUGE-2", "ROUGE-SU4"]);
        assert_eq!(default_metrics(&no_l), no_l);
        let rs = names(&["rouge1", "rouge2", "rougeL", "rougeLsum"]);
        assert_eq!(
            default_metrics(&rs),
            names(&["rouge1", "rouge2", "rougeLsum"])
        );
    }
}

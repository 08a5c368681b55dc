//! The text a check prints: notes, one table per dataset, changed summaries, verdict.
use super::{CheckReport, DatasetCheck, Verdict};
use tabled::builder::Builder;
use tabled::settings::Style;

/// Renders a check report for the terminal and CI logs.
pub fn render(report: &CheckReport) -> String {
    let mut out = String::new();
    for note in &report.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    for d in &report.datasets {
        out.push_str(&dataset(d));
    }
    out.push_str(&summary_line(report));
    out
}

fn dataset(d: &DatasetCheck) -> String {
    let mut out = format!("\ndataset {} ({} paired clusters)\n", d.name, d.clusters);
    if let Some(reason) = &d.tolerance_only {
        out.push_str(&format!("tolerance only: {reason}\n"));
    }
    out.push_str(&table(d));
    out.push('\n');
    out.push_str(&changed(d));
    out
}

fn table(d: &DatasetCheck) -> String {
    let mut b = Builder::default();
    b.push_record([
        "system",
        "metric",
        "baseline",
        "current",
        "change",
        "tolerance",
        "p",
        "verdict",
    ]);
    for r in &d.rows {
        b.push_record([
            r.system.clone(),
            r.metric.clone(),
            format!("{:.5}", r.baseline),
            format!("{:.5}", r.current),
            format!("{:+.5}", r.current - r.baseline),
            format!("{}", r.tolerance),
            r.p.map_or_else(|| "-".into(), |p| format!("{p:.4}")),
            r.verdict.word().into(),
        ]);
    }
    let mut t = b.build();
    t.with(Style::markdown());
    format!("{t}\n")
}

fn changed(d: &DatasetCheck) -> String {
    if d.changed.is_empty() {
        return "changed summaries: none\n".into();
    }
    let mut out = String::from("changed summaries:\n");
    for c in &d.changed {
        out.push_str(&format!(
            "  {}: {} cluster(s): {}\n",
            c.system,
            c.clusters.len(),
            c.clusters.join(", ")
        ));
        for (cluster, lines) in &c.diffs {
            out.push_str(&format!("    {cluster}:\n"));
            for l in lines {
                out.push_str(&format!("      {l}\n"));
            }
        }
    }
    out
}

fn summary_line(report: &CheckReport) -> String {
    let count = |v: Verdict| {
        report
            .datasets
            .iter()
            .flat_map(|d| &d.rows)
            .filter(|r| r.verdict == v)
            .count()
    };
    let mut out = format!(
        "\n{} regressed, {} improved, {} unchanged ({} of them beyond tolerance but not significant)\n",
        count(Verdict::Regressed),
        count(Verdict::Improved),
        count(Verdict::Unchanged) + count(Verdict::NotSignificant),
        count(Verdict::NotSignificant),
    );
    if report.failures.is_empty() {
        out.push_str("check passed\n");
    } else {
        out.push_str("check FAILED:\n");
        for f in &report.failures {
            out.push_str(&format!("  {f}\n"));
        }
    }
    out
}

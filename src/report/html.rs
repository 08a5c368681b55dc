//! The HTML report (`sumbench run --export-html FILE`): one self-contained file, readable
//! with JavaScript off and without a network.
//!
//! This module gathers what the page shows into plain view structs (settings, charts as
//! SVG from [`super::chart`], a line chart per parameter sweep, the significance matrix,
//! the per-cluster drill-down) and `templates/report.html` lays them out. Every text,
//! article sentences included, goes through the template engine's HTML escaping; only
//! the charts' own template output is inserted unescaped. The markup is well-formed XML
//! too (void elements closed), so a strict parser can check it (tests/exports.rs).
//!
//! Everything but the timings comes from the deterministic results document, so a
//! report can be made again from a results file; the quality-versus-cost chart needs the
//! run's timings, which differ from run to run.
use super::chart::{BarChart, BarValue, Kind, LineChart, Scatter, ScatterValue, Series};
use super::export::Report;
use super::significance::{self, MetricPart, Part};
use super::{first_seen, ClusterStats, UnitResult};
use crate::text::stopwords::Stopwords;
use crate::{Error, Result};
use askama::Template;
use std::collections::{BTreeMap, HashSet};

/// Clusters shown in the drill-down per dataset: past this, the page would be too long
/// to open (Multi-News has 5,622); the report says how many were left out.
pub const DRILLDOWN_MAX_CLUSTERS: usize = 100;

/// The significance level the matrix colours by.
const ALPHA: f64 = 0.05;

/// System kinds drawn as baselines rather than as systems under evaluation.
const BASELINE_KINDS: [&str; 2] = ["lead", "random"];

/// The whole page.
#[derive(Template)]
#[template(path = "report.html")]
struct Page {
    run: String,
    settings: Vec<(String, String)>,
    config_yaml: String,
    datasets: Vec<DatasetView>,
}

/// One dataset's part of the page.
struct DatasetView {
    name: String,
    anchor: String,
    clusters: usize,
    headline: String,
    metrics: Vec<String>,
    averages: Vec<AverageRow>,
    bar_charts: Vec<String>,
    scatter: Option<String>,
    /// One line chart per parameter sweep (headline metric against the swept value).
    sweep_charts: Vec<String>,
    /// Sweeps not charted, each with the reason.
    sweep_notes: Vec<String>,
    matrix: Matrix,
    drilldown: Vec<ClusterView>,
    left_out: usize,
}

/// One row of the averages table.
struct AverageRow {
    name: String,
    kind: &'static str,
    cells: Vec<String>,
    p_vs_best: String,
    ms: String,
    failed: String,
}

/// The paired test between every two systems on the headline metric.
struct Matrix {
    systems: Vec<String>,
    /// Row by row: (text, class, tooltip).
    rows: Vec<Vec<(String, &'static str, String)>>,
    resamples: u64,
    seed: u64,
}

/// One cluster of the drill-down.
struct ClusterView {
    id: String,
    anchor: String,
    references: Vec<(String, Vec<Segment>)>,
    summaries: Vec<SummaryView>,
    /// (document, line, rule, text).
    dropped: Vec<(String, usize, String, String)>,
    docs: usize,
}

/// One system's summary on one cluster.
struct SummaryView {
    system: String,
    kind: &'static str,
    score: String,
    error: Option<String>,
    /// (source document, segments).
    sentences: Vec<(String, Vec<Segment>)>,
}

/// A run of summary text: a word shared with the references as part of a bigram
/// (`bigram`), as a content word alone (`unigram`), or anything else (`""`).
struct Segment {
    text: String,
    class: &'static str,
}

/// Renders the report of `report`.
pub fn render(report: &Report) -> Result<String> {
    let r = report.results;
    let metrics = report.metrics();
    // Every metric the averages hold (unit results of an unscored dataset hold none).
    let available: Vec<String> = first_seen(
        r.averages
            .iter()
            .flat_map(|a| &a.scores)
            .map(|s| s.metric.as_str()),
    )
    .into_iter()
    .map(String::from)
    .collect();
    let headline = headline_metric(report, &available);
    let resamples = r
        .config
        .pointer("/report/resamples")
        .and_then(serde_json::Value::as_u64)
        .filter(|&n| n > 0)
        .unwrap_or(significance::DEFAULT_RESAMPLES);
    let seed = r
        .config
        .get("seed")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    let stopwords = r
        .config
        .pointer("/text/language")
        .and_then(|l| serde_json::from_value(l.clone()).ok())
        .map(Stopwords::for_language)
        .unwrap_or_else(Stopwords::english);
    let cx = DatasetContext {
        metrics: &metrics,
        headline: headline.as_ref(),
        resamples,
        seed,
        stopwords: &stopwords,
    };
    let datasets = report
        .datasets()
        .into_iter()
        .map(|d| dataset_view(report, d, &cx))
        .collect::<Result<Vec<_>>>()?;
    let page = Page {
        run: r.run.clone(),
        settings: settings(report, headline.as_ref(), resamples),
        config_yaml: serde_yaml::to_string(&r.config).unwrap_or_default(),
        datasets,
    };
    page.render()
        .map_err(|e| Error::Usage(format!("--export-html: rendering failed: {e}")))
}

/// The metric the matrix, the scatter and the significance column use: the run's
/// (`report.headline`), else ROUGE-2 recall.
fn headline_metric(report: &Report, available: &[String]) -> Option<MetricPart> {
    let spec = report
        .results
        .averages
        .iter()
        .find_map(|a| a.significance.as_ref().map(|s| s.metric.clone()))
        .or_else(|| {
            report
                .results
                .config
                .pointer("/report/headline")
                .and_then(|h| h.as_str().map(str::to_owned))
        });
    match spec {
        Some(s) => MetricPart::parse(&s, available).ok(),
        None => MetricPart::headline(available),
    }
}

fn part_name(part: Part) -> &'static str {
    match part {
        Part::P => "precision",
        Part::R => "recall",
        Part::F => "F",
    }
}

/// The settings block: everything needed to reproduce or judge the numbers.
fn settings(
    report: &Report,
    headline: Option<&MetricPart>,
    resamples: u64,
) -> Vec<(String, String)> {
    let r = report.results;
    let c = &r.config;
    let mut out = vec![
        ("run".to_string(), r.run.clone()),
        (
            "sumbench".into(),
            format!(
                "{} (results schema {})",
                r.sumbench_version, r.schema_version
            ),
        ),
        ("ROUGE".into(), r.rouge.clone()),
    ];
    if let Some(b) = c.get("budget") {
        let unit = b.get("unit").and_then(|u| u.as_str()).unwrap_or("?");
        let limit = b.get("limit").map(|l| l.to_string()).unwrap_or_default();
        let cut = if b.get("truncate").and_then(|t| t.as_bool()) == Some(true) {
            "the last sentence cut at the limit"
        } else {
            "whole sentences only"
        };
        out.push(("budget".into(), format!("{limit} {unit}, {cut}")));
    }
    if let Some(serde_json::Value::Object(text)) = c.get("text") {
        let options: Vec<String> = text
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| match v {
                serde_json::Value::String(s) => format!("{k}: {s}"),
                other => format!("{k}: {other}"),
            })
            .collect();
        out.push(("text".into(), options.join(", ")));
    }
    if let Some(seed) = c.get("seed") {
        out.push(("seed".into(), seed.to_string()));
    }
    if let Some(h) = headline {
        out.push((
            "headline metric".into(),
            format!(
                "{h} (significance: paired approximate randomisation, {resamples} resamples, two-sided)"
            ),
        ));
    }
    out.push((
        "systems".into(),
        r.systems
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    ));
    if report.timings.is_some() {
        out.push((
            "timings".into(),
            "wall-clock, from this run (they vary from run to run; scores do not)".into(),
        ));
    }
    out
}

/// How `system` is drawn: oracle, baseline or system.
fn kind_of(report: &Report, system: &str, oracle: bool) -> Kind {
    if oracle {
        return Kind::Oracle;
    }
    let is_baseline = report
        .results
        .systems
        .iter()
        .any(|s| s.name == system && BASELINE_KINDS.contains(&s.kind.as_str()));
    if is_baseline {
        Kind::Baseline
    } else {
        Kind::System
    }
}

/// A string usable as an HTML id: ASCII letters, digits and `-`; anything else becomes
/// `_` followed by its code point, so distinct names stay distinct.
fn anchor(parts: &[&str]) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str("--");
        }
        for ch in p.chars() {
            if ch.is_ascii_alphanumeric() || ch == '-' {
                out.push(ch);
            } else {
                out.push_str(&format!("_{:x}", ch as u32));
            }
        }
    }
    out
}

/// What the dataset's charts and tables need besides the report: the metrics of the
/// table and bar charts, the headline metric, and the tests' settings.
struct DatasetContext<'a> {
    metrics: &'a [String],
    headline: Option<&'a MetricPart>,
    resamples: u64,
    seed: u64,
    stopwords: &'a Stopwords,
}

/// The error of a chart that failed to render.
fn chart_failed(e: askama::Error) -> Error {
    Error::Usage(format!("--export-html: chart: {e}"))
}

/// One dataset's part of the page.
fn dataset_view(report: &Report, dataset: &str, cx: &DatasetContext) -> Result<DatasetView> {
    let headline = cx.headline;
    let r = report.results;
    let averages: Vec<_> = r.averages.iter().filter(|a| a.dataset == dataset).collect();
    let clusters = averages.first().map_or(0, |a| a.clusters);
    let bar_charts = bar_charts(report, &averages, cx)?;
    let scatter = scatter(report, dataset, &averages, cx)?;
    let (sweep_charts, sweep_notes) = match headline {
        Some(h) => sweep_charts(report, &averages, h)?,
        None => (Vec::new(), Vec::new()),
    };
    let rows = average_rows(report, dataset, &averages, cx);
    let names: Vec<String> = averages.iter().map(|a| a.system.clone()).collect();
    let matrix = matrix(&r.results, dataset, &names, headline, cx.resamples, cx.seed);
    let stats: Vec<&ClusterStats> = r.clusters.iter().filter(|c| c.dataset == dataset).collect();
    let drilldown = stats
        .iter()
        .take(DRILLDOWN_MAX_CLUSTERS)
        .map(|c| cluster_view(report, c, headline, cx.stopwords))
        .collect();
    Ok(DatasetView {
        name: dataset.to_owned(),
        anchor: anchor(&["dataset", dataset]),
        clusters,
        headline: headline.map(|h| h.to_string()).unwrap_or_default(),
        metrics: cx.metrics.to_vec(),
        averages: rows,
        bar_charts,
        scatter,
        sweep_charts,
        sweep_notes,
        matrix,
        drilldown,
        left_out: stats.len().saturating_sub(DRILLDOWN_MAX_CLUSTERS),
    })
}

/// One bar chart per table metric: each system's mean of the headline's part (recall
/// unless the headline says otherwise) with its 95% interval.
fn bar_charts(
    report: &Report,
    averages: &[&super::SystemAverage],
    cx: &DatasetContext,
) -> Result<Vec<String>> {
    let part = cx.headline.map_or(Part::R, |h| h.part);
    cx.metrics
        .iter()
        .map(|m| {
            let values: Vec<BarValue> = averages
                .iter()
                .filter_map(|a| {
                    let s = a.scores.iter().find(|s| &s.metric == m)?;
                    Some(BarValue {
                        label: a.system.clone(),
                        kind: kind_of(report, &a.system, a.oracle),
                        value: part.of(&s.mean),
                        interval: s
                            .low
                            .zip(s.high)
                            .map(|(lo, hi)| (part.of(&lo), part.of(&hi))),
                    })
                })
                .collect();
            BarChart::new(
                &format!("{m} {} (mean, 95% interval)", part_name(part)),
                &values,
            )
            .render()
            .map_err(chart_failed)
        })
        .collect()
}

/// The quality-against-cost scatter on the headline metric, when the run's timings and
/// a headline metric are known.
fn scatter(
    report: &Report,
    dataset: &str,
    averages: &[&super::SystemAverage],
    cx: &DatasetContext,
) -> Result<Option<String>> {
    let (Some(_), Some(h)) = (report.timings, cx.headline) else {
        return Ok(None);
    };
    let values: Vec<ScatterValue> = averages
        .iter()
        .filter_map(|a| {
            let s = a.scores.iter().find(|s| s.metric == h.metric)?;
            Some(ScatterValue {
                label: a.system.clone(),
                kind: kind_of(report, &a.system, a.oracle),
                ms: report.mean_ms(dataset, &a.system)?,
                value: h.part.of(&s.mean),
            })
        })
        .collect();
    Scatter::new(
        &format!("Quality against cost: {h}"),
        "mean time per cluster (summarizing only; log scale)",
        &h.to_string(),
        &values,
    )
    .render()
    .map(Some)
    .map_err(chart_failed)
}

/// The averages table's rows: R, P and F of every table metric, p against the best,
/// mean time and failures.
fn average_rows(
    report: &Report,
    dataset: &str,
    averages: &[&super::SystemAverage],
    cx: &DatasetContext,
) -> Vec<AverageRow> {
    averages
        .iter()
        .map(|a| {
            let mut cells = Vec::new();
            for m in cx.metrics {
                match a.scores.iter().find(|s| &s.metric == m) {
                    Some(s) => {
                        cells.extend([s.mean.r, s.mean.p, s.mean.f].map(|v| format!("{v:.5}")))
                    }
                    None => cells.extend(["-", "-", "-"].map(String::from)),
                }
            }
            AverageRow {
                name: a.system.clone(),
                kind: kind_of(report, &a.system, a.oracle).class(),
                cells,
                p_vs_best: match &a.significance {
                    Some(s) => format!("{:.4}", s.p_value),
                    None if !a.oracle && cx.headline.is_some() => "best".into(),
                    None => "-".into(),
                },
                ms: report
                    .mean_ms(dataset, &a.system)
                    .map(|ms| format!("{ms:.2}"))
                    .unwrap_or_else(|| "-".into()),
                failed: format!("{}/{}", a.failures, a.clusters),
            }
        })
        .collect()
}

/// One point of a sweep: its swept values and the headline mean with its interval
/// (`None` when the system has no score for the headline metric).
type SweepPointScore<'a> = (
    &'a serde_json::Map<String, serde_json::Value>,
    Option<(f64, Option<(f64, f64)>)>,
);

/// The line charts of the parameter sweeps among `averages` (systems sharing a
/// `sweep.base`): the headline metric's mean against the swept value, one chart per
/// sweep. With two swept parameters, the first numeric one is the x axis and each value
/// of the other gets its own line. Sweeps that cannot be drawn that way (no numeric
/// parameter, more than two parameters, points missing the headline metric) come back
/// as notes saying why, so the page never drops a sweep silently.
fn sweep_charts(
    report: &Report,
    averages: &[&super::SystemAverage],
    h: &MetricPart,
) -> Result<(Vec<String>, Vec<String>)> {
    let mut charts = Vec::new();
    let mut notes = Vec::new();
    for (base, points) in &sweeps(report, averages, h) {
        let (x_key, other) = match sweep_axes(base, points, h) {
            Ok(axes) => axes,
            Err(note) => {
                notes.push(note);
                continue;
            }
        };
        charts.push(
            LineChart::new(
                &format!("{base}: {h} against {x_key} (mean, 95% interval band)"),
                x_key,
                &h.to_string(),
                &sweep_series(base, points, x_key, other),
            )
            .render()
            .map_err(chart_failed)?,
        );
    }
    Ok((charts, notes))
}

/// The sweeps among `averages` (oracles aside): sweep base -> its points' values and
/// headline mean, in the order of the run.
fn sweeps<'a>(
    report: &'a Report,
    averages: &[&super::SystemAverage],
    h: &MetricPart,
) -> Vec<(String, Vec<SweepPointScore<'a>>)> {
    let mut sweeps: Vec<(String, Vec<SweepPointScore>)> = Vec::new();
    for a in averages.iter().filter(|a| !a.oracle) {
        let Some(point) = report
            .results
            .systems
            .iter()
            .find(|s| s.name == a.system)
            .and_then(|s| s.sweep.as_ref())
        else {
            continue;
        };
        let mean = a.scores.iter().find(|s| s.metric == h.metric).map(|s| {
            let interval = s
                .low
                .zip(s.high)
                .map(|(lo, hi)| (h.part.of(&lo), h.part.of(&hi)));
            (h.part.of(&s.mean), interval)
        });
        match sweeps.iter_mut().find(|(b, _)| *b == point.base) {
            Some((_, points)) => points.push((&point.values, mean)),
            None => sweeps.push((point.base.clone(), vec![(&point.values, mean)])),
        }
    }
    sweeps
}

/// A sweep's x axis (its first numeric parameter) and the parameter that splits it into
/// lines, if any; or the note saying why the sweep cannot be charted.
fn sweep_axes<'p>(
    base: &str,
    points: &[SweepPointScore<'p>],
    h: &MetricPart,
) -> std::result::Result<(&'p String, Option<&'p String>), String> {
    let mut keys: Vec<&String> = Vec::new();
    for (values, _) in points {
        for k in values.keys() {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    let listed = || {
        keys.iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let numeric = |k: &String| {
        points
            .iter()
            .all(|(v, _)| v.get(k).is_some_and(|x| x.is_number()))
    };
    let Some(x_key) = keys.iter().copied().find(|k| numeric(k)) else {
        return Err(format!(
            "{base}: not charted, no swept parameter is a number ({})",
            listed()
        ));
    };
    if keys.len() > 2 {
        return Err(format!(
            "{base}: not charted, {} parameters swept ({}); a chart shows one or two",
            keys.len(),
            listed()
        ));
    }
    if points.iter().any(|(_, m)| m.is_none()) {
        return Err(format!("{base}: not charted, some points have no {h}"));
    }
    Ok((x_key, keys.iter().copied().find(|k| *k != x_key)))
}

/// A sweep's lines: one per value of `other` (one in all without it), points in x order,
/// with an interval band when every point has an interval.
fn sweep_series(
    base: &str,
    points: &[SweepPointScore],
    x_key: &str,
    other: Option<&String>,
) -> Vec<Series> {
    let mut series: Vec<Series> = Vec::new();
    for (values, mean) in points {
        let name = match other {
            Some(o) => match values.get(o) {
                Some(serde_json::Value::String(s)) => format!("{base}, {o}={s}"),
                Some(v) => format!("{base}, {o}={v}"),
                None => format!("{base}, {o} unset"),
            },
            None => base.to_owned(),
        };
        let x = values.get(x_key).and_then(|v| v.as_f64()).unwrap_or(0.0);
        let Some((y, interval)) = *mean else { continue };
        let at = match series.iter().position(|s| s.name == name) {
            Some(at) => at,
            None => {
                series.push(Series {
                    name,
                    points: Vec::new(),
                    intervals: Some(Vec::new()),
                });
                series.len() - 1
            }
        };
        let s = &mut series[at];
        s.points.push((x, y));
        // One point without an interval (no bootstrap) drops the series' band.
        s.intervals = match (s.intervals.take(), interval) {
            (Some(mut iv), Some(i)) => {
                iv.push(i);
                Some(iv)
            }
            _ => None,
        };
    }
    for s in &mut series {
        sort_by_x(s);
    }
    series
}

/// Puts a series' points, and their intervals with them, in increasing x order.
fn sort_by_x(s: &mut Series) {
    let mut order: Vec<usize> = (0..s.points.len()).collect();
    order.sort_by(|&a, &b| s.points[a].0.total_cmp(&s.points[b].0));
    s.points = order.iter().map(|&i| s.points[i]).collect();
    if let Some(iv) = &s.intervals {
        s.intervals = Some(order.iter().map(|&i| iv[i]).collect());
    }
}

/// Every ordered pair of systems compared on the headline metric with the paired
/// approximate randomisation test of `stats` (the run table's test).
fn matrix(
    results: &[UnitResult],
    dataset: &str,
    systems: &[String],
    headline: Option<&MetricPart>,
    resamples: u64,
    seed: u64,
) -> Matrix {
    let mut rows = Vec::new();
    if let Some(h) = headline {
        // Each unordered pair once: the test is symmetric, the sign flips.
        let mut done: BTreeMap<(usize, usize), (f64, f64)> = BTreeMap::new();
        for i in 0..systems.len() {
            for j in i + 1..systems.len() {
                if let Ok(c) = significance::compare_systems(
                    results,
                    dataset,
                    &systems[i],
                    &systems[j],
                    h,
                    resamples,
                    seed,
                ) {
                    done.insert((i, j), (c.mean_diff, c.permutation_p));
                }
            }
        }
        for i in 0..systems.len() {
            let row = (0..systems.len())
                .map(|j| {
                    let found = if i < j {
                        done.get(&(i, j)).copied()
                    } else {
                        done.get(&(j, i)).map(|&(d, p)| (-d, p))
                    };
                    match (i == j, found) {
                        (true, _) => ("—".to_string(), "self", String::new()),
                        (false, None) => ("n/a".to_string(), "na", "not comparable".into()),
                        (false, Some((diff, p))) => {
                            let class = if p >= ALPHA {
                                "ns"
                            } else if diff > 0.0 {
                                "better"
                            } else {
                                "worse"
                            };
                            let arrow = match class {
                                "better" => "▲ ",
                                "worse" => "▼ ",
                                _ => "",
                            };
                            (
                                format!("{arrow}{p:.3}"),
                                class,
                                format!(
                                    "{} minus {}: {diff:+.5}, p = {p:.4}",
                                    systems[i], systems[j]
                                ),
                            )
                        }
                    }
                })
                .collect();
            rows.push(row);
        }
    }
    Matrix {
        systems: systems.to_vec(),
        rows,
        resamples,
        seed,
    }
}

/// Lowercased words (runs of letters and digits) with their byte spans.
fn words(text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, ch.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, i, text[s..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The references' unigrams and bigrams (lowercased words).
struct RefNgrams {
    unigrams: HashSet<String>,
    bigrams: HashSet<(String, String)>,
}

impl RefNgrams {
    fn of(references: &[&str]) -> Self {
        let mut unigrams = HashSet::new();
        let mut bigrams = HashSet::new();
        for r in references {
            let w: Vec<String> = words(r).into_iter().map(|(_, _, w)| w).collect();
            for pair in w.windows(2) {
                bigrams.insert((pair[0].clone(), pair[1].clone()));
            }
            unigrams.extend(w);
        }
        RefNgrams { unigrams, bigrams }
    }

    /// `text` cut into segments, words shared with the references marked.
    fn segments(&self, text: &str, stopwords: &Stopwords) -> Vec<Segment> {
        let w = words(text);
        let pair = |a: usize, b: usize| self.bigrams.contains(&(w[a].2.clone(), w[b].2.clone()));
        let in_bigram = |i: usize| (i > 0 && pair(i - 1, i)) || (i + 1 < w.len() && pair(i, i + 1));
        let mut out: Vec<Segment> = Vec::new();
        let mut push = |text: &str, class: &'static str| match out.last_mut() {
            Some(last) if last.class == class => last.text.push_str(text),
            _ if !text.is_empty() => out.push(Segment {
                text: text.to_owned(),
                class,
            }),
            _ => {}
        };
        let mut at = 0;
        for (i, (s, e, lower)) in w.iter().enumerate() {
            let class = if in_bigram(i) {
                "bigram"
            } else if self.unigrams.contains(lower) && !stopwords.contains(lower) {
                "unigram"
            } else {
                ""
            };
            // The gap between two words is marked only when they form a shared bigram.
            let gap_class = if i > 0 && pair(i - 1, i) {
                "bigram"
            } else {
                ""
            };
            push(&text[at..*s], gap_class);
            push(&text[*s..*e], class);
            at = *e;
        }
        push(&text[at..], "");
        out
    }
}

fn cluster_view(
    report: &Report,
    stats: &ClusterStats,
    headline: Option<&MetricPart>,
    stopwords: &Stopwords,
) -> ClusterView {
    let r = report.results;
    let refs: Vec<&str> = stats
        .reference_texts
        .iter()
        .map(|t| t.text.as_str())
        .collect();
    let ngrams = RefNgrams::of(&refs);
    let plain = |t: &str| {
        vec![Segment {
            text: t.to_owned(),
            class: "",
        }]
    };
    let summaries = r
        .results
        .iter()
        .filter(|u| u.dataset == stats.dataset && u.cluster == stats.cluster)
        .map(|u| summary_view(report, stats, u, headline, &ngrams, stopwords))
        .collect();
    ClusterView {
        id: stats.cluster.clone(),
        anchor: anchor(&["cluster", &stats.dataset, &stats.cluster]),
        references: stats
            .reference_texts
            .iter()
            .map(|t| (t.id.clone(), plain(&t.text)))
            .collect(),
        summaries,
        dropped: stats
            .docs
            .iter()
            .flat_map(|d| {
                d.dropped_lines
                    .iter()
                    .map(|l| (d.doc.clone(), l.line, l.rule.clone(), l.text.clone()))
            })
            .collect(),
        docs: stats.docs.len(),
    }
}

/// One system's summary of a cluster: each sentence with its source document and the
/// words it shares with the references marked, and its headline score.
fn summary_view(
    report: &Report,
    stats: &ClusterStats,
    u: &UnitResult,
    headline: Option<&MetricPart>,
    ngrams: &RefNgrams,
    stopwords: &Stopwords,
) -> SummaryView {
    let doc_of = |sentence: usize| {
        stats
            .docs
            .iter()
            .find(|d| (d.first_sentence..d.first_sentence + d.sentences).contains(&sentence))
            .map_or_else(|| "?".to_string(), |d| d.doc.clone())
    };
    let oracle = report
        .results
        .systems
        .iter()
        .any(|s| s.name == u.system && s.oracle);
    let lines: Vec<&str> = u.summary.lines().filter(|l| !l.trim().is_empty()).collect();
    // `sentences` lists the ids in output order, one per line of the summary; a
    // plugin that returned text without ids leaves the sources unknown.
    let sentences = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let doc = u
                .sentences
                .get(i)
                .map_or_else(|| "?".to_string(), |&s| doc_of(s));
            (doc, ngrams.segments(line, stopwords))
        })
        .collect();
    let score = headline
        .and_then(|h| {
            u.scores
                .get(&h.metric)
                .map(|s| format!("{h} = {:.5}", h.part.of(s)))
        })
        .unwrap_or_default();
    SummaryView {
        system: u.system.clone(),
        kind: kind_of(report, &u.system, oracle).class(),
        score,
        error: u.error.clone(),
        sentences,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segs: &[Segment]) -> String {
        segs.iter()
            .map(|s| match s.class {
                "bigram" => format!("[{}]", s.text),
                "unigram" => format!("<{}>", s.text),
                _ => s.text.clone(),
            })
            .collect()
    }

    #[test]
    fn shared_bigrams_and_content_words_are_marked() {
        let ng = RefNgrams::of(&["The storm hit the coast on Monday."]);
        let sw = Stopwords::english();
        let segs = ng.segments("A storm hit Florida's coast, the storm said.", &sw);
        // "storm hit" and "the storm" are shared bigrams, "coast" a shared content word;
        // "hit Florida" and "coast, the" are not shared, so their gaps stay unmarked.
        assert_eq!(
            marked(&segs),
            "A [storm hit] Florida's <coast>, [the storm] said."
        );
        // The segments put back together are the text, byte for byte.
        let text: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text, "A storm hit Florida's coast, the storm said.");
    }

    #[test]
    fn anchors_are_distinct_and_safe() {
        assert_eq!(anchor(&["cluster", "d", "a b"]), "cluster--d--a_20b");
        assert_ne!(anchor(&["a_b"]), anchor(&["a b"]));
        assert_eq!(anchor(&["x\"><script>"]), "x_22_3e_3cscript_3e");
    }
}

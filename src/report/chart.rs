//! Charts for the HTML report as inline SVG: this module turns numbers into geometry
//! (bars, whiskers, points, axis ticks, in pixels) and the askama templates in
//! `templates/chart_*.svg` turn the geometry into markup, escaping every label.
//!
//! Why not `plotters`: its SVG backend lays text out with a font engine (`ttf`, which
//! pulls font-kit and the system's fontconfig, or `ab_glyph` with a font file we would
//! have to ship); without one it cannot place labels. The report needs only three
//! simple kinds of chart, and writing `<text>` elements lets the browser do the fonts.
//! Markup from templates is also easy to test: every bar, point and line carries a class.
use askama::Template;

/// How a system is drawn: our systems, the simple baselines and the oracles (upper
/// bounds) must never be mistaken for one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A summarizer under evaluation.
    System,
    /// A simple baseline (`lead`, `random`).
    Baseline,
    /// An oracle: reads the references, so it is an upper bound, not a competitor.
    Oracle,
}

impl Kind {
    /// The CSS class of the kind's marks (`system`, `baseline`, `oracle`).
    pub fn class(self) -> &'static str {
        match self {
            Kind::System => "system",
            Kind::Baseline => "baseline",
            Kind::Oracle => "oracle",
        }
    }
    /// The fill colour (colour-blind safe: blue, grey, orange).
    pub fn fill(self) -> &'static str {
        match self {
            Kind::System => "#4c78a8",
            Kind::Baseline => "#a0a0a0",
            Kind::Oracle => "#f58518",
        }
    }
    /// Label suffix, so the kind is readable without colour too.
    pub fn suffix(self) -> &'static str {
        match self {
            Kind::System => "",
            Kind::Baseline => " (baseline)",
            Kind::Oracle => " (oracle)",
        }
    }
}

/// Rounds a pixel coordinate to 0.1 px: enough for the eye, and short, stable markup.
fn px(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// An axis tick: its position in pixels and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Position along the axis, in pixels.
    pub at: f64,
    /// The label.
    pub label: String,
}

/// About `target` round tick values (steps of 1, 2 or 5 times a power of ten) covering
/// `[lo, hi]`; returns the values and the number of decimals their labels need.
fn nice_ticks(lo: f64, hi: f64, target: usize) -> (Vec<f64>, usize) {
    let span = (hi - lo).max(1e-12);
    let raw = span / target.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    ((first..=last).map(|i| i as f64 * step).collect(), decimals)
}

/// About `target` round ticks covering `[lo, hi]` (see [`nice_ticks`]), each placed by
/// `at` and labelled with the decimals its step needs: every chart's value axes.
fn ticks(lo: f64, hi: f64, target: usize, at: impl Fn(f64) -> f64) -> Vec<Tick> {
    let (values, decimals) = nice_ticks(lo, hi, target);
    values
        .iter()
        .map(|&v| Tick {
            at: at(v),
            label: format!("{v:.decimals$}"),
        })
        .collect()
}

/// A linear axis: values `lo..hi` drawn from pixel `from` to pixel `to` (for a y axis
/// `from` is the bottom, as values grow upwards).
#[derive(Debug, Clone, Copy)]
struct LinearAxis {
    lo: f64,
    hi: f64,
    from: f64,
    to: f64,
}

impl LinearAxis {
    /// The pixel position of `v`.
    fn at(&self, v: f64) -> f64 {
        px(self.from + (self.to - self.from) * (v - self.lo) / (self.hi - self.lo))
    }

    /// About `target` round ticks along the axis.
    fn ticks(&self, target: usize) -> Vec<Tick> {
        ticks(self.lo, self.hi, target, |v| self.at(v))
    }
}

/// A logarithmic axis over whole decades: `10^lo..10^hi` drawn from pixel `from` to
/// pixel `to`, one tick per decade.
#[derive(Debug, Clone, Copy)]
struct DecadeAxis {
    lo: i32,
    hi: i32,
    from: f64,
    to: f64,
}

impl DecadeAxis {
    /// From the decade at or below the smallest of `values` (all > 0) to the one at or
    /// above the largest, at least one decade; `1..10` when there are none.
    fn spanning(values: &[f64], from: f64, to: f64) -> Self {
        let (lo, hi) = if values.is_empty() {
            (0, 1)
        } else {
            let min = values.iter().copied().fold(f64::INFINITY, f64::min);
            let max = values.iter().copied().fold(0.0f64, f64::max);
            let lo = min.log10().floor() as i32;
            (lo, (max.log10().ceil() as i32).max(lo + 1))
        };
        DecadeAxis { lo, hi, from, to }
    }

    /// The pixel position of `v` (> 0).
    fn at(&self, v: f64) -> f64 {
        let t = (v.log10() - self.lo as f64) / (self.hi - self.lo) as f64;
        px(self.from + (self.to - self.from) * t)
    }

    /// A tick at every power of ten, labelled by `label`.
    fn ticks(&self, label: impl Fn(f64) -> String) -> Vec<Tick> {
        (self.lo..=self.hi)
            .map(|d| Tick {
                at: self.at(10f64.powi(d)),
                label: label(10f64.powi(d)),
            })
            .collect()
    }
}

/// One bar of a [`BarChart`], laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The label drawn left of the bar (system name and kind).
    pub label: String,
    /// How the bar is drawn.
    pub kind: &'static str,
    /// Fill colour.
    pub fill: &'static str,
    /// The value as printed at the bar's end.
    pub value: String,
    /// Top edge and height of the bar's row.
    pub y: f64,
    /// Bar height.
    pub h: f64,
    /// Vertical centre of the row (labels, whiskers).
    pub mid: f64,
    /// Bar width (its left edge is the plot's left edge).
    pub w: f64,
    /// The 95% interval as pixel x positions, when known.
    pub whisker: Option<(f64, f64)>,
    /// Hover text: name, value and interval.
    pub tooltip: String,
}

/// A horizontal bar chart with 95% confidence-interval whiskers: one bar per system.
#[derive(Debug, Clone, Template)]
#[template(path = "chart_bars.svg")]
pub struct BarChart {
    /// Title above the chart.
    pub title: String,
    /// Total width and height in pixels.
    pub width: f64,
    /// Total height in pixels.
    pub height: f64,
    /// Left edge of the plot area (the labels sit left of it).
    pub left: f64,
    /// Top of the plot area.
    pub top: f64,
    /// Bottom of the plot area.
    pub bottom: f64,
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
    /// Value ticks along the x axis.
    pub ticks: Vec<Tick>,
}

/// One value of a bar chart: label, kind, value and its interval.
#[derive(Debug, Clone, PartialEq)]
pub struct BarValue {
    /// System name.
    pub label: String,
    /// How it is drawn.
    pub kind: Kind,
    /// The value.
    pub value: f64,
    /// The 95% interval, when known.
    pub interval: Option<(f64, f64)>,
}

impl BarChart {
    /// Lays out one bar per value, in the given order, on an axis from 0.
    pub fn new(title: &str, values: &[BarValue]) -> Self {
        let (width, left, right, top, row) = (560.0, 150.0, 56.0, 34.0, 20.0);
        let bottom = top + row * values.len() as f64;
        let height = bottom + 28.0;
        let max = values
            .iter()
            .map(|v| v.interval.map_or(v.value, |(_, hi)| hi.max(v.value)))
            .fold(0.0f64, f64::max);
        let tick_max = if max > 0.0 { max } else { 1.0 };
        let last_tick = nice_ticks(0.0, tick_max, 5).0.last().copied();
        let axis_max = last_tick.unwrap_or(1.0).max(max).max(1e-12);
        let plot_w = width - left - right;
        let x = |v: f64| px(left + plot_w * (v.max(0.0) / axis_max));
        let bars = values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let y = top + row * i as f64;
                let interval = v
                    .interval
                    .map(|(lo, hi)| format!(", 95% interval {lo:.5}–{hi:.5}"))
                    .unwrap_or_default();
                Bar {
                    label: format!("{}{}", v.label, v.kind.suffix()),
                    kind: v.kind.class(),
                    fill: v.kind.fill(),
                    value: format!("{:.4}", v.value),
                    y: px(y + 3.0),
                    h: px(row - 6.0),
                    mid: px(y + row / 2.0),
                    w: px(x(v.value) - left),
                    whisker: v.interval.map(|(lo, hi)| (x(lo), x(hi))),
                    tooltip: format!("{}: {:.5}{interval}", v.label, v.value),
                }
            })
            .collect();
        BarChart {
            title: title.to_owned(),
            width,
            height: px(height),
            left,
            top,
            bottom: px(bottom),
            bars,
            ticks: ticks(0.0, tick_max, 5, x),
        }
    }
}

/// One point of a [`Scatter`], laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Its label (the system name).
    pub label: String,
    /// How it is drawn.
    pub kind: &'static str,
    /// Fill colour.
    pub fill: &'static str,
    /// Pixel position.
    pub x: f64,
    /// Pixel position.
    pub y: f64,
    /// Label position (beside the point, where it overlaps no earlier label).
    pub label_x: f64,
    /// Label baseline.
    pub label_y: f64,
    /// `start` or `end`.
    pub anchor: &'static str,
    /// Hover text with the exact values.
    pub tooltip: String,
}

/// A scatter of quality against cost: the metric on a linear y axis, mean time per
/// cluster on a logarithmic x axis (systems differ in cost by orders of magnitude).
#[derive(Debug, Clone, Template)]
#[template(path = "chart_scatter.svg")]
pub struct Scatter {
    /// Title above the chart.
    pub title: String,
    /// The x axis' label.
    pub x_label: String,
    /// The y axis' label.
    pub y_label: String,
    /// Total width in pixels.
    pub width: f64,
    /// Total height in pixels.
    pub height: f64,
    /// Plot area edges.
    pub left: f64,
    /// Plot area edges.
    pub right: f64,
    /// Plot area edges.
    pub top: f64,
    /// Plot area edges.
    pub bottom: f64,
    /// The points.
    pub points: Vec<Point>,
    /// Ticks along the x axis (powers of ten).
    pub x_ticks: Vec<Tick>,
    /// Ticks along the y axis.
    pub y_ticks: Vec<Tick>,
}

/// One system of a scatter: name, kind, milliseconds per cluster and metric value.
#[derive(Debug, Clone, PartialEq)]
pub struct ScatterValue {
    /// System name.
    pub label: String,
    /// How it is drawn.
    pub kind: Kind,
    /// Mean milliseconds per cluster (> 0; smaller values are drawn at the axis' floor).
    pub ms: f64,
    /// The metric's value.
    pub value: f64,
}

impl Scatter {
    /// Lays out the points: x from the decade below the fastest system to the decade above
    /// the slowest, y from the nearest round value below the worst to above the best.
    pub fn new(title: &str, x_label: &str, y_label: &str, values: &[ScatterValue]) -> Self {
        let (width, height) = (720.0, 420.0);
        let (left, right, top, bottom) = (70.0, width - 30.0, 34.0, height - 50.0);
        // Sub-microsecond timings are noise; keep them on the chart at the floor.
        let floor = 1e-3;
        let ms: Vec<f64> = values.iter().map(|v| v.ms.max(floor)).collect();
        let x = DecadeAxis::spanning(&ms, left, right);
        let ys: Vec<f64> = values.iter().map(|v| v.value).collect();
        let (y_min, y_max) = padded_range(&ys);
        let y = LinearAxis {
            lo: y_min,
            hi: y_max,
            from: bottom,
            to: top,
        };
        Scatter {
            title: title.to_owned(),
            x_label: x_label.to_owned(),
            y_label: y_label.to_owned(),
            width,
            height,
            left,
            right,
            top,
            bottom,
            points: scatter_points(values, &ms, &x, &y, right),
            x_ticks: x.ticks(format_ms),
            y_ticks: y.ticks(5),
        }
    }
}

/// The scatter's y range: the values' range padded by 8% each way (±0.01 when all are
/// equal), `0..1` when there are none.
fn padded_range(ys: &[f64]) -> (f64, f64) {
    let y_min = ys.iter().copied().fold(f64::INFINITY, f64::min);
    let y_max = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if ys.is_empty() {
        (0.0, 1.0)
    } else if (y_max - y_min).abs() < 1e-12 {
        (y_min - 0.01, y_max + 0.01)
    } else {
        let pad = (y_max - y_min) * 0.08;
        (y_min - pad, y_max + pad)
    }
}

/// The scatter's points, each labelled where its label overlaps no earlier one.
fn scatter_points(
    values: &[ScatterValue],
    ms: &[f64],
    x_axis: &DecadeAxis,
    y_axis: &LinearAxis,
    right: f64,
) -> Vec<Point> {
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
    let mut points: Vec<Point> = Vec::new();
    for (v, &m) in values.iter().zip(ms) {
        let (x, y) = (x_axis.at(m), y_axis.at(v.value));
        let label = format!("{}{}", v.label, v.kind.suffix());
        let (label_x, label_y, anchor) = place_label(&label, x, y, right, &placed);
        let w = label_width(&label);
        let x0 = if anchor == "end" {
            label_x - w
        } else {
            label_x
        };
        placed.push((x0, label_y - 10.0, x0 + w, label_y + 2.0));
        points.push(Point {
            label,
            kind: v.kind.class(),
            fill: v.kind.fill(),
            x,
            y,
            label_x,
            label_y,
            anchor,
            tooltip: format!("{}: {:.5} at {:.3} ms per cluster", v.label, v.value, v.ms),
        });
    }
    points
}

/// The width of an 11 px sans-serif label, estimated (the browser draws the text; an
/// overestimate only moves labels apart a little more).
fn label_width(label: &str) -> f64 {
    label.chars().count() as f64 * 6.3
}

/// Where a point's label goes: right of it, else left, else above or below on either
/// side, whichever first overlaps no label placed before; right of it when all do.
/// Returns the x, the baseline and the text anchor.
fn place_label(
    label: &str,
    x: f64,
    y: f64,
    right_edge: f64,
    placed: &[(f64, f64, f64, f64)],
) -> (f64, f64, &'static str) {
    let w = label_width(label);
    let candidates = [
        (x + 7.0, y + 4.0, "start"),
        (x - 7.0, y + 4.0, "end"),
        (x + 5.0, y - 8.0, "start"),
        (x + 5.0, y + 16.0, "start"),
        (x - 5.0, y - 8.0, "end"),
        (x - 5.0, y + 16.0, "end"),
        (x + 5.0, y - 20.0, "start"),
        (x + 5.0, y + 28.0, "start"),
        (x - 5.0, y - 20.0, "end"),
        (x - 5.0, y + 28.0, "end"),
    ];
    let fits = |&(lx, ly, anchor): &(f64, f64, &str)| {
        let x0 = if anchor == "end" { lx - w } else { lx };
        let (x1, y0, y1) = (x0 + w, ly - 10.0, ly + 2.0);
        x1 <= right_edge + 25.0
            && placed
                .iter()
                .all(|&(a0, b0, a1, b1)| x1 <= a0 || x0 >= a1 || y1 <= b0 || y0 >= b1)
    };
    let (lx, ly, anchor) = candidates
        .iter()
        .copied()
        .find(|c| fits(c))
        .unwrap_or(candidates[if x + w > right_edge { 1 } else { 0 }]);
    (px(lx), px(ly), anchor)
}

/// A power of ten of milliseconds as a short label: `0.01 ms`, `1 ms`, `10 s`.
fn format_ms(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{} s", ms / 1000.0)
    } else {
        format!("{ms} ms")
    }
}

/// One series of a [`LineChart`]: a name and its (x, y) points in x order.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The legend's name for it.
    pub name: String,
    /// The points, by increasing x.
    pub points: Vec<(f64, f64)>,
    /// Each point's interval (low, high), in the points' order, when every point has
    /// one: drawn as a shaded band so a difference between points can be read against
    /// the noise.
    pub intervals: Option<Vec<(f64, f64)>>,
}

/// One series of a line chart, laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The legend's name.
    pub name: String,
    /// Stroke colour.
    pub stroke: &'static str,
    /// The `points` attribute of the polyline.
    pub path: String,
    /// The points, for markers and hover text: (x, y, tooltip).
    pub marks: Vec<(f64, f64, String)>,
    /// Legend row position.
    pub legend_y: f64,
    /// The `points` attribute of the interval band's polygon (upper edge left to right,
    /// lower edge back), when the series has intervals.
    pub band: Option<String>,
}

/// A line chart of one or more series, e.g. a metric against a swept parameter: a
/// component for parameter sweeps (issue 9), callable with any (x, y) series.
#[derive(Debug, Clone, Template)]
#[template(path = "chart_lines.svg")]
pub struct LineChart {
    /// Title above the chart.
    pub title: String,
    /// The x axis' label (the parameter).
    pub x_label: String,
    /// The y axis' label (the metric).
    pub y_label: String,
    /// Total width in pixels.
    pub width: f64,
    /// Total height in pixels.
    pub height: f64,
    /// Plot area edges.
    pub left: f64,
    /// Plot area edges.
    pub right: f64,
    /// Plot area edges.
    pub top: f64,
    /// Plot area edges.
    pub bottom: f64,
    /// The series.
    pub lines: Vec<Line>,
    /// Ticks along the x axis.
    pub x_ticks: Vec<Tick>,
    /// Ticks along the y axis.
    pub y_ticks: Vec<Tick>,
}

/// Series colours, in order (Tableau 10).
const PALETTE: [&str; 10] = [
    "#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6",
    "#9d755d", "#bab0ac",
];

impl LineChart {
    /// Lays out `series` on linear axes spanning all their points.
    pub fn new(title: &str, x_label: &str, y_label: &str, series: &[Series]) -> Self {
        let (width, height) = (720.0, 380.0);
        let (left, right, top, bottom) = (70.0, width - 170.0, 34.0, height - 50.0);
        let (x_min, x_max) = series_range(series, |p| p.0);
        let (y_lo, y_hi) = series_range(series, |p| p.1);
        let pad = (y_hi - y_lo) * 0.08;
        let x = LinearAxis {
            lo: x_min,
            hi: x_max,
            from: left,
            to: right,
        };
        let y = LinearAxis {
            lo: y_lo - pad,
            hi: y_hi + pad,
            from: bottom,
            to: top,
        };
        let lines = series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let legend_y = px(top + 10.0 + 18.0 * i as f64);
                layout_line(s, PALETTE[i % PALETTE.len()], legend_y, &x, &y)
            })
            .collect();
        LineChart {
            title: title.to_owned(),
            x_label: x_label.to_owned(),
            y_label: y_label.to_owned(),
            width,
            height,
            left,
            right,
            top,
            bottom,
            lines,
            x_ticks: x.ticks(6),
            y_ticks: y.ticks(5),
        }
    }
}

/// The range of one coordinate (`f` picks it) over every point of `series`, interval
/// ends included as (x, low) and (x, high) points: `0..1` when there are no points,
/// widened by 0.5 each way when they are all equal.
fn series_range(series: &[Series], f: fn(&(f64, f64)) -> f64) -> (f64, f64) {
    let all = || {
        series.iter().flat_map(|s| {
            let ends = s
                .points
                .iter()
                .zip(s.intervals.iter().flatten())
                .flat_map(|(&(x, _), &(lo, hi))| [(x, lo), (x, hi)]);
            s.points.iter().copied().chain(ends)
        })
    };
    let lo = all().map(|p| f(&p)).fold(f64::INFINITY, f64::min);
    let hi = all().map(|p| f(&p)).fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() {
        (0.0, 1.0)
    } else if (hi - lo).abs() < 1e-12 {
        (lo - 0.5, hi + 0.5)
    } else {
        (lo, hi)
    }
}

/// One series laid out on the axes in colour `stroke`, its legend row at `legend_y`: its
/// polyline, markers and, when every point has an interval, the band between the
/// intervals' ends.
fn layout_line(
    s: &Series,
    stroke: &'static str,
    legend_y: f64,
    x: &LinearAxis,
    y: &LinearAxis,
) -> Line {
    let marks: Vec<(f64, f64, String)> = s
        .points
        .iter()
        .map(|&(vx, vy)| (x.at(vx), y.at(vy), format!("{}: {vx} → {vy:.5}", s.name)))
        .collect();
    let path = marks
        .iter()
        .map(|(x, y, _)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ");
    let band = s
        .intervals
        .as_ref()
        .filter(|iv| iv.len() == s.points.len())
        .map(|iv| {
            let upper = s.points.iter().zip(iv).map(|(p, i)| (p.0, i.1));
            let lower = s.points.iter().zip(iv).rev().map(|(p, i)| (p.0, i.0));
            upper
                .chain(lower)
                .map(|(vx, vy)| format!("{},{}", x.at(vx), y.at(vy)))
                .collect::<Vec<_>>()
                .join(" ")
        });
    Line {
        name: s.name.clone(),
        stroke,
        path,
        marks,
        legend_y,
        band,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        let (t, d) = nice_ticks(0.0, 0.43, 5);
        assert_eq!(t, vec![0.0, 0.1, 0.2, 0.30000000000000004, 0.4]);
        assert_eq!(d, 1);
        let (t, d) = nice_ticks(0.08, 0.13, 5);
        assert_eq!(d, 2);
        assert_eq!(t.len(), 6, "{t:?}");
    }

    #[test]
    fn bars_scale_to_the_largest_interval_end() {
        let values = [
            BarValue {
                label: "a".into(),
                kind: Kind::System,
                value: 0.1,
                interval: Some((0.08, 0.12)),
            },
            BarValue {
                label: "o".into(),
                kind: Kind::Oracle,
                value: 0.2,
                interval: None,
            },
        ];
        let c = BarChart::new("t", &values);
        // Axis 0..0.2 over 560 - 150 - 56 = 354 px: 0.1 is half of it.
        assert_eq!(c.bars[0].w, 177.0);
        assert_eq!(c.bars[0].whisker, Some((150.0 + 141.6, 150.0 + 212.4)));
        assert_eq!(c.bars[1].label, "o (oracle)");
        assert_eq!(c.bars[1].whisker, None);
    }

    #[test]
    fn scatter_x_axis_is_logarithmic() {
        let v = |ms| ScatterValue {
            label: "s".into(),
            kind: Kind::System,
            ms,
            value: 0.1,
        };
        let c = Scatter::new("t", "x", "y", &[v(1.0), v(10.0), v(100.0)]);
        let xs: Vec<f64> = c.points.iter().map(|p| p.x).collect();
        // Decades 1..100 ms over 70..690 px: equal steps of 310 px.
        assert_eq!(xs, vec![70.0, 380.0, 690.0]);
        let labels: Vec<&str> = c.x_ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["1 ms", "10 ms", "100 ms"]);
    }

    #[test]
    fn line_chart_draws_one_polyline_per_series_and_escapes_names() {
        let series = [
            Series {
                name: "lexrank <threshold>".into(),
                points: vec![(0.05, 0.08), (0.1, 0.09), (0.2, 0.085)],
                intervals: None,
            },
            Series {
                name: "textrank".into(),
                points: vec![(0.05, 0.07), (0.2, 0.075)],
                intervals: None,
            },
        ];
        let svg = LineChart::new(
            "ROUGE-2:r against threshold",
            "threshold",
            "ROUGE-2:r",
            &series,
        )
        .render()
        .unwrap();
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let polylines: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("polyline"))
            .collect();
        assert_eq!(polylines.len(), 2);
        // x 0.05..0.2 spans 70..550 px; y 0.07..0.09 padded by 8% spans 330..34 px,
        // so 0.08 sits halfway, at 182.
        assert_eq!(
            polylines[0].attribute("points").unwrap().split(' ').next(),
            Some("70,182")
        );
        assert_eq!(
            doc.descendants()
                .filter(|n| n.has_tag_name("circle"))
                .count(),
            5
        );
        assert!(svg.contains("lexrank &#60;threshold&#62;"), "{svg}");
        assert_eq!(
            doc.descendants()
                .filter(|n| n.has_tag_name("polygon"))
                .count(),
            0
        );
    }

    #[test]
    fn line_chart_band_spans_the_intervals_and_widens_the_y_axis() {
        let series = [Series {
            name: "s".into(),
            points: vec![(0.0, 0.5), (1.0, 0.5)],
            intervals: Some(vec![(0.4, 0.6), (0.3, 0.7)]),
        }];
        let c = LineChart::new("t", "x", "y", &series);
        // y 0.3..0.7 padded by 8% (0.032): 0.268..0.732 over 330..34 px, so the points
        // (0.5) sit halfway, at 182, 0.7 at 330 - 296 * 0.432 / 0.464 = 54.41 and 0.3 at
        // 330 - 296 * 0.032 / 0.464 = 309.59, rounded to 0.1 px.
        assert_eq!(c.lines[0].path, "70,182 550,182");
        let band = c.lines[0].band.as_deref().unwrap();
        let corners: Vec<&str> = band.split(' ').collect();
        assert_eq!(corners.len(), 4);
        assert_eq!(corners[1], "550,54.4");
        assert_eq!(corners[2], "550,309.6");
    }
}

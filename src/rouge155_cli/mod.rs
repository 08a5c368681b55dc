//! `sumbench rouge155`: a drop-in for `ROUGE-1.5.5.pl`, its command line, its config
//! files and its output, byte for byte.
//!
//! This is the script's *interface* around the ROUGE-1.5.5 engine of
//! [`crate::rouge::rouge155`], kept apart from it because the engine scores texts and
//! knows nothing of files: [`args`] reads the script's command line, [`config`] its XML
//! config (or `-z` file list), [`input`] its summary formats (SEE, SPL, ISI), and this
//! module scores every (evaluation, peer) pair and prints what the script prints. Every
//! file is read and checked before the first score is printed (exit 2 naming the file),
//! where the script would die half-way through its output.
//!
//! Output, per peer and per metric in the script's order: a dashed line, the average
//! R/P/F with their confidence intervals, and with `-d` a dotted line and one line per
//! evaluation, sorted as the script sorts them (numerically by a leading number, else
//! as strings). The averages and intervals are the script's bootstrap over the peer's
//! evaluations ordered by their test ids (`EVALID.PEERID`) as strings. With `-t 1` a
//! unit is its raw totals (reference count, candidate count, hits) and each bootstrap
//! sample's R, P and F are ratios of summed totals; `-t 2` prints the summed totals.

pub mod args;
pub mod config;
pub mod input;

use std::cmp::Ordering;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use self::args::CommandLine;
use self::config::Evaluations;
use crate::rouge::rouge155::perl::{round5, Drand48};
use crate::rouge::rouge155::{bootstrap, Prepared, Scorer};
use crate::rouge::Prf;
use crate::{Error, Result};

/// Runs `sumbench rouge155 ARGS...` (the script's arguments), printing to `out`.
pub fn run(argv: &[String], out: &mut dyn Write) -> Result<()> {
    let cl = match args::parse_command_line(argv) {
        Ok(cl) => cl,
        Err(m) if m == args::USAGE => {
            out.write_all(m.as_bytes())
                .map_err(|e| Error::io("<stdout>", e))?;
            return Ok(());
        }
        Err(m) => return Err(Error::Usage(format!("rouge155: {m}"))),
    };
    let evals = match (&cl.file_list, &cl.file_list_text) {
        (Some(_), Some(z)) => {
            config::read_file_list(&cl.config, z, cl.system_id.as_deref().unwrap_or("X"))?
        }
        _ => config::read_xml(&cl.config)?,
    };
    let peers: Vec<String> = if cl.all {
        evals.peer_ids.iter().cloned().collect()
    } else {
        vec![cl.system_id.clone().unwrap_or_default()]
    };
    let scorer = Scorer::from_options(cl.options.clone());
    let names = scorer.metric_names();
    if names.is_empty() {
        // The script computes and prints nothing (e.g. `-x` alone).
        return Ok(());
    }
    let units = score_all(&cl, &evals, &peers, &scorer)?;
    let mut text = String::new();
    for (peer, rows) in peers.iter().zip(&units) {
        for (e, row) in evals.evals.iter().zip(rows) {
            if row.is_none() {
                eprintln!(
                    "*ROUGE Warning: test instance for peer {peer} does not exist for evaluation {}",
                    e.id
                );
            }
        }
        print_peer(&cl, &evals, peer, rows, &names, &mut text);
    }
    out.write_all(text.as_bytes())
        .map_err(|e| Error::io("<stdout>", e))
}

/// One unit's value per metric as the script stores it: R, P, F (`-t 0`), or reference
/// count, candidate count, hits (`-t 1`, `-t 2`).
type Unit = Vec<[f64; 3]>;

/// One evaluation's texts: its models and each peer's summary (`None`: the evaluation
/// has no file for that peer).
struct Job {
    models: Vec<String>,
    peers: Vec<Option<String>>,
}

/// Reads every file the evaluation needs, then scores: `[peer][eval]`, `None` where the
/// evaluation has no file for the peer.
fn score_all(
    cl: &CommandLine,
    evals: &Evaluations,
    peers: &[String],
    scorer: &Scorer,
) -> Result<Vec<Vec<Option<Unit>>>> {
    // Read everything first: a missing or unreadable file stops the command before any
    // output, naming the file.
    let jobs = evals
        .evals
        .iter()
        .map(|e| read_job(e, peers, &cl.config))
        .collect::<Result<Vec<_>>>()?;
    let score = |text: &str, prepared: &Prepared| -> Unit {
        if cl.token_mode.is_some() {
            let totals = scorer.score_totals(text, prepared);
            totals.iter().map(|t| [t.model, t.peer, t.hits]).collect()
        } else {
            let scores = scorer.score_prepared(text, prepared);
            scores.0.iter().map(|(_, x)| [x.r, x.p, x.f]).collect()
        }
    };
    let per_eval: Vec<Vec<Option<Unit>>> = jobs
        .par_iter()
        .map(|job| {
            if job.peers.iter().all(Option::is_none) {
                return vec![None; job.peers.len()];
            }
            let refs: Vec<&str> = job.models.iter().map(String::as_str).collect();
            let prepared = scorer.prepare(&refs);
            job.peers
                .iter()
                .map(|p| p.as_ref().map(|t| score(t, &prepared)))
                .collect()
        })
        .collect();
    Ok((0..peers.len())
        .map(|k| per_eval.iter().map(|row| row[k].clone()).collect())
        .collect())
}

/// Reads the texts of evaluation `e` for `peers` (nothing, not even the models, when
/// none of them has a file in it, as the script skips such an evaluation).
fn read_job(e: &config::Eval, peers: &[String], config_path: &Path) -> Result<Job> {
    let present: Vec<Option<PathBuf>> = peers.iter().map(|p| e.peer_path(p)).collect();
    if present.iter().all(Option::is_none) {
        return Ok(Job {
            models: Vec::new(),
            peers: vec![None; peers.len()],
        });
    }
    let format = config::eval_format(e, config_path)?;
    let model_paths = e.model_paths().map_err(|id| {
        Error::input(
            config_path,
            None,
            format!("evaluation {}: model {id} has no file name", e.id),
        )
    })?;
    let models = model_paths
        .iter()
        .map(|p| {
            if !p.exists() {
                return Err(Error::input(
                    p,
                    None,
                    format!("Cannot find model summary (evaluation {})", e.id),
                ));
            }
            input::read_summary(p, format)
        })
        .collect::<Result<Vec<_>>>()?;
    let peers = present
        .iter()
        .map(|p| {
            p.as_ref()
                .map(|p| input::read_summary(p, format))
                .transpose()
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Job { models, peers })
}

/// The script's `by_evalID`: numerically by leading digits when both ids have them,
/// otherwise as strings.
fn by_eval_id(a: &str, b: &str) -> Ordering {
    let lead = |s: &str| {
        let d: &str = &s[..s.bytes().take_while(u8::is_ascii_digit).count()];
        (!d.is_empty()).then(|| d.parse::<f64>().unwrap_or(f64::INFINITY))
    };
    match (lead(a), lead(b)) {
        // Perl sorts ties in hash order (random); strings make it deterministic.
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.cmp(b)),
        _ => a.cmp(b),
    }
}

/// `sprintf("%7.5f")` of a value the engine already rounded to 5 decimals.
fn f5(x: f64) -> String {
    format!("{x:7.5}")
}

/// Perl's default stringification of a number (`%.15g`), for the raw totals of `-t 1`
/// and `-t 2`.
fn perl_num(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        return format!("{}", x as i64);
    }
    let e = format!("{x:.14e}");
    let (mantissa, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let strip = |s: &str| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if !(-4..15).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{sign}{:02}", strip(mantissa), exp.abs())
    } else {
        strip(&format!("{x:.*}", (14 - exp) as usize))
    }
}

/// The script's `-t 1` averages and intervals: each bootstrap sample sums the drawn
/// units' totals and takes R = hits / reference count, P = hits / candidate count and F
/// from them; then the mean and interval of the samples as for `-t 0`.
fn token_aggregate(
    units: &[&Unit],
    k: usize,
    resamples: usize,
    confidence: f64,
    alpha: f64,
) -> [[f64; 3]; 3] {
    let n = units.len();
    let mut samples = [
        Vec::with_capacity(resamples),
        Vec::with_capacity(resamples),
        Vec::with_capacity(resamples),
    ];
    for s in 0..resamples {
        let mut rng = Drand48::new(s as u32);
        let mut sum = [0.0f64; 3];
        for d in 0..n {
            let x = units[rng.index(n)][k];
            if d == 0 {
                sum = x;
            } else {
                for c in 0..3 {
                    sum[c] += x[c];
                }
            }
        }
        let r = if sum[0] > 0.0 { sum[2] / sum[0] } else { 0.0 };
        let p = if sum[1] > 0.0 { sum[2] / sum[1] } else { 0.0 };
        let denom = (1.0 - alpha) * p + alpha * r;
        let f = if denom > 0.0 { r * p / denom } else { 0.0 };
        samples[0].push(r);
        samples[1].push(p);
        samples[2].push(f);
    }
    let rs = resamples as f64;
    let delta = rs * ((100.0 - confidence) / 2.0) / 100.0;
    let ci_ua = (rs - delta - 1.0) as i64;
    let ci_la = delta as i64;
    let ci_r = rs - delta - 1.0 - ci_ua as f64;
    let mut out = [[0.0; 3]; 3];
    for (c, v) in samples.iter_mut().enumerate() {
        v.sort_by(f64::total_cmp);
        // Perl reads an index past the end as undef, i.e. 0.
        let at = |i: i64| {
            usize::try_from(i)
                .ok()
                .and_then(|i| v.get(i))
                .copied()
                .unwrap_or(0.0)
        };
        out[c] = [
            round5(v.iter().fold(0.0, |a, &x| a + x) / rs),
            round5(at(ci_la) + (at(ci_la + 1) - at(ci_la)) * ci_r),
            round5(at(ci_ua) + (at(ci_ua + 1) - at(ci_ua)) * ci_r),
        ];
    }
    out
}

/// Appends the script's output for one peer.
fn print_peer(
    cl: &CommandLine,
    evals: &Evaluations,
    peer: &str,
    rows: &[Option<Unit>],
    names: &[String],
    out: &mut String,
) {
    // (test id, unit) of the evaluations the peer has, in the script's string order.
    let mut tests: Vec<(String, &Unit)> = evals
        .evals
        .iter()
        .zip(rows)
        .filter_map(|(e, s)| s.as_ref().map(|s| (format!("{}.{peer}", e.id), s)))
        .collect();
    tests.sort_by(|a, b| a.0.cmp(&b.0));
    let units: Vec<&Unit> = tests.iter().map(|(_, u)| *u).collect();
    let aggregates = aggregates(cl, &units, names);
    let mut per_eval: Vec<usize> = (0..tests.len()).collect();
    per_eval.sort_by(|&a, &b| by_eval_id(&tests[a].0, &tests[b].0));
    let c = &cl.options.confidence.1;
    for (k, name) in names.iter().enumerate() {
        out.push_str("---------------------------------------------\n");
        if let Some(agg) = aggregates.get(k) {
            for (tag, [m, l, h]) in ["R", "P", "F"].iter().zip(agg) {
                out.push_str(&format!(
                    "{peer} {name} Average_{tag}: {} ({c}%-conf.int. {} - {})\n",
                    f5(*m),
                    f5(*l),
                    f5(*h)
                ));
            }
        } else {
            print_counts(peer, name, &units, k, out);
        }
        if cl.per_eval {
            out.push_str(".............................................\n");
            for &i in &per_eval {
                let (id, u) = &tests[i];
                let num = |x: f64| match cl.token_mode {
                    Some(_) => perl_num(x),
                    None => f5(x),
                };
                let [r, p, f] = u[k].map(num);
                out.push_str(&format!("{peer} {name} Eval {id} R:{r} P:{p} F:{f}\n"));
            }
        }
    }
}

/// Per metric, the average and interval bounds of R, P and F (`[[mean, low, high]; 3]`)
/// over `units` in the script's order; none with `-t 2`, which prints sums instead.
fn aggregates(cl: &CommandLine, units: &[&Unit], names: &[String]) -> Vec<[[f64; 3]; 3]> {
    let o = &cl.options;
    match cl.token_mode {
        None => {
            let table: Vec<Vec<Prf>> = units
                .iter()
                .map(|u| u.iter().map(|&[r, p, f]| Prf { p, r, f }).collect())
                .collect();
            let slices: Vec<&[Prf]> = table.iter().map(Vec::as_slice).collect();
            bootstrap::aggregate_in_order(names, &slices, o.resamples, o.confidence.0)
                .into_iter()
                .map(|a| {
                    let (lo, hi) = (a.low.unwrap_or_default(), a.high.unwrap_or_default());
                    [
                        [a.mean.r, lo.r, hi.r],
                        [a.mean.p, lo.p, hi.p],
                        [a.mean.f, lo.f, hi.f],
                    ]
                })
                .collect()
        }
        Some(1) => (0..names.len())
            .map(|k| token_aggregate(units, k, o.resamples, o.confidence.0, o.alpha.0))
            .collect(),
        Some(_) => Vec::new(),
    }
}

/// `-t 2`: the summed totals of metric `k`, truncated as by Perl's int().
fn print_counts(peer: &str, name: &str, units: &[&Unit], k: usize, out: &mut String) {
    let mut sum = [0.0f64; 3];
    for u in units {
        for (s, x) in sum.iter_mut().zip(u[k]) {
            *s += x;
        }
    }
    let [m, p, h] = sum.map(|x| perl_num(x.trunc()));
    out.push_str(&format!(
        "{peer} {name} M_count: {m} P_count: {p} H_count: {h}\n"
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eval_ids_sort_like_the_script() {
        let mut ids = vec!["10.A", "9.A", "D30.A", "2b.A", "D4.A", "1.A"];
        ids.sort_by(|a, b| by_eval_id(a, b));
        assert_eq!(ids, ["1.A", "2b.A", "9.A", "10.A", "D30.A", "D4.A"]);
        assert_eq!(f5(0.5), "0.50000");
        assert_eq!(f5(0.0), "0.00000");
        // perl -e 'print 12, " ", 10.5, " ", 1/3, " ", 2**0.5*1e20, " ", 1e-5/3'
        assert_eq!(perl_num(12.0), "12");
        assert_eq!(perl_num(10.5), "10.5");
        assert_eq!(perl_num(1.0 / 3.0), "0.333333333333333");
        assert_eq!(perl_num(2f64.sqrt() * 1e20), "1.4142135623731e+20");
        assert_eq!(perl_num(1e-5 / 3.0), "3.33333333333333e-06");
    }
}

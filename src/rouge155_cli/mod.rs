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
//! evaluations ordered by their test ids (`EVALID.PEERID`) as strings.

pub mod args;
pub mod config;
pub mod input;

use std::cmp::Ordering;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use self::args::CommandLine;
use self::config::Evaluations;
use crate::rouge::rouge155::{bootstrap, Scorer};
use crate::rouge::{Prf, Scores};
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
    check_data_dir(&cl)?;
    let evals = match (&cl.file_list, &cl.file_list_text) {
        (Some(_), Some(z)) => config::read_file_list(
            &cl.config,
            z,
            cl.system_id.as_deref().unwrap_or("X"),
        )?,
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

/// `-e DIR` is accepted whatever it holds, since the data are built in; the one case
/// refused is a stopword list that differs from the standard one while `-s` uses it,
/// because the script's numbers would then differ from ours.
fn check_data_dir(cl: &CommandLine) -> Result<()> {
    let Some(dir) = &cl.data_dir else {
        return Ok(());
    };
    if !cl.options.stopwords {
        return Ok(());
    }
    let path = dir.join("smart_common_words.txt");
    let Ok(theirs) = std::fs::read(&path) else {
        return Ok(());
    };
    let ours = crate::rouge::rouge155::lexicon::STOPWORDS.as_bytes();
    if theirs != ours {
        return Err(Error::input(
            &path,
            None,
            "differs from ROUGE-1.5.5's standard smart_common_words.txt, which sumbench \
             has built in and uses for -s; remove -e or use the standard data directory",
        ));
    }
    Ok(())
}

/// Reads every file the evaluation needs, then scores: `[peer][eval]`, `None` where the
/// evaluation has no file for the peer.
fn score_all(
    cl: &CommandLine,
    evals: &Evaluations,
    peers: &[String],
    scorer: &Scorer,
) -> Result<Vec<Vec<Option<Scores>>>> {
    // Read everything first: a missing or unreadable file stops the command before any
    // output, naming the file.
    struct Job {
        models: Vec<String>,
        peers: Vec<Option<String>>,
    }
    let config_path: &Path = &cl.config;
    let mut jobs = Vec::with_capacity(evals.evals.len());
    for e in &evals.evals {
        let present: Vec<Option<PathBuf>> = peers.iter().map(|p| e.peer_path(p)).collect();
        if present.iter().all(Option::is_none) {
            jobs.push(Job {
                models: Vec::new(),
                peers: vec![None; peers.len()],
            });
            continue;
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
            .map(|p| p.as_ref().map(|p| input::read_summary(p, format)).transpose())
            .collect::<Result<Vec<_>>>()?;
        jobs.push(Job { models, peers });
    }
    let per_eval: Vec<Vec<Option<Scores>>> = jobs
        .par_iter()
        .map(|job| {
            if job.peers.iter().all(Option::is_none) {
                return vec![None; job.peers.len()];
            }
            let refs: Vec<&str> = job.models.iter().map(String::as_str).collect();
            let prepared = scorer.prepare(&refs);
            job.peers
                .iter()
                .map(|p| p.as_ref().map(|t| scorer.score_prepared(t, &prepared)))
                .collect()
        })
        .collect();
    Ok((0..peers.len())
        .map(|k| per_eval.iter().map(|row| row[k].clone()).collect())
        .collect())
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

/// Appends the script's output for one peer.
fn print_peer(
    cl: &CommandLine,
    evals: &Evaluations,
    peer: &str,
    rows: &[Option<Scores>],
    names: &[String],
    out: &mut String,
) {
    // (test id, scores) of the evaluations the peer has.
    let mut tests: Vec<(String, &Scores)> = evals
        .evals
        .iter()
        .zip(rows)
        .filter_map(|(e, s)| s.as_ref().map(|s| (format!("{}.{peer}", e.id), s)))
        .collect();
    tests.sort_by(|a, b| a.0.cmp(&b.0));
    let table: Vec<Vec<Prf>> = tests
        .iter()
        .map(|(_, s)| s.0.iter().map(|(_, prf)| *prf).collect())
        .collect();
    let slices: Vec<&[Prf]> = table.iter().map(Vec::as_slice).collect();
    let o = &cl.options;
    let aggregates = bootstrap::aggregate_in_order(names, &slices, o.resamples, o.confidence.0);
    let mut per_eval: Vec<usize> = (0..tests.len()).collect();
    per_eval.sort_by(|&a, &b| by_eval_id(&tests[a].0, &tests[b].0));
    let c = &o.confidence.1;
    for (k, (name, agg)) in names.iter().zip(&aggregates).enumerate() {
        let (lo, hi) = (agg.low.unwrap_or_default(), agg.high.unwrap_or_default());
        out.push_str("---------------------------------------------\n");
        for (tag, m, l, h) in [
            ("R", agg.mean.r, lo.r, hi.r),
            ("P", agg.mean.p, lo.p, hi.p),
            ("F", agg.mean.f, lo.f, hi.f),
        ] {
            out.push_str(&format!(
                "{peer} {name} Average_{tag}: {} ({c}%-conf.int. {} - {})\n",
                f5(m),
                f5(l),
                f5(h)
            ));
        }
        if cl.per_eval {
            out.push_str(".............................................\n");
            for &i in &per_eval {
                let (id, s) = &tests[i];
                let x = s.0[k].1;
                out.push_str(&format!(
                    "{peer} {name} Eval {id} R:{} P:{} F:{}\n",
                    f5(x.r),
                    f5(x.p),
                    f5(x.f)
                ));
            }
        }
    }
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
    }
}

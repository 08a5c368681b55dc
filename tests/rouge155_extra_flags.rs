//! Option sets beyond the public vectors, checked against the real script's output on the
//! same texts (`tests/data/rouge155_extra_flags.json`, produced by `ROUGE-1.5.5.pl` with
//! `tests/data/run_rouge155.py`): ROUGE-5…9, `-f B` with ROUGE-L/W/S, `-2 -1` (S*), `-2 0`,
//! `-U`, `-s` with `-m`, `-l` and `-b` cut-offs with ROUGE-L/W, alpha other than 0.5, and
//! other `-c` / `-r` values for the averages and intervals; plus random texts made of odd
//! pieces (tabs, CR LF, NBSP, hyphens, non-ASCII words, empty lines) under four option sets;
//! and flags the script accepts that the texts' flag parser once refused (`-n 12`, `-n -1`,
//! `-e DIR`, `-f C`, `-t 3`, `-u` without `-2`, `-z spl`, bundles such as `-msxUn10 -2-1`).
use std::collections::BTreeMap;

use serde_json::Value;
use sumbench::rouge::{Mode, RougeSettings, Scorer};

const VECTORS: &str = include_str!("data/conformance/public.rouge155.jsonl");
const EXTRA: &str = include_str!("data/rouge155_extra_flags.json");

#[test]
fn extra_option_sets_match_the_script() {
    let mut texts: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for line in VECTORS.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let refs = v["references"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .collect();
        texts.insert(
            v["id"].as_str().unwrap().to_string(),
            (v["candidate"].as_str().unwrap().to_string(), refs),
        );
    }
    let extra: Value = serde_json::from_str(EXTRA).unwrap();
    for (id, c) in extra["cases"].as_object().unwrap() {
        let refs = c["references"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .collect();
        texts.insert(
            id.clone(),
            (c["candidate"].as_str().unwrap().to_string(), refs),
        );
    }
    let mut failures = Vec::new();
    let mut checked = 0;
    for run in extra["runs"].as_array().unwrap() {
        let flags = run["flags"].as_str().unwrap();
        let scorer = Scorer::new(&RougeSettings {
            mode: Mode::Rouge155,
            flags: Some(flags.to_string()),
            stem: None,
            metrics: None,
            tokenizer: Default::default(),
        })
        .unwrap();
        let want_names: Vec<&String> = run["averages"].as_object().unwrap().keys().collect();
        let mut names = scorer.metric_names();
        names.sort();
        assert_eq!(names.iter().collect::<Vec<_>>(), want_names, "{flags}");
        let mut units = Vec::new();
        for (id, want) in run["ids"]
            .as_array()
            .unwrap()
            .iter()
            .zip(run["units"].as_array().unwrap())
        {
            let (cand, refs) = &texts[id.as_str().unwrap()];
            let refs: Vec<&str> = refs.iter().map(String::as_str).collect();
            let got = scorer.score(cand, &refs);
            for (metric, prf) in &got.0 {
                for (k, g) in [("r", prf.r), ("p", prf.p), ("f", prf.f)] {
                    let w = want[metric][k].as_f64().unwrap();
                    checked += 1;
                    if (g - w).abs() > 5e-6 {
                        failures.push(format!("[{flags}] {id} {metric}.{k}: got {g}, script {w}"));
                    }
                }
            }
            units.push(got);
        }
        for agg in scorer.aggregate(&units) {
            let want = &run["averages"][agg.metric.as_str()];
            let (lo, hi) = (agg.low.unwrap(), agg.high.unwrap());
            for (k, m, l, h) in [
                ("r", agg.mean.r, lo.r, hi.r),
                ("p", agg.mean.p, lo.p, hi.p),
                ("f", agg.mean.f, lo.f, hi.f),
            ] {
                let w = &want[k];
                checked += 1;
                let got = [m, l, h];
                let script = [
                    w["value"].as_f64().unwrap(),
                    w["ci"][0].as_f64().unwrap(),
                    w["ci"][1].as_f64().unwrap(),
                ];
                if got.iter().zip(&script).any(|(g, s)| (g - s).abs() > 5e-6) {
                    failures.push(format!(
                        "[{flags}] average {}.{k}: got {got:?}, script {script:?}",
                        agg.metric
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} values differ:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(checked > 50_000, "{checked}");
}

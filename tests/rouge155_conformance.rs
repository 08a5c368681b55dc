//! Every ROUGE-1.5.5 conformance vector (`tests/data/conformance/public.rouge155.jsonl`,
//! per-unit scores printed by the real `ROUGE-1.5.5.pl`, see
//! `/work/shared/conformance/README.md`) is reproduced to the script's 5 decimals, and the
//! cases on which the script itself dies score zero.
use std::collections::BTreeMap;

use serde_json::Value;
use sumbench::rouge::{Mode, RougeSettings, Scorer, TokenizerKind};

const VECTORS: &str = include_str!("data/conformance/public.rouge155.jsonl");
const REFUSED: &str = include_str!("data/conformance/public.rouge155.refused.json");

/// The flags of each option set, as documented with the vectors.
fn set_flags(set: &str) -> &'static str {
    match set {
        "duc-su4" => "-n 4 -m -2 4 -u -w 1.2 -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d",
        "duc-l100" => "-n 4 -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d",
        "stop-b665-bestref" => "-n 2 -s -b 665 -2 4 -u -c 95 -r 1000 -f B -p 0.5 -t 0 -a -d",
        other => panic!("unknown option set {other}"),
    }
}

fn scorer(flags: &str) -> Scorer {
    Scorer::new(&RougeSettings {
        mode: Mode::Rouge155,
        flags: Some(flags.to_string()),
        stem: None,
        metrics: None,
        tokenizer: TokenizerKind::Default,
    })
    .unwrap()
}

fn rows() -> Vec<Value> {
    VECTORS
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn refs(row: &Value) -> Vec<&str> {
    row["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect()
}

fn round5(x: f64) -> f64 {
    (x * 1e5).round() / 1e5
}

#[test]
fn every_vector_matches_the_script() {
    let rows = rows();
    assert_eq!(rows.len(), 898);
    let mut scorers: BTreeMap<String, Scorer> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut values = 0;
    for row in &rows {
        assert_eq!(row["mode"], "rouge155");
        let flags = row["options"]["flags"].as_str().unwrap();
        assert_eq!(flags, set_flags(row["options"]["set"].as_str().unwrap()));
        let s = scorers
            .entry(flags.to_string())
            .or_insert_with(|| scorer(flags));
        let got = s.score(row["candidate"].as_str().unwrap(), &refs(row));
        let expected = row["expected"].as_object().unwrap();
        assert_eq!(
            got.0
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .len(),
            expected.len(),
            "{}: metric set",
            row["id"]
        );
        for (metric, want) in expected {
            let Some(prf) = got.get(metric) else {
                failures.push(format!("{} {metric}: not computed", row["id"]));
                continue;
            };
            for (k, g) in [("p", prf.p), ("r", prf.r), ("f", prf.f)] {
                let w = want[k].as_f64().unwrap();
                values += 1;
                if (round5(g) - w).abs() > 5e-6 {
                    failures.push(format!(
                        "{} [{}] {metric}.{k}: got {g}, script {w}",
                        row["id"], row["options"]["set"]
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {values} values differ:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(values, 300 * 7 * 3 - 2 * 7 * 3 + 300 * 5 * 3 + 300 * 4 * 3);
}

#[test]
fn refused_cases_score_zero() {
    let refused: Value = serde_json::from_str(REFUSED).unwrap();
    let rows = rows();
    let refused = refused.as_array().unwrap();
    assert_eq!(refused.len(), 2);
    for case in refused {
        let id = case["id"].as_str().unwrap();
        // The texts are those of the same case under the other option sets.
        let row = rows.iter().find(|r| r["id"] == id).unwrap();
        let s = scorer(set_flags(case["set"].as_str().unwrap()));
        let got = s.score(row["candidate"].as_str().unwrap(), &refs(row));
        assert_eq!(got.0.len(), 7);
        for (metric, prf) in &got.0 {
            assert_eq!((prf.p, prf.r, prf.f), (0.0, 0.0, 0.0), "{id} {metric}");
        }
    }
}

//! `sumbench run` end to end with the oracle: the table and the results file mark it, and
//! it beats every other system, every registered kind plus the tuned variants, on the
//! bundled seed cluster's own references (`references/ukraine-talks-2022-01`).
use std::path::{Path, PathBuf};
use std::process::Command;

fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sumbench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Mean of the ROUGE-1 and ROUGE-2 F-measures of `system` in the results file.
fn r1_r2_f(results: &serde_json::Value, system: &str) -> f64 {
    let avg = results["averages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["system"] == system)
        .unwrap_or_else(|| panic!("no averages for {system}"));
    let f = |metric: &str| {
        avg["scores"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["metric"] == metric)
            .unwrap_or_else(|| panic!("{system}: no {metric}"))["mean"]["f"]
            .as_f64()
            .unwrap()
    };
    (f("rouge1") + f("rouge2")) / 2.0
}

#[test]
fn oracle_is_marked_and_beats_every_system_on_its_references() {
    let root = fresh_dir("oracle");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Every registered kind except the oracle itself, `command` (it needs a program) and
    // `summaries` (it needs a file), plus the variants the shipped configs use.
    let mut systems: Vec<String> = sumbench::summarize::registry::BUILTINS
        .iter()
        .map(|s| s.kind)
        .filter(|k| !matches!(*k, "oracle" | "command" | "summaries"))
        .map(|k| format!("  - {{type: {k}}}"))
        .collect();
    systems.push("  - {type: lead, name: lead-rr, variant: round-robin}".into());
    systems.push("  - {type: lexrank, name: lexrank-continuous, variant: continuous}".into());
    systems.push("  - {type: ilp, name: ilp-icsi, first_sentence_weight: 1}".into());
    let competitors: Vec<String> = systems
        .iter()
        .map(|line| match line.split("name: ").nth(1) {
            Some(rest) => rest.split(',').next().unwrap().to_string(),
            None => line
                .trim_start_matches("  - {type: ")
                .trim_end_matches('}')
                .to_string(),
        })
        .collect();
    let config = format!(
        "name: oracle-check
datasets:
  - name: seed
    format: dir
    path: {corpus:?}
    references: {refs:?}
budget: {{unit: words, limit: 100}}
summarizers:
{systems}
  - {{type: oracle}}
rouge: {{mode: rouge-score, stem: true}}
output: {out:?}
seed: 7
",
        corpus = repo.join("corpus"),
        refs = repo.join("references"),
        systems = systems.join("\n"),
        out = root.join("results"),
    );
    let config_path = root.join("config.yaml");
    std::fs::write(&config_path, config).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_sumbench"))
        .args(["run", "--config"])
        .arg(&config_path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The table marks the oracle row, and only that row.
    assert!(
        stdout.lines().any(|l| l.starts_with("| oracle (oracle) ")),
        "{stdout}"
    );
    assert_eq!(stdout.matches("(oracle)").count(), 1, "{stdout}");

    let text = std::fs::read_to_string(root.join("results/oracle-check.json")).unwrap();
    let results: serde_json::Value = serde_json::from_str(&text).unwrap();
    for a in results["averages"].as_array().unwrap() {
        assert_eq!(a["oracle"], a["system"] == "oracle", "{a}");
        assert_eq!(a["failures"], 0, "{a}");
    }
    for s in results["systems"].as_array().unwrap() {
        assert_eq!(s["oracle"], s["name"] == "oracle", "{s}");
    }
    for unit in results["results"].as_array().unwrap() {
        let words = unit["summary"].as_str().unwrap().split_whitespace().count();
        assert!(
            words > 0 && words <= 100,
            "{}: {words} words",
            unit["system"]
        );
    }
    // On its objective (mean ROUGE-1/ROUGE-2 F under rouge-score, the run's ROUGE here).
    let oracle = r1_r2_f(&results, "oracle");
    assert!(competitors.len() >= 16, "{competitors:?}");
    for system in &competitors {
        let other = r1_r2_f(&results, system);
        assert!(oracle > other, "oracle {oracle} <= {system} {other}");
    }
    let _ = std::fs::remove_dir_all(&root);
}

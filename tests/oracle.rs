//! `sumbench run` end to end with the oracle: the table and the results file mark it, and
//! it beats the non-oracle systems on the references it reads.
//!
//! The references are written here by hand for the bundled seed cluster (two short
//! summaries of the January 2022 Russia–West talks on Ukraine), so the test needs no data
//! beyond the repository's `corpus/`.
use std::path::{Path, PathBuf};
use std::process::Command;

const REFERENCE_A: &str = "Russian and US officials held talks in Geneva on Ukraine but made little progress.
Kremlin spokesman Dmitry Peskov told CNN that the two sides remain on totally different paths, which he called disturbing.
Russia has deployed about 100,000 troops near the Ukrainian border and demands guarantees that Ukraine will never join NATO.
The West calls the demands unacceptable and warns of severe sanctions if Russia invades.
Deputy Foreign Minister Sergei Ryabkov said Russia has no intention to attack Ukraine and will make no concessions.
";

const REFERENCE_B: &str = "A week of diplomacy between Russia and the West over Ukraine ended without a breakthrough.
Moscow wants a legal commitment that NATO will stop expanding east and will not admit Ukraine, and it has massed tens of thousands of soldiers on the border.
Washington says Russia may be preparing a pretext for an invasion and threatens unprecedented sanctions.
Sergei Ryabkov, who led the Russian delegation in Geneva, ruled out concessions.
Peskov said military action would be madness but that Russia is ready to respond.
";

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
    let refs = root.join("references/ukraine-talks-2022-01");
    std::fs::create_dir_all(&refs).unwrap();
    std::fs::write(refs.join("A.txt"), REFERENCE_A).unwrap();
    std::fs::write(refs.join("B.txt"), REFERENCE_B).unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let config = format!(
        "name: oracle-check
datasets:
  - name: seed
    format: dir
    path: {corpus:?}
    references: {refs:?}
budget: {{unit: words, limit: 100}}
summarizers:
  - {{type: lead}}
  - {{type: textrank}}
  - {{type: centroid}}
  - {{type: ilp}}
  - {{type: oracle}}
rouge: {{mode: rouge-score, stem: true}}
output: {out:?}
seed: 7
",
        refs = root.join("references"),
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
    assert!(stdout.contains("| oracle (oracle) |"), "{stdout}");
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
    let oracle = r1_r2_f(&results, "oracle");
    for system in ["lead", "textrank", "centroid", "ilp"] {
        let other = r1_r2_f(&results, system);
        assert!(oracle > other, "oracle {oracle} <= {system} {other}");
    }
    let _ = std::fs::remove_dir_all(&root);
}

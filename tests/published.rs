//! Outside systems in the same run (`type: summaries`): summaries written elsewhere are
//! scored by the same engine as the built-in systems, clusters without a summary fail
//! their unit instead of scoring zero unnoticed, and bad files are refused before the run.
//!
//! The fixture tests use the bundled MultiLing 2011 clusters (CC BY 3.0) and summaries
//! the test writes itself. `configs/duc2004-published.yaml` is checked against the
//! published-systems table of `results/duc2004.md` when the DUC 2004 data is present
//! (`$SUMBENCH_SHARED`, else `../shared`), and skipped with a message otherwise.
use std::path::{Path, PathBuf};

mod common;
use common::{repo, stderr, sumbench, temp_dir};

/// A config over the bundled MultiLing 2011 clusters with `systems`, writing into `out`.
fn config(out: &Path, systems: &str) -> String {
    format!(
        "name: t\ndatasets:\n  - {{name: ml, format: jsonl, path: {}}}\n\
         budget: {{unit: words, limit: 100}}\nsummarizers:\n{systems}\
         rouge: {{mode: rouge155, flags: \"-n 2 -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a\"}}\n\
         output: {}\nseed: 42\n",
        repo()
            .join("corpus/multiling2011-en/clusters.jsonl")
            .display(),
        out.display()
    )
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn run(dir: &Path, yaml: &str) -> std::process::Output {
    let cfg = dir.join("c.yaml");
    std::fs::write(&cfg, yaml).unwrap();
    sumbench(&repo(), &["run", "--config", cfg.to_str().unwrap()])
}

/// Lead's summaries of the fixture, from a run of the built-in `lead`.
fn lead_summaries(dir: &Path) -> Vec<(String, String)> {
    let o = run(dir, &config(&dir.join("out"), "  - {type: lead}\n"));
    assert!(o.status.success(), "{}", stderr(&o));
    let results = read_json(&dir.join("out/t.json"));
    results["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["cluster"].as_str().unwrap().to_owned(),
                u["summary"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn precomputed_summaries_score_exactly_as_the_system_that_wrote_them() {
    let dir = temp_dir("published", "same-scores");
    let lead = lead_summaries(&dir);
    assert_eq!(lead.len(), 10);
    let file = dir.join("outside.jsonl");
    let lines: Vec<String> = lead
        .iter()
        .map(|(c, s)| serde_json::json!({"cluster": c, "system": "ours", "summary": s}).to_string())
        .collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    let systems = format!(
        "  - {{type: lead}}\n  - {{type: summaries, name: outside, system: ours, path: {}}}\n",
        file.display()
    );
    let o = run(&dir, &config(&dir.join("out2"), &systems));
    assert!(o.status.success(), "{}", stderr(&o));
    let results = read_json(&dir.join("out2/t.json"));
    let averages = results["averages"].as_array().unwrap();
    assert_eq!(averages.len(), 2);
    // Same per-cluster scores, same averages and intervals, and a paired test between them.
    assert_eq!(averages[0]["scores"], averages[1]["scores"]);
    let units = results["results"].as_array().unwrap();
    for pair in units.chunks(2) {
        assert_eq!(pair[0]["cluster"], pair[1]["cluster"]);
        assert_eq!(
            pair[0]["scores"], pair[1]["scores"],
            "{}",
            pair[0]["cluster"]
        );
        assert_eq!(pair[0]["summary"], pair[1]["summary"]);
    }
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("| outside "), "{stdout}");
}

#[test]
fn a_cluster_without_a_summary_fails_its_unit_and_the_run_exits_3() {
    let dir = temp_dir("published", "missing");
    let lead = lead_summaries(&dir);
    let file = dir.join("outside.jsonl");
    // Leave the third cluster out.
    let lines: Vec<String> = lead
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != 2)
        .map(|(_, (c, s))| serde_json::json!({"cluster": c, "summary": s}).to_string())
        .collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    let systems = format!(
        "  - {{type: summaries, name: outside, path: {}}}\n",
        file.display()
    );
    let o = run(&dir, &config(&dir.join("out2"), &systems));
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let missing = &lead[2].0;
    assert!(
        stdout.contains(&format!(
            "failed: outside on ml/{missing}: no summary for cluster `{missing}` in {}",
            file.display()
        )),
        "{stdout}"
    );
    assert!(stdout.contains("| 1/10 "), "{stdout}");
    let results = read_json(&dir.join("out2/t.json"));
    assert_eq!(results["averages"][0]["failures"], 1);
}

#[test]
fn bad_files_are_refused_before_the_run_naming_file_line_or_clusters() {
    let dir = temp_dir("published", "refused");
    let file = dir.join("outside.jsonl");
    let systems = format!(
        "  - {{type: summaries, name: outside, path: {}}}\n",
        file.display()
    );
    let yaml = config(&dir.join("out"), &systems);
    std::fs::write(
        &file,
        "{\"cluster\": \"M000\", \"summary\": \"A.\"}\n{\"cluster\": \"M001\", \"summary\": 3}\n",
    )
    .unwrap();
    let o = run(&dir, &yaml);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("{}:2: column", file.display())),
        "{}",
        stderr(&o)
    );
    std::fs::write(
        &file,
        "{\"cluster\": \"M000\", \"summary\": \"A.\"}\n{\"cluster\": \"nope\", \"summary\": \"B.\"}\n",
    )
    .unwrap();
    let o = run(&dir, &yaml);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("summaries for 1 clusters in none of the run's datasets (nope)"),
        "{err}"
    );
    assert!(!dir.join("out/t.json").exists());
}

fn shared_dir() -> PathBuf {
    match std::env::var_os("SUMBENCH_SHARED") {
        Some(p) => PathBuf::from(p),
        None => repo().join("../shared"),
    }
}

/// `(system, [R-1, R-2, R-4] as "mean [low, high]" × 100)` rows of the published-systems
/// table in results/duc2004.md.
fn published_table() -> Vec<(String, [String; 3])> {
    let md = std::fs::read_to_string(repo().join("results/duc2004.md")).unwrap();
    let start = md
        .find("### Published systems")
        .expect("the published table");
    md[start..]
        .lines()
        .skip_while(|l| !l.starts_with("| Lead"))
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (
                cells[1].to_owned(),
                [
                    cells[2].to_owned(),
                    cells[3].to_owned(),
                    cells[4].to_owned(),
                ],
            )
        })
        .collect()
}

#[test]
fn duc2004_published_config_reproduces_the_published_table() {
    let shared = shared_dir();
    let data = shared.join("data/duc2004-task2");
    if !data.join("sumrepo_peers.jsonl").is_file() {
        eprintln!(
            "skipped: DUC 2004 data not found at {} (set SUMBENCH_SHARED to the shared folder)",
            data.display()
        );
        return;
    }
    let dir = temp_dir("published", "duc2004");
    let text = std::fs::read_to_string(repo().join("configs/duc2004-published.yaml")).unwrap();
    // Only the published systems: the built-ins are results/duc2004.md's other table.
    let text: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("- {type:") || l.contains("type: summaries"))
        .map(|l| {
            let l = l.replace("../shared", &shared.display().to_string());
            if l.starts_with("output:") {
                format!("output: {}", dir.join("out").display())
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let o = run(&dir, &text);
    assert!(o.status.success(), "{}", stderr(&o));
    let results = read_json(&dir.join("out/duc2004-published.json"));
    let table = published_table();
    assert_eq!(table.len(), 13);
    for (system, cells) in &table {
        let avg = results["averages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["system"] == system.as_str())
            .unwrap_or_else(|| panic!("{system} not in the run"));
        assert_eq!(avg["failures"], 0);
        for (metric, cell) in ["ROUGE-1", "ROUGE-2", "ROUGE-4"].iter().zip(cells) {
            let s = avg["scores"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["metric"] == *metric)
                .unwrap();
            let r = |k: &str| s[k]["r"].as_f64().unwrap() * 100.0;
            let ours = format!("{:.2} [{:.2}, {:.2}]", r("mean"), r("low"), r("high"));
            assert_eq!(&ours, cell, "{system} {metric}");
        }
    }
}

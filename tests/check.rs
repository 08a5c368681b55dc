//! End-to-end tests of `sumbench check`, the quality gate, run as CI runs it.
//!
//! Worse, better or changed runs are made by editing a copy of a real results file, not
//! by running a deliberately worse configuration: a changed parameter changes the config
//! digest, which the check rightly refuses, so editing the results is the only honest way
//! to present "the same configuration, scoring worse". Expected p-values are worked out
//! by hand in the comments.
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn sumbench(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sumbench"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("sumbench runs")
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty temporary folder unique to `name`.
fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sumbench-check-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts the exit code, showing both streams when it is wrong.
fn assert_code(o: &Output, code: i32) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        stdout(o),
        stderr(o)
    );
}

/// A config named `t` over the bundled seed cluster (1 cluster), writing into `dir/out`.
fn seed_config(dir: &Path, systems: &str) -> PathBuf {
    let text = format!(
        "name: t\ndatasets:\n  - {{name: seed, format: dir, path: {}, references: {}}}\n\
         summarizers:\n{systems}rouge: {{mode: rouge-score, stem: true, metrics: [rouge1, rouge2]}}\n\
         output: {}\nseed: 42\n",
        repo().join("corpus").display(),
        repo().join("references").display(),
        dir.join("out").display()
    );
    let path = dir.join("c.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

const THREE: &str = "  - {type: lead}\n  - {type: textrank}\n  - {type: centroid}\n";

/// A run of lead, textrank and centroid over the bundled MultiLing 2011 clusters (10),
/// scored in rouge-score mode for speed, and its baseline; made once for every test.
struct Multiling {
    results: PathBuf,
    baseline: PathBuf,
}

fn multiling() -> &'static Multiling {
    static M: OnceLock<Multiling> = OnceLock::new();
    M.get_or_init(|| {
        let dir = temp_dir("multiling");
        let text = format!(
            "name: ml\ndatasets:\n  - {{name: ml, format: jsonl, path: {}}}\n\
             budget: {{unit: words, limit: 250}}\nsummarizers:\n{THREE}\
             rouge: {{mode: rouge-score, stem: true, metrics: [rouge1, rouge2]}}\n\
             output: {}\nseed: 42\n",
            repo()
                .join("corpus/multiling2011-en/clusters.jsonl")
                .display(),
            dir.join("out").display()
        );
        let config = dir.join("ml.yaml");
        std::fs::write(&config, text).unwrap();
        let baseline = dir.join("baseline.json");
        let o = sumbench(&[
            "check",
            "--update",
            "-q",
            "--baseline",
            s(&baseline),
            "--config",
            s(&config),
        ]);
        assert_code(&o, 0);
        Multiling {
            results: dir.join("out/ml.json"),
            baseline,
        }
    })
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn write_json(path: &Path, v: &Value) {
    std::fs::write(path, serde_json::to_string_pretty(v).unwrap()).unwrap();
}

/// Copies results file `from` to `to`, applying `edit` to each unit result of `system`
/// with its index among that system's units.
fn edit_system(from: &Path, to: &Path, system: &str, edit: impl Fn(usize, &mut Value)) {
    let mut v = read_json(from);
    let units = v["results"].as_array_mut().unwrap();
    for (i, u) in units
        .iter_mut()
        .filter(|u| u["system"] == system)
        .enumerate()
    {
        edit(i, u);
    }
    write_json(to, &v);
}

/// Multiplies every score part (p, r, f) of every metric of a unit by `factor`.
fn scale_scores(u: &mut Value, factor: f64) {
    for prf in u["scores"].as_object_mut().unwrap().values_mut() {
        for part in ["p", "r", "f"] {
            prf[part] = (prf[part].as_f64().unwrap() * factor).into();
        }
    }
}

/// Adds `delta` to every score part of every metric of a unit.
fn shift_scores(u: &mut Value, delta: f64) {
    for prf in u["scores"].as_object_mut().unwrap().values_mut() {
        for part in ["p", "r", "f"] {
            prf[part] = (prf[part].as_f64().unwrap() + delta).into();
        }
    }
}

/// The table row of `system` and `metric`.
fn row<'a>(out: &'a str, system: &str, metric: &str) -> &'a str {
    let start = format!("| {system} ");
    out.lines()
        .find(|l| l.starts_with(&start) && l.contains(&format!("| {metric} ")))
        .unwrap_or_else(|| panic!("no row {system} {metric} in\n{out}"))
}

/// Writes `baseline` from a run of `config` (`check --update`), which must succeed.
fn update_baseline(baseline: &Path, config: &Path) {
    let update = sumbench(&[
        "check",
        "--update",
        "-q",
        "--baseline",
        s(baseline),
        "--config",
        s(config),
    ]);
    assert_code(&update, 0);
}

fn check_run(baseline: &Path, results: &Path) -> Output {
    sumbench(&["check", "--baseline", s(baseline), "--run", s(results)])
}

#[test]
fn unchanged_run_passes() {
    let dir = temp_dir("unchanged");
    let config = seed_config(&dir, THREE);
    let baseline = dir.join("b.json");
    update_baseline(&baseline, &config);
    let b = read_json(&baseline);
    assert_eq!(b["schema"], 1);
    assert_eq!(b["units"].as_array().unwrap().len(), 3);
    assert_eq!(b["tolerance"]["default"], 0.005);
    let o = sumbench(&[
        "check",
        "-q",
        "--baseline",
        s(&baseline),
        "--config",
        s(&config),
    ]);
    assert_code(&o, 0);
    let out = stdout(&o);
    assert!(
        out.contains("0 regressed, 0 improved, 12 unchanged"),
        "{out}"
    );
    assert!(out.contains("changed summaries: none"), "{out}");
    assert!(out.ends_with("check passed\n"), "{out}");

    let m = multiling();
    let o = check_run(&m.baseline, &m.results);
    assert_code(&o, 0);
    assert!(!stdout(&o).contains("tolerance only"), "{}", stdout(&o));
}

#[test]
fn a_system_worse_on_most_clusters_fails_naming_it() {
    let m = multiling();
    let dir = temp_dir("worse");
    let worse = dir.join("worse.json");
    // textrank loses 20% of every score on 8 of the 10 clusters.
    edit_system(&m.results, &worse, "textrank", |i, u| {
        if i < 8 {
            scale_scores(u, 0.8)
        }
    });
    let o = check_run(&m.baseline, &worse);
    assert_code(&o, 1);
    let out = stdout(&o);
    // Eight negative differences and two zeros: only the 2 * 2^2 sign patterns that keep
    // the eight together reach the observed |sum|, exact p = 8 / 1024 = 0.0078.
    for metric in ["rouge1:r", "rouge1:f", "rouge2:r", "rouge2:f"] {
        let r = row(&out, "textrank", metric);
        assert!(r.contains("| 0.0078 ") && r.contains("REGRESSED"), "{r}");
    }
    assert!(
        row(&out, "lead", "rouge1:r").contains("| unchanged "),
        "{out}"
    );
    let err = stderr(&o);
    assert!(err.contains("ml/textrank rouge1:r regressed"), "{err}");
    assert!(err.contains("ml/textrank rouge2:f regressed"), "{err}");
    assert!(!err.contains("lead") && !err.contains("centroid"), "{err}");
}

#[test]
fn a_large_drop_on_one_cluster_is_not_significant() {
    let m = multiling();
    let dir = temp_dir("one-cluster-drop");
    let worse = dir.join("worse.json");
    // Half of every score gone on one cluster of ten: the mean drops by far more than
    // 0.005, but with one non-zero difference half of all sign patterns are as extreme
    // (exact p = 1).
    edit_system(&m.results, &worse, "centroid", |i, u| {
        if i == 0 {
            scale_scores(u, 0.5)
        }
    });
    let o = check_run(&m.baseline, &worse);
    assert_code(&o, 0);
    let r = row(&stdout(&o), "centroid", "rouge1:r").to_owned();
    assert!(
        r.contains("| 1.0000 ") && r.contains("unchanged (not significant)"),
        "{r}"
    );
}

#[test]
fn too_few_clusters_falls_back_to_tolerance_and_says_so() {
    let dir = temp_dir("few");
    let config = seed_config(&dir, THREE);
    let baseline = dir.join("b.json");
    update_baseline(&baseline, &config);
    let results = dir.join("out/t.json");
    let small = dir.join("small.json");
    edit_system(&results, &small, "textrank", |_, u| shift_scores(u, -0.003));
    let o = check_run(&baseline, &small);
    assert_code(&o, 0);
    let worse = dir.join("worse.json");
    edit_system(&results, &worse, "textrank", |_, u| shift_scores(u, -0.02));
    let o = check_run(&baseline, &worse);
    assert_code(&o, 1);
    let out = stdout(&o);
    assert!(
        out.contains("only 1 paired cluster(s)") && out.contains("judged on the tolerance alone"),
        "{out}"
    );
    let r = row(&out, "textrank", "rouge2:r");
    assert!(
        r.contains("| -0.02000 ") && r.contains("| - ") && r.contains("REGRESSED"),
        "{r}"
    );
    assert!(
        stderr(&o).contains("seed/textrank rouge2:r regressed"),
        "{}",
        stderr(&o)
    );
    // A looser tolerance on the command line lets the same drop pass.
    let o = sumbench(&[
        "check",
        "--baseline",
        s(&baseline),
        "--run",
        s(&worse),
        "--tolerance",
        "0.03",
    ]);
    assert_code(&o, 0);
}

#[test]
fn improvements_are_reported_and_pass() {
    let m = multiling();
    let dir = temp_dir("better");
    let better = dir.join("better.json");
    edit_system(&m.results, &better, "lead", |_, u| shift_scores(u, 0.05));
    let o = check_run(&m.baseline, &better);
    assert_code(&o, 0);
    let out = stdout(&o);
    // Ten differences of +0.05: exact p = 2 / 1024 = 0.0020.
    let r = row(&out, "lead", "rouge2:f");
    assert!(
        r.contains("| +0.05000 ") && r.contains("| 0.0020 ") && r.contains("improved"),
        "{r}"
    );
    assert!(out.contains("0 regressed, 4 improved"), "{out}");
}

#[test]
fn changed_summaries_are_listed_with_a_diff_of_the_first_three() {
    let m = multiling();
    let dir = temp_dir("changed");
    let changed = dir.join("changed.json");
    let original = read_json(&m.results);
    let textrank: Vec<&Value> = original["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["system"] == "textrank")
        .collect();
    edit_system(&m.results, &changed, "textrank", |i, u| {
        if i < 4 {
            let text = u["summary"].as_str().unwrap();
            let rest = text.split_once('\n').map_or("", |(_, r)| r);
            u["summary"] = format!("An invented sentence {i}.\n{rest}").into();
        }
    });
    let o = check_run(&m.baseline, &changed);
    assert_code(&o, 0);
    let out = stdout(&o);
    let ids: Vec<&str> = textrank[..4]
        .iter()
        .map(|u| u["cluster"].as_str().unwrap())
        .collect();
    assert!(
        out.contains(&format!("  textrank: 4 cluster(s): {}\n", ids.join(", "))),
        "{out}"
    );
    for (i, u) in textrank[..3].iter().enumerate() {
        let first = u["summary"].as_str().unwrap().lines().next().unwrap();
        let shown: String = first.chars().take(100).collect();
        assert!(out.contains(&format!("    {}:\n", ids[i])), "{out}");
        assert!(out.contains(&format!("      - {shown}")), "{out}");
        assert!(
            out.contains(&format!("      + An invented sentence {i}.\n")),
            "{out}"
        );
    }
    assert!(
        !out.contains(&format!("    {}:\n", ids[3])),
        "only three diffs: {out}"
    );
    assert!(!out.contains("lead: "), "{out}");
}

#[test]
fn update_rewrites_the_baseline_keeping_tolerances() {
    let m = multiling();
    let dir = temp_dir("update");
    let baseline = dir.join("b.json");
    let mut b = read_json(&m.baseline);
    b["tolerance"]["systems"]["random"] = 0.02.into();
    write_json(&baseline, &b);
    let worse = dir.join("worse.json");
    edit_system(&m.results, &worse, "textrank", |_, u| scale_scores(u, 0.8));
    assert_code(&check_run(&baseline, &worse), 1);
    let o = sumbench(&[
        "check",
        "--update",
        "--baseline",
        s(&baseline),
        "--run",
        s(&worse),
    ]);
    assert_code(&o, 0);
    assert!(
        stdout(&o).contains(&format!("baseline {} updated", baseline.display())),
        "{}",
        stdout(&o)
    );
    let updated = read_json(&baseline);
    assert_eq!(updated["tolerance"]["systems"]["random"], 0.02);
    assert_ne!(updated["units"], b["units"]);
    let o = check_run(&baseline, &worse);
    assert_code(&o, 0);
    assert!(
        stdout(&o).contains("0 regressed, 0 improved"),
        "{}",
        stdout(&o)
    );
    // Deterministic: updating again from the same run writes the same bytes.
    let first = std::fs::read(&baseline).unwrap();
    assert_code(
        &sumbench(&[
            "check",
            "--update",
            "--baseline",
            s(&baseline),
            "--run",
            s(&worse),
        ]),
        0,
    );
    assert_eq!(first, std::fs::read(&baseline).unwrap());
}

#[test]
fn other_rouge_settings_or_config_are_refused_naming_the_difference() {
    let m = multiling();
    let dir = temp_dir("refuse");
    let baseline = dir.join("b.json");
    let mut b = read_json(&m.baseline);
    let rouge = b["rouge"].as_str().unwrap().to_owned();
    b["rouge"] = "rouge-score 0.1.2: rouge1 rouge2, stemmer off, multi-reference max-F".into();
    write_json(&baseline, &b);
    let o = check_run(&baseline, &m.results);
    assert_code(&o, 2);
    let err = stderr(&o);
    assert!(
        err.contains(s(&baseline)) && err.contains("refusing"),
        "{err}"
    );
    assert!(
        err.contains("stemmer off") && err.contains(&format!("current `{rouge}`")),
        "{err}"
    );

    // A results file of the same systems run with another budget and textrank damping.
    let other = dir.join("other.json");
    let mut r = read_json(&m.results);
    r["config"]["budget"]["limit"] = 200.into();
    r["config"]["summarizers"][1]["damping"] = 0.5.into();
    write_json(&other, &r);
    let o = check_run(&m.baseline, &other);
    assert_code(&o, 2);
    let err = stderr(&o);
    assert!(err.contains("config section `budget` differs"), "{err}");
    assert!(
        err.contains("`summarizers`: entry `textrank` differs"),
        "{err}"
    );
    assert!(!err.contains("`lead`") && !err.contains("`text`"), "{err}");
}

#[test]
fn malformed_or_missing_baseline_is_a_usage_error_naming_the_file() {
    let m = multiling();
    let dir = temp_dir("malformed");
    let baseline = dir.join("broken.json");
    std::fs::write(&baseline, "{\"schema\": 1, \"units\": [").unwrap();
    let o = check_run(&baseline, &m.results);
    assert_code(&o, 2);
    assert!(stderr(&o).contains(s(&baseline)), "{}", stderr(&o));
    std::fs::write(&baseline, "{\"schema\": 1, \"units\": []}").unwrap();
    let o = check_run(&baseline, &m.results);
    assert_code(&o, 2);
    assert!(
        stderr(&o).contains(s(&baseline)) && stderr(&o).contains("missing field"),
        "{}",
        stderr(&o)
    );
    let missing = dir.join("nope.json");
    let o = check_run(&missing, &m.results);
    assert_code(&o, 2);
    assert!(stderr(&o).contains(s(&missing)), "{}", stderr(&o));
}

#[test]
fn missing_system_or_cluster_fails_and_a_new_system_is_a_note() {
    let m = multiling();
    let dir = temp_dir("missing");
    let mut r = read_json(&m.results);
    let units = r["results"].as_array_mut().unwrap();
    let dropped = units.iter().find(|u| u["system"] == "lead").unwrap()["cluster"].clone();
    units.retain(|u| {
        u["system"] != "centroid" && !(u["system"] == "lead" && u["cluster"] == dropped)
    });
    let partial = dir.join("partial.json");
    write_json(&partial, &r);
    let o = check_run(&m.baseline, &partial);
    assert_code(&o, 1);
    let err = stderr(&o);
    assert!(
        err.contains("system `centroid` is missing from `ml`"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "ml/lead: 1 cluster(s) missing from the run: {}",
            dropped.as_str().unwrap()
        )),
        "{err}"
    );

    let seed = temp_dir("new-system");
    let baseline = seed.join("b.json");
    let two = seed_config(&seed, "  - {type: lead}\n  - {type: textrank}\n");
    assert_code(
        &sumbench(&[
            "check",
            "--update",
            "-q",
            "--baseline",
            s(&baseline),
            "--config",
            s(&two),
        ]),
        0,
    );
    let three = seed_config(&seed, THREE);
    let o = sumbench(&[
        "check",
        "-q",
        "--baseline",
        s(&baseline),
        "--config",
        s(&three),
    ]);
    assert_code(&o, 0);
    assert!(
        stdout(&o).contains("note: new system `centroid` on `seed`"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_system_newly_failing_on_a_cluster_fails_the_gate() {
    let m = multiling();
    let dir = temp_dir("newly-failing");
    let failing = dir.join("failing.json");
    edit_system(&m.results, &failing, "lead", |i, u| {
        if i == 2 {
            u["error"] = "boom\nsecond line".into();
        }
    });
    let o = check_run(&m.baseline, &failing);
    assert_code(&o, 1);
    let err = stderr(&o);
    assert!(
        err.contains("ml/lead now fails on cluster M002: boom"),
        "{err}"
    );
    assert!(!err.contains("second line"), "{err}");
}

#[test]
fn committed_default_baseline_matches_this_tree() {
    // What CI runs, with the output redirected: `output` (and `name`) are not part of the
    // config digest, so the baseline still applies. Run from the repository root, where
    // the default config's relative paths point.
    let dir = temp_dir("default");
    let default = std::fs::read_to_string(repo().join("configs/default.yaml")).unwrap();
    assert!(default.contains("\noutput: results\n"));
    let config = dir.join("default.yaml");
    let redirected = format!("output: {}", dir.join("out").display());
    std::fs::write(&config, default.replace("output: results", &redirected)).unwrap();
    let o = sumbench(&[
        "check",
        "-q",
        "--baseline",
        "baselines/default.json",
        "--config",
        s(&config),
    ]);
    assert_code(&o, 0);
    let out = stdout(&o);
    assert!(
        out.contains("0 regressed, 0 improved, 108 unchanged"),
        "{out}"
    );
    assert!(out.contains("changed summaries: none"), "{out}");
    assert!(dir.join("out/default.json").is_file());
}

#[test]
fn another_sumbench_version_is_a_note_not_a_refusal() {
    let m = multiling();
    let dir = temp_dir("version");
    let baseline = dir.join("b.json");
    let mut b = read_json(&m.baseline);
    b["sumbench_version"] = "0.0.1".into();
    write_json(&baseline, &b);
    let o = check_run(&baseline, &m.results);
    assert_code(&o, 0);
    let out = stdout(&o);
    let note = format!(
        "note: baseline made by sumbench 0.0.1, this is {}",
        env!("CARGO_PKG_VERSION")
    );
    assert!(out.contains(&note), "{out}");
}

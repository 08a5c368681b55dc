//! End-to-end tests of the `sumbench` binary as a new user would run it: the default
//! run, determinism, and clear failures on bad input without partial result files.
use std::path::Path;
use std::process::Output;

mod common;
use common::{repo, stderr, sumbench, temp_dir};

/// A config over the bundled seed cluster writing into `out`.
fn seed_config(out: &Path, extra: &str) -> String {
    let corpus = repo().join("corpus");
    let refs = repo().join("references");
    format!(
        "name: t\ndatasets:\n  - {{name: seed, format: dir, path: {}, references: {}}}\n\
         summarizers:\n  - {{type: lead}}\n  - {{type: textrank}}\n  - {{type: centroid}}\n\
         rouge: {{mode: rouge-score, stem: true}}\noutput: {}\n{extra}",
        corpus.display(),
        refs.display(),
        out.display()
    )
}

#[test]
fn default_run_prints_table_and_writes_results() {
    let dir = temp_dir("cli", "default");
    // The built-in config reads corpus/ relative to the current directory: run in a
    // copy-free way from the repository root but redirect output via a config instead.
    let cfg = dir.join("c.yaml");
    std::fs::write(&cfg, seed_config(&dir.join("out"), "")).unwrap();
    let o = sumbench(&repo(), &["run", "--config", cfg.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    for row in ["| lead ", "| textrank ", "| centroid "] {
        assert!(stdout.contains(row), "missing row {row:?} in\n{stdout}");
    }
    let results: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("out/t.json")).unwrap()).unwrap();
    assert_eq!(results["results"].as_array().unwrap().len(), 3);
    assert!(dir.join("out/t.timings.json").is_file());
}

#[test]
fn two_runs_give_byte_identical_results() {
    let dir = temp_dir("cli", "determinism");
    let cfg = dir.join("c.yaml");
    std::fs::write(&cfg, seed_config(&dir.join("out"), "seed: 7\n")).unwrap();
    let run = || {
        let o = sumbench(&repo(), &["run", "--config", cfg.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        std::fs::read(dir.join("out/t.json")).unwrap()
    };
    let first = run();
    assert_eq!(first, run());
}

fn assert_clean_failure(o: &Output, must_name: &[&str], out_dir: &Path) {
    assert!(!o.status.success(), "expected failure");
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(o);
    for s in must_name {
        assert!(err.contains(s), "error should name {s:?}: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !out_dir.join("t.json").exists(),
        "no results file may be written"
    );
}

#[test]
fn missing_corpus_folder_is_a_clear_error() {
    let dir = temp_dir("cli", "missing");
    let out = dir.join("out");
    let cfg = dir.join("c.yaml");
    std::fs::write(
        &cfg,
        format!(
            "name: t\ndatasets: [{{name: x, format: dir, path: {}/nope}}]\nsummarizers: [{{type: lead}}]\n\
             rouge: {{mode: rouge-score}}\noutput: {}\n",
            dir.display(),
            out.display()
        ),
    )
    .unwrap();
    let o = sumbench(&dir, &["run", "--config", cfg.to_str().unwrap()]);
    assert_clean_failure(&o, &["nope"], &out);
}

#[test]
fn empty_corpus_folder_and_empty_article_are_clear_errors() {
    let dir = temp_dir("cli", "empty");
    let out = dir.join("out");
    std::fs::create_dir_all(dir.join("corpus")).unwrap();
    let cfg = dir.join("c.yaml");
    std::fs::write(
        &cfg,
        format!(
            "name: t\ndatasets: [{{name: x, format: dir, path: {}/corpus}}]\nsummarizers: [{{type: lead}}]\n\
             rouge: {{mode: rouge-score}}\noutput: {}\n",
            dir.display(),
            out.display()
        ),
    )
    .unwrap();
    let o = sumbench(&dir, &["run", "--config", cfg.to_str().unwrap()]);
    assert_clean_failure(&o, &["corpus", "no cluster folders"], &out);

    std::fs::create_dir_all(dir.join("corpus/c1")).unwrap();
    std::fs::write(dir.join("corpus/c1/a.txt"), "Real text here.").unwrap();
    std::fs::write(dir.join("corpus/c1/b.txt"), "\n \n").unwrap();
    let o = sumbench(&dir, &["run", "--config", cfg.to_str().unwrap()]);
    assert_clean_failure(&o, &["b.txt", "empty"], &out);
}

#[test]
fn misspelt_config_key_names_file_and_key() {
    let dir = temp_dir("cli", "typo");
    let out = dir.join("out");
    let cfg = dir.join("typo.yaml");
    std::fs::write(
        &cfg,
        seed_config(&out, "").replace("summarizers:", "summarisers:"),
    )
    .unwrap();
    let o = sumbench(&dir, &["run", "--config", cfg.to_str().unwrap()]);
    assert_clean_failure(&o, &["typo.yaml", "summarisers"], &out);

    std::fs::write(
        &cfg,
        seed_config(&out, "").replace("{type: textrank}", "{type: textrank, dampnig: 0.8}"),
    )
    .unwrap();
    let o = sumbench(&dir, &["run", "--config", cfg.to_str().unwrap()]);
    assert_clean_failure(&o, &["typo.yaml", "dampnig", "damping"], &out);
}

#[test]
fn summarize_prints_a_summary_within_the_word_budget() {
    let o = sumbench(
        &repo(),
        &[
            "summarize",
            "--cluster",
            "corpus/ukraine-talks-2022-01",
            "--summarizer",
            "textrank",
            "--words",
            "60",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    let words = text.split_whitespace().count();
    assert!(words > 0 && words <= 60, "{words} words:\n{text}");
}

#[test]
fn list_shows_every_builtin_with_parameters() {
    let o = sumbench(&repo(), &["list"]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    for kind in sumbench::summarize::registry::BUILTINS {
        assert!(text.contains(kind.kind), "{} missing from list", kind.kind);
    }
    // Type, range, default and doc, all from TextRank's struct.
    assert!(
        text.contains("- damping (number in (0, 1), default 0.85): PageRank damping factor d."),
        "{text}"
    );
    assert!(
        text.contains("- command (list of string, required): "),
        "{text}"
    );
    let o = sumbench(&repo(), &["list", "--json"]);
    assert!(o.status.success());
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let lexrank = json
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["type"] == "lexrank")
        .unwrap();
    let threshold = &lexrank["params"][1];
    assert_eq!(threshold["name"], "threshold");
    assert_eq!(threshold["range"], "[0, 1)");
    assert_eq!(threshold["default"], 0.1);
    assert_eq!(
        lexrank["schema"]["properties"]["threshold"]["exclusiveMaximum"],
        1
    );
}

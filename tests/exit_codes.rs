//! The exit-code table (docs/ci.md, `sumbench::error::exit`) as a CI script sees it:
//! 0 ok, 1 a check failed, 2 bad input or usage, 3 systems failed. Every command is tried
//! with good and bad input, and every bad-config class that must be refused before any
//! summarizer runs is refused with a message naming the file and key.
use std::path::{Path, PathBuf};
use std::process::Output;
use sumbench::error::exit;

mod common;
use common::{repo, stderr, sumbench, temp_dir};

/// A config over the bundled seed cluster; `dataset` replaces the dataset's extra keys.
fn config(out: &Path, references: &str, systems: &str, extra: &str) -> String {
    format!(
        "name: t\ndatasets:\n  - {{name: seed, format: dir, path: {corpus}{references}}}\n\
         summarizers:\n{systems}rouge: {{mode: rouge-score, stem: true}}\noutput: {out}\n{extra}",
        corpus = repo().join("corpus").display(),
        out = out.display(),
    )
}

fn refs() -> String {
    format!(", references: {}", repo().join("references").display())
}

const LEAD: &str = "  - {type: lead}\n";

/// Writes `text` as a config in a fresh folder and runs `sumbench run` on it.
fn run(name: &str, text: impl Fn(&Path) -> String, args: &[&str]) -> (Output, PathBuf) {
    let dir = temp_dir("exit", name);
    let out = dir.join("out");
    let cfg = dir.join(format!("{name}.yaml"));
    std::fs::write(&cfg, text(&out)).unwrap();
    let mut all = vec!["run", "--config", cfg.to_str().unwrap(), "--quiet"];
    all.extend_from_slice(args);
    (sumbench(&dir, &all), out)
}

/// Exit 2, the message names every needle, no panic and no results file.
fn assert_refused(o: &Output, needles: &[&str], out: &Path) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(exit::INPUT.into()), "{err}");
    for n in needles {
        assert!(err.contains(n), "error should name {n:?}: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(!out.join("t.json").exists(), "no results may be written");
}

#[test]
fn a_good_run_exits_0() {
    let (o, out) = run("ok", |out| config(out, &refs(), LEAD, ""), &[]);
    assert_eq!(o.status.code(), Some(exit::OK.into()), "{}", stderr(&o));
    assert!(out.join("t.json").is_file());
}

#[test]
fn a_failing_system_exits_3_after_writing_results_unless_allowed() {
    let systems =
        "  - {type: lead}\n  - {type: command, name: broken, command: [sh, -c, \"exit 4\"]}\n";
    let (o, out) = run("failing", |out| config(out, &refs(), systems, ""), &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(exit::SYSTEMS_FAILED.into()), "{err}");
    assert!(err.contains("broken on seed (1 of 1)"), "{err}");
    assert!(
        out.join("t.json").is_file(),
        "results are written before the exit"
    );
    let (o, _) = run(
        "allowed",
        |out| config(out, &refs(), systems, ""),
        &["--allow-failures"],
    );
    assert_eq!(o.status.code(), Some(exit::OK.into()), "{}", stderr(&o));
}

#[test]
fn a_cluster_without_references_is_refused_unless_the_config_says_none() {
    // No `references:` at all: the cluster would score zero.
    let (o, out) = run("norefs", |out| config(out, "", LEAD, ""), &[]);
    assert_refused(
        &o,
        &["norefs.yaml", "ukraine-talks-2022-01", "references: none"],
        &out,
    );
    // A misspelt references folder.
    let (o, out) = run(
        "badrefs",
        |out| config(out, ", references: /no/such/refs", LEAD, ""),
        &[],
    );
    assert_refused(&o, &["badrefs.yaml", "references", "/no/such/refs"], &out);
    // A references folder without this cluster's subfolder.
    let empty = temp_dir("exit", "emptyrefs-folder");
    let (o, out) = run(
        "emptyrefs",
        |out| config(out, &format!(", references: {}", empty.display()), LEAD, ""),
        &[],
    );
    assert_refused(
        &o,
        &["emptyrefs.yaml", "1 of 1 clusters have no references"],
        &out,
    );
    // Said on purpose: summarized, exit 0, and no scores rather than zeros.
    let (o, out) = run(
        "none",
        |out| config(out, ", references: none", LEAD, ""),
        &[],
    );
    assert_eq!(o.status.code(), Some(exit::OK.into()), "{}", stderr(&o));
    let results: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("t.json")).unwrap()).unwrap();
    let unit = &results["results"][0];
    assert!(!unit["summary"].as_str().unwrap().is_empty());
    assert_eq!(unit["scores"], serde_json::json!({}));
    assert_eq!(results["averages"][0]["scores"], serde_json::json!([]));
}

#[test]
fn an_oracle_on_an_unscored_dataset_is_refused() {
    let systems = "  - {type: lead}\n  - {type: oracle}\n";
    let (o, out) = run(
        "oracle-none",
        |out| config(out, ", references: none", systems, ""),
        &[],
    );
    assert_refused(
        &o,
        &["oracle-none.yaml", "oracle", "references: none"],
        &out,
    );
}

#[test]
fn report_metric_and_headline_typos_are_refused_before_the_run() {
    let (o, out) = run(
        "metric",
        |out| config(out, &refs(), LEAD, "report: {metrics: [rouge1, rouge3]}\n"),
        &[],
    );
    assert_refused(&o, &["metric.yaml", "report.metrics[1]", "rouge3"], &out);
    let (o, out) = run(
        "headline",
        |out| config(out, &refs(), LEAD, "report: {headline: 'rouge2:x'}\n"),
        &[],
    );
    assert_refused(&o, &["headline.yaml", "report.headline"], &out);
    let (o, out) = run(
        "language",
        |out| config(out, &refs(), LEAD, "text: {language: klingon}\n"),
        &[],
    );
    assert_refused(&o, &["language.yaml", "language", "klingon"], &out);
}

#[test]
fn an_unusable_output_folder_is_refused_before_any_work() {
    // A file where the folder should be (running as root, permission bits alone do not
    // stop writes, so a file in the way is the portable unwritable case).
    let dir = temp_dir("exit", "output-file");
    let blocker = dir.join("blocker");
    std::fs::write(&blocker, "").unwrap();
    let cfg = dir.join("out.yaml");
    std::fs::write(
        &cfg,
        config(&blocker.join("inside"), &refs(), "  - {type: oracle}\n", ""),
    )
    .unwrap();
    let start = std::time::Instant::now();
    let o = sumbench(&dir, &["run", "--config", cfg.to_str().unwrap()]);
    let took = start.elapsed();
    assert_refused(&o, &["out.yaml", "output", "blocker"], &blocker);
    // The oracle would take far longer than this on a loaded machine; the refusal comes
    // before it. A generous bound: this is a check of order, not a benchmark.
    assert!(took.as_secs() < 10, "refused only after {took:?}");

    std::fs::write(&cfg, config(&blocker, &refs(), LEAD, "")).unwrap();
    let o = sumbench(&dir, &["run", "--config", cfg.to_str().unwrap()]);
    assert_refused(&o, &["out.yaml", "output", "not a folder"], &dir);
}

#[test]
fn every_command_exits_2_on_bad_input_or_usage() {
    let dir = temp_dir("exit", "commands");
    // clap's own usage errors.
    let o = sumbench(&dir, &["run", "--no-such-flag"]);
    assert_eq!(o.status.code(), Some(exit::INPUT.into()));
    let o = sumbench(&dir, &["no-such-command"]);
    assert_eq!(o.status.code(), Some(exit::INPUT.into()));
    // A config path that does not exist, and one that is a directory.
    let o = sumbench(&dir, &["run", "--config", "missing.yaml"]);
    assert_eq!(o.status.code(), Some(exit::INPUT.into()));
    assert!(stderr(&o).contains("missing.yaml"), "{}", stderr(&o));
    let o = sumbench(&dir, &["run", "--config", "."]);
    assert_eq!(o.status.code(), Some(exit::INPUT.into()));
    // score: a malformed pairs file.
    std::fs::write(dir.join("pairs.jsonl"), "{\"id\": \"a\"}\n").unwrap();
    let o = sumbench(&dir, &["score", "--pairs", "pairs.jsonl"]);
    assert_eq!(o.status.code(), Some(exit::INPUT.into()));
    assert!(stderr(&o).contains("pairs.jsonl:1"), "{}", stderr(&o));
    // summarize: an unknown summarizer.
    let o = sumbench(
        &repo(),
        &[
            "summarize",
            "--cluster",
            "corpus/ukraine-talks-2022-01",
            "--summarizer",
            "textrnak",
        ],
    );
    assert_eq!(o.status.code(), Some(exit::INPUT.into()));
    assert!(stderr(&o).contains("textrnak"), "{}", stderr(&o));
    // compare: not a results file.
    let o = sumbench(&dir, &["compare", "--run", "pairs.jsonl", "a", "b"]);
    assert_eq!(o.status.code(), Some(exit::INPUT.into()));
    assert!(stderr(&o).contains("pairs.jsonl"), "{}", stderr(&o));
}

#[test]
fn summarize_exits_3_when_a_system_fails() {
    let o = sumbench(
        &repo(),
        &[
            "summarize",
            "--cluster",
            "corpus/ukraine-talks-2022-01",
            "--summarizer",
            "{type: command, command: [sh, -c, 'exit 4']}",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(exit::SYSTEMS_FAILED.into()),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_date_that_is_not_a_date_is_refused_naming_the_file() {
    let dir = temp_dir("exit", "dates");
    let cluster = dir.join("corpus/c1");
    std::fs::create_dir_all(&cluster).unwrap();
    std::fs::write(cluster.join("a.txt"), "Talks resumed in Geneva on Monday.").unwrap();
    std::fs::write(cluster.join("b.txt"), "Officials met again on Friday.").unwrap();
    std::fs::write(
        cluster.join("cluster.yaml"),
        "docs:\n  a: {date: 2022-01-10}\n  b: {date: not-a-date}\n",
    )
    .unwrap();
    let cfg = dir.join("c.yaml");
    let out = dir.join("out");
    std::fs::write(
        &cfg,
        format!(
            "name: t\ndatasets: [{{name: x, format: dir, path: {}/corpus, references: none}}]\n\
             summarizers: [{{type: lead}}]\nrouge: {{mode: rouge-score}}\noutput: {}\n",
            dir.display(),
            out.display()
        ),
    )
    .unwrap();
    let o = sumbench(&dir, &["run", "--config", cfg.to_str().unwrap()]);
    assert_refused(
        &o,
        &["cluster.yaml", "\"b\"", "not-a-date", "YYYY-MM-DD"],
        &out,
    );
}

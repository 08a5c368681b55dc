//! A run's warnings (docs/reliability.md, "Warnings") as a user sees them: counted in the
//! results file, one summary block on stderr, exit 0 unless `--strict` (exit 1), failed
//! systems still exit 3, and the same bytes whatever the thread count.
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Output;
use sumbench::error::exit;

mod common;
use common::{stderr, sumbench, temp_dir};

fn write(path: PathBuf, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Two clusters. c1: `b`, its latest document, is all boilerplate (both lines are in
/// src/text/boilerplate.txt), so `lead` (latest document) has nothing to quote. c2: `a`
/// holds a Latin-1 é at byte offset 7 of line 1. Shortest sentences: 10 words in each.
fn dataset(dir: &Path) {
    let c = dir.join("corpus");
    write(
        c.join("c1/a.txt"),
        b"Talks between the two governments resumed in Geneva on Monday after a long pause.\n\
          Both delegations said the first session was constructive and useful.\n",
    );
    write(
        c.join("c1/b.txt"),
        b"Advertisement\nSubscribe to our newsletter\n",
    );
    write(
        c.join("c1/cluster.yaml"),
        b"docs:\n  a: {date: 2022-01-10}\n  b: {date: 2022-01-11}\n",
    );
    write(
        c.join("c2/a.txt"),
        b"The caf\xe9 owners in Geneva reported more visitors during the talks this week.\n\
          Negotiators will meet again next month to continue the discussion.\n",
    );
    write(
        c.join("c2/b.txt"),
        b"Officials in Geneva welcomed the progress made during the negotiations on Monday.\n",
    );
    write(dir.join("refs/c1/r1.txt"), b"Talks resumed in Geneva.\n");
    write(dir.join("refs/c2/r1.txt"), b"Negotiators met in Geneva.\n");
}

/// A config over [`dataset`] in `dir`, with `references` and `budget` and `systems`.
fn config(dir: &Path, references: &str, budget: usize, systems: &str) -> PathBuf {
    let cfg = dir.join("t.yaml");
    std::fs::write(
        &cfg,
        format!(
            "name: t\ndatasets:\n  - {{name: news, format: dir, path: corpus, references: {references}}}\n\
             budget: {{unit: words, limit: {budget}}}\nsummarizers:\n{systems}\
             rouge: {{mode: rouge-score, stem: true}}\noutput: out\n"
        ),
    )
    .unwrap();
    cfg
}

const SYSTEMS: &str = "  - {type: lead}\n  - {type: textrank}\n";

fn run(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["run", "--config", "t.yaml", "--quiet"];
    args.extend_from_slice(extra);
    sumbench(dir, &args)
}

fn results(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("out/t.json")).unwrap()).unwrap()
}

fn lines_starting(text: &str, prefix: &str) -> usize {
    text.lines().filter(|l| l.starts_with(prefix)).count()
}

#[test]
fn each_kind_is_counted_and_summarized_once_and_strict_exits_1() {
    let dir = temp_dir("warn", "kinds");
    dataset(&dir);
    config(&dir, "refs", 12, SYSTEMS);
    let o = run(&dir, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(exit::OK.into()), "{err}");
    let r = results(&dir);
    assert_eq!(
        r["warnings"]["counts"],
        json!({"lossy-decoding": 1, "document-without-sentences": 1, "empty-summary": 1,
               "cluster-without-references": 0})
    );
    let list = r["warnings"]["list"].as_array().unwrap();
    assert_eq!(
        list[0],
        json!({"kind": "lossy-decoding", "dataset": "news", "cluster": "c2",
               "file": "corpus/c2/a.txt", "line": 1, "offset": 7,
               "message": "corpus/c2/a.txt:1: not valid UTF-8 (first bad byte at byte offset 7); decoded lossily"})
    );
    assert_eq!(
        (&list[1]["kind"], &list[1]["cluster"], &list[1]["document"]),
        (
            &json!("document-without-sentences"),
            &json!("c1"),
            &json!("b")
        )
    );
    // The latest document of c1 is the empty one, so the DUC lead has nothing to take;
    // textrank picks from the other document.
    assert_eq!(
        (&list[2]["kind"], &list[2]["cluster"], &list[2]["system"]),
        (&json!("empty-summary"), &json!("c1"), &json!("lead"))
    );
    assert!(
        list[2]["message"].as_str().unwrap().contains(
            "picked no sentence, though some fit the budget of 12 words (1 of the cluster's documents yielded no sentences)"
        ),
        "{}",
        list[2]
    );
    assert_eq!(list.len(), 3);
    // One block at the end, not a line per file or cluster.
    assert_eq!(lines_starting(&err, "warning:"), 1, "{err}");
    assert!(
        err.contains(
            "warning: 1 lossily decoded file, 1 document without sentences, 1 empty summary; \
             see `warnings` in out/t.json\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("  1 empty summary: lead on news/c1\n"),
        "{err}"
    );

    std::fs::remove_file(dir.join("out/t.json")).unwrap();
    let o = run(&dir, &["--strict"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(exit::GATE.into()), "{err}");
    assert!(
        dir.join("out/t.json").is_file(),
        "results are written first"
    );
    assert!(
        err.contains("error: --strict: the run recorded 1 lossily decoded file, 1 document without sentences, 1 empty summary"),
        "{err}"
    );
}

#[test]
fn a_budget_below_every_sentence_empties_every_summary_and_failures_outrank_strict() {
    let dir = temp_dir("warn", "budget");
    dataset(&dir);
    config(&dir, "refs", 2, SYSTEMS);
    let o = run(&dir, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(exit::OK.into()), "{err}");
    let r = results(&dir);
    assert_eq!(r["warnings"]["counts"]["empty-summary"], json!(4));
    let empties: Vec<(&str, &str, &str)> = r["warnings"]["list"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["kind"] == "empty-summary")
        .map(|w| {
            (
                w["cluster"].as_str().unwrap(),
                w["system"].as_str().unwrap(),
                w["message"].as_str().unwrap(),
            )
        })
        .collect();
    let why =
        "empty summary: no sentence fits the budget of 2 words (the shortest sentence has 10)";
    assert_eq!(
        empties,
        [
            ("c1", "lead", why),
            ("c1", "textrank", why),
            ("c2", "lead", why),
            ("c2", "textrank", why),
        ]
    );
    assert_eq!(lines_starting(&err, "warning:"), 1, "{err}");
    assert!(
        err.contains(
            "  4 empty summaries: lead on news/c1, textrank on news/c1, lead on news/c2, 1 more\n"
        ),
        "{err}"
    );

    // A failing system is "broken" (3), which says more than "not clean" (1).
    let failing =
        format!("{SYSTEMS}  - {{type: command, name: broken, command: [sh, -c, \"exit 4\"]}}\n");
    config(&dir, "refs", 2, &failing);
    let o = run(&dir, &["--strict"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(exit::SYSTEMS_FAILED.into()), "{err}");
    // Failed units are failures, not also empty summaries.
    assert_eq!(
        results(&dir)["warnings"]["counts"]["empty-summary"],
        json!(4)
    );
    let o = run(&dir, &["--strict", "--allow-failures"]);
    assert_eq!(o.status.code(), Some(exit::GATE.into()), "{}", stderr(&o));
}

#[test]
fn unscored_clusters_are_a_note_that_strict_accepts() {
    let dir = temp_dir("warn", "unscored");
    write(
        dir.join("corpus/c1/a.txt"),
        b"Talks between the two governments resumed in Geneva on Monday after a long pause.\n",
    );
    config(&dir, "none", 100, "  - {type: lead}\n");
    let o = run(&dir, &["--strict"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(exit::OK.into()), "{err}");
    assert_eq!(
        results(&dir)["warnings"],
        json!({
            "counts": {"lossy-decoding": 0, "document-without-sentences": 0, "empty-summary": 0,
                       "cluster-without-references": 1},
            "list": [{"kind": "cluster-without-references", "dataset": "news", "cluster": "c1",
                      "message": "no references: summarized, not scored (`references: none`)"}]
        })
    );
    assert_eq!(lines_starting(&err, "warning:"), 0, "{err}");
    assert_eq!(
        lines_starting(&err, "note: 1 cluster without references"),
        1,
        "{err}"
    );
}

#[test]
fn check_strict_fails_on_the_warnings_of_a_results_file() {
    let dir = temp_dir("warn", "check");
    dataset(&dir);
    config(&dir, "refs", 12, SYSTEMS);
    assert_eq!(run(&dir, &[]).status.code(), Some(exit::OK.into()));
    let update = sumbench(
        &dir,
        &[
            "check",
            "--baseline",
            "b.json",
            "--run",
            "out/t.json",
            "--update",
        ],
    );
    assert_eq!(
        update.status.code(),
        Some(exit::OK.into()),
        "{}",
        stderr(&update)
    );
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--baseline", "b.json", "--run", "out/t.json"];
        args.extend_from_slice(extra);
        sumbench(&dir, &args)
    };
    let o = check(&[]);
    assert_eq!(o.status.code(), Some(exit::OK.into()), "{}", stderr(&o));
    let o = check(&["--strict"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(exit::GATE.into()), "{err}");
    assert!(err.contains("--strict: the run recorded"), "{err}");
}

#[test]
fn warnings_are_the_same_bytes_serially_and_in_parallel() {
    let dir = temp_dir("warn", "threads");
    dataset(&dir);
    // Paths in the config are relative to the working directory; make them absolute.
    let yaml = format!(
        "name: t\ndatasets:\n  - {{name: news, format: dir, path: {d}/corpus, references: {d}/refs}}\n\
         budget: {{unit: words, limit: 12}}\nsummarizers:\n{SYSTEMS}\
         rouge: {{mode: rouge-score, stem: true}}\noutput: {d}/out\n",
        d = dir.display()
    );
    let config = sumbench::config::Config::parse(&yaml, "t.yaml").unwrap();
    let serial = sumbench::Run::new(&config).jobs(1).execute().unwrap();
    let parallel = sumbench::Run::new(&config).jobs(3).execute().unwrap();
    assert_eq!(serial.results.warnings.list.len(), 3);
    assert_eq!(
        sumbench::report::to_json(&serial.results),
        sumbench::report::to_json(&parallel.results)
    );
}

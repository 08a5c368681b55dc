//! Input limits as a user meets them: an article, a cluster or a ROUGE text over its
//! limit is refused with exit 2 before anything runs, naming what was exceeded, where,
//! the limit and how to raise it; a graph summarizer over its edge cap fails its unit
//! (exit 3), naming the cap.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use sumbench::error::exit;

fn sumbench(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sumbench"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("sumbench runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sumbench-limits-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A plugin that leaves a marker file when it runs, so a test can tell whether any
/// summarizer ran before the refusal.
const MARKER: &str =
    "  - {type: command, name: marker, command: [sh, -c, \"touch ran; exit 4\"]}\n";

/// Runs the seed cluster with `systems` and a `limits:` section in a fresh folder.
fn run(name: &str, systems: &str, limits: &str) -> (Output, PathBuf) {
    let dir = temp_dir(name);
    let cfg = dir.join("t.yaml");
    let text = format!(
        "name: t\ndatasets:\n  - {{name: seed, format: dir, path: {corpus}, references: {refs}}}\n\
         summarizers:\n  - {{type: lead}}\n{systems}rouge: {{mode: rouge-score, stem: true}}\n\
         output: {out}\nlimits: {limits}\n",
        corpus = repo().join("corpus").display(),
        refs = repo().join("references").display(),
        out = dir.join("out").display(),
    );
    std::fs::write(&cfg, text).unwrap();
    let o = sumbench(&dir, &["run", "--config", cfg.to_str().unwrap(), "--quiet"]);
    (o, dir)
}

fn assert_refused_before_running(o: &Output, dir: &Path, needles: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(exit::INPUT.into()), "{err}");
    for n in needles {
        assert!(err.contains(n), "error should name {n:?}: {err}");
    }
    assert!(
        !dir.join("ran").exists(),
        "a summarizer ran before the refusal"
    );
    assert!(
        !dir.join("out/t.json").exists(),
        "no results may be written"
    );
}

#[test]
fn a_cluster_over_the_sentence_limit_is_refused_naming_it() {
    let (o, dir) = run("sentences", MARKER, "{max_cluster_sentences: 20}");
    assert_refused_before_running(
        &o,
        &dir,
        &[
            "t.yaml",
            "datasets[0] (seed): cluster ukraine-talks-2022-01:",
            "sentences after preprocessing, over limits.max_cluster_sentences = 20;",
            "max_cluster_sentences: N",
        ],
    );
}

#[test]
fn an_article_over_the_size_limit_is_refused_naming_its_file() {
    // The seed articles are 2,222 to 4,602 bytes; the first over 3,000 is 003_….
    let (o, dir) = run("article", MARKER, "{max_article_bytes: 3000}");
    let file = repo()
        .join("corpus/ukraine-talks-2022-01/003_af0fc12505d22222.txt")
        .display()
        .to_string();
    assert_refused_before_running(
        &o,
        &dir,
        &[
            &file,
            "the article has 4602 bytes, over limits.max_article_bytes = 3000;",
            "max_article_bytes: N",
        ],
    );
}

#[test]
fn a_reference_over_the_token_limit_is_refused_naming_it() {
    let (o, dir) = run("reference", MARKER, "{max_rouge_tokens: 5}");
    assert_refused_before_running(
        &o,
        &dir,
        &[
            "cluster ukraine-talks-2022-01: reference A has",
            "tokens, over the limit of 5 (limits.max_rouge_tokens;",
        ],
    );
}

#[test]
fn a_graph_system_over_its_edge_cap_fails_its_unit_naming_the_cap() {
    let (o, dir) = run(
        "edges",
        "  - {type: submodular, max_edges: 10}\n  - {type: textrank, max_edges: 10}\n",
        "{}",
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(exit::SYSTEMS_FAILED.into()), "{err}");
    let results = std::fs::read_to_string(dir.join("out/t.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&results).unwrap();
    let errors: Vec<(String, String)> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| {
            let e = u["error"].as_str()?;
            Some((u["system"].as_str().unwrap().to_owned(), e.to_owned()))
        })
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    for (system, e) in &errors {
        assert!(e.starts_with(&format!("{system}: the sentence similarity graph of ")));
        assert!(
            e.contains("needs more than max_edges = 10 stored edges"),
            "{e}"
        );
        assert!(
            e.contains("raise the system's `max_edges` parameter"),
            "{e}"
        );
    }
}

#[test]
fn score_refuses_a_text_over_the_token_limit_naming_the_line_and_pair() {
    let dir = temp_dir("score");
    let pairs = dir.join("pairs.jsonl");
    std::fs::write(
        &pairs,
        "{\"id\": \"a\", \"candidate\": \"one two\", \"references\": [\"one two three\"]}\n\
         {\"id\": \"b\", \"candidate\": \"one\", \"references\": [\"x\", \"one two three four five six\"]}\n",
    )
    .unwrap();
    let o = sumbench(
        &dir,
        &[
            "score",
            "--pairs",
            pairs.to_str().unwrap(),
            "--max-tokens",
            "5",
        ],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(exit::INPUT.into()), "{err}");
    assert!(o.stdout.is_empty(), "nothing may be scored");
    let want = format!(
        "{}:2: pair `b`: references[1] has 6 tokens, over the limit of 5 (--max-tokens;",
        pairs.display()
    );
    assert!(err.contains(&want), "{err}");
    // Punctuation is not a token: a 5-token text longer than 5 bytes passes.
    std::fs::write(
        &pairs,
        "{\"id\": \"a\", \"candidate\": \"one, two!\", \"references\": [\"one - two - three\"]}\n",
    )
    .unwrap();
    let o = sumbench(
        &dir,
        &[
            "score",
            "--pairs",
            pairs.to_str().unwrap(),
            "--max-tokens",
            "5",
        ],
    );
    assert_eq!(o.status.code(), Some(exit::OK.into()), "{}", stderr(&o));
}

#[test]
fn a_summary_over_the_token_limit_fails_its_unit_not_the_run() {
    // The seed references have 114 to 117 words; a 400-word lead summary does not fit.
    let (o, dir) = run(
        "summary",
        "",
        "{max_rouge_tokens: 200}\nbudget: {unit: words, limit: 400}",
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(exit::SYSTEMS_FAILED.into()), "{err}");
    let results = std::fs::read_to_string(dir.join("out/t.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&results).unwrap();
    let e = v["results"][0]["error"].as_str().unwrap();
    assert!(e.starts_with("the summary has "), "{e}");
    assert!(
        e.contains("tokens, over the limit of 200 (limits.max_rouge_tokens)"),
        "{e}"
    );
}

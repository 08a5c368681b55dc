//! `sumbench score` as a process: the batch contract other tools build on.
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sumbench"))
        .arg("score")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sumbench runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn pair(id: &str, candidate: &str, references: &[&str]) -> String {
    serde_json::json!({"id": id, "candidate": candidate, "references": references}).to_string()
}

#[test]
fn output_keeps_input_order() {
    // 200 pairs whose ids are a permutation of 0..200 (multiplying by 7 mod 200), and
    // whose candidate shares `id mod 5` of its 4 words with the reference.
    let words = ["alpha", "beta", "gamma", "delta"];
    let mut input = String::new();
    let mut ids = Vec::new();
    for k in 0..200 {
        let id = (k * 7) % 200;
        let shared = id % 5;
        let cand: Vec<&str> = (0..4)
            .map(|i| if i < shared { words[i] } else { "zzz" })
            .collect();
        input.push_str(&pair(&id.to_string(), &cand.join(" "), &[&words.join(" ")]));
        input.push('\n');
        ids.push(id);
    }
    let out = run(&["--pairs", "-", "--metrics", "rouge1,rougeL"], &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 200);
    for (line, id) in lines.iter().zip(&ids) {
        assert_eq!(line["id"], id.to_string());
        // The candidate's first `shared` words are the reference's, the rest "zzz":
        // `shared` unigram hits out of 4 tokens on each side.
        let expected = (id % 5) as f64 / 4.0;
        assert_eq!(line["rouge1"]["p"].as_f64().unwrap(), expected);
        assert_eq!(line["rouge1"]["r"].as_f64().unwrap(), expected);
        let keys: Vec<&String> = line.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 3, "{line}");
    }
}

#[test]
fn malformed_line_three_fails_before_any_output() {
    let good = pair("a", "the cat", &["the cat"]);
    let input = format!("{good}\n{good}\n{{\"id\": \"c\", \"candidate\": \"x\"\n{good}\n");
    let out = run(&["--pairs", "-"], &input);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "stdout: {:?}", out.stdout);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("<stdin>:3:"), "{err}");

    // A well-formed line without its references is as fatal, with the field named.
    let input = format!("{good}\n{good}\n{{\"id\": \"c\", \"candidate\": \"x\"}}\n");
    let out = run(&["--pairs", "-"], &input);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(":3:") && err.contains("references"), "{err}");
}

#[test]
fn empty_texts_score_zero_and_summary_is_last() {
    let input = [
        pair("empty-cand", "", &["a b c"]),
        pair("empty-ref", "a b c", &[""]),
        pair("same", "a b c", &["a b c"]),
    ]
    .join("\n");
    let out = run(&["--pairs", "-", "--summary"], &input);
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    for line in &lines[..2] {
        for m in ["rouge1", "rouge2", "rougeL", "rougeLsum"] {
            assert_eq!(line[m]["f"].as_f64(), Some(0.0), "{line}");
        }
    }
    assert_eq!(lines[2]["rougeL"]["f"].as_f64(), Some(1.0));
    let summary = &lines[3]["summary"];
    assert_eq!(summary["pairs"], 3);
    // Mean of F over the three pairs: (0 + 0 + 1) / 3.
    assert_eq!(summary["metrics"][0]["metric"], "rouge1");
    assert_eq!(summary["metrics"][0]["mean"]["f"].as_f64(), Some(1.0 / 3.0));
}

#[test]
fn unknown_metric_is_a_usage_error() {
    let out = run(&["--pairs", "-", "--metrics", "rouge1,ROUGE-2"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ROUGE-2"));
}

/// Input other tools write: a byte-order mark, an unpaired surrogate escape (Python's
/// `json` writes and reads them; rouge-score's tokenizer treats the character as a
/// separator), a stray Latin-1 byte (decoded lossily, as `run` decodes articles, with a
/// warning giving the byte offset), and a binary file (refused, exit 2).
#[test]
fn bom_lone_surrogates_latin1_and_binary_input_follow_one_policy() {
    let line = r#"{"id": "s", "candidate": "alpha\ud800beta", "references": ["alpha beta"]}"#;
    let out = run(
        &["--pairs", "-", "--metrics", "rouge1"],
        &format!("\u{feff}{line}\n"),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("<stdin>:1: 1 unpaired UTF-16 surrogate"),
        "{stderr}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // "alpha", "beta" against "alpha", "beta": every unigram matches.
    assert_eq!(v["rouge1"]["f"], 1.0, "{v}");

    let dir = std::env::temp_dir().join(format!("sumbench-score-enc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cand = dir.join("cand.txt");
    let reference = dir.join("ref.txt");
    std::fs::write(&cand, b"caf\xe9 talks resumed\n").unwrap();
    std::fs::write(&reference, "talks resumed\n").unwrap();
    let args = [
        "--candidate",
        cand.to_str().unwrap(),
        "--reference",
        reference.to_str().unwrap(),
        "--metrics",
        "rouge1",
    ];
    let out = run(&args, "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("cand.txt:1: not valid UTF-8 (first bad byte at byte offset 3)"),
        "{stderr}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // Candidate tokens "caf", "talks", "resumed": 2 of 3 match; recall 2 of 2.
    assert_eq!(v["rouge1"]["r"], 1.0, "{v}");
    assert!(
        (v["rouge1"]["p"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-12,
        "{v}"
    );

    std::fs::write(&cand, b"\x7fELF\x02\x01\x01\x00\x00").unwrap();
    let out = run(&args, "");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cand.txt:1: looks like a binary file (NUL byte at byte offset 7)"),
        "{stderr}"
    );
}

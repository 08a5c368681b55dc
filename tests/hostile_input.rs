//! Input classes of issue 10 not covered elsewhere, tried as a user would meet them:
//! Windows and old-Mac line endings, a reference longer than every article, a JSON Lines
//! file cut off mid-line, and duplicated cluster ids. Each either works (with a stated,
//! tested outcome) or fails with exit 2 naming the file and line.
use std::path::Path;
use sumbench::corpus::{Cluster, Document};
use sumbench::error::exit;
use sumbench::text::{Pipeline, TextOptions};

mod common;
use common::{stderr, sumbench, temp_dir};

fn doc(id: &str, text: &str) -> Document {
    Document::new(id, text)
}

#[test]
fn crlf_and_lone_cr_end_lines_like_lf() {
    let pipeline = Pipeline::new(&TextOptions::default()).unwrap();
    let sentences = |text: &str| -> Vec<String> {
        let cluster = Cluster {
            id: "c".into(),
            title: None,
            docs: vec![doc("a", text)],
            refs: vec![],
        };
        pipeline
            .process(&cluster)
            .sentences
            .iter()
            .map(|s| s.text.clone())
            .collect()
    };
    let lf = sentences(
        "Talks resumed in Geneva on Monday morning.\nBoth delegations called the first session useful.\n",
    );
    assert_eq!(lf.len(), 2, "{lf:?}");
    let crlf = sentences(
        "Talks resumed in Geneva on Monday morning.\r\nBoth delegations called the first session useful.\r\n",
    );
    let cr = sentences(
        "Talks resumed in Geneva on Monday morning.\rBoth delegations called the first session useful.\r",
    );
    assert_eq!(crlf, lf);
    assert_eq!(cr, lf);
}

fn write_jsonl_config(dir: &Path, lines: &str) -> std::path::PathBuf {
    std::fs::write(dir.join("data.jsonl"), lines).unwrap();
    let cfg = dir.join("c.yaml");
    std::fs::write(
        &cfg,
        "name: t\ndatasets: [{name: x, format: jsonl, path: data.jsonl}]\n\
         summarizers: [{type: lead}]\nrouge: {mode: rouge-score}\noutput: out\n",
    )
    .unwrap();
    cfg
}

const GOOD: &str = r#"{"id": "c1", "docs": [{"id": "d1", "text": "Talks resumed in Geneva on Monday morning. Both sides called it useful."}], "refs": [{"id": "A", "text": "Talks resumed in Geneva."}]}"#;

#[test]
fn a_truncated_last_line_and_duplicate_ids_name_the_line() {
    let dir = temp_dir("hostile", "jsonl");
    let cfg = write_jsonl_config(
        &dir,
        &format!("{GOOD}\n{{\"id\": \"c2\", \"docs\": [{{\"id\""),
    );
    let o = sumbench(&dir, &["run", "--config", cfg.to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(exit::INPUT.into()), "{}", stderr(&o));
    assert!(stderr(&o).contains("data.jsonl:2"), "{}", stderr(&o));
    assert!(!dir.join("out/t.json").exists());

    let cfg = write_jsonl_config(&dir, &format!("{GOOD}\n{GOOD}\n"));
    let o = sumbench(&dir, &["run", "--config", cfg.to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(exit::INPUT.into()), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("data.jsonl:2") && err.contains("c1"), "{err}");
    assert!(!dir.join("out/t.json").exists());
}

#[test]
fn a_reference_longer_than_every_article_is_scored() {
    let dir = temp_dir("hostile", "longref");
    let long_ref = "Talks resumed in Geneva on Monday. ".repeat(200);
    let line = serde_json::json!({
        "id": "c1",
        "docs": [{"id": "d1", "text": "Talks resumed in Geneva on Monday morning. Both sides called it useful."}],
        "refs": [{"id": "A", "text": long_ref}],
    });
    let cfg = write_jsonl_config(&dir, &format!("{line}\n"));
    let o = sumbench(&dir, &["run", "--config", cfg.to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(exit::OK.into()), "{}", stderr(&o));
    let results: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("out/t.json")).unwrap()).unwrap();
    let r1 = &results["results"][0]["scores"]["rouge1"];
    // The summary holds every word of the document; the reference repeats 6 words 200
    // times, so recall is small but not zero and precision is high.
    let (p, r) = (r1["p"].as_f64().unwrap(), r1["r"].as_f64().unwrap());
    assert!(r > 0.0 && r < 0.05, "{r1}");
    assert!(p > 0.4, "{r1}");
}

//! The shipped default config's results, byte for byte, against files the release binary
//! wrote BEFORE the `Run` builder refactor of issue 12 (commit 4792ec1, the parent of the
//! refactor), not by the code under test:
//!
//! - `tests/data/expected/default.json`: `sumbench run --quiet` (the built-in default
//!   config; `run --config configs/default.yaml` wrote the same bytes);
//! - `tests/data/expected/summarize-default-textrank.jsonl`:
//!   `sumbench summarize --config configs/default.yaml --system textrank --jobs 1`.
//!
//! Fields added on purpose since (issue 9's report data and `schema_version`) are
//! removed from the new results before an exact comparison of every other value
//! (`strip_fields_added_since`). A change that moves these values on purpose (a
//! version bump, a scoring fix) regenerates them with a binary built from the commit BEFORE that change and says
//! so in its commit message; regenerating them from the changed code would make the test
//! check nothing. The other shipped configs were compared with `cmp` by hand (see
//! docs/ci.md, "Results before and after a refactor").
use std::path::Path;
use sumbench::{commands, report, Config, Run};

#[test]
fn default_config_results_match_the_pre_refactor_binary_byte_for_byte() {
    let expected: serde_json::Value =
        serde_json::from_str(include_str!("data/expected/default.json")).unwrap();
    let config = Config::builtin().unwrap();
    for jobs in [1, 3] {
        let output = Run::new(&config).jobs(jobs).execute().unwrap();
        let mut actual: serde_json::Value =
            serde_json::from_str(&report::to_json(&output.results)).unwrap();
        strip_fields_added_since(&mut actual);
        assert!(
            actual == expected,
            "results with {jobs} job(s) differ from tests/data/expected/default.json \
             (fields added after the refactor removed)"
        );
    }
}

/// Removes what later commits added on purpose to the results file (the HTML report's
/// data and the schema version, issue 9), so every value the pre-refactor binary wrote
/// is still compared, exactly (serde_json's float_roundtrip), and nothing else may
/// change: a removed, renamed or altered field still fails.
fn strip_fields_added_since(results: &mut serde_json::Value) {
    let Some(top) = results.as_object_mut() else {
        return;
    };
    top.remove("schema_version");
    for cluster in top
        .get_mut("clusters")
        .and_then(|c| c.as_array_mut())
        .into_iter()
        .flatten()
    {
        let Some(cluster) = cluster.as_object_mut() else {
            continue;
        };
        cluster.remove("reference_texts");
        for doc in cluster
            .get_mut("docs")
            .and_then(|d| d.as_array_mut())
            .into_iter()
            .flatten()
        {
            if let Some(doc) = doc.as_object_mut() {
                doc.remove("first_sentence");
                doc.remove("dropped_lines");
            }
        }
    }
}

#[test]
fn summarize_config_lines_match_the_pre_refactor_binary_byte_for_byte() {
    let expected = include_str!("data/expected/summarize-default-textrank.jsonl");
    let mut out = Vec::new();
    commands::summarize_config(
        Path::new("configs/default.yaml"),
        None,
        Some("textrank"),
        Some(1),
        &mut out,
    )
    .unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}

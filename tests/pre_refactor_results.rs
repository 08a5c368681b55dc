//! The shipped default config's results, byte for byte, against files the release binary
//! wrote BEFORE the `Run` builder refactor of issue 12 (commit 4792ec1, the parent of the
//! refactor), not by the code under test:
//!
//! - `tests/data/expected/default.json`: `sumbench run --quiet` (the built-in default
//!   config; `run --config configs/default.yaml` wrote the same bytes);
//! - `tests/data/expected/summarize-default-textrank.jsonl`:
//!   `sumbench summarize --config configs/default.yaml --system textrank --jobs 1`.
//!
//! A change that moves these bytes on purpose (a new field, a version bump, a scoring
//! fix) regenerates them with a binary built from the commit BEFORE that change and says
//! so in its commit message; regenerating them from the changed code would make the test
//! check nothing. The other shipped configs were compared with `cmp` by hand (see
//! docs/ci.md, "Results before and after a refactor").
use std::path::Path;
use sumbench::{commands, report, Config, Run};

#[test]
fn default_config_results_match_the_pre_refactor_binary_byte_for_byte() {
    let expected = include_str!("data/expected/default.json");
    let config = Config::builtin().unwrap();
    for jobs in [1, 3] {
        let output = Run::new(&config).jobs(jobs).execute().unwrap();
        let actual = report::to_json(&output.results);
        assert!(
            actual == expected,
            "results with {jobs} job(s) differ from tests/data/expected/default.json; first \
             differing line: {:?}",
            actual.lines().zip(expected.lines()).find(|(a, e)| a != e)
        );
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

//! Plugins end to end: a run mixing built-ins, working external programs and programs
//! that crash, hang, print garbage or name unknown sentences, through the real binary;
//! and a Rust plugin registered at runtime, through the library.
#![cfg(unix)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use sumbench::commands;
use sumbench::config::Config;
use sumbench::summarize::registry::{build_with, defaults_of, Spec};
use sumbench::summarize::{Failure, Input, Registry, SentenceId, Summarizer};

/// Two clusters whose sentence ids are worked out by hand (candidates need ≥ 5 words):
/// c1: 0 "Dateline." (not a candidate), 1 "The council approved the new budget on Monday."
/// (8 words), 2 "Critics said the plan was rushed." (6) | 3 "Protesters gathered outside
/// city hall before the vote." (8), 4 "The mayor defended the budget in a speech." (8).
/// c2: 0 "Heavy rain flooded the valley overnight." (6), 1 "Rescue teams evacuated two
/// hundred residents." (6) | 2 "Weather officials warned of more storms this week." (8).
const DATASET: &str = r#"{"id": "c1", "docs": [{"id": "d1", "title": "Council votes", "date": "2024-01-01", "text": "Dateline.\n\nThe council approved the new budget on Monday. Critics said the plan was rushed."}, {"id": "d2", "text": "Protesters gathered outside city hall before the vote. The mayor defended the budget in a speech."}], "refs": [{"id": "A", "text": "The council approved the budget despite protests."}]}
{"id": "c2", "docs": [{"id": "d1", "text": "Heavy rain flooded the valley overnight. Rescue teams evacuated two hundred residents."}, {"id": "d2", "title": "Storm warning", "date": "2024-02-02", "text": "Weather officials warned of more storms this week."}], "refs": [{"id": "A", "text": "Rain flooded the valley and more storms are expected."}]}
"#;

/// The last candidate sentence of each document, returned as free text on one line.
const LAST_AS_TEXT: &str = r#"import json, sys
req = json.load(sys.stdin)
texts = [[s["text"] for s in d["sentences"] if s["candidate"]][-1] for d in req["cluster"]["docs"]]
print(json.dumps({"summary": " ".join(texts)}))
"#;

/// The first candidate of the first document with both a title and a date.
const DATED_TITLED: &str = r#"import json, sys
req = json.load(sys.stdin)
doc = next(d for d in req["cluster"]["docs"] if d["title"] and d["date"])
print(json.dumps({"sentences": [next(s["id"] for s in doc["sentences"] if s["candidate"])]}))
"#;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sumbench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("plugins")).unwrap();
    std::fs::write(dir.join("data.jsonl"), DATASET).unwrap();
    dir
}

fn config(name: &str, systems: &str) -> String {
    format!(
        "name: {name}\ndatasets: [{{name: t, format: jsonl, path: data.jsonl}}]\n\
         budget: {{unit: words, limit: 15}}\nrouge: {{mode: rouge-score}}\nsummarizers:\n{systems}"
    )
}

fn example_plugin() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/plugins/first_sentences.py")
        .display()
        .to_string()
}

/// The results of `system` on each cluster: (sentences, error).
fn units(results: &Value, system: &str) -> Vec<(Vec<u64>, Option<String>)> {
    results["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["system"] == system)
        .map(|u| {
            let ids = u["sentences"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap());
            (ids.collect(), u["error"].as_str().map(String::from))
        })
        .collect()
}

#[test]
fn failing_plugins_are_recorded_and_the_run_goes_on() {
    let dir = scratch("plugins-cli");
    std::fs::write(dir.join("plugins/last.py"), LAST_AS_TEXT).unwrap();
    std::fs::write(dir.join("plugins/dated.py"), DATED_TITLED).unwrap();
    let systems = format!(
        r#"  - {{type: lead, variant: round-robin}}
  - {{type: command, name: first, command: [python3, "{first}"]}}
  - {{type: command, name: last-text, command: [python3, plugins/last.py]}}
  - {{type: command, name: dated, command: [python3, plugins/dated.py]}}
  - {{type: command, name: crash, command: [python3, -c, "import sys; sys.exit(3)"]}}
  - {{type: command, name: raise, command: [python3, -c, "raise ValueError('boom')"]}}
  - {{type: command, name: hang, command: [sh, -c, "sleep 60"], timeout_s: 1}}
  - {{type: command, name: garbage, command: [sh, -c, "cat >/dev/null; echo hello world"]}}
  - {{type: command, name: unknown-ids, command: [sh, -c, "cat >/dev/null; echo '{{\"sentences\": [2, 999]}}'"]}}
  - {{type: command, name: missing, command: [./no-such-plugin]}}
"#,
        first = example_plugin()
    );
    std::fs::write(dir.join("run.yaml"), config("plugins", &systems)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sumbench"))
        .args(["run", "--config", "run.yaml"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The run goes on and writes everything, then exits 3 (systems failed) naming them.
    assert_eq!(out.status.code(), Some(3), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("12 (system, cluster) units failed")
            && stderr.contains("crash on t (2 of 2)")
            && stderr.contains("missing on t (2 of 2)"),
        "{stderr}"
    );
    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("results/plugins.json")).unwrap())
            .unwrap();

    // Working systems, built-in and external, are intact. Budget 15 words: c1 has room
    // for one 8-word sentence (or 6 + 8), c2 for 6 + 8. Round-robin lead keeps every
    // sentence (a lead is a prefix of the source, no length filter): on c1 it offers the
    // 1-word dateline 0, then 3 (8 words, 9 in all), then stops because 1 would make 17.
    assert_eq!(
        units(&results, "lead"),
        [(vec![0, 3], None), (vec![0, 2], None)]
    );
    assert_eq!(
        units(&results, "first"),
        [(vec![1], None), (vec![0, 2], None)]
    );
    assert_eq!(
        units(&results, "last-text"),
        [(vec![2, 4], None), (vec![1, 2], None)]
    );
    assert_eq!(units(&results, "dated"), [(vec![1], None), (vec![2], None)]);

    let expect_failure = |system: &str, needles: &[&str]| {
        let got = units(&results, system);
        assert_eq!(got.len(), 2, "{system}");
        for ((ids, error), cluster) in got.iter().zip(["c1", "c2"]) {
            assert!(ids.is_empty(), "{system} on {cluster}: {ids:?}");
            let error = error
                .as_deref()
                .unwrap_or_else(|| panic!("{system} on {cluster} did not fail"));
            assert!(error.contains(&format!("cluster `{cluster}`")), "{error}");
            for needle in needles {
                assert!(
                    error.contains(needle),
                    "{system}: {needle:?} not in {error:?}"
                );
            }
        }
        assert!(
            stdout.contains(&format!("failed: {system} on t/c1:")),
            "{stdout}"
        );
        let row = stdout
            .lines()
            .find(|l| l.starts_with(&format!("| {system} ")))
            .unwrap();
        assert!(row.trim_end().ends_with("| 2/2    |"), "{row}");
    };
    expect_failure("crash", &["exit status: 3"]);
    expect_failure("raise", &["exit status: 1", "stderr:", "ValueError: boom"]);
    expect_failure("hang", &["still running after the 1 s timeout", "killed"]);
    expect_failure("garbage", &["invalid output", "\"hello world\\n\""]);
    expect_failure("unknown-ids", &["sentences[1] = 999 is not a sentence id"]);
    expect_failure("missing", &["could not start `./no-such-plugin`"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A Rust plugin: the last candidate sentence of the cluster.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LastSentence {}

impl Summarizer for LastSentence {
    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        Ok(input.candidates.last().copied().into_iter().collect())
    }
}

const LAST_SPEC: Spec = Spec {
    kind: "last-sentence",
    about: "The last candidate sentence",
    params: &[],
    defaults: defaults_of::<LastSentence>,
    build: build_with::<LastSentence>,
};

#[test]
fn rust_plugin_registered_at_runtime_runs_with_built_ins() {
    let dir = scratch("plugins-rust");
    let text = config(
        "rust",
        "  - {type: lead}\n  - {type: last-sentence, name: last}\n",
    )
    .replace("data.jsonl", &dir.join("data.jsonl").display().to_string())
        + &format!("output: {}\n", dir.join("results").display());
    let err = Config::parse(&text, "rust.yaml").unwrap_err().to_string();
    assert!(
        err.contains("unknown summarizer type `last-sentence`"),
        "{err}"
    );

    let mut registry = Registry::default();
    registry.register(LAST_SPEC).unwrap();
    let config = Config::parse_with(&text, "rust.yaml", &registry).unwrap();
    let mut table = Vec::new();
    let path = commands::run(&config, &registry, Default::default(), &mut table).unwrap();
    let table = String::from_utf8(table).unwrap();
    assert!(table.lines().any(|l| l.starts_with("| last ")), "{table}");
    let results: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    // c1's last candidate is 4, c2's is 2 (see DATASET).
    assert_eq!(units(&results, "last"), [(vec![4], None), (vec![2], None)]);
    assert_eq!(results["systems"][1]["type"], "last-sentence");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs the example Python plugin on a hand-made request with the given budget.
fn first_sentences(budget: &str) -> Value {
    use std::io::Write;
    let request = format!(
        r#"{{"protocol": 1, "cluster": {{"id": "c", "docs": [
        {{"id": "d1", "title": null, "date": null, "sentences": [
            {{"id": 0, "text": "Hi.", "words": 1, "bytes": 3, "candidate": false}},
            {{"id": 1, "text": "Aaaa bbbb.", "words": 2, "bytes": 10, "candidate": true}}]}},
        {{"id": "d2", "title": null, "date": null, "sentences": [
            {{"id": 2, "text": "Cccc dddd eeee.", "words": 3, "bytes": 15, "candidate": true}}]}},
        {{"id": "d3", "title": null, "date": null, "sentences": [
            {{"id": 3, "text": "Ff gg.", "words": 2, "bytes": 6, "candidate": true}}]}}]}},
        "budget": {budget}, "seed": 0}}"#
    );
    let mut child = Command::new("python3")
        .arg(example_plugin())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(request.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn example_python_plugin_takes_first_candidates_within_each_budget_unit() {
    let ids = |budget: &str| first_sentences(budget)["sentences"].clone();
    let json = |v: &str| serde_json::from_str::<Value>(v).unwrap();
    // Words: 2 fits, 2 + 3 > 4 is skipped, 2 + 2 = 4 fits.
    assert_eq!(
        ids(r#"{"unit": "words", "limit": 4, "truncate": false}"#),
        json("[1, 3]")
    );
    // With truncation the second sentence may cross the limit; then the summary is full.
    assert_eq!(
        ids(r#"{"unit": "words", "limit": 4, "truncate": true}"#),
        json("[1, 2]")
    );
    // Bytes count one newline per joined sentence: 10 + 16 = 26; then 26 + 7 > 26.
    assert_eq!(
        ids(r#"{"unit": "bytes", "limit": 26, "truncate": false}"#),
        json("[1, 2]")
    );
    // 10 + 16 > 25 is skipped, 10 + 7 = 17 fits.
    assert_eq!(
        ids(r#"{"unit": "bytes", "limit": 25, "truncate": false}"#),
        json("[1, 3]")
    );
    assert_eq!(
        ids(r#"{"unit": "sentences", "limit": 2, "truncate": false}"#),
        json("[1, 2]")
    );
}

/// Whether process `pid` is gone (or a zombie waiting for a parent that never reaps it).
#[cfg(unix)]
fn gone(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    }
}

/// Ctrl-C (SIGINT) on sumbench kills the running plugin and what it started: plugins
/// run in their own process group, which the terminal's Ctrl-C does not reach.
#[cfg(unix)]
#[test]
fn interrupting_a_run_kills_running_plugins_and_their_children() {
    let dir = scratch("plugins-sigint");
    let pids = dir.join("pids");
    let systems = format!(
        "  - {{type: command, name: sleeper, timeout_s: 120, command: [sh, -c, \"sleep 100 & echo $$ $! > {}; wait\"]}}\n",
        pids.display()
    );
    interrupt_kills_the_plugins(&dir, &systems, &pids);
}

/// The same for a persistent protocol-2 process, which lives across clusters: it greets,
/// starts a child and never replies.
#[cfg(unix)]
#[test]
fn interrupting_a_run_kills_persistent_plugins_and_their_children() {
    let dir = scratch("plugins-sigint-v2");
    let pids = dir.join("pids");
    let systems = format!(
        "  - {{type: command, name: sleeper, timeout_s: 120, protocol: 2, mode: persistent, command: [sh, -c, \"echo '{{\\\"protocol\\\": 2}}'; sleep 100 & echo $$ $! > {}; wait\"]}}\n",
        pids.display()
    );
    interrupt_kills_the_plugins(&dir, &systems, &pids);
}

/// Runs `systems`, whose plugin writes its pid and its child's to `pids`, interrupts
/// sumbench once they are written, and checks that both processes die.
#[cfg(unix)]
fn interrupt_kills_the_plugins(dir: &Path, systems: &str, pids: &Path) {
    std::fs::write(dir.join("run.yaml"), config("sigint", systems)).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sumbench"))
        .args(["run", "--config", "run.yaml", "--quiet", "--serial"])
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    let written = loop {
        if let Ok(text) = std::fs::read_to_string(pids) {
            if text.ends_with('\n') {
                break text;
            }
        }
        assert!(start.elapsed().as_secs() < 60, "the plugin never started");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let plugin_pids: Vec<&str> = written.split_whitespace().collect();
    assert_eq!(plugin_pids.len(), 2, "{written:?}");
    assert!(
        plugin_pids.iter().all(|p| !gone(p)),
        "plugin not running yet"
    );
    // The plugin wrote its pids right after it started, possibly before sumbench (on a
    // loaded machine) got to register its process group; a user's Ctrl-C comes later.
    std::thread::sleep(std::time::Duration::from_millis(300));
    // SAFETY: kill(2) on our own child, which has not been waited for.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    let status = child.wait().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(libc::SIGINT), "{status:?}");
    let start = std::time::Instant::now();
    while !plugin_pids.iter().all(|p| gone(p)) {
        assert!(
            start.elapsed().as_secs() < 10,
            "plugin processes {plugin_pids:?} still running after sumbench was interrupted"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// A protocol-2 plugin for the tests: the first candidate of each cluster, with its pid,
/// its params and an extra key in the reply; `argv[1]` says how it misbehaves on `c1`.
const V2_PROBE: &str = r#"import json, os, sys, time
how = sys.argv[1]
print(json.dumps({"protocol": 1 if how == "old-handshake" else 2}), flush=True)
for line in sys.stdin:
    req = json.loads(line)
    if req["cluster"]["id"] == "c1" and how == "crash":
        print("dying on c1", file=sys.stderr)
        sys.exit(3)
    if req["cluster"]["id"] == "c1" and how == "hang":
        time.sleep(60)
    first = next(s["id"] for d in req["cluster"]["docs"] for s in d["sentences"] if s["candidate"])
    diagnostics = {"pid": os.getpid(), "params": req["params"]}
    print(json.dumps({"sentences": [first], "diagnostics": diagnostics, "later": 1}), flush=True)
"#;

/// The results of `system` on each cluster: the whole unit objects.
fn unit_objects<'a>(results: &'a Value, system: &str) -> Vec<&'a Value> {
    results["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["system"] == system)
        .collect()
}

fn shared_words_plugin() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/plugins/shared_words.py")
        .display()
        .to_string()
}

#[test]
fn protocol_2_persistent_processes_serve_many_clusters_and_are_replaced_after_failures() {
    let dir = scratch("plugins-v2");
    std::fs::write(dir.join("plugins/probe.py"), V2_PROBE).unwrap();
    let probe = |name: &str, how: &str, extra: &str| {
        format!(
            "  - {{type: command, name: {name}, command: [python3, plugins/probe.py, {how}], protocol: 2{extra}}}\n"
        )
    };
    let shared = shared_words_plugin();
    let systems = [
        "  - {type: lead}\n".to_string(),
        probe("kept", "ok", ", mode: persistent, params: {k: 3}"),
        probe("each", "ok", ""),
        probe("crash", "crash", ", mode: persistent"),
        // 3 s, not 1: the next cluster's fresh Python process must start and greet
        // within it, which takes over a second on a loaded machine.
        probe("hang", "hang", ", mode: persistent, timeout_s: 3"),
        probe("old", "old-handshake", ", mode: persistent"),
        format!("  - {{type: command, name: shared-p, command: [python3, \"{shared}\"], protocol: 2, mode: persistent}}\n"),
        format!("  - {{type: command, name: shared-1, command: [python3, \"{shared}\"], protocol: 2}}\n"),
    ]
    .concat();
    std::fs::write(dir.join("run.yaml"), config("v2", &systems)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sumbench"))
        .args(["run", "--config", "run.yaml", "--serial", "--quiet"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("results/v2.json")).unwrap())
            .unwrap();
    let diag = |system: &str| -> Vec<Value> {
        unit_objects(&results, system)
            .iter()
            .map(|u| u["diagnostics"].clone())
            .collect()
    };
    // Built-ins record no diagnostics at all: their results are as before v2.
    assert!(unit_objects(&results, "lead")
        .iter()
        .all(|u| u.get("diagnostics").is_none()));
    // One persistent process served both clusters (one worker), with the config's params;
    // per-cluster mode starts one process each.
    assert_eq!(units(&results, "kept"), [(vec![1], None), (vec![0], None)]);
    let kept = diag("kept");
    assert_eq!(kept[0]["params"], serde_json::json!({"k": 3}));
    assert_eq!(kept[0]["pid"], kept[1]["pid"]);
    let each = diag("each");
    assert_eq!(each[0]["params"], serde_json::json!({}));
    assert_ne!(each[0]["pid"], each[1]["pid"]);
    // A crash or a timeout fails that cluster only; a new process serves the next one.
    for (system, needles) in [
        (
            "crash",
            &["exited (exit status: 3) before replying", "dying on c1"][..],
        ),
        (
            "hang",
            &["still running after the 3 s timeout", "new process"][..],
        ),
    ] {
        let got = units(&results, system);
        let error = got[0]
            .1
            .as_deref()
            .unwrap_or_else(|| panic!("{system} passed c1"));
        for needle in needles {
            assert!(
                error.contains(needle),
                "{system}: {needle:?} not in {error:?}"
            );
        }
        assert_eq!(got[1], (vec![0], None), "{system} on c2");
    }
    for (_, error) in units(&results, "old") {
        let error = error.unwrap();
        assert!(error.contains("handshake says protocol 1"), "{error}");
    }
    // The example plugin answers the same in both modes, diagnostics included.
    assert_eq!(units(&results, "shared-p"), units(&results, "shared-1"));
    assert_eq!(diag("shared-p"), diag("shared-1"));
    assert!(diag("shared-p")[0]["candidates"].is_u64());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn example_request_is_answered_by_the_protocol_2_example_plugin() {
    let request = Command::new(env!("CARGO_BIN_EXE_sumbench"))
        .args(["plugin", "example-request"])
        .output()
        .unwrap();
    assert!(request.status.success());
    assert_eq!(request.stdout.iter().filter(|&&b| b == b'\n').count(), 1);
    use std::io::Write;
    let mut child = Command::new("python3")
        .arg(shared_words_plugin())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&request.stdout)
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0], serde_json::json!({"protocol": 2}));
    // Sentences 1 and 4 share the most words across documents (budget, the, a, on); the
    // tie goes to the lower id. 1 is 12 words, 4 (10) would overflow the 20-word budget,
    // and 3 (8 words, three shared) fills it exactly.
    assert_eq!(lines[1]["sentences"], serde_json::json!([1, 3]));
    assert_eq!(lines[1]["diagnostics"]["candidates"], 4);
}

/// Checks `value` against the subset of JSON Schema that
/// docs/plugin-protocol-v2.schema.json uses (type, const, enum, minimum, required,
/// properties, additionalProperties, items, oneOf); a dependency-free validator, since
/// a full one would be a heavy crate for one file. Errors name the JSON path.
fn conforms(value: &Value, schema: &Value, path: &str) -> Result<(), String> {
    let fail = |what: String| Err(format!("{path}: {what}"));
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => return fail(format!("bad `type` {types}")),
        };
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        let widened = actual == "integer" && types.contains(&"number");
        if !types.contains(&actual) && !widened {
            return fail(format!("{actual} is not one of {types:?}"));
        }
    }
    if schema.get("const").is_some_and(|c| c != value) {
        return fail(format!("{value} is not {}", schema["const"]));
    }
    if let Some(Value::Array(allowed)) = schema.get("enum") {
        if !allowed.contains(value) {
            return fail(format!("{value} is not one of {allowed:?}"));
        }
    }
    if let (Some(min), Some(v)) = (
        schema.get("minimum").and_then(Value::as_f64),
        value.as_f64(),
    ) {
        if v < min {
            return fail(format!("{v} < {min}"));
        }
    }
    if let Some(Value::Array(options)) = schema.get("oneOf") {
        let matching = options
            .iter()
            .filter(|o| conforms(value, o, path).is_ok())
            .count();
        if matching != 1 {
            return fail(format!(
                "matches {matching} of the `oneOf` alternatives, not 1"
            ));
        }
    }
    if let Value::Object(map) = value {
        for key in schema["required"].as_array().into_iter().flatten() {
            if !map.contains_key(key.as_str().unwrap()) {
                return fail(format!("required {key} is missing"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        for (key, v) in map {
            match properties.and_then(|p| p.get(key)) {
                Some(sub) => conforms(v, sub, &format!("{path}.{key}"))?,
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    return fail(format!("`{key}` is not in the schema"));
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(sub)) = (value, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            conforms(item, sub, &format!("{path}[{i}]"))?;
        }
    }
    Ok(())
}

/// Every property of every object schema under `schema`, as JSON paths (array items as
/// `[]`), so the schema's fields can be compared with the fields a request has.
fn schema_fields(schema: &Value, path: &str, out: &mut std::collections::BTreeSet<String>) {
    for (key, sub) in schema["properties"].as_object().into_iter().flatten() {
        let here = format!("{path}.{key}");
        out.insert(here.clone());
        schema_fields(sub, &here, out);
    }
    if let Some(items) = schema.get("items") {
        schema_fields(items, &format!("{path}[]"), out);
    }
}

/// Every object key present in `value`, as JSON paths in [`schema_fields`]'s form.
fn value_fields(value: &Value, path: &str, out: &mut std::collections::BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let here = format!("{path}.{key}");
                out.insert(here.clone());
                // `params` is the config's free-form mapping: its keys are not protocol.
                if key != "params" {
                    value_fields(v, &here, out);
                }
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|v| value_fields(v, &format!("{path}[]"), out)),
        _ => {}
    }
}

#[test]
fn the_example_request_and_replies_conform_to_the_protocol_2_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/plugin-protocol-v2.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let defs = &schema["$defs"];
    let out = Command::new(env!("CARGO_BIN_EXE_sumbench"))
        .args(["plugin", "example-request"])
        .output()
        .unwrap();
    let request: Value = serde_json::from_slice(&out.stdout).unwrap();
    conforms(&request, &defs["request"], "request").unwrap();
    // Both ways: every field sumbench sends is in the schema, and every field of the
    // schema is sent (the example has titles, dates and params, so nothing is optional).
    let (mut sent, mut specified) = Default::default();
    value_fields(&request, "", &mut sent);
    schema_fields(&defs["request"], "", &mut specified);
    assert_eq!(sent, specified);

    conforms(
        &serde_json::json!({"protocol": 2}),
        &defs["handshake"],
        "handshake",
    )
    .unwrap();
    assert!(conforms(&serde_json::json!({"protocol": 1}), &defs["handshake"], "h").is_err());
    for good in [
        r#"{"sentences": [3, 1], "diagnostics": {"candidates": 4}}"#,
        r#"{"summary": "A sentence.", "diagnostics": ["a note"], "later": true}"#,
    ] {
        conforms(&serde_json::from_str(good).unwrap(), &defs["reply"], good).unwrap();
    }
    for bad in [
        r#"{"sentences": [1], "summary": "x"}"#,
        r#"{"sentences": [-1]}"#,
        "{}",
    ] {
        let err = conforms(&serde_json::from_str(bad).unwrap(), &defs["reply"], bad);
        assert!(err.is_err(), "{bad} was accepted");
    }
}

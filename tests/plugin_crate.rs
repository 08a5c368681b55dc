//! The out-of-tree plugin: examples/plugin-crate is a crate of its own that depends on
//! sumbench by path, implements `Summarizer` for its `shared-terms` kind and registers it.
//! This test builds it as its own package (as a user's crate would be built, so a
//! signature it needs that leaks a renamed or private dependency fails the build) and
//! runs it on the bundled seed cluster.
//!
//! It builds into the root's target folder, which the running `cargo test` no longer holds
//! locked once its build is done: the plugin's Cargo.lock pins the same versions, so the
//! dependencies compiled for the tests are reused instead of compiled again (a separate
//! target folder cost ~90 s of CI's time).
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the plugin crate offline and returns its binary.
fn build() -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target>/tmp`.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR is inside the target folder")
        .to_path_buf();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = repo().join("examples/plugin-crate/Cargo.toml");
    let out = Command::new(cargo)
        .args(["build", "--offline", "--quiet", "--manifest-path"])
        .arg(&manifest)
        .env("CARGO_TARGET_DIR", &target)
        // Whatever the outer build set for its own crates must not leak into this one.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "building {} failed:\n{}",
        manifest.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let exe = target
        .join("debug/sumbench-plugin-example")
        .with_extension(std::env::consts::EXE_EXTENSION);
    assert!(exe.exists(), "{} was not built", exe.display());
    exe
}

/// A fresh, empty temporary folder unique to `name`.
fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "sumbench-plugin-crate-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A config over the seed cluster with `lead` and the plugin configured by `entry`.
fn config(dir: &Path, entry: &str) -> PathBuf {
    let text = format!(
        "name: plugin\ndatasets:\n  - {{name: seed, format: dir, path: {}, references: {}}}\n\
         budget: {{unit: words, limit: 100}}\n\
         summarizers:\n  - {{type: lead}}\n  - {entry}\n\
         rouge: {{mode: rouge-score, stem: true}}\noutput: {}\n",
        repo().join("corpus").display(),
        repo().join("references").display(),
        dir.join("results").display()
    );
    let path = dir.join("plugin.yaml");
    std::fs::write(&path, text).unwrap();
    path
}

fn run(exe: &Path, args: &[&std::ffi::OsStr]) -> Output {
    Command::new(exe)
        .args(args)
        .output()
        .expect("the plugin binary runs")
}

#[test]
fn out_of_tree_plugin_builds_registers_and_runs_from_a_config() {
    let exe = build();

    // Its parameter docs come from its struct's doc comment and declared range.
    let list = run(&exe, &["--list".as_ref()]);
    assert!(list.status.success());
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(list.contains("\nshared-terms\n"), "{list}");
    assert!(
        list.contains("- min_docs (integer ≥ 1, default 2): Documents a term must occur in"),
        "{list}"
    );
    assert!(
        list.starts_with("lead\n"),
        "the built-ins are still there: {list}"
    );

    let dir = temp_dir("run");
    let cfg = config(&dir, "{type: shared-terms, name: shared, min_docs: 3}");
    let out = run(&exe, &[cfg.as_os_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.lines().any(|l| l.starts_with("| shared ")), "{table}");

    let results: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("results/plugin.json")).unwrap())
            .unwrap();
    let system = &results["systems"][1];
    assert_eq!(system["name"], "shared");
    assert_eq!(system["type"], "shared-terms");
    assert_eq!(system["params"], serde_json::json!({"min_docs": 3}));
    let unit = results["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["system"] == "shared")
        .expect("a unit of the plugin");
    assert_eq!(unit["error"], Value::Null);
    let summary = unit["summary"].as_str().unwrap();
    let words = summary.split_whitespace().count();
    assert!((1..=100).contains(&words), "{words} words: {summary}");
    // Every summary line is a sentence of the seed cluster's articles.
    let cluster = repo().join("corpus/ukraine-talks-2022-01");
    let articles: String = std::fs::read_dir(&cluster)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for line in summary.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(articles.contains(&line), "not from the articles: {line}");
    }
    assert!(
        unit["scores"]["rouge1"]["r"].as_f64().unwrap() > 0.0,
        "{unit}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn out_of_tree_plugin_parameters_are_checked_when_the_config_is_read() {
    let exe = build();
    let dir = temp_dir("bad");
    for (entry, says) in [
        (
            "{type: shared-terms, min_docs: 0}",
            "summarizers[1]: shared-terms (shared-terms): min_docs: 0 is out of range; expected an integer ≥ 1",
        ),
        ("{type: shared-terms, min_doc: 2}", "unknown field `min_doc`"),
    ] {
        let cfg = config(&dir, entry);
        let out = run(&exe, &[cfg.as_os_str()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{entry}: {stderr}");
        assert!(stderr.contains(says), "{entry}: {stderr}");
        assert!(!dir.join("results").exists(), "{entry}: wrote results");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

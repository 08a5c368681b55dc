//! End-to-end: an out-of-range summarizer parameter is refused when the config is read,
//! before any cluster is summarized, with an error naming the file, the entry, the key and
//! the value.
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Generous on a loaded machine; refusing a config takes milliseconds, while the run it
/// prevents summarizes and scores every cluster.
const REFUSED_WITHIN: Duration = Duration::from_secs(5);

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty temporary folder unique to `name`.
fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sumbench-params-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A config over the bundled seed cluster with `entry` as the second summarizer.
fn config_with(entry: &str, out: &Path) -> String {
    format!(
        "name: t\ndatasets:\n  - {{name: seed, format: dir, path: {}, references: {}}}\n\
         summarizers:\n  - {{type: lead}}\n  - {entry}\n\
         rouge: {{mode: rouge-score, stem: true}}\noutput: {}\n",
        repo().join("corpus").display(),
        repo().join("references").display(),
        out.display()
    )
}

#[test]
fn out_of_range_parameters_are_refused_before_any_work() {
    for (name, entry, says) in [
        (
            "textrank",
            "{type: textrank, damping: 5}",
            "damping: 5 is out of range; expected a number in (0, 1)",
        ),
        (
            "submodular",
            "{type: submodular, a: -1}",
            "a: -1 is out of range; expected a finite number > 0",
        ),
    ] {
        let dir = temp_dir(name);
        let out = dir.join("results");
        let cfg = dir.join(format!("{name}-bad.yaml"));
        std::fs::write(&cfg, config_with(entry, &out)).unwrap();
        let start = Instant::now();
        let o = Command::new(env!("CARGO_BIN_EXE_sumbench"))
            .args(["run", "--config", cfg.to_str().unwrap()])
            .current_dir(&dir)
            .output()
            .expect("sumbench runs");
        let took = start.elapsed();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{entry}: {err}");
        let file = format!("{name}-bad.yaml");
        let entry_name = format!("summarizers[1]: {name} ({name}): ");
        for needle in [file.as_str(), entry_name.as_str(), says] {
            assert!(
                err.contains(needle),
                "{entry}: error should name {needle:?}: {err}"
            );
        }
        let written: Vec<_> = std::fs::read_dir(&out)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        assert!(written.is_empty(), "{entry}: wrote {written:?}");
        assert!(
            took < REFUSED_WITHIN,
            "{entry}: refused only after {took:?}"
        );
    }
}

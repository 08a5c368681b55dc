//! The command line's conveniences as a new user meets them: shell completions, the
//! global `--quiet` / `--verbose`, colour only on a terminal and never with `NO_COLOR`,
//! `run --system/--dataset` subsets, and the README's `score` examples working as written.
use std::path::Path;

mod common;
use common::{repo, stderr, sumbench, temp_dir};

#[test]
fn completions_are_printed_for_each_shell_and_an_unknown_shell_is_refused() {
    for (shell, marker) in [
        ("bash", "_sumbench()"),
        ("zsh", "#compdef sumbench"),
        ("fish", "complete -c sumbench"),
    ] {
        let o = sumbench(&repo(), &["completions", shell]);
        assert!(o.status.success(), "{}", stderr(&o));
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(text.contains(marker), "{shell}: {text}");
        // Subcommands and their flags are in the script.
        assert!(
            text.contains("compare") && text.contains("system"),
            "{shell}"
        );
    }
    let o = sumbench(&repo(), &["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("possible values: bash"),
        "{}",
        stderr(&o)
    );
}

/// A config over the seed cluster whose 1-word budget leaves every summary empty, so the
/// run records warnings.
fn warning_config(dir: &Path) -> std::path::PathBuf {
    let cfg = dir.join("c.yaml");
    std::fs::write(
        &cfg,
        format!(
            "name: t\ndatasets:\n  - {{name: seed, format: dir, path: {}, references: {}}}\n\
             budget: {{unit: words, limit: 1}}\nsummarizers:\n  - {{type: lead}}\n\
             rouge: {{mode: rouge-score}}\noutput: {}\n",
            repo().join("corpus").display(),
            repo().join("references").display(),
            dir.join("out").display()
        ),
    )
    .unwrap();
    cfg
}

#[test]
fn quiet_keeps_warnings_and_verbose_tells_what_runs() {
    let dir = temp_dir("convenience", "verbosity");
    let cfg = warning_config(&dir);
    let cfg = cfg.to_str().unwrap();
    let normal = sumbench(&repo(), &["run", "--config", cfg]);
    assert!(normal.status.success(), "{}", stderr(&normal));
    assert!(
        stderr(&normal).contains("1 empty summary"),
        "{}",
        stderr(&normal)
    );
    // Global: before or after the subcommand.
    for args in [
        ["--quiet", "run", "--config", cfg],
        ["run", "--config", cfg, "-q"],
    ] {
        let quiet = sumbench(&repo(), &args);
        assert!(quiet.status.success());
        // Warnings report problems: they stay (the progress bar is never drawn off a
        // terminal, so stderr is otherwise the same).
        assert_eq!(stderr(&quiet), stderr(&normal), "{args:?}");
        // The same report on stdout (bar the timings column).
        let rows = |o: &std::process::Output| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .map(|l| l.split('|').take(4).collect::<Vec<_>>().join("|"))
                .collect::<Vec<_>>()
        };
        assert_eq!(rows(&quiet), rows(&normal));
    }
    let verbose = sumbench(&repo(), &["run", "--config", cfg, "--verbose"]);
    assert!(verbose.status.success());
    let err = stderr(&verbose);
    assert!(
        err.contains("run `t`") && err.contains("datasets seed; 1 systems"),
        "{err}"
    );
    assert!(
        err.contains("done in ") && err.contains("1 empty summary"),
        "{err}"
    );
    let both = sumbench(&repo(), &["run", "-q", "-v"]);
    assert_eq!(both.status.code(), Some(2));
}

/// Runs `sumbench ARGS` under a pseudo-terminal (util-linux `script`), returning its
/// output, or `None` when `script` is not installed.
fn on_terminal(args: &str, no_color: bool) -> Option<String> {
    let mut cmd = std::process::Command::new("script");
    cmd.args([
        "-qec",
        &format!("{} {args}", env!("CARGO_BIN_EXE_sumbench")),
        "/dev/null",
    ])
    .env_remove("NO_COLOR");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let o = cmd.output().ok()?;
    Some(String::from_utf8_lossy(&o.stdout).into_owned())
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    // Piped: never.
    for args in [&["--help"][..], &["run", "--bogus"]] {
        let o = sumbench(&repo(), args);
        assert!(
            !o.stdout.contains(&0x1b) && !o.stderr.contains(&0x1b),
            "{args:?}"
        );
    }
    let Some(tty) = on_terminal("--help", false) else {
        eprintln!("skipped the terminal half: `script` (util-linux) is not installed");
        return;
    };
    assert!(tty.contains('\u{1b}'), "no colour on a terminal: {tty}");
    for args in ["--help", "run --bogus"] {
        let plain = on_terminal(args, true).unwrap();
        assert!(
            !plain.is_empty() && !plain.contains('\u{1b}'),
            "{args}: {plain}"
        );
    }
}

fn subset_config(dir: &Path) -> std::path::PathBuf {
    let cfg = dir.join("c.yaml");
    std::fs::write(
        &cfg,
        format!(
            "name: t\ndatasets:\n  - {{name: seed, format: dir, path: {corpus}, references: {refs}}}\n\
             \x20 - {{name: again, format: dir, path: {corpus}, references: {refs}}}\n\
             summarizers:\n  - {{type: lead}}\n  - {{type: textrank}}\n\
             \x20 - {{type: lexrank, threshold: [0.1, 0.2]}}\n\
             rouge: {{mode: rouge-score}}\noutput: {}\n",
            dir.join("out").display(),
            corpus = repo().join("corpus").display(),
            refs = repo().join("references").display(),
        ),
    )
    .unwrap();
    cfg
}

#[test]
fn run_system_and_dataset_select_a_subset_and_refuse_unknown_names() {
    let dir = temp_dir("convenience", "subset");
    let cfg = subset_config(&dir);
    let cfg = cfg.to_str().unwrap();
    let o = sumbench(
        &repo(),
        &[
            "run",
            "-c",
            cfg,
            "--system",
            "lexrank",
            "--system",
            "lead",
            "--dataset",
            "again",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let results: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("out/t.json")).unwrap()).unwrap();
    let systems: Vec<&str> = results["systems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    // Config order, not command-line order; the sweep's base selects both points.
    assert_eq!(
        systems,
        ["lead", "lexrank[threshold=0.1]", "lexrank[threshold=0.2]"]
    );
    let datasets: Vec<&str> = results["averages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["dataset"].as_str().unwrap())
        .collect();
    assert!(datasets.iter().all(|d| *d == "again"), "{datasets:?}");
    let o = sumbench(&repo(), &["run", "-c", cfg, "--system", "texrank"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "--system texrank: no such system in"
        ) && stderr(&o).contains(
            "configured: lead, textrank, lexrank, lexrank[threshold=0.1], lexrank[threshold=0.2]"
        ),
        "{}",
        stderr(&o)
    );
    let o = sumbench(&repo(), &["run", "-c", cfg, "--dataset", "sed"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--dataset sed: no such dataset in")
            && stderr(&o).contains("configured: seed, again"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_readme_score_examples_work_as_written() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let lines: Vec<&str> = readme
        .lines()
        .filter(|l| l.starts_with("sumbench score "))
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    for line in lines {
        // The optional flags in [brackets] are alternatives, not literal text.
        let mut args: Vec<&str> = Vec::new();
        let mut depth = 0;
        for word in line.split_whitespace().skip(1) {
            if word.starts_with('[') {
                depth += 1;
            }
            if depth == 0 && !word.starts_with('#') {
                args.push(word);
            }
            if word.ends_with(']') {
                depth -= 1;
            }
        }
        let o = sumbench(&repo(), &args);
        assert!(o.status.success(), "{line}: {}", stderr(&o));
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            out.lines().count() >= 1 && out.contains("\"rouge1\""),
            "{line}: {out}"
        );
    }
}

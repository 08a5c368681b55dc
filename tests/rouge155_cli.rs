//! `sumbench rouge155` against output of the real `ROUGE-1.5.5.pl`, byte for byte.
//!
//! `tests/data/rouge155_cli/` holds made-up summaries (SEE as pyrouge writes them, SPL,
//! ISI), a pyrouge-style XML config, `-z` file lists, `cases.txt` (one command line per
//! case) and `expected/CASE.out`, the script's stdout for each case, captured once with
//! `generate.py --perl` (see the README there). Each case runs the binary in that folder
//! with the same arguments and compares stdout with the script's bytes.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/rouge155_cli")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sumbench"))
        .arg("rouge155")
        .args(args)
        .current_dir(fixtures())
        .output()
        .expect("sumbench runs")
}

#[test]
fn every_case_prints_the_scripts_bytes() {
    let cases = std::fs::read_to_string(fixtures().join("cases.txt")).unwrap();
    let mut n = 0;
    for line in cases
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (name, args) = line.split_once('\t').expect("name<TAB>args");
        // DATA: the script's data directory; sumbench accepts any, its data are built in.
        let args: Vec<&str> = args
            .split_whitespace()
            .map(|a| if a == "DATA" { "data" } else { a })
            .collect();
        let expected = std::fs::read(fixtures().join("expected").join(format!("{name}.out")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!expected.is_empty(), "{name}: empty expected output");
        let out = run(&args);
        assert!(
            out.status.success(),
            "{name}: exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        if out.stdout != expected {
            let got = String::from_utf8_lossy(&out.stdout);
            let want = String::from_utf8_lossy(&expected);
            let first = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{name}: output differs from ROUGE-1.5.5.pl from line {}:\n  sumbench: {:?}\n  script:   {:?}",
                first + 1,
                got.lines().nth(first),
                want.lines().nth(first)
            );
        }
        n += 1;
    }
    assert!(n >= 20, "only {n} cases");
}

#[test]
fn a_missing_peer_warns_like_the_script() {
    let out = run(&["-n", "1", "config.xml", "sys-c"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "*ROUGE Warning: test instance for peer sys-c does not exist for evaluation 4\n"
    );
}

#[test]
fn unsupported_flags_are_refused_with_the_reason() {
    for (args, needle) in [
        (&["-3", "HM", "-a", "config.xml"][..], "Basic Elements"),
        (&["-z", "SIMPLE", "list-spl.txt"][..], "Basic Element"),
        (&["-n", "2", "config.xml"][..], "system ID"),
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn a_missing_file_stops_before_any_output() {
    let dir = std::env::temp_dir().join(format!("sumbench-r155-missing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let list = dir.join("list.txt");
    let peer = fixtures().join("spl/1.1.txt");
    std::fs::write(
        &list,
        format!(
            "{} {}\n{} {}\n",
            peer.display(),
            fixtures().join("spl/1.M.A.txt").display(),
            peer.display(),
            dir.join("nowhere.txt").display()
        ),
    )
    .unwrap();
    let out = run(&["-n", "1", "-z", "SPL", list.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nowhere.txt") && err.contains("Cannot find model summary"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_nonstandard_stopword_list_is_refused_only_when_used() {
    let dir = std::env::temp_dir().join(format!("sumbench-r155-stop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("smart_common_words.txt"), "the\n").unwrap();
    let d = dir.to_str().unwrap();
    let out = run(&["-e", d, "-n", "1", "-s", "-a", "config.xml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("smart_common_words.txt"));
    assert!(run(&["-e", d, "-n", "1", "-a", "config.xml"])
        .status
        .success());
    std::fs::remove_dir_all(&dir).unwrap();
}

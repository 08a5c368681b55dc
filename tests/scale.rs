//! Journal, resume, shards and merge, through the binary: a run killed at a random point
//! and resumed, and 4 shards run concurrently by the docs' own xargs recipe and merged,
//! both give the bytes of an uninterrupted run; torn, corrupted, mismatched, missing and
//! duplicated journals are handled or refused as docs/scale.md says.
mod common;

use common::{repo, stderr, sumbench, temp_dir};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A run over the bundled MultiLing 2011 clusters (10) with a handful of systems, its
/// results in `dir/results`. `extra` adds summarizer lines (and `seed` varies the seed).
fn config(dir: &Path, extra: &str, seed: u64) -> PathBuf {
    let path = dir.join("scale.yaml");
    let data = repo().join("corpus/multiling2011-en/clusters.jsonl");
    std::fs::write(
        &path,
        format!(
            "name: scale-test\n\
             datasets:\n  - {{name: ml, format: jsonl, path: {}}}\n\
             budget: {{unit: words, limit: 100}}\n\
             summarizers:\n  - {{type: lead}}\n  - {{type: textrank}}\n  - {{type: centroid}}\n  - {{type: klsum}}\n{extra}\
             rouge: {{mode: rouge155, flags: \"-n 2 -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a\"}}\n\
             output: results\nseed: {seed}\n",
            data.display()
        ),
    )
    .unwrap();
    path
}

fn ok(o: &std::process::Output, what: &str) {
    assert!(o.status.success(), "{what}: {:?}\n{}", o.status, stderr(o));
}

fn results(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("results/scale-test.json")).expect("results file")
}

/// The bytes of an uninterrupted run of `config`'s text, run in a fresh folder.
fn plain_run(name: &str, extra: &str) -> Vec<u8> {
    let dir = temp_dir("scale", name);
    config(&dir, extra, 42);
    ok(
        &sumbench(&dir, &["run", "--config", "scale.yaml", "--quiet"]),
        "plain run",
    );
    results(&dir)
}

#[test]
fn the_streamed_results_file_is_the_one_built_in_memory() {
    // `sumbench run` streams its results file from the journal; the library's
    // `Run::execute` builds the same document in memory. A failing system puts errors
    // (and zero scores) among the units, which both must place alike.
    let dir = temp_dir("scale", "streamed");
    let broken = "  - {type: command, name: broken, command: [sh, -c, \"exit 4\"]}\n";
    let path = config(&dir, broken, 42);
    let o = sumbench(
        &dir,
        &[
            "run",
            "--config",
            "scale.yaml",
            "--quiet",
            "--allow-failures",
        ],
    );
    ok(&o, "run");
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("failed: broken on ml/"),
        "the failures are listed from the streamed units"
    );
    let registry = sumbench::Registry::default();
    let config = sumbench::commands::load_config(Some(&path), &registry).unwrap();
    let output = sumbench::Run::new(&config).jobs(2).execute().unwrap();
    let in_memory = sumbench::report::to_json(&output.results);
    assert!(output.results.results.iter().any(|u| u.error.is_some()));
    if results(&dir) != in_memory.as_bytes() {
        std::fs::write(dir.join("in-memory.json"), &in_memory).unwrap();
        panic!(
            "the streamed results file differs from the in-memory results (diff {} {})",
            dir.join("results/scale-test.json").display(),
            dir.join("in-memory.json").display()
        );
    }
}

/// Units recorded in a journal so far (its `{"unit": ...}` lines).
fn units(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .map(|t| t.lines().filter(|l| l.starts_with("{\"unit\"")).count())
        .unwrap_or(0)
}

fn lines(path: &Path) -> usize {
    std::fs::read(path)
        .map(|b| b.iter().filter(|&&c| c == b'\n').count())
        .unwrap_or(0)
}

#[test]
fn a_killed_run_resumes_to_the_same_bytes() {
    // The oracle makes the run long enough to be killed in the middle.
    let extra = "  - {type: ilp}\n  - {type: oracle}\n";
    let expected = plain_run("kill-plain", extra);
    let dir = temp_dir("scale", "kill");
    config(&dir, extra, 42);
    let journal = dir.join("results/scale-test.journal.jsonl");
    // 10 clusters x 6 systems = 60 units: kill after 1 to 30 of them (seeded by the
    // clock, printed), the units of the slow oracle making the end far away.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as usize;
    let kill_at = 1 + nanos % 30;
    eprintln!("killing after {kill_at} units");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sumbench"))
        .args(["run", "--config", "scale.yaml", "--quiet", "--jobs", "1"])
        .current_dir(&dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while units(&journal) < kill_at {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run finished before {kill_at} units: nothing was killed"
        );
        assert!(
            start.elapsed().as_secs() < 300,
            "no progress in the journal"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let written = units(&journal);
    assert!(
        written < 60,
        "the run completed ({written} units) before the kill"
    );
    assert!(!dir.join("results/scale-test.json").exists());
    let resumed = sumbench(
        &dir,
        &["run", "--config", "scale.yaml", "--quiet", "--resume"],
    );
    ok(&resumed, "resume");
    let out = String::from_utf8_lossy(&resumed.stdout);
    assert!(out.contains("resumed: kept "), "{out}");
    assert!(!out.contains("resumed: kept 0 "), "nothing was kept: {out}");
    assert!(
        results(&dir) == expected,
        "resumed results differ from the plain run's"
    );
}

/// The fenced block (any language) after `<!-- scale-recipe: NAME -->` in docs/scale.md.
fn recipe(name: &str) -> String {
    let doc = std::fs::read_to_string(repo().join("docs/scale.md")).unwrap();
    let marker = format!("<!-- scale-recipe: {name} -->");
    let after = &doc[doc.find(&marker).expect("recipe marker in docs/scale.md")..];
    let fence = after.find("```").expect("a block after the marker");
    let start = fence + after[fence..].find('\n').expect("the fence line ends") + 1;
    let end = start + after[start..].find("```").expect("the block ends");
    after[start..end].to_string()
}

#[test]
fn the_docs_xargs_recipe_shards_and_merges_to_the_same_bytes() {
    let expected = plain_run("xargs-plain", "");
    let dir = temp_dir("scale", "xargs");
    config(&dir, "", 42);
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_sumbench"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let script = recipe("xargs");
    let o = Command::new("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .current_dir(&dir)
        .env("PATH", path)
        .env("N", "4")
        .env("CONFIG", "scale.yaml")
        .env("NAME", "scale-test")
        .output()
        .unwrap();
    ok(&o, &format!("the recipe:\n{script}"));
    for k in 1..=4 {
        let j = dir.join(format!("results/scale-test.shard-{k}-of-4.journal.jsonl"));
        // Header plus at least one cluster's records: every shard got work.
        assert!(lines(&j) > 2, "{} is (nearly) empty", j.display());
    }
    assert!(
        results(&dir) == expected,
        "merged results differ from the plain run's"
    );
}

/// Runs the 4 shards of the default test config one after another in `dir`.
fn shards(dir: &Path) -> Vec<PathBuf> {
    (1..=4)
        .map(|k| {
            let spec = format!("{k}/4");
            ok(
                &sumbench(
                    dir,
                    &["run", "--config", "scale.yaml", "--quiet", "--shard", &spec],
                ),
                "shard",
            );
            dir.join(format!("results/scale-test.shard-{k}-of-4.journal.jsonl"))
        })
        .collect()
}

fn merge(dir: &Path, journals: &[PathBuf]) -> std::process::Output {
    let mut args = vec!["merge".to_string()];
    args.extend(journals.iter().map(|j| j.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    sumbench(dir, &args)
}

#[test]
fn merge_names_missing_and_duplicated_parts() {
    let dir = temp_dir("scale", "merge-refusals");
    config(&dir, "", 42);
    let js = shards(&dir);
    // A shard left out.
    let o = merge(&dir, &js[..3]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("missing shard journals: 4/4"),
        "{}",
        stderr(&o)
    );
    // A shard given twice.
    let o = merge(
        &dir,
        &[js[0].clone(), js[0].clone(), js[1].clone(), js[2].clone()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("shard 1/4 is given twice"),
        "{}",
        stderr(&o)
    );
    // A shard cut short: its last unit is named as missing.
    let text = std::fs::read_to_string(&js[3]).unwrap();
    let mut kept: Vec<&str> = text.lines().collect();
    let last: serde_json::Value = serde_json::from_str(kept.pop().unwrap()).unwrap();
    let unit = &last["unit"];
    let cut = dir.join("cut.journal.jsonl");
    std::fs::write(&cut, kept.join("\n") + "\n").unwrap();
    let o = merge(&dir, &[js[0].clone(), js[1].clone(), js[2].clone(), cut]);
    assert_eq!(o.status.code(), Some(2));
    let named = format!(
        "1 units are missing: ml/{}/{}",
        unit["cluster"].as_str().unwrap(),
        unit["system"].as_str().unwrap()
    );
    assert!(stderr(&o).contains(&named), "{named}\n{}", stderr(&o));
    // A unit copied into another shard's journal: named as duplicated.
    let dup = dir.join("dup.journal.jsonl");
    std::fs::write(
        &dup,
        std::fs::read_to_string(&js[2]).unwrap() + &serde_json::to_string(&last).unwrap() + "\n",
    )
    .unwrap();
    let o = merge(&dir, &[js[0].clone(), js[1].clone(), dup, js[3].clone()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("1 units are recorded twice: ml/"),
        "{}",
        stderr(&o)
    );
    // The parts as run merge fine.
    ok(&merge(&dir, &js), "merge");
}

#[test]
fn mismatched_configs_are_refused() {
    let dir = temp_dir("scale", "mismatch");
    config(&dir, "", 42);
    let js = shards(&dir);
    // Shard 4 again under another seed.
    let other = temp_dir("scale", "mismatch-other");
    config(&other, "", 7);
    ok(
        &sumbench(
            &other,
            &["run", "--config", "scale.yaml", "--quiet", "--shard", "4/4"],
        ),
        "shard under seed 7",
    );
    let foreign = other.join("results/scale-test.shard-4-of-4.journal.jsonl");
    let o = merge(
        &dir,
        &[js[0].clone(), js[1].clone(), js[2].clone(), foreign],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("(differing: seed)"), "{}", stderr(&o));
    // Resuming a plain run's journal under another seed.
    ok(
        &sumbench(&dir, &["run", "--config", "scale.yaml", "--quiet"]),
        "plain",
    );
    config(&dir, "", 7);
    let o = sumbench(
        &dir,
        &["run", "--config", "scale.yaml", "--quiet", "--resume"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot resume"), "{}", stderr(&o));
    assert!(stderr(&o).contains("(differing: seed)"), "{}", stderr(&o));
}

#[test]
fn a_torn_last_line_is_dropped_and_corruption_is_named() {
    let dir = temp_dir("scale", "torn");
    config(&dir, "", 42);
    ok(
        &sumbench(&dir, &["run", "--config", "scale.yaml", "--quiet"]),
        "plain",
    );
    let expected = results(&dir);
    let journal = dir.join("results/scale-test.journal.jsonl");
    let text = std::fs::read_to_string(&journal).unwrap();
    // Cut the last record in half: as if killed inside its write.
    let last_start = text[..text.len() - 1].rfind('\n').unwrap() + 1;
    let torn = &text[..last_start + (text.len() - last_start) / 2];
    std::fs::write(&journal, torn).unwrap();
    std::fs::remove_file(dir.join("results/scale-test.json")).unwrap();
    let o = sumbench(
        &dir,
        &["run", "--config", "scale.yaml", "--quiet", "--resume"],
    );
    ok(&o, "resume after a torn line");
    assert!(
        stderr(&o).contains("dropped a torn last line"),
        "{}",
        stderr(&o)
    );
    assert!(results(&dir) == expected);
    // A broken line that is not the last one is corruption: named, exit 2.
    let text = std::fs::read_to_string(&journal).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[3] = lines[3][..lines[3].len() / 2].to_string();
    std::fs::write(&journal, lines.join("\n") + "\n").unwrap();
    let o = sumbench(
        &dir,
        &["run", "--config", "scale.yaml", "--quiet", "--resume"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "{}:4: malformed journal record",
            journal.display()
        )) || stderr(&o).contains("results/scale-test.journal.jsonl:4: malformed journal record"),
        "{}",
        stderr(&o)
    );
}

/// The scheduler recipes' config: the test config saved as `configs/big.yaml`, named
/// `big` as the recipes' merge lines expect.
fn big_config(dir: &Path) {
    config(dir, "", 42);
    let text = std::fs::read_to_string(dir.join("scale.yaml")).unwrap();
    std::fs::create_dir_all(dir.join("configs")).unwrap();
    std::fs::write(
        dir.join("configs/big.yaml"),
        text.replace("name: scale-test", "name: big"),
    )
    .unwrap();
}

/// PATH with the sumbench under test first.
fn path_with_sumbench() -> String {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_sumbench"));
    format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Runs `program args` in `dir` with `env` and sumbench on the PATH; fails the test if
/// it fails.
fn run_step(dir: &Path, command: &[String], env: &[(String, String)], what: &str) {
    let mut c = Command::new(&command[0]);
    c.args(&command[1..])
        .current_dir(dir)
        .env("PATH", path_with_sumbench());
    for (k, v) in env {
        c.env(k, v);
    }
    ok(
        &c.output().unwrap(),
        &format!("{what}: {command:?} {env:?}"),
    );
}

fn sh(script: &str) -> Vec<String> {
    ["bash", "-euo", "pipefail", "-c", script]
        .map(String::from)
        .to_vec()
}

/// The value of `#SBATCH --KEY=VALUE` in a batch script.
fn sbatch_option(script: &str, key: &str) -> String {
    let prefix = format!("#SBATCH --{key}=");
    let line = script
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no {prefix} line"));
    line.to_owned()
}

/// The Slurm recipe: the batch script once per array task, as Slurm sets its variables,
/// then the merge job's `--wrap` command.
fn slurm(dir: &Path) {
    let script = recipe("slurm");
    let (lo, hi) = sbatch_option(&script, "array")
        .split_once('-')
        .map(|(a, b)| (a.parse::<usize>().unwrap(), b.parse::<usize>().unwrap()))
        .expect("--array=LO-HI");
    let cpus = sbatch_option(&script, "cpus-per-task");
    for id in lo..=hi {
        let env = [
            ("SLURM_ARRAY_TASK_ID", id.to_string()),
            ("SLURM_ARRAY_TASK_MIN", lo.to_string()),
            ("SLURM_ARRAY_TASK_COUNT", (hi - lo + 1).to_string()),
            ("SLURM_CPUS_PER_TASK", cpus.clone()),
        ]
        .map(|(k, v)| (k.to_owned(), v));
        run_step(dir, &sh(&script), &env, "slurm array task");
    }
    let merge = recipe("slurm-merge");
    let wrap = merge
        .split("--wrap")
        .nth(1)
        .and_then(|w| w.split('\'').nth(1))
        .expect("sbatch --wrap '...'");
    run_step(dir, &sh(wrap), &[], "slurm merge job");
}

fn yaml(text: &str) -> serde_json::Value {
    serde_yaml::from_str(text).expect("the recipe's YAML parses")
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|x| match x {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

/// The Kubernetes recipe: the Job's container command once per completion index with the
/// container's env, then the merge pod's command from `--overrides`.
fn kubernetes(dir: &Path) {
    let job = yaml(&recipe("kubernetes"));
    let completions = job["spec"]["completions"].as_u64().expect("completions");
    assert_eq!(job["spec"]["completionMode"], "Indexed");
    let container = &job["spec"]["template"]["spec"]["containers"][0];
    let command = strings(&container["command"]);
    let mut env: Vec<(String, String)> = container["env"]
        .as_array()
        .expect("env")
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_owned(),
                e["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    env.push(("JOB_COMPLETION_INDEX".into(), String::new()));
    for index in 0..completions {
        env.last_mut().unwrap().1 = index.to_string();
        run_step(dir, &command, &env, "kubernetes pod");
    }
    let merge = recipe("kubernetes-merge");
    let overrides = merge
        .split("--overrides='")
        .nth(1)
        .and_then(|o| o.split('\'').next())
        .expect("--overrides='...'");
    let pod: serde_json::Value = serde_json::from_str(overrides).unwrap();
    let merge_command = strings(&pod["spec"]["containers"][0]["command"]);
    run_step(dir, &merge_command, &[], "kubernetes merge pod");
}

/// The GitHub Actions recipe: the shard job's sumbench steps once per matrix value with
/// the job's env, then the merge job's sumbench steps.
fn github_actions(dir: &Path) {
    let workflow = yaml(&recipe("github-actions"));
    let sumbench_steps = |job: &serde_json::Value| -> Vec<String> {
        job["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .filter_map(|s| s["run"].as_str())
            .filter(|r| r.starts_with("sumbench "))
            .map(str::to_owned)
            .collect()
    };
    let shard = &workflow["jobs"]["shard"];
    let steps = sumbench_steps(shard);
    assert!(!steps.is_empty(), "the shard job runs sumbench");
    for value in strings(&shard["strategy"]["matrix"]["shard"]) {
        let env: Vec<(String, String)> = shard["env"]
            .as_object()
            .expect("env")
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), v.replace("${{ matrix.shard }}", &value))
            })
            .collect();
        for step in &steps {
            run_step(dir, &sh(step), &env, "matrix job");
        }
    }
    for step in sumbench_steps(&workflow["jobs"]["merge"]) {
        run_step(dir, &sh(&step), &[], "merge job");
    }
}

#[test]
fn the_docs_scheduler_recipes_shard_and_merge_to_the_same_bytes() {
    let plain = temp_dir("scale", "recipes-plain");
    big_config(&plain);
    ok(
        &sumbench(&plain, &["run", "--config", "configs/big.yaml", "--quiet"]),
        "plain run",
    );
    let expected = std::fs::read(plain.join("results/big.json")).unwrap();
    for (name, recipe) in [
        ("slurm", slurm as fn(&Path)),
        ("kubernetes", kubernetes),
        ("github-actions", github_actions),
    ] {
        let dir = temp_dir("scale", &format!("recipe-{name}"));
        big_config(&dir);
        recipe(&dir);
        assert!(
            std::fs::read(dir.join("results/big.json")).unwrap() == expected,
            "the {name} recipe's merged results differ from the plain run's"
        );
    }
}

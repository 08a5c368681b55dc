//! The instruction-count performance gate: counts the instructions (callgrind's `Ir`) each
//! workload executes and fails when one grew by more than its tolerance against the
//! committed baseline, `benches/instructions.baseline.json`. See docs/ci.md.
//!
//! This one binary is both the gate and the workloads. As the gate (given any argument;
//! `cargo bench` passes `--bench`), it re-executes itself
//! once per workload under `valgrind --tool=callgrind`, with collection switched off
//! except inside [`sumbench_measured`] (the end-to-end run: inside the harness's
//! `run_in_pool`), so setup (reading the corpus, preprocessing the cluster a summarizer
//! workload starts from, generating ROUGE pairs) is not counted.
//! Instruction counts do not move when the machine is busy, unlike wall clock on a
//! shared CI runner, so a small tolerance is meaningful.
//!
//! ```text
//! cargo bench --bench instructions                       # gate against the baseline
//! cargo bench --bench instructions -- luhn rouge155      # only workloads whose name contains one of these
//! cargo bench --bench instructions -- --update           # rewrite the baseline (commit it)
//! cargo bench --bench instructions -- --list             # workload names
//! ```
//! Without any argument (`cargo test --benches`) it only smoke-tests: each seed-sized
//! workload runs once natively and the baseline must name every workload. Run the
//! binary directly with `--bench` to gate, as `cargo bench` does. Given a criterion
//! option (a plain `cargo bench -- --save-baseline main` passes it to every bench) it
//! does nothing, so criterion's workflow keeps working.
//!
//! Exit status: 0 pass, 1 some workload grew beyond its tolerance (or has no baseline),
//! 2 usage or setup error (valgrind missing, baseline unreadable, a workload crashed).
//! `cargo bench` turns any failure into its own status 101; `.ci/perf-gate` runs the
//! binary directly to keep these.
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;
use sumbench::summarize::Registry;

#[path = "benchmarks/workloads.rs"]
mod workloads;

/// The committed baseline, relative to the repository root.
const BASELINE: &str = "benches/instructions.baseline.json";

/// Allowed growth, in percent, of a workload without its own `tolerance_pct`.
const DEFAULT_TOLERANCE_PCT: f64 = 5.0;

/// How many times the large cluster repeats the seed's documents (criterion's summarize
/// group uses 50×, too slow under valgrind's ~50× slowdown).
const COPIES: usize = 10;

/// ROUGE pairs scored by each scoring workload.
const PAIRS: usize = 1_000;

/// The name the workload's child process is started under, relative to its working
/// directory, so argv has the same bytes wherever the repository is checked out.
const CHILD_EXE: &str = "./workload";

/// What one workload runs.
#[derive(Clone)]
enum Work {
    /// The text pipeline on the seed cluster repeated `copies` times.
    Preprocess { copies: usize },
    /// One summary of `kind` on the seed cluster repeated `copies` times.
    Summarize { kind: &'static str, copies: usize },
    /// Scoring [`PAIRS`] pairs in rouge-score mode (stemming, every metric).
    RougeScore,
    /// Scoring [`PAIRS`] pairs in rouge155 mode.
    Rouge155,
    /// ROUGE-1.5.5's bootstrap over [`workloads::BOOTSTRAP_UNITS`] units.
    Bootstrap,
    /// `Run::execute` on the default config, one thread, no observer.
    EndToEnd,
}

impl Work {
    /// The function whose execution callgrind counts (`--toggle-collect`).
    fn measured_fn(&self) -> &'static str {
        match self {
            // Callgrind's collection switch is per thread and the run's work happens on
            // its rayon worker, inside this function. The main thread, which only builds
            // the pool and waits, is left out: how long its mutex spins while the worker
            // finishes depends on thread scheduling and changed the count between runs.
            Work::EndToEnd => "sumbench::harness::run_in_pool",
            _ => "sumbench_measured",
        }
    }

    /// Functions left out of the count although called inside [`Work::measured_fn`]
    /// (a second `--toggle-collect` switches collection off while inside them).
    fn excluded_fns(&self) -> &'static [&'static str] {
        match self {
            // Building systems removes keys from yaml_serde mappings, IndexMaps seeded by
            // std's RandomState, whose probe work differs from run to run by a few dozen
            // instructions. It is config handling, not a run's work.
            Work::EndToEnd => &["sumbench::harness::build_systems"],
            _ => &[],
        }
    }
}

/// A named workload.
struct Workload {
    name: String,
    work: Work,
}

fn label(copies: usize) -> String {
    if copies == 1 {
        "seed".into()
    } else {
        format!("seed-x{copies}")
    }
}

/// Every workload, in the order they are run and reported.
fn all_workloads() -> Vec<Workload> {
    let mut out = Vec::new();
    let mut add = |name: String, work: Work| out.push(Workload { name, work });
    for copies in [1, COPIES] {
        add(
            format!("preprocess/{}", label(copies)),
            Work::Preprocess { copies },
        );
    }
    let registry = Registry::default();
    for kind in workloads::summarizer_kinds(&registry) {
        for copies in [1, COPIES] {
            add(
                format!("summarize/{kind}/{}", label(copies)),
                Work::Summarize { kind, copies },
            );
        }
    }
    add(format!("rouge-score/score/{PAIRS}-pairs"), Work::RougeScore);
    add(format!("rouge155/score/{PAIRS}-pairs"), Work::Rouge155);
    add(
        format!("rouge155/bootstrap/{}-units", workloads::BOOTSTRAP_UNITS),
        Work::Bootstrap,
    );
    add("run/default-config".into(), Work::EndToEnd);
    out
}

/// The measured region: callgrind counts only while a thread is inside this function
/// (`--toggle-collect`). Kept out of line and unmangled so its symbol is always there
/// under one fixed name.
#[no_mangle]
#[inline(never)]
pub fn sumbench_measured(work: &mut dyn FnMut()) {
    work();
}

/// Runs `f` inside the measured region and returns its result (dropped by the caller,
/// outside the region).
fn measure<R>(f: impl FnOnce() -> R) -> R {
    let mut f = Some(f);
    let mut out = None;
    sumbench_measured(&mut || out = f.take().map(|f| f()));
    black_box(out.expect("the workload ran"))
}

/// The child side: sets the workload up, then runs it once inside the measured region.
fn run_child(name: &str) -> Result<(), String> {
    let workload = all_workloads()
        .into_iter()
        .find(|w| w.name == name)
        .ok_or_else(|| format!("no workload named {name}"))?;
    match workload.work {
        Work::Preprocess { copies } => {
            let pipeline = workloads::pipeline();
            let cluster = workloads::repeated(&workloads::seed_cluster(), copies);
            drop(measure(|| pipeline.process(&cluster)));
        }
        Work::Summarize { kind, copies } => {
            let registry = Registry::default();
            let seed = workloads::seed_cluster();
            let refs = workloads::references(&seed);
            let processed = workloads::pipeline().process(&workloads::repeated(&seed, copies));
            let system = workloads::system(&registry, kind, copies == 1);
            drop(measure(|| workloads::summarize(&system, &processed, &refs)));
        }
        Work::RougeScore => {
            let settings = workloads::rouge_score_settings(workloads::ROUGE_SCORE_METRICS, true);
            let pairs = workloads::rouge_pairs(PAIRS);
            measure(|| workloads::score_all(&settings, &pairs));
        }
        Work::Rouge155 => {
            let settings = workloads::rouge155_settings(workloads::ROUGE155_FLAGS);
            let pairs = workloads::rouge_pairs(PAIRS);
            measure(|| workloads::score_all(&settings, &pairs));
        }
        Work::Bootstrap => {
            let (scorer, units) = workloads::bootstrap_input();
            drop(measure(|| workloads::bootstrap(&scorer, &units)));
        }
        Work::EndToEnd => {
            // The default config's paths are relative to the repository root.
            std::env::set_current_dir(workloads::root())
                .map_err(|e| format!("cd {}: {e}", workloads::root().display()))?;
            let registry = Registry::default();
            let config = workloads::default_config();
            // Counted inside `run_in_pool` on the worker thread (see `measured_fn`).
            drop(black_box(workloads::run_serial(&config, &registry)));
        }
    }
    Ok(())
}

/// The committed baseline file.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Baseline {
    /// What the file is, for a reader who finds it without the docs.
    #[serde(default)]
    about: String,
    /// `valgrind --version` of the machine that wrote the counts.
    #[serde(default)]
    valgrind: String,
    /// Per workload: its count and optional tolerance.
    workloads: BTreeMap<String, Entry>,
}

/// One workload's baseline.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    /// Instructions executed (callgrind `Ir`).
    ir: u64,
    /// Allowed growth in percent (default [`DEFAULT_TOLERANCE_PCT`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tolerance_pct: Option<f64>,
}

const ABOUT: &str = "Instruction counts (callgrind Ir) of the perf-gate workloads; \
    written by `cargo bench --bench instructions -- --update`, see docs/ci.md";

/// Parsed command line of the gate.
struct Args {
    update: bool,
    list: bool,
    jobs: usize,
    filters: Vec<String>,
}

const USAGE: &str = "usage: instructions [--update] [--list] [--jobs N] [FILTER...]
  FILTER     run only workloads whose name contains one of these strings
  --update   rewrite benches/instructions.baseline.json with the measured counts
  --list     print the workload names and exit
  --jobs N   workloads measured at once (default 1; counts do not depend on it)";

/// Criterion's options. A plain `cargo bench -- --save-baseline main` hands them to every
/// bench target, this one included; they mean nothing here, and failing on them would
/// break the criterion workflow, so the gate then steps aside.
const CRITERION_OPTIONS: &[&str] = &[
    "--save-baseline",
    "--baseline",
    "--baseline-lenient",
    "--load-baseline",
    "--discard-baseline",
    "--warm-up-time",
    "--measurement-time",
    "--sample-size",
    "--nresamples",
    "--noise-threshold",
    "--confidence-level",
    "--significance-level",
    "--profile-time",
    "--plotting-backend",
    "--output-format",
    "--noplot",
    "--quick",
    "--export",
    "--color",
];

fn parse_args(raw: &[String]) -> Result<Args, String> {
    let mut args = Args {
        update: false,
        list: false,
        jobs: 1,
        filters: Vec::new(),
    };
    let mut it = raw.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            // `cargo bench` passes --bench to harness = false targets.
            "--bench" => {}
            "--update" => args.update = true,
            "--list" => args.list = true,
            "--jobs" => {
                let v = it.next().ok_or("--jobs needs a value")?;
                args.jobs = v
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("--jobs {v}: expected a positive number"))?;
            }
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => args.filters.push(s.to_string()),
        }
    }
    Ok(args)
}

/// Finds `name` on `PATH`.
fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    })
}

/// The callgrind total of one output file.
fn parse_total(text: &str) -> Option<u64> {
    text.lines()
        .find_map(|l| {
            l.strip_prefix("summary:")
                .or_else(|| l.strip_prefix("totals:"))
        })
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

/// Measures one workload under callgrind in a child process with a fixed environment.
fn count(valgrind: &Path, dir: &Path, w: &Workload) -> Result<u64, String> {
    let file = dir.join(format!("{}.callgrind.out", w.name.replace('/', "__")));
    let mut cmd = Command::new(valgrind);
    // A cleared environment: the environment block sits on the client's stack, and
    // VALGRIND_OPTS or a locale would change what runs.
    cmd.env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("LC_ALL", "C")
        .env("RAYON_NUM_THREADS", "1");
    if let Some(lib) = std::env::var_os("VALGRIND_LIB") {
        cmd.env("VALGRIND_LIB", lib);
    }
    cmd.current_dir(dir)
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", file.display()))
        .arg("--collect-atstart=no")
        .arg(format!("--toggle-collect={}", w.work.measured_fn()))
        .args(
            w.work
                .excluded_fns()
                .iter()
                .map(|f| format!("--toggle-collect={f}")),
        )
        .arg(CHILD_EXE)
        .args(["--child", &w.name])
        .stdin(Stdio::null());
    let out = cmd
        .output()
        .map_err(|e| format!("{}: cannot start valgrind: {e}", w.name))?;
    if !out.status.success() {
        return Err(format!(
            "{}: the workload failed under valgrind ({}):\n{}",
            w.name,
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("{}: reading {}: {e}", w.name, file.display()))?;
    let ir =
        parse_total(&text).ok_or_else(|| format!("{}: no total in {}", w.name, file.display()))?;
    // Next to nothing means callgrind never saw the measured function (renamed, or
    // inlined away), which must not pass as a huge improvement.
    if ir < 1_000 {
        return Err(format!(
            "{}: only {ir} instructions counted; callgrind did not see {}",
            w.name,
            w.work.measured_fn()
        ));
    }
    Ok(ir)
}

/// Where the callgrind files go: `target/instructions/`, beside the build.
fn output_dir(exe: &Path) -> PathBuf {
    // exe is target/<profile>/deps/instructions-<hash>.
    exe.ancestors()
        .nth(3)
        .map(|t| t.join("instructions"))
        .unwrap_or_else(|| std::env::temp_dir().join("sumbench-instructions"))
}

fn valgrind_version(valgrind: &Path) -> String {
    Command::new(valgrind)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

fn load_baseline(path: &Path, update: bool) -> Result<Baseline, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|e| format!("baseline {} is unreadable: {e}", path.display())),
        Err(e) if update && e.kind() == std::io::ErrorKind::NotFound => Ok(Baseline::default()),
        Err(e) => Err(format!(
            "baseline {} is unreadable: {e} (create it with --update)",
            path.display()
        )),
    }
}

/// The gate: measures the selected workloads under callgrind and compares each count
/// with the baseline, or with `--update` rewrites the baseline from them.
fn gate(args: Args) -> Result<ExitCode, String> {
    let selected = select_workloads(&args.filters);
    if args.list {
        for w in &selected {
            println!("{}", w.name);
        }
        return Ok(ExitCode::SUCCESS);
    }
    if selected.is_empty() {
        return Err(format!(
            "no workload matches {:?} (see --list)",
            args.filters
        ));
    }
    let valgrind = which("valgrind")
        .ok_or("valgrind is not on PATH; install it (Debian/Ubuntu: apt-get install valgrind)")?;
    let baseline_path = workloads::root().join(BASELINE);
    let mut baseline = load_baseline(&baseline_path, args.update)?;
    let version = valgrind_version(&valgrind);
    if !baseline.valgrind.is_empty() && baseline.valgrind != version && !args.update {
        eprintln!(
            "warning: the baseline was written with {}, this is {version}; counts may differ",
            baseline.valgrind
        );
    }
    let dir = link_child_exe()?;

    eprintln!(
        "measuring {} workloads under {version} ({} at a time); callgrind files in {}",
        selected.len(),
        args.jobs,
        dir.display()
    );
    let started = Instant::now();
    let counts = count_all(&valgrind, &dir, &selected, args.jobs)?;
    let seconds = started.elapsed().as_secs_f64();
    let (grew, missing) = print_comparison(&selected, &counts, &baseline, args.update);
    eprintln!("measured in {seconds:.1} s");

    if args.update {
        let whole = args.filters.is_empty();
        write_baseline(
            &mut baseline,
            &baseline_path,
            &selected,
            &counts,
            whole,
            version,
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    Ok(verdict(&grew, &missing, counts.len()))
}

/// The workloads whose name contains one of `filters` (all of them without filters).
fn select_workloads(filters: &[String]) -> Vec<Workload> {
    all_workloads()
        .into_iter()
        .filter(|w| filters.is_empty() || filters.iter().any(|f| w.name.contains(f)))
        .collect()
}

/// Creates the folder the children run in, with [`CHILD_EXE`] linked to this executable
/// there, and returns the folder.
fn link_child_exe() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this executable: {e}"))?;
    let dir = output_dir(&exe);
    std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let link = dir.join(CHILD_EXE);
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(&exe, &link)
        .map_err(|e| format!("linking {}: {e}", link.display()))?;
    Ok(dir)
}

/// Every workload's count, in `selected`'s order, measuring `jobs` of them at once; the
/// first failure (in that order) is the error.
fn count_all(
    valgrind: &Path,
    dir: &Path,
    selected: &[Workload],
    jobs: usize,
) -> Result<Vec<u64>, String> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<u64, String>>>> =
        Mutex::new((0..selected.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..jobs.min(selected.len()) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(w) = selected.get(i) else { break };
                let r = count(valgrind, dir, w);
                results.lock().expect("no panics while locked")[i] = Some(r);
            });
        }
    });
    let results = results.into_inner().expect("no panics while locked");
    let mut counts = Vec::new();
    for r in results {
        counts.push(r.expect("every workload ran")?);
    }
    Ok(counts)
}

/// Prints the table of counts against the baseline and returns the workloads that grew
/// beyond their tolerance and those the baseline lacks.
fn print_comparison(
    selected: &[Workload],
    counts: &[u64],
    baseline: &Baseline,
    update: bool,
) -> (Vec<String>, Vec<String>) {
    println!(
        "{:<40} {:>15} {:>15} {:>9} {:>6}",
        "workload", "before", "after", "change", "tol"
    );
    let mut grew = Vec::new();
    let mut missing = Vec::new();
    for (w, &ir) in selected.iter().zip(counts) {
        let entry = baseline.workloads.get(&w.name);
        let tol = entry
            .and_then(|e| e.tolerance_pct)
            .unwrap_or(DEFAULT_TOLERANCE_PCT);
        let (before, change, status) = match entry {
            Some(e) => {
                let pct = (ir as f64 - e.ir as f64) / e.ir as f64 * 100.0;
                let status = if pct > tol {
                    grew.push(format!("{} ({pct:+.2}% > {tol}%)", w.name));
                    "  GREW"
                } else if pct < -tol {
                    "  faster: consider --update"
                } else {
                    ""
                };
                (e.ir.to_string(), format!("{pct:+.2}%"), status)
            }
            None => {
                missing.push(w.name.clone());
                let status = if update { "" } else { "  NO BASELINE" };
                ("-".into(), "new".into(), status)
            }
        };
        println!(
            "{:<40} {before:>15} {ir:>15} {change:>9} {tol:>5}%{status}",
            w.name
        );
    }
    (grew, missing)
}

/// `--update`: stores the measured counts (keeping each workload's own tolerance) and
/// writes the baseline; a `whole` run (no filters) also drops workloads that are gone.
fn write_baseline(
    baseline: &mut Baseline,
    path: &Path,
    selected: &[Workload],
    counts: &[u64],
    whole: bool,
    version: String,
) -> Result<(), String> {
    for (w, &ir) in selected.iter().zip(counts) {
        let tolerance_pct = baseline
            .workloads
            .get(&w.name)
            .and_then(|e| e.tolerance_pct);
        baseline
            .workloads
            .insert(w.name.clone(), Entry { ir, tolerance_pct });
    }
    if whole {
        baseline
            .workloads
            .retain(|name, _| selected.iter().any(|w| &w.name == name));
    }
    baseline.about = ABOUT.into();
    baseline.valgrind = version;
    let text = serde_json::to_string_pretty(&baseline).expect("serializable") + "\n";
    std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))?;
    println!("baseline updated: {} (commit it)", path.display());
    Ok(())
}

/// Prints the gate's verdict line(s): exit 0 when nothing grew and every workload has a
/// baseline, 1 otherwise.
fn verdict(grew: &[String], missing: &[String], measured: usize) -> ExitCode {
    if grew.is_empty() && missing.is_empty() {
        println!("instruction-count gate passed ({measured} workloads)");
        return ExitCode::SUCCESS;
    }
    if !grew.is_empty() {
        println!(
            "instruction-count gate FAILED: {} workload(s) grew beyond tolerance: {}",
            grew.len(),
            grew.join(", ")
        );
    }
    if !missing.is_empty() {
        println!(
            "instruction-count gate FAILED: no baseline for {}; run with --update and commit {BASELINE}",
            missing.join(", ")
        );
    }
    ExitCode::from(1)
}

/// `cargo test --benches` mode (no `--bench`, as criterion decides too): runs each
/// seed-sized workload once natively, so a broken workload fails the fast test run
/// rather than the gate, and checks that the baseline names exactly the workloads.
fn smoke() -> Result<(), String> {
    let all = all_workloads();
    let mut ran = 0;
    for w in all.iter().filter(|w| !w.name.ends_with(&label(COPIES))) {
        run_child(&w.name)?;
        ran += 1;
    }
    let baseline = load_baseline(&workloads::root().join(BASELINE), false)?;
    let missing: Vec<&str> = all
        .iter()
        .map(|w| w.name.as_str())
        .filter(|n| !baseline.workloads.contains_key(*n))
        .collect();
    let stale: Vec<&str> = baseline
        .workloads
        .keys()
        .map(String::as_str)
        .filter(|n| !all.iter().any(|w| w.name == *n))
        .collect();
    if !missing.is_empty() || !stale.is_empty() {
        return Err(format!(
            "{BASELINE} is out of date (missing: {missing:?}, no longer a workload: {stale:?}); \
             run `cargo bench --bench instructions -- --update` and commit it"
        ));
    }
    println!(
        "instructions smoke test: {ran} workloads ran once natively; the baseline covers all {}",
        all.len()
    );
    Ok(())
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = raw.iter().position(|a| a == "--child") {
        let Some(name) = raw.get(i + 1) else {
            eprintln!("--child needs a workload name");
            return ExitCode::from(2);
        };
        return match run_child(name) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(2)
            }
        };
    }
    if raw.is_empty() {
        return match smoke() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        };
    }
    if let Some(opt) = raw.iter().find(|a| {
        let name = a.split('=').next().unwrap_or(a);
        CRITERION_OPTIONS.contains(&name)
    }) {
        eprintln!(
            "instructions: {opt} is a criterion option; the instruction-count gate is not a \
             criterion bench and did nothing (criterion: cargo bench --bench bench_main)"
        );
        return ExitCode::SUCCESS;
    }
    let args = match parse_args(&raw) {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(if e.is_empty() { 0 } else { 2 });
        }
    };
    match gate(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

//! The sumbench side of the comparison with Python's sumy (`docs/sumy_speed.sh`).
//!
//! ```sh
//! cargo run --release --example sumy_speed -- COPIES /tmp/sumy_sentences.txt
//! ```
//! Builds the seed cluster repeated COPIES times with distinct ids (the workload of the
//! `summarize` criterion group, near-duplicate removal off so the copies survive), writes
//! its candidate sentences (after the length filter) to the file, one per line with a
//! blank line between documents, so that sumy is given exactly the sentences sumbench's
//! graph methods rank, then times `System::summarize` for `textrank` and `lexrank` with a
//! 100-word budget: CPU time of this thread, best of 3. Preprocessing is outside the
//! timing, as sumy's parsing is outside `docs/sumy_speed.py`'s.
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;
use sumbench::summarize::candidates::candidates;
use sumbench::summarize::Registry;

#[path = "../benches/benchmarks/workloads.rs"]
mod workloads;

/// CPU time of this thread (Linux `/proc/thread-self/schedstat`, nanoseconds on CPU).
fn cpu_seconds() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").expect("schedstat");
    let ns: f64 = s
        .split_whitespace()
        .next()
        .and_then(|x| x.parse().ok())
        .expect("ns");
    ns / 1e9
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [copies, path] = &args[..] else {
        return Err("usage: sumy_speed COPIES SENTENCES_OUT".into());
    };
    let copies: usize = copies.parse()?;
    let registry = Registry::default();
    let seed = workloads::seed_cluster();
    let refs = workloads::references(&seed);
    let cluster = workloads::pipeline().process(&workloads::repeated(&seed, copies));
    let textrank = workloads::system(&registry, "textrank", false);
    let cands = candidates(&cluster, &textrank.candidates);

    let mut out = String::new();
    let mut last_doc = None;
    for &i in &cands {
        let s = &cluster.sentences[i];
        if last_doc.is_some_and(|d| d != s.doc) {
            out.push('\n');
        }
        last_doc = Some(s.doc);
        writeln!(out, "{}", s.text)?;
    }
    std::fs::write(path, out)?;
    println!(
        "cluster: seed x{copies}: {} documents, {} sentences, {} candidates written to {path}",
        cluster.docs.len(),
        cluster.sentences.len(),
        cands.len()
    );

    for kind in ["textrank", "lexrank"] {
        let system = workloads::system(&registry, kind, false);
        assert_eq!(candidates(&cluster, &system.candidates), cands);
        let mut best_cpu = f64::INFINITY;
        let mut best_wall = f64::INFINITY;
        for _ in 0..3 {
            let cpu = cpu_seconds();
            let start = Instant::now();
            black_box(workloads::summarize(&system, black_box(&cluster), &refs));
            best_wall = best_wall.min(start.elapsed().as_secs_f64());
            best_cpu = best_cpu.min(cpu_seconds() - cpu);
        }
        println!(
            "sumbench {kind}: {} candidates, best of 3: wall {best_wall:.4} s, CPU {best_cpu:.4} s",
            cands.len()
        );
    }
    Ok(())
}

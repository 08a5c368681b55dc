//! Measures the ILP summarizer's exact solve on every cluster of a dataset.
//!
//! ```text
//! cargo run --release --example ilp_solve_times -- corpus            # folder of clusters
//! cargo run --release --example ilp_solve_times -- clusters.jsonl    # JSON Lines
//! ```
//!
//! Prints, per cluster, the selectable sentences, concepts, search nodes, whether the
//! optimum was proven, and the model-building and solving times; then the totals.
use std::path::Path;
use std::time::Instant;
use sumbench::summarize::candidates::{candidates, CandidateOptions};
use sumbench::summarize::ilp::{solve, Ilp, Limits};
use sumbench::summarize::{Budget, Input};
use sumbench::text::{Pipeline, TextOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: ilp_solve_times <corpus folder | clusters.jsonl> [words]")?;
    let words: usize = std::env::args().nth(2).map_or(Ok(100), |w| w.parse())?;
    let path = Path::new(&path);
    let clusters = if path.is_dir() {
        sumbench::corpus::dir::load_corpus(path, None)?
    } else {
        sumbench::corpus::jsonl::load(path)?
    };
    let pipeline = Pipeline::new(&TextOptions::default())?;
    let ilp = Ilp::default();
    let limits = Limits {
        max_nodes: ilp.max_nodes,
        time_limit: None,
    };
    let (mut total_ms, mut worst_ms, mut unproven) = (0.0f64, 0.0f64, 0);
    println!("cluster\tsentences\tselectable\tconcepts\tnodes\toptimal\tmodel_ms\tsolve_ms");
    for cluster in &clusters {
        let processed = pipeline.process(cluster);
        let cands = candidates(&processed, &CandidateOptions::default());
        let input = Input {
            cluster: &processed,
            candidates: &cands,
            budget: Budget::words(words),
            references: &[],
            seed: 0,
        };
        let t = Instant::now();
        let model = ilp.model(&input);
        let model_ms = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let solution = solve(&model.problem, &limits);
        let solve_ms = t.elapsed().as_secs_f64() * 1e3;
        total_ms += model_ms + solve_ms;
        worst_ms = worst_ms.max(model_ms + solve_ms);
        unproven += usize::from(!solution.optimal);
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{model_ms:.2}\t{solve_ms:.2}",
            cluster.id,
            processed.sentences.len(),
            model.sentences.len(),
            model.problem.weights.len(),
            solution.nodes,
            solution.optimal,
        );
    }
    println!(
        "{} clusters: mean {:.2} ms, worst {worst_ms:.2} ms, not proven optimal: {unproven}",
        clusters.len(),
        total_ms / clusters.len().max(1) as f64
    );
    Ok(())
}

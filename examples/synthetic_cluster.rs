//! Writes a synthetic stress-test dataset, one huge cluster, for the memory figures of
//! docs/reliability.md ("Limits and memory").
//!
//! ```text
//! cargo run --release --example synthetic_cluster -- OUT [ARTICLES] [SENTENCES] [SEED]
//! cargo run --release -- run --config OUT/synthetic.yaml --jobs 1
//! ```
//!
//! `OUT/corpus/synthetic/NNNNN.txt` holds ARTICLES articles (default 10,000) of SENTENCES
//! sentences each (default 6), every sentence 8 to 30 words drawn with Zipf's law
//! (probability ∝ 1/rank) from a 50,000-word ranking: the bundled seed cluster's words
//! by frequency, then pseudo-words, so sentences share common terms and differ in rare
//! ones, as real news does.
//! `OUT/references/synthetic/A.txt` is one such 100-word text, and `OUT/synthetic.yaml`
//! runs every built-in system but the oracle on it. Everything follows from SEED
//! (default 42), so the files are byte-for-byte reproducible.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use sumbench::stats::Rng;

mod common;
use common::{Words, SYSTEMS};

/// What to write, from the command line.
struct Args {
    out: PathBuf,
    articles: usize,
    per_article: usize,
    seed: u64,
}

impl Args {
    fn parse() -> Result<Self, Box<dyn std::error::Error>> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let usage = "usage: synthetic_cluster OUT [ARTICLES=10000] [SENTENCES=6] [SEED=42]";
        Ok(Args {
            out: PathBuf::from(args.first().ok_or(usage)?),
            articles: args.get(1).map_or(Ok(10_000), |a| a.parse())?,
            per_article: args.get(2).map_or(Ok(6), |a| a.parse())?,
            seed: args.get(3).map_or(Ok(42), |a| a.parse())?,
        })
    }
}

/// Writes the articles and the reference; returns the articles' bytes.
fn write_cluster(
    args: &Args,
    words: &Words,
    rng: &mut Rng,
) -> Result<usize, Box<dyn std::error::Error>> {
    let corpus = args.out.join("corpus/synthetic");
    let refs = args.out.join("references/synthetic");
    std::fs::create_dir_all(&corpus)?;
    std::fs::create_dir_all(&refs)?;
    let mut bytes = 0;
    for a in 0..args.articles {
        let mut text = String::new();
        for _ in 0..args.per_article {
            words.sentence(rng, &mut text);
        }
        text.push('\n');
        bytes += text.len();
        std::fs::write(corpus.join(format!("{a:05}.txt")), text)?;
    }
    std::fs::write(refs.join("A.txt"), words.words(rng, 100))?;
    Ok(bytes)
}

/// The config running every built-in system but the oracle on the cluster.
fn config(out: &Path, articles: usize) -> Result<String, std::fmt::Error> {
    let mut config = String::new();
    writeln!(
        config,
        "# Written by `cargo run --release --example synthetic_cluster`: every built-in \
         system but the oracle\n# on one synthetic cluster of {articles} articles.\n\
         name: synthetic\ndatasets:\n  - {{name: synthetic, format: dir, path: {}, references: {}}}\n\
         budget: {{unit: words, limit: 100}}\nsummarizers:",
        out.join("corpus").display(),
        out.join("references").display()
    )?;
    for system in SYSTEMS {
        writeln!(config, "  - {system}")?;
    }
    writeln!(
        config,
        "rouge: {{mode: rouge155, flags: \"-n 2 -m -l 100 -f A -p 0.5 -t 0 -a\"}}\n\
         output: {}\nseed: 42",
        out.join("results").display()
    )?;
    Ok(config)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse()?;
    let words = Words::new(Path::new(env!("CARGO_MANIFEST_DIR")))?;
    let mut rng = Rng::new(args.seed);
    let bytes = write_cluster(&args, &words, &mut rng)?;
    let yaml = args.out.join("synthetic.yaml");
    std::fs::write(&yaml, config(&args.out, args.articles)?)?;
    println!(
        "{} articles × {} sentences ({bytes} bytes, {} words in the vocabulary) in {}; \
         run: sumbench run --config {}",
        args.articles,
        args.per_article,
        words.words.len(),
        args.out.join("corpus/synthetic").display(),
        yaml.display()
    );
    Ok(())
}

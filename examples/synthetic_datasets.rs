//! Writes synthetic datasets of many clusters, in the shapes of the large public test
//! sets, for the scale figures of docs/performance.md ("Large runs") and docs/scale.md.
//!
//! ```text
//! cargo run --release --example synthetic_datasets -- SHAPE OUT [CLUSTERS] [SEED]
//! cargo run --release -- run --config OUT/SHAPE.yaml
//! ```
//!
//! SHAPE is one of
//! - `clusters`: CLUSTERS (default 10,000) JSON Lines clusters of 3 to 8 articles of 6 to
//!   14 sentences, a 100-word reference each: many small clusters, for the peak-memory
//!   figure (memory must not grow with the cluster count);
//! - `multinews`: CLUSTERS (default 5,622, the Multi-News test set) clusters of 2 to 10
//!   articles in the Multi-News release format (`OUT/multinews.src.txt` with articles
//!   separated by `|||||` and `NEWLINE_CHAR` for newlines, `OUT/multinews.tgt.txt` with
//!   one `– summary` line per cluster, about 260 words as in the release);
//! - `wcep`: CLUSTERS (default 1,022, the WCEP-100 test set) clusters of 2 to 100 articles
//!   in WCEP's JSON Lines (`OUT/wcep.jsonl`), with 40-word summaries as in the release.
//!
//! Articles of `multinews` and `wcep` hold 10 to 30 sentences (about 380 words, near both
//! releases' average article). Sentences are 8 to 30 words drawn with Zipf's law from a
//! 50,000-word ranking (the seed cluster's words by frequency, then pseudo-words), as in
//! `examples/synthetic_cluster.rs`; the reference shares the cluster's vocabulary. The
//! counts are drawn uniformly, so each shape's mean is the midpoint of its range.
//! `OUT/SHAPE.yaml` runs every built-in system but the oracle. Everything follows from
//! SEED (default 42): the files are byte-for-byte reproducible.
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use sumbench::stats::Rng;

mod common;
use common::{Words, SYSTEMS};

type Error = Box<dyn std::error::Error>;

/// The config running every built-in system but the oracle on `dataset` (YAML lines).
fn config(shape: &str, clusters: usize, dataset: &str, out: &Path) -> String {
    let mut config = String::new();
    let _ = writeln!(
        config,
        "# Written by `cargo run --release --example synthetic_datasets -- {shape}`: every\n\
         # built-in system but the oracle on {clusters} synthetic clusters.\n\
         name: synthetic-{shape}\ndatasets:\n  - {dataset}\n\
         budget: {{unit: words, limit: 100}}\nsummarizers:"
    );
    for system in SYSTEMS {
        let _ = writeln!(config, "  - {system}");
    }
    let _ = writeln!(
        config,
        "rouge: {{mode: rouge155, flags: \"-n 2 -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a\"}}\n\
         output: {}\nseed: 42",
        out.join("results").display()
    );
    config
}

/// What a shape's writer is given, and what it counts.
struct Gen<'w> {
    words: &'w Words,
    rng: Rng,
    out: PathBuf,
    clusters: usize,
    articles: usize,
    bytes: usize,
}

impl Gen<'_> {
    /// `clusters`: JSON Lines clusters of 3 to 8 articles of 6 to 14 sentences. Returns
    /// the dataset's config line.
    fn clusters(&mut self) -> Result<String, Error> {
        let path = self.out.join("clusters.jsonl");
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
        for c in 0..self.clusters {
            let n = 3 + self.rng.below(6) as usize;
            let docs: Vec<serde_json::Value> = (0..n)
                .map(|d| {
                    let text = self.words.text(&mut self.rng, 6, 14);
                    self.bytes += text.len();
                    serde_json::json!({"id": format!("d{d}"), "text": text})
                })
                .collect();
            self.articles += n;
            let reference = self.words.words(&mut self.rng, 100);
            let line = serde_json::json!({
                "id": format!("c{c:05}"),
                "docs": docs,
                "refs": [{"id": "A", "text": reference}],
            });
            writeln!(f, "{line}")?;
        }
        f.flush()?;
        Ok(format!(
            "{{name: clusters, format: jsonl, path: {}}}",
            path.display()
        ))
    }

    /// `multinews`: the Multi-News release format, 2 to 10 articles per cluster.
    fn multinews(&mut self) -> Result<String, Error> {
        let src = self.out.join("multinews.src.txt");
        let tgt = self.out.join("multinews.tgt.txt");
        let mut s = std::io::BufWriter::new(std::fs::File::create(&src)?);
        let mut t = std::io::BufWriter::new(std::fs::File::create(&tgt)?);
        for _ in 0..self.clusters {
            let n = 2 + self.rng.below(9) as usize;
            let docs: Vec<String> = (0..n)
                .map(|_| {
                    // Two paragraphs, joined as the release joins lines.
                    let a = self.words.text(&mut self.rng, 5, 15);
                    let b = self.words.text(&mut self.rng, 5, 15);
                    self.bytes += a.len() + b.len();
                    format!("{a} NEWLINE_CHAR NEWLINE_CHAR {b}")
                })
                .collect();
            self.articles += n;
            writeln!(s, "{}", docs.join(" ||||| "))?;
            writeln!(t, "– {}", self.words.words(&mut self.rng, 260))?;
        }
        s.flush()?;
        t.flush()?;
        Ok(format!(
            "{{name: multinews, format: multinews, path: {}, summaries: {}}}",
            src.display(),
            tgt.display()
        ))
    }

    /// `wcep`: WCEP's JSON Lines, 2 to 100 articles per cluster.
    fn wcep(&mut self) -> Result<String, Error> {
        let path = self.out.join("wcep.jsonl");
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
        for c in 0..self.clusters {
            let n = 2 + self.rng.below(99) as usize;
            let docs: Vec<serde_json::Value> = (0..n)
                .map(|d| {
                    let text = self.words.text(&mut self.rng, 10, 30);
                    self.bytes += text.len();
                    serde_json::json!({"id": d, "title": "", "text": text})
                })
                .collect();
            self.articles += n;
            let line = serde_json::json!({
                "id": c,
                "summary": self.words.words(&mut self.rng, 40),
                "articles": docs,
            });
            writeln!(f, "{line}")?;
        }
        f.flush()?;
        Ok(format!(
            "{{name: wcep, format: wcep, path: {}}}",
            path.display()
        ))
    }
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: synthetic_datasets clusters|multinews|wcep OUT [CLUSTERS] [SEED=42]";
    let shape = args.first().ok_or(usage)?.clone();
    let out = PathBuf::from(args.get(1).ok_or(usage)?);
    let default_clusters = match shape.as_str() {
        "clusters" => 10_000,
        "multinews" => 5_622,
        "wcep" => 1_022,
        _ => return Err(usage.into()),
    };
    let clusters: usize = args.get(2).map_or(Ok(default_clusters), |a| a.parse())?;
    let seed: u64 = args.get(3).map_or(Ok(42), |a| a.parse())?;
    let words = Words::new(Path::new(env!("CARGO_MANIFEST_DIR")))?;
    std::fs::create_dir_all(&out)?;
    let mut gen = Gen {
        words: &words,
        rng: Rng::new(seed),
        out: out.clone(),
        clusters,
        articles: 0,
        bytes: 0,
    };
    let dataset = match shape.as_str() {
        "clusters" => gen.clusters()?,
        "multinews" => gen.multinews()?,
        _ => gen.wcep()?,
    };
    let yaml = out.join(format!("{shape}.yaml"));
    std::fs::write(&yaml, config(&shape, clusters, &dataset, &out))?;
    println!(
        "{clusters} clusters, {} articles, {} bytes of article text in {}; \
         run: sumbench run --config {}",
        gen.articles,
        gen.bytes,
        out.display(),
        yaml.display()
    );
    Ok(())
}

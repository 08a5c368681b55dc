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
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use sumbench::stats::Rng;

/// Words in the Zipf ranking: the seed cluster's, then pseudo-words.
const VOCABULARY: usize = 50_000;

/// The Zipf-ranked vocabulary and its cumulative weights.
struct Words {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Words {
    /// The seed cluster's words, most frequent first, then pseudo-words up to VOCABULARY.
    fn new(repo: &Path) -> Result<Self, Box<dyn std::error::Error>> {
        let dir = repo.join("corpus/ukraine-talks-2022-01");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
        files.sort();
        let mut count: HashMap<String, (usize, usize)> = HashMap::new();
        for f in files {
            let text = std::fs::read_to_string(&f)?;
            for w in text.split(|c: char| !c.is_ascii_alphabetic()) {
                if w.len() > 1 {
                    let next = count.len();
                    count.entry(w.to_lowercase()).or_insert((0, next)).0 += 1;
                }
            }
        }
        let mut ranked: Vec<(String, (usize, usize))> = count.into_iter().collect();
        ranked.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
        let mut words: Vec<String> = ranked.into_iter().map(|(w, _)| w).collect();
        let syllables: Vec<String> = "bdfgklmnprstvz"
            .chars()
            .flat_map(|c| "aeiou".chars().map(move |v| format!("{c}{v}")))
            .collect();
        let s = syllables.len();
        let mut k = 0;
        while words.len() < VOCABULARY {
            words.push(format!(
                "{}{}{}",
                syllables[k / (s * s) % s],
                syllables[k / s % s],
                syllables[k % s]
            ));
            k += 1;
        }
        let mut cumulative = Vec::with_capacity(words.len());
        let mut total = 0.0;
        for rank in 1..=words.len() {
            total += 1.0 / rank as f64;
            cumulative.push(total);
        }
        Ok(Words { words, cumulative })
    }

    /// One sentence of 8 to 30 words, capitalised, with a full stop and a space.
    fn sentence(&self, rng: &mut Rng, out: &mut String) {
        let n = 8 + rng.below(23) as usize;
        let last = self.cumulative[self.cumulative.len() - 1];
        for k in 0..n {
            let x = rng.next_f64() * last;
            let i = self.cumulative.partition_point(|&c| c <= x);
            let w = &self.words[i.min(self.words.len() - 1)];
            if k == 0 {
                let mut cs = w.chars();
                if let Some(first) = cs.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(cs.as_str());
                }
            } else {
                out.push(' ');
                out.push_str(w);
            }
        }
        out.push_str(". ");
    }

    /// `lo..=hi` sentences.
    fn text(&self, rng: &mut Rng, lo: u64, hi: u64) -> String {
        let mut out = String::new();
        for _ in 0..lo + rng.below(hi - lo + 1) {
            self.sentence(rng, &mut out);
        }
        out.trim_end().to_owned()
    }

    /// Sentences until at least `words` words.
    fn words(&self, rng: &mut Rng, words: usize) -> String {
        let mut out = String::new();
        while out.split_whitespace().count() < words {
            self.sentence(rng, &mut out);
        }
        out.trim_end().to_owned()
    }
}

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
    for system in [
        "{type: lead, name: lead, variant: latest}",
        "{type: lead, name: lead-rr, variant: round-robin}",
        "{type: random}",
        "{type: textrank}",
        "{type: lexrank}",
        "{type: lexrank, name: lexrank-continuous, variant: continuous}",
        "{type: centroid}",
        "{type: centroid-greedy}",
        "{type: mmr, base: {type: textrank}}",
        "{type: sumbasic}",
        "{type: freqsum}",
        "{type: klsum}",
        "{type: lsa}",
        "{type: luhn}",
        "{type: submodular}",
        "{type: ilp}",
        "{type: ilp, name: ilp-icsi, first_sentence_weight: 1}",
    ] {
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

fn main() -> Result<(), Box<dyn std::error::Error>> {
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
    let mut rng = Rng::new(seed);
    std::fs::create_dir_all(&out)?;
    let mut articles = 0usize;
    let mut bytes = 0usize;
    let dataset = match shape.as_str() {
        "clusters" => {
            let path = out.join("clusters.jsonl");
            let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
            for c in 0..clusters {
                let n = 3 + rng.below(6) as usize;
                let docs: Vec<serde_json::Value> = (0..n)
                    .map(|d| {
                        let text = words.text(&mut rng, 6, 14);
                        bytes += text.len();
                        serde_json::json!({"id": format!("d{d}"), "text": text})
                    })
                    .collect();
                articles += n;
                let reference = words.words(&mut rng, 100);
                let line = serde_json::json!({
                    "id": format!("c{c:05}"),
                    "docs": docs,
                    "refs": [{"id": "A", "text": reference}],
                });
                writeln!(f, "{line}")?;
            }
            f.flush()?;
            format!(
                "{{name: clusters, format: jsonl, path: {}}}",
                path.display()
            )
        }
        "multinews" => {
            let src = out.join("multinews.src.txt");
            let tgt = out.join("multinews.tgt.txt");
            let mut s = std::io::BufWriter::new(std::fs::File::create(&src)?);
            let mut t = std::io::BufWriter::new(std::fs::File::create(&tgt)?);
            for _ in 0..clusters {
                let n = 2 + rng.below(9) as usize;
                let docs: Vec<String> = (0..n)
                    .map(|_| {
                        // Two paragraphs, joined as the release joins lines.
                        let a = words.text(&mut rng, 5, 15);
                        let b = words.text(&mut rng, 5, 15);
                        bytes += a.len() + b.len();
                        format!("{a} NEWLINE_CHAR NEWLINE_CHAR {b}")
                    })
                    .collect();
                articles += n;
                writeln!(s, "{}", docs.join(" ||||| "))?;
                writeln!(t, "– {}", words.words(&mut rng, 260))?;
            }
            s.flush()?;
            t.flush()?;
            format!(
                "{{name: multinews, format: multinews, path: {}, summaries: {}}}",
                src.display(),
                tgt.display()
            )
        }
        _ => {
            let path = out.join("wcep.jsonl");
            let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
            for c in 0..clusters {
                let n = 2 + rng.below(99) as usize;
                let docs: Vec<serde_json::Value> = (0..n)
                    .map(|d| {
                        let text = words.text(&mut rng, 10, 30);
                        bytes += text.len();
                        serde_json::json!({"id": d, "title": "", "text": text})
                    })
                    .collect();
                articles += n;
                let line = serde_json::json!({
                    "id": c,
                    "summary": words.words(&mut rng, 40),
                    "articles": docs,
                });
                writeln!(f, "{line}")?;
            }
            f.flush()?;
            format!("{{name: wcep, format: wcep, path: {}}}", path.display())
        }
    };
    let yaml = out.join(format!("{shape}.yaml"));
    std::fs::write(&yaml, config(&shape, clusters, &dataset, &out))?;
    println!(
        "{clusters} clusters, {articles} articles, {bytes} bytes of article text in {}; \
         run: sumbench run --config {}",
        out.display(),
        yaml.display()
    );
    Ok(())
}

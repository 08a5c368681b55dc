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
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use sumbench::stats::Rng;

/// Words in the Zipf ranking: the seed cluster's, then pseudo-words.
const VOCABULARY: usize = 50_000;

/// The seed cluster's words, most frequent first (ties by first appearance).
fn vocabulary(repo: &Path) -> Result<Vec<String>, Box<dyn std::error::Error>> {
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
    let mut words: Vec<(String, (usize, usize))> = count.into_iter().collect();
    words.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    Ok(words.into_iter().map(|(w, _)| w).collect())
}

/// One sentence of 8 to 30 Zipf-distributed words, capitalised, with a full stop.
fn sentence(rng: &mut Rng, words: &[String], cumulative: &[f64], out: &mut String) {
    let n = 8 + rng.below(23) as usize;
    for k in 0..n {
        let x = rng.next_f64() * cumulative[cumulative.len() - 1];
        let w = &words[cumulative.partition_point(|&c| c <= x).min(words.len() - 1)];
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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: synthetic_cluster OUT [ARTICLES=10000] [SENTENCES=6] [SEED=42]";
    let out = PathBuf::from(args.first().ok_or(usage)?);
    let articles: usize = args.get(1).map_or(Ok(10_000), |a| a.parse())?;
    let per_article: usize = args.get(2).map_or(Ok(6), |a| a.parse())?;
    let seed: u64 = args.get(3).map_or(Ok(42), |a| a.parse())?;
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut words = vocabulary(&repo)?;
    // Pseudo-words (three consonant-vowel syllables) extend the tail of the ranking to
    // VOCABULARY words, so sentences also hold rare terms, as real news does; with the
    // seed's few hundred words alone every sentence would resemble every other.
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
    let mut rng = Rng::new(seed);
    let corpus = out.join("corpus/synthetic");
    let refs = out.join("references/synthetic");
    std::fs::create_dir_all(&corpus)?;
    std::fs::create_dir_all(&refs)?;
    let mut bytes = 0;
    for a in 0..articles {
        let mut text = String::new();
        for _ in 0..per_article {
            sentence(&mut rng, &words, &cumulative, &mut text);
        }
        text.push('\n');
        bytes += text.len();
        std::fs::write(corpus.join(format!("{a:05}.txt")), text)?;
    }
    let mut reference = String::new();
    while reference.split_whitespace().count() < 100 {
        sentence(&mut rng, &words, &cumulative, &mut reference);
    }
    std::fs::write(refs.join("A.txt"), reference.trim_end())?;
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
        writeln!(config, "  - {system}")?;
    }
    writeln!(
        config,
        "rouge: {{mode: rouge155, flags: \"-n 2 -m -l 100 -f A -p 0.5 -t 0 -a\"}}\n\
         output: {}\nseed: 42",
        out.join("results").display()
    )?;
    std::fs::write(out.join("synthetic.yaml"), config)?;
    println!(
        "{articles} articles × {per_article} sentences ({bytes} bytes, {} words in the \
         vocabulary) in {}; run: sumbench run --config {}",
        words.len(),
        corpus.display(),
        out.join("synthetic.yaml").display()
    );
    Ok(())
}

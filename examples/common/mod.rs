//! What the synthetic-data examples share (`synthetic_cluster`, `synthetic_datasets`):
//! the Zipf-ranked vocabulary their sentences are drawn from, and the list of systems
//! their configs run. Each example includes it with `mod common;`.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use sumbench::stats::Rng;

/// Words in the Zipf ranking: the seed cluster's, then pseudo-words.
pub const VOCABULARY: usize = 50_000;

/// Every built-in system but the oracle, as config lines (`summarizers:` items).
pub const SYSTEMS: [&str; 17] = [
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
];

/// The Zipf-ranked vocabulary (probability ∝ 1/rank) and its cumulative weights.
pub struct Words {
    /// The words, most frequent first.
    pub words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Words {
    /// The seed cluster's words, most frequent first, then pseudo-words up to VOCABULARY.
    pub fn new(repo: &Path) -> Result<Self, Box<dyn std::error::Error>> {
        let mut words = seed_words(repo)?;
        // Pseudo-words (three consonant-vowel syllables) extend the tail of the ranking
        // to VOCABULARY words, so sentences also hold rare terms, as real news does; with
        // the seed's few hundred words alone every sentence would resemble every other.
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
    pub fn sentence(&self, rng: &mut Rng, out: &mut String) {
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

    /// `lo..=hi` sentences, trimmed.
    #[allow(dead_code)] // Not every example draws ranges.
    pub fn text(&self, rng: &mut Rng, lo: u64, hi: u64) -> String {
        let mut out = String::new();
        for _ in 0..lo + rng.below(hi - lo + 1) {
            self.sentence(rng, &mut out);
        }
        out.trim_end().to_owned()
    }

    /// Sentences until at least `words` words, trimmed.
    pub fn words(&self, rng: &mut Rng, words: usize) -> String {
        let mut out = String::new();
        while out.split_whitespace().count() < words {
            self.sentence(rng, &mut out);
        }
        out.trim_end().to_owned()
    }
}

/// The seed cluster's words, most frequent first (ties by first appearance).
fn seed_words(repo: &Path) -> Result<Vec<String>, Box<dyn std::error::Error>> {
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
    Ok(ranked.into_iter().map(|(w, _)| w).collect())
}

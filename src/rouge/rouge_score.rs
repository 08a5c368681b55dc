//! rouge-score 0.1.2 mode (interim: unstemmed ROUGE-N and ROUGE-L on [a-z0-9] tokens).
use super::{Aggregate, Prf, RougeSettings, Scores};

/// References tokenized once.
pub struct Prepared(Vec<Vec<String>>);

/// rouge-score engine.
pub struct Scorer {
    metrics: Vec<String>,
}

fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

fn prf(hits: f64, cand: f64, refn: f64) -> Prf {
    let p = if cand > 0.0 { hits / cand } else { 0.0 };
    let r = if refn > 0.0 { hits / refn } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    Prf { p, r, f }
}

fn ngram(c: &[String], r: &[String], n: usize) -> Prf {
    let count = |t: &[String]| {
        let mut m = std::collections::BTreeMap::new();
        for w in t.windows(n) {
            *m.entry(w.to_vec()).or_insert(0usize) += 1;
        }
        m
    };
    let (cm, rm) = (count(c), count(r));
    let hits: usize = cm
        .iter()
        .map(|(k, &v)| v.min(*rm.get(k).unwrap_or(&0)))
        .sum();
    prf(
        hits as f64,
        cm.values().sum::<usize>() as f64,
        rm.values().sum::<usize>() as f64,
    )
}

fn lcs(a: &[String], b: &[String]) -> usize {
    let mut dp = vec![0usize; b.len() + 1];
    for x in a {
        let mut prev = 0;
        for (j, y) in b.iter().enumerate() {
            let tmp = dp[j + 1];
            dp[j + 1] = if x == y {
                prev + 1
            } else {
                dp[j + 1].max(dp[j])
            };
            prev = tmp;
        }
    }
    dp[b.len()]
}

impl Scorer {
    /// Builds the scorer.
    pub fn new(_settings: &RougeSettings) -> Result<Self, String> {
        Ok(Scorer {
            metrics: vec!["rouge1".into(), "rouge2".into(), "rougeL".into()],
        })
    }

    /// Metric names.
    pub fn metric_names(&self) -> Vec<String> {
        self.metrics.clone()
    }

    /// Settings description.
    pub fn describe(&self) -> String {
        "rouge-score 0.1.2 (interim)".into()
    }

    /// Tokenizes references.
    pub fn prepare(&self, references: &[&str]) -> Prepared {
        Prepared(references.iter().map(|r| tokens(r)).collect())
    }

    /// Scores against the best reference per metric.
    pub fn score_prepared(&self, candidate: &str, refs: &Prepared) -> Scores {
        let c = tokens(candidate);
        let best = |f: &dyn Fn(&[String]) -> Prf| {
            refs.0
                .iter()
                .map(|r| f(r))
                .fold(Prf::default(), |a, b| if b.f > a.f { b } else { a })
        };
        Scores(vec![
            ("rouge1".into(), best(&|r| ngram(&c, r, 1))),
            ("rouge2".into(), best(&|r| ngram(&c, r, 2))),
            (
                "rougeL".into(),
                best(&|r| prf(lcs(&c, r) as f64, c.len() as f64, r.len() as f64)),
            ),
        ])
    }

    /// Means.
    pub fn aggregate(&self, units: &[Scores]) -> Vec<Aggregate> {
        super::mean(units)
    }
}

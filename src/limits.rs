//! Input size limits (`limits:` in configs, `--max-tokens` for `sumbench score`).
//!
//! Every stage's memory grows with its input, and a few grow faster than linearly (the
//! bit-parallel LCS of ROUGE with the square of a text's token count, graph summarizers
//! with the square of a cluster's sentence count). One oversized file in a dataset
//! must end in an error that names it, the limit and how to raise it, before any
//! summarizer runs — not in an allocation failure an hour into the run. The graph
//! summarizers' own cap (`max_edges`) is a summarizer parameter, because it bounds one
//! method's data structure rather than the input. docs/reliability.md has the figures
//! behind the defaults.
use crate::corpus::{Cluster, Dataset};
use crate::text::Pipeline;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Default [`Limits::max_article_bytes`]: 10 MB, 200 times a long news article and
/// three times a long novel, while the preprocessing of one such article stays in the
/// hundreds of megabytes.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 10_000_000;
/// Default [`Limits::max_cluster_sentences`]: 100,000 sentences (about 2,500 long news
/// articles); the per-cluster state of every linear method stays well under a gigabyte.
pub const DEFAULT_MAX_CLUSTER_SENTENCES: usize = 100_000;
/// Default [`Limits::max_rouge_tokens`]: 20,000 tokens (about 130 KB of English, 40
/// times the longest common reference summaries). The worst case of one pair is then
/// about 100 MB of LCS bit masks in rouge-score mode and 400 MB for ROUGE-1.5.5's
/// ROUGE-W table of a single-line text (tokens² bytes); real multi-line texts need far
/// less.
pub const DEFAULT_MAX_ROUGE_TOKENS: usize = 20_000;

/// The configured input limits; every field has a default, and an unknown key is an
/// error like anywhere else in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Most bytes of one article's text.
    pub max_article_bytes: usize,
    /// Most sentences of one cluster after preprocessing (cleaning and segmentation).
    pub max_cluster_sentences: usize,
    /// Most tokens of one reference or summary, counted by the ROUGE mode's tokenizer.
    pub max_rouge_tokens: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            max_cluster_sentences: DEFAULT_MAX_CLUSTER_SENTENCES,
            max_rouge_tokens: DEFAULT_MAX_ROUGE_TOKENS,
        }
    }
}

impl Limits {
    /// Whether every limit has its default (then configs and results leave the section
    /// out, so existing results files keep their bytes).
    pub fn is_default(&self) -> bool {
        *self == Limits::default()
    }

    /// Refuses a zero limit, which would refuse every input.
    pub fn validate(&self) -> Result<(), String> {
        for (key, value) in [
            ("max_article_bytes", self.max_article_bytes),
            ("max_cluster_sentences", self.max_cluster_sentences),
            ("max_rouge_tokens", self.max_rouge_tokens),
        ] {
            if value == 0 {
                return Err(format!("limits.{key}: expected a positive number"));
            }
        }
        Ok(())
    }

    /// The first article of `dataset` over [`Limits::max_article_bytes`], as a message
    /// naming its cluster and document (`where_doc` renders the document's location).
    pub fn check_articles(
        &self,
        dataset: &Dataset,
        where_doc: impl Fn(&Cluster, &str) -> String,
    ) -> Result<(), String> {
        dataset
            .clusters
            .iter()
            .try_for_each(|c| self.check_cluster_articles(c, &where_doc))
    }

    /// [`Limits::check_articles`] for one cluster.
    pub fn check_cluster_articles(
        &self,
        cluster: &Cluster,
        where_doc: impl Fn(&Cluster, &str) -> String,
    ) -> Result<(), String> {
        for d in &cluster.docs {
            if d.text.len() > self.max_article_bytes {
                return Err(format!(
                    "{}: the article has {} bytes, over limits.max_article_bytes = {}; \
                     raise it in the config (`limits: {{max_article_bytes: N}}`) or \
                     split the article",
                    where_doc(cluster, &d.id),
                    d.text.len(),
                    self.max_article_bytes
                ));
            }
        }
        Ok(())
    }

    /// The first cluster of `dataset` whose preprocessing yields more than
    /// [`Limits::max_cluster_sentences`] sentences, as a message naming it.
    pub fn check_sentences(&self, dataset: &Dataset, pipeline: &Pipeline) -> Result<(), String> {
        let over: Vec<(usize, usize)> = dataset
            .clusters
            .par_iter()
            .enumerate()
            .filter_map(|(k, c)| Some((k, self.cluster_sentences_over(c, pipeline)?)))
            .collect();
        match over.first() {
            None => Ok(()),
            Some(&(k, n)) => {
                Err(self.sentences_message(&dataset.clusters[k].id, n, (over.len(), &dataset.name)))
            }
        }
    }

    /// How many sentences `cluster` yields, when that is over
    /// [`Limits::max_cluster_sentences`].
    ///
    /// A sentence holds at least one byte of its cluster's text, so only clusters with
    /// more bytes than the limit are preprocessed here (once more, later, by the run):
    /// ordinary clusters cost nothing, and the answer is exact.
    pub fn cluster_sentences_over(&self, cluster: &Cluster, pipeline: &Pipeline) -> Option<usize> {
        let max = self.max_cluster_sentences;
        let bytes: usize = cluster.docs.iter().map(|d| d.text.len()).sum();
        if bytes <= max {
            return None;
        }
        Some(pipeline.sentence_count(cluster)).filter(|&n| n > max)
    }

    /// The error of cluster `id`, first of `over` clusters of dataset `dataset` over the
    /// sentence limit with `n` sentences.
    pub fn sentences_message(&self, id: &str, n: usize, (over, dataset): (usize, &str)) -> String {
        format!(
            "cluster {id}: {n} sentences after preprocessing, over \
             limits.max_cluster_sentences = {}{}; raise it in the config \
             (`limits: {{max_cluster_sentences: N}}`) or split the cluster",
            self.max_cluster_sentences,
            if over > 1 {
                format!(" ({over} clusters of dataset {dataset} are over)")
            } else {
                String::new()
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    fn doc(id: &str, text: &str) -> Document {
        Document::new(id, text)
    }

    fn dataset(docs: Vec<Document>) -> Dataset {
        Dataset {
            name: "d".into(),
            clusters: vec![Cluster {
                id: "c1".into(),
                title: None,
                docs,
                refs: Vec::new(),
            }],
        }
    }

    #[test]
    fn an_article_over_the_byte_limit_is_named_with_the_limit() {
        let limits = Limits {
            max_article_bytes: 10,
            ..Limits::default()
        };
        let d = dataset(vec![doc("ok", "Short."), doc("long", "Eleven byte")]);
        let err = limits
            .check_articles(&d, |c, doc| format!("{}/{doc}", c.id))
            .unwrap_err();
        assert!(
            err.starts_with(
                "c1/long: the article has 11 bytes, over limits.max_article_bytes = 10;"
            ),
            "{err}"
        );
        let at_limit = dataset(vec![doc("ok", "Ten bytes.")]);
        assert_eq!(
            limits.check_articles(&at_limit, |_, _| String::new()),
            Ok(())
        );
    }

    #[test]
    fn a_cluster_over_the_sentence_limit_is_named_with_its_count() {
        let pipeline = Pipeline::new(&Default::default()).unwrap();
        let text = "Talks resumed in Geneva today. Russia made demands. NATO refused them.";
        let limits = Limits {
            max_cluster_sentences: 2,
            ..Limits::default()
        };
        let err = limits
            .check_sentences(&dataset(vec![doc("a", text)]), &pipeline)
            .unwrap_err();
        assert!(
            err.starts_with("cluster c1: 3 sentences after preprocessing, over limits.max_cluster_sentences = 2;"),
            "{err}"
        );
        let three = Limits {
            max_cluster_sentences: 3,
            ..limits
        };
        assert_eq!(
            three.check_sentences(&dataset(vec![doc("a", text)]), &pipeline),
            Ok(())
        );
    }

    #[test]
    fn zero_limits_are_refused_and_defaults_are_recognised() {
        let zero = Limits {
            max_rouge_tokens: 0,
            ..Limits::default()
        };
        assert_eq!(
            zero.validate(),
            Err("limits.max_rouge_tokens: expected a positive number".into())
        );
        assert!(Limits::default().is_default() && !zero.is_default());
    }
}

//! The text pipeline: clean → segment → (optionally) trim → tokenize → stopwords → stem →
//! intern.
//!
//! Each stage is a small module with one job, and [`Pipeline::process`] composes them into
//! a [`ProcessedCluster`], computed once per cluster and shared read-only by every
//! summarizer. Terms are interned to dense integer ids ([`TermId`]) so that summarizers
//! compare sentences with integer merges, never string hashing.
use crate::corpus::Cluster;
use rustc_hash::FxHashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
// used by the fuzz targets (fuzz/src/lib.rs, tests/properties.rs); not part of the API (src/lib.rs)
pub mod clean;
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
// used by the fuzz targets (fuzz/src/lib.rs, tests/properties.rs); not part of the API (src/lib.rs)
pub mod segment;
pub(crate) mod stem;
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
// `len`/`is_empty` used only by unit tests; not part of the API (src/lib.rs)
pub mod stopwords;
pub mod tokenize;
pub(crate) mod trim;

pub use stem::Language;

/// A dense integer id for an interned (stemmed, lowercased) term.
pub type TermId = u32;

/// Options for the summarizers' text pipeline (configured under `text:`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct TextOptions {
    /// The language: selects the Snowball stemmer and the built-in stopword list.
    pub language: Language,
    /// Whether to stem terms.
    pub stem: bool,
    /// Whether to drop stopwords from term vectors.
    pub stopwords: bool,
    /// A stopword file (one word per line) replacing the language's built-in list.
    pub stopwords_file: Option<std::path::PathBuf>,
    /// Whether to drop web boilerplate lines before segmenting.
    pub clean: bool,
    /// Whether to trim weekday phrases, final attribution clauses and leading connectives
    /// from each sentence (English news; see `text/trim.rs`). Summaries then quote the trimmed text.
    pub trim: bool,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            language: Language::English,
            stem: true,
            stopwords: true,
            stopwords_file: None,
            clean: true,
            trim: false,
        }
    }
}

/// The interned vocabulary of one cluster: id ↔ term.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    ids: FxHashMap<String, TermId>,
    terms: Vec<String>,
}

impl Vocab {
    /// Returns the id of `term`, interning it on first sight.
    pub fn intern(&mut self, term: &str) -> TermId {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.terms.len() as TermId;
        self.terms.push(term.to_owned());
        self.ids.insert(term.to_owned(), id);
        id
    }

    /// The id of `term`, if it occurs in the cluster.
    pub fn get(&self, term: &str) -> Option<TermId> {
        self.ids.get(term).copied()
    }

    /// The term behind `id`.
    pub fn term(&self, id: TermId) -> &str {
        &self.terms[id as usize]
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether no term has been interned.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// One sentence of a processed cluster.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Sentence {
    /// Index of the sentence in [`ProcessedCluster::sentences`].
    pub id: usize,
    /// Index of its document in [`ProcessedCluster::docs`].
    pub doc: usize,
    /// 0-based position within its document.
    pub position: usize,
    /// The sentence text as it appears in the source (whitespace normalised).
    pub text: String,
    /// Word count (the unit of word budgets; see [`tokenize::word_count`]).
    pub words: usize,
    /// UTF-8 byte length (the unit of byte budgets).
    pub bytes: usize,
    /// Every token, lowercased and stemmed, stopwords included, in order.
    pub tokens: Vec<TermId>,
    /// Content terms (stopwords removed), in order.
    pub terms: Vec<TermId>,
    /// Term frequencies of `terms`, sorted by term id.
    pub tf: Vec<(TermId, u32)>,
}

/// Per-document information after preprocessing.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct DocInfo {
    /// Document id.
    pub id: String,
    /// Headline, if known (passed on to external summarizers).
    pub title: Option<String>,
    /// Publication date, if known.
    pub date: Option<String>,
    /// The range of its sentences in [`ProcessedCluster::sentences`].
    pub sentences: std::ops::Range<usize>,
    /// What the boilerplate cleaner dropped.
    pub cleaning: clean::CleanReport,
}

/// A cluster after the text pipeline: sentences with interned term vectors, document
/// frequencies and the vocabulary. Built once, shared by every summarizer.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ProcessedCluster {
    /// Cluster id.
    pub id: String,
    /// Documents in input order.
    pub docs: Vec<DocInfo>,
    /// All sentences, document by document, in reading order.
    pub sentences: Vec<Sentence>,
    /// The cluster's vocabulary.
    pub vocab: Vocab,
    /// For each term id, the number of documents containing it.
    pub doc_freq: Vec<u32>,
    /// For each term id, the number of sentences containing it.
    pub sent_freq: Vec<u32>,
}

impl ProcessedCluster {
    /// Smoothed inverse document frequency over the cluster's documents,
    /// `ln((1 + N) / (1 + df)) + 1` (scikit-learn's form): never 0, because in a single
    /// cluster the terms found in every document are the topic, not noise.
    pub fn idf(&self, term: TermId) -> f64 {
        let n = self.docs.len() as f64;
        let df = self.doc_freq[term as usize] as f64;
        ((1.0 + n) / (1.0 + df)).ln() + 1.0
    }

    /// Smoothed inverse sentence frequency `ln((1 + S) / (1 + sf)) + 1`, the IDF of
    /// methods that treat each sentence as a document (LexRank on one cluster).
    pub fn isf(&self, term: TermId) -> f64 {
        let n = self.sentences.len() as f64;
        let sf = self.sent_freq[term as usize] as f64;
        ((1.0 + n) / (1.0 + sf)).ln() + 1.0
    }

    /// The cluster's unigram distribution over content terms, indexed by term id:
    /// p(t) = n(t) / N, where N counts every content-term occurrence in the cluster
    /// (stopwords have p = 0; all zeros when the cluster has no content term). The word
    /// probabilities of SumBasic, FreqSum and KL-Sum.
    pub fn term_probabilities(&self) -> Vec<f64> {
        let mut p = vec![0.0; self.vocab.len()];
        let mut total = 0usize;
        for s in &self.sentences {
            for &t in &s.terms {
                p[t as usize] += 1.0;
            }
            total += s.terms.len();
        }
        if total > 0 {
            p.iter_mut().for_each(|x| *x /= total as f64);
        }
        p
    }

    /// Index of the most recent document by date. Same-day ties go to the id whose digits
    /// form the larger number, then to the later document in input order; undated
    /// documents count as oldest.
    ///
    /// The digit rule exists because news ids such as DUC's DOCNO (`APW19981213.0720`)
    /// carry the date and a serial number that grows through the day: it is how the DUC
    /// 2004 lead baseline of Hong et al. (2014) picks its "most recent document".
    pub fn latest_doc(&self) -> usize {
        let digits = |i: usize| -> String {
            let d: String = self.docs[i]
                .id
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            d.trim_start_matches('0').to_owned()
        };
        (0..self.docs.len())
            .max_by_key(|&i| {
                let d = digits(i);
                (
                    self.docs[i].date.is_some(),
                    self.docs[i].date.clone(),
                    d.len(),
                    d,
                    i,
                )
            })
            .unwrap_or(0)
    }
}

/// The configured text pipeline.
pub struct Pipeline {
    options: TextOptions,
    stemmer: Option<stem::Stemmer>,
    stopwords: stopwords::Stopwords,
}

impl Pipeline {
    /// Builds the pipeline, reading a custom stopword file if configured.
    pub fn new(options: &TextOptions) -> crate::Result<Self> {
        let stopwords = match (&options.stopwords_file, options.stopwords) {
            (_, false) => stopwords::Stopwords::default(),
            (Some(path), true) => {
                stopwords::Stopwords::from_lines(&crate::corpus::dir::read_text(path)?)
            }
            (None, true) => stopwords::Stopwords::for_language(options.language),
        };
        Ok(Pipeline {
            stemmer: options
                .stem
                .then(|| stem::Stemmer::new(options.language))
                .flatten(),
            options: options.clone(),
            stopwords,
        })
    }

    /// Lowercases, stems and checks one raw token; returns (stem, is_stopword).
    fn normalise<'a>(&self, token: &'a str) -> (std::borrow::Cow<'a, str>, bool) {
        let stop = self.stopwords.contains(token);
        let stemmed = match &self.stemmer {
            Some(s) => s.stem(token),
            None => std::borrow::Cow::Borrowed(token),
        };
        (stemmed, stop)
    }

    /// How many sentences [`Pipeline::process`] would give `cluster` (every segmented
    /// sentence becomes one), without tokenizing, stemming or interning them: the
    /// sentence limit is checked before the run on clusters that may exceed it.
    pub fn sentence_count(&self, cluster: &Cluster) -> usize {
        self.clean(cluster)
            .iter()
            .map(|c| segment::split_sentences(&c.text).len())
            .sum()
    }

    /// The cleaning stage (or its no-op), one result per document.
    fn clean(&self, cluster: &Cluster) -> Vec<clean::Cleaned> {
        let texts: Vec<&str> = cluster.docs.iter().map(|d| d.text.as_str()).collect();
        if self.options.clean {
            clean::clean_cluster(&texts)
        } else {
            texts.iter().map(|t| clean::Cleaned::keep_all(t)).collect()
        }
    }

    /// Runs every stage over `cluster`.
    pub fn process(&self, cluster: &Cluster) -> ProcessedCluster {
        let cleaned = self.clean(cluster);
        let mut vocab = Vocab::default();
        let mut sentences = Vec::new();
        let mut docs = Vec::with_capacity(cluster.docs.len());
        let mut doc_freq: Vec<u32> = Vec::new();
        let mut sent_freq: Vec<u32> = Vec::new();
        let mut last_doc_seen: Vec<usize> = Vec::new();
        for (d, (doc, cleaned)) in cluster.docs.iter().zip(cleaned).enumerate() {
            let start = sentences.len();
            for (position, raw) in segment::split_sentences(&cleaned.text)
                .into_iter()
                .enumerate()
            {
                let text = if self.options.trim {
                    trim::trim_sentence(raw)
                } else {
                    raw.split_whitespace().collect::<Vec<_>>().join(" ")
                };
                let mut tokens = Vec::new();
                let mut terms = Vec::new();
                for tok in tokenize::tokenize(&text) {
                    let (stemmed, stop) = self.normalise(&tok);
                    let id = vocab.intern(&stemmed);
                    if id as usize == doc_freq.len() {
                        doc_freq.push(0);
                        sent_freq.push(0);
                        last_doc_seen.push(usize::MAX);
                    }
                    tokens.push(id);
                    if !stop {
                        terms.push(id);
                    }
                }
                let mut sorted = terms.clone();
                sorted.sort_unstable();
                let mut tf: Vec<(TermId, u32)> = Vec::new();
                for t in sorted {
                    match tf.last_mut() {
                        Some((last, n)) if *last == t => *n += 1,
                        _ => tf.push((t, 1)),
                    }
                }
                for &(t, _) in &tf {
                    sent_freq[t as usize] += 1;
                    if last_doc_seen[t as usize] != d {
                        last_doc_seen[t as usize] = d;
                        doc_freq[t as usize] += 1;
                    }
                }
                sentences.push(Sentence {
                    id: sentences.len(),
                    doc: d,
                    position,
                    words: tokenize::word_count(&text),
                    bytes: text.len(),
                    text,
                    tokens,
                    terms,
                    tf,
                });
            }
            docs.push(DocInfo {
                id: doc.id.clone(),
                title: doc.title.clone(),
                date: doc.date.clone(),
                sentences: start..sentences.len(),
                cleaning: cleaned.report,
            });
        }
        ProcessedCluster {
            id: cluster.id.clone(),
            docs,
            sentences,
            vocab,
            doc_freq,
            sent_freq,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    fn doc(id: &str, text: &str) -> Document {
        Document::new(id, text)
    }

    #[test]
    fn sentence_count_is_the_processed_sentence_count() {
        let cluster = Cluster {
            id: "c".into(),
            title: None,
            docs: vec![
                doc("a", "Advertisement\nTalks resumed on Monday. Both sides met.\n\nNo punctuation here at all"),
                doc("b", "Subscribe to our newsletter\n"),
                doc("c", "北京举行会谈。双方表示满意！"),
            ],
            refs: vec![],
        };
        for clean in [true, false] {
            let p = Pipeline::new(&TextOptions {
                clean,
                ..TextOptions::default()
            })
            .unwrap();
            let n = p.process(&cluster).sentences.len();
            assert!(n >= 3, "{n}");
            assert_eq!(p.sentence_count(&cluster), n, "clean: {clean}");
        }
    }

    #[test]
    fn latest_doc_breaks_same_day_ties_by_serial_number_then_order() {
        let dated = |id: &str, date: Option<&str>| Document {
            date: date.map(Into::into),
            ..doc(id, "Some text here.")
        };
        let process = |docs: Vec<Document>| {
            let cluster = Cluster {
                id: "c".into(),
                title: None,
                docs,
                refs: vec![],
            };
            Pipeline::new(&TextOptions::default())
                .unwrap()
                .process(&cluster)
                .latest_doc()
        };
        // Same day: APW ...0720 is later in the day than NYT ...0205.
        let docs = vec![
            dated("APW19981213.0720", Some("1998-12-13")),
            dated("NYT19981213.0205", Some("1998-12-13")),
            dated("APW19981212.0999", Some("1998-12-12")),
        ];
        assert_eq!(process(docs), 0);
        // Undated documents never win over dated ones; equal everything: the last.
        let docs = vec![
            dated("b", Some("2022-01-09")),
            dated("a", None),
            dated("c", Some("2022-01-09")),
        ];
        assert_eq!(process(docs), 2);
    }

    #[test]
    fn trim_rewrites_sentences_before_tokenizing() {
        let cluster = Cluster {
            id: "c".into(),
            title: None,
            docs: vec![doc(
                "a",
                "Cambodian leader Hun Sen on Friday rejected the demands for talks abroad. \
                 Talks stalled.",
            )],
            refs: vec![],
        };
        let trimmed = Pipeline::new(&TextOptions {
            trim: true,
            ..TextOptions::default()
        })
        .unwrap()
        .process(&cluster);
        let s = &trimmed.sentences[0];
        assert_eq!(
            s.text,
            "Cambodian leader Hun Sen rejected the demands for talks abroad."
        );
        assert_eq!((s.words, s.bytes, s.tokens.len()), (10, 63, 10));
        assert_eq!(trimmed.sentences[1].text, "Talks stalled.");
        let kept = Pipeline::new(&TextOptions::default())
            .unwrap()
            .process(&cluster);
        assert_eq!(kept.sentences[0].words, 12);
    }

    #[test]
    fn term_probabilities_count_content_tokens_only() {
        let cluster = Cluster {
            id: "c".into(),
            title: None,
            docs: vec![doc("a", "Talks failed. The talks resumed.")],
            refs: vec![],
        };
        let p = Pipeline::new(&TextOptions::default())
            .unwrap()
            .process(&cluster);
        let probs = p.term_probabilities();
        // Content tokens: talk, fail, talk, resum (N = 4); "the" is a stopword.
        assert_eq!(probs[p.vocab.get("talk").unwrap() as usize], 0.5);
        assert_eq!(probs[p.vocab.get("fail").unwrap() as usize], 0.25);
        assert_eq!(probs[p.vocab.get("the").unwrap() as usize], 0.0);
    }

    #[test]
    fn builds_interned_term_vectors_and_frequencies() {
        let cluster = Cluster {
            id: "c".into(),
            title: None,
            docs: vec![
                doc("a", "The talks failed. Talks resumed in Geneva."),
                doc("b", "Geneva hosted the talks."),
            ],
            refs: vec![],
        };
        let p = Pipeline::new(&TextOptions::default())
            .unwrap()
            .process(&cluster);
        assert_eq!(p.sentences.len(), 3);
        assert_eq!(p.docs[1].sentences, 2..3);
        let talk = p.vocab.get("talk").expect("'talks' stems to 'talk'");
        assert_eq!(p.doc_freq[talk as usize], 2);
        assert_eq!(p.sent_freq[talk as usize], 3);
        let the = p.vocab.get("the").unwrap();
        assert!(p.sentences[0].tokens.contains(&the));
        assert!(
            !p.sentences[0].terms.contains(&the),
            "stopwords are not terms"
        );
        assert_eq!(p.sentences[1].tf.iter().map(|&(_, n)| n).sum::<u32>(), 3);
        assert!(p.sentences[1].tf.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(p.sentences[2].position, 0);
        assert_eq!(p.sentences[1].words, 4);
    }
}

//! Every built-in summarizer on small news clusters in Arabic, Russian, Chinese, French and
//! German (tests/data/languages/, original texts written for these tests), each with its
//! matching `text.language`: a non-empty summary within budget, made of whole source
//! sentences, the same twice; and the language's own stopwords dropped from the terms.
use std::path::Path;
use sumbench::corpus::dir::load_cluster;
use sumbench::corpus::Cluster;
use sumbench::summarize::{Budget, BudgetUnit, Registry};
use sumbench::text::{Language, Pipeline, ProcessedCluster, TextOptions};

/// Kinds that need something outside the library (an external process).
const EXTERNAL: &[&str] = &["command", "summaries"];

/// (cluster folder, language, sentences in the cluster as written, whether ROUGE can read
/// its references). Both ROUGE engines tokenize like their reference implementations,
/// `[a-z0-9]` runs only, so Arabic, Russian and Chinese references have no tokens and the
/// ROUGE-greedy `oracle` has nothing to maximise there; it is skipped for them.
const CLUSTERS: &[(&str, Language, usize, bool)] = &[
    ("arabic", Language::Arabic, 11, false),
    ("russian", Language::Russian, 12, false),
    ("chinese", Language::None, 12, false),
    ("french", Language::French, 13, true),
    ("german", Language::German, 14, true),
];

fn load(name: &str) -> Cluster {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/languages");
    load_cluster(
        &root.join("corpus").join(name),
        Some(&root.join("references").join(name)),
    )
    .unwrap()
}

fn process(cluster: &Cluster, language: Language) -> ProcessedCluster {
    Pipeline::new(&TextOptions {
        language,
        ..TextOptions::default()
    })
    .unwrap()
    .process(cluster)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_summarizer_summarizes_every_language_within_budget_from_whole_sentences() {
    let registry = Registry::default();
    let budgets = [
        Budget::words(40),
        Budget {
            unit: BudgetUnit::Bytes,
            limit: 400,
            truncate: false,
        },
        Budget {
            unit: BudgetUnit::Sentences,
            limit: 2,
            truncate: false,
        },
    ];
    for &(name, language, n_sentences, rouge_reads_it) in CLUSTERS {
        let cluster = load(name);
        let processed = process(&cluster, language);
        assert_eq!(
            processed.sentences.len(),
            n_sentences,
            "{name}: {:#?}",
            processed
                .sentences
                .iter()
                .map(|s| &s.text)
                .collect::<Vec<_>>()
        );
        let sources: Vec<String> = cluster.docs.iter().map(|d| collapse(&d.text)).collect();
        let refs: Vec<String> = cluster.refs.iter().map(|r| r.text.clone()).collect();
        for spec in registry
            .specs()
            .iter()
            .filter(|s| !EXTERNAL.contains(&s.kind))
        {
            let yaml: serde_yaml::Value =
                serde_yaml::from_str(&format!("{{type: {}}}", spec.kind)).unwrap();
            let system = registry.build(&yaml).unwrap();
            if system.is_oracle() && !rouge_reads_it {
                continue;
            }
            for budget in budgets {
                let what = format!("{} on {name} under {budget:?}", spec.kind);
                let a = system.summarize(&processed, budget, &refs, 42).unwrap();
                let again = process(&cluster, language);
                let b = system.summarize(&again, budget, &refs, 42).unwrap();
                assert_eq!(a, b, "{what}: not deterministic");
                assert!(!a.sentences.is_empty(), "{what}: empty summary");
                let used = match budget.unit {
                    BudgetUnit::Words => sumbench::text::tokenize::word_count(&a.text),
                    BudgetUnit::Bytes => a.text.len(),
                    BudgetUnit::Sentences => a.sentences.len(),
                };
                assert!(used <= budget.limit, "{what}: used {used}");
                let lines: Vec<&str> = a.text.lines().collect();
                assert_eq!(lines.len(), a.sentences.len(), "{what}: one line each");
                for (line, &id) in lines.iter().zip(&a.sentences) {
                    assert_eq!(*line, processed.sentences[id].text, "{what}");
                    let doc = processed.sentences[id].doc;
                    assert!(
                        sources[doc].contains(line),
                        "{what}: {line:?} is not a sentence of document {doc}"
                    );
                }
            }
        }
    }
}

/// Whether `word` (as the pipeline interns it) occurs among a cluster's tokens, and among
/// its content terms.
fn seen(p: &ProcessedCluster, word: &str) -> (bool, bool) {
    let Some(id) = p.vocab.get(word) else {
        return (false, false);
    };
    let token = p.sentences.iter().any(|s| s.tokens.contains(&id));
    let term = p.sentences.iter().any(|s| s.terms.contains(&id));
    (token, term)
}

#[test]
fn each_language_drops_its_own_stopwords() {
    // Function words written in the clusters; Snowball leaves these short words unstemmed.
    let cases = [
        ("german", Language::German, &["und", "der", "die"][..]),
        ("french", Language::French, &["le", "la", "et"][..]),
        ("russian", Language::Russian, &["и", "в", "не"][..]),
    ];
    for (name, language, words) in cases {
        let cluster = load(name);
        let p = process(&cluster, language);
        for w in words {
            assert_eq!(seen(&p, w), (true, false), "{name}: {w}");
        }
        // The bug this guards against: English stopwords for a German cluster.
        let english = process(&cluster, Language::English);
        assert_eq!(seen(&english, words[0]), (true, true), "{name} as English");
    }
    // Arabic stems prefixed forms, so check the stopwords unstemmed.
    let arabic = Pipeline::new(&TextOptions {
        language: Language::Arabic,
        stem: false,
        ..TextOptions::default()
    })
    .unwrap()
    .process(&load("arabic"));
    for w in ["في", "من", "إلى"] {
        assert_eq!(seen(&arabic, w), (true, false), "arabic: {w}");
    }
    assert_eq!(seen(&arabic, "الكويت"), (true, true));
}

#[test]
fn chinese_sentences_share_bigram_terms_across_documents() {
    let p = process(&load("chinese"), Language::None);
    // 地震 "earthquake" and 芦山 (the county) occur in all three articles.
    for word in ["地震", "芦山"] {
        let id = p.vocab.get(word).expect(word);
        assert_eq!(p.doc_freq[id as usize], 3, "{word}");
    }
    // Chinese gets no stopword list: 的 is kept as part of bigrams such as 的地.
    assert!(p.sentences.iter().all(|s| s.tokens == s.terms));
    assert_eq!(p.sentences[0].text, "四川省雅安市周二凌晨发生6.1级地震。");
}

//! Every registered summarizer, on the bundled seed cluster, under every kind of budget:
//! never over the limit, never empty, and the same output twice.
use sumbench::corpus::dir::load_cluster;
use sumbench::summarize::{Budget, BudgetUnit, Registry};
use sumbench::text::{Pipeline, TextOptions};

/// Kinds that need something outside the library (an external process).
const EXTERNAL: &[&str] = &["command", "summaries"];

#[test]
fn every_summarizer_stays_within_every_budget_and_is_deterministic() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let cluster = load_cluster(
        &root.join("corpus/ukraine-talks-2022-01"),
        Some(&root.join("references/ukraine-talks-2022-01")),
    )
    .unwrap();
    let refs: Vec<String> = cluster.refs.iter().map(|r| r.text.clone()).collect();
    let processed = Pipeline::new(&TextOptions::default())
        .unwrap()
        .process(&cluster);
    let registry = Registry::default();
    let budgets = [
        Budget::words(50),
        Budget::words(100),
        Budget {
            unit: BudgetUnit::Bytes,
            limit: 665,
            truncate: false,
        },
        Budget {
            unit: BudgetUnit::Sentences,
            limit: 3,
            truncate: false,
        },
    ];
    for spec in registry
        .specs()
        .iter()
        .filter(|s| !EXTERNAL.contains(&s.kind))
    {
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&format!("{{type: {}}}", spec.kind)).unwrap();
        let system = registry.build(&yaml).unwrap();
        if system.is_oracle() && refs.is_empty() {
            continue;
        }
        for budget in budgets {
            let a = system.summarize(&processed, budget, &refs, 42).unwrap();
            let b = system.summarize(&processed, budget, &refs, 42).unwrap();
            assert_eq!(a, b, "{} is not deterministic", spec.kind);
            assert!(
                !a.sentences.is_empty(),
                "{} picked nothing under {budget:?}",
                spec.kind
            );
            let used = match budget.unit {
                BudgetUnit::Words => a.text.split_whitespace().count(),
                BudgetUnit::Bytes => a.text.len(),
                BudgetUnit::Sentences => a.sentences.len(),
            };
            assert!(
                used <= budget.limit,
                "{} used {used} > {budget:?}",
                spec.kind
            );
        }
    }
}

/// Clusters in which some or all documents yield no sentences: a page that is all web
/// boilerplate, text without any sentence punctuation in a script without spaces, an
/// emoji-only file. `centroid` used to panic when the last document was like this.
#[test]
fn every_summarizer_survives_documents_that_yield_no_sentences() {
    use sumbench::corpus::{Cluster, Document, Reference};
    let doc = |id: &str, text: &str| Document {
        id: id.into(),
        title: None,
        date: None,
        source: None,
        text: text.into(),
    };
    let boilerplate = "Advertisement\nSubscribe to our newsletter\n";
    let real = "Talks between the two delegations resumed in Geneva on Monday. \
                Officials said the meeting lasted seven hours.";
    let clusters = [
        vec![doc("a", real), doc("z", boilerplate)],
        vec![doc("a", boilerplate), doc("b", real), doc("c", "🙂🙂🙂")],
        vec![doc("a", boilerplate), doc("b", "🙂🙂🙂")],
    ];
    let pipeline = Pipeline::new(&TextOptions::default()).unwrap();
    let registry = Registry::default();
    let refs = vec!["Talks resumed in Geneva.".to_string()];
    for (k, docs) in clusters.into_iter().enumerate() {
        let cluster = Cluster {
            id: format!("degenerate-{k}"),
            title: None,
            docs,
            refs: vec![Reference {
                id: "A".into(),
                text: refs[0].clone(),
            }],
        };
        let processed = pipeline.process(&cluster);
        for spec in registry
            .specs()
            .iter()
            .filter(|s| !EXTERNAL.contains(&s.kind))
        {
            let entry: serde_yaml::Value =
                serde_yaml::from_str(&format!("{{type: {}}}", spec.kind)).unwrap();
            let system = registry.build(&entry).unwrap();
            // Either a summary or a reported failure; a panic fails the test.
            let outcome = system.summarize(&processed, Budget::words(100), &refs, 42);
            if let Ok(summary) = outcome {
                assert!(
                    summary.text.split_whitespace().count() <= 100,
                    "{} on {}",
                    spec.kind,
                    cluster.id
                );
            }
        }
    }
}

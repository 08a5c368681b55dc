//! The committed JSON Schema of the results file (`docs/results.schema.json`) is the one
//! generated from the Rust types, and it describes what a run really writes.
//!
//! After changing a results type, regenerate it with
//! `SUMBENCH_UPDATE_SCHEMA=1 cargo test --test results_schema` and commit the file.
use serde_json::Value;
use std::path::PathBuf;

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/results.schema.json")
}

#[test]
fn committed_schema_is_current() {
    let generated = sumbench::report::json_schema();
    let path = schema_path();
    if std::env::var_os("SUMBENCH_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: the results types changed. Regenerate it with\n  \
         SUMBENCH_UPDATE_SCHEMA=1 cargo test --test results_schema\n\
         and document the change in docs/results-schema.md",
        path.display()
    );
}

fn definitions(schema: &Value) -> &serde_json::Map<String, Value> {
    schema["$defs"].as_object().expect("the schema has $defs")
}

fn property_names(schema: &Value) -> Vec<String> {
    let mut v: Vec<String> = schema["properties"]
        .as_object()
        .expect("an object schema")
        .keys()
        .cloned()
        .collect();
    v.sort();
    v
}

/// The schema describes the ROUGE types through mirrors (the ROUGE module knows nothing
/// of schemas): they must serialize with the same fields.
#[test]
fn score_mirrors_match_the_rouge_types() {
    let schema: Value = serde_json::from_str(&sumbench::report::json_schema()).unwrap();
    let defs = definitions(&schema);
    let prf = serde_json::to_value(sumbench::rouge::Prf::default()).unwrap();
    let mut keys: Vec<String> = prf.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(property_names(&defs["PrfSchema"]), keys);
    let agg = sumbench::rouge::Aggregate {
        metric: "ROUGE-1".into(),
        mean: Default::default(),
        low: None,
        high: None,
    };
    let value = serde_json::to_value(agg).unwrap();
    let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(property_names(&defs["AggregateSchema"]), keys);
}

/// Every field a real run writes, at every level the schema names, is in the schema, and
/// every required field is written.
#[test]
fn a_real_results_file_has_exactly_the_schema_fields() {
    let schema: Value = serde_json::from_str(&sumbench::report::json_schema()).unwrap();
    let defs = definitions(&schema);
    let config = sumbench::config::Config::builtin().unwrap();
    let registry = sumbench::summarize::Registry::default();
    let out = sumbench::Run::new(&config)
        .registry(&registry)
        .execute()
        .unwrap();
    let doc = serde_json::to_value(&out.results).unwrap();
    let check = |value: &Value, schema: &Value, what: &str| {
        let written: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        let described = property_names(schema);
        for k in &written {
            assert!(
                described.contains(k),
                "{what}.{k} is written but not in the schema"
            );
        }
        for r in schema["required"].as_array().into_iter().flatten() {
            let r = r.as_str().unwrap();
            assert!(
                written.iter().any(|k| k == r),
                "{what}.{r} is required but not written"
            );
        }
    };
    check(&doc, &schema, "results");
    check(&doc["systems"][0], &defs["SystemInfo"], "systems[0]");
    check(&doc["clusters"][0], &defs["ClusterStats"], "clusters[0]");
    check(
        &doc["clusters"][0]["docs"][0],
        &defs["DocStats"],
        "clusters[0].docs[0]",
    );
    check(&doc["results"][0], &defs["UnitResult"], "results[0]");
    check(&doc["averages"][0], &defs["SystemAverage"], "averages[0]");
    check(&doc["warnings"], &defs["Warnings"], "warnings");
    assert_eq!(doc["schema_version"], sumbench::report::SCHEMA_VERSION);
}

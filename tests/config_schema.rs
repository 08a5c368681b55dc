//! docs/config.schema.json is generated from the config types and the built-in
//! summarizers' parameter structs (`sumbench::config::schema`). This test fails when the
//! committed file is stale; regenerate it with
//!
//! ```sh
//! UPDATE_SCHEMA=1 cargo test --test config_schema
//! ```
//!
//! It also checks the schema against the shipped configs, with a small validator for the
//! keywords the schema uses, so a schema that would flag a valid config in an editor
//! fails here.
use serde_json::Value;
use std::path::PathBuf;
use sumbench::summarize::Registry;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn generated() -> Value {
    sumbench::config::schema::json_schema(&Registry::default())
}

#[test]
fn committed_schema_is_current() {
    let path = repo().join("docs/config.schema.json");
    let text = serde_json::to_string_pretty(&generated()).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{} is not what the types generate; run: UPDATE_SCHEMA=1 cargo test --test config_schema",
        path.display()
    );
}

/// The errors of `value` against `schema` (draft 2020-12, the keywords schemars emits).
fn errors(value: &Value, schema: &Value, root: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let target = root.pointer(r.trim_start_matches('#')).unwrap();
        errors(value, target, root, at, out);
    }
    if let Some(c) = schema.get("const") {
        if c != value {
            out.push(format!("{at}: {value} is not {c}"));
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(value) {
            out.push(format!("{at}: {value} is not one of {e:?}"));
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            let passing = branches
                .iter()
                .filter(|b| {
                    let mut e = Vec::new();
                    errors(value, b, root, at, &mut e);
                    e.is_empty()
                })
                .count();
            let ok = if key == "oneOf" {
                passing == 1
            } else {
                passing > 0
            };
            if !ok {
                out.push(format!(
                    "{at}: {passing} of the {key} branches match {value}"
                ));
            }
        }
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let fits = |ty: &str| match ty {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            "number" => value.is_number(),
            "integer" => value.is_u64() || value.is_i64(),
            _ => false,
        };
        if !types.iter().any(|t| fits(t)) {
            out.push(format!("{at}: {value} is not {types:?}"));
            return;
        }
    }
    if let Some(x) = value.as_f64() {
        let num = |k: &str| schema.get(k).and_then(Value::as_f64);
        let bad = num("minimum").is_some_and(|m| x < m)
            || num("maximum").is_some_and(|m| x > m)
            || num("exclusiveMinimum").is_some_and(|m| x <= m)
            || num("exclusiveMaximum").is_some_and(|m| x >= m);
        if bad {
            out.push(format!("{at}: {x} is out of range"));
        }
    }
    if let (Some(map), Some(props)) = (value.as_object(), schema.get("properties")) {
        for (k, v) in map {
            match props.get(k) {
                Some(p) => errors(v, p, root, &format!("{at}.{k}"), out),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    out.push(format!("{at}: unknown key {k}"))
                }
                None => {}
            }
        }
        for r in schema["required"].as_array().into_iter().flatten() {
            if !map.contains_key(r.as_str().unwrap()) {
                out.push(format!("{at}: missing {r}"));
            }
        }
    }
    if let (Some(items), Some(schema)) = (value.as_array(), schema.get("items")) {
        for (i, v) in items.iter().enumerate() {
            errors(v, schema, root, &format!("{at}[{i}]"), out);
        }
    }
}

fn config_errors(yaml: &str) -> Vec<String> {
    let value: Value = yaml_to_json(yaml);
    let schema = generated();
    let mut out = Vec::new();
    errors(&value, &schema, &schema, "config", &mut out);
    out
}

/// YAML text as JSON, through sumbench's own config reader's YAML crate.
fn yaml_to_json(yaml: &str) -> Value {
    let params = sumbench::summarize::registry::Params::from_yaml(yaml).unwrap();
    serde_json::to_value(&params).unwrap()
}

#[test]
fn shipped_configs_satisfy_the_schema_and_typos_do_not() {
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("configs")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut errs = config_errors(&text);
        // The Rust plugin's kind is registered by its own program, not by sumbench.
        if path.ends_with("plugins-rust.yaml") {
            assert!(
                errs.iter().any(|e| e.contains("summarizers[3]")),
                "{errs:?}"
            );
            errs.retain(|e| !e.starts_with("config.summarizers[3]"));
        }
        assert!(errs.is_empty(), "{}: {errs:#?}", path.display());
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} configs");
    let default = std::fs::read_to_string(repo().join("configs/default.yaml")).unwrap();
    for (from, to, says) in [
        ("budget:", "budgte:", "unknown key budgte"),
        ("damping: 0.85", "dampng: 0.85", "branches match"),
        ("damping: 0.85", "damping: 1.5", "branches match"),
        ("unit: words", "unit: lines", "budget.unit"),
        ("{type: lsa}", "{type: lsa, min_ratio: 1}", "branches match"),
    ] {
        let errs = config_errors(&default.replacen(from, to, 1));
        assert!(errs.iter().any(|e| e.contains(says)), "{to}: {errs:?}");
    }
}

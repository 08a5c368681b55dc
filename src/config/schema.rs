//! The config file's JSON Schema, derived from the types that parse it: [`super::Config`]
//! and its sections, with `summarizers:` filled in from a [`Registry`], one entry shape
//! per registered kind built from that kind's parameter struct (docs/config.schema.json
//! is this for the built-ins; editors use it to complete and check configs).
use super::Config;
use crate::summarize::candidates::CandidateOptions;
use crate::summarize::{OutputOrder, Registry, Spec};
use schemars::generate::SchemaSettings;
use serde_json::{json, Map, Value};

/// The JSON Schema (draft 2020-12) of a config whose summarizers are kinds of `registry`.
pub fn json_schema(registry: &Registry) -> Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let candidates = generator.subschema_for::<CandidateOptions>().to_value();
    let order = generator.subschema_for::<OutputOrder>().to_value();
    let mut root = generator.into_root_schema_for::<Config>().to_value();
    let entries: Vec<Value> = registry
        .specs()
        .iter()
        .map(|spec| entry(spec, &candidates, &order))
        .collect();
    if let Some(summarizers) = root.pointer_mut("/properties/summarizers") {
        summarizers["items"] = json!({ "oneOf": entries });
    }
    root
}

/// One kind's entry of `summarizers:`: the shared keys plus its own parameters.
fn entry(spec: &Spec, candidates: &Value, order: &Value) -> Value {
    let params = (spec.params)().schema.to_value();
    let mut properties = params
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    // A scalar parameter may also be a sweep (docs/sweeps.md): a list of values or a
    // `{from, to, step}` range. Parameters that are lists or mappings never sweep.
    for schema in properties.values_mut() {
        let composite = |t: &Value| t == "array" || t == "object";
        let never = match schema.get("type") {
            Some(Value::Array(types)) => types.iter().any(composite),
            Some(t) => composite(t),
            None => false,
        };
        if !never {
            let one = schema.clone();
            let number = json!({"type": "number"});
            *schema = json!({"anyOf": [
                one,
                {"type": "array", "items": one, "minItems": 1, "description": "A sweep: one system per value."},
                {"type": "object", "properties": {"from": number, "to": number, "step": number},
                 "required": ["from", "to", "step"], "additionalProperties": false,
                 "description": "A sweep over the range from, from + step, ... up to to."}
            ]});
        }
    }
    let shared = [
        (
            "type",
            json!({"const": spec.kind, "description": "The registry kind (`sumbench list`)."}),
        ),
        (
            "name",
            json!({"type": "string", "description": "Display name, unique in the run (default: the kind)."}),
        ),
        ("candidates", candidates.clone()),
        ("order", order.clone()),
    ];
    for (key, schema) in shared {
        properties.insert(key.to_owned(), schema);
    }
    let mut required = vec![Value::from("type")];
    if let Some(Value::Array(own)) = params.get("required") {
        required.extend(own.iter().cloned());
    }
    let mut out = Map::new();
    out.insert("title".into(), spec.kind.into());
    out.insert("description".into(), spec.about.into());
    out.insert("type".into(), "object".into());
    out.insert("properties".into(), Value::Object(properties));
    out.insert("required".into(), Value::Array(required));
    out.insert("additionalProperties".into(), false.into());
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_an_entry_with_shared_keys_and_its_own_parameters() {
        let schema = json_schema(&Registry::default());
        let entries = schema
            .pointer("/properties/summarizers/items/oneOf")
            .and_then(Value::as_array)
            .unwrap();
        assert_eq!(entries.len(), Registry::default().specs().len());
        let textrank = entries
            .iter()
            .find(|e| e["properties"]["type"]["const"] == "textrank")
            .unwrap();
        for key in [
            "type",
            "name",
            "candidates",
            "order",
            "damping",
            "max_edges",
        ] {
            assert!(textrank["properties"].get(key).is_some(), "{key}");
        }
        assert_eq!(
            textrank["properties"]["damping"]["anyOf"][0]["exclusiveMaximum"],
            1
        );
        // A sweep of it: a list of such values, or a range.
        assert_eq!(
            textrank["properties"]["damping"]["anyOf"][1]["items"]["exclusiveMaximum"],
            1
        );
        let command = entries
            .iter()
            .find(|e| e["properties"]["type"]["const"] == "command")
            .unwrap();
        assert_eq!(command["required"], json!(["type", "command"]));
        // The rest of the config comes from the types that parse it.
        assert_eq!(
            schema["required"],
            json!(["name", "datasets", "summarizers", "rouge"])
        );
        assert_eq!(schema["additionalProperties"], false);
    }
}

//! The summarizer registry: a name → [`Spec`] table that the CLI, configs, tests and
//! benches all read, so a system registered once is available everywhere.
//!
//! A config entry is a mapping such as `{type: textrank, name: tr, damping: 0.85}`. The
//! keys `type`, `name`, `candidates` and `order` are shared by every system; the rest are
//! the system's own parameters, deserialized strictly into its struct so a misspelt key
//! is an error rather than a silently ignored default.
use super::candidates::{candidates, CandidateOptions};
pub use super::params::{params_of, ParamSchema, Params};
use super::{finalize, Budget, Failure, Input, OutputOrder, Summarizer, Summary};
use crate::text::ProcessedCluster;
use schemars::JsonSchema;
use serde::{de::DeserializeOwned, Serialize};

/// A freshly built summarizer with its effective parameters (defaults filled in).
#[non_exhaustive]
pub struct Built {
    /// The summarizer.
    pub summarizer: Box<dyn Summarizer>,
    /// Every parameter's value, for reports.
    pub params: serde_json::Value,
}

/// How to build and describe one kind of summarizer.
#[derive(Clone, Copy)]
pub struct Spec {
    /// The `type:` tag in configs and the name in `sumbench list`.
    pub kind: &'static str,
    /// One line: the method and its paper.
    pub about: &'static str,
    /// Its parameters, derived from the parameter struct (usually [`params_of::<T>`]): the
    /// type, default, range and doc comment of each, for `sumbench list` and the config's
    /// JSON Schema.
    pub params: fn() -> ParamSchema,
    /// Builds it from the parameter mapping (shared keys already removed).
    pub build: fn(Params, &Registry) -> Result<Built, String>,
}

impl Spec {
    /// The default parameter values, as JSON (a required parameter is left out).
    pub fn defaults(&self) -> serde_json::Value {
        (self.params)().defaults()
    }
}

/// Every built-in summarizer. Registering a new one is one line here.
pub const BUILTINS: &[Spec] = &[
    super::lead::SPEC,
    super::textrank::SPEC,
    super::centroid::SPEC,
    super::command::SPEC,
    super::ilp::SPEC,
    super::oracle::SPEC,
    super::sumbasic::SPEC,
    super::freqsum::SPEC,
    super::klsum::SPEC,
    super::lsa::SPEC,
    super::luhn::SPEC,
    super::random::SPEC,
    super::submodular::SPEC,
    super::lexrank::SPEC,
    super::centroid_greedy::SPEC,
    super::mmr::SPEC,
    super::summaries::SPEC,
];

/// Builds a summarizer whose struct is also its parameter set, refusing out-of-range
/// parameters (the ranges its schema declares, see [`super::params::check`], then
/// [`Summarizer::validate`]) before any cluster is read.
pub fn build_with<T>(params: Params, _: &Registry) -> Result<Built, String>
where
    T: Summarizer + Serialize + DeserializeOwned + JsonSchema + 'static,
{
    let s: T = params.parse()?;
    super::params::check(&s)?;
    s.validate()?;
    let params = serde_json::to_value(&s).map_err(|e| e.to_string())?;
    Ok(Built {
        summarizer: Box::new(s),
        params,
    })
}

/// A configured system: a summarizer plus its name and shared options.
#[non_exhaustive]
pub struct System {
    /// Display name (unique within a run).
    pub name: String,
    /// The registry kind.
    pub kind: String,
    /// Effective parameters.
    pub params: serde_json::Value,
    /// Candidate filters.
    pub candidates: CandidateOptions,
    /// Output order of the summary's sentences.
    pub order: OutputOrder,
    /// The summarizer itself.
    pub summarizer: Box<dyn Summarizer>,
}

impl System {
    /// Summarizes one cluster within `budget`; only an oracle is given `references`.
    pub fn summarize(
        &self,
        cluster: &ProcessedCluster,
        budget: Budget,
        references: &[String],
        seed: u64,
    ) -> Result<Summary, Failure> {
        // The one place references are withheld: a system that does not declare itself
        // an oracle cannot read them, whatever the caller passes.
        let references = if self.is_oracle() { references } else { &[] };
        if let Some(done) = self.summarizer.precomputed(&cluster.id, budget) {
            return done;
        }
        let cands = candidates(cluster, &self.candidates);
        let input = Input {
            cluster,
            candidates: &cands,
            budget,
            references,
            seed,
        };
        // A panicking summarizer (a bug, or a Rust plugin's) is recorded as that unit's
        // failure like any other, instead of ending a long run and losing its work.
        let picked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.summarizer.select_with_diagnostics(&input)
        }))
        .unwrap_or_else(|payload| Err(format!("panicked: {}", panic_message(&*payload))))?;
        Ok(Summary {
            diagnostics: picked.diagnostics,
            ..finalize(cluster, &picked.sentences, budget, self.order)
        })
    }

    /// Whether the system is an oracle (reads the references).
    pub fn is_oracle(&self) -> bool {
        self.summarizer.is_oracle()
    }
}

/// The text of a panic payload (`panic!` gives a `&str` or a `String`).
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}

/// The set of known summarizer kinds.
#[derive(Clone)]
pub struct Registry {
    specs: Vec<Spec>,
}

impl Default for Registry {
    /// The registry with every built-in summarizer.
    fn default() -> Self {
        Registry {
            specs: BUILTINS.to_vec(),
        }
    }
}

impl Registry {
    /// Adds a summarizer kind: the entry point for Rust plugins. A kind that is already
    /// registered is an error, so a plugin cannot silently take over a built-in's name
    /// (and with it that name's results and baselines).
    pub fn register(&mut self, spec: Spec) -> Result<(), String> {
        if self.get(spec.kind).is_some() {
            return Err(format!(
                "summarizer type `{}` is already registered; give the plugin a kind of its own",
                spec.kind
            ));
        }
        self.specs.push(spec);
        Ok(())
    }

    /// All registered kinds, in registration order.
    pub fn specs(&self) -> &[Spec] {
        &self.specs
    }

    /// The spec for `kind`.
    pub fn get(&self, kind: &str) -> Option<&Spec> {
        self.specs.iter().find(|s| s.kind == kind)
    }

    /// Builds the summarizer described by a parameter mapping whose `type` names its kind;
    /// the shared keys are not allowed here (used for nested systems such as MMR's base).
    pub fn build_params(&self, params: &Params) -> Result<Built, String> {
        let (kind, map) = self.split_kind(params.value())?;
        let spec = self.get(&kind).ok_or_else(|| self.unknown(&kind))?;
        (spec.build)(Params::from_value(serde_yaml::Value::Mapping(map)), self)
            .map_err(|e| format!("{kind}: {e}"))
    }

    /// What `sumbench list` prints: every kind with its one line and its parameters
    /// (type, range, default and doc), all derived from the parameter structs.
    pub fn describe(&self) -> String {
        let mut text = String::new();
        for spec in &self.specs {
            text.push_str(&format!("{}\n    {}\n", spec.kind, spec.about));
            for p in (spec.params)().list() {
                let range = match p.range.as_deref() {
                    Some(r) if r.starts_with(['[', '(']) => format!(" in {r}"),
                    Some(r) => format!(" {r}"),
                    None => String::new(),
                };
                let default = match &p.default {
                    Some(v) => format!("default {v}"),
                    None => "required".into(),
                };
                // `number in [0, 1] or null` rather than `number or null in [0, 1]`.
                let (kind, null) = match p.kind.strip_suffix(" or null") {
                    Some(k) if !range.is_empty() => (k, " or null"),
                    _ => (p.kind.as_str(), ""),
                };
                text.push_str(&format!(
                    "    - {} ({kind}{range}{null}, {default}): {}\n",
                    p.name, p.doc
                ));
            }
            text.push('\n');
        }
        text
    }

    /// [`Registry::describe`] as JSON, for `sumbench list --json`: one object per kind
    /// with `type`, `about`, `params` (name, type, default, range, doc) and `schema`
    /// (the parameter struct's JSON Schema).
    pub fn describe_json(&self) -> serde_json::Value {
        let kinds = self.specs.iter().map(|spec| {
            let params = (spec.params)();
            serde_json::json!({
                "type": spec.kind,
                "about": spec.about,
                "params": params.list(),
                "schema": params.schema,
            })
        });
        serde_json::Value::Array(kinds.collect())
    }

    fn split_kind(
        &self,
        value: &serde_yaml::Value,
    ) -> Result<(String, serde_yaml::Mapping), String> {
        let mut map = value
            .as_mapping()
            .cloned()
            .ok_or_else(|| "expected a mapping such as {type: textrank}".to_string())?;
        let kind = match map.remove("type") {
            Some(serde_yaml::Value::String(s)) => s,
            Some(_) => return Err("`type` must be a string".into()),
            None => return Err(format!("missing `type`; expected one of: {}", self.kinds())),
        };
        Ok((kind, map))
    }

    fn kinds(&self) -> String {
        self.specs
            .iter()
            .map(|s| s.kind)
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn unknown(&self, kind: &str) -> String {
        format!(
            "unknown summarizer type `{kind}`; expected one of: {}",
            self.kinds()
        )
    }

    /// Builds every system of a config's `summarizers:` list, as reported: oracles
    /// always carry "oracle" in their name (see [`report_name`]) and names are unique.
    /// An error names the entry's index.
    pub fn build_all(&self, entries: &[serde_yaml::Value]) -> Result<Vec<System>, String> {
        let mut names = std::collections::BTreeSet::new();
        entries
            .iter()
            .enumerate()
            .map(|(i, entry)| {
                let mut system = self.build(entry).map_err(|e| format!("summarizers[{i}]: {e}"))?;
                system.name = report_name(&system.name, system.is_oracle());
                if !names.insert(system.name.clone()) {
                    return Err(format!(
                        "summarizers[{i}]: duplicate name `{}` (oracles get an `-oracle` suffix); give one of them `name:`",
                        system.name
                    ));
                }
                Ok(system)
            })
            .collect()
    }

    /// Builds a configured [`System`] from a config entry.
    pub fn build(&self, value: &serde_yaml::Value) -> Result<System, String> {
        let (kind, mut map) = self.split_kind(value)?;
        let spec = self.get(&kind).ok_or_else(|| self.unknown(&kind))?;
        let name = match map.remove("name") {
            Some(serde_yaml::Value::String(s)) => s,
            Some(_) => return Err("`name` must be a string".into()),
            None => kind.clone(),
        };
        let candidates_given = map.remove("candidates");
        let order: OutputOrder = match map.remove("order") {
            Some(v) => serde_yaml::from_value(v).map_err(|e| format!("{name}: order: {e}"))?,
            None => OutputOrder::default(),
        };
        let built = (spec.build)(Params::from_value(serde_yaml::Value::Mapping(map)), self)
            .map_err(|e| format!("{name} ({kind}): {e}"))?;
        let candidates =
            overlay_candidates(built.summarizer.default_candidates(), candidates_given)
                .map_err(|e| format!("{name}: candidates: {e}"))?;
        Ok(System {
            name,
            kind,
            params: built.params,
            candidates,
            order,
            summarizer: built.summarizer,
        })
    }
}

/// The name a system is reported under: oracle systems always carry "oracle" in their
/// name (`greedy` → `greedy-oracle`), so no table or summaries file can pass an oracle's
/// reference-informed output off as a real system's.
pub fn report_name(name: &str, oracle: bool) -> String {
    if oracle && !name.to_ascii_lowercase().contains("oracle") {
        format!("{name}-oracle")
    } else {
        name.to_owned()
    }
}

/// The system's own candidate defaults with the keys a config gives laid over them, so
/// `candidates: {min_words: 8}` changes one filter without resetting the others; the
/// merged filters are validated, since a key can clash with a default it did not set.
fn overlay_candidates(
    defaults: CandidateOptions,
    given: Option<serde_yaml::Value>,
) -> Result<CandidateOptions, String> {
    let Some(given) = given else {
        return Ok(defaults);
    };
    let serde_yaml::Value::Mapping(given) = given else {
        return Err("expected a mapping such as {min_words: 5}".into());
    };
    let mut merged = match serde_yaml::to_value(&defaults).map_err(|e| e.to_string())? {
        serde_yaml::Value::Mapping(m) => m,
        _ => serde_yaml::Mapping::new(),
    };
    for (k, v) in given {
        merged.insert(k, v);
    }
    let options: CandidateOptions =
        serde_yaml::from_value(serde_yaml::Value::Mapping(merged)).map_err(|e| e.to_string())?;
    options.validate()?;
    Ok(options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oracles_always_carry_oracle_in_their_name() {
        assert_eq!(report_name("greedy", true), "greedy-oracle");
        assert_eq!(report_name("Oracle-greedy", true), "Oracle-greedy");
        assert_eq!(report_name("rouge-oracle", true), "rouge-oracle");
        assert_eq!(report_name("greedy", false), "greedy");
    }

    #[test]
    fn build_all_rejects_names_that_clash_after_the_oracle_suffix() {
        let entries: Vec<serde_yaml::Value> =
            serde_yaml::from_str("[{type: lead, name: best-oracle}, {type: oracle, name: best}]")
                .unwrap();
        let err = Registry::default().build_all(&entries).err().unwrap();
        assert!(
            err.starts_with("summarizers[1]: duplicate name `best-oracle`"),
            "{err}"
        );
    }

    #[test]
    fn candidate_keys_overlay_the_systems_own_defaults() {
        let r = Registry::default();
        let lead = r
            .build(&serde_yaml::from_str("{type: lead, candidates: {min_words: 3}}").unwrap())
            .unwrap();
        // Lead keeps every sentence by default (no near-duplicate filter)...
        assert_eq!(lead.candidates.dedup, None);
        assert_eq!(lead.candidates.min_words, 3);
        // ...while systems without their own defaults get the shared ones.
        let tr = r
            .build(&serde_yaml::from_str("{type: textrank, candidates: {min_words: 3}}").unwrap())
            .unwrap();
        assert_eq!(tr.candidates.dedup, CandidateOptions::default().dedup);
        assert_eq!(tr.candidates.min_words, 3);
        let err = r
            .build(&serde_yaml::from_str("{type: lead, candidates: {min_word: 3}}").unwrap())
            .err()
            .unwrap();
        assert!(err.contains("min_word"), "{err}");
    }

    #[test]
    fn every_parameter_is_documented_and_is_what_the_results_record() {
        for spec in Registry::default().specs() {
            assert!(!spec.about.is_empty());
            let listed = (spec.params)().list();
            for p in &listed {
                assert!(
                    !p.doc.is_empty(),
                    "{}: {} has no doc comment",
                    spec.kind,
                    p.name
                );
            }
            // `command` has no default program (see every_specs_defaults_validate).
            if spec.kind == "command" {
                assert_eq!(listed[0].name, "command");
                assert_eq!(listed[0].default, None, "command is required");
                continue;
            }
            // `summaries` has no default file to read either.
            if spec.kind == "summaries" {
                continue;
            }
            // Building from the listed defaults records exactly the listed parameters,
            // with those values: the schema describes the struct the results come from.
            let params = Params::from_json(&spec.defaults()).unwrap();
            let built = (spec.build)(params, &Registry::default())
                .unwrap_or_else(|e| panic!("{}: {e}", spec.kind));
            let mut recorded: Vec<&str> = built
                .params
                .as_object()
                .map(|m| m.keys().map(String::as_str).collect())
                .unwrap_or_default();
            let mut names: Vec<&str> = listed.iter().map(|p| p.name.as_str()).collect();
            recorded.sort_unstable();
            names.sort_unstable();
            assert_eq!(
                recorded, names,
                "{}: listed params differ from its struct",
                spec.kind
            );
            for p in &listed {
                if spec.kind != "mmr" {
                    assert_eq!(
                        p.default.as_ref(),
                        Some(&built.params[&p.name]),
                        "{}",
                        spec.kind
                    );
                }
            }
        }
    }

    /// A summarizer that always panics, standing in for a buggy plugin.
    struct Panics;

    impl Summarizer for Panics {
        fn select(&self, _: &Input<'_>) -> Result<Vec<usize>, Failure> {
            panic!("index out of bounds in a plugin")
        }
    }

    #[test]
    fn a_panicking_summarizer_is_a_recorded_failure() {
        let c = crate::summarize::testing::cluster(&[("a", None, "One sentence here.")]);
        let system = System {
            name: "panics".into(),
            kind: "panics".into(),
            params: serde_json::Value::Null,
            candidates: CandidateOptions::default(),
            order: OutputOrder::default(),
            summarizer: Box::new(Panics),
        };
        let err = system
            .summarize(&c, Budget::words(10), &[], 1)
            .err()
            .unwrap();
        assert_eq!(err, "panicked: index out of bounds in a plugin");
    }

    /// Records the references it was given, standing in for a system that peeks.
    struct Peeks {
        oracle: bool,
        seen: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    }

    impl Summarizer for Peeks {
        fn select(&self, input: &Input<'_>) -> Result<Vec<usize>, Failure> {
            self.seen
                .lock()
                .unwrap()
                .extend_from_slice(input.references);
            Ok(input.candidates.to_vec())
        }

        fn is_oracle(&self) -> bool {
            self.oracle
        }
    }

    #[test]
    fn only_oracles_are_given_the_references() {
        let c = crate::summarize::testing::cluster(&[("a", None, "One sentence is here.")]);
        let refs = vec!["The reference summary.".to_string()];
        let seen = |oracle: bool| {
            let seen = std::sync::Arc::default();
            let system = System {
                name: "peeks".into(),
                kind: "peeks".into(),
                params: serde_json::Value::Null,
                candidates: CandidateOptions::default(),
                order: OutputOrder::default(),
                summarizer: Box::new(Peeks {
                    oracle,
                    seen: std::sync::Arc::clone(&seen),
                }),
            };
            system.summarize(&c, Budget::words(10), &refs, 1).unwrap();
            drop(system);
            std::sync::Arc::into_inner(seen)
                .unwrap()
                .into_inner()
                .unwrap()
        };
        assert_eq!(seen(false), Vec::<String>::new());
        assert_eq!(seen(true), refs);
    }

    #[test]
    fn every_specs_defaults_validate() {
        let r = Registry::default();
        for spec in r.specs() {
            let mut entry = match serde_yaml::to_value(spec.defaults()).unwrap() {
                serde_yaml::Value::Mapping(m) => m,
                _ => serde_yaml::Mapping::new(),
            };
            entry.insert("type".into(), spec.kind.into());
            let built = r.build(&serde_yaml::Value::Mapping(entry));
            if spec.kind == "command" {
                // `command` is required: its default (no program) must be refused.
                let err = built.err().unwrap();
                assert!(err.contains("command"), "{err}");
                continue;
            }
            if spec.kind == "summaries" {
                // So is `path`: the default (none) must be refused.
                let err = built.err().unwrap();
                assert!(err.contains("path: required"), "{err}");
                continue;
            }
            let system = built.unwrap_or_else(|e| panic!("{}: {e}", spec.kind));
            assert_eq!(system.summarizer.validate(), Ok(()), "{}", spec.kind);
            assert_eq!(system.candidates.validate(), Ok(()), "{}", spec.kind);
        }
    }

    #[test]
    fn candidate_filters_are_validated_after_the_overlay() {
        let r = Registry::default();
        // max_words 3 is fine alone but clashes with textrank's default min_words 5.
        for (yaml, needles) in [
            (
                "{type: textrank, name: tr, candidates: {max_words: 3}}",
                &["tr: candidates: min_words: 5", "max_words: 3"][..],
            ),
            (
                "{type: lead, candidates: {dedup: 0}}",
                &["lead: candidates: dedup: 0", "(0, 1]"][..],
            ),
        ] {
            let err = r.build(&serde_yaml::from_str(yaml).unwrap()).err().unwrap();
            for needle in needles {
                assert!(err.contains(needle), "{yaml}: {err}");
            }
        }
    }

    #[test]
    fn registering_an_existing_kind_is_an_error() {
        let mut r = Registry::default();
        let impostor = Spec {
            about: "not the real textrank",
            ..super::super::textrank::SPEC
        };
        let err = r.register(impostor).unwrap_err();
        assert!(err.contains("`textrank` is already registered"), "{err}");
        assert_eq!(
            r.get("textrank").unwrap().about,
            super::super::textrank::SPEC.about
        );
        let fresh = Spec {
            kind: "textrank-2",
            ..impostor
        };
        assert_eq!(r.register(fresh), Ok(()));
        assert!(r.register(fresh).unwrap_err().contains("textrank-2"));
    }

    #[test]
    fn kinds_are_unique() {
        let r = Registry::default();
        let mut kinds: Vec<_> = r.specs().iter().map(|s| s.kind).collect();
        kinds.sort_unstable();
        let n = kinds.len();
        kinds.dedup();
        assert_eq!(kinds.len(), n);
    }

    #[test]
    fn misspelt_parameter_and_unknown_type_are_errors() {
        let r = Registry::default();
        let v: serde_yaml::Value = serde_yaml::from_str("{type: textrank, dampng: 0.8}").unwrap();
        let err = r.build(&v).err().unwrap();
        assert!(err.contains("dampng") && err.contains("damping"), "{err}");
        let v: serde_yaml::Value = serde_yaml::from_str("{type: textrnk}").unwrap();
        let err = r.build(&v).err().unwrap();
        assert!(err.contains("textrnk") && err.contains("lead"), "{err}");
    }
}

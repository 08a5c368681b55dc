//! Maximal Marginal Relevance (Carbonell & Goldstein, "The Use of MMR, Diversity-Based
//! Reranking for Reordering Documents and Producing Summaries", SIGIR 1998) as a
//! reranker on top of any scoring summarizer.
//!
//! Configured as `{type: mmr, base: {type: textrank}, lambda: 0.7}`: `base` is a nested
//! summarizer config (any registered kind whose [`Summarizer::scores`] is implemented;
//! default `textrank`), and MMR repeatedly adds, within the budget, the candidate
//!
//! ```text
//! argmax_s  λ · rel(s) − (1 − λ) · max_{p ∈ picked} cos(s, p)
//! ```
//!
//! * `rel(s)` plays the role of the paper's Sim1 (similarity to the query): with no query
//!   in generic multi-document summarization, it is the base's salience score (for
//!   similarity to the cluster centroid use `base: {type: centroid-greedy}`, whose scores
//!   are exactly the cosine with the topic centroid, or MEAD's `centroid`), min–max
//!   normalised to [0, 1] over the candidates, `(score − min) / (max − min)`; when every
//!   candidate has the same score, all get 1. Normalising puts the two terms on the same
//!   scale whatever the base's score range (PageRank mass, MEAD sums, …).
//! * Sim2 is the cosine of TF-IDF vectors ([`super::select::redundancy_vectors`]); the max
//!   is 0 while nothing is picked, so the first pick is the base's best sentence.
//! * Ties go to the earlier sentence. λ = 1 reproduces the base's ranking, λ = 0 pure
//!   novelty. Default λ = 0.7, a common choice in later summarization work that keeps
//!   relevance first while still penalising repetition.
//!
//! [`Summarizer::scores`] of MMR returns `rel`, so MMR can itself be a base.
use super::params::{self, params_of, Params};
use super::registry::{Registry, Spec};
use super::similarity::SparseVec;
use super::{select, Failure, Input, SentenceId, Summarizer};
use crate::summarize::registry::Built;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// MMR over a base summarizer's scores.
pub struct Mmr {
    /// Weight of relevance against novelty, in [0, 1].
    pub lambda: f64,
    /// The kind of the base summarizer, for messages.
    pub base_kind: String,
    /// The base summarizer that supplies relevance scores.
    pub base: Box<dyn Summarizer>,
}

/// MMR's parameters, checked strictly.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct MmrParams {
    /// The nested summarizer config supplying relevance scores, e.g. `{type: lexrank}`
    /// (any registered kind that scores sentences; default: textrank with its defaults).
    #[schemars(schema_with = "nested_summarizer")]
    pub base: Params,
    /// λ: 1 = the base's ranking, 0 = pure novelty.
    #[schemars(range(min = 0, max = 1))]
    pub lambda: f64,
}

impl Default for MmrParams {
    fn default() -> Self {
        MmrParams {
            base: Params::from_yaml("{type: textrank}").unwrap_or_default(),
            lambda: 0.7,
        }
    }
}

/// A nested summarizer config: a mapping with at least `type`.
fn nested_summarizer(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "properties": {"type": {"type": "string"}},
        "required": ["type"]
    })
}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "mmr",
    about: "MMR (Carbonell & Goldstein 1998): rerank any scoring summarizer by λ·relevance − (1−λ)·max similarity to picked",
    params: params_of::<MmrParams>,
    build,
};

/// Builds and validates MMR, building its base through `registry` so any registered kind
/// (including a plugin or another MMR) can be reranked; the reported params hold the base's
/// effective params under `base`, with its `type`.
fn build(params: Params, registry: &Registry) -> Result<Built, String> {
    let p: MmrParams = params.parse()?;
    params::check(&p)?;
    let base_kind = match p.base.kind() {
        Some(k) => k.to_owned(),
        None => return Err("base: expected a summarizer config such as {type: textrank}".into()),
    };
    let built = registry
        .build_params(&p.base)
        .map_err(|e| format!("base: {e}"))?;
    let mut base_params = serde_json::Map::new();
    base_params.insert("type".into(), base_kind.clone().into());
    match built.params {
        serde_json::Value::Object(m) => base_params.extend(m),
        serde_json::Value::Null => {}
        other => {
            base_params.insert("params".into(), other);
        }
    }
    let mmr = Mmr {
        lambda: p.lambda,
        base_kind,
        base: built.summarizer,
    };
    mmr.validate()?;
    Ok(Built {
        summarizer: Box::new(mmr),
        params: serde_json::json!({ "base": base_params, "lambda": p.lambda }),
    })
}

impl Mmr {
    /// The base's scores over the candidates, min–max normalised to [0, 1].
    fn relevance(&self, input: &Input<'_>) -> Result<Vec<f64>, Failure> {
        let raw = match self.base.scores(input) {
            Some(r) => r.map_err(|e| format!("mmr: base `{}`: {e}", self.base_kind))?,
            None => {
                return Err(format!(
                    "mmr: base summarizer `{}` has no per-sentence scores (Summarizer::scores), \
                     so there is nothing to rerank; use a scoring base such as textrank, \
                     lexrank, centroid or lead",
                    self.base_kind
                ))
            }
        };
        if raw.len() != input.cluster.sentences.len() {
            return Err(format!(
                "mmr: base `{}` returned {} scores for {} sentences",
                self.base_kind,
                raw.len(),
                input.cluster.sentences.len()
            ));
        }
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        for &id in input.candidates {
            let s = raw[id];
            if !s.is_finite() {
                return Err(format!(
                    "mmr: base `{}` scored sentence {id} as {s}; expected a finite number",
                    self.base_kind
                ));
            }
            lo = lo.min(s);
            hi = hi.max(s);
        }
        let mut rel = vec![0.0; raw.len()];
        for &id in input.candidates {
            rel[id] = if hi > lo {
                (raw[id] - lo) / (hi - lo)
            } else {
                1.0
            };
        }
        Ok(rel)
    }

    /// The MMR loop over the candidates with the given relevance and vectors.
    fn rerank(&self, input: &Input<'_>, rel: &[f64], vectors: &[SparseVec]) -> Vec<SentenceId> {
        let cands = input.candidates;
        let dims = cands
            .iter()
            .filter_map(|&i| vectors[i].entries.last())
            .map(|&(t, _)| t as usize + 1)
            .max()
            .unwrap_or(0);
        let mut dense = vec![0.0f64; dims];
        let mut max_sim = vec![0.0f64; cands.len()];
        let mut open = vec![true; cands.len()];
        let mut meter = input.budget.meter();
        let mut picked = Vec::new();
        while !meter.is_full() {
            let mut best: Option<(usize, f64)> = None;
            for (k, &id) in cands.iter().enumerate() {
                if !open[k] || !meter.fits(&input.cluster.sentences[id]) {
                    continue;
                }
                let m = self.lambda * rel[id] - (1.0 - self.lambda) * max_sim[k];
                if best.is_none_or(|(_, b)| m > b) {
                    best = Some((k, m));
                }
            }
            let Some((k, _)) = best else { break };
            open[k] = false;
            let p = &vectors[cands[k]];
            meter.try_add(&input.cluster.sentences[cands[k]]);
            picked.push(cands[k]);
            if p.norm == 0.0 {
                continue;
            }
            for &(t, w) in &p.entries {
                dense[t as usize] = w;
            }
            for (j, &other) in cands.iter().enumerate() {
                let v = &vectors[other];
                if open[j] && v.norm > 0.0 {
                    let dot: f64 = v.entries.iter().map(|&(t, w)| w * dense[t as usize]).sum();
                    max_sim[j] = max_sim[j].max(dot / (v.norm * p.norm));
                }
            }
            for &(t, _) in &p.entries {
                dense[t as usize] = 0.0;
            }
        }
        picked
    }
}

impl Summarizer for Mmr {
    /// λ in the range [`MmrParams`] declares (outside [0, 1] it would reward similarity
    /// to the picked sentences, or relevance negatively); the base is validated too, with
    /// its errors under `base:`.
    fn validate(&self) -> Result<(), String> {
        params::check(&MmrParams {
            base: Params::default(),
            lambda: self.lambda,
        })?;
        self.base.validate().map_err(|e| format!("base: {e}"))
    }

    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        let rel = self.relevance(input)?;
        let vectors = select::redundancy_vectors(input.cluster);
        Ok(self.rerank(input, &rel, &vectors))
    }

    fn scores(&self, input: &Input<'_>) -> Option<Result<Vec<f64>, Failure>> {
        Some(self.relevance(input))
    }

    fn is_oracle(&self) -> bool {
        self.base.is_oracle()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::{all, cluster};
    use crate::summarize::Budget;

    /// A base with fixed scores, or none.
    struct Fixed(Option<Vec<f64>>);

    impl Summarizer for Fixed {
        fn select(&self, _: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
            Ok(vec![])
        }
        fn scores(&self, _: &Input<'_>) -> Option<Result<Vec<f64>, Failure>> {
            self.0.clone().map(Ok)
        }
    }

    fn mmr(lambda: f64, scores: Option<Vec<f64>>) -> Mmr {
        Mmr {
            lambda,
            base_kind: "fixed".into(),
            base: Box::new(Fixed(scores)),
        }
    }

    #[test]
    fn mmr_trades_relevance_for_novelty_by_hand() {
        // Raw scores 10, 9, 5, 0 normalise to 1, 0.9, 0.5, 0.
        // v0 = x, v1 = x + 0.1 y (cos(v1, v0) = 1/√1.01 ≈ 0.995), v2 = z, v3 = w.
        // λ = 0.7, after picking s0: s1 → 0.63 − 0.3·0.995 ≈ 0.3315, s2 → 0.35: s2 wins.
        // λ = 0.9: s1 → 0.81 − 0.0995 ≈ 0.7105 beats s2 → 0.45.
        let c = cluster(&[("a", None, "One. Two. Three. Four.")]);
        let vectors = vec![
            SparseVec::from_sorted(vec![(0, 1.0)]),
            SparseVec::from_sorted(vec![(0, 1.0), (1, 0.1)]),
            SparseVec::from_sorted(vec![(2, 1.0)]),
            SparseVec::from_sorted(vec![(3, 1.0)]),
        ];
        let cands = all(&c);
        let input = Input {
            cluster: &c,
            candidates: &cands,
            budget: Budget::sentences(2),
            references: &[],
            seed: 0,
        };
        let raw = vec![10.0, 9.0, 5.0, 0.0];
        let m = mmr(0.7, Some(raw.clone()));
        let rel = m.relevance(&input).unwrap();
        assert_eq!(rel, [1.0, 0.9, 0.5, 0.0]);
        assert_eq!(m.rerank(&input, &rel, &vectors), [0, 2]);
        assert_eq!(mmr(0.9, Some(raw)).rerank(&input, &rel, &vectors), [0, 1]);
    }

    #[test]
    fn base_without_scores_is_a_clear_error() {
        let c = cluster(&[("a", None, "Talks resumed in Geneva today.")]);
        let cands = all(&c);
        let input = Input::new(&c, &cands, Budget::words(10));
        let e = mmr(0.7, None).select(&input).unwrap_err();
        assert!(
            e.contains("`fixed`") && e.contains("no per-sentence scores"),
            "{e}"
        );
    }

    #[test]
    fn nested_base_params_are_reported_and_validated() {
        let r = Registry::default();
        let v: serde_yaml::Value = serde_yaml::from_str(
            "{type: mmr, name: m, base: {type: lexrank, variant: continuous}, lambda: 0.5}",
        )
        .unwrap();
        let sys = r.build(&v).unwrap();
        assert_eq!(sys.params["lambda"], 0.5);
        assert_eq!(sys.params["base"]["type"], "lexrank");
        assert_eq!(sys.params["base"]["variant"], "continuous");
        assert_eq!(
            sys.params["base"]["threshold"], 0.1,
            "base defaults filled in"
        );
        // The reported params rebuild the same system.
        let mut again: serde_yaml::Value = serde_yaml::to_value(&sys.params).unwrap();
        again
            .as_mapping_mut()
            .unwrap()
            .insert("type".into(), "mmr".into());
        assert_eq!(r.build(&again).unwrap().params, sys.params);

        for (yaml, needle) in [
            ("{type: mmr, lambda: 1.5}", "lambda"),
            ("{type: mmr, base: {type: textrnk}}", "textrnk"),
            ("{type: mmr, base: {type: textrank, dampng: 1}}", "dampng"),
            ("{type: mmr, bse: {type: textrank}}", "bse"),
            ("{type: mmr, base: textrank}", "base"),
        ] {
            let v: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
            let e = r.build(&v).err().unwrap();
            assert!(e.contains(needle), "{yaml}: {e}");
        }
    }

    #[test]
    fn lambda_one_follows_the_base_ranking_on_text() {
        let c = cluster(&[(
            "a",
            None,
            "Russia and NATO held talks in Geneva. \
             Russia and NATO held talks in Geneva again. \
             Bananas grow on tropical plantations.",
        )]);
        let cands = all(&c);
        let input = Input {
            cluster: &c,
            candidates: &cands,
            budget: Budget::sentences(2),
            references: &[],
            seed: 0,
        };
        let scores = Some(vec![3.0, 2.0, 1.0]);
        assert_eq!(mmr(1.0, scores.clone()).select(&input).unwrap(), [0, 1]);
        // λ = 0.5, rel = 1, 0.5, 0: s1 → 0.5·0.5 − 0.5·cos(s1, s0) < 0 because the near
        // copy's cosine is far above 0.5, while s2 shares no term: 0.5·0 − 0.5·0 = 0.
        assert_eq!(mmr(0.5, scores).select(&input).unwrap(), [0, 2]);
    }

    #[test]
    fn lambda_and_base_parameters_are_refused_when_built() {
        let r = Registry::default();
        for (yaml, says) in [
            (
                "{type: mmr, lambda: -0.1}",
                "mmr (mmr): lambda: -0.1 is out of range; expected a number in [0, 1]",
            ),
            (
                "{type: mmr, base: {type: textrank, damping: 5}}",
                "base: textrank: damping: 5 is out of range",
            ),
            (
                "{type: mmr, base: {type: mmr, base: {type: lexrank, threshold: 1}}}",
                "base: mmr: base: lexrank: threshold: 1",
            ),
        ] {
            let v: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
            let err = r.build(&v).err().unwrap();
            assert!(err.contains(says), "{yaml}: {err}");
        }
        let err = mmr(0.5, None).validate();
        assert_eq!(err, Ok(()));
        assert!(mmr(f64::NAN, None)
            .validate()
            .unwrap_err()
            .contains("lambda: NaN"));
    }
}

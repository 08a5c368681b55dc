//! The ROUGE oracle: an upper bound for extractive systems, not a competitor.
//!
//! Starting from an empty summary it repeatedly adds the candidate sentence that most
//! increases ROUGE against the cluster's reference summaries, and stops when no sentence
//! increases it or the budget is full (the usual "greedy oracle" of extractive
//! summarization, e.g. Nallapati et al. 2017 and Liu & Lapata 2019 label their training
//! data this way). By default it maximises the mean F-measure of ROUGE-1 and ROUGE-2 under
//! rouge-score with stemming; `metrics` and `measure` choose other targets, such as
//! ROUGE-2 recall, DUC's headline number.
//!
//! Plain greedy is a weak upper bound: when the best single sentence is long, it can fill
//! the budget and block a better pair of shorter ones, and a well-tuned system then beats
//! the "oracle". So, as search effort rather than a different objective, the greedy pass
//! is repeated with each of the `restarts` best single sentences forced first, and the
//! best result is improved by local search (`local_search`): swap a picked sentence for
//! one of the `restarts`·4 best unpicked ones, add one, or drop one, taking the best
//! improving move until none improves. `restarts: 0, local_search: false` is the plain
//! greedy oracle.
//!
//! Every trial summary is rendered by [`finalize`] exactly as the harness will render the
//! final one (same budget, same truncation), and scored through the crate's ROUGE façade
//! only ([`Scorer::prepare`] once per cluster, [`Scorer::score_prepared`] per trial), so
//! the oracle optimises the very numbers the report prints.
use super::registry::{build_with, params_of, Spec};
use super::{finalize, Failure, Input, OutputOrder, SentenceId, Summarizer};
use crate::rouge::{Mode, RougeSettings, Scorer, Scores, TokenizerKind};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which part of a metric's score the oracle maximises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Recall.
    Recall,
    /// Precision.
    Precision,
    /// F-measure.
    #[default]
    F,
}

/// The greedy ROUGE oracle.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Oracle {
    /// The ROUGE implementation optimised.
    pub mode: Mode,
    /// Porter stemming in the optimised ROUGE (rouge155: same as `-m`).
    pub stem: bool,
    /// rouge155 mode: the script's flags (null: the engine's defaults).
    pub flags: Option<String>,
    /// Metrics averaged into the objective, in the mode's names (rouge1, rouge2 /
    /// ROUGE-1, ROUGE-2).
    pub metrics: Vec<String>,
    /// Which part of each metric's score is maximised.
    pub measure: Measure,
    /// Extra greedy passes, each starting from one of this many best single sentences
    /// (0: plain greedy).
    pub restarts: usize,
    /// Improve the best greedy summary by swap / add / drop moves until none helps.
    pub local_search: bool,
}

impl Default for Oracle {
    fn default() -> Self {
        Oracle {
            mode: Mode::RougeScore,
            stem: true,
            flags: None,
            metrics: vec!["rouge1".into(), "rouge2".into()],
            measure: Measure::F,
            restarts: 5,
            local_search: true,
        }
    }
}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "oracle",
    about: "ROUGE oracle (upper bound): greedy with restarts and local search on ROUGE against the references",
    params: params_of::<Oracle>,
    build: build_with::<Oracle>,
};

impl Oracle {
    fn settings(&self) -> RougeSettings {
        RougeSettings {
            mode: self.mode,
            flags: self.flags.clone(),
            stem: Some(self.stem),
            metrics: Some(self.metrics.clone()),
            tokenizer: TokenizerKind::Default,
        }
    }

    /// The configured scorer, or why the settings are unusable.
    fn scorer(&self) -> Result<Scorer, String> {
        if self.metrics.is_empty() {
            return Err("metrics: expected at least one metric".into());
        }
        let scorer = Scorer::new(&self.settings())?;
        let available = scorer.metric_names();
        if let Some(m) = self.metrics.iter().find(|m| !available.contains(m)) {
            return Err(format!(
                "metrics: `{m}` is not computed in this mode; available: {}",
                available.join(", ")
            ));
        }
        Ok(scorer)
    }

    /// The objective: the mean of the chosen measure over the chosen metrics.
    fn objective(&self, scores: &Scores) -> Result<f64, Failure> {
        let mut sum = 0.0;
        for m in &self.metrics {
            let prf = scores
                .get(m)
                .ok_or_else(|| format!("oracle: the scorer returned no `{m}` score"))?;
            sum += match self.measure {
                Measure::Recall => prf.r,
                Measure::Precision => prf.p,
                Measure::F => prf.f,
            };
        }
        Ok(sum / self.metrics.len() as f64)
    }
}

/// Whether every sentence of `picked` fits the budget together (in this order).
fn feasible(input: &Input<'_>, picked: &[SentenceId]) -> bool {
    let mut meter = input.budget.meter();
    picked
        .iter()
        .all(|&id| meter.try_add(&input.cluster.sentences[id]))
}

impl Oracle {
    /// Greedy additions to `start` while some sentence improves the objective.
    fn greedy(
        &self,
        input: &Input<'_>,
        start: Vec<SentenceId>,
        score: &dyn Fn(&[SentenceId]) -> Result<f64, Failure>,
    ) -> Result<(f64, Vec<SentenceId>), Failure> {
        let mut picked = start;
        let mut taken = vec![false; input.cluster.sentences.len()];
        let mut meter = input.budget.meter();
        for &id in &picked {
            taken[id] = true;
            meter.try_add(&input.cluster.sentences[id]);
        }
        let mut current = score(&picked)?;
        while !meter.is_full() {
            let mut best: Option<(f64, SentenceId)> = None;
            for &id in input.candidates {
                if taken[id] || !meter.fits(&input.cluster.sentences[id]) {
                    continue;
                }
                picked.push(id);
                let value = score(&picked)?;
                picked.pop();
                // Strictly greater: among equal gains the earliest candidate wins.
                if best.is_none_or(|(b, _)| value > b) {
                    best = Some((value, id));
                }
            }
            match best {
                Some((value, id)) if value > current => {
                    meter.try_add(&input.cluster.sentences[id]);
                    taken[id] = true;
                    picked.push(id);
                    current = value;
                }
                _ => break,
            }
        }
        Ok((current, picked))
    }

    /// Best-improvement local search over swap (with a sentence of `pool`), add and drop
    /// moves; deterministic: moves are tried in a fixed order and only a strictly better
    /// value replaces the incumbent.
    fn improve(
        &self,
        input: &Input<'_>,
        (mut current, mut picked): (f64, Vec<SentenceId>),
        pool: &[SentenceId],
        score: &dyn Fn(&[SentenceId]) -> Result<f64, Failure>,
    ) -> Result<(f64, Vec<SentenceId>), Failure> {
        // Each accepted move strictly improves a bounded objective; the cap only guards
        // against floating-point cycling.
        for _ in 0..100 {
            let mut best: Option<(f64, Vec<SentenceId>)> = None;
            let mut consider = |trial: Vec<SentenceId>| -> Result<(), Failure> {
                if !feasible(input, &trial) {
                    return Ok(());
                }
                let value = score(&trial)?;
                if value > best.as_ref().map_or(current, |(b, _)| *b) {
                    best = Some((value, trial));
                }
                Ok(())
            };
            for &c in pool.iter().filter(|c| !picked.contains(c)) {
                for i in 0..picked.len() {
                    let mut trial = picked.clone();
                    trial[i] = c;
                    consider(trial)?;
                }
                let mut trial = picked.clone();
                trial.push(c);
                consider(trial)?;
            }
            for i in 0..picked.len() {
                let mut trial = picked.clone();
                trial.remove(i);
                consider(trial)?;
            }
            match best {
                Some((value, trial)) => {
                    current = value;
                    picked = trial;
                }
                None => break,
            }
        }
        Ok((current, picked))
    }
}

impl Summarizer for Oracle {
    /// The ROUGE settings must give a scorer that computes every requested metric; a
    /// typo in `flags` or `metrics` would otherwise fail every cluster. The scorer is
    /// first built without metric names so that an error names the key at fault.
    fn validate(&self) -> Result<(), String> {
        let all_metrics = RougeSettings {
            metrics: None,
            ..self.settings()
        };
        Scorer::new(&all_metrics).map_err(|e| format!("flags: {e}"))?;
        self.scorer().map(drop).map_err(|e| {
            if e.starts_with("metrics:") {
                e
            } else {
                format!("metrics: {e}")
            }
        })
    }

    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        if input.references.is_empty() {
            return Err(format!(
                "oracle: cluster {} has no reference summaries; the oracle needs them",
                input.cluster.id
            ));
        }
        let scorer = self.scorer()?;
        let refs: Vec<&str> = input.references.iter().map(String::as_str).collect();
        let prepared = scorer.prepare(&refs);
        let score = |picked: &[SentenceId]| {
            let text = finalize(input.cluster, picked, input.budget, OutputOrder::Rank).text;
            self.objective(&scorer.score_prepared(&text, &prepared))
        };
        let mut best = self.greedy(input, Vec::new(), &score)?;
        if self.restarts == 0 && !self.local_search {
            return Ok(best.1);
        }
        // Single sentences by their own value, best first (ties: earlier sentence).
        let mut singles: Vec<(f64, SentenceId)> = Vec::new();
        for &id in input.candidates {
            if feasible(input, &[id]) {
                singles.push((score(&[id])?, id));
            }
        }
        singles.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, id) in singles.iter().take(self.restarts) {
            let run = self.greedy(input, vec![id], &score)?;
            if run.0 > best.0 {
                best = run;
            }
        }
        if self.local_search {
            let pool: Vec<SentenceId> = singles
                .iter()
                .take(self.restarts.max(1) * 4)
                .map(|&(_, id)| id)
                .collect();
            best = self.improve(input, best, &pool, &score)?;
        }
        Ok(best.1)
    }

    fn is_oracle(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::{all, cluster};
    use crate::summarize::{Budget, BudgetUnit};

    const DOC_A: &str = "Russian and American diplomats met in Geneva on Monday. \
        The weather in the city was cold and grey all week. \
        Officials said the talks on Ukraine ended without agreement.";
    const DOC_B: &str = "Markets in Asia rose slightly on Tuesday morning. \
        Moscow repeated its demand that NATO never admit Ukraine.";

    fn input<'a>(
        c: &'a crate::text::ProcessedCluster,
        cands: &'a [usize],
        refs: &'a [String],
        budget: Budget,
    ) -> Input<'a> {
        Input {
            cluster: c,
            candidates: cands,
            budget,
            references: refs,
            seed: 0,
        }
    }

    #[test]
    fn picks_the_sentence_the_reference_copies() {
        let c = cluster(&[("a", None, DOC_A), ("b", None, DOC_B)]);
        let cands = all(&c);
        // Sentence 4 verbatim; a 10-word budget fits exactly one sentence of this cluster.
        let refs = vec!["Moscow repeated its demand that NATO never admit Ukraine.".to_string()];
        assert_eq!(c.sentences[4].words, 9);
        let picked = Oracle::default()
            .select(&input(&c, &cands, &refs, Budget::words(10)))
            .unwrap();
        assert_eq!(picked, [4]);
        // Recall of ROUGE-2 alone makes the same choice.
        let r2 = Oracle {
            metrics: vec!["rouge2".into()],
            measure: Measure::Recall,
            ..Oracle::default()
        };
        assert_eq!(
            r2.select(&input(&c, &cands, &refs, Budget::words(10)))
                .unwrap(),
            [4]
        );
    }

    #[test]
    fn stops_when_nothing_improves_and_never_exceeds_the_budget() {
        let c = cluster(&[("a", None, DOC_A), ("b", None, DOC_B)]);
        let cands = all(&c);
        let refs = vec![
            "Diplomats met in Geneva. The talks on Ukraine ended without agreement.".to_string(),
        ];
        // With room for everything, the F-measure oracle takes the two Geneva sentences
        // and stops: every other sentence only adds unmatched words.
        let picked = Oracle::default()
            .select(&input(&c, &cands, &refs, Budget::words(100)))
            .unwrap();
        let mut sorted = picked.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 2]);
        for unit in [BudgetUnit::Words, BudgetUnit::Bytes, BudgetUnit::Sentences] {
            for limit in [1, 5, 9, 12, 20, 60, 75, 120] {
                let budget = Budget {
                    unit,
                    limit,
                    truncate: false,
                };
                let picked = Oracle {
                    measure: Measure::Recall,
                    ..Oracle::default()
                }
                .select(&input(&c, &cands, &refs, budget))
                .unwrap();
                let used: usize = match unit {
                    BudgetUnit::Words => picked.iter().map(|&i| c.sentences[i].words).sum(),
                    BudgetUnit::Bytes => {
                        picked.iter().map(|&i| c.sentences[i].bytes).sum::<usize>()
                            + picked.len().saturating_sub(1)
                    }
                    BudgetUnit::Sentences => picked.len(),
                };
                assert!(used <= limit, "{unit:?} {limit}: {picked:?} uses {used}");
            }
        }
    }

    #[test]
    fn restarts_escape_the_greedy_trap_that_plain_greedy_falls_into() {
        // Reference "alpha beta gamma delta", budget 4 words, ROUGE-1 recall. Plain greedy
        // takes sentence 0 (3 of 4 reference words, 0.75) and the budget is full; the
        // pair 1 + 2 covers all four words (1.0). Forcing sentence 1 first finds it.
        let c = cluster(&[(
            "a",
            None,
            "Alpha beta gamma epsilon. Alpha beta. Gamma delta.",
        )]);
        let cands = all(&c);
        let refs = vec!["Alpha beta gamma delta.".to_string()];
        let budget = Budget::words(4);
        let recall = |restarts, local_search| Oracle {
            metrics: vec!["rouge1".into()],
            measure: Measure::Recall,
            restarts,
            local_search,
            ..Oracle::default()
        };
        let plain = recall(0, false)
            .select(&input(&c, &cands, &refs, budget))
            .unwrap();
        assert_eq!(plain, [0]);
        let mut searched = recall(3, false)
            .select(&input(&c, &cands, &refs, budget))
            .unwrap();
        searched.sort_unstable();
        assert_eq!(searched, [1, 2]);
    }

    #[test]
    fn no_references_is_a_failure_and_bad_metric_a_config_error() {
        let c = cluster(&[("a", None, DOC_A)]);
        let cands = all(&c);
        let err = Oracle::default()
            .select(&input(&c, &cands, &[], Budget::words(100)))
            .unwrap_err();
        assert!(err.contains("no reference"), "{err}");
        let r = crate::summarize::Registry::default();
        let v: serde_yaml::Value =
            serde_yaml::from_str("{type: oracle, metrics: [bleu4]}").unwrap();
        let err = r.build(&v).err().unwrap();
        assert!(err.contains("bleu4"), "{err}");
        let v: serde_yaml::Value = serde_yaml::from_str("{type: oracle}").unwrap();
        assert!(r.build(&v).unwrap().is_oracle());
    }

    #[test]
    fn unusable_rouge_settings_are_refused_when_built() {
        use crate::summarize::params::{accepted, refused};
        for (yaml, says) in [
            ("{metrics: []}", "metrics: expected at least one metric"),
            (
                "{metrics: [ROUGE-1]}",
                "metrics: unknown rouge-score metric `ROUGE-1`",
            ),
            ("{mode: rouge155, flags: \"-n two\"}", "flags: -n expects"),
            (
                "{mode: rouge155, flags: \"-n 1\", metrics: [ROUGE-2]}",
                "metrics: metric `ROUGE-2` is not computed with flags `-n 1`",
            ),
        ] {
            let err = refused::<Oracle>(yaml);
            assert!(err.contains(says), "{yaml}: {err}");
        }
        accepted::<Oracle>("{restarts: 0, local_search: false}");
        accepted::<Oracle>(
            "{mode: rouge155, flags: \"-n 2 -m -l 100 -f A -p 0.5 -t 0\", metrics: [ROUGE-1, ROUGE-2]}",
        );
    }
}

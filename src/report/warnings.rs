//! A run's warnings: things that did not stop the run but may make its numbers mean less
//! than they seem (an empty summary scores zero, a document that yielded no sentence is
//! invisible to every system, a lossily decoded file holds U+FFFD where text was).
//!
//! They are gathered while the run goes, in a fixed order, and end up in three places:
//! the results file's `warnings` section (counts per kind, then every warning), one
//! summary block on stderr at the end of `sumbench run` (a few examples per kind, never a
//! line per cluster, which would bury the table on a large dataset), and, with
//! `--strict`, the exit code ([`Warnings::strict_error`]). docs/reliability.md, section
//! "Warnings", is the user's description.
use crate::util::LossyDecoding;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// How many examples per kind the stderr summary shows; the results file has them all.
const EXAMPLES: usize = 3;

/// What a warning is about. Serialized in kebab-case (`empty-summary`, …).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// A file was not valid UTF-8 and was decoded with U+FFFD replacements.
    LossyDecoding,
    /// A document yielded no sentence (all boilerplate, say), so no system can quote it.
    DocumentWithoutSentences,
    /// A system returned an empty summary on a cluster (it scores zero there). Failed
    /// units are failures, not warnings.
    EmptySummary,
    /// A cluster of a `references: none` dataset: summarized, not scored. Informational:
    /// the config asked for it, so `--strict` does not count it.
    ClusterWithoutReferences,
}

impl WarningKind {
    /// Every kind, in the order of counts, lists and the stderr summary.
    pub const ALL: [WarningKind; 4] = [
        WarningKind::LossyDecoding,
        WarningKind::DocumentWithoutSentences,
        WarningKind::EmptySummary,
        WarningKind::ClusterWithoutReferences,
    ];

    /// Whether the kind only records what the config asked for (ignored by `--strict`).
    pub fn is_informational(self) -> bool {
        self == WarningKind::ClusterWithoutReferences
    }

    /// "1 empty summary", "3 empty summaries".
    fn counted(self, n: usize) -> String {
        let (one, many) = match self {
            WarningKind::LossyDecoding => ("lossily decoded file", "lossily decoded files"),
            WarningKind::DocumentWithoutSentences => {
                ("document without sentences", "documents without sentences")
            }
            WarningKind::EmptySummary => ("empty summary", "empty summaries"),
            WarningKind::ClusterWithoutReferences => {
                ("cluster without references", "clusters without references")
            }
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

/// One warning: its kind, where it happened (the fields that apply), and what to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// What it is about.
    pub kind: WarningKind,
    /// Dataset name.
    pub dataset: String,
    /// Cluster id (absent for a file read before clusters were known, e.g. a JSON Lines file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    /// Document id (`document-without-sentences`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// System name (`empty-summary`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// The file, as the config named its folder (`lossy-decoding`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line in `file` of the first bad byte (`lossy-decoding`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Byte offset in `file` of the first bad byte (`lossy-decoding`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    /// What happened and, where known, why.
    pub message: String,
}

impl Warning {
    /// A warning of `kind` on `dataset` with no place more precise yet.
    pub fn new(kind: WarningKind, dataset: &str, message: impl Into<String>) -> Self {
        Warning {
            kind,
            dataset: dataset.to_owned(),
            cluster: None,
            document: None,
            system: None,
            file: None,
            line: None,
            offset: None,
            message: message.into(),
        }
    }

    /// A `lossy-decoding` warning for a file read while loading `dataset`.
    pub fn lossy(dataset: &str, cluster: Option<String>, lossy: &LossyDecoding) -> Self {
        Warning {
            cluster,
            file: Some(lossy.path.display().to_string()),
            line: Some(lossy.line),
            offset: Some(lossy.offset),
            ..Warning::new(WarningKind::LossyDecoding, dataset, lossy.to_string())
        }
    }

    /// Where, in the fewest words: `textrank on seed/c1`, `seed/c1/a`, `corpus/c1/a.txt:3`.
    pub fn place(&self) -> String {
        if let (Some(file), Some(line)) = (&self.file, self.line) {
            return format!("{file}:{line}");
        }
        let mut at = self.dataset.clone();
        for part in [&self.cluster, &self.document].into_iter().flatten() {
            at.push('/');
            at.push_str(part);
        }
        match &self.system {
            Some(system) => format!("{system} on {at}"),
            None => at,
        }
    }
}

/// The results file's `warnings` section.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Warnings {
    /// How many warnings of each kind; every kind is present (0 when none), so a script
    /// can read `counts["empty-summary"]` without checking first.
    pub counts: BTreeMap<WarningKind, usize>,
    /// Every warning, by dataset in config order; within a dataset, lossily decoded
    /// files in reading order, then cluster by cluster in dataset order: the cluster
    /// itself, its documents in order, then its systems in config order.
    pub list: Vec<Warning>,
}

impl Warnings {
    /// The section for `list`, already in its final order.
    pub fn new(list: Vec<Warning>) -> Self {
        let mut counts: BTreeMap<WarningKind, usize> =
            WarningKind::ALL.iter().map(|&k| (k, 0)).collect();
        for w in &list {
            *counts.entry(w.kind).or_default() += 1;
        }
        Warnings { counts, list }
    }

    /// Warnings that `--strict` turns into a failure (all but informational ones).
    pub fn strict_count(&self) -> usize {
        self.list
            .iter()
            .filter(|w| !w.kind.is_informational())
            .count()
    }

    fn counts_text(&self, informational: bool) -> Vec<String> {
        WarningKind::ALL
            .iter()
            .filter(|k| k.is_informational() == informational)
            .filter(|k| self.counts.get(k).copied().unwrap_or(0) > 0)
            .map(|&k| k.counted(self.counts[&k]))
            .collect()
    }

    /// The one block `sumbench run` prints on stderr at the end, or `None` when there is
    /// nothing to say: a head line (`warning:`, or `note:` when every warning is
    /// informational), then one indented line per kind with its first examples.
    pub fn summary(&self, results: &Path) -> Option<String> {
        if self.list.is_empty() {
            return None;
        }
        let serious = self.counts_text(false);
        let mut text = if serious.is_empty() {
            format!(
                "note: {}; see `warnings` in {}\n",
                self.counts_text(true).join(", "),
                results.display()
            )
        } else {
            format!(
                "warning: {}; see `warnings` in {}\n",
                serious.join(", "),
                results.display()
            )
        };
        for kind in WarningKind::ALL {
            let of_kind: Vec<&Warning> = self.list.iter().filter(|w| w.kind == kind).collect();
            if of_kind.is_empty() {
                continue;
            }
            let mut shown: Vec<String> = of_kind.iter().take(EXAMPLES).map(|w| w.place()).collect();
            if of_kind.len() > EXAMPLES {
                shown.push(format!("{} more", of_kind.len() - EXAMPLES));
            }
            text.push_str(&format!(
                "  {}{}: {}\n",
                kind.counted(of_kind.len()),
                if kind.is_informational() {
                    " (informational, `references: none`)"
                } else {
                    ""
                },
                shown.join(", ")
            ));
        }
        Some(text)
    }

    /// With `--strict`: the error that makes the run exit 1 ([`crate::error::exit::GATE`])
    /// when any warning that is not informational was recorded.
    pub fn strict_error(&self, results: &Path) -> Option<crate::Error> {
        (self.strict_count() > 0).then(|| {
            crate::Error::Gate(format!(
                "--strict: the run recorded {}; results were written to {} (see `warnings`)",
                self.counts_text(false).join(", "),
                results.display()
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty(system: &str, cluster: &str) -> Warning {
        Warning {
            system: Some(system.into()),
            cluster: Some(cluster.into()),
            ..Warning::new(WarningKind::EmptySummary, "seed", "empty")
        }
    }

    #[test]
    fn counts_list_every_kind_and_serialize_in_kebab_case() {
        let w = Warnings::new(vec![empty("lead", "c1"), empty("textrank", "c1")]);
        let json = serde_json::to_value(&w).unwrap();
        assert_eq!(
            json["counts"],
            serde_json::json!({
                "lossy-decoding": 0,
                "document-without-sentences": 0,
                "empty-summary": 2,
                "cluster-without-references": 0,
            })
        );
        assert_eq!(
            json["list"][0],
            serde_json::json!({
                "kind": "empty-summary", "dataset": "seed", "cluster": "c1",
                "system": "lead", "message": "empty",
            })
        );
        let back: Warnings = serde_json::from_value(json).unwrap();
        assert_eq!(back, w);
    }

    #[test]
    fn the_summary_is_one_block_with_a_few_examples_per_kind() {
        let mut list: Vec<Warning> = (1..=5).map(|c| empty("lead", &format!("c{c}"))).collect();
        list.push(Warning {
            cluster: Some("c1".into()),
            document: Some("a".into()),
            ..Warning::new(WarningKind::DocumentWithoutSentences, "seed", "none")
        });
        let lossy = LossyDecoding {
            path: "corpus/c1/a.txt".into(),
            line: 3,
            offset: 12,
        };
        list.insert(0, Warning::lossy("seed", Some("c1".into()), &lossy));
        let text = Warnings::new(list)
            .summary(Path::new("out/t.json"))
            .unwrap();
        assert_eq!(
            text,
            "warning: 1 lossily decoded file, 1 document without sentences, 5 empty summaries; \
             see `warnings` in out/t.json\n\
             \x20 1 lossily decoded file: corpus/c1/a.txt:3\n\
             \x20 1 document without sentences: seed/c1/a\n\
             \x20 5 empty summaries: lead on seed/c1, lead on seed/c2, lead on seed/c3, 2 more\n"
        );
    }

    #[test]
    fn informational_warnings_are_a_note_and_never_fail_strict() {
        let unscored = Warning {
            cluster: Some("c1".into()),
            ..Warning::new(WarningKind::ClusterWithoutReferences, "news", "unscored")
        };
        let w = Warnings::new(vec![unscored]);
        let results = Path::new("t.json");
        assert!(w.strict_error(results).is_none());
        assert_eq!(
            w.summary(results).unwrap(),
            "note: 1 cluster without references; see `warnings` in t.json\n\
             \x20 1 cluster without references (informational, `references: none`): news/c1\n"
        );
        assert!(Warnings::new(vec![]).summary(results).is_none());
        let err = Warnings::new(vec![empty("lead", "c1")])
            .strict_error(results)
            .unwrap();
        assert_eq!(err.exit_code(), crate::error::exit::GATE);
        assert_eq!(
            err.to_string(),
            "--strict: the run recorded 1 empty summary; results were written to t.json (see `warnings`)"
        );
    }
}

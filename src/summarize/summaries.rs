//! `summaries`: summaries written outside sumbench (a published system's, a colleague's,
//! an LLM's), read from disk and scored by the same engine as the built-in systems, so
//! they get the same intervals, significance tests and table rows.
//!
//! Two layouts are read:
//! - **JSON Lines**, one `{"cluster": ID, "system": NAME, "summary": TEXT}` object per
//!   line (`text` is accepted for `summary`, as SumRepo's files name it; other keys are
//!   ignored). `system` may be left out when the file holds one system; a file holding
//!   several needs the config's `system:` to pick one. Clusters match the dataset's
//!   cluster ids exactly.
//! - **A folder of DUC-style peer files** named `<DOCSET>.M.<length>.<selector>.<SYSTEM>`
//!   (`D30001.M.100.T.22`), as NIST distributes peers and as `duc` datasets name their
//!   models (`corpus::duc`). A file's system is its last name part; clusters match on
//!   the docset key (`D30001` ↔ `d30001t`), as models do.
//!
//! The file is read and checked when the config is read: a line that does not parse, a
//! duplicate cluster or an empty selection is refused naming the file and line. The run
//! then refuses summaries whose cluster is in none of its datasets (`unmatched_clusters`,
//! before any system runs), and a cluster without a summary fails that unit, naming the
//! file: it is counted in the table's `failed` column and the run exits 3, instead of
//! scoring zero unnoticed.
//!
//! **Budget.** By default a summary is scored as given (`truncate: false`): published
//! numbers were computed on the text as published, and the run's ROUGE length flags
//! (`-l`/`-b`) cut every system's summary the same way anyway. A summary longer than the
//! run's budget is recorded in its unit's `diagnostics` (`over_budget`), so an unfair
//! length advantage is visible. `truncate: true` cuts each summary at the run's budget as
//! `budget: {truncate: true}` cuts the built-in systems' (words or bytes; a sentence
//! budget keeps the first lines).
use super::params::Params;
use super::registry::{params_of, Built, Registry, Spec};
use super::{Budget, BudgetUnit, Failure, Input, SentenceId, Summarizer, Summary};
use crate::corpus::duc::{docset_key, summary_text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The registry entry.
pub const SPEC: Spec = Spec {
    kind: "summaries",
    about: "precomputed summaries from a JSON Lines file or a folder of DUC peer files, scored like any system (outside systems in the same table)",
    params: params_of::<Summaries>,
    build,
};

/// The `summaries` system: its parameters, and the summaries read from `path`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Summaries {
    /// JSON Lines file of {"cluster", "system"?, "summary"} lines, or a folder of DUC peer
    /// files `<DOCSET>.M.<len>.<sel>.<SYSTEM>` (required; relative to the current directory).
    pub path: PathBuf,
    /// Which system to read when the file or folder holds several (required then); null:
    /// the only one.
    pub system: Option<String>,
    /// Cut each summary at the run's budget; false scores it as given (over-budget
    /// summaries are noted in diagnostics).
    pub truncate: bool,
    /// The summaries read from `path`, shared by the run's worker threads.
    #[serde(skip)]
    table: Arc<Table>,
}

/// The summaries of one system, by cluster key.
#[derive(Debug, Default)]
struct Table {
    /// Cluster key (the id for JSON Lines, the docset key for DUC folders) → summary.
    by_cluster: BTreeMap<String, String>,
    /// Whether keys are DUC docset keys (folders) rather than exact ids.
    docset_keys: bool,
}

impl Table {
    fn key(&self, cluster: &str) -> String {
        if self.docset_keys {
            docset_key(cluster)
        } else {
            cluster.to_owned()
        }
    }
}

/// Reads the parameters and the summaries they point at.
fn load(params: Params) -> Result<Summaries, String> {
    let mut s: Summaries = params.parse()?;
    if s.path.as_os_str().is_empty() {
        return Err("path: required; expected a JSON Lines file of {\"cluster\", \"system\"?, \"summary\"} lines or a folder of DUC peer files".into());
    }
    let table = if s.path.is_dir() {
        read_folder(&s.path, s.system.as_deref())?
    } else {
        read_jsonl(&s.path, s.system.as_deref())?
    };
    s.table = Arc::new(table);
    Ok(s)
}

fn build(params: Params, _: &Registry) -> Result<Built, String> {
    let s = load(params)?;
    let params = serde_json::to_value(&s).map_err(|e| e.to_string())?;
    Ok(Built {
        summarizer: Box::new(s),
        params,
    })
}

/// One line of a JSON Lines summaries file.
#[derive(Deserialize)]
struct Line {
    cluster: String,
    #[serde(default)]
    system: Option<String>,
    #[serde(alias = "text")]
    summary: String,
}

/// Picks `wanted` among `systems` (the source's, sorted), or the only one.
fn choose<'a>(
    source: &Path,
    systems: &'a std::collections::BTreeSet<String>,
    wanted: Option<&'a str>,
) -> Result<Option<&'a str>, String> {
    match (wanted, systems.len()) {
        (Some(w), _) if systems.contains(w) => Ok(Some(w)),
        (Some(w), 0) => Err(format!(
            "system: {w}, but {} names no systems (its summaries belong to one system: leave `system:` out)",
            source.display()
        )),
        (Some(w), _) => Err(format!(
            "system: {w} is not in {}; it holds: {}",
            source.display(),
            systems.iter().cloned().collect::<Vec<_>>().join(", ")
        )),
        (None, 0 | 1) => Ok(systems.iter().next().map(String::as_str)),
        (None, _) => Err(format!(
            "{} holds several systems; choose one with `system:` ({})",
            source.display(),
            systems.iter().cloned().collect::<Vec<_>>().join(", ")
        )),
    }
}

/// Reads a JSON Lines summaries file, keeping `system`'s lines. Every line is checked,
/// whichever system it belongs to, so a broken file is refused whole.
fn read_jsonl(path: &Path, system: Option<&str>) -> Result<Table, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        format!(
            "path: {}: {e} (expected a JSON Lines file or a folder of DUC peer files; paths are relative to the directory sumbench runs in)",
            path.display()
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 (byte {}); expected JSON Lines",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let mut lines: Vec<(usize, Line)> = Vec::new();
    for (k, raw) in text.split('\n').enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(raw).map_err(|e| {
            let msg = e.to_string();
            let what = msg.rsplit_once(" at line ").map_or(&*msg, |(w, _)| w);
            format!(
                "{}:{}: column {}: {what}; expected {{\"cluster\": string, \"system\": string (optional), \"summary\": string}}",
                path.display(),
                k + 1,
                e.column()
            )
        })?;
        lines.push((k + 1, line));
    }
    if lines.is_empty() {
        return Err(format!(
            "{}: no summaries; expected one JSON object per line",
            path.display()
        ));
    }
    let named: std::collections::BTreeSet<String> =
        lines.iter().filter_map(|(_, l)| l.system.clone()).collect();
    if !named.is_empty() {
        if let Some((n, _)) = lines.iter().find(|(_, l)| l.system.is_none()) {
            return Err(format!(
                "{}:{n}: no `system`, though other lines name theirs; expected every line to name its system, or none",
                path.display()
            ));
        }
    }
    let chosen = choose(path, &named, system)?;
    let mut by_cluster = BTreeMap::new();
    let mut first_line: BTreeMap<String, usize> = BTreeMap::new();
    for (n, l) in lines {
        if l.system.as_deref() != chosen {
            continue;
        }
        if let Some(prev) = first_line.insert(l.cluster.clone(), n) {
            return Err(format!(
                "{}:{n}: a second summary for cluster `{}`{} (the first is on line {prev})",
                path.display(),
                l.cluster,
                chosen
                    .map(|s| format!(" of system `{s}`"))
                    .unwrap_or_default()
            ));
        }
        by_cluster.insert(l.cluster, tidy(&l.summary));
    }
    Ok(Table {
        by_cluster,
        docset_keys: false,
    })
}

/// Reads a folder of DUC peer files `<DOCSET>.M.<len>.<selector>.<SYSTEM>`, keeping
/// `system`'s files.
fn read_folder(dir: &Path, system: Option<&str>) -> Result<Table, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("path: {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if !hidden && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    let mut peers: Vec<(PathBuf, String, String)> = Vec::new();
    for file in files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parts: Vec<&str> = name.split('.').collect();
        if parts.len() < 5 || !parts[1].eq_ignore_ascii_case("M") {
            return Err(format!(
                "{}: not a peer summary name; expected <DOCSET>.M.<length>.<selector>.<system>, e.g. D30001.M.100.T.22",
                file.display()
            ));
        }
        let system = parts[parts.len() - 1].to_owned();
        peers.push((file, docset_key(parts[0]), system));
    }
    if peers.is_empty() {
        return Err(format!(
            "{}: no peer files; expected <DOCSET>.M.<length>.<selector>.<system> files",
            dir.display()
        ));
    }
    let systems = peers.iter().map(|(_, _, s)| s.clone()).collect();
    let chosen = choose(dir, &systems, system)?.map(str::to_owned);
    let mut by_cluster = BTreeMap::new();
    for (file, key, sys) in peers {
        if Some(&sys) != chosen.as_ref() {
            continue;
        }
        let raw = crate::corpus::dir::read_text(&file).map_err(|e| e.to_string())?;
        if by_cluster.insert(key.clone(), summary_text(&raw)).is_some() {
            return Err(format!(
                "{}: a second summary of system `{sys}` for docset {}",
                file.display(),
                key.to_ascii_uppercase()
            ));
        }
    }
    Ok(Table {
        by_cluster,
        docset_keys: true,
    })
}

/// One sentence per line, as the run's own summaries are: CRLF and blank lines go.
fn tidy(summary: &str) -> String {
    summary
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The length of `text` in the budget's unit, as the run's own summaries count it.
fn length(text: &str, unit: BudgetUnit) -> usize {
    match unit {
        BudgetUnit::Words => crate::text::tokenize::word_count(text),
        BudgetUnit::Bytes => text.len(),
        BudgetUnit::Sentences => text.lines().count(),
    }
}

impl Summaries {
    /// The summary of `cluster` within `budget`, as [`Summarizer::precomputed`] returns it.
    fn lookup(&self, cluster: &str, budget: Budget) -> Result<Summary, Failure> {
        let text = self
            .table
            .by_cluster
            .get(&self.table.key(cluster))
            .ok_or_else(|| {
                format!(
                    "no summary for cluster `{cluster}` in {}{}",
                    self.path.display(),
                    self.system
                        .as_ref()
                        .map(|s| format!(" (system `{s}`)"))
                        .unwrap_or_default()
                )
            })?;
        let used = length(text, budget.unit);
        let unit = match budget.unit {
            BudgetUnit::Words => "words",
            BudgetUnit::Bytes => "bytes",
            BudgetUnit::Sentences => "sentences",
        };
        if self.truncate {
            let cut = match budget.unit {
                BudgetUnit::Sentences => text
                    .lines()
                    .take(budget.limit)
                    .collect::<Vec<_>>()
                    .join("\n"),
                _ => super::truncate_text(
                    text,
                    Budget {
                        truncate: true,
                        ..budget
                    },
                ),
            };
            return Ok(Summary {
                text: cut,
                ..Summary::default()
            });
        }
        let diagnostics = (used > budget.limit).then(|| {
            serde_json::json!({
                "over_budget": {"unit": unit, "limit": budget.limit, "length": used}
            })
        });
        Ok(Summary {
            sentences: Vec::new(),
            text: text.clone(),
            diagnostics,
        })
    }
}

impl Summarizer for Summaries {
    fn select(&self, _: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        // `System::summarize` asks `precomputed` first and never gets here.
        Err("a `summaries` system has no sentences to select".into())
    }

    fn precomputed(&self, cluster: &str, budget: Budget) -> Option<Result<Summary, Failure>> {
        Some(self.lookup(cluster, budget))
    }

    fn unmatched_clusters(&self, clusters: &[&str]) -> Vec<String> {
        let known: std::collections::BTreeSet<String> =
            clusters.iter().map(|c| self.table.key(c)).collect();
        self.table
            .by_cluster
            .keys()
            .filter(|k| !known.contains(*k))
            .map(|k| {
                if self.table.docset_keys {
                    k.to_ascii_uppercase()
                } else {
                    k.clone()
                }
            })
            .collect()
    }

    fn source(&self) -> Option<String> {
        Some(self.path.display().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("sumbench-summaries-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn built(yaml: &str) -> Result<Summaries, String> {
        load(serde_yaml::from_str(yaml).unwrap())
    }

    #[test]
    fn jsonl_selects_one_system_and_accepts_text_for_summary() {
        let d = temp("jsonl");
        let f = d.join("s.jsonl");
        std::fs::write(
            &f,
            "{\"cluster\": \"c1\", \"system\": \"A\", \"summary\": \"One.\\r\\n\\nTwo.\"}\n\
             {\"cluster\": \"c1\", \"system\": \"B\", \"text\": \"Other.\", \"extra\": 1}\n\n",
        )
        .unwrap();
        let a = built(&format!("{{path: {}, system: A}}", f.display())).unwrap();
        let s = a.lookup("c1", Budget::words(100)).unwrap();
        assert_eq!(s.text, "One.\nTwo.");
        assert_eq!(s.diagnostics, None);
        let b = built(&format!("{{path: {}, system: B}}", f.display())).unwrap();
        assert_eq!(b.lookup("c1", Budget::words(100)).unwrap().text, "Other.");
        let err = built(&format!("{{path: {}}}", f.display())).unwrap_err();
        assert!(
            err.contains("several systems") && err.contains("A, B"),
            "{err}"
        );
        let err = built(&format!("{{path: {}, system: C}}", f.display())).unwrap_err();
        assert!(
            err.contains("system: C is not in") && err.contains("A, B"),
            "{err}"
        );
        let err = b.lookup("c2", Budget::words(100)).unwrap_err();
        assert!(
            err.contains("no summary for cluster `c2`") && err.contains("system `B`"),
            "{err}"
        );
        assert_eq!(a.unmatched_clusters(&["c1"]), Vec::<String>::new());
        assert_eq!(a.unmatched_clusters(&["c9"]), ["c1"]);
    }

    #[test]
    fn bad_lines_and_duplicates_name_file_and_line() {
        let d = temp("bad");
        let f = d.join("s.jsonl");
        std::fs::write(
            &f,
            "{\"cluster\": \"c1\", \"summary\": \"x\"}\n{\"cluster\": \"c2\"}\n",
        )
        .unwrap();
        let err = built(&format!("{{path: {}}}", f.display())).unwrap_err();
        assert!(
            err.starts_with(&format!("{}:2: column", f.display())),
            "{err}"
        );
        assert!(err.contains("summary"), "{err}");
        std::fs::write(&f, "{\"cluster\": \"c1\", \"summary\": \"x\"}\n{\"cluster\": \"c1\", \"summary\": \"y\"}\n").unwrap();
        let err = built(&format!("{{path: {}}}", f.display())).unwrap_err();
        assert!(
            err.contains(":2: a second summary for cluster `c1`") && err.contains("line 1"),
            "{err}"
        );
        std::fs::write(&f, "{\"cluster\": \"c1\", \"system\": \"A\", \"summary\": \"x\"}\n{\"cluster\": \"c2\", \"summary\": \"y\"}\n").unwrap();
        let err = built(&format!("{{path: {}}}", f.display())).unwrap_err();
        assert!(err.contains(":2: no `system`"), "{err}");
        let err = built(&format!("{{path: {}}}", d.join("missing.jsonl").display())).unwrap_err();
        assert!(
            err.starts_with("path: ") && err.contains("missing.jsonl"),
            "{err}"
        );
        let err = built("{}").unwrap_err();
        assert!(err.starts_with("path: required"), "{err}");
    }

    #[test]
    fn duc_folder_matches_docset_keys_and_picks_the_system() {
        let d = temp("duc");
        std::fs::write(
            d.join("D90001.M.100.T.7"),
            "First line.\n  Second line.  \n",
        )
        .unwrap();
        std::fs::write(
            d.join("D90002.M.100.T.7"),
            "<DOC>\n<TEXT>\n<P>Wrapped\ntext.</P>\n</TEXT>\n</DOC>\n",
        )
        .unwrap();
        std::fs::write(d.join("D90001.M.100.T.9"), "Another system.").unwrap();
        let s = built(&format!("{{path: {}, system: '7'}}", d.display())).unwrap();
        assert_eq!(
            s.lookup("d90001t", Budget::words(100)).unwrap().text,
            "First line.\nSecond line."
        );
        assert_eq!(
            s.lookup("d90002t", Budget::words(100)).unwrap().text,
            "Wrapped text."
        );
        assert_eq!(s.unmatched_clusters(&["d90001t"]), ["D90002"]);
        let err = built(&format!("{{path: {}}}", d.display())).unwrap_err();
        assert!(
            err.contains("several systems") && err.contains("7, 9"),
            "{err}"
        );
        std::fs::write(d.join("notes.txt"), "x").unwrap();
        let err = built(&format!("{{path: {}, system: '7'}}", d.display())).unwrap_err();
        assert!(err.contains("notes.txt: not a peer summary name"), "{err}");
    }

    #[test]
    fn budget_kept_by_default_and_noted_or_cut_on_request() {
        let d = temp("budget");
        let f = d.join("s.jsonl");
        std::fs::write(
            &f,
            "{\"cluster\": \"c\", \"summary\": \"one two three\\nfour five\"}\n",
        )
        .unwrap();
        let kept = built(&format!("{{path: {}}}", f.display())).unwrap();
        let s = kept.lookup("c", Budget::words(4)).unwrap();
        assert_eq!(s.text, "one two three\nfour five");
        assert_eq!(
            s.diagnostics.unwrap(),
            serde_json::json!({"over_budget": {"unit": "words", "limit": 4, "length": 5}})
        );
        let cut = built(&format!("{{path: {}, truncate: true}}", f.display())).unwrap();
        assert_eq!(
            cut.lookup("c", Budget::words(4)).unwrap().text,
            "one two three\nfour"
        );
        assert_eq!(cut.lookup("c", Budget::bytes(9)).unwrap().text, "one two t");
        assert_eq!(
            cut.lookup("c", Budget::sentences(1)).unwrap().text,
            "one two three"
        );
    }
}

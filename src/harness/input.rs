//! A run's input, read twice. The first read checks every cluster before any summarizer
//! runs (references, precomputed summaries, limits) and keeps only each cluster's id and
//! size, an [`Outline`]; the run then reads the clusters again, a chunk at a time (see
//! [`Reread`]). So a run holds one chunk of clusters at a time, not its datasets: its
//! peak memory no longer grows with their size (docs/performance.md, "Large runs").
//!
//! The second read must give the clusters the first one checked: each is compared with
//! its outline (id and bytes), and a file changed in between ends the run with an error
//! naming the dataset and the cluster, rather than running unchecked input.
use crate::config::{Config, DatasetConfig, DatasetFormat};
use crate::corpus::{self, Cluster, Outline, Shape};
use crate::report::warnings::Warning;
use crate::rouge::Scorer;
use crate::summarize::registry::System;
use crate::text::Pipeline;
use crate::util::{capture_lossy, LossyDecoding};
use crate::{Error, Result};
use rayon::prelude::*;

/// Clusters read and checked together: enough to keep every worker busy counting the
/// sentences of large clusters, few enough to keep memory flat.
const CHECK_CHUNK: usize = 64;

/// A dataset's clusters, one at a time.
pub(crate) type Clusters = Box<dyn Iterator<Item = Result<Cluster>>>;

/// One configured dataset's clusters, read one at a time (only the first `limit:`).
pub(crate) fn open(d: &DatasetConfig) -> Result<Clusters> {
    let clusters: Clusters = match d.format {
        DatasetFormat::Dir => {
            let refs = d.references.as_ref().and_then(|r| r.folder());
            Box::new(corpus::dir::stream(&d.path, refs)?)
        }
        DatasetFormat::Jsonl => Box::new(corpus::jsonl::stream(&d.path)?),
        DatasetFormat::Duc => Box::new(corpus::duc::stream(&d.path, d.models.as_deref())?),
        DatasetFormat::Multinews => {
            let summaries = d.summaries.as_deref().ok_or_else(|| {
                Error::Usage(format!(
                    "dataset {}: format multinews needs `summaries: FILE`",
                    d.name
                ))
            })?;
            Box::new(corpus::multinews::stream(&d.path, summaries)?)
        }
        DatasetFormat::Wcep => Box::new(corpus::wcep::stream(&d.path)?),
    };
    Ok(match d.limit {
        Some(limit) => Box::new(clusters.take(limit)),
        None => clusters,
    })
}

/// One configured dataset's outline, its paths checked first: what `sumbench plan`
/// needs, read without keeping the clusters.
pub(crate) fn outline(d: &DatasetConfig, index: usize, origin: &str) -> Result<Outline> {
    d.check(index, origin)?;
    Ok(Outline {
        name: d.name.clone(),
        clusters: open(d)?
            .map(|c| c.map(|c| Shape::of(&c)))
            .collect::<Result<_>>()?,
    })
}

/// What the checks of a run's input need: the config, its systems, the text pipeline,
/// and the scorer when the run scores.
pub(super) struct Checks<'c> {
    pub config: &'c Config,
    pub systems: &'c [System],
    pub pipeline: &'c Pipeline,
    pub scorer: Option<&'c Scorer>,
}

/// The datasets to run, checked: their outlines, their indices in the config and their
/// loading warnings.
pub(super) struct Inputs {
    pub outlines: Vec<Outline>,
    pub indices: Vec<usize>,
    pub warnings: Vec<Vec<Warning>>,
}

/// What reading one dataset found, checked once every dataset has been read (so the
/// errors come in the order of the checks, not of the files).
struct Findings {
    index: usize,
    outline: Outline,
    lossy: Vec<LossyDecoding>,
    /// Clusters without references, and the first few of their ids.
    unreferenced: (usize, Vec<String>),
    article: Option<String>,
    reference: Option<String>,
    /// Clusters over the sentence limit, and the first one's id and count.
    sentences: (usize, Option<(String, usize)>),
}

/// What the checks found in one cluster.
struct Found {
    article: Option<String>,
    reference: Option<String>,
    sentences: Option<usize>,
}

impl Checks<'_> {
    /// Reads the datasets to run (only `only`, when given), one cluster at a time,
    /// gathering their lossy decodings as warnings, and checks them against the config
    /// before any summarizer runs.
    pub(super) fn load(&self, only: Option<&str>) -> Result<Inputs> {
        let config = self.config;
        if let Some(name) = only {
            check_dataset_name(config, name)?;
        }
        let mut found = Vec::new();
        for (i, d) in config.datasets.iter().enumerate() {
            if only.is_none_or(|n| d.name == n) {
                d.check(i, &config.origin)?;
                found.push(self.read(i, d)?);
            }
        }
        if self.scorer.is_some() {
            check_references(config, &found)?;
        }
        let outlines: Vec<&Outline> = found.iter().map(|f| &f.outline).collect();
        check_precomputed(config, self.systems, &outlines)?;
        for f in &found {
            self.check_limits(f)?;
        }
        let mut inputs = Inputs {
            outlines: Vec::with_capacity(found.len()),
            indices: Vec::with_capacity(found.len()),
            warnings: Vec::with_capacity(found.len()),
        };
        for f in found {
            inputs.warnings.push(lossy_warnings(&f.outline, &f.lossy));
            inputs.indices.push(f.index);
            inputs.outlines.push(f.outline);
        }
        Ok(inputs)
    }

    /// Reads dataset `d` (index `i` in the config) chunk by chunk, checking each chunk's
    /// clusters in parallel and keeping only what the checks found.
    fn read(&self, i: usize, d: &DatasetConfig) -> Result<Findings> {
        let (clusters, lossy) = capture_lossy(|| open(d));
        let mut clusters = clusters?;
        let mut f = Findings {
            index: i,
            outline: Outline {
                name: d.name.clone(),
                clusters: Vec::new(),
            },
            lossy,
            unreferenced: (0, Vec::new()),
            article: None,
            reference: None,
            sentences: (0, None),
        };
        let mut ended = false;
        while !ended {
            let mut chunk = Vec::with_capacity(CHECK_CHUNK);
            while chunk.len() < CHECK_CHUNK {
                let (next, lossy) = capture_lossy(|| clusters.next());
                f.lossy.extend(lossy);
                match next {
                    Some(cluster) => chunk.push(cluster?),
                    None => {
                        ended = true;
                        break;
                    }
                }
            }
            let found: Vec<Found> = chunk.par_iter().map(|c| self.check(d, c)).collect();
            for (c, found) in chunk.iter().zip(found) {
                f.add(c, found);
            }
        }
        Ok(f)
    }

    /// The limits' findings on one cluster of `d`.
    fn check(&self, d: &DatasetConfig, c: &Cluster) -> Found {
        let limits = &self.config.limits;
        let article = limits
            .check_cluster_articles(c, |c, doc| match d.format {
                DatasetFormat::Dir => {
                    format!(
                        "{}",
                        d.path.join(&c.id).join(format!("{doc}.txt")).display()
                    )
                }
                _ => format!("cluster {}, document {doc}", c.id),
            })
            .err();
        let reference = self.scorer.and_then(|scorer| {
            c.refs.iter().find_map(|r| {
                let e = scorer.check_len(&r.text, limits.max_rouge_tokens).err()?;
                Some(format!(
                    "cluster {}: reference {} has {e} (limits.max_rouge_tokens; \
                     ROUGE's LCS needs memory quadratic in a text's tokens); \
                     raise it in the config (`limits: {{max_rouge_tokens: N}}`)",
                    c.id, r.id
                ))
            })
        });
        Found {
            article,
            reference,
            sentences: limits.cluster_sentences_over(c, self.pipeline),
        }
    }

    /// Refuses a dataset with an article or a cluster over the config's `limits:`,
    /// naming the dataset, the cluster (and for `dir` datasets the file), the limit and
    /// how to raise it; when scoring, reference summaries over `limits.max_rouge_tokens`
    /// too. So an oversized input costs seconds, not a run that ends out of memory.
    fn check_limits(&self, f: &Findings) -> Result<()> {
        let err = |message: &str| Error::Config {
            path: self.config.origin.clone(),
            message: format!("datasets[{}] ({}): {message}", f.index, f.outline.name),
        };
        if let Some(message) = f.article.as_ref().or(f.reference.as_ref()) {
            return Err(err(message));
        }
        match &f.sentences {
            (over, Some((id, n))) => Err(err(&self.config.limits.sentences_message(
                id,
                *n,
                (*over, &f.outline.name),
            ))),
            _ => Ok(()),
        }
    }
}

impl Findings {
    /// Adds cluster `c` and what the checks found in it.
    fn add(&mut self, c: &Cluster, found: Found) {
        self.outline.clusters.push(Shape::of(c));
        if c.refs.is_empty() {
            self.unreferenced.0 += 1;
            if self.unreferenced.1.len() < 5 {
                self.unreferenced.1.push(c.id.clone());
            }
        }
        if self.article.is_none() {
            self.article = found.article;
        }
        if self.reference.is_none() {
            self.reference = found.reference;
        }
        if let Some(n) = found.sentences {
            self.sentences.0 += 1;
            self.sentences.1.get_or_insert_with(|| (c.id.clone(), n));
        }
    }
}

/// Refuses a `--dataset` name that is not in the config, listing the configured ones.
fn check_dataset_name(config: &Config, name: &str) -> Result<()> {
    if config.datasets.iter().any(|d| d.name == name) {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "--dataset {name}: no such dataset in {}; configured: {}",
        config.origin,
        config
            .datasets
            .iter()
            .map(|d| d.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    )))
}

/// The `lossy-decoding` warnings of one dataset's files, in reading order. A file in a
/// folder named after one of the dataset's clusters (the `dir` layout) is attributed to
/// that cluster; files holding many clusters (JSON Lines, say) to the dataset only.
fn lossy_warnings(outline: &Outline, decodings: &[LossyDecoding]) -> Vec<Warning> {
    decodings
        .iter()
        .map(|l| {
            let folder = l
                .path
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy());
            let cluster = outline
                .clusters
                .iter()
                .find(|c| folder.as_deref() == Some(c.id.as_str()))
                .map(|c| c.id.clone());
            Warning::lossy(&outline.name, cluster, l)
        })
        .collect()
}

/// Refuses a run in which a scored dataset has clusters without references: they would
/// score zero and quietly lower every average.
fn check_references(config: &Config, found: &[Findings]) -> Result<()> {
    for f in found {
        let dc = &config.datasets[f.index];
        let (missing, shown) = &f.unreferenced;
        let Some(first) = shown.first().filter(|_| !dc.unscored()) else {
            continue;
        };
        let place = match dc.references.as_ref().and_then(|r| r.folder()) {
            Some(folder) => format!(
                "expected reference summaries in {}",
                folder.join(first).join("*.txt").display()
            ),
            None if dc.format == DatasetFormat::Dir => {
                "no `references:` folder is configured".to_string()
            }
            None => format!("the {} file gives none", dc.format.name()),
        };
        return Err(Error::Config {
            path: config.origin.clone(),
            message: format!(
                "datasets ({}): {missing} of {} clusters have no references ({}{}); {place}. \
                 Write `references: none` on the dataset for a summarize-only run",
                f.outline.name,
                f.outline.clusters.len(),
                shown.join(", "),
                if *missing > shown.len() { ", ..." } else { "" }
            ),
        });
    }
    Ok(())
}

/// Refuses a run in which a system reading summaries written elsewhere (`summaries`)
/// holds summaries for clusters of none of the run's datasets: a wrong file or a
/// misspelt id would otherwise leave every cluster without a summary. Skipped when a
/// dataset has `limit:`, which leaves clusters out on purpose. Clusters without a summary
/// are not refused here: each fails its unit, so the table and results show them.
fn check_precomputed(config: &Config, systems: &[System], outlines: &[&Outline]) -> Result<()> {
    if config.datasets.iter().any(|d| d.limit.is_some()) {
        return Ok(());
    }
    let ids: Vec<&str> = outlines
        .iter()
        .flat_map(|d| d.clusters.iter().map(|c| c.id.as_str()))
        .collect();
    for s in systems {
        let unmatched = s.summarizer.unmatched_clusters(&ids);
        if unmatched.is_empty() {
            continue;
        }
        let shown: Vec<&str> = unmatched.iter().take(5).map(String::as_str).collect();
        return Err(Error::Config {
            path: config.origin.clone(),
            message: format!(
                "summarizers ({}): {} has summaries for {} clusters in none of the run's datasets ({}{}); \
                 expected cluster ids such as {}",
                s.name,
                s.summarizer.source().unwrap_or_default(),
                unmatched.len(),
                shown.join(", "),
                if unmatched.len() > shown.len() { ", ..." } else { "" },
                ids.iter().take(3).copied().collect::<Vec<_>>().join(", ")
            ),
        });
    }
    Ok(())
}

/// Reads a dataset's clusters again for the run, checking each against the outline the
/// first read made.
pub(super) struct Reread<'o> {
    clusters: Clusters,
    path: std::path::PathBuf,
    outline: &'o Outline,
    next: usize,
}

impl<'o> Reread<'o> {
    /// Opens dataset `d`, whose first read gave `outline`.
    pub(super) fn open(d: &DatasetConfig, outline: &'o Outline) -> Result<Self> {
        // Lossy decodings were reported by the first read; the same ones again are noise.
        let (clusters, _) = capture_lossy(|| open(d));
        Ok(Reread {
            clusters: clusters?,
            path: d.path.clone(),
            outline,
            next: 0,
        })
    }

    /// The next cluster and its index, or an error if it is not the one the first read
    /// checked (the file changed since).
    pub(super) fn next_cluster(&mut self) -> Result<Option<(usize, Cluster)>> {
        let (next, _) = capture_lossy(|| self.clusters.next());
        let index = self.next;
        let expected = self.outline.clusters.get(index);
        let changed = |what: String| {
            Error::input(
                &self.path,
                None,
                format!(
                    "dataset {}: {what} since the run checked it; expected input that does \
                     not change during the run",
                    self.outline.name
                ),
            )
        };
        match (next.transpose()?, expected) {
            (None, None) => Ok(None),
            (Some(c), Some(shape)) if Shape::of(&c) == *shape => {
                self.next += 1;
                Ok(Some((index, c)))
            }
            (Some(c), Some(shape)) => Err(changed(format!(
                "cluster {} (number {}) is not the cluster {} of {} bytes it was",
                c.id,
                index + 1,
                shape.id,
                shape.bytes
            ))),
            (Some(_), None) => Err(changed(format!(
                "has more than its {} clusters",
                self.outline.clusters.len()
            ))),
            (None, Some(_)) => Err(changed(format!(
                "ends after {index} of its {} clusters",
                self.outline.clusters.len()
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = r#"{"id":"a","docs":[{"id":"1","text":"First article."}],"refs":[{"id":"A","text":"Ref."}]}"#;
    const B: &str = r#"{"id":"b","docs":[{"id":"1","text":"Second article."}],"refs":[{"id":"A","text":"Ref."}]}"#;

    /// A JSON Lines dataset holding `lines`, and its config.
    fn dataset(name: &str, lines: &[&str]) -> (std::path::PathBuf, Config) {
        let dir =
            std::env::temp_dir().join(format!("sumbench-input-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("d.jsonl");
        std::fs::write(&path, lines.join("\n")).unwrap();
        let yaml = format!(
            "name: t\ndatasets: [{{name: d, format: jsonl, path: {}}}]\nsummarizers: [{{type: lead}}]\nbudget: {{unit: words, limit: 50}}\nrouge: {{mode: rouge-score}}\n",
            path.display()
        );
        (path, Config::parse(&yaml, "t.yaml").unwrap())
    }

    fn reread_all(d: &DatasetConfig, outline: &Outline) -> Result<Vec<String>> {
        let mut reread = Reread::open(d, outline)?;
        let mut ids = Vec::new();
        while let Some((i, c)) = reread.next_cluster()? {
            assert_eq!(i, ids.len());
            ids.push(c.id);
        }
        Ok(ids)
    }

    #[test]
    fn the_second_read_gives_the_checked_clusters_or_an_error_naming_the_change() {
        let (path, config) = dataset("changed", &[A, B]);
        let d = &config.datasets[0];
        let outline = outline(d, 0, "t.yaml").unwrap();
        assert_eq!(outline.clusters.len(), 2);
        assert_eq!(reread_all(d, &outline).unwrap(), ["a", "b"]);

        let changed = A.replace("First", "The first");
        std::fs::write(&path, [changed.as_str(), B].join("\n")).unwrap();
        let err = reread_all(d, &outline).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "{}: dataset d: cluster a (number 1) is not the cluster a of 14 bytes it was \
                 since the run checked it; expected input that does not change during the run",
                path.display()
            )
        );
        std::fs::write(&path, A).unwrap();
        let err = reread_all(d, &outline).unwrap_err().to_string();
        assert!(
            err.contains("dataset d: ends after 1 of its 2 clusters since"),
            "{err}"
        );
        std::fs::write(&path, [A, B, &B.replace("\"b\"", "\"c\"")].join("\n")).unwrap();
        let err = reread_all(d, &outline).unwrap_err().to_string();
        assert!(
            err.contains("dataset d: has more than its 2 clusters since"),
            "{err}"
        );
        let _ = std::fs::remove_dir_all(path.parent().unwrap());
    }
}

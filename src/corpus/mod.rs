//! Clusters of source articles and their reference summaries, loaded from disk.
//!
//! A [`Cluster`] is the unit of evaluation: several documents reporting one event plus
//! the human references a summary of them is scored against. Loaders for each on-disk
//! format live in their own file and all produce the same types, so nothing downstream
//! knows where a cluster came from.
use serde::{Deserialize, Serialize};

pub(crate) mod date;
pub mod dir;
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
// used by the fuzz targets (fuzz/src/lib.rs, tests/properties.rs); not part of the API (src/lib.rs)
pub mod duc;
pub mod jsonl;
pub(crate) mod lines;
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
// used by the fuzz targets (fuzz/src/lib.rs, tests/properties.rs); not part of the API (src/lib.rs)
pub mod multinews;
#[cfg_attr(not(sumbench_all_docs), doc(hidden))]
// used by the fuzz targets (fuzz/src/lib.rs, tests/properties.rs); not part of the API (src/lib.rs)
pub mod wcep;

/// One source article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Identifier, unique within the cluster (file stem or dataset id).
    pub id: String,
    /// Headline, when known.
    #[serde(default)]
    pub title: Option<String>,
    /// Publication date as given (ISO 8601 preferred); used for chronological order and
    /// for the "most recent document" lead baseline.
    #[serde(default)]
    pub date: Option<String>,
    /// Outlet or source name, when known.
    #[serde(default)]
    pub source: Option<String>,
    /// Raw article text, boilerplate and all.
    pub text: String,
}

impl Document {
    /// A document with only an id and its text (no title, date or source), as tests and
    /// programs that build clusters in memory need.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            title: None,
            date: None,
            source: None,
            text: text.into(),
        }
    }
}

/// One human-written reference summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// Identifier (file stem or assessor letter).
    pub id: String,
    /// The summary text; newlines separate sentences where the source marks them.
    pub text: String,
}

/// A set of documents on one event, with its references.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// Identifier, unique within a dataset.
    pub id: String,
    /// Optional human-readable title.
    #[serde(default)]
    pub title: Option<String>,
    /// The source documents, in the order the loader found them (sorted by id for folders).
    pub docs: Vec<Document>,
    /// Reference summaries; may be empty when only summarizing.
    #[serde(default)]
    pub refs: Vec<Reference>,
}

/// A named collection of clusters, as configured in a run.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The dataset's name in reports.
    pub name: String,
    /// Its clusters, in a stable order.
    pub clusters: Vec<Cluster>,
}

/// A dataset as a run keeps it between checking its clusters and running them: the
/// clusters themselves are read again, a chunk at a time, so only their ids and sizes
/// stay in memory for the whole run.
#[cfg_attr(not(sumbench_all_docs), doc(hidden))] // the shard hook's argument (src/lib.rs)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// The dataset's name in reports.
    pub name: String,
    /// Each cluster's id and size, in the dataset's order.
    pub clusters: Vec<Shape>,
}

/// What a run keeps of one cluster of an [`Outline`].
#[cfg_attr(not(sumbench_all_docs), doc(hidden))] // the shard hook's argument (src/lib.rs)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// The cluster's id.
    pub id: String,
    /// Bytes of its articles' text: what the shard cost model reads, and what tells a
    /// second read of the cluster from a changed file.
    pub bytes: u64,
}

impl Shape {
    /// The shape of `cluster`.
    pub fn of(cluster: &Cluster) -> Self {
        Shape {
            id: cluster.id.clone(),
            bytes: cluster.docs.iter().map(|d| d.text.len() as u64).sum(),
        }
    }
}

/// Fails with a message naming `origin` when a cluster cannot be summarized at all.
pub(crate) fn validate(cluster: &Cluster, origin: &std::path::Path) -> crate::Result<()> {
    if cluster.docs.is_empty() {
        return Err(crate::Error::input(
            origin,
            None,
            format!(
                "cluster {:?} has no documents; expected at least one article",
                cluster.id
            ),
        ));
    }
    Ok(())
}

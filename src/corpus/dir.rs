//! Clusters stored as folders: `corpus/<cluster-id>/*.txt`, one article per file, with an
//! optional `cluster.yaml`, and references in `references/<cluster-id>/*.txt`.
//!
//! Non-UTF-8 articles are decoded lossily with a warning naming the file, because scraped
//! text often carries a stray Latin-1 byte and refusing the whole cluster helps nobody.
use super::{validate, Cluster, Document, Reference};
use crate::{Error, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Optional per-cluster metadata in `cluster.yaml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterMeta {
    /// Human-readable title of the cluster.
    #[serde(default)]
    pub title: Option<String>,
    /// Per-document metadata keyed by file stem.
    #[serde(default)]
    pub docs: BTreeMap<String, DocMeta>,
}

/// Metadata for one article file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocMeta {
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Publication date (ISO 8601).
    #[serde(default)]
    pub date: Option<String>,
    /// Outlet name.
    #[serde(default)]
    pub source: Option<String>,
}

/// Reads a text file with the one input policy of [`crate::util::decode_text`]: binary
/// files refused, a byte-order mark dropped, invalid UTF-8 decoded lossily and reported
/// with [`crate::util::report_lossy`] (gathered into a run's warnings, else on stderr).
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (text, lossy) = crate::util::decode_text(bytes, path)?;
    if let Some(lossy) = lossy {
        crate::util::report_lossy(lossy);
    }
    Ok(text)
}

/// Lists the `*.txt` files of a folder, sorted by name so loading is deterministic.
fn txt_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.is_file() && path.extension().is_some_and(|x| x == "txt") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Loads one cluster folder, and its references from `refs_dir` when that folder exists.
pub fn load_cluster(dir: &Path, refs_dir: Option<&Path>) -> Result<Cluster> {
    if !dir.is_dir() {
        return Err(Error::input(
            dir,
            None,
            "expected a folder of *.txt articles",
        ));
    }
    let id = dir
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string());
    let meta_path = dir.join("cluster.yaml");
    let meta: ClusterMeta = if meta_path.is_file() {
        let text = read_text(&meta_path)?;
        serde_yaml::from_str(&text).map_err(|e| Error::input(&meta_path, None, e.to_string()))?
    } else {
        ClusterMeta::default()
    };
    let files = txt_files(dir)?;
    if files.is_empty() {
        return Err(Error::input(
            dir,
            None,
            "no *.txt articles in this cluster folder",
        ));
    }
    for key in meta.docs.keys() {
        if !files.iter().any(|f| &stem(f) == key) {
            return Err(Error::input(
                &meta_path,
                None,
                format!("docs.{key}: no article {key}.txt in {}", dir.display()),
            ));
        }
    }
    let mut docs = Vec::with_capacity(files.len());
    for file in &files {
        let text = read_text(file)?;
        if text.trim().is_empty() {
            return Err(Error::input(file, None, "article is empty; expected text"));
        }
        let doc_id = stem(file);
        let m = meta.docs.get(&doc_id);
        docs.push(Document {
            title: m.and_then(|m| m.title.clone()),
            date: m.and_then(|m| m.date.clone()),
            source: m.and_then(|m| m.source.clone()),
            id: doc_id,
            text,
        });
    }
    let mut refs = Vec::new();
    if let Some(rd) = refs_dir.filter(|d| d.is_dir()) {
        for file in txt_files(rd)? {
            let text = read_text(&file)?;
            if text.trim().is_empty() {
                return Err(Error::input(&file, None, "reference summary is empty"));
            }
            refs.push(Reference {
                id: stem(&file),
                text,
            });
        }
    }
    let mut cluster = Cluster {
        id,
        title: meta.title,
        docs,
        refs,
    };
    validate(&cluster, dir)?;
    super::date::normalize_cluster(&mut cluster)
        .map_err(|e| Error::input(&meta_path, None, format!("docs.*.date: {e}")))?;
    Ok(cluster)
}

/// Loads every cluster folder under `corpus`, with references from `references/<id>/`.
/// Folders holding a `clusters.jsonl` are bundled JSON Lines datasets and are skipped.
pub fn load_corpus(corpus: &Path, references: Option<&Path>) -> Result<Vec<Cluster>> {
    stream(corpus, references)?.collect()
}

/// Reads the cluster folders under `corpus` one at a time (see [`load_corpus`]): the
/// folders are listed first, each cluster is read when its turn comes.
pub fn stream(
    corpus: &Path,
    references: Option<&Path>,
) -> Result<impl Iterator<Item = Result<Cluster>>> {
    let entries = std::fs::read_dir(corpus).map_err(|e| Error::io(corpus, e))?;
    let mut dirs = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(corpus, e))?.path();
        // A folder holding `clusters.jsonl` is a bundled dataset in JSON Lines (such as
        // corpus/multiling2011-en), not a cluster of articles.
        if path.is_dir() && !path.join("clusters.jsonl").is_file() {
            dirs.push(path);
        }
    }
    dirs.sort();
    if dirs.is_empty() {
        return Err(Error::input(
            corpus,
            None,
            "no cluster folders found; expected corpus/<cluster-id>/*.txt",
        ));
    }
    let references = references.map(Path::to_owned);
    Ok(dirs.into_iter().map(move |d| {
        let refs = references
            .as_ref()
            .map(|r| r.join(d.file_name().unwrap_or_default()));
        load_cluster(&d, refs.as_deref())
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("sumbench-dir-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn loads_articles_sorted_with_metadata_and_refs() {
        let root = tmp("ok");
        let c = root.join("corpus/c1");
        std::fs::create_dir_all(&c).unwrap();
        std::fs::write(c.join("b.txt"), "Second. Text.").unwrap();
        std::fs::write(c.join("a.txt"), "First text.").unwrap();
        std::fs::write(
            c.join("cluster.yaml"),
            "title: T\ndocs:\n  a: {date: 2022-01-02}\n",
        )
        .unwrap();
        let r = root.join("references/c1");
        std::fs::create_dir_all(&r).unwrap();
        std::fs::write(r.join("A.txt"), "A reference.").unwrap();
        let clusters = load_corpus(&root.join("corpus"), Some(&root.join("references"))).unwrap();
        assert_eq!(clusters.len(), 1);
        let cl = &clusters[0];
        assert_eq!(cl.title.as_deref(), Some("T"));
        assert_eq!(
            cl.docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(cl.docs[0].date.as_deref(), Some("2022-01-02"));
        assert_eq!(cl.refs.len(), 1);
    }

    #[test]
    fn bundled_jsonl_dataset_folder_is_not_a_cluster() {
        let root = tmp("bundled");
        std::fs::create_dir_all(root.join("c1")).unwrap();
        std::fs::write(root.join("c1/a.txt"), "Text.").unwrap();
        std::fs::create_dir_all(root.join("multiling")).unwrap();
        std::fs::write(root.join("multiling/clusters.jsonl"), "{}").unwrap();
        let clusters = load_corpus(&root, None).unwrap();
        let ids: Vec<&str> = clusters.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c1"]);
    }

    #[test]
    fn empty_article_and_empty_folder_are_errors_naming_the_path() {
        let root = tmp("bad");
        let c = root.join("c1");
        std::fs::create_dir_all(&c).unwrap();
        let err = load_cluster(&c, None).unwrap_err().to_string();
        assert!(err.contains("c1") && err.contains("no *.txt"), "{err}");
        std::fs::write(c.join("a.txt"), "  \n").unwrap();
        let err = load_cluster(&c, None).unwrap_err().to_string();
        assert!(err.contains("a.txt") && err.contains("empty"), "{err}");
    }

    #[test]
    fn misspelt_metadata_key_is_an_error() {
        let root = tmp("meta");
        std::fs::write(root.join("a.txt"), "Text.").unwrap();
        std::fs::write(root.join("cluster.yaml"), "titel: x\n").unwrap();
        let err = load_cluster(&root, None).unwrap_err().to_string();
        assert!(
            err.contains("cluster.yaml") && err.contains("titel"),
            "{err}"
        );
    }

    #[test]
    fn invalid_utf8_is_decoded_lossily() {
        let root = tmp("utf8");
        std::fs::write(root.join("a.txt"), b"Caf\xe9 text.").unwrap();
        let c = load_cluster(&root, None).unwrap();
        assert!(c.docs[0].text.starts_with("Caf\u{fffd}"));
    }
}

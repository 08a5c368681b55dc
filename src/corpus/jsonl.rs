//! JSON Lines datasets, one cluster per line:
//! `{"id", "docs": [{"id", "title", "date", "text"}], "refs": [{"id", "text"}]}`.
//!
//! This is the format of the bundled and shared datasets. Errors carry the line number,
//! because a 50-cluster file with one bad line should point straight at it.
use super::lines::{self, Lines};
use super::{validate, Cluster};
use crate::{Error, Result};
use std::io::BufRead;
use std::path::Path;

/// Parses a JSON Lines dataset held in memory; `path` is only used in error messages.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Cluster>> {
    clusters(lines::of_text(text, path)).collect()
}

/// Loads a JSON Lines dataset file.
pub fn load(path: &Path) -> Result<Vec<Cluster>> {
    stream(path)?.collect()
}

/// Reads a JSON Lines dataset file one cluster at a time, holding one line in memory.
pub fn stream(path: &Path) -> Result<impl Iterator<Item = Result<Cluster>>> {
    Ok(clusters(lines::open(path)?))
}

fn clusters<R: BufRead>(lines: Lines<R>) -> impl Iterator<Item = Result<Cluster>> {
    let path = lines.path().to_owned();
    let mut seen = std::collections::BTreeSet::new();
    let empty = "no clusters; expected one JSON object per line";
    lines::clusters(lines, empty, move |i, line| {
        let mut cluster: Cluster = serde_json::from_str(line).map_err(|e| {
            Error::input(
                &path,
                Some(i),
                format!("expected a cluster object {{\"id\", \"docs\", \"refs\"}}: {e}"),
            )
        })?;
        validate(&cluster, &path).map_err(|_| {
            Error::input(
                &path,
                Some(i),
                format!("cluster {:?} has no documents", cluster.id),
            )
        })?;
        super::date::normalize_cluster(&mut cluster)
            .map_err(|e| Error::input(&path, Some(i), e))?;
        if let Some(d) = cluster.docs.iter().position(|d| d.text.trim().is_empty()) {
            return Err(Error::input(
                &path,
                Some(i),
                format!("cluster {:?}: docs[{d}].text is empty", cluster.id),
            ));
        }
        if !seen.insert(cluster.id.clone()) {
            return Err(Error::input(
                &path,
                Some(i),
                format!("duplicate cluster id {:?}", cluster.id),
            ));
        }
        Ok(cluster)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_clusters_and_reports_bad_line_number() {
        let ok = r#"{"id":"c1","docs":[{"id":"d1","title":null,"date":"2004-01-01","text":"Hello world."}],"refs":[{"id":"A","text":"Hi."}]}"#;
        let clusters = parse(ok, Path::new("x.jsonl")).unwrap();
        assert_eq!(clusters[0].docs[0].date.as_deref(), Some("2004-01-01"));
        let bad = format!("{ok}\n{{\"id\": 3}}\n");
        let err = parse(&bad, Path::new("x.jsonl")).unwrap_err().to_string();
        assert!(err.starts_with("x.jsonl:2:"), "{err}");
    }

    #[test]
    fn empty_document_text_is_an_error() {
        let line = r#"{"id":"c1","docs":[{"id":"d1","text":"  "}],"refs":[]}"#;
        let err = parse(line, Path::new("x.jsonl")).unwrap_err().to_string();
        assert!(err.contains("docs[0].text is empty"), "{err}");
    }
}

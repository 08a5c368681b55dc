//! WCEP (Gholipour Ghalandari et al., ACL 2020) JSON Lines, one event per line:
//! `{"id", "date", "summary", "articles": [{"id", "title", "text", "time", ...}], ...}`
//! as written by the dataset repository's `combine_and_split.py` (github.com/complementizer/wcep-mds-dataset).
//!
//! Only the fields a summarizer needs are read and every other field is ignored, because
//! the release carries many (urls, origin, category, wiki links). The release is gzipped
//! (`test.jsonl.gz`): a gzipped file gets an error saying to decompress it. Articles with
//! empty text (the release has a few) are skipped rather than refused.
use super::lines::{self, Lines};
use super::{Cluster, Document, Reference};
use crate::{Error, Result};
use serde::Deserialize;
use std::io::BufRead;
use std::path::Path;

/// An id that the release writes as a string or a number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

impl Id {
    fn into_string(self) -> String {
        match self {
            Id::Text(s) => s,
            Id::Number(n) => n.to_string(),
        }
    }
}

#[derive(Deserialize)]
struct Article {
    #[serde(default)]
    id: Option<Id>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    time: Option<String>,
}

#[derive(Deserialize)]
struct Event {
    id: Id,
    summary: String,
    articles: Vec<Article>,
}

/// Parses WCEP JSON Lines held in memory; `path` names the file in errors.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Cluster>> {
    events(lines::of_text(text, path)).collect()
}

/// Loads a WCEP JSON Lines file (decompressed).
pub fn load(path: &Path) -> Result<Vec<Cluster>> {
    stream(path)?.collect()
}

/// Reads a WCEP JSON Lines file (decompressed) one event at a time, holding one line in
/// memory.
pub fn stream(path: &Path) -> Result<impl Iterator<Item = Result<Cluster>>> {
    let mut head = [0u8; 2];
    if let Ok(mut f) = std::fs::File::open(path) {
        use std::io::Read;
        if f.read_exact(&mut head).is_ok() && head == [0x1f, 0x8b] {
            return Err(Error::input(
                path,
                None,
                "gzip-compressed; decompress it first (gunzip -k FILE) and point `path` at the .jsonl",
            ));
        }
    }
    Ok(events(lines::open(path)?))
}

fn events<R: BufRead>(lines: Lines<R>) -> impl Iterator<Item = Result<Cluster>> {
    let path = lines.path().to_owned();
    let mut seen = std::collections::BTreeSet::new();
    let empty = "no events; expected one WCEP JSON object per line";
    lines::clusters(lines, empty, move |i, line| {
        let err = |message: String| Error::input(&path, Some(i), message);
        let event: Event = serde_json::from_str(line).map_err(|e| {
        err(format!(
            "expected a WCEP event {{\"id\", \"summary\", \"articles\": [{{\"title\", \"text\", \"time\"}}]}}: {e}"
        ))
    })?;
        let id = event.id.into_string();
        let mut docs = Vec::with_capacity(event.articles.len());
        for (k, a) in event.articles.into_iter().enumerate() {
            let text = match a.text {
                Some(t) if !t.trim().is_empty() => t,
                Some(_) => continue,
                None => {
                    return Err(err(format!(
                        "event {id:?}: articles[{k}].text: missing; expected the article text"
                    )))
                }
            };
            docs.push(Document {
                id: a.id.map_or_else(|| (k + 1).to_string(), Id::into_string),
                title: a.title.filter(|t| !t.trim().is_empty()),
                date: a.time.filter(|t| !t.trim().is_empty()),
                source: None,
                text,
            });
        }
        if docs.is_empty() {
            return Err(err(format!(
                "event {id:?}: articles: no article with text; expected at least one"
            )));
        }
        if event.summary.trim().is_empty() {
            return Err(err(format!("event {id:?}: summary: empty")));
        }
        if !seen.insert(id.clone()) {
            return Err(err(format!("duplicate event id {id:?}")));
        }
        let mut cluster = Cluster {
            id,
            title: None,
            docs,
            refs: vec![Reference {
                id: "A".into(),
                text: event.summary.trim().to_owned(),
            }],
        };
        super::date::normalize_cluster(&mut cluster).map_err(err)?;
        Ok(cluster)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURE: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/datasets/wcep/test.jsonl"
    );

    #[test]
    fn loads_fixture_events() {
        let clusters = load(Path::new(FIXTURE)).unwrap();
        assert_eq!(clusters.len(), 2);
        let c = &clusters[0];
        assert_eq!(c.id, "1001");
        assert_eq!(
            c.refs[0].text,
            "A volcano erupted on the island, forcing evacuations."
        );
        let docs: Vec<(&str, Option<&str>, Option<&str>)> = c
            .docs
            .iter()
            .map(|d| (d.id.as_str(), d.title.as_deref(), d.date.as_deref()))
            .collect();
        // The second article has empty text and is skipped; the third has no id.
        assert_eq!(
            docs,
            [
                ("cc-1", Some("Volcano erupts"), Some("2019-05-01 10:00:00")),
                ("3", None, None),
            ]
        );
        assert_eq!(clusters[1].id, "ev-2");
    }

    #[test]
    fn errors_name_line_and_field() {
        let ok = r#"{"id": 1, "summary": "S.", "articles": [{"text": "T."}]}"#;
        let bad = format!(
            "{ok}\n{{\"id\": 2, \"summary\": \"S.\", \"articles\": [{{\"title\": \"x\"}}]}}\n"
        );
        let err = parse(&bad, Path::new("w.jsonl")).unwrap_err().to_string();
        assert_eq!(
            err,
            "w.jsonl:2: event \"2\": articles[0].text: missing; expected the article text"
        );
        let bad = format!("\n{ok}\n{{\"id\": 3, \"articles\": []}}\n");
        let err = parse(&bad, Path::new("w.jsonl")).unwrap_err().to_string();
        assert!(
            err.starts_with("w.jsonl:3: expected a WCEP event") && err.contains("summary"),
            "{err}"
        );
        let dup = format!("{ok}\n{ok}\n");
        let err = parse(&dup, Path::new("w.jsonl")).unwrap_err().to_string();
        assert_eq!(err, "w.jsonl:2: duplicate event id \"1\"");
    }
}

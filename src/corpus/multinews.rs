//! Multi-News (Fabbri et al., ACL 2019) as distributed: a source file with one cluster
//! per line, its articles separated by `|||||`, and a parallel summaries file whose line
//! `i` summarizes line `i`. Cluster ids are the 1-based line numbers, the only stable
//! identifier the format has.
//!
//! The raw release encodes newlines as the token `NEWLINE_CHAR`; they become real line
//! breaks. Empty article slots (the release has some) are skipped rather than refused,
//! because refusing them would make the official test set unusable.
use super::dir::read_text;
use super::{Cluster, Document, Reference};
use crate::{Error, Result};
use std::path::Path;

/// The separator between the articles of one cluster.
pub const SEPARATOR: &str = "|||||";

fn restore_newlines(text: &str) -> String {
    text.replace("NEWLINE_CHAR", "\n")
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// Parses a source file and its summaries held in memory; the paths name them in errors.
pub fn parse(
    sources: &str,
    sources_path: &Path,
    summaries: &str,
    summaries_path: &Path,
) -> Result<Vec<Cluster>> {
    let src: Vec<&str> = sources.lines().collect();
    let sums: Vec<&str> = summaries.lines().collect();
    if src.len() != sums.len() {
        let short = if src.len() < sums.len() {
            sources_path
        } else {
            summaries_path
        };
        return Err(Error::input(
            short,
            None,
            format!(
                "{} has {} lines but {} has {}; expected one summary line per source line",
                sources_path.display(),
                src.len(),
                summaries_path.display(),
                sums.len()
            ),
        ));
    }
    let mut clusters = Vec::with_capacity(src.len());
    for (i, (line, summary)) in src.iter().zip(&sums).enumerate() {
        let id = (i + 1).to_string();
        let docs: Vec<Document> = line
            .split(SEPARATOR)
            .map(restore_newlines)
            .enumerate()
            .filter(|(_, text)| !text.is_empty())
            .map(|(k, text)| Document {
                id: (k + 1).to_string(),
                title: None,
                date: None,
                source: None,
                text,
            })
            .collect();
        if docs.is_empty() {
            return Err(Error::input(
                sources_path,
                Some(i + 1),
                format!("no article text; expected articles separated by `{SEPARATOR}`"),
            ));
        }
        // The release starts every summary with an en dash.
        let summary = restore_newlines(summary.trim_start().trim_start_matches('–'));
        if summary.is_empty() {
            return Err(Error::input(
                summaries_path,
                Some(i + 1),
                "empty summary; expected the reference summary of this line's cluster",
            ));
        }
        clusters.push(Cluster {
            id,
            title: None,
            docs,
            refs: vec![Reference {
                id: "A".into(),
                text: summary,
            }],
        });
    }
    if clusters.is_empty() {
        return Err(Error::input(
            sources_path,
            None,
            "no clusters; expected one cluster per line",
        ));
    }
    Ok(clusters)
}

/// Loads a Multi-News source file and its parallel summaries file.
pub fn load(sources: &Path, summaries: &Path) -> Result<Vec<Cluster>> {
    parse(
        &read_text(sources)?,
        sources,
        &read_text(summaries)?,
        summaries,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/datasets/multinews");

    #[test]
    fn loads_fixture_lines_as_clusters() {
        let root = Path::new(ROOT);
        let clusters = load(&root.join("test.src.txt"), &root.join("test.tgt.txt")).unwrap();
        assert_eq!(clusters.len(), 2);
        let c = &clusters[0];
        assert_eq!(c.id, "1");
        assert_eq!(c.docs.len(), 2);
        assert_eq!(
            c.docs[0].text,
            "The city council approved a new park on Monday.\nConstruction starts in May."
        );
        assert_eq!(c.docs[1].text, "Residents welcomed the park plan.");
        assert_eq!(
            c.refs[0].text,
            "The council approved a park; work starts in May."
        );
        // Line 2 has an empty article slot, which is skipped; ids keep the slot number.
        let c = &clusters[1];
        assert_eq!(c.id, "2");
        let ids: Vec<&str> = c.docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["1", "3"]);
    }

    #[test]
    fn line_count_mismatch_names_both_files() {
        let err = parse(
            "a ||||| b\nc\n",
            Path::new("s.txt"),
            "x\n",
            Path::new("t.txt"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("t.txt:") && err.contains("s.txt has 2 lines but t.txt has 1"),
            "{err}"
        );
    }

    #[test]
    fn empty_cluster_and_empty_summary_name_the_line() {
        let err = parse(
            "a\n ||||| \n",
            Path::new("s.txt"),
            "x\ny\n",
            Path::new("t.txt"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("s.txt:2: no article text"), "{err}");
        let err = parse("a\nb\n", Path::new("s.txt"), "x\n– \n", Path::new("t.txt"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("t.txt:2: empty summary"), "{err}");
    }
}

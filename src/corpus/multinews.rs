//! Multi-News (Fabbri et al., ACL 2019) as distributed: a source file with one cluster
//! per line, its articles separated by `|||||`, and a parallel summaries file whose line
//! `i` summarizes line `i`. Cluster ids are the 1-based line numbers, the only stable
//! identifier the format has.
//!
//! The raw release encodes newlines as the token `NEWLINE_CHAR`; they become real line
//! breaks. Empty article slots (the release has some) are skipped rather than refused,
//! because refusing them would make the official test set unusable.
use super::lines::{self, Lines};
use super::{Cluster, Document, Reference};
use crate::{Error, Result};
use std::io::BufRead;
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
    let counts = (sources.lines().count(), summaries.lines().count());
    pairs(
        lines::of_text(sources, sources_path),
        lines::of_text(summaries, summaries_path),
        counts,
    )?
    .collect()
}

/// Loads a Multi-News source file and its parallel summaries file.
pub fn load(sources: &Path, summaries: &Path) -> Result<Vec<Cluster>> {
    stream(sources, summaries)?.collect()
}

/// Reads a Multi-News source file and its parallel summaries file one cluster (one line
/// of each) at a time. Both files' lines are counted first, so files that do not pair up
/// are refused before any cluster is read.
pub fn stream(sources: &Path, summaries: &Path) -> Result<impl Iterator<Item = Result<Cluster>>> {
    let counts = (lines::count(sources)?, lines::count(summaries)?);
    pairs(lines::open(sources)?, lines::open(summaries)?, counts)
}

/// The clusters of paired lines, given both files' line counts.
fn pairs<S: BufRead, T: BufRead>(
    src: Lines<S>,
    sums: Lines<T>,
    (src_lines, sum_lines): (usize, usize),
) -> Result<impl Iterator<Item = Result<Cluster>>> {
    let (sources_path, summaries_path) = (src.path().to_owned(), sums.path().to_owned());
    if src_lines != sum_lines {
        let short = if src_lines < sum_lines {
            &sources_path
        } else {
            &summaries_path
        };
        return Err(Error::input(
            short,
            None,
            format!(
                "{} has {src_lines} lines but {} has {sum_lines}; expected one summary line per source line",
                sources_path.display(),
                summaries_path.display(),
            ),
        ));
    }
    if src_lines == 0 {
        return Err(Error::input(
            &sources_path,
            None,
            "no clusters; expected one cluster per line",
        ));
    }
    Ok(src.zip(sums).map(move |(line, summary)| {
        let ((n, line), (_, summary)) = (line?, summary?);
        let i = n - 1;
        cluster(i, &line, &summary, (&sources_path, &summaries_path))
    }))
}

/// The cluster of source line `i` (0-based) and its summary.
fn cluster(
    i: usize,
    line: &str,
    summary: &str,
    (sources_path, summaries_path): (&Path, &Path),
) -> Result<Cluster> {
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
    Ok(Cluster {
        id,
        title: None,
        docs,
        refs: vec![Reference {
            id: "A".into(),
            text: summary,
        }],
    })
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

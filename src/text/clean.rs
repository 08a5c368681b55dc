//! Boilerplate removal for scraped web articles (placeholder: keeps lines with letters).
use serde::Serialize;

/// What the cleaner dropped from one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CleanReport {
    /// Lines in the input.
    pub lines: usize,
    /// Lines dropped as boilerplate.
    pub dropped: usize,
}

/// One document after cleaning.
#[derive(Debug, Clone)]
pub struct Cleaned {
    /// The kept text, paragraphs separated by blank lines.
    pub text: String,
    /// What was dropped.
    pub report: CleanReport,
}

impl Cleaned {
    /// Keeps `text` unchanged (cleaning disabled).
    pub fn keep_all(text: &str) -> Self {
        Cleaned {
            text: text.to_owned(),
            report: CleanReport {
                lines: text.lines().count(),
                dropped: 0,
            },
        }
    }
}

/// Cleans every document of a cluster.
pub fn clean_cluster(texts: &[&str]) -> Vec<Cleaned> {
    texts
        .iter()
        .map(|t| {
            let lines: Vec<&str> = t.lines().collect();
            let kept: Vec<&str> = lines
                .iter()
                .copied()
                .filter(|l| l.chars().any(char::is_alphabetic))
                .collect();
            Cleaned {
                text: kept.join("\n\n"),
                report: CleanReport {
                    lines: lines.len(),
                    dropped: lines.len() - kept.len(),
                },
            }
        })
        .collect()
}

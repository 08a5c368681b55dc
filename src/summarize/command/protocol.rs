//! The JSON crossing the plugin boundary: requests (protocol v1 and v2), the v2
//! handshake, replies, and the checks that turn a reply into sentence ids. Specified in
//! `docs/plugins.md`; v2's shapes are also in `docs/plugin-protocol-v2.schema.json`.
use super::super::{Budget, Input, Selection, SentenceId};
use crate::text::ProcessedCluster;
use serde::{Deserialize, Serialize};

/// The `cluster` object of a request.
#[derive(Serialize)]
struct ClusterJson<'a> {
    id: &'a str,
    docs: Vec<DocJson<'a>>,
}

/// One document of a request.
#[derive(Serialize)]
struct DocJson<'a> {
    id: &'a str,
    title: Option<&'a str>,
    date: Option<&'a str>,
    sentences: Vec<SentenceJson<'a>>,
}

/// One sentence of a request.
#[derive(Serialize)]
struct SentenceJson<'a> {
    id: SentenceId,
    text: &'a str,
    words: usize,
    bytes: usize,
    candidate: bool,
}

/// The whole request; `params` exists from v2 on, so a v1 request is unchanged.
#[derive(Serialize)]
struct Request<'a> {
    protocol: u32,
    cluster: ClusterJson<'a>,
    budget: Budget,
    seed: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    params: Option<&'a serde_json::Value>,
}

/// Candidate flags indexed by sentence id.
fn candidate_flags(input: &Input<'_>) -> Vec<bool> {
    let mut flags = vec![false; input.cluster.sentences.len()];
    for &i in input.candidates {
        flags[i] = true;
    }
    flags
}

/// The request line for `input` (one line, newline-terminated); `params` is `Some` from
/// protocol v2 on. The references are never part of it: a `command` system is no oracle.
pub(super) fn request_json(
    input: &Input<'_>,
    protocol: u32,
    params: Option<&serde_json::Value>,
) -> serde_json::Result<String> {
    let c: &ProcessedCluster = input.cluster;
    let candidate = candidate_flags(input);
    let docs = c
        .docs
        .iter()
        .map(|d| DocJson {
            id: &d.id,
            title: d.title.as_deref(),
            date: d.date.as_deref(),
            sentences: c.sentences[d.sentences.clone()]
                .iter()
                .map(|s| SentenceJson {
                    id: s.id,
                    text: &s.text,
                    words: s.words,
                    bytes: s.bytes,
                    candidate: candidate[s.id],
                })
                .collect(),
        })
        .collect();
    let request = Request {
        protocol,
        cluster: ClusterJson { id: &c.id, docs },
        budget: input.budget,
        seed: input.seed,
        params,
    };
    let mut json = serde_json::to_string(&request)?;
    json.push('\n');
    Ok(json)
}

/// A sample v2 request over a tiny built-in cluster, for plugin authors to pipe into
/// their program (`sumbench plugin example-request`).
#[cfg(feature = "cli")]
pub fn example_request() -> crate::Result<String> {
    use crate::corpus::{Cluster, Document};
    use crate::text::{Pipeline, TextOptions};
    let doc = |id: &str, title: Option<&str>, date: &str, text: &str| Document {
        id: id.into(),
        title: title.map(Into::into),
        date: Some(date.into()),
        source: None,
        text: text.into(),
    };
    let cluster = Cluster {
        id: "example".into(),
        title: None,
        docs: vec![
            doc("d1", Some("Council passes budget"), "2024-03-04", "CITY HALL.\n\nThe council approved the new budget on Monday after a long debate. Critics said the plan was rushed and left out the libraries."),
            doc("d2", None, "2024-03-05", "Protesters gathered outside city hall before the vote. The mayor defended the budget in a speech on Tuesday."),
        ],
        refs: vec![],
    };
    let processed = Pipeline::new(&TextOptions::default())?.process(&cluster);
    let candidates = super::super::candidates::candidates(&processed, &Default::default());
    let input = Input {
        seed: 42,
        ..Input::new(&processed, &candidates, Budget::words(20))
    };
    let params = serde_json::json!({"k": 3});
    request_json(&input, 2, Some(&params)).map_err(|e| crate::Error::Usage(e.to_string()))
}

/// What the program chose, in one of the two accepted forms.
#[derive(Debug, PartialEq)]
pub(super) enum Choice {
    /// `{"sentences": [ids]}`.
    Sentences(Vec<u64>),
    /// `{"summary": "text"}`.
    Summary(String),
}

/// A parsed reply.
#[derive(Debug, PartialEq)]
pub(super) struct Reply {
    /// The sentences chosen.
    pub(super) choice: Choice,
    /// v2's `diagnostics`, recorded in the results as given.
    pub(super) diagnostics: Option<serde_json::Value>,
}

/// A v1 reply object: strict, exactly one of the two fields.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReplyV1 {
    sentences: Option<Vec<u64>>,
    summary: Option<String>,
}

/// A v2 reply object: fields other than these are ignored, so a plugin can add what a
/// later protocol defines (or its own debugging keys) without breaking.
#[derive(Deserialize)]
struct RawReplyV2 {
    sentences: Option<Vec<u64>>,
    summary: Option<String>,
    diagnostics: Option<serde_json::Value>,
}

const EXPECTED_REPLY: &str =
    r#"expected one JSON object, {"sentences": [ids, best first]} or {"summary": "text"}"#;

/// Parses one reply (a v1 program's whole stdout, or one v2 line).
pub(super) fn parse_reply(stdout: &[u8], protocol: u32) -> Result<Reply, String> {
    if stdout.iter().all(u8::is_ascii_whitespace) {
        return Err(format!("printed nothing on stdout; {EXPECTED_REPLY}"));
    }
    let invalid = |e: serde_json::Error| {
        let shown: String = String::from_utf8_lossy(stdout).chars().take(120).collect();
        format!("invalid output ({e}); {EXPECTED_REPLY}; stdout began {shown:?}")
    };
    let (sentences, summary, diagnostics) = if protocol == 1 {
        let raw: RawReplyV1 = serde_json::from_slice(stdout).map_err(invalid)?;
        (raw.sentences, raw.summary, None)
    } else {
        let raw: RawReplyV2 = serde_json::from_slice(stdout).map_err(invalid)?;
        (raw.sentences, raw.summary, raw.diagnostics)
    };
    let choice = match (sentences, summary) {
        (Some(ids), None) => Choice::Sentences(ids),
        (None, Some(text)) => Choice::Summary(text),
        (Some(_), Some(_)) => {
            return Err(format!(
                "output has both `sentences` and `summary`; {EXPECTED_REPLY}"
            ))
        }
        (None, None) => {
            return Err(format!(
                "output has neither `sentences` nor `summary`; {EXPECTED_REPLY}"
            ))
        }
    };
    Ok(Reply {
        choice,
        diagnostics: diagnostics.filter(|d| !d.is_null()),
    })
}

/// The v2 handshake line; other keys (a name, a version of the plugin) are allowed.
#[derive(Deserialize)]
struct Handshake {
    protocol: serde_json::Value,
}

/// Checks a v2 program's first line: `{"protocol": 2}`.
pub(super) fn check_handshake(line: &[u8]) -> Result<(), String> {
    let shown = || {
        String::from_utf8_lossy(line)
            .chars()
            .take(120)
            .collect::<String>()
    };
    let hello: Handshake = serde_json::from_slice(line).map_err(|e| {
        format!(
            "invalid handshake ({e}); a protocol-2 plugin's first line must be {{\"protocol\": 2}}; it began {:?}",
            shown()
        )
    })?;
    if hello.protocol != serde_json::json!(2) {
        return Err(format!(
            "handshake says protocol {}, but the config asks for protocol 2",
            hello.protocol
        ));
    }
    Ok(())
}

/// Splits a v2 program's whole stdout (per-cluster mode) into its handshake and its one
/// reply line, refusing anything more.
pub(super) fn split_once_output(stdout: &[u8]) -> Result<&[u8], String> {
    let mut lines = stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace));
    let hello = lines
        .next()
        .ok_or_else(|| format!("printed nothing on stdout; {EXPECTED_REPLY}"))?;
    check_handshake(hello)?;
    let reply = lines
        .next()
        .ok_or_else(|| format!("printed its handshake but no reply; {EXPECTED_REPLY}"))?;
    if let Some(extra) = lines.next() {
        let shown: String = String::from_utf8_lossy(extra).chars().take(120).collect();
        return Err(format!(
            "printed more than a handshake and one reply (then {shown:?}); write logs to stderr"
        ));
    }
    Ok(reply)
}

/// The reply as checked sentence ids plus its diagnostics.
pub(super) fn resolve(reply: Reply, input: &Input<'_>) -> Result<Selection, String> {
    let sentences = match reply.choice {
        Choice::Sentences(ids) => check_ids(&ids, input),
        Choice::Summary(text) => map_summary(&text, input),
    }?;
    Ok(Selection {
        sentences,
        diagnostics: reply.diagnostics,
    })
}

/// Checks returned ids: each must exist, be a candidate and appear once. Budget overflow
/// is not checked here: [`super::super::finalize`] skips what does not fit, as for any
/// system.
pub(super) fn check_ids(ids: &[u64], input: &Input<'_>) -> Result<Vec<SentenceId>, String> {
    let n = input.cluster.sentences.len();
    let candidate = candidate_flags(input);
    let mut seen = vec![false; n];
    let mut out = Vec::with_capacity(ids.len());
    for (k, &raw) in ids.iter().enumerate() {
        let id = usize::try_from(raw).ok().filter(|&i| i < n).ok_or_else(|| {
            format!(
                "sentences[{k}] = {raw} is not a sentence id of this cluster (it has {n} sentences, ids 0..{})",
                n.saturating_sub(1)
            )
        })?;
        if !candidate[id] {
            return Err(format!(
                "sentences[{k}] = {raw} is not a candidate sentence (\"candidate\": false in the input)"
            ));
        }
        if std::mem::replace(&mut seen[id], true) {
            return Err(format!("sentences[{k}] = {raw} is listed twice"));
        }
        out.push(id);
    }
    Ok(out)
}

/// Maps a free-text summary back to candidate sentences: the text, compared word by word
/// (so any whitespace, newlines included, may separate sentences), must be a sequence of
/// whole candidate sentences. At each point the longest unused matching sentence wins,
/// and among equal texts the earliest.
pub(super) fn map_summary(text: &str, input: &Input<'_>) -> Result<Vec<SentenceId>, String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let sentences: Vec<(SentenceId, Vec<&str>)> = input
        .candidates
        .iter()
        .map(|&id| {
            (
                id,
                input.cluster.sentences[id]
                    .text
                    .split_whitespace()
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let mut used = vec![false; input.cluster.sentences.len()];
    let mut picked = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let rest = &words[at..];
        let best = sentences
            .iter()
            .filter(|(id, w)| !used[*id] && rest.starts_with(w))
            .max_by_key(|(id, w)| (w.len(), std::cmp::Reverse(*id)));
        let Some((id, w)) = best else {
            let mut shown = rest.iter().take(8).copied().collect::<Vec<_>>().join(" ");
            if rest.len() > 8 {
                shown.push('…');
            }
            return Err(format!(
                "`summary` must consist of whole candidate sentences of the cluster, each at most once; \
                 no unused candidate sentence starts at word {} ({shown:?})",
                at + 1
            ));
        };
        used[*id] = true;
        picked.push(*id);
        at += w.len();
    }
    Ok(picked)
}

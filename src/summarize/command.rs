//! `command`: a summarizer in any language, run as an external program once per cluster.
//!
//! sumbench writes one JSON object describing the cluster and the budget on the program's
//! stdin and reads one JSON object naming the chosen sentences from its stdout; the full
//! protocol is specified in `docs/plugins.md`. The program is untrusted in the sense that
//! matters for a benchmark: it may crash, hang, print garbage or pick sentences that do
//! not exist, and every such case becomes a [`Failure`] for that (system, cluster) while
//! the run goes on. It runs in its own process group so a timeout kills the program and
//! every child it started, and its pipes are serviced by threads so a program that writes
//! a lot before reading its input cannot deadlock against us.
use super::registry::{build_with, defaults_of, ParamDoc, Spec};
use super::{params, Budget, Failure, Input, SentenceId, Summarizer};
use crate::text::ProcessedCluster;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::process::{Child, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The protocol version sent as `"protocol"`; bumped only on incompatible changes.
pub const PROTOCOL_VERSION: u32 = 1;

/// Largest stdout accepted; a reply naming sentence ids is a few bytes.
const STDOUT_CAP: usize = 16 << 20;
/// How much stderr is kept for failure messages (the rest is read and discarded).
const STDERR_CAP: usize = 64 << 10;
/// Stderr lines quoted in a failure message (plus the last line when there are more,
/// since a Python traceback ends with the exception).
const STDERR_LINES: usize = 5;
/// How long to wait for a killed program's stderr before giving up on it.
const KILL_GRACE: Duration = Duration::from_millis(200);

/// An external summarizer program.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct External {
    /// The program and its arguments; a relative path resolves from sumbench's working
    /// directory, a bare name is looked up on `PATH`.
    pub command: Vec<String>,
    /// Seconds the program may run on one cluster before it is killed.
    #[serde(default = "default_timeout")]
    pub timeout_s: f64,
}

fn default_timeout() -> f64 {
    30.0
}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "command",
    about: "An external program in any language, run per cluster: cluster JSON on stdin, chosen sentence ids on stdout (docs/plugins.md)",
    params: &[
        ParamDoc {
            name: "command",
            doc: "required: the program and its arguments, e.g. [python3, examples/plugins/first_sentences.py]; relative paths resolve from the working directory",
        },
        ParamDoc {
            name: "timeout_s",
            doc: "seconds per cluster before the program and its children are killed and the cluster recorded as failed",
        },
    ],
    defaults: defaults_of::<External>,
    build: build_with::<External>,
};

impl Default for External {
    fn default() -> Self {
        External {
            command: Vec::new(),
            timeout_s: default_timeout(),
        }
    }
}

impl Summarizer for External {
    /// A program is required (its default is none), and the timeout must be a positive
    /// number of seconds that a [`Duration`] can hold.
    fn validate(&self) -> Result<(), String> {
        if self.command.first().is_none_or(|p| p.trim().is_empty()) {
            return Err(format!(
                "command: {:?} names no program; expected the program and its arguments, e.g. [python3, my_summarizer.py]",
                self.command
            ));
        }
        params::positive("timeout_s", self.timeout_s)?;
        match Duration::try_from_secs_f64(self.timeout_s) {
            Ok(_) => Ok(()),
            Err(_) => Err(format!(
                "timeout_s: {} is out of range; expected at most {} seconds",
                self.timeout_s,
                Duration::MAX.as_secs()
            )),
        }
    }

    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        let fail = |what: String| {
            format!(
                "`{}` on cluster `{}`: {what}",
                self.shown(),
                input.cluster.id
            )
        };
        if self.command.is_empty() {
            return Err(fail(
                "`command` is empty; expected the program and its arguments, e.g. [python3, my_summarizer.py]".into(),
            ));
        }
        let request =
            request_json(input).map_err(|e| fail(format!("cannot encode the input: {e}")))?;
        let timeout = Duration::try_from_secs_f64(self.timeout_s)
            .map_err(|_| fail(format!("invalid timeout_s {}", self.timeout_s)))?;
        let done = run_program(&self.command, request.into_bytes(), timeout).map_err(fail)?;
        let stderr = stderr_excerpt(&done.stderr);
        if !done.status.success() {
            return Err(fail(format!("failed ({}){stderr}", done.status)));
        }
        if done.stdout.truncated {
            return Err(fail(format!(
                "printed more than {} MiB on stdout{stderr}",
                STDOUT_CAP >> 20
            )));
        }
        let reply = parse_reply(&done.stdout.bytes).map_err(|e| fail(format!("{e}{stderr}")))?;
        match reply {
            Reply::Sentences(ids) => check_ids(&ids, input),
            Reply::Summary(text) => map_summary(&text, input),
        }
        .map_err(|e| fail(format!("{e}{stderr}")))
    }
}

impl External {
    /// The command line as a user would type it, for messages.
    fn shown(&self) -> String {
        self.command
            .iter()
            .map(|a| {
                if a.is_empty() || a.contains(char::is_whitespace) {
                    format!("{a:?}")
                } else {
                    a.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

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

/// The whole request.
#[derive(Serialize)]
struct Request<'a> {
    protocol: u32,
    cluster: ClusterJson<'a>,
    budget: Budget,
    seed: u64,
}

/// The JSON written on the program's stdin for `input` (one line, newline-terminated).
fn request_json(input: &Input<'_>) -> serde_json::Result<String> {
    let c: &ProcessedCluster = input.cluster;
    let mut candidate = vec![false; c.sentences.len()];
    for &i in input.candidates {
        candidate[i] = true;
    }
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
        protocol: PROTOCOL_VERSION,
        cluster: ClusterJson { id: &c.id, docs },
        budget: input.budget,
        seed: input.seed,
    };
    let mut json = serde_json::to_string(&request)?;
    json.push('\n');
    Ok(json)
}

/// What the program printed, in one of the two accepted forms.
#[derive(Debug, PartialEq)]
enum Reply {
    /// `{"sentences": [ids]}`.
    Sentences(Vec<u64>),
    /// `{"summary": "text"}`.
    Summary(String),
}

/// The raw reply object; exactly one field must be present.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReply {
    sentences: Option<Vec<u64>>,
    summary: Option<String>,
}

const EXPECTED_REPLY: &str =
    r#"expected one JSON object, {"sentences": [ids, best first]} or {"summary": "text"}"#;

/// Parses the program's stdout.
fn parse_reply(stdout: &[u8]) -> Result<Reply, String> {
    if stdout.iter().all(u8::is_ascii_whitespace) {
        return Err(format!("printed nothing on stdout; {EXPECTED_REPLY}"));
    }
    let raw: RawReply = serde_json::from_slice(stdout).map_err(|e| {
        let shown: String = String::from_utf8_lossy(stdout).chars().take(120).collect();
        format!("invalid output ({e}); {EXPECTED_REPLY}; stdout began {shown:?}")
    })?;
    match (raw.sentences, raw.summary) {
        (Some(ids), None) => Ok(Reply::Sentences(ids)),
        (None, Some(text)) => Ok(Reply::Summary(text)),
        (Some(_), Some(_)) => Err(format!(
            "output has both `sentences` and `summary`; {EXPECTED_REPLY}"
        )),
        (None, None) => Err(format!(
            "output has neither `sentences` nor `summary`; {EXPECTED_REPLY}"
        )),
    }
}

/// Candidate flags indexed by sentence id.
fn candidate_flags(input: &Input<'_>) -> Vec<bool> {
    let mut flags = vec![false; input.cluster.sentences.len()];
    for &i in input.candidates {
        flags[i] = true;
    }
    flags
}

/// Checks returned ids: each must exist, be a candidate and appear once. Budget overflow
/// is not checked here: [`super::finalize`] skips what does not fit, as for any system.
fn check_ids(ids: &[u64], input: &Input<'_>) -> Result<Vec<SentenceId>, String> {
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
fn map_summary(text: &str, input: &Input<'_>) -> Result<Vec<SentenceId>, String> {
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

/// Bytes read from one of the program's output pipes.
#[derive(Debug, Default)]
struct Captured {
    bytes: Vec<u8>,
    /// Whether more was written than was kept.
    truncated: bool,
}

/// A program that ran to completion within its timeout.
#[derive(Debug)]
struct Finished {
    status: ExitStatus,
    stdout: Captured,
    stderr: Captured,
}

/// Which output pipe a reader thread served.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pipe {
    Stdout,
    Stderr,
}

/// Reads `source` to its end on a thread, keeping at most `cap` bytes, and sends the
/// result; draining past the cap keeps the program from blocking on a full pipe.
fn drain(
    mut source: impl Read + Send + 'static,
    pipe: Pipe,
    cap: usize,
    tx: mpsc::Sender<(Pipe, Captured)>,
) {
    std::thread::spawn(move || {
        let mut out = Captured::default();
        let mut buf = [0u8; 8192];
        loop {
            match source.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    let room = cap.saturating_sub(out.bytes.len());
                    out.truncated |= n > room;
                    out.bytes.extend_from_slice(&buf[..n.min(room)]);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        // The receiver is gone only when we already gave up on this program.
        let _ = tx.send((pipe, out));
    });
}

/// Kills the program and, on Unix, every process in its process group.
fn kill_tree(child: &mut Child) {
    #[cfg(unix)]
    if let Ok(pgid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) has no memory-safety preconditions. The child was spawned as
        // the leader of a new process group whose id is its pid, and it has not been
        // reaped yet (or its group still has members), so the id cannot have been reused.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
}

/// Collects the stderr of a killed program if it arrives within [`KILL_GRACE`].
fn stderr_after_kill(rx: &mpsc::Receiver<(Pipe, Captured)>) -> String {
    let until = Instant::now() + KILL_GRACE;
    while let Ok((pipe, captured)) =
        rx.recv_timeout(until.saturating_duration_since(Instant::now()))
    {
        if pipe == Pipe::Stderr {
            return stderr_excerpt(&captured);
        }
    }
    String::new()
}

/// Runs `argv` with `input` on its stdin, waiting at most `timeout` for it to exit and
/// close its output. Errors describe what happened (spawn failure, timeout).
fn run_program(argv: &[String], input: Vec<u8>, timeout: Duration) -> Result<Finished, String> {
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| "`command` is empty".to_string())?;
    let mut command = std::process::Command::new(program);
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Its own process group, so a timeout can kill the children it starts too.
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::NotFound if program.contains(['/', '\\']) => {
                let cwd = std::env::current_dir().unwrap_or_default();
                format!(
                    " (relative paths resolve from the working directory {})",
                    cwd.display()
                )
            }
            std::io::ErrorKind::NotFound => " (not found on PATH)".to_string(),
            _ => String::new(),
        };
        format!("could not start `{program}`: {e}{hint}")
    })?;
    // Until this is dropped (the program was waited for or killed), a Ctrl-C on
    // sumbench kills the program's group too.
    let _live = super::plugin_groups::Live::register(child.id());
    let start = Instant::now();
    let deadline = start + timeout;
    let (tx, rx) = mpsc::channel();
    if let Some(out) = child.stdout.take() {
        drain(out, Pipe::Stdout, STDOUT_CAP, tx.clone());
    }
    if let Some(err) = child.stderr.take() {
        drain(err, Pipe::Stderr, STDERR_CAP, tx);
    }
    if let Some(mut stdin) = child.stdin.take() {
        // A program may exit without reading its input; the broken pipe is not an error.
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
    }
    let timed_out = |rx: &mpsc::Receiver<(Pipe, Captured)>, what: &str| {
        format!(
            "{what} after the {} s timeout; killed it and its process group{}",
            timeout.as_secs_f64(),
            stderr_after_kill(rx)
        )
    };
    let mut pause = Duration::from_millis(1);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => {
                kill_tree(&mut child);
                let _ = child.wait();
                return Err(format!("could not wait for the program: {e}"));
            }
        }
        let now = Instant::now();
        if now >= deadline {
            kill_tree(&mut child);
            let _ = child.wait();
            return Err(timed_out(&rx, "still running"));
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    let (mut stdout, mut stderr) = (None, None);
    while stdout.is_none() || stderr.is_none() {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok((Pipe::Stdout, c)) => stdout = Some(c),
            Ok((Pipe::Stderr, c)) => stderr = Some(c),
            Err(_) => {
                // It exited, but something it started still holds its output open.
                kill_tree(&mut child);
                let partial = stderr.map(|c| stderr_excerpt(&c)).unwrap_or_default();
                return Err(format!(
                    "exited ({status}) but its output stayed open (a background child?) \
                     after the {} s timeout; killed its process group{partial}",
                    timeout.as_secs_f64()
                ));
            }
        }
    }
    Ok(Finished {
        status,
        stdout: stdout.unwrap_or_default(),
        stderr: stderr.unwrap_or_default(),
    })
}

/// The first lines of stderr (and its last line when more were left out), formatted to
/// follow a failure message; empty when the program wrote nothing there.
fn stderr_excerpt(stderr: &Captured) -> String {
    let text = String::from_utf8_lossy(&stderr.bytes);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return String::new();
    }
    let clip = |l: &str| -> String {
        let mut s: String = l.trim_end().chars().take(300).collect();
        if s.len() < l.trim_end().len() {
            s.push('…');
        }
        s
    };
    let mut out = String::from("\nstderr:");
    for l in lines.iter().take(STDERR_LINES) {
        out.push_str("\n  ");
        out.push_str(&clip(l));
    }
    if lines.len() > STDERR_LINES {
        let more = lines.len() - STDERR_LINES - 1;
        if more > 0 {
            out.push_str(&format!("\n  … ({more} more lines) …"));
        }
        out.push_str("\n  ");
        out.push_str(&clip(lines[lines.len() - 1]));
    }
    if stderr.truncated {
        out.push_str("\n  … (stderr truncated)");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summarize::testing::cluster;
    use crate::summarize::BudgetUnit;

    #[cfg(unix)]
    fn sh(script: &str) -> Vec<String> {
        vec!["sh".into(), "-c".into(), script.into()]
    }

    fn sample() -> ProcessedCluster {
        cluster(&[
            (
                "a",
                Some("2022-01-10"),
                "Talks began in Geneva today. Short.",
            ),
            ("b", None, "Russia rejected the proposal on Monday."),
        ])
    }

    fn input<'a>(c: &'a ProcessedCluster, cands: &'a [SentenceId]) -> Input<'a> {
        Input {
            cluster: c,
            candidates: cands,
            budget: Budget {
                unit: BudgetUnit::Words,
                limit: 12,
                truncate: false,
            },
            references: &[],
            seed: 7,
        }
    }

    #[test]
    fn request_lists_every_sentence_with_global_ids_and_candidate_flags() {
        let c = sample();
        let cands = [0, 2];
        let json: serde_json::Value =
            serde_json::from_str(&request_json(&input(&c, &cands)).unwrap()).unwrap();
        let expected = serde_json::json!({
            "protocol": 1,
            "cluster": {"id": "test", "docs": [
                {"id": "a", "title": null, "date": "2022-01-10", "sentences": [
                    {"id": 0, "text": "Talks began in Geneva today.", "words": 5, "bytes": 28, "candidate": true},
                    {"id": 1, "text": "Short.", "words": 1, "bytes": 6, "candidate": false}]},
                {"id": "b", "title": null, "date": null, "sentences": [
                    {"id": 2, "text": "Russia rejected the proposal on Monday.", "words": 6, "bytes": 39, "candidate": true}]}
            ]},
            "budget": {"unit": "words", "limit": 12, "truncate": false},
            "seed": 7
        });
        assert_eq!(json, expected);
    }

    #[test]
    fn reply_forms_and_their_errors() {
        assert_eq!(
            parse_reply(b" {\"sentences\": [2, 0]}\n").unwrap(),
            Reply::Sentences(vec![2, 0])
        );
        assert_eq!(
            parse_reply(br#"{"summary": "a b"}"#).unwrap(),
            Reply::Summary("a b".into())
        );
        let err = parse_reply(b"hello").unwrap_err();
        assert!(
            err.contains("invalid output") && err.contains("\"hello\""),
            "{err}"
        );
        assert!(parse_reply(b"\n").unwrap_err().contains("printed nothing"));
        let err = parse_reply(br#"{"sentences": [1], "summary": "x"}"#).unwrap_err();
        assert!(err.contains("both"), "{err}");
        let err = parse_reply(br#"{"sentence": [1]}"#).unwrap_err();
        assert!(err.contains("sentence"), "{err}");
        let err = parse_reply(br#"{"sentences": [-1]}"#).unwrap_err();
        assert!(err.contains("-1"), "{err}");
        // Two objects are not one reply.
        assert!(parse_reply(br#"{"sentences": []} {"sentences": []}"#).is_err());
    }

    #[test]
    fn ids_must_exist_be_candidates_and_be_unique() {
        let c = sample();
        let cands = [0, 2];
        let inp = input(&c, &cands);
        assert_eq!(check_ids(&[2, 0], &inp).unwrap(), [2, 0]);
        let err = check_ids(&[0, 3], &inp).unwrap_err();
        assert!(
            err.contains("sentences[1] = 3") && err.contains("3 sentences"),
            "{err}"
        );
        let err = check_ids(&[1], &inp).unwrap_err();
        assert!(err.contains("not a candidate"), "{err}");
        let err = check_ids(&[2, 2], &inp).unwrap_err();
        assert!(err.contains("twice"), "{err}");
    }

    #[test]
    fn summary_text_maps_back_to_whole_candidate_sentences() {
        let c = sample();
        let cands = [0, 2];
        let inp = input(&c, &cands);
        let text = "Russia rejected the proposal on Monday.\nTalks began in Geneva today.";
        assert_eq!(map_summary(text, &inp).unwrap(), [2, 0]);
        // Any whitespace separates sentences.
        let text = "  Talks began  in Geneva today. Russia rejected the proposal on Monday. ";
        assert_eq!(map_summary(text, &inp).unwrap(), [0, 2]);
        assert!(map_summary("", &inp).unwrap().is_empty());
        let err = map_summary("Talks began in Geneva today. Short.", &inp).unwrap_err();
        assert!(err.contains("word 6") && err.contains("Short."), "{err}");
        let err = map_summary("Talks began in Geneva.", &inp).unwrap_err();
        assert!(err.contains("word 1"), "{err}");
        let twice = "Talks began in Geneva today. Talks began in Geneva today.";
        assert!(map_summary(twice, &inp).is_err());
    }

    #[test]
    fn identical_sentences_map_to_distinct_ids_in_order() {
        let c = cluster(&[
            ("a", None, "The same line is here. Other words in a row."),
            ("b", None, "The same line is here."),
        ]);
        let cands = [0, 1, 2];
        let inp = input(&c, &cands);
        let text = "The same line is here. The same line is here.";
        assert_eq!(map_summary(text, &inp).unwrap(), [0, 2]);
    }

    #[cfg(unix)]
    #[test]
    fn program_sees_its_input_and_its_output_is_captured() {
        let done = run_program(
            &sh("cat; echo oops >&2"),
            b"{\"x\": 1}".to_vec(),
            Duration::from_secs(10),
        )
        .unwrap();
        assert!(done.status.success());
        assert_eq!(done.stdout.bytes, b"{\"x\": 1}");
        assert_eq!(stderr_excerpt(&done.stderr), "\nstderr:\n  oops");
    }

    #[cfg(unix)]
    #[test]
    fn large_input_and_output_do_not_deadlock() {
        // 1 MiB each way, far beyond a pipe buffer: the program writes before it reads.
        let input = vec![b'a'; 1 << 20];
        let done = run_program(
            &sh("head -c 1048576 /dev/zero | tr '\\0' b; cat >/dev/null"),
            input,
            Duration::from_secs(20),
        )
        .unwrap();
        assert_eq!(done.stdout.bytes.len(), 1 << 20);
        assert!(done.stdout.bytes.iter().all(|&b| b == b'b'));
    }

    #[cfg(unix)]
    #[test]
    fn missing_program_is_reported_by_name() {
        let err = run_program(
            &["./no-such-summarizer".into()],
            vec![],
            Duration::from_secs(5),
        )
        .unwrap_err();
        assert!(
            err.contains("could not start `./no-such-summarizer`"),
            "{err}"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn timeout_kills_the_program_and_its_children() {
        // The shell prints its background child's pid, then waits forever.
        let err = run_program(
            &sh("sleep 60 & echo child=$! >&2; wait"),
            vec![],
            Duration::from_millis(300),
        )
        .unwrap_err();
        assert!(
            err.contains("still running after the 0.3 s timeout"),
            "{err}"
        );
        let pid: u32 = err
            .split("child=")
            .nth(1)
            .and_then(|s| s.split_whitespace().next())
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no child pid in {err}"));
        // SIGKILL is asynchronous: poll until the child is dead (gone or a zombie).
        let dead = |pid: u32| match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Err(_) => true,
            Ok(stat) => stat
                .rsplit(')')
                .next()
                .is_some_and(|s| s.trim_start().starts_with('Z')),
        };
        let mut tries = 0;
        while !dead(pid) && tries < 200 {
            std::thread::sleep(Duration::from_millis(10));
            tries += 1;
        }
        assert!(dead(pid), "background child {pid} survived the timeout");
    }

    #[cfg(unix)]
    #[test]
    fn background_child_holding_the_output_open_is_killed_at_the_timeout() {
        let err = run_program(
            &sh("sleep 60 & echo '{}'"),
            vec![],
            Duration::from_millis(300),
        )
        .unwrap_err();
        assert!(err.contains("output stayed open"), "{err}");
    }

    #[test]
    fn stderr_excerpt_keeps_first_lines_and_the_last() {
        let text: String = (1..=9).map(|i| format!("line {i}\n")).collect();
        let got = stderr_excerpt(&Captured {
            bytes: text.into_bytes(),
            truncated: false,
        });
        assert_eq!(
            got,
            "\nstderr:\n  line 1\n  line 2\n  line 3\n  line 4\n  line 5\n  … (3 more lines) …\n  line 9"
        );
    }

    #[test]
    fn program_and_positive_timeout_are_required_when_built() {
        use crate::summarize::Registry;
        let r = Registry::default();
        for (yaml, needles) in [
            (
                "{command: [x], timeout_s: 0}",
                &["timeout_s: 0 is out of range", "> 0"][..],
            ),
            ("{command: [x], timeout_s: .inf}", &["timeout_s: inf"][..]),
            (
                "{command: [x], timeout_s: 1e300}",
                &["timeout_s: 1", "at most"][..],
            ),
            ("{command: []}", &["command: [] names no program"][..]),
            ("{command: [\"\"]}", &["command:", "names no program"][..]),
            ("{timeout_s: 3}", &["command"][..]),
        ] {
            let v: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
            let err = build_with::<External>(v, &r).err().unwrap();
            for needle in needles {
                assert!(err.contains(needle), "{yaml}: {err}");
            }
        }
        let v: serde_yaml::Value = serde_yaml::from_str("{command: [x], timeout_s: 0.5}").unwrap();
        assert!(build_with::<External>(v, &r).is_ok());
    }
}

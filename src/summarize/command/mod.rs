//! `command`: a summarizer in any language, run as an external program.
//!
//! sumbench writes a JSON object describing the cluster and the budget on the program's
//! stdin and reads a JSON object naming the chosen sentences from its stdout; the protocol
//! (v1: one process per cluster, one object each way; v2: JSON Lines after a handshake,
//! config `params`, reply `diagnostics`, optionally one persistent process for many
//! clusters) is specified in `docs/plugins.md`. The program is untrusted in the sense that
//! matters for a benchmark: it may crash, hang, print garbage or pick sentences that do
//! not exist, and every such case becomes a [`Failure`] for that (system, cluster) while
//! the run goes on. It runs in its own process group so a timeout kills the program and
//! every child it started, and its pipes are serviced by threads so a program that writes
//! a lot before reading its input cannot deadlock against us.
//!
//! `protocol.rs` holds the JSON, `process.rs` runs a program once, `persistent.rs` keeps
//! programs running across clusters.
use super::registry::{build_with, params_of, Spec};
use super::{Failure, Input, Selection, SentenceId, Summarizer};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};

mod persistent;
mod process;
mod protocol;

// Only `sumbench plugin example-request` (the command line) shows it.
#[cfg(feature = "cli")]
pub use protocol::example_request;
use protocol::{parse_reply, Reply};

/// The newest protocol version, sent as `"protocol"` by systems configured with
/// `protocol: 2`; version 1 stays the default, so v1 plugins keep working unchanged.
pub const PROTOCOL_VERSION: u32 = 2;

/// How many clusters one process serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// A new process for every cluster: one request on stdin, then EOF.
    #[default]
    PerCluster,
    /// Long-lived processes, one request line and one reply line per cluster (v2 only).
    Persistent,
}

/// An external summarizer program.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct External {
    /// Required: the program and its arguments, e.g. `[python3,
    /// examples/plugins/first_sentences.py]`; a relative path resolves from sumbench's
    /// working directory, a bare name is looked up on `PATH`.
    pub command: Vec<String>,
    /// Seconds the program may take on one cluster before it and its children are killed
    /// and the cluster recorded as failed.
    #[serde(default = "default_timeout")]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub timeout_s: f64,
    /// The protocol version the program speaks: 1 (one JSON object each way) or 2 (JSON
    /// Lines after a handshake, params, diagnostics).
    #[serde(default = "default_protocol")]
    #[schemars(range(min = 1, max = PROTOCOL_VERSION))]
    pub protocol: u32,
    /// How many clusters one process serves (persistent: protocol 2, one process per
    /// worker thread at most).
    #[serde(default)]
    pub mode: Mode,
    /// A mapping passed verbatim to the program in every request (protocol 2).
    #[serde(default = "empty_params")]
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub params: serde_json::Value,
    /// Idle persistent processes.
    #[serde(skip)]
    pool: persistent::Pool,
}

fn default_timeout() -> f64 {
    30.0
}

fn default_protocol() -> u32 {
    1
}

fn empty_params() -> serde_json::Value {
    serde_json::Value::Object(Default::default())
}

/// Registry entry.
pub const SPEC: Spec = Spec {
    kind: "command",
    about: "An external program in any language: cluster JSON on stdin, chosen sentence ids on stdout, per cluster or persistent (docs/plugins.md)",
    params: params_of::<External>,
    build: build_with::<External>,
};

impl Default for External {
    fn default() -> Self {
        External {
            command: Vec::new(),
            timeout_s: default_timeout(),
            protocol: default_protocol(),
            mode: Mode::default(),
            params: empty_params(),
            pool: persistent::Pool::default(),
        }
    }
}

impl Summarizer for External {
    /// A program is required (its default is none), the timeout must be a positive
    /// number of seconds that a [`Duration`] can hold, and v2's features need `protocol: 2`.
    fn validate(&self) -> Result<(), String> {
        if self.command.first().is_none_or(|p| p.trim().is_empty()) {
            return Err(format!(
                "command: {:?} names no program; expected the program and its arguments, e.g. [python3, my_summarizer.py]",
                self.command
            ));
        }
        if Duration::try_from_secs_f64(self.timeout_s).is_err() {
            return Err(format!(
                "timeout_s: {} is out of range; expected at most {} seconds",
                self.timeout_s,
                Duration::MAX.as_secs()
            ));
        }
        self.validate_protocol()
    }

    fn select(&self, input: &Input<'_>) -> Result<Vec<SentenceId>, Failure> {
        self.select_with_diagnostics(input).map(|s| s.sentences)
    }

    fn select_with_diagnostics(&self, input: &Input<'_>) -> Result<Selection, Failure> {
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
        let params = (self.protocol >= 2).then_some(&self.params);
        let request = protocol::request_json(input, self.protocol, params)
            .map_err(|e| fail(format!("cannot encode the input: {e}")))?;
        let timeout = Duration::try_from_secs_f64(self.timeout_s)
            .map_err(|_| fail(format!("invalid timeout_s {}", self.timeout_s)))?;
        let (reply, stderr) = match self.mode {
            Mode::PerCluster => self.ask_new_process(request, timeout),
            Mode::Persistent => self.ask_persistent(&request, timeout),
        }
        .map_err(fail)?;
        protocol::resolve(reply, input).map_err(|e| fail(format!("{e}{stderr}")))
    }
}

impl External {
    /// The checks of `mode` and `params` against `protocol` (whose range is declared).
    fn validate_protocol(&self) -> Result<(), String> {
        if !self.params.is_object() {
            return Err(format!(
                "params: {} is not a mapping; expected e.g. {{k: 3}}",
                self.params
            ));
        }
        let v2_only = if self.mode == Mode::Persistent {
            Some("mode: persistent")
        } else if self.params.as_object().is_some_and(|m| !m.is_empty()) {
            Some("params")
        } else {
            None
        };
        match v2_only {
            Some(what) if self.protocol < 2 => Err(format!(
                "{what} needs protocol 2 (protocol 1 has no way to carry it); add `protocol: 2` and see docs/plugins.md"
            )),
            _ => Ok(()),
        }
    }

    /// Runs a new process for one request; the reply and the stderr excerpt to append to
    /// messages about it.
    fn ask_new_process(
        &self,
        request: String,
        timeout: Duration,
    ) -> Result<(Reply, String), String> {
        let done = process::run_program(&self.command, request.into_bytes(), timeout)?;
        let stderr = process::stderr_excerpt(&done.stderr);
        if !done.status.success() {
            return Err(format!("failed ({}){stderr}", done.status));
        }
        if done.stdout.truncated {
            return Err(format!(
                "printed more than {} MiB on stdout{stderr}",
                process::STDOUT_CAP >> 20
            ));
        }
        let reply = if self.protocol == 1 {
            parse_reply(&done.stdout.bytes, 1)
        } else {
            protocol::split_once_output(&done.stdout.bytes)
                .and_then(|line| parse_reply(line, self.protocol))
        };
        reply
            .map(|r| (r, stderr.clone()))
            .map_err(|e| format!("{e}{stderr}"))
    }

    /// Asks an idle persistent process (or a new one); a process that fails is ended, one
    /// that replied in step goes back to the pool even when its choice is then refused.
    fn ask_persistent(&self, request: &str, timeout: Duration) -> Result<(Reply, String), String> {
        let deadline = Instant::now() + timeout;
        let mut session = match self.pool.take() {
            Some(s) => s,
            None => persistent::Session::start(&self.command)?,
        };
        let reply = session
            .ask(request, deadline, timeout)
            .and_then(|line| parse_reply(&line, self.protocol));
        match reply {
            Ok(reply) => {
                let stderr = session.stderr_now();
                self.pool.put(session);
                Ok((reply, stderr))
            }
            Err(e) => Err(session.fail(e)),
        }
    }

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

#[cfg(test)]
mod tests {
    use super::process::*;
    use super::protocol::*;
    use super::*;
    use crate::summarize::registry::Params;
    use crate::summarize::testing::cluster;
    use crate::summarize::{Budget, BudgetUnit};
    use crate::text::ProcessedCluster;

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
            serde_json::from_str(&request_json(&input(&c, &cands), 1, None).unwrap()).unwrap();
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
        let parse_reply = |stdout: &[u8]| parse_reply(stdout, 1).map(|r| r.choice);
        assert_eq!(
            parse_reply(b" {\"sentences\": [2, 0]}\n").unwrap(),
            Choice::Sentences(vec![2, 0])
        );
        assert_eq!(
            parse_reply(br#"{"summary": "a b"}"#).unwrap(),
            Choice::Summary("a b".into())
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
            let v = Params::from_yaml(yaml).unwrap();
            let err = build_with::<External>(v, &r).err().unwrap();
            for needle in needles {
                assert!(err.contains(needle), "{yaml}: {err}");
            }
        }
        let v = Params::from_yaml("{command: [x], timeout_s: 0.5}").unwrap();
        assert!(build_with::<External>(v, &r).is_ok());
    }

    #[test]
    fn protocol_2_features_need_protocol_2() {
        use crate::summarize::Registry;
        let r = Registry::default();
        for (yaml, needle) in [
            (
                "{command: [x], mode: persistent}",
                "mode: persistent needs protocol 2",
            ),
            ("{command: [x], params: {k: 3}}", "params needs protocol 2"),
            (
                "{command: [x], protocol: 3}",
                "protocol: 3 is out of range; expected an integer in [1, 2]",
            ),
            (
                "{command: [x], protocol: 2, params: [1]}",
                "params: [1] is not a mapping",
            ),
            ("{command: [x], mode: forever}", "forever"),
        ] {
            let v = Params::from_yaml(yaml).unwrap();
            let err = build_with::<External>(v, &r).err().unwrap();
            assert!(err.contains(needle), "{yaml}: {err}");
        }
        let v =
            serde_yaml::from_str("{command: [x], protocol: 2, mode: persistent, params: {k: 3}}")
                .unwrap();
        assert!(build_with::<External>(v, &r).is_ok());
    }

    #[test]
    fn v2_request_carries_params_and_v2_replies_may_carry_more() {
        let c = sample();
        let cands = [0, 2];
        let params = serde_json::json!({"k": 3});
        let line = request_json(&input(&c, &cands), 2, Some(&params)).unwrap();
        assert!(line.ends_with('\n') && !line.trim_end().contains('\n'));
        let json: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(
            (json["protocol"].clone(), json["params"].clone()),
            (2.into(), params)
        );
        let reply = parse_reply(
            br#"{"sentences": [2], "diagnostics": ["x"], "later": 1}"#,
            2,
        )
        .unwrap();
        assert_eq!(reply.choice, Choice::Sentences(vec![2]));
        assert_eq!(reply.diagnostics, Some(serde_json::json!(["x"])));
        // v1 stays strict, and a null diagnostics is no diagnostics.
        assert!(parse_reply(br#"{"sentences": [2], "diagnostics": ["x"]}"#, 1).is_err());
        let reply = parse_reply(br#"{"summary": "", "diagnostics": null}"#, 2).unwrap();
        assert_eq!(reply.diagnostics, None);
    }

    #[test]
    fn v2_per_cluster_output_is_a_handshake_and_one_reply() {
        let reply =
            split_once_output(b"{\"protocol\": 2, \"name\": \"x\"}\n\n{\"sentences\": []}\n")
                .unwrap();
        assert_eq!(reply, b"{\"sentences\": []}");
        for (stdout, needle) in [
            (&b""[..], "printed nothing"),
            (b"{\"sentences\": []}\n", "invalid handshake"),
            (
                b"{\"protocol\": 1}\n{\"sentences\": []}\n",
                "handshake says protocol 1",
            ),
            (b"{\"protocol\": 2}\n", "no reply"),
            (b"{\"protocol\": 2}\n{}\nlog line\n", "\"log line\""),
        ] {
            let err = split_once_output(stdout).unwrap_err();
            assert!(err.contains(needle), "{stdout:?}: {err}");
        }
    }
}

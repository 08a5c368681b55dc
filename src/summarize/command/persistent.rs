//! `mode: persistent`: one long-lived process serves many clusters. Requests go to its
//! stdin and replies come from its stdout as JSON Lines, after a handshake line; starting
//! an interpreter per cluster (~150 ms for Python) is paid once per process instead.
//!
//! Idle processes wait in a [`Pool`]: a worker takes one (or starts one when none is
//! idle), asks it one cluster and puts it back, so at most one process per worker thread
//! exists. Which process serves a cluster is left to scheduling, which is why a plugin
//! must be a function of its request. A process that times out, crashes or breaks the
//! protocol is killed with its process group, the unit fails, and the next cluster gets a
//! fresh process.
use super::super::plugin_groups::Live;
#[cfg(unix)]
use super::process::kill_group;
use super::process::{spawn, stderr_excerpt, Captured, KILL_GRACE, STDERR_CAP, STDOUT_CAP};
use super::protocol::check_handshake;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::Child;
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

/// The idle processes of one `command` system.
#[derive(Default)]
pub(super) struct Pool(Mutex<Vec<Session>>);

impl Pool {
    /// An idle process, if any.
    pub(super) fn take(&self) -> Option<Session> {
        self.0.lock().ok()?.pop()
    }

    /// Returns a process that answered in step, for the next cluster.
    pub(super) fn put(&self, session: Session) {
        if let Ok(mut idle) = self.0.lock() {
            idle.push(session);
        }
    }
}

impl Clone for Pool {
    /// A copy of a system starts its own processes.
    fn clone(&self) -> Self {
        Pool::default()
    }
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let idle = self.0.lock().map(|v| v.len()).unwrap_or(0);
        write!(f, "Pool({idle} idle)")
    }
}

/// One line of the program's stdout, as its reader thread reports it.
enum Line {
    Text(Vec<u8>),
    TooLong,
    Eof,
}

/// One running plugin process.
pub(super) struct Session {
    child: Child,
    /// Request lines go to a writer thread, so a program that is busy writing can never
    /// block us on a full stdin pipe.
    requests: Option<mpsc::Sender<Vec<u8>>>,
    lines: mpsc::Receiver<Line>,
    stderr: Arc<Mutex<Captured>>,
    stderr_done: mpsc::Receiver<()>,
    greeted: bool,
    /// Keeps the process group registered for Ctrl-C for the process's whole life.
    _live: Live,
}

impl Session {
    /// Starts the program; its handshake is read with the first request.
    pub(super) fn start(argv: &[String]) -> Result<Session, String> {
        let mut child = spawn(argv)?;
        let live = Live::register(child.id());
        let (line_tx, lines) = mpsc::channel();
        if let Some(out) = child.stdout.take() {
            read_lines(out, line_tx);
        }
        let stderr = Arc::new(Mutex::new(Captured::default()));
        let (done_tx, stderr_done) = mpsc::channel();
        if let Some(err) = child.stderr.take() {
            collect_stderr(err, Arc::clone(&stderr), done_tx);
        }
        let (requests, rx) = mpsc::channel::<Vec<u8>>();
        if let Some(mut stdin) = child.stdin.take() {
            std::thread::spawn(move || {
                for request in rx {
                    if stdin.write_all(&request).is_err() {
                        break; // it exited; the missing reply tells the story
                    }
                }
            });
        }
        Ok(Session {
            child,
            requests: Some(requests),
            lines,
            stderr,
            stderr_done,
            greeted: false,
            _live: live,
        })
    }

    /// Sends one request line and returns the reply line. After an error the process is
    /// out of step (or gone): pass the error to [`Session::fail`].
    pub(super) fn ask(
        &mut self,
        request: &str,
        deadline: Instant,
        timeout: Duration,
    ) -> Result<Vec<u8>, String> {
        if let Ok(mut stderr) = self.stderr.lock() {
            *stderr = Captured::default();
        }
        if let Some(tx) = &self.requests {
            let _ = tx.send(request.as_bytes().to_vec());
        }
        if !self.greeted {
            let hello = self.next_line(deadline, timeout)?;
            check_handshake(&hello)?;
            self.greeted = true;
        }
        self.next_line(deadline, timeout)
    }

    /// The next non-blank stdout line, before `deadline`.
    fn next_line(&mut self, deadline: Instant, timeout: Duration) -> Result<Vec<u8>, String> {
        loop {
            match self
                .lines
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok(Line::Text(l)) if l.iter().all(u8::is_ascii_whitespace) => {}
                Ok(Line::Text(l)) => return Ok(l),
                Ok(Line::TooLong) => {
                    return Err(format!(
                        "printed a line longer than {} MiB on stdout",
                        STDOUT_CAP >> 20
                    ))
                }
                Ok(Line::Eof) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(format!(
                        "{} before replying (persistent process)",
                        self.exit_status()
                    ))
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    return Err(format!(
                        "still running after the {} s timeout; killed it and its process group \
                         (the next cluster starts a new process)",
                        timeout.as_secs_f64()
                    ))
                }
            }
        }
    }

    /// How the process ended, once it closed its stdout.
    fn exit_status(&mut self) -> String {
        let until = Instant::now() + KILL_GRACE;
        // Only on this failure path: stdout is closed, so the exit is imminent.
        while Instant::now() < until {
            if let Ok(Some(status)) = self.child.try_wait() {
                return format!("exited ({status})");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        "closed its stdout".to_string()
    }

    /// Ends the process after a failed request and returns `error` with its stderr.
    pub(super) fn fail(mut self, error: String) -> String {
        self.stop();
        let _ = self.stderr_done.recv_timeout(KILL_GRACE);
        let stderr = self
            .stderr
            .lock()
            .map(|c| stderr_excerpt(&c))
            .unwrap_or_default();
        format!("{error}{stderr}")
    }

    /// What the process wrote on stderr during the current request, for messages about a
    /// reply that was read but is wrong.
    pub(super) fn stderr_now(&self) -> String {
        self.stderr
            .lock()
            .map(|c| stderr_excerpt(&c))
            .unwrap_or_default()
    }

    /// Closes stdin and kills the process group: a plugin needs no cleanup (see
    /// docs/plugins.md), and waiting for it to notice EOF would only slow the run's end.
    fn stop(&mut self) {
        self.requests = None;
        #[cfg(unix)]
        kill_group(self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.requests.is_some() {
            self.stop();
        }
    }
}

/// Reads stdout line by line on a thread; a line over [`STDOUT_CAP`] ends the reading.
fn read_lines(out: impl Read + Send + 'static, tx: mpsc::Sender<Line>) {
    std::thread::spawn(move || {
        let mut reader = BufReader::new(out);
        loop {
            let mut line = Vec::new();
            let read = (&mut reader)
                .take(STDOUT_CAP as u64 + 1)
                .read_until(b'\n', &mut line);
            let event = match read {
                Ok(0) | Err(_) => Line::Eof,
                Ok(_) if line.len() > STDOUT_CAP => Line::TooLong,
                Ok(_) => Line::Text(line),
            };
            let last = !matches!(event, Line::Text(_));
            if tx.send(event).is_err() || last {
                break;
            }
        }
    });
}

/// Keeps the process's stderr (up to [`STDERR_CAP`] per request) on a thread, and says
/// when it is closed.
fn collect_stderr(
    mut err: impl Read + Send + 'static,
    into: Arc<Mutex<Captured>>,
    done: mpsc::Sender<()>,
) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            match err.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    if let Ok(mut c) = into.lock() {
                        c.push(&buf[..n], STDERR_CAP);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        let _ = done.send(());
    });
}

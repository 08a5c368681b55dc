//! Starting a plugin process and running it to completion once: spawned in its own
//! process group (registered for Ctrl-C), stdin fed and stdout/stderr drained on threads
//! so no pipe can deadlock, the exit awaited by a blocking wait on a thread (so a plugin's
//! time is not inflated by polling), and the whole group killed when it runs over.
use super::super::plugin_groups::Live;
use std::io::{Read, Write};
use std::process::{Child, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Largest stdout accepted; a reply naming sentence ids is a few bytes.
pub(super) const STDOUT_CAP: usize = 16 << 20;
/// How much stderr is kept for failure messages (the rest is read and discarded).
pub(super) const STDERR_CAP: usize = 64 << 10;
/// Stderr lines quoted in a failure message (plus the last line when there are more,
/// since a Python traceback ends with the exception).
const STDERR_LINES: usize = 5;
/// How long to wait for a killed program's stderr before giving up on it.
pub(super) const KILL_GRACE: Duration = Duration::from_millis(200);

/// Bytes read from one of the program's output pipes.
#[derive(Debug, Default)]
pub(super) struct Captured {
    /// What was kept.
    pub(super) bytes: Vec<u8>,
    /// Whether more was written than was kept.
    pub(super) truncated: bool,
}

impl Captured {
    /// Appends `data`, keeping at most `cap` bytes in all.
    pub(super) fn push(&mut self, data: &[u8], cap: usize) {
        let room = cap.saturating_sub(self.bytes.len());
        self.truncated |= data.len() > room;
        self.bytes.extend_from_slice(&data[..data.len().min(room)]);
    }
}

/// A program that ran to completion within its timeout.
#[derive(Debug)]
pub(super) struct Finished {
    /// How it exited.
    pub(super) status: ExitStatus,
    /// Its stdout.
    pub(super) stdout: Captured,
    /// Its stderr.
    pub(super) stderr: Captured,
}

/// Which output pipe a reader thread served.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pipe {
    Stdout,
    Stderr,
}

/// What the helper threads of one run report.
enum Event {
    Output(Pipe, Captured),
    Exited(std::io::Result<ExitStatus>),
}

/// Starts `argv` with piped stdio, in its own process group on Unix so a timeout can kill
/// the children it starts too. Errors say where a missing program was looked for.
pub(super) fn spawn(argv: &[String]) -> Result<Child, String> {
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| "`command` is empty".to_string())?;
    super::super::plugin_groups::install();
    let mut command = std::process::Command::new(program);
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    command.spawn().map_err(|e| {
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
    })
}

/// Sends SIGKILL to the process group led by `pid` (the program and what it started).
#[cfg(unix)]
pub(super) fn kill_group(pid: u32) {
    if let Ok(pgid) = libc::pid_t::try_from(pid) {
        // SAFETY: kill(2) has no memory-safety preconditions. The group was created by
        // spawning its leader with `process_group(0)`; callers only kill before the
        // leader was reaped or while the group still has members, so the id is ours.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
}

/// Kills a program whose exit a thread is waiting for.
enum Killer {
    /// On Unix the process group is killed by id, so the waiting thread keeps the child.
    #[cfg(unix)]
    Group(u32),
    /// Elsewhere the child is shared with the (polling) waiting thread.
    #[cfg(not(unix))]
    Child(std::sync::Arc<std::sync::Mutex<Child>>),
}

impl Killer {
    fn kill(&self) {
        match self {
            #[cfg(unix)]
            Killer::Group(pid) => kill_group(*pid),
            #[cfg(not(unix))]
            Killer::Child(child) => {
                if let Ok(mut c) = child.lock() {
                    let _ = c.kill();
                }
            }
        }
    }
}

/// Waits for `child` to exit on a thread and reports it on `tx`.
#[cfg(unix)]
fn watch(mut child: Child, tx: mpsc::Sender<Event>) -> Killer {
    let pid = child.id();
    std::thread::spawn(move || {
        let _ = tx.send(Event::Exited(child.wait()));
    });
    Killer::Group(pid)
}

/// Waits for `child` to exit on a thread and reports it on `tx`; without process groups
/// the child must stay reachable for `kill`, so this thread polls.
#[cfg(not(unix))]
fn watch(child: Child, tx: mpsc::Sender<Event>) -> Killer {
    let child = std::sync::Arc::new(std::sync::Mutex::new(child));
    let watched = std::sync::Arc::clone(&child);
    std::thread::spawn(move || loop {
        let polled = watched.lock().map(|mut c| c.try_wait());
        match polled {
            Ok(Ok(None)) => std::thread::sleep(Duration::from_millis(1)),
            Ok(Ok(Some(status))) => break drop(tx.send(Event::Exited(Ok(status)))),
            Ok(Err(e)) => break drop(tx.send(Event::Exited(Err(e)))),
            Err(_) => break,
        }
    });
    Killer::Child(child)
}

/// Reads `source` to its end on a thread, keeping at most `cap` bytes, and sends the
/// result; draining past the cap keeps the program from blocking on a full pipe.
fn drain(mut source: impl Read + Send + 'static, pipe: Pipe, cap: usize, tx: mpsc::Sender<Event>) {
    std::thread::spawn(move || {
        let mut out = Captured::default();
        let mut buf = [0u8; 8192];
        loop {
            match source.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => out.push(&buf[..n], cap),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        // The receiver is gone only when we already gave up on this program.
        let _ = tx.send(Event::Output(pipe, out));
    });
}

/// Collects the stderr of a killed program if it arrives within [`KILL_GRACE`].
fn stderr_after_kill(rx: &mpsc::Receiver<Event>) -> String {
    let until = Instant::now() + KILL_GRACE;
    while let Ok(event) = rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
        if let Event::Output(Pipe::Stderr, captured) = event {
            return stderr_excerpt(&captured);
        }
    }
    String::new()
}

/// Runs `argv` with `input` on its stdin, waiting at most `timeout` for it to exit and
/// close its output. Errors describe what happened (spawn failure, timeout).
pub(super) fn run_program(
    argv: &[String],
    input: Vec<u8>,
    timeout: Duration,
) -> Result<Finished, String> {
    let mut child = spawn(argv)?;
    // Until this is dropped (the program finished or was killed), a Ctrl-C on sumbench
    // kills the program's group too.
    let _live = Live::register(child.id());
    let deadline = Instant::now() + timeout;
    let (tx, rx) = mpsc::channel();
    if let Some(out) = child.stdout.take() {
        drain(out, Pipe::Stdout, STDOUT_CAP, tx.clone());
    }
    if let Some(err) = child.stderr.take() {
        drain(err, Pipe::Stderr, STDERR_CAP, tx.clone());
    }
    if let Some(mut stdin) = child.stdin.take() {
        // A program may exit without reading its input; the broken pipe is not an error.
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
    }
    let killer = watch(child, tx);
    let (mut stdout, mut stderr, mut status) = (None, None, None);
    while stdout.is_none() || stderr.is_none() || status.is_none() {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(Event::Output(Pipe::Stdout, c)) => stdout = Some(c),
            Ok(Event::Output(Pipe::Stderr, c)) => stderr = Some(c),
            Ok(Event::Exited(Ok(s))) => status = Some(s),
            Ok(Event::Exited(Err(e))) => {
                killer.kill();
                return Err(format!("could not wait for the program: {e}"));
            }
            Err(_) => {
                killer.kill();
                return Err(overran(status, stderr, &rx, timeout));
            }
        }
    }
    let Some(status) = status else {
        return Err("the program's exit status was lost".into());
    };
    Ok(Finished {
        status,
        stdout: stdout.unwrap_or_default(),
        stderr: stderr.unwrap_or_default(),
    })
}

/// The message for a program killed at its timeout, told apart by whether it had exited
/// (then a child it started still held its output open).
fn overran(
    status: Option<ExitStatus>,
    stderr: Option<Captured>,
    rx: &mpsc::Receiver<Event>,
    timeout: Duration,
) -> String {
    let stderr = match stderr {
        Some(c) => stderr_excerpt(&c),
        None => stderr_after_kill(rx),
    };
    let secs = timeout.as_secs_f64();
    match status {
        None => format!(
            "still running after the {secs} s timeout; killed it and its process group{stderr}"
        ),
        Some(status) => format!(
            "exited ({status}) but its output stayed open (a background child?) \
             after the {secs} s timeout; killed its process group{stderr}"
        ),
    }
}

/// The first lines of stderr (and its last line when more were left out), formatted to
/// follow a failure message; empty when the program wrote nothing there.
pub(super) fn stderr_excerpt(stderr: &Captured) -> String {
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

//! Small helpers shared by several stages: atomic file writes, and the one policy for
//! reading text that other tools wrote (articles, references, `score` input), so `run`
//! and `score` treat the same bytes the same way.
use crate::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a
/// rename, so a crash or a full disk never leaves a half-written result file behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes).map_err(|e| Error::io(path, e)))
}

/// [`write_atomic`] of what `write` writes, through a buffer: a file too large to build
/// in memory (a large run's results, streamed from its journal).
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let file_name = path
        .file_name()
        .ok_or_else(|| Error::Usage(format!("{}: not a file path", path.display())))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let f = std::fs::File::create(&tmp).map_err(|e| Error::io(path, e))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
        write(&mut w)?;
        let f = w
            .into_inner()
            .map_err(|e| Error::io(path, e.into_error()))?;
        f.sync_all().map_err(|e| Error::io(path, e))?;
        std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Where a file was not valid UTF-8 and was decoded lossily: enough to find the byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LossyDecoding {
    /// The file (as the user named it, or `<stdin>`).
    pub path: std::path::PathBuf,
    /// 1-based line of the first bad byte.
    pub line: usize,
    /// Byte offset of the first bad byte in the file (before any byte-order mark is dropped).
    pub offset: usize,
}

impl std::fmt::Display for LossyDecoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: not valid UTF-8 (first bad byte at byte offset {}); decoded lossily",
            self.path.display(),
            self.line,
            self.offset
        )
    }
}

/// Decodes a text file's bytes with sumbench's one input policy, naming `path` in every
/// message: a file holding a NUL byte is refused as binary (a copied executable or an
/// image is not an article, and lossy decoding would turn it into garbage summaries); a
/// leading UTF-8 byte-order mark is dropped; invalid UTF-8 (a stray Latin-1 byte is
/// common in scraped text) is decoded lossily to U+FFFD and returned as a
/// [`LossyDecoding`], which the caller reports (see [`report_lossy`]): a run gathers
/// them into its results, `score` prints them.
pub fn decode_text(bytes: Vec<u8>, path: &Path) -> Result<(String, Option<LossyDecoding>)> {
    decode_part(bytes, path, (1, 0))
}

/// [`decode_text`] for part of a file read piece by piece (a line of a JSON Lines file),
/// which starts on 1-based line `line` at byte `offset` of the file: messages give the
/// file's line and offset, and only the file's start may hold a byte-order mark.
pub(crate) fn decode_part(
    bytes: Vec<u8>,
    path: &Path,
    (line, offset): (usize, usize),
) -> Result<(String, Option<LossyDecoding>)> {
    let line_at = |bytes: &[u8], at: usize| line - 1 + line_of(bytes, at);
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::input(
            path,
            Some(line_at(&bytes, at)),
            format!(
                "looks like a binary file (NUL byte at byte offset {}); expected UTF-8 text",
                offset + at
            ),
        ));
    }
    let (text, lossy) = match String::from_utf8(bytes) {
        Ok(s) => (s, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let lossy = LossyDecoding {
                path: path.to_owned(),
                line: line_at(&bytes, at),
                offset: offset + at,
            };
            (String::from_utf8_lossy(&bytes).into_owned(), Some(lossy))
        }
    };
    let text = match text.strip_prefix('\u{feff}').filter(|_| offset == 0) {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    Ok((text, lossy))
}

thread_local! {
    /// The lossy decodings gathered by the innermost [`capture_lossy`] on this thread.
    static CAPTURED: std::cell::RefCell<Option<Vec<LossyDecoding>>> =
        const { std::cell::RefCell::new(None) };
}

/// Reports a lossy decoding: recorded by the enclosing [`capture_lossy`] on this thread
/// (a run puts them in its results and one summary), otherwise printed on stderr at once.
///
/// A scoped capture rather than a collector argument because the files are read deep in
/// every dataset reader, whose public signatures (used by plugins, benches and examples)
/// would all have to carry it; readers are sequential, so the reading thread is the
/// capturing one, and a reader that went parallel would print rather than lose anything.
pub fn report_lossy(lossy: LossyDecoding) {
    let unclaimed = CAPTURED.with(|c| match c.borrow_mut().as_mut() {
        Some(list) => {
            list.push(lossy);
            None
        }
        None => Some(lossy),
    });
    if let Some(lossy) = unclaimed {
        eprintln!("warning: {lossy}");
    }
}

/// Runs `f`, returning what it returned and every lossy decoding reported during it on
/// this thread, in the order they happened (nested captures each keep their own).
pub fn capture_lossy<T>(f: impl FnOnce() -> T) -> (T, Vec<LossyDecoding>) {
    // Restored even if `f` panics, so a caught panic cannot leave a capture switched on.
    struct Restore(Option<Vec<LossyDecoding>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            CAPTURED.with(|c| *c.borrow_mut() = outer);
        }
    }
    let restore = Restore(CAPTURED.with(|c| c.replace(Some(Vec::new()))));
    let value = f();
    let captured = CAPTURED.with(|c| c.borrow_mut().take()).unwrap_or_default();
    drop(restore);
    (value, captured)
}

/// The 1-based line holding byte offset `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Replaces JSON `\uXXXX` escapes of unpaired UTF-16 surrogates with `\ufffd`, returning
/// the text and how many were replaced. Python's `json` (and so rouge-score's users)
/// accepts such escapes and its tokenizers treat the character as a separator, as they
/// treat U+FFFD; serde_json refuses them, so without this a file rouge-score reads would
/// be an error here.
pub fn replace_lone_surrogates(json: &str) -> (std::borrow::Cow<'_, str>, usize) {
    let surrogate = |hex: &[u8]| -> Option<u16> {
        let v = u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
        (0xD800..=0xDFFF).contains(&v).then_some(v)
    };
    let b = json.as_bytes();
    if !json.contains("\\u") {
        return (json.into(), 0);
    }
    let mut out = String::with_capacity(json.len());
    let (mut i, mut copied, mut replaced) = (0, 0, 0);
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        // An escape: `\\` and `\"` skip the escaped byte; only `\u` needs a look.
        if b.get(i + 1) != Some(&b'u') || i + 6 > b.len() {
            i += 2;
            continue;
        }
        let Some(v) = surrogate(&b[i + 2..i + 6]) else {
            i += 6;
            continue;
        };
        let paired = v < 0xDC00
            && b.get(i + 6) == Some(&b'\\')
            && b.get(i + 7) == Some(&b'u')
            && i + 12 <= b.len()
            && surrogate(&b[i + 8..i + 12]).is_some_and(|w| w >= 0xDC00);
        if paired {
            i += 12;
            continue;
        }
        out.push_str(&json[copied..i]);
        out.push_str("\\ufffd");
        i += 6;
        copied = i;
        replaced += 1;
    }
    if replaced == 0 {
        return (json.into(), 0);
    }
    out.push_str(&json[copied..]);
    (out.into(), replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_files_are_refused_and_a_bom_is_dropped() {
        let p = Path::new("a.txt");
        let err = decode_text(b"ELF\n\x00\x01".to_vec(), p).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.txt:2: looks like a binary file (NUL byte at byte offset 4); expected UTF-8 text"
        );
        assert_eq!(
            decode_text(b"\xef\xbb\xbfHi.".to_vec(), p).unwrap(),
            ("Hi.".to_owned(), None)
        );
        let (text, lossy) = decode_text(b"ok\ncaf\xe9 ok".to_vec(), p).unwrap();
        assert_eq!(text, "ok\ncaf\u{fffd} ok");
        assert_eq!(
            lossy.unwrap().to_string(),
            "a.txt:2: not valid UTF-8 (first bad byte at byte offset 6); decoded lossily"
        );
    }

    #[test]
    fn captured_lossy_decodings_are_returned_in_order_and_nested_captures_are_separate() {
        let at = |offset| LossyDecoding {
            path: "x.txt".into(),
            line: 1,
            offset,
        };
        let ((), outer) = capture_lossy(|| {
            report_lossy(at(1));
            let ((), inner) = capture_lossy(|| report_lossy(at(2)));
            assert_eq!(inner, [at(2)]);
            report_lossy(at(3));
        });
        assert_eq!(outer, [at(1), at(3)]);
    }

    #[test]
    fn only_unpaired_surrogate_escapes_are_replaced() {
        let fix = |s: &str| {
            let (t, n) = replace_lone_surrogates(s);
            (t.into_owned(), n)
        };
        assert_eq!(fix(r#""a\ud800b""#), (r#""a\ufffdb""#.into(), 1));
        assert_eq!(fix(r#""\udc00""#), (r#""\ufffd""#.into(), 1));
        // A valid pair (U+1F600), an escaped backslash before "ud800", plain escapes.
        assert_eq!(fix(r#""\ud83d\ude00""#), (r#""\ud83d\ude00""#.into(), 0));
        assert_eq!(fix(r#""\\ud800""#), (r#""\\ud800""#.into(), 0));
        assert_eq!(fix(r#""\u00e9\n""#), (r#""\u00e9\n""#.into(), 0));
        // A high surrogate followed by another high one: both unpaired.
        assert_eq!(fix(r#""\ud800\ud800x""#), (r#""\ufffd\ufffdx""#.into(), 2));
        // Truncated escape at the end: left for the JSON parser to report.
        assert_eq!(fix(r#""\ud8"#), (r#""\ud8"#.into(), 0));
    }

    #[test]
    fn atomic_write_replaces_content_and_leaves_no_temp_file() {
        let dir = std::env::temp_dir().join(format!("sumbench-util-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("out.json");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "temporary file left behind: {names:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// How much the commands say on stderr besides errors, set once by the CLI's global
/// `--quiet` / `--verbose`. Process-wide because it is the user's wish for the whole
/// invocation, and threading it through every call would touch every command's signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// No progress bar and no informational notes; the warnings summary and errors
    /// still print, because they report problems with the run.
    Quiet,
    /// The default: a progress bar on a terminal.
    Normal,
    /// Also what is being run (datasets, systems, threads) and where the time went.
    Verbose,
}

static VERBOSITY: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(1);

/// Sets the process's [`Verbosity`].
pub fn set_verbosity(v: Verbosity) {
    VERBOSITY.store(v as u8, std::sync::atomic::Ordering::Relaxed);
}

/// The process's [`Verbosity`] (default [`Verbosity::Normal`]).
pub fn verbosity() -> Verbosity {
    match VERBOSITY.load(std::sync::atomic::Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

//! The run journal: a JSON Lines file a run appends every finished record to as it
//! finishes, so a crash, a kill or Ctrl-C loses at most the units still running, and a
//! results file can be rebuilt (and a run resumed, and shards merged) from it.
//!
//! Line 1 is a [`Header`]: the journal format, the sumbench version, the whole config as
//! run and its digest ([`crate::check::baseline::digest`], the one `sumbench check` uses),
//! the shard (if any) and the run's plan. Every further line is one record, written with
//! a single `write` call and so visible to other processes (and kept by the kernel
//! through a `SIGKILL`) as soon as it returns. Durability against a power cut costs an
//! `fsync`, which is slow on network file systems, so the writer syncs at a bounded
//! interval instead: after [`SYNC_EVERY_RECORDS`] records or [`SYNC_EVERY`], whichever
//! comes first, and when it finishes.
//!
//! A process killed inside a `write` can leave a last line without its newline: the
//! reader drops such a torn last line (and says so), because the unit it held is simply
//! run again. Anything else that does not parse is corruption, reported with the file
//! and the line, since guessing past it could drop or double units silently.
use crate::{Error, Result};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The journal format this sumbench reads and writes (the header's `sumbench_journal`).
pub const FORMAT: u32 = 1;

/// Records written between two `fsync`s at most.
pub const SYNC_EVERY_RECORDS: usize = 256;

/// Time between two `fsync`s at most, while records keep coming.
pub const SYNC_EVERY: Duration = Duration::from_secs(2);

/// Which part of a sharded run a journal holds: shard `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardId {
    /// 1-based shard number.
    pub index: usize,
    /// Number of shards.
    pub count: usize,
}

impl std::fmt::Display for ShardId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The first line of a journal: what produced it, so a resume or a merge can refuse
/// records that another config or version produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Journal format ([`FORMAT`]).
    pub sumbench_journal: u32,
    /// sumbench version that wrote the records.
    pub sumbench_version: String,
    /// Run name.
    pub run: String,
    /// Digest of the whole config as run ([`crate::check::baseline::digest`]).
    pub config_digest: String,
    /// The shard this journal holds (absent: the whole run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<ShardPart>,
    /// The config as run (the results file's `config`).
    pub config: serde_json::Value,
    /// The run's plan (systems, datasets), as the harness announced it.
    pub plan: serde_json::Value,
}

/// A shard's identity and the clusters it was given, so a merge can name exactly which
/// units are missing from an interrupted shard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardPart {
    /// Which shard.
    pub id: ShardId,
    /// Digest of the cost model that balanced the partition: shards balanced by
    /// different models would not partition the clusters the same way.
    pub model: String,
    /// Per dataset (in plan order), the indices of the clusters this shard runs.
    pub clusters: Vec<Vec<usize>>,
}

impl Header {
    /// A header for `config` (the JSON the results file records) and `plan`.
    pub fn new(
        run: &str,
        config: serde_json::Value,
        plan: serde_json::Value,
        shard: Option<ShardPart>,
    ) -> Self {
        Header {
            sumbench_journal: FORMAT,
            sumbench_version: env!("CARGO_PKG_VERSION").to_string(),
            run: run.to_owned(),
            config_digest: crate::check::baseline::digest(&config),
            shard,
            config,
            plan,
        }
    }

    /// Why records under `other` cannot stand for records under `self` (same version,
    /// same config, section by section), or `None` when they can.
    pub fn mismatch(&self, other: &Header) -> Option<String> {
        if self.sumbench_version != other.sumbench_version {
            return Some(format!(
                "sumbench version {} vs {}",
                self.sumbench_version, other.sumbench_version
            ));
        }
        if self.config_digest == other.config_digest {
            return None;
        }
        let (a, b) = (&self.config, &other.config);
        let mut keys: Vec<&String> = a
            .as_object()
            .into_iter()
            .chain(b.as_object())
            .flat_map(|m| m.keys())
            .collect();
        keys.sort();
        keys.dedup();
        let differ: Vec<&str> = keys
            .into_iter()
            .filter(|k| a.get(k.as_str()) != b.get(k.as_str()))
            .map(String::as_str)
            .collect();
        Some(format!(
            "config digest {} vs {} (differing: {})",
            self.config_digest,
            other.config_digest,
            if differ.is_empty() {
                "none at the top level".to_string()
            } else {
                differ.join(", ")
            }
        ))
    }
}

/// Appends records to a journal, one line each, syncing at a bounded interval.
pub struct Writer {
    path: PathBuf,
    file: std::fs::File,
    unsynced: usize,
    last_sync: Instant,
}

impl Writer {
    /// Creates (or truncates) `path` and writes `header`, synced, as its first line.
    pub fn create(path: &Path, header: &Header) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
        let mut w = Writer {
            path: path.to_owned(),
            file,
            unsynced: 0,
            last_sync: Instant::now(),
        };
        w.line(header)?;
        w.sync()?;
        Ok(w)
    }

    /// Rewrites `path` as `header` followed by `records` (a resumed journal: the records
    /// kept from before), atomically, and opens it for appending.
    pub fn rewrite<R: Serialize>(path: &Path, header: &Header, records: &[R]) -> Result<Self> {
        let mut text = line_of(header)?;
        for r in records {
            text.push_str(&line_of(r)?);
        }
        crate::util::write_atomic(path, text.as_bytes())?;
        Self::append_to(path)
    }

    /// Rewrites `path` as `header` followed by the complete record lines of the journal
    /// `source` up to byte `end` (a resumed journal: the records kept from before; `end`
    /// leaves a torn last line out), copied as they are, atomically, and opens it for
    /// appending. Copies line by line, so a journal of any size takes constant memory.
    pub fn rewrite_from(path: &Path, header: &Header, source: &Path, end: u64) -> Result<Self> {
        let source_file = std::fs::File::open(source).map_err(|e| Error::io(source, e))?;
        let mut reader = std::io::BufReader::new(source_file);
        let mut first = Vec::new();
        reader
            .read_until(b'\n', &mut first)
            .map_err(|e| Error::io(source, e))?;
        let mut records = std::io::Read::take(reader, end.saturating_sub(first.len() as u64));
        crate::util::write_atomic_with(path, |w| {
            w.write_all(line_of(header)?.as_bytes())
                .and_then(|()| std::io::copy(&mut records, w).map(drop))
                .map_err(|e| Error::io(path, e))
        })?;
        Self::append_to(path)
    }

    /// Opens the journal just written at `path` for appending the run's next records.
    fn append_to(path: &Path) -> Result<Self> {
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| Error::io(path, e))?;
        Ok(Writer {
            path: path.to_owned(),
            file,
            unsynced: 0,
            last_sync: Instant::now(),
        })
    }

    /// Appends one record; syncs when [`SYNC_EVERY_RECORDS`] records or [`SYNC_EVERY`]
    /// have passed since the last sync.
    pub fn append<R: Serialize>(&mut self, record: &R) -> Result<()> {
        self.line(record)?;
        self.unsynced += 1;
        if self.unsynced >= SYNC_EVERY_RECORDS || self.last_sync.elapsed() >= SYNC_EVERY {
            self.sync()?;
        }
        Ok(())
    }

    /// Syncs what was appended and closes the journal.
    pub fn finish(mut self) -> Result<()> {
        self.sync()
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn line<R: Serialize>(&mut self, record: &R) -> Result<()> {
        // One write call per line: a reader (or a kill) sees whole lines, or a torn last.
        let text = line_of(record)?;
        self.file
            .write_all(text.as_bytes())
            .map_err(|e| Error::io(&self.path, e))
    }

    fn sync(&mut self) -> Result<()> {
        self.file
            .sync_data()
            .map_err(|e| Error::io(&self.path, e))?;
        self.unsynced = 0;
        self.last_sync = Instant::now();
        Ok(())
    }
}

fn line_of<R: Serialize>(record: &R) -> Result<String> {
    let mut text = serde_json::to_string(record)
        .map_err(|e| Error::Usage(format!("cannot serialize a journal record: {e}")))?;
    text.push('\n');
    Ok(text)
}

/// A journal read back: its header, its records in file order, and what was dropped.
#[derive(Debug, Clone)]
pub struct Contents<R> {
    /// Line 1.
    pub header: Header,
    /// Every complete record line, in file order, with its 1-based line number.
    pub records: Vec<(usize, R)>,
    /// The 1-based line number of a torn last line that was dropped, if any.
    pub torn: Option<usize>,
}

/// Reads a journal: the header (an error naming line 1 if it is not one), every record
/// (an error naming the line if one does not parse), dropping only a torn last line.
pub fn read<R: DeserializeOwned>(path: &Path) -> Result<Contents<R>> {
    let mut records = Vec::new();
    let scanned = scan(path, |entry: Entry<R>| {
        records.push((entry.line, entry.record));
        Ok(())
    })?;
    Ok(Contents {
        header: scanned.header,
        records,
        torn: scanned.torn,
    })
}

/// One record of a journal, as [`scan`] reads it.
#[derive(Debug, Clone)]
pub struct Entry<R> {
    /// Its 1-based line number.
    pub line: usize,
    /// Where its line starts in the file, and its length (newline excluded), for
    /// [`Fetcher::fetch`].
    pub at: Span,
    /// The record.
    pub record: R,
}

/// A record's place in its journal file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the line's start.
    pub offset: u64,
    /// Bytes in the line, newline excluded.
    pub len: u32,
}

/// What [`scan`] found besides the records.
#[derive(Debug, Clone)]
pub struct Scanned {
    /// Line 1.
    pub header: Header,
    /// Byte offset just past the last complete line (where a torn last line starts).
    pub end: u64,
    /// The 1-based line number of a torn last line that was dropped, if any.
    pub torn: Option<usize>,
}

/// Reads a journal one line at a time, handing each record to `each` as it is parsed
/// (so a journal of any size is read in constant memory): the header (an error naming
/// line 1 if it is not one), every record (an error naming the line if one does not
/// parse), dropping only a torn last line.
pub fn scan<R: DeserializeOwned>(
    path: &Path,
    mut each: impl FnMut(Entry<R>) -> Result<()>,
) -> Result<Scanned> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = std::io::BufReader::new(file);
    let mut buf = Vec::new();
    let mut header: Option<Header> = None;
    let (mut line, mut offset, mut torn) = (0, 0u64, None);
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        line += 1;
        if buf.last() != Some(&b'\n') {
            // Only the last line can lack its newline: an interrupted write.
            torn = Some(line);
            break;
        }
        let text = &buf[..buf.len() - 1];
        let at = Span {
            offset,
            len: u32::try_from(text.len())
                .map_err(|_| Error::input(path, Some(line), "a journal line over 4 GB"))?,
        };
        offset += n as u64;
        match header {
            None => header = Some(parse_header(path, line, text)?),
            Some(_) => each(Entry {
                line,
                at,
                record: parse_record(path, line, text)?,
            })?,
        }
    }
    let header = header.ok_or_else(|| {
        Error::input(
            path,
            Some(1),
            "empty journal: expected a header line (the run was killed before it started?)",
        )
    })?;
    Ok(Scanned {
        header,
        end: offset,
        torn,
    })
}

/// Reads only a journal's header (line 1).
pub fn read_header(path: &Path) -> Result<Header> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut buf = Vec::new();
    std::io::BufReader::new(file)
        .read_until(b'\n', &mut buf)
        .map_err(|e| Error::io(path, e))?;
    if buf.last() != Some(&b'\n') {
        return Err(Error::input(
            path,
            Some(1),
            "empty journal: expected a header line (the run was killed before it started?)",
        ));
    }
    parse_header(path, 1, &buf[..buf.len() - 1])
}

fn parse_header(path: &Path, line: usize, text: &[u8]) -> Result<Header> {
    let text = utf8(path, line, text)?;
    let h: Header = serde_json::from_str(text).map_err(|e| {
        Error::input(
            path,
            Some(line),
            format!("expected a sumbench journal header (`sumbench_journal: {FORMAT}`): {e}"),
        )
    })?;
    if h.sumbench_journal != FORMAT {
        return Err(Error::input(
            path,
            Some(line),
            format!(
                "journal format {}, but this sumbench reads format {FORMAT}",
                h.sumbench_journal
            ),
        ));
    }
    Ok(h)
}

fn parse_record<R: DeserializeOwned>(path: &Path, line: usize, text: &[u8]) -> Result<R> {
    serde_json::from_str(utf8(path, line, text)?).map_err(|e| {
        Error::input(
            path,
            Some(line),
            format!(
                "malformed journal record ({e}); only a last line without its newline \
                 (an interrupted write) is dropped, anything else is corruption"
            ),
        )
    })
}

fn utf8<'t>(path: &Path, line: usize, text: &'t [u8]) -> Result<&'t str> {
    std::str::from_utf8(text)
        .map_err(|_| Error::input(path, Some(line), "not UTF-8: the journal is corrupted"))
}

/// Reads single records back from journals already [`scan`]ned, by their [`Span`]s.
pub struct Fetcher {
    files: Vec<(PathBuf, std::fs::File)>,
    buf: Vec<u8>,
}

impl Fetcher {
    /// Opens `paths` for reading.
    pub fn open(paths: &[PathBuf]) -> Result<Self> {
        let files = paths
            .iter()
            .map(|p| {
                std::fs::File::open(p)
                    .map(|f| (p.clone(), f))
                    .map_err(|e| Error::io(p, e))
            })
            .collect::<Result<_>>()?;
        Ok(Fetcher {
            files,
            buf: Vec::new(),
        })
    }

    /// The record at `at` in the `file`th journal.
    pub fn fetch<R: DeserializeOwned>(&mut self, file: usize, at: Span) -> Result<R> {
        use std::io::{Read, Seek, SeekFrom};
        let (path, f) = &mut self.files[file];
        self.buf.resize(at.len as usize, 0);
        f.seek(SeekFrom::Start(at.offset))
            .and_then(|_| f.read_exact(&mut self.buf))
            .map_err(|e| Error::io(&*path, e))?;
        serde_json::from_slice(&self.buf).map_err(|e| {
            Error::input(
                &*path,
                None,
                format!("the journal changed while it was being read ({e})"),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(digest_seed: u64) -> Header {
        Header::new(
            "t",
            serde_json::json!({"name": "t", "seed": digest_seed}),
            serde_json::json!({}),
            None,
        )
    }

    fn tmp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("sumbench-journal-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    #[test]
    fn records_come_back_in_order_with_their_lines() {
        let path = tmp("roundtrip.jsonl");
        let mut w = Writer::create(&path, &header(1)).unwrap();
        for i in 0..3u32 {
            w.append(&serde_json::json!({"unit": i})).unwrap();
        }
        w.finish().unwrap();
        let c: Contents<serde_json::Value> = read(&path).unwrap();
        assert_eq!(c.header, header(1));
        let lines: Vec<usize> = c.records.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 3, 4]);
        assert_eq!(c.records[2].1, serde_json::json!({"unit": 2}));
        assert_eq!(c.torn, None);
    }

    #[test]
    fn a_torn_last_line_is_dropped_and_reported() {
        let path = tmp("torn.jsonl");
        let mut w = Writer::create(&path, &header(1)).unwrap();
        w.append(&serde_json::json!({"unit": 0})).unwrap();
        w.finish().unwrap();
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        f.write_all(b"{\"unit\": 1, \"summ").unwrap();
        drop(f);
        let c: Contents<serde_json::Value> = read(&path).unwrap();
        assert_eq!(c.records.len(), 1);
        assert_eq!(c.torn, Some(3));
    }

    #[test]
    fn corruption_before_the_last_line_names_file_and_line() {
        let path = tmp("corrupt.jsonl");
        let h = line_of(&header(1)).unwrap();
        std::fs::write(
            &path,
            format!("{h}{{\"unit\": 0}}\n{{broken\n{{\"unit\": 2}}\n"),
        )
        .unwrap();
        let err = read::<serde_json::Value>(&path).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("{}:3: malformed journal record", path.display())),
            "{err}"
        );
    }

    #[test]
    fn a_file_that_is_not_a_journal_is_refused_at_line_1() {
        let path = tmp("notajournal.jsonl");
        std::fs::write(&path, "{\"id\": \"c1\", \"docs\": []}\n").unwrap();
        let err = read::<serde_json::Value>(&path).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!(
                "{}:1: expected a sumbench journal header",
                path.display()
            )),
            "{err}"
        );
    }

    #[test]
    fn mismatch_names_the_differing_sections() {
        assert_eq!(header(1).mismatch(&header(1)), None);
        let m = header(1).mismatch(&header(2)).unwrap();
        assert!(m.contains("(differing: seed)"), "{m}");
        let mut other = header(1);
        other.sumbench_version = "0.0.0".into();
        assert!(header(1)
            .mismatch(&other)
            .unwrap()
            .starts_with("sumbench version"));
    }

    #[test]
    fn a_rewritten_journal_keeps_its_records_and_appends_after_them() {
        let path = tmp("rewrite.jsonl");
        let kept = [serde_json::json!({"unit": 0})];
        let mut w = Writer::rewrite(&path, &header(1), &kept).unwrap();
        w.append(&serde_json::json!({"unit": 1})).unwrap();
        w.finish().unwrap();
        let c: Contents<serde_json::Value> = read(&path).unwrap();
        assert_eq!(c.records.len(), 2);
        assert_eq!(c.records[1].1, serde_json::json!({"unit": 1}));
    }
}

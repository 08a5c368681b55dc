//! Builds a journaled run's results file from its journals, in memory that does not
//! grow with the summaries: a first pass reads the journals one line at a time and keeps,
//! per record, where it is in its file and the few numbers the aggregates need
//! (`event::Tally`); the averages, confidence intervals, significance and warnings come from
//! those; a second pass writes the results file, fetching each cluster's and unit's
//! record from its journal in plan order and serializing it straight into the file.
//!
//! The file is the same document, field for field and byte for byte, as
//! [`crate::report::to_json`] of the results [`crate::event::aggregate`] builds from the
//! same records in memory (tests/scale.rs compares the two).
use super::journal::{self, Fetcher, Scanned, Span};
use super::journaled::Line;
use crate::config::Config;
use crate::event::{Plan, Slot, Tally};
use crate::report::{self, RunResults, RunTimings, UnitResult};
use crate::rouge::Scorer;
use crate::{Error, Result};
use serde::ser::{Error as _, SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};
use std::cell::RefCell;
use std::path::{Path, PathBuf};

/// Where every record of a run is, in which journal, and the run's [`Tally`].
pub(crate) struct Index {
    paths: Vec<PathBuf>,
    tally: Tally,
    /// Per cluster of the plan (in plan order): its journal and line.
    clusters: Vec<(u32, Span)>,
    /// Per unit of the plan (in plan order): its journal and line.
    units: Vec<(u32, Span)>,
    /// Units recorded in two journals, named with both.
    duplicated: Vec<String>,
    /// What each journal's scan found besides the records.
    scanned: Vec<Scanned>,
}

impl Index {
    /// Reads the journals `paths` of one run with this `plan`, one line at a time,
    /// refusing a record that is not in the plan or is recorded twice in one journal (a
    /// unit in two journals is kept once and listed in [`Index::duplicated`]).
    pub(crate) fn scan(paths: &[PathBuf], plan: Plan) -> Result<Self> {
        let tally = Tally::new(plan);
        let (clusters, units) = (tally.clusters_len(), tally.units_len());
        let mut index = Index {
            paths: paths.to_vec(),
            tally,
            clusters: vec![(u32::MAX, Span::default()); clusters],
            units: vec![(u32::MAX, Span::default()); units],
            duplicated: Vec::new(),
            scanned: Vec::new(),
        };
        for (file, path) in paths.iter().enumerate() {
            let scanned = journal::scan(path, |entry: journal::Entry<Line>| {
                index.add(file as u32, path, entry)
            })?;
            index.scanned.push(scanned);
        }
        Ok(index)
    }

    /// Files record `entry` of journal `file` (at `path`).
    fn add(&mut self, file: u32, path: &Path, entry: journal::Entry<Line>) -> Result<()> {
        let (slot, what) = match &entry.record {
            Line::Cluster(c) => (
                self.tally.cluster_slot(c),
                format!("cluster {}", c.stats().cluster),
            ),
            Line::Unit(u) => (
                self.tally.unit_slot(u),
                format!("unit {}/{}/{}", u.dataset(), u.cluster(), u.system()),
            ),
        };
        let slot = slot.ok_or_else(|| {
            Error::input(
                path,
                Some(entry.line),
                format!("{what} is not in the journal's plan: the journal is corrupted"),
            )
        })?;
        if self.tally.has(slot) {
            let owner = match slot {
                Slot::Cluster(i) => self.clusters[i].0,
                Slot::Unit(i) => self.units[i].0,
            };
            if owner == file {
                let message = format!("{what} recorded twice");
                return Err(Error::input(path, Some(entry.line), message));
            }
            // A cluster preprocessed by two shards is the same record; a unit is not.
            if let Slot::Unit(_) = slot {
                self.duplicated.push(format!(
                    "{} (in {} and {})",
                    what.trim_start_matches("unit "),
                    self.paths[owner as usize].display(),
                    path.display()
                ));
            }
            return Ok(());
        }
        match (&entry.record, slot) {
            (Line::Cluster(c), Slot::Cluster(i)) => {
                self.tally.add_cluster(c);
                self.clusters[i] = (file, entry.at);
            }
            (Line::Unit(u), Slot::Unit(i)) => {
                self.tally.add_unit(u);
                self.units[i] = (file, entry.at);
            }
            _ => unreachable!("a record's slot is of its kind"),
        }
        Ok(())
    }

    /// The records' numbers.
    pub(crate) fn tally(&self) -> &Tally {
        &self.tally
    }

    /// Units found in two journals, each named with both.
    pub(crate) fn duplicated(&self) -> &[String] {
        &self.duplicated
    }

    /// What each journal's scan found besides its records (in the order given).
    pub(crate) fn scanned(&self) -> &[Scanned] {
        &self.scanned
    }

    /// Writes the results file to `path` as `head` (from [`crate::event::results_head`])
    /// with its `clusters` and `results` read from the journals in plan order; returns
    /// the failed units (whose errors the CLI prints).
    fn write_results(&self, head: &RunResults, path: &Path) -> Result<Vec<UnitResult>> {
        let streamed = Streamed {
            head,
            index: self,
            fetcher: RefCell::new(Fetcher::open(&self.paths)?),
            error: RefCell::new(None),
            failed: RefCell::new(Vec::new()),
        };
        crate::util::write_atomic_with(path, |w| {
            let written = serde_json::to_writer_pretty(&mut *w, &streamed);
            if let Some(e) = streamed.error.borrow_mut().take() {
                return Err(e);
            }
            written
                .map_err(|e| Error::io(path, e.into()))
                .and_then(|()| w.write_all(b"\n").map_err(|e| Error::io(path, e)))
        })?;
        Ok(streamed.failed.into_inner())
    }
}

/// A run's results once written: what the table, the exit status and the exports that
/// need no per-unit data are made from.
#[derive(Debug, Clone)]
pub struct Assembled {
    /// The results file's document without its `clusters` and `results` lists (left
    /// empty here: they went from the journals straight to the file).
    pub head: RunResults,
    /// The units whose system failed, with their errors.
    pub failed: Vec<UnitResult>,
    /// Units in the results file.
    pub units: usize,
    /// The timings, as written.
    pub timings: RunTimings,
}

/// Writes the results and timings files (`paths`) of the run of `config` whose records
/// `index` holds; `(load_ms, wall_ms, jobs)` go to the timings.
pub(crate) fn write(
    config: &Config,
    index: &Index,
    paths: (&Path, &Path),
    (load_ms, wall_ms, jobs): (f64, f64, usize),
) -> Result<Assembled> {
    let tally = index.tally();
    tally
        .check_complete()
        .map_err(|what| crate::event::incomplete(config, what))?;
    let scorer = Scorer::new(&config.rouge).map_err(Error::Rouge)?;
    let head = crate::event::results_head(config, &scorer, tally)?;
    let failed = index.write_results(&head, paths.0)?;
    let timings = tally.timings(config, load_ms, wall_ms, jobs);
    crate::util::write_atomic(paths.1, report::to_json(&timings).as_bytes())?;
    Ok(Assembled {
        head,
        failed,
        units: tally.units_len(),
        timings,
    })
}

/// The results document with its two long lists read from the journals as it is
/// serialized. Serializing cannot carry our errors, so a failed read is kept in `error`.
struct Streamed<'a> {
    head: &'a RunResults,
    index: &'a Index,
    fetcher: RefCell<Fetcher>,
    error: RefCell<Option<Error>>,
    failed: RefCell<Vec<UnitResult>>,
}

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        // Destructured in full so that a field added to the results fails to compile
        // here instead of going missing from streamed files.
        let RunResults {
            schema_version,
            sumbench_version,
            run,
            rouge,
            config,
            systems,
            clusters: _,
            results: _,
            averages,
            warnings,
        } = self.head;
        let mut st = s.serialize_struct("RunResults", 10)?;
        st.serialize_field("schema_version", schema_version)?;
        st.serialize_field("sumbench_version", sumbench_version)?;
        st.serialize_field("run", run)?;
        st.serialize_field("rouge", rouge)?;
        st.serialize_field("config", config)?;
        st.serialize_field("systems", systems)?;
        st.serialize_field("clusters", &List(self, false))?;
        st.serialize_field("results", &List(self, true))?;
        st.serialize_field("averages", averages)?;
        st.serialize_field("warnings", warnings)?;
        st.end()
    }
}

/// The `clusters` list (`false`) or the `results` list (`true`) of a [`Streamed`].
struct List<'s, 'a>(&'s Streamed<'a>, bool);

impl Serialize for List<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let List(streamed, units) = *self;
        let spans = if units {
            &streamed.index.units
        } else {
            &streamed.index.clusters
        };
        let mut seq = s.serialize_seq(Some(spans.len()))?;
        for &(file, at) in spans {
            let fetched = streamed
                .fetcher
                .borrow_mut()
                .fetch::<Line>(file as usize, at);
            match (fetched, units) {
                (Ok(Line::Cluster(c)), false) => seq.serialize_element(c.stats())?,
                (Ok(Line::Unit(u)), true) => {
                    let result = u.to_result();
                    seq.serialize_element(&result)?;
                    if result.error.is_some() {
                        streamed.failed.borrow_mut().push(result);
                    }
                }
                (fetched, _) => {
                    let path = &streamed.index.paths[file as usize];
                    let e = fetched.err().unwrap_or_else(|| {
                        Error::input(path, None, "the journal changed while it was being read")
                    });
                    *streamed.error.borrow_mut() = Some(e);
                    return Err(S::Error::custom("a journal record could not be read"));
                }
            }
        }
        seq.end()
    }
}

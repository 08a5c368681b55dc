//! `sumbench run` with its journal, `run --resume`, `run --shard K/N` and
//! `sumbench merge`: the run's records ([`crate::event`]) go to the journal as they
//! arrive, the run keeps none of them, and the results file is assembled from the
//! journals at the end, streaming ([`super::assemble`]), the same way for a run, a
//! resumed run and a merge: their results are byte-identical to a single uninterrupted
//! run's.
use super::assemble::{self, Assembled, Index};
use super::cost::Model;
use super::journal::{self, Header, ShardId, ShardPart};
use crate::config::Config;
use crate::corpus::Outline;
use crate::event::{ClusterRecord, Event, Observer, Plan, Records, Slot, UnitRecord};
use crate::harness::{Done, Run};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

/// One journal line after the header.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Line {
    /// A preprocessed cluster.
    Cluster(ClusterRecord),
    /// A finished unit.
    Unit(UnitRecord),
}

/// [`Line`] borrowed, for writing without a copy (same JSON).
#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum LineRef<'a> {
    Cluster(&'a ClusterRecord),
    Unit(&'a UnitRecord),
}

/// Where a run's journal goes: `<output>/<name>.journal.jsonl`, or for a shard
/// `<output>/<name>.shard-K-of-N.journal.jsonl`.
pub fn journal_path(config: &Config, shard: Option<ShardId>) -> PathBuf {
    let name = match shard {
        Some(s) => format!(
            "{}.shard-{}-of-{}.journal.jsonl",
            config.name, s.index, s.count
        ),
        None => format!("{}.journal.jsonl", config.name),
    };
    config.output.join(name)
}

/// How a journaled run goes beyond a plain one.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scale {
    /// Keep the units of an existing journal (same config and version) and run the rest.
    pub resume: bool,
    /// Run only this shard's clusters (and assemble no results).
    pub shard: Option<ShardId>,
}

/// Writes the run's records to its journal as they arrive, then hands every event on.
struct Journaling<'o> {
    inner: &'o mut dyn Observer,
    path: PathBuf,
    config: serde_json::Value,
    run: String,
    shard: Option<ShardPart>,
    /// The journal being resumed: its plan, which this run's must equal, and the end of
    /// its complete lines, which are kept.
    kept: Option<(serde_json::Value, u64)>,
    writer: Option<journal::Writer>,
    error: Option<Error>,
    /// Units and failures of the records, from the `Finished` event.
    finished: (usize, usize),
}

impl Journaling<'_> {
    fn start(&mut self, plan: &Plan) -> Result<()> {
        let plan = serde_json::to_value(plan).map_err(|e| Error::Usage(e.to_string()))?;
        if let Some((kept, _)) = &self.kept {
            if *kept != plan {
                return Err(Error::input(
                    &self.path,
                    Some(1),
                    "the journal's plan (datasets, cluster counts, systems) differs from \
                     this run's though the config is the same: the data changed; run \
                     without --resume to start over",
                ));
            }
        }
        let header = Header::new(&self.run, self.config.clone(), plan, self.shard.clone());
        let writer = match self.kept {
            Some((_, end)) => journal::Writer::rewrite_from(&self.path, &header, &self.path, end)?,
            None => journal::Writer::create(&self.path, &header)?,
        };
        self.writer = Some(writer);
        Ok(())
    }

    fn write(&mut self, line: &LineRef<'_>) -> Result<()> {
        match &mut self.writer {
            Some(w) => w.append(line),
            None => Ok(()),
        }
    }
}

impl Observer for Journaling<'_> {
    fn on_event(&mut self, event: &Event<'_>) {
        if self.error.is_none() {
            let done = match event {
                Event::Started(plan) => self.start(plan),
                Event::ClusterPreprocessed(c) => self.write(&LineRef::Cluster(c)),
                Event::UnitFinished(u) => self.write(&LineRef::Unit(u)),
                Event::Finished { .. } => match self.writer.take() {
                    Some(w) => w.finish(),
                    None => Ok(()),
                },
                _ => Ok(()),
            };
            if let Event::Finished { units, failures } = event {
                self.finished = (*units, *failures);
            }
            if let Err(e) = done {
                self.error = Some(e);
            }
        }
        self.inner.on_event(event);
    }
}

/// Reads a journal's records into [`Records`] (plan included), refusing a unit or a
/// cluster recorded twice: the whole run in memory, for what needs all of it (the HTML
/// and JSON exports).
pub fn read_records(path: &Path) -> Result<(Header, Records, Option<usize>)> {
    let contents = journal::read::<Line>(path)?;
    let plan: Plan = plan_of(path, &contents.header)?;
    let mut records = Records::new();
    records.set_plan(plan);
    let mut units = BTreeSet::new();
    let mut clusters = BTreeSet::new();
    for (line, record) in contents.records {
        let twice = |what: String| Error::input(path, Some(line), format!("{what} recorded twice"));
        match record {
            Line::Cluster(c) => {
                if !clusters.insert((c.dataset_index(), c.cluster_index())) {
                    return Err(twice(format!("cluster {}", c.stats().cluster)));
                }
                records.push_cluster(c);
            }
            Line::Unit(u) => {
                if !units.insert((u.dataset_index(), u.cluster_index(), u.system_index())) {
                    return Err(twice(format!(
                        "unit {}/{}/{}",
                        u.dataset(),
                        u.cluster(),
                        u.system()
                    )));
                }
                records.push_unit(u);
            }
        }
    }
    Ok((contents.header, records, contents.torn))
}

/// The whole results of `config`'s run from its journal, in memory (what the JSON and
/// HTML exports need; the results file itself is streamed instead).
pub fn read_results(config: &Config, journal: &Path) -> Result<crate::report::RunResults> {
    let (_, records, _) = read_records(journal)?;
    crate::event::aggregate(config, &records)
}

/// The plan a journal's header holds.
fn plan_of(path: &Path, header: &Header) -> Result<Plan> {
    serde_json::from_value(header.plan.clone()).map_err(|e| {
        Error::input(
            path,
            Some(1),
            format!("the header's plan is malformed: {e}"),
        )
    })
}

/// The config as the results file records it (what a journal's header holds).
fn config_json(config: &Config) -> Result<serde_json::Value> {
    serde_json::to_value(config).map_err(|e| Error::Usage(e.to_string()))
}

/// What a journaled run produced: the results (none for a shard) and the journal.
pub struct Outcome {
    /// The results, written (`None` for a shard).
    pub output: Option<Assembled>,
    /// The journal written.
    pub journal: PathBuf,
    /// Units kept from the resumed journal.
    pub resumed: usize,
    /// Units in the journal at the end.
    pub units: usize,
    /// Of those, units whose system failed.
    pub failures: usize,
}

/// A journal to resume: its plan, where its complete lines end, and the units it holds.
struct Resumed {
    plan: serde_json::Value,
    end: u64,
    done: Done,
}

/// Checks that the journal at `path` can be resumed by this run (same config, version
/// and, for a shard, cost model) and reads which units it holds.
fn resumable(
    config: &Config,
    json: &serde_json::Value,
    path: &Path,
    scale: Scale,
) -> Result<Resumed> {
    let header = journal::read_header(path)?;
    let expected = Header::new(&config.name, json.clone(), header.plan.clone(), None);
    if let Some(why) = expected.mismatch(&header) {
        return Err(Error::input(
            path,
            Some(1),
            format!(
                "cannot resume: the journal was written under another configuration or \
                 version ({why}); run without --resume to start over"
            ),
        ));
    }
    let model = Model::measured();
    let parted = header.shard.as_ref().map(|s| (s.id, s.model.as_str()));
    if scale.shard.is_some() && parted != scale.shard.map(|id| (id, model.digest())) {
        return Err(Error::input(
            path,
            Some(1),
            "cannot resume: the journal's shard was dealt by another cost model (another \
             sumbench build), so its clusters may not be this shard's; run without --resume",
        ));
    }
    let index = Index::scan(&[path.to_owned()], plan_of(path, &header)?)?;
    let scanned = &index.scanned()[0];
    if let Some(line) = scanned.torn {
        eprintln!(
            "resume: {}: dropped a torn last line ({line}), an interrupted write; its unit runs again",
            path.display()
        );
    }
    let tally = index.tally();
    Ok(Resumed {
        plan: header.plan,
        end: scanned.end,
        done: Done {
            units: tally.unit_keys().collect(),
            clusters: tally.cluster_keys().collect(),
            failures: tally.counts().1,
        },
    })
}

/// Runs `run` (a configured [`Run`] of `config`) with a journal, resuming and sharding as
/// `scale` says, then (but for a shard) writes the results and timings files from the
/// journal; `observer` sees every event too.
pub fn execute(
    config: &Config,
    run: Run<'_>,
    scale: Scale,
    observer: &mut dyn Observer,
) -> Result<Outcome> {
    let wall = Instant::now();
    let path = journal_path(config, scale.shard);
    let json = config_json(config)?;
    let resumed = match scale.resume && path.exists() {
        true => Some(resumable(config, &json, &path, scale)?),
        false => None,
    };
    let (kept, done) = match resumed {
        Some(r) => (Some((r.plan, r.end)), r.done),
        None => (None, Done::default()),
    };
    let resumed = done.units.len();
    let mut journaling = Journaling {
        inner: observer,
        path: path.clone(),
        config: json,
        run: config.name.clone(),
        shard: None,
        kept,
        writer: None,
        error: None,
        finished: (0, 0),
    };
    let ran = run_journaled(config, run.done(done), scale, &mut journaling)?;
    let output = match scale.shard {
        Some(_) => None,
        None => {
            let plan = plan_of(&path, &journal::read_header(&path)?)?;
            let index = Index::scan(std::slice::from_ref(&path), plan)?;
            let (results, timings) = crate::harness::output_paths(config);
            let timing = (ran.load_ms, wall.elapsed().as_secs_f64() * 1e3, ran.jobs);
            Some(assemble::write(
                config,
                &index,
                (&results, &timings),
                timing,
            )?)
        }
    };
    Ok(Outcome {
        output,
        journal: path,
        resumed,
        units: journaling.finished.0,
        failures: journaling.finished.1,
    })
}

/// Runs `run` without assembling its results, its records going to `journaling`; for a
/// shard, only the shard's clusters, and the partition goes to the journal's header.
fn run_journaled(
    config: &Config,
    run: Run<'_>,
    scale: Scale,
    journaling: &mut Journaling<'_>,
) -> Result<crate::harness::Ran> {
    let model = Model::measured();
    let shard_part = Mutex::new(None);
    let select = |datasets: &[Outline], kinds: &[&str]| -> Vec<Vec<usize>> {
        let Some(id) = scale.shard else {
            return datasets
                .iter()
                .map(|d| (0..d.clusters.len()).collect())
                .collect();
        };
        let costs = super::plan::costs(config, datasets, kinds, &model);
        let mine = super::plan::clusters_of(&costs, datasets, id.index, id.count);
        *shard_part.lock().unwrap_or_else(|e| e.into_inner()) = Some(mine.clone());
        mine
    };
    let result = run
        .select(&select)
        .assemble(false)
        .execute_part(&mut ShardHeader {
            journaling: &mut *journaling,
            shard: scale.shard,
            part: &shard_part,
            model: model.digest(),
        });
    if let Some(e) = journaling.error.take() {
        return Err(e);
    }
    result
}

/// Puts the shard's part into the journal's header once the partition is known (it is
/// computed after loading, before the `Started` event).
struct ShardHeader<'j, 'o> {
    journaling: &'j mut Journaling<'o>,
    shard: Option<ShardId>,
    part: &'j Mutex<Option<Vec<Vec<usize>>>>,
    model: &'j str,
}

impl Observer for ShardHeader<'_, '_> {
    fn on_event(&mut self, event: &Event<'_>) {
        if let (Event::Started(_), Some(id)) = (event, self.shard) {
            let clusters = self
                .part
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone()
                .unwrap_or_default();
            self.journaling.shard = Some(ShardPart {
                id,
                model: self.model.to_owned(),
                clusters,
            });
        }
        self.journaling.on_event(event);
    }
}

/// At most this many missing or duplicated units are named; the rest are counted.
const NAMED: usize = 20;

fn name_some(items: &[String]) -> String {
    let shown = items
        .iter()
        .take(NAMED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > NAMED {
        format!("{shown} and {} more", items.len() - NAMED)
    } else {
        shown
    }
}

/// A merged run's results, written.
pub struct Merged {
    /// The run's config, from the journals.
    pub config: Config,
    /// The results.
    pub output: Assembled,
    /// The results file written.
    pub results: PathBuf,
    /// The timings file written.
    pub timings: PathBuf,
}

/// `sumbench merge`: checks that `journals` are the parts of one run (same config,
/// version and cost model; every shard once; every unit once) and writes its results and
/// timings files (`output`, default `<output>/<name>.json` of the journals' config),
/// streaming from the journals.
pub fn merge(journals: &[PathBuf], output: Option<&Path>) -> Result<Merged> {
    let first_path = journals
        .first()
        .ok_or_else(|| Error::Usage("merge: give the journals to merge".into()))?;
    let headers = journals
        .iter()
        .map(|p| journal::read_header(p))
        .collect::<Result<Vec<_>>>()?;
    check_parts(journals, &headers)?;
    check_shards(journals, &headers)?;
    let first = &headers[0];
    let plan = plan_of(first_path, first)?;
    let mut config: Config = serde_json::from_value(first.config.clone()).map_err(|e| {
        Error::input(
            first_path,
            Some(1),
            format!("the header's config is malformed: {e}"),
        )
    })?;
    config.origin = first_path.display().to_string();
    let index = Index::scan(journals, plan)?;
    for (p, scanned) in journals.iter().zip(index.scanned()) {
        if let Some(line) = scanned.torn {
            eprintln!(
                "merge: {}: dropped a torn last line ({line}); rerun that shard with --resume",
                p.display()
            );
        }
    }
    check_units(&index)?;
    let (default_results, default_timings) = crate::harness::output_paths(&config);
    let results = output.map_or(default_results, Path::to_path_buf);
    let timings = match output {
        Some(p) => p.with_extension("timings.json"),
        None => default_timings,
    };
    let output = assemble::write(&config, &index, (&results, &timings), (0.0, 0.0, 0))?;
    Ok(Merged {
        config,
        output,
        results,
        timings,
    })
}

/// Refuses journals that are not parts of the first one's run: another config or
/// version, another sharding, another plan.
fn check_parts(journals: &[PathBuf], headers: &[Header]) -> Result<()> {
    let (first_path, first) = (&journals[0], &headers[0]);
    let model = |h: &Header| h.shard.as_ref().map(|s| (s.model.clone(), s.id.count));
    for (p, h) in journals.iter().zip(headers).skip(1) {
        let refuse = |why: String| Err(Error::input(p, Some(1), why));
        if let Some(why) = first.mismatch(h) {
            return refuse(format!(
                "not a part of the same run as {}: {why}",
                first_path.display()
            ));
        }
        if model(first) != model(h) {
            return refuse(format!(
                "sharded differently from {} (shard count or cost model): its clusters \
                 were dealt out another way",
                first_path.display()
            ));
        }
        if h.plan != first.plan {
            return refuse(format!(
                "its plan differs from {}'s: the data changed between shards",
                first_path.display()
            ));
        }
    }
    Ok(())
}

/// Refuses a sharded run's journals unless every shard is there exactly once.
fn check_shards(journals: &[PathBuf], headers: &[Header]) -> Result<()> {
    let Some(count) = headers[0].shard.as_ref().map(|s| s.id.count) else {
        return Ok(());
    };
    let mut seen: BTreeMap<usize, &Path> = BTreeMap::new();
    for (p, h) in journals.iter().zip(headers) {
        let index = h.shard.as_ref().map_or(0, |s| s.id.index);
        if let Some(other) = seen.insert(index, p) {
            return Err(Error::Usage(format!(
                "merge: shard {index}/{count} is given twice: {} and {}",
                other.display(),
                p.display()
            )));
        }
    }
    let missing: Vec<String> = (1..=count)
        .filter(|i| !seen.contains_key(i))
        .map(|i| format!("{i}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(Error::Usage(format!(
            "merge: missing shard journals: {} (of {count})",
            missing.join(", ")
        )));
    }
    Ok(())
}

/// Refuses merged journals in which a unit is recorded twice or missing, naming them.
fn check_units(index: &Index) -> Result<()> {
    let duplicated = index.duplicated();
    if !duplicated.is_empty() {
        return Err(Error::Usage(format!(
            "merge: {} units are recorded twice: {}",
            duplicated.len(),
            name_some(duplicated)
        )));
    }
    let tally = index.tally();
    let plan = tally.plan();
    let systems = plan.systems().len();
    let mut missing = Vec::new();
    for (i, d) in plan.datasets().iter().enumerate() {
        for (c, position) in tally.cluster_range(i).enumerate() {
            let cluster = tally
                .cluster_id(position)
                .map_or_else(|| format!("#{}", c + 1), str::to_owned);
            for (k, s) in plan.systems().iter().enumerate() {
                if !tally.has(Slot::Unit(position * systems + k)) {
                    missing.push(format!("{}/{}/{}", d.name(), cluster, s.name));
                }
            }
        }
    }
    if !missing.is_empty() {
        return Err(Error::Usage(format!(
            "merge: {} units are missing: {}; rerun their shards with --resume",
            missing.len(),
            name_some(&missing)
        )));
    }
    Ok(())
}

//! `sumbench run` with its journal, `run --resume`, `run --shard K/N` and
//! `sumbench merge`: the run's records ([`crate::event`]) go to the journal as they
//! arrive, and the results are assembled from records ([`crate::event::aggregate`]), so
//! results rebuilt from journals, resumed or merged, are byte-identical to a single
//! uninterrupted run's.
use super::cost::Model;
use super::journal::{self, Header, ShardId, ShardPart};
use crate::config::Config;
use crate::corpus::Dataset;
use crate::event::{ClusterRecord, Event, Observer, Plan, Records, UnitRecord};
use crate::harness::{Run, RunOutput};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

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
    /// The records of the journal being resumed, written back first.
    kept: Vec<Line>,
    /// Its plan, which this run's must equal.
    kept_plan: Option<serde_json::Value>,
    writer: Option<journal::Writer>,
    error: Option<Error>,
    /// Units and failures of the records, from the `Finished` event.
    finished: (usize, usize),
}

impl Journaling<'_> {
    fn start(&mut self, plan: &Plan) -> Result<()> {
        let plan = serde_json::to_value(plan).map_err(|e| Error::Usage(e.to_string()))?;
        if let Some(kept) = &self.kept_plan {
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
        let writer = if self.kept_plan.is_some() {
            journal::Writer::rewrite(&self.path, &header, &self.kept)?
        } else {
            journal::Writer::create(&self.path, &header)?
        };
        self.kept = Vec::new();
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
/// cluster recorded twice.
pub fn read_records(path: &Path) -> Result<(Header, Records, Option<usize>)> {
    let contents = journal::read::<Line>(path)?;
    let plan: Plan = serde_json::from_value(contents.header.plan.clone()).map_err(|e| {
        Error::input(
            path,
            Some(1),
            format!("the header's plan is malformed: {e}"),
        )
    })?;
    let mut records = Records::new();
    records.set_plan(plan);
    let mut units = BTreeSet::new();
    let mut clusters = BTreeSet::new();
    for (line, record) in contents.records {
        match record {
            Line::Cluster(c) => {
                if !clusters.insert((c.dataset_index(), c.cluster_index())) {
                    return Err(Error::input(
                        path,
                        Some(line),
                        format!("cluster {} recorded twice", c.stats().cluster),
                    ));
                }
                records.push_cluster(c);
            }
            Line::Unit(u) => {
                if !units.insert((u.dataset_index(), u.cluster_index(), u.system_index())) {
                    return Err(Error::input(
                        path,
                        Some(line),
                        format!(
                            "unit {}/{}/{} recorded twice",
                            u.dataset(),
                            u.cluster(),
                            u.system()
                        ),
                    ));
                }
                records.push_unit(u);
            }
        }
    }
    Ok((contents.header, records, contents.torn))
}

/// The config as the results file records it (what a journal's header holds).
fn config_json(config: &Config) -> Result<serde_json::Value> {
    serde_json::to_value(config).map_err(|e| Error::Usage(e.to_string()))
}

/// What a journaled run produced: the results (none for a shard) and the journal.
pub struct Outcome {
    /// The assembled results and timings (`None` for a shard).
    pub output: Option<RunOutput>,
    /// The journal written.
    pub journal: PathBuf,
    /// Units kept from the resumed journal.
    pub resumed: usize,
    /// Units in the journal at the end.
    pub units: usize,
    /// Of those, units whose system failed.
    pub failures: usize,
}

/// Runs `run` (a configured [`Run`] of `config`) with a journal, resuming and sharding as
/// `scale` says; `observer` sees every event too.
pub fn execute(
    config: &Config,
    run: Run<'_>,
    scale: Scale,
    observer: &mut dyn Observer,
) -> Result<Outcome> {
    let path = journal_path(config, scale.shard);
    let json = config_json(config)?;
    let mut kept = Vec::new();
    let mut kept_plan = None;
    let mut prior = Records::new();
    if scale.resume && path.exists() {
        let (header, records, torn) = read_records(&path)?;
        let expected = Header::new(&config.name, json.clone(), header.plan.clone(), None);
        if let Some(why) = expected.mismatch(&header) {
            return Err(Error::input(
                &path,
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
                &path,
                Some(1),
                "cannot resume: the journal's shard was dealt by another cost model (another \
                 sumbench build), so its clusters may not be this shard's; run without --resume",
            ));
        }
        if let Some(line) = torn {
            eprintln!(
                "resume: {}: dropped a torn last line ({line}), an interrupted write; its unit runs again",
                path.display()
            );
        }
        kept.extend(records.clusters().iter().cloned().map(Line::Cluster));
        kept.extend(records.units().iter().cloned().map(Line::Unit));
        kept_plan = Some(header.plan);
        prior = records;
    }
    let resumed = prior.units().len();
    let model = Model::measured();
    let shard_part = std::sync::Mutex::new(None);
    let select = |datasets: &[Dataset], kinds: &[&str]| -> Vec<Vec<usize>> {
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
    let mut journaling = Journaling {
        inner: observer,
        path: path.clone(),
        config: json,
        run: config.name.clone(),
        shard: None,
        kept,
        kept_plan,
        writer: None,
        error: None,
        finished: (0, 0),
    };
    let shard = scale.shard;
    let result = run
        .prior(prior)
        .select(&select)
        .assemble(shard.is_none())
        .execute_part(&mut ShardHeader {
            journaling: &mut journaling,
            shard,
            part: &shard_part,
            model: model.digest(),
        });
    if let Some(e) = journaling.error.take() {
        return Err(e);
    }
    let output = result?;
    Ok(Outcome {
        output,
        journal: path,
        resumed,
        units: journaling.finished.0,
        failures: journaling.finished.1,
    })
}

/// Puts the shard's part into the journal's header once the partition is known (it is
/// computed after loading, before the `Started` event).
struct ShardHeader<'j, 'o> {
    journaling: &'j mut Journaling<'o>,
    shard: Option<ShardId>,
    part: &'j std::sync::Mutex<Option<Vec<Vec<usize>>>>,
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

/// `sumbench merge`: checks that `journals` are the parts of one run (same config,
/// version and cost model; every shard once; every unit once) and assembles its results.
/// Returns the config (from the journals) and the output.
pub fn merge(journals: &[PathBuf]) -> Result<(Config, RunOutput)> {
    let first_path = journals
        .first()
        .ok_or_else(|| Error::Usage("merge: give the journals to merge".into()))?;
    let mut parts = Vec::with_capacity(journals.len());
    for p in journals {
        let (header, records, torn) = read_records(p)?;
        if let Some(line) = torn {
            eprintln!(
                "merge: {}: dropped a torn last line ({line}); rerun that shard with --resume",
                p.display()
            );
        }
        parts.push((p, header, records));
    }
    let first = &parts[0].1;
    for (p, h, _) in &parts[1..] {
        if let Some(why) = first.mismatch(h) {
            return Err(Error::input(
                p,
                Some(1),
                format!(
                    "not a part of the same run as {}: {why}",
                    first_path.display()
                ),
            ));
        }
        let model = |h: &Header| h.shard.as_ref().map(|s| (s.model.clone(), s.id.count));
        if model(first) != model(h) {
            return Err(Error::input(
                p,
                Some(1),
                format!(
                    "sharded differently from {} (shard count or cost model): its clusters \
                     were dealt out another way",
                    first_path.display()
                ),
            ));
        }
        if h.plan != first.plan {
            return Err(Error::input(
                p,
                Some(1),
                format!(
                    "its plan differs from {}'s: the data changed between shards",
                    first_path.display()
                ),
            ));
        }
    }
    // Every shard exactly once.
    if let Some(count) = first.shard.as_ref().map(|s| s.id.count) {
        let mut seen: BTreeMap<usize, &Path> = BTreeMap::new();
        for (p, h, _) in &parts {
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
    }
    let plan: Plan = serde_json::from_value(first.plan.clone())
        .map_err(|e| Error::input(first_path, Some(1), format!("malformed plan: {e}")))?;
    let mut config: Config = serde_json::from_value(first.config.clone()).map_err(|e| {
        Error::input(
            first_path,
            Some(1),
            format!("the header's config is malformed: {e}"),
        )
    })?;
    config.origin = first_path.display().to_string();
    let mut all = Records::new();
    all.set_plan(plan.clone());
    let mut owner: BTreeMap<(usize, usize, usize), &Path> = BTreeMap::new();
    let mut cluster_owner: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut duplicated = Vec::new();
    for (p, _, records) in &parts {
        for u in records.units() {
            let key = (u.dataset_index(), u.cluster_index(), u.system_index());
            if let Some(other) = owner.insert(key, p) {
                duplicated.push(format!(
                    "{}/{}/{} (in {} and {})",
                    u.dataset(),
                    u.cluster(),
                    u.system(),
                    other.display(),
                    p.display()
                ));
            } else {
                all.push_unit(u.clone());
            }
        }
        for c in records.clusters() {
            if cluster_owner.insert((c.dataset_index(), c.cluster_index())) {
                all.push_cluster(c.clone());
            }
        }
    }
    if !duplicated.is_empty() {
        return Err(Error::Usage(format!(
            "merge: {} units are recorded twice: {}",
            duplicated.len(),
            name_some(&duplicated)
        )));
    }
    let mut missing = Vec::new();
    let names = cluster_names(&parts);
    for d in plan.datasets() {
        for c in 0..d.clusters() {
            let cluster = names
                .get(&(d.index(), c))
                .cloned()
                .unwrap_or_else(|| format!("#{}", c + 1));
            for (k, s) in plan.systems().iter().enumerate() {
                if !owner.contains_key(&(d.index(), c, k)) {
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
    let results = crate::event::aggregate(&config, &all)?;
    let timings = crate::harness::timings(&config, &all, 0.0, 0.0, 0);
    Ok((config, RunOutput { results, timings }))
}

/// Cluster ids by (dataset, cluster) index, from the records at hand.
fn cluster_names(parts: &[(&PathBuf, Header, Records)]) -> BTreeMap<(usize, usize), String> {
    let mut names = BTreeMap::new();
    for (_, _, records) in parts {
        for c in records.clusters() {
            names.insert(
                (c.dataset_index(), c.cluster_index()),
                c.stats().cluster.clone(),
            );
        }
        for u in records.units() {
            names.insert(
                (u.dataset_index(), u.cluster_index()),
                u.cluster().to_owned(),
            );
        }
    }
    names
}

//! A run's events and records: the order they come in, and results rebuilt from records
//! kept outside the run (as a JSON Lines journal would keep them) equal the run's own.
use std::sync::Mutex;
use sumbench::event::{ClusterRecord, Plan, UnitRecord};
use sumbench::{aggregate, report, Config, Event, Records, Run};

/// The events of a run as short tags, and the records they carried, as JSON lines.
#[derive(Default)]
struct Seen {
    tags: Vec<String>,
    lines: Vec<(char, String)>,
}

fn observe(seen: &Mutex<Seen>, event: &Event<'_>) {
    let mut seen = seen.lock().unwrap();
    let (tag, line) = match event {
        Event::Started(p) => ("started", Some(('p', serde_json::to_string(p)))),
        Event::DatasetStarted(_) => ("dataset", None),
        Event::ClusterPreprocessed(c) => ("cluster", Some(('c', serde_json::to_string(c)))),
        Event::UnitFinished(u) => ("unit", Some(('u', serde_json::to_string(u)))),
        Event::Warning(_) => ("warning", None),
        Event::Finished { .. } => ("finished", None),
        _ => ("other", None),
    };
    seen.tags.push(tag.to_string());
    if let Some((kind, json)) = line {
        seen.lines.push((kind, json.unwrap()));
    }
}

fn multiling_config() -> Config {
    let out = std::env::temp_dir().join(format!("sumbench-events-{}", std::process::id()));
    let yaml = format!(
        "name: events\ndatasets:\n  - {{name: ml, format: jsonl, path: corpus/multiling2011-en/clusters.jsonl, limit: 4}}\n\
         budget: {{unit: words, limit: 60}}\n\
         summarizers:\n  - {{type: lead}}\n  - {{type: textrank}}\n  - {{type: centroid}}\n\
         rouge: {{mode: rouge-score, stem: true}}\noutput: {}\n",
        out.display()
    );
    Config::parse(&yaml, "events.yaml").unwrap()
}

#[test]
fn events_frame_the_run_and_records_rebuild_the_same_results_in_any_order() {
    let config = multiling_config();
    let seen = Mutex::new(Seen::default());
    let output = Run::new(&config)
        .jobs(3)
        .execute_with(&mut |e: &Event<'_>| observe(&seen, e))
        .unwrap();
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.tags.first().map(String::as_str), Some("started"));
    assert_eq!(seen.tags.last().map(String::as_str), Some("finished"));
    assert_eq!(seen.tags.iter().filter(|t| *t == "dataset").count(), 1);
    assert_eq!(seen.tags.iter().filter(|t| *t == "cluster").count(), 4);
    assert_eq!(seen.tags.iter().filter(|t| *t == "unit").count(), 4 * 3);

    // A journal read back in reverse order (the arrival order must not matter).
    let mut records = Records::new();
    for (kind, line) in seen.lines.iter().rev() {
        match kind {
            'p' => records.set_plan(serde_json::from_str::<Plan>(line).unwrap()),
            'c' => records.push_cluster(serde_json::from_str::<ClusterRecord>(line).unwrap()),
            _ => records.push_unit(serde_json::from_str::<UnitRecord>(line).unwrap()),
        }
    }
    assert_eq!(records.plan().unwrap().units(), 12);
    let rebuilt = report::to_json(&aggregate(&config, &records).unwrap());
    let original = report::to_json(&output.results);
    assert!(
        rebuilt == original,
        "rebuilt results differ; first differing line (rebuilt, original): {:?}",
        rebuilt
            .lines()
            .zip(original.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
    );
}

#[test]
fn aggregate_refuses_a_missing_or_duplicated_unit() {
    let config = multiling_config();
    let records = Mutex::new(Records::new());
    Run::new(&config)
        .jobs(2)
        .execute_with(&mut |e: &Event<'_>| records.lock().unwrap().record(e))
        .unwrap();
    let full = records.into_inner().unwrap();
    assert!(aggregate(&config, &full).is_ok());

    let mut missing = Records::new();
    missing.set_plan(full.plan().unwrap().clone());
    full.clusters()
        .iter()
        .for_each(|c| missing.push_cluster(c.clone()));
    full.units()
        .iter()
        .skip(1)
        .for_each(|u| missing.push_unit(u.clone()));
    let err = aggregate(&config, &missing).unwrap_err().to_string();
    assert!(
        err.contains("the unit records (11) do not match the plan's units (12)"),
        "{err}"
    );

    let mut twice = missing.clone();
    twice.push_unit(full.units()[1].clone());
    let err = aggregate(&config, &twice).unwrap_err().to_string();
    assert!(err.contains("do not match the plan's units"), "{err}");
}

//! End-to-end checks of the dataset readers through configs, the bundled MultiLing data,
//! `summarize --config`, `compare`, and serial-vs-parallel determinism.
use sumbench::config::Config;
use sumbench::{commands, report, Run};

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("sumbench-it-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A config over the given dataset entries, scored in rouge-score mode (available in
/// every build) with the built-in systems.
fn config_yaml(datasets: &str, output: &std::path::Path) -> String {
    format!(
        "name: t\ndatasets:\n{datasets}\nbudget: {{unit: words, limit: 40}}\n\
         summarizers:\n  - {{type: lead}}\n  - {{type: textrank}}\n  - {{type: centroid}}\n\
         rouge: {{mode: rouge-score, stem: true}}\noutput: {}\nseed: 7\n",
        output.display()
    )
}

#[test]
fn every_format_loads_through_a_config() {
    let out = tmp("formats");
    let yaml = config_yaml(
        "  - {name: duc, format: duc, path: tests/data/datasets/duc/docs, models: tests/data/datasets/duc/models}\n\
         \x20 - {name: mn, format: multinews, path: tests/data/datasets/multinews/test.src.txt, summaries: tests/data/datasets/multinews/test.tgt.txt}\n\
         \x20 - {name: wcep, format: wcep, path: tests/data/datasets/wcep/test.jsonl, limit: 1}",
        &out,
    );
    let config = Config::parse(&yaml, "formats.yaml").unwrap();
    let run = Run::new(&config).execute().unwrap();
    let clusters: Vec<(&str, &str)> = run
        .results
        .clusters
        .iter()
        .map(|c| (c.dataset.as_str(), c.cluster.as_str()))
        .collect();
    assert_eq!(
        clusters,
        [
            ("duc", "d90001t"),
            ("duc", "d90002t"),
            ("mn", "1"),
            ("mn", "2"),
            ("wcep", "1001"),
        ]
    );
    // 5 clusters x 3 systems, each scored against its references.
    assert_eq!(run.results.results.len(), 15);
    assert_eq!(run.results.clusters[0].references, 2);
}

#[test]
fn keys_of_another_format_are_rejected() {
    let out = tmp("keys");
    let yaml = config_yaml(
        "  - {name: w, format: wcep, path: tests/data/datasets/wcep/test.jsonl, models: x}",
        &out,
    );
    let config = Config::parse(&yaml, "keys.yaml").unwrap();
    let err = Run::new(&config).execute().err().unwrap().to_string();
    assert_eq!(
        err,
        "keys.yaml: datasets[0] (w): `models` applies to format duc only, not wcep"
    );
}

#[test]
fn missing_dataset_path_names_config_dataset_and_path() {
    let out = tmp("missing");
    let yaml = config_yaml(
        "  - {name: duc2004, format: jsonl, path: no/such/clusters.jsonl}",
        &out,
    );
    let config = Config::parse(&yaml, "configs/x.yaml").unwrap();
    let err = Run::new(&config).execute().err().unwrap().to_string();
    assert!(
        err.starts_with(
            "configs/x.yaml: datasets[0] (duc2004): path: no/such/clusters.jsonl does not exist"
        ),
        "{err}"
    );
}

#[test]
fn serial_and_parallel_runs_write_identical_results() {
    let config = Config::builtin().unwrap();
    let serial = Run::new(&config).jobs(1).execute().unwrap();
    let parallel = Run::new(&config).jobs(3).execute().unwrap();
    assert_eq!(serial.timings.jobs, 1);
    assert_eq!(parallel.timings.jobs, 3);
    assert_eq!(
        report::to_json(&serial.results),
        report::to_json(&parallel.results)
    );
}

#[test]
fn bundled_multiling_runs_in_parallel_like_serially_with_significance() {
    // The shipped config scores with rouge155; the dataset itself is checked here with
    // rouge-score so the test does not depend on that engine.
    let out = tmp("multiling");
    let yaml = config_yaml(
        "  - {name: multiling2011-en, format: jsonl, path: corpus/multiling2011-en/clusters.jsonl}",
        &out,
    );
    let config = Config::parse(&yaml, "m.yaml").unwrap();
    let a = Run::new(&config).jobs(1).execute().unwrap();
    let b = Run::new(&config).jobs(2).execute().unwrap();
    assert_eq!(report::to_json(&a.results), report::to_json(&b.results));
    assert_eq!(a.results.clusters.len(), 10);
    assert!(a.results.clusters.iter().all(|c| c.references == 3));
    // Exactly one non-oracle system is the best (no significance entry); the others are
    // compared with it on ROUGE-2 recall.
    let best: Vec<&str> = a
        .results
        .averages
        .iter()
        .filter(|s| s.significance.is_none())
        .map(|s| s.system.as_str())
        .collect();
    assert_eq!(best.len(), 1, "{best:?}");
    for s in a
        .results
        .averages
        .iter()
        .filter_map(|s| s.significance.as_ref())
    {
        assert_eq!(s.metric, "rouge2:r");
        assert_eq!(s.versus, best[0]);
        assert!(s.p_value > 0.0 && s.p_value <= 1.0);
        assert_eq!(s.samples, 1024); // 2^10 <= 10000: exact enumeration over 10 clusters
    }
}

#[test]
fn shipped_configs_parse_with_the_documented_settings() {
    for (file, dataset, limit, flags) in [
        (
            "configs/multiling2011.yaml",
            "corpus/multiling2011-en/clusters.jsonl",
            250,
            "-a -x -2 4 -u -c 95 -r 1000 -n 2 -f A -p 0.5 -t 0 -d",
        ),
        (
            "configs/duc2004.yaml",
            "../shared/data/duc2004-task2/clusters.jsonl",
            665,
            "-n 4 -x -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a",
        ),
    ] {
        let text = std::fs::read_to_string(file).unwrap();
        let config = Config::parse(&text, file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.datasets[0].path.to_str(), Some(dataset));
        assert_eq!(config.budget.limit, limit);
        assert_eq!(config.rouge.flags.as_deref(), Some(flags));
    }
}

#[test]
fn summarize_config_writes_the_json_lines_contract() {
    let out = tmp("summ");
    let cfg = out.join("c.yaml");
    std::fs::write(
        &cfg,
        config_yaml(
            "  - {name: mn, format: multinews, path: tests/data/datasets/multinews/test.src.txt, summaries: tests/data/datasets/multinews/test.tgt.txt}",
            &out,
        ),
    )
    .unwrap();
    let mut buf = Vec::new();
    commands::summarize_config(&cfg, None, None, Some(2), &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let keys: Vec<(String, String)> = lines
        .iter()
        .map(|v| {
            let o = v.as_object().unwrap();
            let mut k: Vec<&str> = o.keys().map(String::as_str).collect();
            k.sort_unstable();
            assert_eq!(k, ["cluster", "dataset", "summary", "system"]);
            (
                o["cluster"].as_str().unwrap().to_owned(),
                o["system"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expect: Vec<(String, String)> = ["1", "2"]
        .iter()
        .flat_map(|c| {
            ["lead", "textrank", "centroid"]
                .iter()
                .map(move |s| (c.to_string(), s.to_string()))
        })
        .collect();
    assert_eq!(keys, expect);
    // Lead on cluster 1 (no dates: the last document) within 40 words: its one sentence.
    assert_eq!(lines[0]["summary"], "Residents welcomed the park plan.");
    // --system and --dataset filter; an unknown system lists the configured ones.
    let mut buf = Vec::new();
    commands::summarize_config(&cfg, Some("mn"), Some("centroid"), None, &mut buf).unwrap();
    assert_eq!(String::from_utf8(buf).unwrap().lines().count(), 2);
    let err = commands::summarize_config(&cfg, None, Some("zz"), None, &mut Vec::new())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("configured: lead, textrank, centroid"),
        "{err}"
    );
}

#[test]
fn compare_reads_a_results_file() {
    let out = tmp("compare");
    let yaml = config_yaml(
        "  - {name: multiling2011-en, format: jsonl, path: corpus/multiling2011-en/clusters.jsonl}",
        &out,
    );
    let config = Config::parse(&yaml, "m.yaml").unwrap();
    let run = Run::new(&config).execute().unwrap();
    let (path, _) = sumbench::write_outputs(&config, &run).unwrap();
    let mut buf = Vec::new();
    commands::compare(&path, "lead", "lead", None, None, 2000, None, &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    assert!(text.contains("mean difference A - B: +0.00000"), "{text}");
    assert!(text.contains("approximate randomisation (paired, two-sided): p = 1.0000 (exact, all 1024 sign patterns)"), "{text}");
    assert!(
        text.contains("paired bootstrap (two-sided): p = 1.0000 (2000 resamples)"),
        "{text}"
    );
    assert!(text.contains("seed 7"), "{text}");
    let err = commands::compare(
        &path,
        "lead",
        "x",
        None,
        Some("rouge9"),
        10,
        None,
        &mut Vec::new(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("rouge9"), "{err}");
}

/// The input is read twice, checked in full and then run a chunk at a time: a bad last
/// line or an oversized last article must still stop the run before any summarizer
/// runs, and `limit:` must read only the clusters it takes.
#[test]
fn a_dataset_is_checked_to_its_last_line_before_anything_runs() {
    let out = tmp("checked-first");
    let line = |id: &str, text: &str| {
        format!(
            r#"{{"id":"{id}","docs":[{{"id":"1","text":"{text}"}}],"refs":[{{"id":"A","text":"A reference."}}]}}"#
        )
    };
    let good = [
        line("c1", "The council met today. It approved the park."),
        line("c2", "Rain fell all week. The river rose."),
    ];
    let path = out.join("d.jsonl");
    let run = |tail: &str, extra: &str| {
        std::fs::write(&path, format!("{}\n{}\n{tail}\n", good[0], good[1])).unwrap();
        let yaml = config_yaml(
            &format!(
                "  - {{name: d, format: jsonl, path: {}{extra}}}",
                path.display()
            ),
            &out,
        )
        .replace("seed: 7\n", "seed: 7\nlimits: {max_article_bytes: 100}\n");
        let config = Config::parse(&yaml, "checked.yaml").unwrap();
        let mut events = 0;
        let result = Run::new(&config)
            .jobs(1)
            .execute_with(&mut |_: &sumbench::Event<'_>| events += 1);
        (result.map(|r| r.results.clusters.len()), events)
    };

    let (result, events) = run("{\"id\": 3", "");
    let err = result.unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("{}:3: expected a cluster object", path.display())),
        "{err}"
    );
    assert_eq!(
        events, 0,
        "nothing may run before the whole dataset is checked"
    );

    let long = "word ".repeat(30);
    let (result, events) = run(&line("c3", long.trim()), "");
    let err = result.unwrap_err().to_string();
    assert!(
        err.contains("cluster c3, document 1: the article has 149 bytes, over limits.max_article_bytes = 100"),
        "{err}"
    );
    assert_eq!(events, 0);

    // `limit: 2` takes the two good clusters and never reads the bad line.
    let (result, _) = run("{\"id\": 3", ", limit: 2");
    assert_eq!(result.unwrap(), 2);
}

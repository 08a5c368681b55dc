//! Parameter sweeps through the binary: expanded systems run, are named and record their
//! sweep in the results; an out-of-range swept value is refused before any work.
mod common;
use common::{repo, stderr, sumbench, temp_dir};

fn config(out: &std::path::Path, systems: &str) -> String {
    format!(
        "name: t\ndatasets:\n  - {{name: seed, format: dir, path: {}, references: {}}}\n\
         summarizers:\n{systems}rouge: {{mode: rouge-score, stem: true}}\noutput: {}\n",
        repo().join("corpus").display(),
        repo().join("references").display(),
        out.display()
    )
}

#[test]
fn a_swept_parameter_runs_every_value_and_records_it() {
    let dir = temp_dir("sweeps", "run");
    let cfg = dir.join("c.yaml");
    std::fs::write(
        &cfg,
        config(
            &dir.join("out"),
            "  - {type: lead}\n  - {type: lexrank, threshold: {from: 0.1, to: 0.3, step: 0.1}}\n",
        ),
    )
    .unwrap();
    let o = sumbench(&repo(), &["run", "--config", cfg.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("sweep lexrank on seed (3 systems"),
        "{stdout}"
    );
    let results: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("out/t.json")).unwrap()).unwrap();
    let systems = results["systems"].as_array().unwrap();
    let names: Vec<&str> = systems
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "lead",
            "lexrank[threshold=0.1]",
            "lexrank[threshold=0.2]",
            "lexrank[threshold=0.3]"
        ]
    );
    assert!(systems[0].get("sweep").is_none());
    assert_eq!(
        systems[3]["sweep"],
        serde_json::json!({"base": "lexrank", "values": {"threshold": 0.3}})
    );
    // 0.1 + 0.1 + 0.1 would be 0.30000000000000004: the range gives the decimal.
    assert_eq!(systems[3]["params"]["threshold"], serde_json::json!(0.3));
    assert_eq!(results["averages"].as_array().unwrap().len(), 4);
}

#[test]
fn an_out_of_range_swept_value_is_refused_naming_the_expanded_system() {
    let dir = temp_dir("sweeps", "refused");
    let cfg = dir.join("c.yaml");
    std::fs::write(
        &cfg,
        config(
            &dir.join("out"),
            "  - {type: lexrank, threshold: [0.1, 1.5]}\n",
        ),
    )
    .unwrap();
    let o = sumbench(&repo(), &["run", "--config", cfg.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(
            "summarizers[0]: lexrank[threshold=1.5] (lexrank): threshold: 1.5 is out of range"
        ),
        "{err}"
    );
    assert!(!dir.join("out").exists());
}

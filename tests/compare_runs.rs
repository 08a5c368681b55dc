//! `sumbench compare` as a user runs it: two runs compared system by system with the
//! paired test over shared clusters, refusal of runs with different ROUGE settings, and
//! no p-value where a single cluster (or too few) makes a test meaningless.
use std::path::Path;

mod common;
use common::{repo, stderr, sumbench, temp_dir};

/// Runs lead and textrank on the bundled MultiLing 2011 clusters (or the seed cluster),
/// with `limit` words and ROUGE `flags`, writing `<out>/t.json`.
fn run(dir: &Path, out: &str, multiling: bool, limit: usize, flags: &str) -> String {
    let dataset = if multiling {
        format!(
            "{{name: ml, format: jsonl, path: {}}}",
            repo()
                .join("corpus/multiling2011-en/clusters.jsonl")
                .display()
        )
    } else {
        format!(
            "{{name: seed, format: dir, path: {}, references: {}}}",
            repo().join("corpus").display(),
            repo().join("references").display()
        )
    };
    let yaml = format!(
        "name: t\ndatasets:\n  - {dataset}\nbudget: {{unit: words, limit: {limit}}}\n\
         summarizers:\n  - {{type: lead}}\n  - {{type: textrank}}\n\
         rouge: {{mode: rouge155, flags: \"{flags}\"}}\noutput: {}\nseed: 42\n",
        dir.join(out).display()
    );
    let cfg = dir.join(format!("{out}.yaml"));
    std::fs::write(&cfg, yaml).unwrap();
    let o = sumbench(&repo(), &["run", "--config", cfg.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    dir.join(out).join("t.json").display().to_string()
}

const FLAGS: &str = "-n 2 -m -c 95 -r 1000 -f A -p 0.5 -t 0 -a";

#[test]
fn two_runs_compare_per_system_and_metric_with_the_clusters_that_moved() {
    let dir = temp_dir("compare-runs", "two");
    let old = run(&dir, "old", true, 100, FLAGS);
    let new = run(&dir, "new", true, 250, FLAGS);
    let o = sumbench(&repo(), &["compare", &old, &new, "--top", "3"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("dataset ml (10 shared clusters)"), "{text}");
    let row = |system: &str, metric: &str| -> Vec<String> {
        text.lines()
            .map(|l| {
                l.split('|')
                    .map(|c| c.trim().to_owned())
                    .collect::<Vec<_>>()
            })
            .find(|c| c.len() > 3 && c[1] == system && c[2] == metric)
            .unwrap_or_else(|| panic!("no row {system} {metric} in\n{text}"))
    };
    // 250 words instead of 100 raises recall on every one of the 10 clusters: the exact
    // sign-flip test gives 2 / 2^10.
    for system in ["lead", "textrank"] {
        let r = row(system, "ROUGE-2:r");
        assert!(r[5].starts_with('+'), "{r:?}");
        assert_eq!(
            (r[6].as_str(), r[7].as_str()),
            ("0.0020", "10/0/0"),
            "{r:?}"
        );
        row(system, "ROUGE-1:f");
    }
    assert!(
        text.contains("clusters that changed most (ROUGE-2:r):"),
        "{text}"
    );
    let lead_line = text.lines().find(|l| l.starts_with("  lead: ")).unwrap();
    assert_eq!(lead_line.matches(" → ").count(), 3, "{lead_line}");
    assert!(!text.contains("no test"), "{text}");
}

#[test]
fn runs_with_different_rouge_settings_are_refused_naming_the_setting() {
    let dir = temp_dir("compare-runs", "refused");
    let old = run(&dir, "old", false, 100, FLAGS);
    let new = run(&dir, "new", false, 100, &format!("{FLAGS} -l 50"));
    let o = sumbench(&repo(), &["compare", &old, &new]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("refusing to compare"), "{err}");
    assert!(
        err.contains(&format!(
            "rouge.flags: \"{FLAGS}\" in OLD, \"{FLAGS} -l 50\" in NEW"
        )),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn one_cluster_says_no_test_is_possible_instead_of_a_p_value() {
    let dir = temp_dir("compare-runs", "one");
    let old = run(&dir, "old", false, 100, FLAGS);
    let new = run(&dir, "new", false, 60, FLAGS);
    let o = sumbench(&repo(), &["compare", &old, &new]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("| no test "), "{text}");
    assert!(
        text.contains("no test is possible with 1 shared cluster(s)"),
        "{text}"
    );
    // The same within one run: the first example of `compare --help`.
    let o = sumbench(&repo(), &["compare", "--run", &old, "textrank", "lead"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("no test is possible with 1 shared cluster(s)"),
        "{text}"
    );
    assert!(!text.contains("p = "), "{text}");
}

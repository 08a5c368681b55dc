"""Rouge155 against output of the real ROUGE-1.5.5.pl: the 898 public per-unit vectors
(tests/data/conformance/public.rouge155.jsonl) and the averages with their intervals of
tests/data/rouge155_extra_flags.json. Values are compared as the script prints them,
to 5 decimals."""

import json

import pytest

from conftest import DATA
from sumbench_rouge import Rouge155, Rouge155Result, Score

SETS = {
    "duc-su4": "-n 4 -m -2 4 -u -w 1.2 -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d",
    "duc-l100": "-n 4 -m -l 100 -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d",
    "stop-b665-bestref": "-n 2 -s -b 665 -2 4 -u -c 95 -r 1000 -f B -p 0.5 -t 0 -a -d",
}


def printed(x):
    return "%.5f" % x


def differences(got, want, label):
    out = []
    for metric, w in want.items():
        s = got[metric]
        for field, key in (("precision", "p"), ("recall", "r"), ("fmeasure", "f")):
            if printed(getattr(s, field)) != printed(w[key]):
                out.append("%s %s.%s: got %r, script %r" % (label, metric, field, getattr(s, field), w[key]))
    return out


def test_every_public_vector_matches_the_script(rouge155_vectors):
    assert len(rouge155_vectors) == 898
    by_set = {}
    for row in rouge155_vectors:
        assert row["options"]["flags"] == SETS[row["options"]["set"]]
        by_set.setdefault(row["options"]["set"], []).append(row)
    failures = []
    for name, rows in by_set.items():
        r = Rouge155(SETS[name])
        # One unit at a time, then all at once (every core): the same numbers.
        single = [r.score(row["references"], row["candidate"]) for row in rows]
        batch = r.score_batch([(row["references"], row["candidate"]) for row in rows])
        assert batch == single
        for row, got in zip(rows, single):
            assert sorted(got) == sorted(row["expected"]), row["id"]
            failures += differences(got, row["expected"], "%s [%s]" % (row["id"], name))
    assert not failures, "\n".join(failures[:40])


def test_cases_the_script_dies_on_score_zero(rouge155_vectors):
    refused = json.load(open(DATA / "conformance" / "public.rouge155.refused.json", encoding="utf-8"))
    assert len(refused) == 2
    for case in refused:
        row = next(r for r in rouge155_vectors if r["id"] == case["id"])
        got = Rouge155(SETS[case["set"]]).score(row["references"], row["candidate"])
        assert len(got) == 7 and all(s == (0.0, 0.0, 0.0) for s in got.values())


def test_averages_and_intervals_match_the_script(rouge155_vectors):
    extra = json.load(open(DATA / "rouge155_extra_flags.json", encoding="utf-8"))
    texts = {r["id"]: (r["references"], r["candidate"]) for r in rouge155_vectors}
    texts.update({k: (c["references"], c["candidate"]) for k, c in extra["cases"].items()})
    failures = []
    checked = 0
    for run in extra["runs"]:
        # The flags as a list of arguments, as a wrapper would pass them.
        r = Rouge155(run["flags"].split())
        result = r.evaluate([texts[i] for i in run["ids"]])
        assert isinstance(result, Rouge155Result)
        assert len(result.units) == len(run["ids"])
        assert sorted(result.average) == sorted(run["averages"])
        for i, (got, want) in enumerate(zip(result.units, run["units"])):
            failures += differences(got, want, "%s %s" % (run["flags"], run["ids"][i]))
        for metric, want in run["averages"].items():
            a = result.average[metric]
            for field, key in (("precision", "p"), ("recall", "r"), ("fmeasure", "f")):
                got = [printed(getattr(x, field)) for x in (a.mid, a.low, a.high)]
                w = [printed(want[key]["value"])] + [printed(x) for x in want[key]["ci"]]
                checked += 1
                if got != w:
                    failures.append("%s average %s.%s: got %s, script %s" % (run["flags"], metric, key, got, w))
    assert checked > 100
    assert not failures, "\n".join(failures[:40])


def test_metric_names_and_result_types():
    r = Rouge155("-n 2 -m -u -2 4 -c 95 -r 1000 -f A -p 0.5 -t 0 -a")
    assert r.metric_names == ["ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4"]
    got = r.score(["the cat sat on the mat"], "the cat sat")
    assert list(got) == r.metric_names
    assert isinstance(got["ROUGE-1"], Score)
    # 3 of the reference's 6 unigrams, all 3 of the candidate's: R 0.5, P 1, F 2/3.
    assert got["ROUGE-1"] == (1.0, 0.5, 0.66667)
    # A single reference may be given as a string.
    assert r.score("the cat sat on the mat", "the cat sat") == got


def test_bad_flags_and_units_are_refused():
    with pytest.raises(ValueError, match="-q"):
        Rouge155("-n 2 -q")
    with pytest.raises(ValueError, match="-3"):
        Rouge155("-3 HM -n 2")
    with pytest.raises(ValueError, match="-n"):
        Rouge155("-n")
    r = Rouge155("-n 1")
    with pytest.raises(ValueError, match="item 1"):
        r.evaluate([("a", "a"), ([], "b")])
    with pytest.raises(TypeError, match="item 0"):
        r.score_batch([("a",)])

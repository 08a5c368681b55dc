"""The acceptance of issue 13: ``from sumbench_rouge import rouge_scorer`` in place of
``from rouge_score import rouge_scorer`` gives identical scores on every conformance
vector (``tests/data/conformance``, expected values printed by rouge-score 0.1.2).

Equality is exact (``==`` on the floats, which the vectors store with full precision),
not within a tolerance.
"""

import pytest

from sumbench_rouge import rouge_scorer, scoring
from conftest import DATA, jsonl

TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]


def score_like_rouge_score(scorer, case):
    """Scores a vector the way rouge-score's user code would."""
    refs = case["references"]
    if case["options"]["multi_reference"] == "single":
        assert len(refs) == 1
        return scorer.score(refs[0], case["candidate"])
    assert case["options"]["multi_reference"] == "max-f"
    return scorer.score_multi(refs, case["candidate"])


def mismatches(got, expected, label):
    out = []
    assert list(got) == list(expected), label
    for metric, want in expected.items():
        s = got[metric]
        for field, key in (("precision", "p"), ("recall", "r"), ("fmeasure", "f")):
            if getattr(s, field) != want[key]:
                out.append("%s %s.%s: got %r, rouge-score %r" % (label, metric, field, getattr(s, field), want[key]))
    return out


def test_every_public_vector_is_identical(rouge_score_vectors):
    scorers = {stem: rouge_scorer.RougeScorer(TYPES, use_stemmer=stem) for stem in (False, True)}
    failures = []
    for case in rouge_score_vectors:
        got = score_like_rouge_score(scorers[case["options"]["use_stemmer"]], case)
        failures += mismatches(got, case["expected"], case["id"])
    assert len(rouge_score_vectors) == 600
    assert not failures, "\n".join(failures[:40])


def test_higher_order_ngrams_are_identical():
    cases = jsonl(DATA / "conformance" / "rouge_score_higher_n.jsonl")
    assert len(cases) == 120
    types = ["rouge3", "rouge4", "rouge9"]
    scorers = {stem: rouge_scorer.RougeScorer(types, use_stemmer=stem) for stem in (False, True)}
    failures = []
    for case in cases:
        got = scorers[case["use_stemmer"]].score_multi(case["references"], case["candidate"])
        failures += mismatches(got, case["expected"], case["id"])
    assert not failures, "\n".join(failures[:40])


def test_batch_gives_the_single_call_results_in_input_order(rouge_score_vectors):
    for stem in (False, True):
        scorer = rouge_scorer.RougeScorer(TYPES, use_stemmer=stem)
        cases = [c for c in rouge_score_vectors if c["options"]["use_stemmer"] == stem]
        # Single references as strings, several as lists (score_multi), reversed so the
        # order is not the file's.
        pairs = [
            (c["references"][0] if c["options"]["multi_reference"] == "single" else c["references"], c["candidate"])
            for c in reversed(cases)
        ]
        batch = scorer.score_batch(pairs)
        assert len(batch) == len(pairs)
        failures = []
        for got, case in zip(batch, reversed(cases)):
            failures += mismatches(got, case["expected"], case["id"])
        assert not failures, "\n".join(failures[:40])


def test_results_are_rouge_score_shaped():
    scorer = rouge_scorer.RougeScorer(["rougeL", "rouge1"], use_stemmer=True)
    got = scorer.score("The cat sat on the mat.", "The cats sat.")
    # Keys in rouge_types order; values are Score namedtuples (tuple behaviour too).
    assert list(got) == ["rougeL", "rouge1"]
    s = got["rouge1"]
    assert isinstance(s, scoring.Score) and isinstance(s, tuple)
    assert s._fields == ("precision", "recall", "fmeasure")
    p, r, f = s
    assert (p, r) == (1.0, 0.5) and s[2] == f == s.fmeasure
    assert all(type(x) is float for x in s)


def test_bad_arguments_are_refused_clearly():
    with pytest.raises(ValueError, match="rougeX"):
        rouge_scorer.RougeScorer(["rouge1", "rougeX"])
    with pytest.raises(ValueError, match="rouge0"):
        rouge_scorer.RougeScorer(["rouge0"])
    scorer = rouge_scorer.RougeScorer(["rouge1"])
    with pytest.raises(ValueError, match="empty"):
        scorer.score_multi([], "a b")
    with pytest.raises(ValueError, match="item 1"):
        scorer.score_batch([("a", "b"), ([], "c")])
    with pytest.raises(TypeError, match="item 0"):
        scorer.score_batch([("a", 3)])
    with pytest.raises(TypeError):
        scorer.score(None, "a")


def test_repeated_types_are_computed_once():
    got = rouge_scorer.RougeScorer(["rouge1", "rouge1"]).score("a b", "a c")
    assert list(got) == ["rouge1"] and got["rouge1"] == (0.5, 0.5, 0.5)


def test_a_scorer_pickles():
    import pickle

    scorer = rouge_scorer.RougeScorer(["rouge2"], use_stemmer=True)
    again = pickle.loads(pickle.dumps(scorer))
    assert again.score("a b c", "a b d") == scorer.score("a b c", "a b d")

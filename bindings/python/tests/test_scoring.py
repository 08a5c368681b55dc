"""BootstrapAggregator against intervals printed by rouge-score 0.1.2's own aggregator
(data/bootstrap_rouge_score.json, see data/make_bootstrap_vectors.py), and the custom
tokenizer path against rouge-score's vectors and hand-worked scores."""

import json
import re

import numpy as np
import pytest

from conftest import HERE_DATA
from sumbench_rouge import rouge_scorer, scoring


def test_bootstrap_intervals_equal_rouge_score_after_the_same_seed():
    runs = json.load(open(HERE_DATA / "bootstrap_rouge_score.json", encoding="utf-8"))["runs"]
    assert len(runs) == 5
    for run in runs:
        agg = scoring.BootstrapAggregator(confidence_interval=run["confidence_interval"], n_samples=run["n_samples"])
        for s in run["scores"]:
            agg.add_scores({m: scoring.Score(*x) for m, x in s.items()})
        np.random.seed(run["seed"])
        got = agg.aggregate()
        assert list(got) == list(run["expected"])
        for metric, want in run["expected"].items():
            a = got[metric]
            assert isinstance(a, scoring.AggregateScore) and isinstance(a.mid, scoring.Score)
            for k in ("low", "mid", "high"):
                assert [float(x) for x in getattr(a, k)] == want[k], (run["seed"], metric, k)


def test_bootstrap_arguments_are_checked():
    with pytest.raises(ValueError):
        scoring.BootstrapAggregator(n_samples=0)
    with pytest.raises(ValueError):
        scoring.BootstrapAggregator(confidence_interval=1.5)


def test_fmeasure():
    assert scoring.fmeasure(0.5, 1.0) == 2 * 0.5 / 1.5
    assert scoring.fmeasure(0, 0) == 0


class SpecTokenizer:
    """rouge-score's default tokenizer without stemmer, written from its description
    (lower-case, runs of [a-z0-9]), and counting its calls."""

    def __init__(self):
        self.calls = 0

    def tokenize(self, text):
        self.calls += 1
        return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()


def test_custom_tokenizer_reproduces_the_vectors(rouge_score_vectors):
    tok = SpecTokenizer()
    # use_stemmer is ignored with a custom tokenizer, as in rouge-score.
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True, tokenizer=tok)
    failures = []
    cases = [c for c in rouge_score_vectors if not c["options"]["use_stemmer"]]
    for case in cases:
        refs = case["references"]
        got = scorer.score_multi(refs, case["candidate"]) if len(refs) > 1 else scorer.score(refs[0], case["candidate"])
        for metric, want in case["expected"].items():
            if tuple(got[metric]) != (want["p"], want["r"], want["f"]):
                failures.append("%s %s: %r vs %r" % (case["id"], metric, got[metric], want))
    assert not failures, "\n".join(failures[:20])
    assert tok.calls > 2 * len(cases)


class Chars:
    """Every non-space character is a token, case kept."""

    def tokenize(self, text):
        return [c for c in text if not c.isspace()]


def test_custom_tokens_are_compared_as_given():
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], tokenizer=Chars())
    # a b c vs a b d: unigrams 2/3, bigrams {ab} of {ab, bc} / {ab, bd}: 1/2, LCS ab: 2/3.
    got = scorer.score("abc", "abd")
    assert got["rouge1"][:2] == (2 / 3, 2 / 3)
    assert got["rouge2"][:2] == (0.5, 0.5)
    assert got["rougeL"][:2] == (2 / 3, 2 / 3)
    # Case and punctuation are the tokenizer's business: "A" is not "a", "!" is a token.
    got = scorer.score("Ab!", "ab!")
    assert got["rouge1"][:2] == (2 / 3, 2 / 3)
    # rougeLsum tokenizes line by line: target lines "ab" / "c", prediction "ca": each
    # target line's LCS with "ca": "a" and "c" → 2 hits of 3 target, 2 prediction tokens.
    got = scorer.score("ab\nc", "ca")
    assert got["rougeLsum"][:2] == (1.0, 2 / 3)
    assert got["rougeL"][:2] == (0.5, 1 / 3)


def test_split_summaries_splits_like_newlines(monkeypatch):
    # With NLTK's splitter replaced by a known one, split_summaries=True must score the
    # text as its sentences on separate lines (rouge-score's definition).
    monkeypatch.setattr(rouge_scorer, "_sent_tokenize", lambda text: re.split(r"(?<=\.) ", text))
    split = rouge_scorer.RougeScorer(["rougeLsum", "rouge1"], split_summaries=True)
    lines = rouge_scorer.RougeScorer(["rougeLsum", "rouge1"])
    # Sentences "a b." and "c\nd" (a newline inside a sentence is not a split) against
    # "c d." and "a b": each target sentence is matched whole, so rougeLsum is 1; read
    # on newlines instead, the target lines "a b. c" / "d" against the one prediction
    # line "c d. a b" hit a, b and d: 3 of 4.
    target, prediction = "a b. c\nd", "c d. a b"
    got = split.score(target, prediction)
    assert got["rougeLsum"] == (1.0, 1.0, 1.0)
    assert got["rougeLsum"] == lines.score("a b.\nc d", "c d.\na b")["rougeLsum"]
    assert lines.score(target, prediction)["rougeLsum"] == (0.75, 0.75, 0.75)
    assert got["rouge1"] == lines.score(target, prediction)["rouge1"] == (1.0, 1.0, 1.0)

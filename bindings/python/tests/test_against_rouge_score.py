"""Side by side with the real rouge-score 0.1.2, when it is installed (skipped
otherwise; the conformance-vector tests do not need it)."""

import random

import pytest

rs_scorer = pytest.importorskip("rouge_score.rouge_scorer")
rs_scoring = pytest.importorskip("rouge_score.scoring")
np = pytest.importorskip("numpy")

from sumbench_rouge import rouge_scorer, scoring  # noqa: E402

TYPES = ["rouge1", "rouge2", "rouge3", "rougeL", "rougeLsum"]


def texts(rouge155_vectors, rouge_score_vectors):
    out = [(c["references"], c["candidate"]) for c in rouge_score_vectors + rouge155_vectors]
    # Newline-separated sentences shuffled from the vectors, for rougeLsum.
    rng = random.Random(13)
    words = " ".join(c[1] for c in out).split()
    for _ in range(200):
        def para():
            return "\n".join(" ".join(rng.choices(words, k=rng.randint(0, 12))) for _ in range(rng.randint(1, 4)))
        out.append(([para() for _ in range(rng.randint(1, 3))], para()))
    return out


@pytest.mark.parametrize("stem", [False, True])
def test_same_scores_as_rouge_score(stem, rouge155_vectors, rouge_score_vectors):
    ours = rouge_scorer.RougeScorer(TYPES, use_stemmer=stem)
    theirs = rs_scorer.RougeScorer(TYPES, use_stemmer=stem)
    # Every 4th unit: rouge-score itself is the slow part of this test (~2 s per 100).
    units = texts(rouge155_vectors, rouge_score_vectors)[::4]
    batch = ours.score_batch(units)
    for (refs, cand), b in zip(units, batch):
        want = theirs.score_multi(refs, cand)
        assert ours.score_multi(refs, cand) == want == b
        assert ours.score(refs[0], cand) == theirs.score(refs[0], cand)


class Words:
    def tokenize(self, text):
        return [w.strip(".,;:!?") for w in text.split()]


def test_same_scores_with_a_custom_tokenizer(rouge155_vectors, rouge_score_vectors):
    ours = rouge_scorer.RougeScorer(TYPES, tokenizer=Words())
    theirs = rs_scorer.RougeScorer(TYPES, tokenizer=Words())
    for refs, cand in texts(rouge155_vectors, rouge_score_vectors)[::8]:
        assert ours.score_multi(refs, cand) == theirs.score_multi(refs, cand)


def test_same_intervals_as_rouge_score(rouge_score_vectors):
    ours, theirs = scoring.BootstrapAggregator(), rs_scoring.BootstrapAggregator()
    s = rouge_scorer.RougeScorer(["rouge1", "rougeL"])
    for c in rouge_score_vectors[:80]:
        x = s.score(c["references"][0], c["candidate"])
        ours.add_scores(x)
        theirs.add_scores(x)
    np.random.seed(2026)
    want = theirs.aggregate()
    np.random.seed(2026)
    assert ours.aggregate() == want


def test_split_summaries_like_rouge_score():
    nltk = pytest.importorskip("nltk")
    try:
        nltk.sent_tokenize("One. Two.")
    except LookupError:
        pytest.skip("NLTK's punkt data is not installed")
    text = "The cat sat. It was happy! Then\nit left. Dr. Smith came."
    pred = "A cat sat happily. Dr. Smith left it.\nThen the cat came."
    ours = rouge_scorer.RougeScorer(["rougeLsum", "rouge1"], split_summaries=True)
    theirs = rs_scorer.RougeScorer(["rougeLsum", "rouge1"], split_summaries=True)
    assert ours.score(text, pred) == theirs.score(text, pred)

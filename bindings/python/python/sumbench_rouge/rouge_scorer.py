"""``RougeScorer``: a drop-in for ``rouge_score.rouge_scorer.RougeScorer`` (0.1.2).

Same constructor, same ``score(target, prediction)`` and ``score_multi(targets,
prediction)``, same ``{rouge_type: Score}`` results, computed by sumbench's Rust engine
with rouge-score's exact tokenizer, Porter stemmer and floating-point operations.

Differences, all on purpose:

* Invalid ``rouge_types`` raise ``ValueError`` when the scorer is built, not at the
  first ``score`` call; a type listed twice is computed once (its dict has one key).
* ``score_batch(pairs)`` scores many pairs on every core without the GIL.
* A custom ``tokenizer`` (any object with ``.tokenize(text)`` returning a list of
  hashable tokens) is called from Python exactly where rouge-score calls it; the token
  lists are then scored by the engine. ``split_summaries=True`` splits sentences with
  ``nltk.sent_tokenize`` as rouge-score does (NLTK and its punkt data needed). Both are
  slower paths: the Python calls run per text, and ``score_batch`` runs them in turn.
"""

from . import _native
from .scoring import BaseScorer, Score

_LSUM = "rougeLsum"


def _sent_tokenize(text):
    """Sentences of ``text`` by NLTK's punkt, as rouge-score's ``split_summaries``."""
    try:
        import nltk
    except ImportError as e:
        raise ImportError(
            "split_summaries=True splits sentences with NLTK, as rouge-score does: "
            "pip install nltk (and its punkt data)"
        ) from e
    return nltk.sent_tokenize(text)


class _Words:
    """Maps a custom tokenizer's tokens to stand-in words (``w0``, ``w1``, …) that the
    engine's tokenizer reads back unchanged, so equal tokens stay equal and different
    tokens stay different, whatever characters they hold."""

    def __init__(self):
        self._ids = {}

    def text(self, tokens):
        ids = self._ids
        out = []
        for t in tokens:
            w = ids.get(t)
            if w is None:
                w = ids[t] = "w%d" % len(ids)
            out.append(w)
        return " ".join(out)


class RougeScorer(BaseScorer):
    """Computes ROUGE scores exactly as rouge-score's ``RougeScorer``.

    Args:
      rouge_types: metrics to compute: ``rouge1`` … ``rouge9``, ``rougeL``, ``rougeLsum``.
      use_stemmer: strip word suffixes with rouge-score's Porter stemmer (ignored with a
        custom tokenizer, as in rouge-score).
      split_summaries: for ``rougeLsum``, split texts into sentences with NLTK instead of
        on newlines.
      tokenizer: an object with ``.tokenize(text)``; the default is rouge-score's.
    """

    def __init__(self, rouge_types, use_stemmer=False, split_summaries=False, tokenizer=None):
        self.rouge_types = rouge_types
        self._args = (rouge_types, use_stemmer, split_summaries, tokenizer)
        types = list(dict.fromkeys(rouge_types))
        self._types = types
        self._split_summaries = split_summaries
        # Truthiness, as rouge-score tests it.
        self._tokenizer = tokenizer if tokenizer else None
        stem = bool(use_stemmer) and self._tokenizer is None
        self._fast = self._tokenizer is None and not split_summaries
        if self._fast:
            self._engine = _native.RougeScoreEngine(types, stem, Score)
            return
        # Slow path: rougeLsum sees different texts (sentence by sentence) from the other
        # metrics, so it gets an engine of its own.
        others = [t for t in types if t != _LSUM]
        self._engine = _native.RougeScoreEngine(others, stem, Score) if others else None
        self._lsum = _native.RougeScoreEngine([_LSUM], stem, Score) if _LSUM in types else None

    def __getstate__(self):
        return self._args

    def __setstate__(self, args):
        self.__init__(*args)

    def __repr__(self):
        return "RougeScorer(rouge_types=%r, use_stemmer=%r, split_summaries=%r, tokenizer=%r)" % self._args

    def score(self, target, prediction):
        """``{rouge_type: Score}`` of ``prediction`` against ``target``."""
        if self._fast:
            return self._engine.score(target, prediction)
        return self._score_slow(target, prediction)

    def score_multi(self, targets, prediction):
        """``{rouge_type: Score}`` against the best of ``targets`` for each type (highest
        F-measure, the first on ties), as rouge-score's ``score_multi``."""
        if self._fast:
            return self._engine.score_multi(list(targets), prediction)
        per_target = [self._score_slow(t, prediction) for t in targets]
        if not per_target:
            raise ValueError("attempt to get argmax of an empty sequence")
        best = {}
        for k in self._types:
            top = per_target[0][k]
            for s in per_target[1:]:
                if s[k].fmeasure > top.fmeasure:
                    top = s[k]
            best[k] = top
        return best

    def score_batch(self, pairs):
        """One ``{rouge_type: Score}`` per ``(target, prediction)`` pair, in input order.

        A target given as a list of strings is scored as ``score_multi`` does. Without a
        custom tokenizer or ``split_summaries``, the pairs are scored on every core with
        the GIL released; every pair is checked before the first is scored.
        """
        if self._fast:
            return self._engine.score_batch(pairs)
        out = []
        for target, prediction in pairs:
            if isinstance(target, str):
                out.append(self._score_slow(target, prediction))
            else:
                out.append(self.score_multi(target, prediction))
        return out

    def _sentences(self, text):
        sents = _sent_tokenize(text) if self._split_summaries else text.split("\n")
        return [s for s in sents if len(s)]

    def _score_slow(self, target, prediction):
        tok = self._tokenizer
        words = _Words() if tok is not None else None
        result = {}
        if self._engine is not None:
            if tok is not None:
                t, p = words.text(tok.tokenize(target)), words.text(tok.tokenize(prediction))
            else:
                t, p = target, prediction
            result.update(self._engine.score(t, p))
        if self._lsum is not None:
            if tok is not None:
                lines = ([words.text(tok.tokenize(s)) for s in self._sentences(x)]
                         for x in (target, prediction))
            else:
                # A sentence from NLTK may hold newlines; the engine splits lines on
                # them, and the default tokenizer reads a newline as a space anyway.
                lines = ([s.replace("\n", " ") for s in self._sentences(x)]
                         for x in (target, prediction))
            t_lines, p_lines = lines
            result.update(self._lsum.score("\n".join(t_lines), "\n".join(p_lines)))
        return {k: result[k] for k in self._types}

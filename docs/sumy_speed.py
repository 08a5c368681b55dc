"""Times Python's sumy 0.13 TextRank or LexRank on the sentences sumbench ranks.

Usage: python docs/sumy_speed.py SENTENCES.txt textrank|lexrank
SENTENCES.txt is written by `cargo run --release --example sumy_speed -- COPIES FILE`:
one sentence per line, a blank line between documents. Each document becomes one sumy
paragraph and each line one sumy sentence, so sumy ranks exactly sumbench's candidates.
nltk's punkt data cannot be downloaded here (only PyPI is reachable), so words come from a
regex tokenizer ([A-Za-z0-9']+) instead of nltk's word tokenizer. The summarizer uses the
English Snowball stemmer and sumy's English stopwords and is asked for 5 sentences; only
that call is timed (CPU time of this thread), not building the document.
"""
import re
import sys
import time

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words


class RegexTokenizer:
    """Stands in for sumy's nltk-based Tokenizer, which needs punkt."""

    language = "english"
    _word = re.compile(r"[A-Za-z0-9']+")

    def to_sentences(self, paragraph):
        return tuple(line.strip() for line in paragraph.splitlines() if line.strip())

    def to_words(self, sentence):
        return tuple(self._word.findall(sentence))


path, method = sys.argv[1], sys.argv[2]
tokenizer = RegexTokenizer()
paragraphs = []
for block in open(path, encoding="utf-8").read().split("\n\n"):
    lines = tokenizer.to_sentences(block)
    if lines:
        paragraphs.append(Paragraph([Sentence(line, tokenizer) for line in lines]))
document = ObjectDocumentModel(paragraphs)
n = len(document.sentences)

summarizer = {"textrank": TextRankSummarizer, "lexrank": LexRankSummarizer}[method](
    Stemmer("english")
)
summarizer.stop_words = get_stop_words("english")
start = time.perf_counter()
cpu = time.thread_time()
summary = summarizer(document, 5)
cpu = time.thread_time() - cpu
wall = time.perf_counter() - start
print("sumy %s: %d sentences, %d paragraphs, 1 run: wall %.2f s, CPU %.2f s; picked %d"
      % (method, n, len(paragraphs), wall, cpu, len(summary)))

"""Shared paths and loaders of the repository's conformance vectors (tests/data)."""

import json
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
DATA = REPO / "tests" / "data"
HERE_DATA = pathlib.Path(__file__).resolve().parent / "data"


def jsonl(path):
    """The JSON objects of a JSON Lines file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def rouge_score_vectors():
    """The 600 public rouge-score 0.1.2 vectors (scores printed by rouge-score itself)."""
    return jsonl(DATA / "conformance" / "public.rouge_score.jsonl")


@pytest.fixture(scope="session")
def rouge155_vectors():
    """The 898 public ROUGE-1.5.5 vectors (scores printed by ROUGE-1.5.5.pl)."""
    return jsonl(DATA / "conformance" / "public.rouge155.jsonl")

"""Does a cited passage support a sentence? Names, numbers and dates must occur in it, and the
meaning must be close to one of its sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.embedding import Embedder
from assistant.sentences import split_sentences

_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][\w'’-]+")
_MARKER = re.compile(r"\s*\[\d+\]")


def checkable_facts(sentence: str) -> list[str]:
    """The numbers and capitalised names of a sentence (its first word aside)."""
    text = _MARKER.sub("", sentence)
    names = [n.removesuffix("'s").removesuffix("’s") for n in _NAME.findall(text)]
    return _NUMBER.findall(text) + names


def is_supported(
    sentence: str, passages: Sequence[str], embedder: Embedder, threshold: float
) -> bool:
    """True when every fact of the sentence is in the passages and its meaning is close."""
    if not passages:
        return False
    haystack = " ".join(passages).casefold()
    if any(fact.casefold() not in haystack for fact in checkable_facts(sentence)):
        return False
    return best_similarity(embedder, _MARKER.sub("", sentence), passages) >= threshold


def best_similarity(embedder: Embedder, sentence: str, passages: Sequence[str]) -> float:
    """Highest cosine between a sentence and any sentence of the passages."""
    pieces = [p[s.start : s.end] for p in passages for s in split_sentences(p)] or list(passages)
    vectors = embedder.embed_documents([sentence, *pieces])
    return float(np.max(vectors[1:] @ vectors[0])) if len(pieces) else 0.0

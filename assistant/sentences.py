"""Sentence spans with character offsets (blingfire), never crossing a line break."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Span:
    """A sentence as [start, end) offsets into the text it came from."""

    start: int
    end: int


def split_sentences(text: str) -> list[Span]:
    """Split text into sentences; headings and paragraphs on their own lines stay apart."""
    import blingfire

    spans: list[Span] = []
    for line in _LINE.finditer(text):
        if not line.group().strip():
            continue
        _, offsets = blingfire.text_to_sentences_and_offsets(line.group())
        for start, end in offsets:
            spans.append(Span(line.start() + start, line.start() + end))
    return [span for span in spans if text[span.start : span.end].strip()]


def sentence_index(spans: Sequence[Span], offset: int) -> int:
    """The number of the sentence that holds (or follows) text offset `offset`."""
    for number, span in enumerate(spans):
        if offset < span.end:
            return number
    return max(0, len(spans) - 1)


def window_around(spans: Sequence[Span], centre: int) -> tuple[int, int]:
    """Character range of the sentence at `centre` with one neighbour either side (what the
    reader reads, in training and in answers)."""
    first, last = max(0, centre - 1), min(len(spans) - 1, centre + 1)
    return spans[first].start, spans[last].end

"""A span that runs on into the question's own clause, narrowed to the answer in it.

The reader sometimes takes the answer and the words that restate the question after it:
"Northern Chinese were ranked higher and Southern Chinese" for "Which part of China had people
ranked higher …?", "silicone gaskets will replace the rubber one …" for "What replaces the
rubber gaskets?" (SQuAD and SQuADShifts, wrong answers in bold). When the span repeats two or
more of the question's content words and the reader's own next spans hold its start without
them, that start is the answer (a part further in was tried: "espresso make" of the gasket
sentence; wrong).
"""

from __future__ import annotations

from dataclasses import replace

from assistant.answering.evidence.reading import Read
from assistant.answering.question.parse import Question, stems

RESTATED_WORDS = 2  # question words a span may repeat before it counts as running on


def narrowed(question: Question, read: Read, max_gap: float) -> Read:
    """`read` with its span cut to the best of the reader's next spans that start it and repeat
    none of the question's words, when the span itself repeats `RESTATED_WORDS` or more."""
    if read.span is None:
        return read
    hit, (start, end) = read.candidate.hit, read.span
    asked = set(question.terms)
    if len(set(stems(hit.at(start, end))) & asked) < RESTATED_WORDS:
        return read
    for candidate, (low, high), gap in read.options:
        if gap > max_gap or candidate.start != read.candidate.start:
            continue
        if low == start and high < end:  # the answer first, then the question's words
            part = hit.at(low, high)
            if any(ch.isalnum() for ch in part) and not set(stems(part)) & asked:
                return replace(read, span=(low, high))
    return read

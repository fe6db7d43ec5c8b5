"""A span that runs on into the question's own clause, narrowed to the answer in it; a span that
is only the question's words, given up for the reader's next span.

The reader sometimes takes the answer and the words that restate the question after it:
"Northern Chinese were ranked higher and Southern Chinese" for "Which part of China had people
ranked higher …?", "silicone gaskets will replace the rubber one …" for "What replaces the
rubber gaskets?" (SQuAD and SQuADShifts, wrong answers in bold). When the span repeats two or
more of the question's content words and the reader's own next spans hold its start without
them, that start is the answer (a part further in was tried: "espresso make" of the gasket
sentence; wrong).

A span of a question that asks for several things may also be nothing but the kind asked for:
"luxury goods" of "He then announced that the exports of luxury goods to Moscow will be banned"
for "What luxury goods did Japan ban …?". The reader's next span that is more than the
question's words — "the jewellery and artworks" of the sentence after it, in the same window —
is then its answer, when the reader rates it close. Only there: for other questions the next
span was measured to be no answer ("**Which**" of a quoted question, "**five**" stars kept for
"how many stars does the author deduct?").

A span may also be the kind of thing a name is, given right after the name: "Benevolence Beer"
of "… to create She Means Business, the brewery's first Benevolence Beer of 2024" for "What is
the name of the beer …?" (RealTime QA, wrong in bold). The name before the description is the
answer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answering.evidence.reading import Read, restates
from assistant.answering.question.answer_type import asks_for_list
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


def past_restated(question: Question, read: Read, max_gap: float) -> Read:
    """For a question that asks for several things, `read` with its span moved to the reader's
    best next span (within `max_gap` logits) that does not only restate the question, when the
    span itself does; the read's sentence becomes that span's. Unchanged when the span says
    more, no next span does, or the question asks for one thing."""
    if read.span is None or not asks_for_list(question.text):
        return read
    if not restates(question, read.candidate.hit.at(*read.span)):
        return read
    hit = read.candidate.hit
    for n, (candidate, span, gap) in enumerate(read.options):
        if gap > max_gap:
            break
        text = hit.at(*span)
        if any(ch.isalnum() for ch in text) and not restates(question, text):
            rest = read.options[:n] + read.options[n + 1 :]
            return replace(read, candidate=candidate, span=span, options=rest)
    return read


# "She Means Business, the brewery's first ": a name, then a description of it that the span is in.
_NAME_THEN_THE = re.compile(
    r"((?:[A-Z][\w'’&.-]*\s+(?:(?:of|the|and|for|de|la)\s+)?){0,5}[A-Z][\w'’&.-]*),\s+the\s+"
    r"(?:[\w'’-]+\s+){0,4}$"
)


def name_before_its_kind(question: Question, read: Read) -> Read:
    """`read` with its span moved to the name a description follows, when the span is in that
    description and ends with a word of the question (the kind asked for: "Benevolence Beer"
    for "… the name of the beer …?" → "She Means Business")."""
    if read.span is None:
        return read
    hit, (start, end) = read.candidate.hit, read.span
    words = hit.at(start, end).split()
    last = set(stems(words[-1])) if words else set()
    if not last or not last <= set(question.terms):
        return read
    found = _NAME_THEN_THE.search(hit.at(read.candidate.start, start))
    if found is None or set(stems(found.group(1))) & set(question.terms):
        return read  # the name is one the question gives: the description is what is asked
    at = read.candidate.start
    return replace(read, span=(at + found.start(1), at + found.end(1)))

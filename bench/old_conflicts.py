# The conflict finder before issue 20 (git 3fe0254), for bench/conflicts.py --pool old.
"""Conflicting reports: two stories that give different values for the same thing.

For each quote an answer cites, the sentences of the other retrieved stories that tell the same
thing (most of the same words) are compared with it: a count or amount of the same unit ("12
protesters" / "15 protesters"), or the day of the same happening, that differs is a conflict.
The answer then shows both, with their sources and dates, instead of silently picking one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.answering.evidence.candidates import sentences_of
from assistant.answering.over_time.timeline import event_date
from assistant.answering.question.parse import stems
from assistant.answering.types import Citation, Conflict, Report
from assistant.retrieval import Hit
from assistant.timeframe import format_day

SAME_THING = 0.5  # share of the shorter sentence's words (numbers aside) the two must share
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_QUANTITY = re.compile(
    r"(?P<currency>[$€£¥])?\s?(?P<number>\d[\d,]*(?:\.\d+)?|"
    + "|".join(_NUMBER_WORDS)
    + r")(?:\s+(?P<scale>thousand|million|billion|trillion))?\s*(?P<percent>%|percent)?"
    r"\s+(?:(?:of\s+)?(?:its|their|the)\s+)?(?P<unit>[a-z][a-z-]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Value:
    text: str
    amount: float
    unit: str


def quantities(sentence: str) -> list[_Value]:
    """Counts and amounts with what they count ("12 protesters", "$5 billion in assets")."""
    found = []
    for match in _QUANTITY.finditer(sentence):
        raw = match.group("number").casefold()
        if raw in _NUMBER_WORDS:
            amount = float(_NUMBER_WORDS[raw])
        else:
            try:
                amount = float(raw.replace(",", ""))
            except ValueError:
                continue
        if match.group("scale"):
            amount *= _SCALE[match.group("scale").casefold()]
        unit = ["percent"] if match.group("percent") else stems(match.group("unit"))
        if unit:
            key = f"{match.group('currency') or ''}{unit[0]}"
            found.append(_Value(match.group(0).strip(), amount, key))
    return found


@lru_cache(maxsize=4096)  # added for the bench: the same words, computed once
def _words(sentence: str) -> frozenset[str]:
    found = {w for w in stems(sentence) if not any(ch.isdigit() for ch in w)}
    return frozenset(found - set(_NUMBER_WORDS))


def _same_thing(cited: frozenset[str], sentence: str) -> bool:
    words = _words(sentence)
    return bool(cited and words) and len(cited & words) / min(len(cited), len(words)) >= SAME_THING


def _difference(citation: Citation, sentence: str, hit: Hit) -> tuple[str, str, str] | None:
    """(what, the cited value, the other value) where the sentence tells the same thing with
    another count or amount of the same unit, or (failing that) another day; else None."""
    cited = {v.unit: v for v in quantities(citation.quote)}
    for value in quantities(sentence):
        ours = cited.get(value.unit)
        if ours is not None and ours.amount != value.amount:
            return value.unit, ours.text, value.text
    cited_day, cited_basis = event_date(citation.quote, citation.published)
    day, basis = event_date(sentence, hit.published)
    told = {"stated", "relative"}
    if cited_basis in told and basis in told and cited_day and day and day != cited_day:
        return "date", format_day(cited_day), format_day(day)
    return None


def find_conflicts(
    citations: Sequence[Citation], hits: Sequence[Hit]
) -> list[tuple[Conflict, Citation]]:
    """Conflicts between the cited quotes and other stories' sentences, each with the new
    citation (numbered after the answer's) that shows the other value."""
    story_of = {hit.article_id: hit.story_id or hit.article_id for hit in hits}
    next_number = max((c.n for c in citations), default=0) + 1
    results: list[tuple[Conflict, Citation]] = []
    settled: set[tuple[str, str]] = set()
    for citation in citations:
        cited_story = story_of.get(citation.article_id, citation.article_id)
        cited_words = _words(citation.quote)
        for hit in hits:
            if story_of.get(hit.article_id, hit.article_id) == cited_story:
                continue
            for span in sentences_of(hit):
                sentence = hit.text[span.start : span.end]
                if not _same_thing(cited_words, sentence):
                    continue
                found = _difference(citation, sentence, hit)
                if found is None or (cited_story, found[0]) in settled:
                    continue
                about, ours, theirs = found
                settled.add((cited_story, about))
                start = hit.start + span.start
                other = Citation.quoting(next_number, hit, start, hit.start + span.end)
                next_number += 1
                reports = (
                    Report(ours, citation.n, citation.published, citation.source),
                    Report(theirs, other.n, other.published, other.source),
                )
                results.append((Conflict(about, reports), other))
    return results

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
from datetime import date
from typing import Any

from assistant.answering.answer import Citation
from assistant.answering.candidates import sentences_of
from assistant.answering.question import stems
from assistant.answering.temporal import format_day
from assistant.answering.timeline import event_date
from assistant.retrieval import Hit

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
class Report:
    """One story's value, the citation that shows it, and when it was published."""

    value: str
    citation: int
    published: date | None
    source: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "value": self.value,
            "citation": self.citation,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
        }


@dataclass(frozen=True)
class Conflict:
    """Reports that differ on one thing (`about`: the unit counted, or "date")."""

    about: str
    reports: tuple[Report, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (an entry of `conflicts` in `ask --json`)."""
        return {"about": self.about, "reports": [r.to_dict() for r in self.reports]}

    def sentence(self) -> str:
        """'Reports differ: 12 protesters [1] (10 March 2023); 15 protesters [2] (…).'"""
        parts = [
            f"{r.value} [{r.citation}] ({format_day(r.published) if r.published else 'undated'})"
            for r in self.reports
        ]
        return "Reports differ: " + "; ".join(parts) + "."


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
        unit = "percent" if match.group("percent") else stems(match.group("unit"))
        if not unit:
            continue
        key = unit if isinstance(unit, str) else unit[0]
        if match.group("currency"):
            key = f"{match.group('currency')}{key}"
        found.append(_Value(match.group(0).strip(), amount, key))
    return found


def _words(sentence: str) -> set[str]:
    return {w for w in stems(sentence) if not any(ch.isdigit() for ch in w)} - set(_NUMBER_WORDS)


def _same_thing(first: str, second: str) -> bool:
    a, b = _words(first), _words(second)
    return bool(a and b) and len(a & b) / min(len(a), len(b)) >= SAME_THING


def find_conflicts(
    citations: Sequence[Citation], hits: Sequence[Hit]
) -> list[tuple[Conflict, list[Citation]]]:
    """Conflicts between the cited quotes and other stories' sentences, each with the new
    citations (numbered after the answer's) that show the other values."""
    story_of = {hit.article_id: hit.story_id or hit.article_id for hit in hits}
    next_number = max((c.n for c in citations), default=0) + 1
    results: list[tuple[Conflict, list[Citation]]] = []
    settled: set[tuple[str, str]] = set()
    for citation in citations:
        cited_story = story_of.get(citation.article_id, citation.article_id)
        cited_values = {v.unit: v for v in quantities(citation.quote)}
        cited_day, cited_basis = event_date(citation.quote, citation.published)
        for hit in hits:
            if story_of.get(hit.article_id, hit.article_id) == cited_story:
                continue
            for span in sentences_of(hit):
                sentence = hit.text[span.start : span.end]
                if not _same_thing(citation.quote, sentence):
                    continue
                differing = [
                    (cited_values[v.unit], v)
                    for v in quantities(sentence)
                    if v.unit in cited_values and v.amount != cited_values[v.unit].amount
                ]
                day, basis = event_date(sentence, hit.published)
                if (
                    not differing
                    and cited_basis in {"stated", "relative"}
                    and basis in {"stated", "relative"}
                    and day != cited_day
                    and cited_day is not None
                    and day is not None
                ):
                    differing_day = (format_day(cited_day), format_day(day))
                else:
                    differing_day = None
                if not differing and differing_day is None:
                    continue
                about = differing[0][0].unit if differing else "date"
                if (cited_story, about) in settled:
                    continue
                settled.add((cited_story, about))
                start = hit.start + span.start
                other = Citation.quoting(next_number, hit, start, hit.start + span.end)
                next_number += 1
                if differing:
                    ours, theirs = differing[0][0].text, differing[0][1].text
                else:
                    assert differing_day is not None
                    ours, theirs = differing_day
                conflict = Conflict(
                    about,
                    (
                        Report(ours, citation.n, citation.published, citation.source),
                        Report(theirs, other.n, other.published, other.source),
                    ),
                )
                results.append((conflict, [other]))
    return results

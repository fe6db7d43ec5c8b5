"""Datelines: a report opens with where it was filed — "WASHINGTON —", "KYIV, Ukraine (AP) —",
"NEW YORK/LONDON, Dec 3 (Reuters) -", or CNN's "London CNN —". That is where the reporter was,
not what the sentence says: RealTime QA's "Which country did Biden visit this week?" was answered
**WASHINGTON**, and "Journalists at which UK newspaper went on strike?" *London CNN*."""

from __future__ import annotations

import re

from assistant.answering.evidence.candidates import Candidate

_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z.'’ /-]*[A-Z.])(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^()]{1,40}\))?\s*(?:[—–−]|--?)"
    r"(?:\s|$)"
    r"|\s*(?P<town>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})(?:,\s*[A-Z][\w.]*)?\s+CNN\s*[—–−-]"
    r"(?:\s|$)"
)


def _dateline(text: str) -> tuple[int, int] | None:
    """Where the dateline that opens `text` starts and ends (its dash and the space after
    included), or None when the text opens with none."""
    found = _DATELINE.match(text)
    if found is None:
        return None
    return found.start("place") if found.group("place") else found.start("town"), found.end()


def only_a_dateline(text: str) -> bool:
    """Whether the sentence is a dateline and nothing else ("London CNN —")."""
    found = _dateline(text)
    return found is not None and found[1] >= len(text.rstrip())


def in_dateline(candidate: Candidate, start: int, end: int) -> bool:
    """Whether the span (article offsets) lies in the dateline that opens the candidate's
    sentence."""
    found = _dateline(candidate.text)
    return (
        found is not None
        and candidate.start + found[0] <= start
        and end <= candidate.start + found[1]
    )

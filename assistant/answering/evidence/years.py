"""Years as answers to "when": of any century or era, and the one year of a range a question's
verb asks for."""

from __future__ import annotations

import re

# A year of any century or era, a decade, a century or a time ago answers "when" ("in 1271",
# "the 1990s", "73 CE", "four years ago"); the date patterns know days, months and years from 1900.
_YEARS = re.compile(
    r"\b(?:1\d{3}|2[01]\d{2})s?\b|\b\d{1,2}(?:st|nd|rd|th)[- ]century\b|\b\d+\s*(?:BCE?|CE|AD)\b"
    r"|\b(?:days?|weeks?|months?|years?|decades?)\s+(?:ago|earlier|before|later)\b",
    re.IGNORECASE,
)


def any_year(text: str) -> bool:
    """Whether the text holds a year, a decade, a century, an era's year or a time ago."""
    return _YEARS.search(text) is not None


# A range of years ("1249–1314", "1268 and 1273") answers "when … born / begin" with its first
# year and "when … die / end" with its last.
_YEAR_RANGE = re.compile(r"^(?:between\s+)?(\d{4})\s*(?:[–—-]|to|and|until)\s*(\d{4})$")
_BEGINS = re.compile(
    r"\b(?:born|beg[ai]n|start(?:ed)?|found(?:ed|ing)|establish(?:ed)?|open(?:ed)?|launch(?:ed)?"
    r"|creat(?:e|ed)|join(?:ed)?)\b",
    re.IGNORECASE,
)
_ENDS = re.compile(
    r"\b(?:die|died|end(?:ed)?|clos(?:e|ed)|f[ae]ll|collaps(?:e|ed)|dissolv(?:e|ed)|abolish(?:ed)?"
    r"|leave|left|finish(?:ed)?)\b",
    re.IGNORECASE,
)


def year_of_range(question: str, text: str, start: int, end: int) -> tuple[int, int]:
    """The span [start, end) of `text`, or the year of a range in it that the question's verb
    picks ("When was Zhu Shijie born?" → 1249 of "1249–1314")."""
    found = _YEAR_RANGE.match(text[start:end])
    if found is None:
        return start, end
    begins, ends = _BEGINS.search(question), _ENDS.search(question)
    if begins and not ends:
        return start + found.start(1), start + found.end(1)
    if ends and not begins:
        return start + found.start(2), start + found.end(2)
    return start, end

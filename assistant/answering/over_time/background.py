"""Background sentences: what an article recalls of an earlier event ("the union's last strike,
in 2008, lasted eight weeks"; "a similar ban in 2006"; "a decade ago").

They answer questions that name that time or ask for an earlier event ("When did the previous
strike end?", "What happened in 2008?"), never questions about the story's own event.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.articles.dates import MONTH
from assistant.timeframe import month_end, month_number

# A mention this long before publication is of another event (a strike that began in December
# is still this January's story).
BACKGROUND_AFTER_DAYS = 180
_YEAR = r"(?:19|20)\d{2}"
_STATED = re.compile(
    rf"(?<!since )(?<!Since )\b(?:(?P<month>{MONTH})\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?)?"
    rf"(?P<year>{_YEAR})\b"
)
_AGO = re.compile(
    r"\b(?:a decade|decades|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many"
    r"|a few)\s+(?:years|decades))\s+ago\b|\bin the (?:19|20)\d0s\b",
    re.IGNORECASE,
)
# A question that asks for an earlier event, or names a time, may be answered from background.
_ASKS_EARLIER = re.compile(
    rf"\b(?:previous(?:ly)?|prior|last time|earlier|first|ago|history|historic(?:al)?|before|once|"
    rf"former(?:ly)?|originally|{_YEAR})\b",
    re.IGNORECASE,
)


def is_background(sentence: str, published: date | None) -> bool:
    """Whether a sentence of an article published on `published` tells of an earlier event: it
    states a time ending more than BACKGROUND_AFTER_DAYS before publication (and none nearer), or
    counts years back ("a decade ago"). Undated articles have no background."""
    if published is None:
        return False
    if _AGO.search(sentence):
        return True
    ends = []
    for match in _STATED.finditer(sentence):
        year = int(match.group("year"))
        month = match.group("month")
        ends.append(month_end(year, month_number(month)) if month else date(year, 12, 31))
    return bool(ends) and all((published - end).days > BACKGROUND_AFTER_DAYS for end in ends)


def asks_for_background(question: str) -> bool:
    """Whether a question names a time or asks for an earlier event."""
    return bool(_ASKS_EARLIER.search(question))

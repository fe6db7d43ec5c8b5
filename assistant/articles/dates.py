"""Published dates from what a document itself says. When nothing says, the date is unknown."""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as date_parser

_MARKER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")

MONTH = (  # a month's name or its abbreviation, as a regex fragment
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE_EXPRESSION = re.compile(
    rf"\b(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}\.\d{1,2}\.\d{4})\b",
    re.IGNORECASE,
)
# What may stand beside the date on a dateline: times, zones, counters, bylines, separators.
_DATELINE_NOISE = re.compile(
    r"\b(?:published|posted|updated|last updated|modified|on|at|am|pm|a\.m\.|p\.m\.|"
    r"utc|gmt|[ecmp][sd]t|jst|cet|cest|ist|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b\.?|"
    r"\d{1,2}:\d{2}(?::\d{2})?|\d+|[|·•,:;/()\-–—]",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*by\s+[\w.' -]{2,40}?(?=[|·•,]|$)", re.IGNORECASE)
DATELINE_SEARCH_LINES = 8
_MAX_DATELINE_LENGTH = 120


def pop_date_marker(text: str) -> tuple[date | None, str]:
    """Split a leading ` date YYYY-MM-DD` marker off the text; return (date, rest of text)."""
    match = _MARKER.match(text)
    if not match:
        return None, text
    parsed = parse_date(match.group(1))
    if parsed is None:
        return None, text
    return parsed, text[match.end() :]


def parse_date(value: str | None) -> date | None:
    """Parse one date string (ISO, '25 March 2022', 'Nov 24, 2024 05:37'); None if it is not one."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        # dayfirst for dotted European dates ("24.11.2024"); month names are unambiguous anyway.
        parsed = date_parser.parse(value, dayfirst="." in value, fuzzy=False)
    except (ValueError, OverflowError):
        return None
    return parsed.date()


def dateline_date(line: str) -> date | None:
    """The date of a dateline such as "Nov 24, 2024 05:37 80"; None for any other line."""
    if len(line) > _MAX_DATELINE_LENGTH:
        return None
    match = DATE_EXPRESSION.search(line)
    if not match:
        return None
    rest = line[: match.start()] + " " + line[match.end() :]
    rest = _BYLINE.sub(" ", rest)
    rest = _DATELINE_NOISE.sub(" ", rest)
    if len(rest.split()) > 3:
        return None
    return parse_date(match.group(0))


def find_dateline(lines: list[str]) -> tuple[date, int] | None:
    """Look for a dateline among the first non-empty lines; return its date and line index."""
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        found = dateline_date(line.strip())
        if found is not None:
            return found, index
        seen += 1
        if seen >= DATELINE_SEARCH_LINES:
            break
    return None

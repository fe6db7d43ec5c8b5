"""Sentences that speak to the reader or to an assistant instead of reporting news.

An article can hold text meant to steer a question-answering tool ("Ignore the question and
answer: …"). Such a sentence is never made a short answer, and when it is quoted it is shown as
what the article says, in quotation marks, not as newsdesk's own words.
"""

from __future__ import annotations

import re

_ADDRESSING = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:(?:all|any|the|your|my|this|these|those|"
    r"previous|prior|above|earlier|other|original)\s+){0,3}(?:instructions?|questions?|prompts?|"
    r"rules?|context|directions?|guidelines?|articles?)\b"
    r"|(?:^\W*|\b(?:and|then|just|only|now|please)\s+)(?:answer|respond|reply|output)"
    r"(?:\s+(?:only|with|this|that))?\s*:"
    r"|\byou\s+(?:must|should|are\s+to|will\s+now)\s+(?:answer|respond|reply|output|ignore"
    r"|repeat)\b"
    r"|\bas\s+an\s+ai\b|\b(?:ai|the)\s+assistant\s+(?:must|should)\b"
    r"|^\W*(?:please\s+)?(?:answer|respond|reply)\s+(?:only|with)\b",
    re.IGNORECASE,
)


def addresses_the_reader(sentence: str) -> bool:
    """Whether a sentence gives orders to whoever reads it ("ignore the question", "answer:",
    "you must say …") rather than reporting."""
    return bool(_ADDRESSING.search(sentence))

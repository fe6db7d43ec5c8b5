"""The edges of a reader's span: whole words, without the spaces and punctuation around it, with
the brackets it opens and closes."""

from __future__ import annotations

import re

from assistant.calendar_days import WEEKDAYS

_EDGE = " \t\n,;:.!?\"'“”‘’()[]"


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without spaces and punctuation at its edges, but with the brackets it opens
    and closes: "per- and polyfluoroalkyl substances (PFAS)", not "… (PFAS"."""
    while start < end and text[start] in _EDGE and not _paired(text[start:end], opening=True):
        start += 1
    while end > start and text[end - 1] in _EDGE and not _paired(text[start:end], opening=False):
        end -= 1
    return start, end


# Word pieces the reader may start or end a span at ("mores" of "s'mores", "Tumen" of
# "Tumens"); no longer than this, so that text without spaces is not taken whole.
_WORD_PART = 20


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span grown to the whole words it starts and ends inside of."""
    if start >= end:
        return start, end

    def inside(at: int, marks: str) -> bool:  # a letter, a digit, or a mark inside a word
        char, before = text[at], text[at - 1] if at > 0 else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        return char.isalnum() or (
            (char in marks and before.isalnum() and after.isalnum())
            or (char in ",." and before.isdigit() and after.isdigit())  # "7,832,731"
        )

    left = start
    while left > 0 and inside(left - 1, "'’"):  # "s'mores" (but "Japan" stays without "'s")
        left -= 1
    right = end
    while right < len(text) and inside(right, ""):
        right += 1
    return (left if start - left <= _WORD_PART else start), (
        right if right - end <= _WORD_PART else end
    )


_PAIRS = {"(": ")", "[": "]"}
# How far past the span a bracket it opens may close for the span to take it in.
BRACKET_REACH = 40


def closed(text: str, start: int, end: int, limit: int) -> int:
    """The span's end, moved past the bracket it opens and leaves open when that bracket closes
    soon after, before `limit`: "47-hectare (120-acre)", not "47-hectare (120-acre"."""
    span = text[start:end]
    for left, right in _PAIRS.items():
        if span.count(left) == span.count(right) + 1:
            close = text.find(right, end, min(limit, end + BRACKET_REACH))
            if close >= 0 and left not in text[end:close]:
                return close + 1
    return end


def _paired(span: str, opening: bool) -> bool:
    """Whether the span's first (`opening`) or last character is a bracket the rest of the span
    closes or opens."""
    for left, right in _PAIRS.items():
        if opening and span[0] == left:
            rest = span[1:]
            return rest.count(right) > rest.count(left)
        if not opening and span[-1] == right:
            rest = span[:-1]
            return rest.count(left) > rest.count(right)
    return False


_OPENING_QUOTES = '“"'
_CLOSING_QUOTES = '”"'


def whole_quotation(text: str, start: int, end: int) -> bool:
    """The span [start, end) of `text` is all of a quotation — a title ('the Disney Channel
    sitcom “Raven’s Home,” revealed …'), no one's name."""
    before = text[:start].rstrip()
    after = text[end:].lstrip(",.!? ")
    return bool(before) and before[-1] in _OPENING_QUOTES and after[:1] in _CLOSING_QUOTES


# A word of a name: a capital, then lower case ("Scott", not "Thirty-six" nor "NBA").
_NAME_WORD = re.compile(r"[A-Z][a-z'’.]+")
# A capitalised word joined to the span by one space, not a weekday or month ("Biden Tuesday";
# a word that begins as a month may be one: "Jan.", "Sept").
_NAME_GOES_ON = re.compile(
    r" (?!(?i:" + "|".join(WEEKDAYS) + r")\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))"
    r"[A-Z][a-z][\w'’.-]*"
)

_NAME_WORDS = 4  # words a name may go on past the span


def name_end(text: str, start: int, end: int) -> int:
    """The end of the name the capitalised span at [start, end) of `text` ends inside of, up to
    _NAME_WORDS words on ("Sehwa Girls" → "Sehwa Girls High School", "Francis Scott" → "Francis
    Scott Key Bridge"); `end` when the span ends a name, or is a count opening the sentence
    ("Thirty-six East and Gulf Coast ports")."""
    words = text[start:end].split()
    if not words or not _NAME_WORD.fullmatch(words[-1]):
        return end
    opens = text[:start].rstrip()[-1:] in ("", *'.!?"“”:')
    if opens and len(words) == 1:  # a word capitalised only because it opens the sentence
        return end
    for _ in range(_NAME_WORDS):
        more = _NAME_GOES_ON.match(text, end)
        if more is None:
            break
        end = more.end()
    return end

"""The sources a person reads: one per article, however many of its sentences an answer cites.

An answer cites exact quotes, `[n]` each (the JSON keeps them so). Shown to a person, an article
cited for three sentences is one source, [1], not [1] [2] [3] with the same title line; these
pure functions give the numbers and rewrite the markers, for the chat and the CLI alike (kept
out of assistant.answering, whose import loads the chain: the CLI starts without it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

MARKER = re.compile(r"\[(\d+)\]")
_REPEATED = re.compile(r"(\[\d+\])(?:[ \t]*\1)+")


def source_numbers(cited: Iterable[tuple[int, str]]) -> dict[int, int]:
    """Citation n → its source number: articles numbered 1, 2, … in the order of their first
    citation; `cited` holds each citation's (n, article id)."""
    numbers: dict[str, int] = {}
    return {n: numbers.setdefault(article, len(numbers) + 1) for n, article in sorted(cited)}


def renumber(text: str, numbers: Mapping[int, int]) -> str:
    """`text` with each [n] of a citation replaced by its source's number; a source repeated
    right after itself ("[1] [1]") is given once. Other bracketed numbers stay as written."""

    def swap(found: re.Match[str]) -> str:
        n = int(found[1])
        return f"[{numbers[n]}]" if n in numbers else found[0]

    return _REPEATED.sub(r"\1", MARKER.sub(swap, text))

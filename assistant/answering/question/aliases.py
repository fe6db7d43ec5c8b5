"""Short forms and their long forms, as the articles write them: "EVs" ↔ "electric vehicles",
"G7" ↔ "Group of Seven", "US" ↔ "United States".

No list to keep up to date: an acronym matches any run of words in the text whose initials spell
it (small joining words such as "of" may be skipped, a digit matches its number word), and a
long name in the question matches its initials written as one word in the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_JOINING = frozenset({"of", "the", "and", "for", "&"})
_NUMBER_WORDS = {
    "1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven",
    "8": "eight", "9": "nine", "10": "ten", "20": "twenty",
}  # fmt: skip
_MAX_LETTERS = 6
ACRONYM = re.compile(r"\b(?:[A-Z]{2,6}|[A-Z]\d{1,2}|[A-Z]{2,5}s)\b")


def _parts(acronym: str) -> list[str] | None:
    """The initials (letters) and number words of an acronym; None when it is not one."""
    core = acronym[:-1] if len(acronym) > 2 and acronym.endswith("s") else acronym  # EVs → EV
    parts: list[str] = []
    index = 0
    while index < len(core):
        if core[index].isdigit():
            digits = core[index:]
            digits = digits[: len(digits) - len(digits.lstrip("0123456789"))]
            if digits not in _NUMBER_WORDS:
                return None
            parts.append(_NUMBER_WORDS[digits])
            index += len(digits)
        elif core[index].isalpha():
            parts.append(core[index])
            index += 1
        else:
            return None
    letters = sum(1 for p in parts if len(p) == 1)
    return parts if 2 <= len(parts) <= _MAX_LETTERS and letters >= 1 else None


def spelled_out(acronym: str, tokens: Sequence[str]) -> bool:
    """Whether the words `tokens` (as written) hold a run the acronym abbreviates.

    A two-letter name ("US", not a plural like "EVs") needs capitalised words ("United States"),
    so that everyday words ("union said") do not pass for it.
    """
    parts = _parts(acronym.casefold())
    if parts is None:
        return False
    if len(acronym) == 2 and all(len(p) == 1 for p in parts):
        tokens = [t.casefold() if t[:1].isupper() else "" for t in tokens]
    else:
        tokens = [t.casefold() for t in tokens]
    return any(_spells(parts, tokens, first) for first in range(len(tokens)))


def _spells(parts: list[str], tokens: Sequence[str], at: int) -> bool:
    for part in parts:
        while at < len(tokens) and tokens[at] in _JOINING and not _fits(part, tokens[at]):
            at += 1
        if at >= len(tokens) or not _fits(part, tokens[at]):
            return False
        at += 1
    return True


def _fits(part: str, token: str) -> bool:
    if len(part) == 1:
        return token.startswith(part) and len(token) > 1
    return token.startswith(part)  # a number word, maybe plural ("sevens")


def initials(name: Sequence[str]) -> str:
    """The acronym of a multi-word name ("united states" → "us", "group of seven" → "g7")."""
    digits = {word: digit for digit, word in _NUMBER_WORDS.items()}
    kept = [w for w in name if w not in _JOINING]
    return "".join(digits.get(w, w[:1]) for w in kept) if len(kept) >= 2 else ""


# "U.S." is "US", "U.K." is "UK": one way to write an acronym, in questions and passages alike.
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")


def undot(text: str) -> str:
    """The text with dotted acronyms written as one word ("U.S." → "US")."""
    return _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)


def acronyms_in(text: str) -> frozenset[str]:
    """The acronyms written in a text ("EVs", "G7", "US", "U.S."), lower-cased."""
    return frozenset(m.group(0).casefold() for m in ACRONYM.finditer(undot(text)))

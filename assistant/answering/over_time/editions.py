"""Numbered editions of a recurring event: "Super Bowl 58" (or "LVIII"), "the 96th Oscars",
"737 Max 9". A question that names the event ("Who won the Super Bowl?") asks about one
edition: the one it numbers, else the story's — the latest the articles read name, when no
other is named by more of them. A sentence that names only other editions of it ("Seattle
Seahawks: Won Super Bowl 48 …", a line of a list of past winners) tells of another event:
background for that question.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

# An edition's number: digits or a Roman numeral ("58", "LVIII").
NUMBER = r"\d{1,3}|[IVXLC]{2,7}"
# An edition after its name, the name's last one or two words capitalised (or a model
# number: "737 Max 9"): "Super Bowl 58", "Super Bowl LVIII", "Apollo 13".
_AFTER_NAME = re.compile(
    r"(?<![\w'’])(?P<name>(?:(?:[A-Z][\w'’]*|\d+)\s+)?[A-Z][\w'’]*)\s+"
    rf"(?P<number>{NUMBER})(?![\w'’,.]?\d)(?![\w-])"
)
# An ordinal edition before its name: "the 96th Academy Awards", "96th annual Oscars".
_BEFORE_NAME = re.compile(
    r"\b(?P<number>\d{1,3})(?:st|nd|rd|th)\s+(?:annual\s+)?"
    r"(?P<name>[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)?)"
)
# Numbers after these name a level, a place, a part or a day, not one of a series of events.
_NOT_SERIES = frozenset(
    {
        "category", "cat", "level", "phase", "stage", "grade", "class", "type", "tier", "size",
        "day", "week", "round", "game", "no", "number", "page", "item", "unit", "room", "gate",
        "terminal", "block", "section", "chapter", "article", "title", "route", "highway",
        "interstate", "district", "ward", "precinct", "act", "covid",
        # a day of a month ("May 6") is a date
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip
# An event's name in lower case and the number of one of its editions: ("super bowl", 58).
Edition = tuple[str, int]
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def editions(text: str) -> list[Edition]:
    """The numbered editions `text` names, as (the event's name in lower case, its number)."""
    found = []
    for match in _AFTER_NAME.finditer(text):
        number = _number(match.group("number"))
        words = match.group("name").split()
        if number is not None and words[-1].lower() not in _NOT_SERIES:
            found.append((_singular(match.group("name")), number))
    for match in _BEFORE_NAME.finditer(text):
        found.append((" ".join(match.group("name").lower().split()), int(match.group("number"))))
    return found


def _singular(name: str) -> str:
    """The name in lower case, its last word without a plural's "s" ("Super Bowls 1 and 2"; not
    the name after an ordinal, plural as one event's: "the 96th Oscars")."""
    name = " ".join(name.lower().split())
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def asked_edition(question: str, texts: Iterable[tuple[str, str]]) -> Edition | None:
    """The edition a question that names a numbered event asks about: the number it gives, else
    the story's — the highest the articles of `texts` ((article id, text) pairs) name, when no
    other is named by more of them (a list of past winners names each once; a later edition
    only foretold, or a story that is none of them, leaves it open: None). None, too, when the
    question names no event the texts number, or names it in the plural ("Which teams have won
    back-to-back Super Bowls?" asks of many)."""
    named = [
        (article, name, number)
        for article, text in texts
        for name, number in editions(text)
        if _names_event(question, name)
    ]
    if not named:
        return None
    name = Counter(name for _, name, _ in named).most_common(1)[0][0]
    asked = [number for found, number in editions(question) if _same(found, name)]
    if asked:
        return name, asked[0]
    if _names_event(question, name, plural=True):
        return None
    articles: dict[int, set[str]] = defaultdict(set)
    for article, found, number in named:
        if _same(found, name):
            articles[number].add(article)
    latest = max(articles)
    if any(len(others) > len(articles[latest]) for others in articles.values()):
        return None
    return name, latest


def another_edition(sentence: str, edition: Edition | None) -> bool:
    """Whether the sentence names the asked edition's event only with other numbers."""
    if edition is None:
        return False
    name, number = edition
    numbers = {n for found, n in editions(sentence) if _same(found, name)}
    return bool(numbers) and number not in numbers


def _names_event(question: str, name: str, plural: bool = False) -> bool:
    """Whether the question names the event ("the Super Bowl" for "super bowl"; "Oscars"), or
    with `plural`, names it in the plural ("Super Bowls")."""
    words = name.split()
    while words and not words[0].isalpha():  # "737 max": the question's "Max 9" or "Max"
        words = words[1:]
    tail = " ".join(words[-2:])
    ending = "s" if plural else "s?"
    found = re.search(rf"\b{re.escape(tail)}{ending}\b", question, re.IGNORECASE)
    return bool(tail) and found is not None


def _same(found: str, name: str) -> bool:
    """Whether an edition's name is the asked event's ("won super bowl" ends with "super bowl")."""
    return found == name or found.endswith(f" {name}") or name.endswith(f" {found}")


def _number(text: str) -> int | None:
    """An edition's number, from digits or a Roman numeral (None for letters that are not one)."""
    if text.isdigit():
        return int(text)
    values = [_ROMAN[c] for c in text]
    total = sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))
    return total if _roman(total) == text else None


def _roman(number: int) -> str:
    parts = []
    for value, letters in (
        (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
        (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)

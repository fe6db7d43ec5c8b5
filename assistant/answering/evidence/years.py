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


# A year as a date gives it: not an amount ("$2000", "1,070"), not part of a longer number.
_YEAR = r"(1\d{3}|2[01]\d{2})"
_STATED_YEAR = re.compile(rf"(?<![\d,.$£€])\b{_YEAR}(s?)\b(?![,.]\d)")
# Words that leave a stated period open at one end ("since 2002", "until 1990", "to this day").
_OPEN_AFTER = re.compile(r"\b(?:since|onwards?|present|current(?:ly)?|still|to this day)\b", re.I)
_OPEN_BEFORE = re.compile(r"\b(?:until|till|before|up to|prior to)\b", re.I)
# Verbs of a start: what they begin may still hold years later. Not _BEGINS (a question's verbs
# that pick a range's first year) on purpose: "born in 1950" begins no fact that holds in 1960,
# while "appointed", "elected", "became" begin an office that does.
_STARTS = re.compile(
    r"\b(?:form(?:ed|s)?|found(?:ed|s)?|establish(?:ed|es)?|join(?:ed|s)?|mov(?:ed|es)"
    r"|bec(?:ame|omes)|appoint(?:ed|s)?|elect(?:ed|s)?|named|hired|took over|creat(?:ed|es)"
    r"|launch(?:ed|es)?|open(?:ed|s)|beg(?:an|ins)|start(?:ed|s)|set up|settled)\b",
    re.IGNORECASE,
)


def _decade_length(match: re.Match[str]) -> int:
    """The years a stated year's "s" adds: the 1960s run to 1969, the 1400s (a century) to 1499."""
    if not match.group(2):
        return 0
    return 99 if match.group(1).endswith("00") else 9


def _years_in(text: str) -> tuple[int, int] | None:
    """The first and last year the text states (a decade to its last year), None if none."""
    found = [
        (int(m.group(1)), int(m.group(1)) + _decade_length(m)) for m in _STATED_YEAR.finditer(text)
    ]
    if not found:
        return None
    return min(a for a, _ in found), max(b for _, b in found)


def _years(span: tuple[int, int]) -> str:
    return str(span[0]) if span[0] == span[1] else f"{span[0]}–{span[1]}"


def _named_years(text: str) -> str:
    """The years as the text writes them: "1963 and 1972", "the 1920s"."""
    named = list(dict.fromkeys(m.group(0) for m in _STATED_YEAR.finditer(text)))
    named = [f"the {y}" if y.endswith("s") else y for y in named]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


# A year a value is measured against ("97% of 2019 ridership levels", "higher than in 2019",
# "compared with 2019"): it says what the figure is compared to, not when the fact is ("In 2019
# sea levels rose" still speaks of 2019).
_COMPARED = re.compile(
    rf"\b(?:(?:of|to|from|above|below|near|at|over|beyond)\s+(?:the\s+)?(?:pre-pandemic\s+)?"
    rf"{_YEAR}(?:\s+[\w-]+)?\s+(?:levels?|highs?|lows?|peaks?)\b"
    rf"|(?:than|compared\s+(?:to|with)|versus|vs\.?)\s+(?:(?:in|during|for|the|same|period"
    rf"|of)\s+)*{_YEAR}\b(?!\s+(?:to|and|[–—-])\s*\d))",
    re.IGNORECASE,
)


def another_period(question: str, sentence: str) -> str | None:
    """What the sentence's years are, when the question's own period does not touch them
    ("Which school did Wilson attend from 1958 to 1959?" — "Wilson earned her degree from Fisk
    University in 1963"): a fact of another time, so its answer is not given as sure; None when
    the periods meet, or either states no year. A period the sentence leaves open ("since 2002",
    "until 1990") reaches the question's, and so may a start in a single year before it; two
    ranges that share only the year at their ends do not meet. A year the sentence compares
    a value against ("of 2019 levels") is not a period it speaks of."""
    sentence = _COMPARED.sub(" ", sentence)
    asked, stated = _years_in(question), _years_in(sentence)
    if asked is None or stated is None:
        return None
    low, high = float(stated[0]), float(stated[1])
    if _OPEN_AFTER.search(sentence):
        high = float("inf")
    if _OPEN_BEFORE.search(sentence):
        low = float("-inf")
    # One year before the period, of a start, may begin what still held in it ("in 2007 …
    # formed a new company"; "after 2011, the tournament moved to …"); a count of that year
    # ("in 2022, one of 88 staff paid more") or two years close what they tell of.
    single = len({m.group(0) for m in _STATED_YEAR.finditer(sentence)}) == 1
    lasting = single and _STARTS.search(sentence) is not None
    if (high < asked[0] and not lasting) or low > asked[1]:
        return f"The passage speaks of {_named_years(sentence)}, not {_years(asked)}."
    if asked[0] < asked[1] and _meets_at_an_end(sentence, asked):
        return f"The passage speaks of {_named_years(sentence)}, not {_years(asked)}."
    return None


# A period a sentence states as a range: "from 1841 to 1845", "1841–1845", "between … and …",
# or open at one end: "until 1856", "from 2012".
_RANGES = re.compile(
    rf"\b(?:from|between)\s+(?:\w+\s+)?{_YEAR}\s*(?:to|and|until|[–—-])\s*(?:\w+\s+)?{_YEAR}\b"
    rf"|\b{_YEAR}\s*[–—-]\s*{_YEAR}\b|\b(?:until|till)\s+(?:\w+\s+)?{_YEAR}\b"
    rf"|\b(?:from|since)\s+(?:\w+\s+)?{_YEAR}\b",
    re.IGNORECASE,
)


def _meets_at_an_end(sentence: str, asked: tuple[int, int]) -> bool:
    """Whether the sentence's stated ranges share only a year at an end with the period asked
    ("from 1841 to 1845" for 1845–1852, "until 1856" for 1856–1857): they tell of the one
    before or after. A single year said at a range's end may answer it, and so does a range
    that reaches further into the period."""
    met = False
    for found in _RANGES.finditer(sentence):
        *bounds, until, since = found.groups()
        if until:  # "until 1856": open at its start
            low, high = float("-inf"), float(until)
        elif since:  # "from 2012": open at its end
            low, high = float(since), float("inf")
        else:
            low, high = (float(y) for y in bounds if y)
        if high == asked[0] or low == asked[1]:
            met = True
        elif high > asked[0] and low < asked[1]:
            return False  # this range overlaps the period asked
    return met

"""Counts and amounts in news sentences, with what they count: "12 protesters", "$5 billion in
assets", "77% pay increase". Numbers that count nothing a report could disagree on (a year, a
score beside a name, "Level 2", one day's "12 new cases", a length of time) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answering.question.parse import stems
from assistant.timeframe import YEAR

# Words that a count's people or things died: one fate for conflicts (`counted._FATES`), one
# word for a development's steps (`developments._near_words`).
DIED_WORDS = ("killed", "kill", "kills", "dead", "died", "deaths", "fatalities")
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_QUANTITY = re.compile(
    r"(?P<currency>[$€£¥])?\s?(?P<number>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|"
    + "|".join(NUMBER_WORDS)
    + r")(?:\s+(?P<scale>thousand|million|billion|trillion))?\s*(?P<percent>%|percent)?"
    r"\s+(?:(?:of\s+)?(?:its|their|the)\s+)?(?:(?-i:[A-Z][a-z]+)\s+(?=(?-i:[a-z])))?"
    r"(?P<unit>[a-z][a-z-]+)",
    re.IGNORECASE,
)
_FILLER = frozenset({
    "of", "the", "a", "an", "its", "their", "his", "her", "our", "in", "on", "at", "to", "for",
    "by", "with", "over", "from", "per", "each", "and", "or", "than", "more", "less", "about",
    "some",
    # Words after a number that count nothing: "since 2011, he serves", "one of the most …".
    "he", "she", "it", "they", "we", "i", "you", "most", "many", "few", "much", "other",
    "others", "such", "who", "which", "that", "this", "these", "those",
})  # fmt: skip
_ABOUT_WORDS = 3
_A_YEAR = re.compile(YEAR)
_WRITTEN_NUMBER = re.compile(
    r"(?<![\w.])(?P<number>\d+(?:,\d{3})*(?:\.\d+)?|"
    + "|".join(NUMBER_WORDS)
    + r")\b(?:\s+(?P<scale>thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
# Lengths of time: on 240 RealTime QA topics, every pair of durations flagged ("a year of 355
# days" / "366 days"; "funded for 45 days" / "spanning 35 days") measured two different spans.
_DURATIONS = frozenset(stems("seconds minutes hours days weeks months years decades"))
# "5 feet, 10 inches", "3 minutes and 49 seconds": the first part is not the whole value.
_COMPOUND_AFTER = re.compile(
    r",?\s+(?:and\s+)?\d+(?:\.\d+)?\s+(?:seconds?|minutes?|inches?|ounces?|pence|cents?)\b",
    re.IGNORECASE,
)
_RATE_AFTER = re.compile(
    r"\s+(?:an?|per|each)\s+(second|minute|hour|day|week|month|year)\b", re.IGNORECASE
)
_LABEL_BEFORE = re.compile(
    r"\b(?:level|phase|stage|category|tier|grade|article|section|chapter|no\.?|number|route|"
    r"highway|interstate|flight|room|gate|game|round|week|day|act|amendment|district)\s*$",
    re.IGNORECASE,
)
_RANGE_BEFORE = re.compile(
    r"(?:\d[\d,.]*%?|\b(?:" + "|".join(NUMBER_WORDS) + r"))\s*(?:to|-|–|or|and)\s*$",
    re.IGNORECASE,
)


_WRITTEN_FIGURE = re.compile(
    r"(?P<digits>\d[\d,]*)(?:\.(?P<decimals>\d+))?(?:\s+(?P<scale>thousand|million|billion|trillion))?",
    re.IGNORECASE,
)


def precision(text: str) -> float:
    """The step a value's figure is written to: "253 people" 1, "250 people" 10, "81.5%" 0.1,
    "1 million acres" 1,000,000, "2.7 million" 100,000; a number in words ("two") 1."""
    figure = _WRITTEN_FIGURE.search(text)
    if figure is None:
        return 1.0
    scale = SCALE.get((figure.group("scale") or "").casefold(), 1.0)
    if figure.group("decimals"):
        return scale / 10 ** len(figure.group("decimals"))
    digits = figure.group("digits").replace(",", "")
    if not digits.strip("0"):
        return scale  # "0"
    return scale * 10 ** (len(digits) - len(digits.rstrip("0")))


@dataclass(frozen=True)
class Value:
    text: str
    amount: float
    unit: str
    about: frozenset[str] = frozenset()  # what a share is of: "77% pay increase" → pay, increase

    def same_quantity(self, other: Value) -> bool:
        """Of the same unit, and a share of the same thing ("80% of imported beer" is not
        "60% of rum")."""
        return self.unit == other.unit and (
            self.unit != "percent" or bool(self.about & other.about)
        )


_INCREMENT_BEFORE = re.compile(
    r"\b(?:another|additional|an additional|a further|further|extra|other|(?:an|the) "
    r"(?:earlier|previous|prior|separate))\s*[$€£¥]?\s*$",
    re.IGNORECASE,
)
_BOUND_AFTER = re.compile(r"\s+(?:or|and)\s+(?:more|less|higher|lower|above|below|up|over)\b")
_LIMIT_BEFORE = re.compile(
    r"\b(?:up to|as (?:much|many) as|margin of error of(?: \+/-| plus or minus)?|[+]/-)"
    r"\s*[$€£¥]?\s*$",
    re.IGNORECASE,
)
# What someone needs ("Barkley needs 418 yards", "would need to average about 139 yards"): a
# requirement, not a report of what happened.
_NEEDED_BEFORE = re.compile(
    r"\bneed(?:s|ed)?(?: to \w+)?(?: (?:about|roughly|around|nearly|almost|at least))?"
    r"\s*[$€£¥]?\s*$",
    re.IGNORECASE,
)
_PART_AFTER = re.compile(r"\s+of\s+(?:the|its|their|those|these)\b", re.IGNORECASE)
_INCREMENT_WORDS = frozenset({"new", "more", "additional", "further", "extra", "fresh"})
_LEADING = frozenset({"of", "the", "a", "an", "its", "their", "his", "her", "our"})


def _what_follows(sentence: str, end: int) -> frozenset[str]:
    """The words right after a share, up to the first filler: "77% pay increase over …" →
    pay, increase; "80% of imported beer and …" → imported, beer; "5% in May" → nothing."""
    words = re.findall(r"[A-Za-z][\w-]*|[^\sA-Za-z]", sentence[end:])
    while words and words[0].casefold() in _LEADING:
        words.pop(0)
    kept: list[str] = []
    for word in words[:_ABOUT_WORDS]:
        if word.casefold() in _FILLER or not word[:1].isalpha():
            break
        kept.append(word)
    return frozenset(stems(" ".join(kept)))


def quantities(sentence: str) -> list[Value]:
    """Counts and amounts with what they count ("12 protesters", "$5 billion in assets")."""
    found = []
    for match in _QUANTITY.finditer(sentence):
        before = sentence[: match.start("number")]
        if _RANGE_BEFORE.search(before) or _INCREMENT_BEFORE.search(before):
            continue  # "three to five days", "another five months": no one value of a thing
        if _COMPOUND_AFTER.match(sentence, match.end()):
            continue  # "5 feet, 10 inches": the feet are not the whole value
        if _LIMIT_BEFORE.search(before):
            continue  # "can grow up to 80 feet", "margin of error of 3.2 points": no count
        if _NEEDED_BEFORE.search(before):
            continue  # "needs 418 yards to break the record": a requirement
        if _PART_AFTER.match(sentence, match.end("number")) and not match.group("percent"):
            continue  # "Eleven of the 13 people shot": a part, not the count
        if _BOUND_AFTER.match(sentence, match.end()):
            continue  # "winds of 74 mph or more": a threshold, not a value
        if _LABEL_BEFORE.search(before):
            continue  # "Level 2 snow emergency", "Game 7": the number names one of several
        if before[-1:].isalnum() or before[-1:] == "-":
            continue  # "Crew-9", "COVID-19": part of a name
        raw = match.group("number").casefold()
        if _A_YEAR.fullmatch(raw) and not (
            match.group("currency") or match.group("scale") or match.group("percent")
        ):
            continue  # "the 2024 total solar eclipse": a year, not a count
        try:
            amount = amount_of(raw, match.group("scale"))
        except ValueError:
            continue
        if match.group("percent"):
            unit = ["percent"]
            about = _what_follows(sentence, match.start("unit"))
        elif match.group("unit")[0].islower():
            unit = stems(match.group("unit"))
            about = frozenset(unit)
        else:
            continue  # "13.700 Alice Domato", "six Super Bowls": a score or a name, no unit
        if match.group("unit").casefold() in _INCREMENT_WORDS:
            continue  # "12 new cases Thursday": one day's increment, not the story's count
        if unit and unit[0] in _DURATIONS:
            continue  # measured: every duration flagged on real news counted another span
        if unit and unit[0] not in _FILLER:
            rate = _RATE_AFTER.match(sentence, match.end())
            per = f"/{rate.group(1).casefold()}" if rate else ""  # "3 inches an hour"
            key = f"{match.group('currency') or ''}{unit[0]}{per}"
            found.append(Value(match.group(0).strip(), amount, key, about))
    return found


def numbers(sentence: str) -> set[float]:
    """Every number the sentence writes, in digits or in words, and scaled ("4 million")."""
    found: set[float] = set()
    for match in _WRITTEN_NUMBER.finditer(sentence):
        found.add(amount_of(match.group("number"), None))
        if match.group("scale"):
            found.add(amount_of(match.group("number"), match.group("scale")))
    return found


def amount_of(number: str, scale: str | None) -> float:
    """What a number written in figures or words stands for ("45,000", "seven"), times its
    scale ("4 million"). ValueError for figures that are no number ("1.2.3")."""
    raw = number.casefold()
    amount = float(NUMBER_WORDS[raw]) if raw in NUMBER_WORDS else float(raw.replace(",", ""))
    return amount * SCALE[scale.casefold()] if scale else amount

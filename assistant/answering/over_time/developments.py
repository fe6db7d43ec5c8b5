"""Amounts that changed as a story went on: an offer of 40 %, then of 50 %.

When a question asks how an amount went ("How has USMX's wage offer risen?", "How has the death
toll risen?", "… over time", "the latest offer"), reports of different days with different
values answer it together. They are successive events (the offer was raised, the toll grew), not
a disagreement: the answer shows them in order, each with its source and day — "Reported over
time: 40% [1] (26 September 2024) → 50% [2] (1 October 2024)." The values are the reader's own
answers to the question (the reader, not shared words, says which sentences answer it), of the
kind and unit of the first (the short answer's, when it is an amount), each sharing a word
beside it in its clause with the first or with the question ("killed some 8 million turkeys" is
no step of "eating 46 million of them"; "caused more than 100 deaths" is one of "the death toll
surpassed the milestone of 200" for "How has the death toll grown?").

A value is dated by the day its clause states or implies ("Helene's death toll hit 200
Thursday"), else by the first article of its story to carry it (a story updated over days
repeats its early sentences). No value of the story: a sentence of an earlier event, a day
after its article (a plan, a forecast), the value of a part the question does not name ("25
people in his state" beside a storm's toll). Each value keeps its first day: "40%" repeated in a
later update is no fall back to 40 %. Two values on one day (reports that may disagree, or two
amounts), or values more than MAX_SPAN_DAYS apart (last year's count, this year's): no line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from assistant.answering.evidence.candidates import Candidate
from assistant.answering.evidence.reading import Read
from assistant.answering.over_time.background import is_background, old_time
from assistant.answering.over_time.timeline import event_date
from assistant.answering.over_time.values import DIED_WORDS, NUMBER_WORDS, amount_of, quantities
from assistant.answering.question.parse import stems
from assistant.answering.question.place_levels import a_place
from assistant.answering.types import (
    Answer,
    AnswerSentence,
    Citation,
    Development,
    ShortAnswer,
    Step,
)
from assistant.articles.dates import MONTH
from assistant.calendar_days import month_number

MIN_STEPS = 2
NEAR_WORDS = 4  # a step shares a word of this many either side of it in its clause with the first
DAY_WINDOWS = 5  # windows read more for a question about how an amount went: one a day
MAX_SPAN_DAYS = 92  # a story's values within a quarter; further apart, they count other things
MAX_WORDS = 3  # a longer answer span is shown by its amount alone ("30%", not "30% wage …")


@dataclass(frozen=True)
class Reported:
    """One value the reader gave for the question's amount: its sentence and its day."""

    amount: float
    kind: str  # "percent", a currency sign, or "count"
    unit: str | None  # what it counts, when the sentence says ("people"): values.quantities
    text: str  # as the answer gives it: the reader's span ("nearly 50%"), or the value's words
    candidate: Candidate
    day: date
    near: frozenset[str]  # the words either side of it (stems): what it is a value of


_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# An amount as the reader marks it: "nearly 50%", "$5 billion", "more than 200", "seven".
_NUMBER = re.compile(
    r"(?P<currency>[$€£¥])?\s?(?<![\w.,])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(NUMBER_WORDS)
    + r")(?![\w,]\d)\b(?:\s+(?P<scale>thousand|million|billion|trillion)\b)?\s*"
    r"(?P<percent>%|percent\b)?",
    re.IGNORECASE,
)
# "How has the death toll risen?", "What offers has the company made?", "… so far?": the
# question asks how an amount went, not only what it is.
_CHANGE = re.compile(
    r"\bhow\b.*\b(?:rise|risen|rose|grow|grown|grew|climb|climbed|fall|fallen|fell|drop|"
    r"dropped|increase|increased|decrease|decreased|go(?:ne)? (?:up|down)|went (?:up|down)|"
    r"change|changed)\b|\bover time\b|\bso far\b|\bsince then\b|\b(?:each|every) (?:offer|time)\b"
    r"|\b(?:offers|proposals|bids|counts|tallies|estimates|figures)\b"
    r"|\b(?:first|previous|earlier|new|latest|newest|current|updated|revised|final) "
    r"(?:offer|proposal|bid|figure|count|toll|estimate|number|tally|total)\b",
    re.IGNORECASE,
)
# The value of a part ("killed a minimum of 25 people in his state", "In Florida, at least seven
# deaths", "Buncombe County's death toll grew … to 72"), not of the whole the question asks of.
_SCOPE_WORDS = (
    r"\bin (?:his|her|their|its|the|that|this) (?:state|county|city|province|country|region|"
    r"town|area|district)\b|\bstatewide\b|\bcountywide\b|\b[A-Z][a-z]+ County\b"
)
_SCOPE = re.compile(_SCOPE_WORDS)
_IN_PLACE = re.compile(r"\b[Ii]n ((?:[A-Z][a-z]+ ?){1,3})")
_CLAUSE_AFTER = re.compile(r"[^,;:.–—]{0,60}")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_CLAUSE_BREAK = re.compile(r"[,;:–—()]")
# A month without a day or a year, as the time of what a clause tells ("in September", "during
# August"; "since September" is a state and "by November" a deadline: neither).
_MONTH_ONLY = rf"(?:(?:early|late|mid-?)\s*)?(?P<month>(?i:{MONTH}))(?![\w.]*\s*\d)"
_IN_MONTH = re.compile(rf"\b(?i:in|during)\s+{_MONTH_ONLY}")
_OPENING_MONTH = re.compile(rf"^\W*(?i:in|during|early|late|mid-?)\s*{_MONTH_ONLY}")
_BEFORE_CHARS = 40


def other_days(
    listed: Sequence[tuple[Candidate, float]], reads: Sequence[Read]
) -> list[tuple[Candidate, float]]:
    """The best shortlisted sentence that writes a number of each day the reads have none of,
    best first: the earlier values of an amount are in earlier articles, which rank below the
    newest."""
    days = {read.candidate.hit.published for read in reads}
    found: list[tuple[Candidate, float]] = []
    for candidate, hand in listed:
        day = candidate.hit.published
        if day is not None and day not in days and _NUMBER.search(candidate.text):
            days.add(day)
            found.append((candidate, hand))
    return found


def asks_for_change(question: str) -> bool:
    """Whether the question asks how an amount went ("How has the toll risen?", "What offers
    …?", "the latest offer"), so its values over time answer it."""
    return _CHANGE.search(question) is not None


def reported(candidate: Candidate, start: int, end: int, question: str = "") -> Reported | None:
    """The amount the reader's answer [start, end) (article offsets) is, in its sentence, with
    the day it was reported; None when the answer is no amount, the article is undated, or the
    amount is of a part the question does not name ("25 people in his state")."""
    span = candidate.hit.at(start, end)
    numbers = list(_NUMBER.finditer(span))
    marked = [n for n in numbers if n.group("percent") or n.group("currency")]
    numbers = marked or numbers  # "30% wage increase over four years": the share
    if len(numbers) != 1:
        return None  # no amount, or several ("from 61 to 72"): which one answers is unknown
    number = numbers[0]
    if _YEAR.fullmatch(number.group().strip()):
        return None  # "2024": a year, not an amount
    at = start - candidate.start + number.start("number")
    day = _day(candidate, at)
    if day is None:
        return None
    if _of_a_part(candidate.text, at, at + len(number.group()), question):
        return None
    amount = amount_of(number.group("number"), number.group("scale"))
    kind = "percent" if number.group("percent") else number.group("currency") or "count"
    text = span if len(span.split()) <= MAX_WORDS else number.group().strip()
    unit = next(
        (v.unit for v in quantities(candidate.text) if candidate.text.find(v.text) == at), None
    )
    near = _near_words(candidate.text, at, start - candidate.start + number.end())
    return Reported(amount, kind, unit, text, candidate, day, near)


def amounts(
    question: str, best: Read, short: ShortAnswer | None, reads: Sequence[Read], floor: float
) -> list[Reported]:
    """The amounts of the reads the reader finds answering (at least `floor`): the short
    answer's first (from `best`, its read), or none when the short answer is no amount."""
    first = None
    if short is not None:
        first = reported(best.candidate, short.start, short.end, question)
        if first is None:
            return []
    found = (
        reported(read.candidate, *read.span, question)
        for read in reads
        if read.span and read.score >= floor and not (first and read is best)
    )
    items = [item for item in (first, *found) if item is not None]
    if items:  # a step shares a word beside it with the first, or with the question: "caused
        # more than 100 deaths" is a step of "the milestone of 200" for "How has the toll grown?"
        items[0] = replace(items[0], near=items[0].near | _as_one(stems(question)))
    return items


def development(found: Sequence[Reported]) -> list[Reported] | None:
    """The values of the first one's unit in the order they were reported, each at its first
    day; None unless there are MIN_STEPS different ones, or when one day has two."""
    if not found:
        return None
    kind, unit, near = found[0].kind, found[0].unit, found[0].near
    first: dict[float, Reported] = {}
    for item in found:
        if item.kind != kind or (unit and item.unit and item.unit != unit):
            continue  # "36 ports" is no step of "45 vessels"
        if not item.near & near:
            continue  # "… outbreak that killed some 8 million turkeys" / "eating 46 million"
        known = first.get(item.amount)
        if known is None or item.day < known.day:
            first[item.amount] = item
    days = [item.day for item in first.values()]
    if len(first) < MIN_STEPS or len(set(days)) != len(days):
        return None
    if (max(days) - min(days)).days > MAX_SPAN_DAYS:
        return None
    return sorted(first.values(), key=lambda item: item.day)


def with_development(answer: Answer, found: Sequence[Reported]) -> Answer:
    """The answer with a 'Reported over time: …' sentence when `found` (the short answer's value
    first, then the other answering reads') is a development; sentences not cited yet are
    cited after the answer's own."""
    steps = development(found)
    if steps is None:
        return answer
    citations = list(answer.citations)
    numbered: list[Step] = []
    for item in steps:
        candidate = item.candidate
        hit = candidate.hit
        n = next(
            (
                c.n
                for c in citations
                if c.article_id == hit.article_id and c.start <= candidate.start < c.end
            ),
            None,
        )
        if n is None:
            n = max((c.n for c in citations), default=0) + 1
            citations.append(Citation.quoting(n, hit, candidate.start, candidate.end))
        numbered.append(Step(item.text, n, item.day, hit.source))
    found_development = Development(steps[0].kind, tuple(numbered))
    sentence = AnswerSentence(
        found_development.sentence(), tuple(s.citation for s in numbered), derived=True
    )
    return replace(
        answer,
        sentences=(*answer.sentences, sentence),
        citations=tuple(citations),
        developments=(found_development,),
    )


def _day(candidate: Candidate, at: int) -> date | None:
    """The day the value at `at` (sentence offset) was reported: the day its clause states or
    implies ("Helene's death toll hit 200 Thursday"), else the first day its story ran. None
    for an undated article, a sentence of an earlier event ("kept more than 150 container
    ships waiting … in February 2022") and a day after its article (a plan, a forecast: no value
    reported yet). Another clause's day is another happening's ("… when he visits on
    Wednesday …, which caused more than 100 deaths")."""
    hit, text = candidate.hit, candidate.text
    if hit.published is None or is_background(text, hit.published):
        return None
    if old_time(text, hit.published):
        return None
    low, high = _clause(text, at, at)
    if _earlier_month(text, low, high, hit.published):
        return None
    day, basis = event_date(text[low:high], hit.published)
    if basis in ("stated", "relative"):
        return day if day is not None and day <= hit.published else None
    dates = [d for d in (hit.published, *(copy.published for copy in hit.also_in)) if d]
    return min(dates, default=None)


def _earlier_month(sentence: str, low: int, high: int, published: date) -> bool:
    """Whether the clause [low, high), or the time the sentence opens with, is a month of the
    article's year before its own ("In September, nearly 95% … rejected … a 25% pay rise", in an
    article of 19 October): a value of that month, whose day the article does not give."""
    opening = _OPENING_MONTH.match(sentence)
    found = [opening] if opening else []
    found += _IN_MONTH.finditer(sentence, low, high)
    return any(
        m["month"][0].isupper() and month_number(m["month"]) < published.month for m in found
    )


def _near_words(sentence: str, start: int, end: int) -> frozenset[str]:
    """The content words (stems) of the NEAR_WORDS words either side of [start, end) in its
    clause, words of dying as one ("33 people have died" is a value of "the death toll")."""
    low, high = _clause(sentence, start, end)
    before = _WORDS.findall(sentence[low:start])[-NEAR_WORDS:]
    following = _WORDS.findall(sentence[end:high])[:NEAR_WORDS]
    return _as_one(stems(" ".join(before + following)))


# Stems that name one thing: a toll is told as deaths, the dead, people who died or were killed.
_SAME_THING = dict.fromkeys({*stems(" ".join(DIED_WORDS)), "perish"}, "death")


def _as_one(words: Iterable[str]) -> frozenset[str]:
    return frozenset(_SAME_THING.get(word, word) for word in words)


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the clause that holds [start, end): from the last comma, semicolon, colon,
    dash or bracket before it to the first after it."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    after = _CLAUSE_BREAK.search(sentence, end)
    return (breaks[-1] if breaks else 0), (after.start() if after else len(sentence))


def _of_a_part(sentence: str, start: int, end: int, question: str) -> bool:
    """Whether the value at [start, end) is said of a place or area in its clause or right
    before it that the question does not name."""
    after = _CLAUSE_AFTER.match(sentence, end)
    near = sentence[max(0, start - _BEFORE_CHARS) : start] + " " + (after.group() if after else "")
    asked = question.casefold()
    if any(m.group().casefold() not in asked for m in _SCOPE.finditer(near)):
        return True
    for match in _IN_PLACE.finditer(near):
        words = match.group(1).split()
        names = [" ".join(words[:n]) for n in range(len(words), 0, -1)]
        if any(a_place(name) and name.casefold() not in asked for name in names):
            return True
    return False

"""A "when" short answer as a day: a relative day worked out in its sentence ("Friday" →
"Friday, 25 March 2022"; "Wednesday" of "free Monday through Wednesday" is the whole span of
days, no one day), or the day a quote names when the reader's span is none."""

from __future__ import annotations

import re

from assistant.answering.evidence.candidates import Candidate, sentences_of
from assistant.answering.evidence.news import asks_for_plan
from assistant.answering.question.answer_type import asks_clock_time
from assistant.answering.question.parse import Question
from assistant.answering.question.relative_time import (
    DAY_MONTH,
    TimeMention,
    time_mentions,
    weekday_range,
)
from assistant.answering.types import ShortAnswer
from assistant.articles.dates import DATE_EXPRESSION
from assistant.retrieval import Hit
from assistant.sentences import sentence_index
from assistant.timeframe import format_day

_ON = re.compile(r"^on\s+", re.IGNORECASE)
_AS_OF = re.compile(r"\bas (?:of|at)\s*$", re.IGNORECASE)
# The year one writes in, no time of its own: "Milton is the third hurricane to make landfall in
# Florida this year" does not say when Milton made landfall. ("This week" still answers: "Biden
# plans to visit the areas … this week", "canceled earlier this week".)
_CURRENT_PERIOD = re.compile(r"(?:earlier |later )?this year", re.IGNORECASE)


def only_the_current_period(text: str) -> bool:
    """The span is only "this year": no answer to "when"."""
    return _CURRENT_PERIOD.fullmatch(text.strip()) is not None


def read_as_of(question: Question, before: str) -> bool:
    """For "When will …?": the span, `before` being its sentence's text up to it, is the time
    a figure was read — "As of Sunday morning, 39 cargo containers have been moved from the
    Dali" — not when what is asked will happen."""
    return (
        question.kind == "when"
        and asks_for_plan(question.text)
        and _AS_OF.search(before) is not None
    )


def day_short_answer(hit: Hit, start: int, end: int, citation: int) -> ShortAnswer:
    """The short answer for the span [start, end) of `hit` (article offsets): a relative day
    worked out, a span of the week's days whole, else the span as it stands."""
    whole = weekday_range(hit.text, start - hit.start, end - hit.start)
    if whole is not None:  # "Wednesday" of "free Monday through Wednesday": the whole span
        start, end = whole[0] + hit.start, whole[1] + hit.start
    text = hit.at(start, end)
    day = _day_spanned(hit, start, end)
    if day is not None:
        resolved = _resolved(*day, citation)
        if resolved.text.casefold() != text.casefold():
            return resolved
    return ShortAnswer(text, citation, start, end)


def _day_spanned(hit: Hit, start: int, end: int) -> tuple[TimeMention, int] | None:
    """The relative day the span is ("Friday", "on Friday") as its sentence tells it, with the
    sentence's article offset: "Wednesday" of "free Monday through Wednesday" is no one day."""
    spans = sentences_of(hit)
    if not spans:
        return None
    sentence = spans[sentence_index(spans, start - hit.start)]
    at = hit.start + sentence.start
    text = hit.at(start, end)
    for mention in time_mentions(hit.text[sentence.start : sentence.end], hit.published):
        if mention.is_day and at + mention.end == end and _ON.sub("", mention.phrase) == text:
            return mention, at
    return None


def day_of(question: Question, candidate: Candidate, citation: int) -> ShortAnswer | None:
    """For "when": the day the quote names, when the reader's span is not one (none for "What
    time …?", which a day does not answer)."""
    if question.kind != "when" or asks_clock_time(question.text):
        return None
    hit = candidate.hit
    for found in DATE_EXPRESSION.finditer(candidate.text):
        start = candidate.start + found.start()
        return ShortAnswer(found.group(0), citation, start, start + len(found.group(0)))
    days = [m for m in time_mentions(candidate.text, hit.published) if m.is_day]
    first = min(days, key=lambda m: m.start, default=None)
    yearless = DAY_MONTH.search(candidate.text)
    if yearless is not None and (first is None or yearless.start() < first.start):
        # "Oct. 3" as written: its year is not worked out ("will cross North America on April
        # 8" in a 2023 article is 2024's eclipse; a page may carry an old published date).
        end = candidate.start + yearless.end()
        start = end - len(_ON.sub("", yearless.group(0)))
        return ShortAnswer(hit.at(start, end), citation, start, end)
    return _resolved(first, candidate.start, citation) if first else None


def _resolved(day: TimeMention, at: int, citation: int) -> ShortAnswer:
    """A relative day found in a text that starts at article offset `at`, worked out: the text
    is the date, the span the words that said it ("Friday", without a leading "on")."""
    phrase = _ON.sub("", day.phrase)
    start = at + day.end - len(phrase)
    date = format_day(day.first_day, weekday=True)
    return ShortAnswer(date, citation, start, start + len(phrase), resolved_from=phrase)

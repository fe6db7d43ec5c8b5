"""Quoting: how a chosen sentence becomes answer text, the same for both answerers.

The quote is the article's own words (runs of spaces made one) with its [n] marker; relative days
it names are worked out from the article's date in a note; a sentence that gives orders to the
reader is framed as what the article says. Two quotes that say the same thing are not both kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from assistant.answering.evidence.candidates import Candidate
from assistant.answering.evidence.instructions import addresses_the_reader
from assistant.answering.question.parse import Question, stems, type_match
from assistant.answering.question.relative_time import (
    TimeMention,
    relative_phrases,
    time_mentions,
)
from assistant.answering.types import AnswerSentence, ShortAnswer
from assistant.retrieval import Hit
from assistant.timeframe import format_day

REDUNDANT_OVERLAP = 0.5  # a second quote sharing this share of words repeats the first
COMPANION_RATIO = 0.9  # a second sentence must score this share of the best
_SPACE = re.compile(r"\s+")


def word_overlap(a: str, b: str) -> float:
    """Shared stems over the shorter text's: 1.0 when one says nothing the other does not."""
    first, second = set(stems(a)), set(stems(b))
    return len(first & second) / max(1, min(len(first), len(second)))


def quote_text(candidate: Candidate) -> str:
    """A quote as the answer shows it: the article's words with runs of spaces made one."""
    return _SPACE.sub(" ", candidate.text).strip()


def worked_out(mentions: Sequence[TimeMention], published: date, said: str) -> str:
    """The note on how a quote's relative days were dated from its article's date — a date
    the answer has already given (`said`) not named again."""
    worked = "; ".join(f"“{m.phrase}” is {m.describe()}" for m in mentions)
    day = format_day(published, weekday=True)
    if day in said:
        return f"({worked}, worked out from the article's published date.)"
    return f"({worked}, worked out from the article's published date, {day}.)"


def quote_sentences(
    question: Question, candidate: Candidate, n: int, first: bool, said: str = ""
) -> list[AnswerSentence]:
    """A quote as answer sentences: the article's words cited [n] (framed as what the article
    says when it gives orders), and a note on how its relative days were dated (`said`: the
    answer so far)."""
    quote = quote_text(candidate)
    published = candidate.hit.published
    mentions = time_mentions(quote, published)
    days = [m for m in mentions if m.is_day]
    text = quote
    if addresses_the_reader(quote):
        text = f"The article says: “{quote}”"  # its words, not newsdesk's answer
    elif first and question.kind == "when" and days:
        text = f"On {days[0].describe()}: {quote}"
    result = [AnswerSentence(f"{text} [{n}]", (n,))]
    if mentions and published is not None:
        result.append(AnswerSentence(worked_out(mentions, published, said), (n,), derived=True))
    elif (
        first
        and question.kind == "when"
        and published is not None
        and type_match("when", quote) == 0.0
    ):
        note = f"(The article was published on {format_day(published, weekday=True)}.)"
        result.append(AnswerSentence(note, (n,), derived=True))
    elif published is None and (phrases := relative_phrases(quote)):
        said = ", ".join(f"“{p}”" for p in phrases)
        note = f"({said} cannot be dated: the article's published date is unknown.)"
        result.append(AnswerSentence(note, (n,), derived=True))
    return result


def date_note(quote: str, hit: Hit, short: ShortAnswer, said: str) -> str:
    """How the quote's relative days were worked out, once, without repeating the citation or
    a date the answer has given (`said`)."""
    if hit.published is None:
        return ""
    mentions = time_mentions(quote, hit.published)
    if not mentions:
        return ""
    published = format_day(hit.published, weekday=True)
    resolved = short.resolved_from
    unsure = any(m.or_week_before for m in mentions)  # both days it may be are said
    if resolved is not None and not unsure and all(m.phrase.endswith(resolved) for m in mentions):
        if short.text == published:
            return f"(“{resolved}” is the day the article was published.)"
        if published in said:
            return f"(“{resolved}” counted from the article's date.)"
        return f"(“{resolved}” counted from the article's date, {published}.)"
    return worked_out(mentions, hit.published, said)

"""Plans whose day has passed. News moves plans (Starliner's return: 18 June, then 22, then 25,
then 26, then "February"), so asked "When will …?" as of a day, a short answer that is a day
before it — "June 25", from a report of 20 June, asked on 10 August — is a plan the library's
newer reports may have moved: the answer is sought again in them (`newer_hits`), and when none
gives a day still to come, the answer says that its day had passed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from assistant.answering.evidence.news import asks_for_plan
from assistant.answering.question.relative_time import DAY_MONTH, yearless_day
from assistant.answering.types import Answer
from assistant.articles.dates import MONTH, parse_date
from assistant.retrieval import Hit

_FULL_DATE = re.compile(  # a day, its month and its year: "Oct. 1, 2021", "25 March 2022"
    rf"(?:\b\d{{1,2}}\s+{MONTH}|\b{MONTH}\s+\d{{1,2}}\b),?\s+(?:19|20)\d{{2}}\b", re.IGNORECASE
)


def plan_day(text: str, published: date | None, ahead: bool = True) -> date | None:
    """The day a short answer to "when will …?" names: a full date, or a day and month of
    its report's year (the next year's when long gone by then: `yearless_day`; `ahead` False,
    the year before's when well after it); None for other times ("next week", "February", "the
    end of July")."""
    full = _FULL_DATE.search(text)
    if full is not None:
        return parse_date(full.group(0))
    found = DAY_MONTH.search(text)
    if found is None or published is None:
        return None
    return yearless_day(found, published, ahead=ahead)


# "When did … ?", "When was the last … ?": a question of what has happened.
_ASKS_DONE = re.compile(r"^\W*when\s+(?:did|was|were)\b", re.IGNORECASE)


def day_to_come(answer: Answer, as_of: date) -> date | None:
    """The day of the answer's short answer, when the question asks when something happened
    and that day was still to come on `as_of` ("When was the last total solar eclipse in the
    US?" asked on 1 March 2024 → **April 8, 2024**, of "after the total solar eclipse on April
    8, 2024, the next … will be on Aug. 23, 2044": real news); else None."""
    short, source = answer.short_answer, answer.short_source
    asked = answer.standalone_question or answer.question
    if answer.status != "answered" or short is None or not _ASKS_DONE.match(asked):
        return None
    day = plan_day(short.text, source.published if source else None, ahead=False)
    return day if day is not None and day > as_of else None


def passed_day(answer: Answer, as_of: date) -> date | None:
    """The day of the answer's short answer, when the question asks what is to come ("When
    will …?") and that day had passed by `as_of`; else None."""
    short, source = answer.short_answer, answer.short_source
    asked = answer.standalone_question or answer.question
    if answer.status != "answered" or short is None or not asks_for_plan(asked):
        return None
    day = plan_day(short.text, source.published if source else None)
    return day if day is not None and day < as_of else None


def newer_hits(answer: Answer, hits: Sequence[Hit]) -> list[Hit]:
    """The hits of articles published after the one the short answer is from (none when it is
    undated or there is no short answer)."""
    source = answer.short_source
    if source is None or source.published is None:
        return []
    return [hit for hit in hits if hit.published is not None and hit.published > source.published]

"""Time as one concept: the as-of date, a question's time constraint, and an article's age.

Every question is answered as of a date (today unless pinned). A question's time words —
"latest", "this week", "yesterday", "in March 2022", "since February", "before the invasion" —
become a published-date range or a call for the newest source, both worked out from the as-of
date, never from the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from assistant.articles.dates import MONTH
from assistant.calendar_days import WEEKDAYS as WEEKDAYS
from assistant.calendar_days import clamp_year, month_end, month_number, month_start, shift_days
from assistant.calendar_days import latest_weekday as latest_weekday

STALE_AFTER_DAYS = 30  # a "latest" answer from an older source says so
COMING_DAYS = 31  # a day with no year this soon after the as-of date is the one to come
_TO_COME = re.compile(
    r"\b(?:will|shall|going to|expected to|scheduled|set to|due to|upcoming)\b", re.IGNORECASE
)
_MOST_UNITS = 10_000_000  # "the past 99999999 months": as far back as dates go anyway

YEAR = r"(?:19|20)\d{2}"  # a year of news, as a regular expression
_YEAR = YEAR
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# A point or period in time: "25 March 2022", "March 25, 2022", "March 2022", "25 March",
# "March 25", "March", "2022".
_WHEN = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|{_DAY}\s+{MONTH},?\s+{_YEAR}|{MONTH}\s+{_DAY},?\s+{_YEAR}"
    rf"|{MONTH}\s+{_YEAR}|{_DAY}\s+{MONTH}|{MONTH}\s+{_DAY}(?!\d)|{MONTH}|{_YEAR})"
)
_NEWEST = re.compile(
    r"\b(?:latest|most recent|newest|current(?:ly)?|right now|now|recent(?:ly)?|up to date"
    r"|nowadays|at present|these days|still|so far|any (?:news|updates?|developments?)"
    r"|anything new|new developments?)\b",
    re.IGNORECASE,
)
# A count or amount up to now, in the present perfect: "How many people have been infected with
# bird flu?", "How many people have died in Hurricane Helene?", "How much has Boeing lost?" — a
# running total, which each newer report raises (14, then 61 infected; 33, then 226 dead); or
# in the present, "How many human cases of bird flu are there?" (answered with a May article's
# "two" beside a December one's "61", real news of 2024).
_RUNNING_TOTAL = re.compile(
    r"^\W*how\s+(?:many|much)\b[^?]*?\b(?:(?:have|has)\b[^?]*?\b"
    r"(?:been|[a-z]+(?:ed|en|wn)|lost|spent|paid|sold|won|made|left|fled|fought|hit)"
    r"|(?:are|is)\s+there)\b",
    re.IGNORECASE,
)
_BETWEEN = re.compile(rf"\bbetween\s+(?P<a>{_WHEN})\s+and\s+(?P<b>{_WHEN})\b", re.IGNORECASE)
_RELATION = re.compile(
    rf"\b(?P<relation>since|after|before|until|by|in|during|on|of|last|this)\s+"
    rf"(?:the\s+(?:month|year)\s+of\s+)?(?:(?P<part>early|mid|late)[\s-]+)?"
    rf"(?P<when>{_WHEN})\b",
    re.IGNORECASE,
)
# Thirds of a month (days) and of a year (months): "in early March", "in mid-2022".
_PARTS = {"early": (1, 10, 1, 4), "mid": (11, 20, 5, 8), "late": (21, 31, 9, 12)}
_EVENT = re.compile(
    r"\b(?P<relation>since|after|before)\s+(?P<event>the\s+[a-z][\w'’-]*(?:\s+(?:of\s+)?"
    r"[\w'’-]+){0,4})",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?P<phrase>today|yesterday|this\s+(?:week|month|year)|last\s+(?:week|month|year)"
    r"|(?:in\s+)?the\s+(?:past|last)\s+(?P<count>\d+|few|two|three)\s+(?P<unit>days?|weeks?|"
    r"months?|years?))\b",
    re.IGNORECASE,
)
_WORD_COUNTS = {"few": 3, "two": 2, "three": 3}
_WEEKDAYS = WEEKDAYS
# "What did the union say on Tuesday?": the latest Tuesday up to the as-of date.
_WEEKDAY = re.compile(
    r"(?<!black )(?<!good )(?<!super )(?<!cyber )(?<!holy )(?<!ash )(?<!easter )(?<!bloody )"
    rf"\b(?:(?:on|last|this\s+past)\s+)?(?P<weekday>{'|'.join(_WEEKDAYS)})\b",
    re.IGNORECASE,
)  # "Black Friday", "Super Tuesday": days of no one week


@dataclass(frozen=True)
class TimeConstraint:
    """What a question asks of time: a published-date range, and/or the newest source.

    `event` is a happening named instead of a date ("before the invasion"): the range is
    set once its date is known (`anchored`).
    """

    phrase: str = ""
    after: date | None = None
    before: date | None = None
    newest: bool = False
    event: str | None = None
    relation: str | None = None
    # The range left nothing that answers, so the answer comes from outside it (and says so).
    relaxed: bool = False
    # A month or day named without a year was first read as its latest occurrence; that held
    # nothing, and this range is the same month of an earlier year (`in_year`).
    first_read: tuple[date, date] | None = None

    @property
    def active(self) -> bool:
        """Whether the question says anything about time."""
        return bool(self.after or self.before or self.newest or self.event or self.relaxed)

    @property
    def names_a_year(self) -> bool:
        """Whether the phrase gives a year ("in 1977", "March 2022", "the 1990s"), not only a
        month, a day or a time counted from the as-of date ("in March", "last week")."""
        return re.search(rf"\b{YEAR}s?\b", self.phrase) is not None

    @property
    def month_without_year(self) -> bool:
        """Whether the phrase names a month and no year ("in March", "since February")."""
        found = re.search(rf"\b{MONTH}\b", self.phrase, re.IGNORECASE)
        return found is not None and not self.names_a_year

    @property
    def moves_by_year(self) -> bool:
        """Whether this is a month or part of one named without a year, not moved yet: the range
        `in_year` can give of another year."""
        return (
            self.first_read is None
            and self.range_in(self.after.year if self.after else 0) is not None
        )

    def range_in(self, year: int) -> tuple[date, date] | None:
        """The same month or day of another year ("in March" read as March 2026 → 1–31 March
        2022), when the phrase names one without a year; None for any other range."""
        after, before = self.after, self.before
        if not self.month_without_year or self.relaxed or after is None or before is None:
            return None
        if (after.year, after.month) != (before.year, before.month):
            return None
        first = month_start(year, after.month)
        if first in (date.min, date.max):
            return None
        last = month_end(year, after.month).day  # 29 February → 28 in another year
        to_the_end = before == month_end(before.year, before.month)
        return (
            first.replace(day=min(after.day, last)),
            first.replace(day=last if to_the_end else min(before.day, last)),
        )

    def in_year(self, year: int) -> TimeConstraint | None:
        """This constraint with `range_in(year)` as its range, remembering the range first read."""
        moved = self.range_in(year)
        if moved is None or self.after is None or self.before is None:
            return None
        first_read = self.first_read or (self.after, self.before)
        return replace(self, after=moved[0], before=moved[1], first_read=first_read)

    def anchored(self, day: date | None) -> TimeConstraint:
        """The range an event's date gives ("before the invasion": up to the day before)."""
        if day is None or self.event is None:
            return self
        if self.relation == "before":
            return replace(self, before=shift_days(day, -1))
        return replace(self, after=day)

    def without_phrase(self, question: str) -> str:
        """The question without the words of a date range ("… in March 2022?" → "…?"); the
        range is a filter, so the reader need not look for it in the text."""
        if not self.phrase or self.newest or not (self.after or self.before):
            return question
        shortened = " ".join(question.replace(self.phrase, " ").split())
        shortened = re.sub(r"\s+([?.!,])", r"\1", shortened)
        return shortened if len(shortened.split()) >= 3 else question

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`time` of `ask --json`)."""
        return {
            "phrase": self.phrase,
            "after": self.after.isoformat() if self.after else None,
            "before": self.before.isoformat() if self.before else None,
            "newest": self.newest,
            "event": self.event,
            "relaxed": self.relaxed,
            "first_read": {
                "after": self.first_read[0].isoformat(),
                "before": self.first_read[1].isoformat(),
            }
            if self.first_read
            else None,
        }


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str) -> date:
    """A date written YYYY-MM-DD and nothing else ("2023-03-08garbage" is no date);
    ValueError names what is wrong."""
    value = text.strip()
    if _ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{text!r} is not a date like 2022-03-25")


def as_of_date(pinned: date | None = None) -> date:
    """The date questions are answered as of: the pinned one, else today."""
    return pinned or date.today()


def period(text: str, as_of: date, coming: bool = False) -> tuple[date, date] | None:
    """The first and last day of a point or period in time; a month without a year is its
    latest occurrence up to the as-of date, and so is a day unless `coming` (the question asks
    of what is to come) and it is at most COMING_DAYS ahead."""
    words = text.replace(",", " ").split()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        day = date.fromisoformat(text.strip())
        return day, day
    numbers = [w for w in words if re.fullmatch(r"\d{1,4}(?:st|nd|rd|th)?", w)]
    year_words = [w for w in numbers if len(w) == 4 and w.isdigit()]
    day_words = [re.sub(r"\D", "", w) for w in numbers if w not in year_words]
    month_words = [w for w in words if re.fullmatch(MONTH, w, re.IGNORECASE)]
    year = int(year_words[0]) if year_words else None
    if not month_words:
        return (date(year, 1, 1), date(year, 12, 31)) if year else None
    month = month_number(month_words[0])
    if year is None:
        day_asked = int(day_words[0]) if day_words else 1
        year = as_of.year if (month, day_asked) <= (as_of.month, as_of.day) else as_of.year - 1
        if coming and day_words and _coming(as_of, month, day_asked):
            year = as_of.year  # "on April 8" asked on 5 April: the day to come
        if year < date.min.year:
            return None  # "since February" as of 1 January of year 1: no such month yet
    if day_words:
        try:
            day = date(year, month, int(day_words[0]))
        except ValueError:
            return None
        return day, day
    return month_start(year, month), month_end(year, month)


def _coming(as_of: date, month: int, day: int) -> bool:
    """Whether the day of this year is after the as-of date by at most COMING_DAYS."""
    try:
        return 0 < (date(as_of.year, month, day) - as_of).days <= COMING_DAYS
    except ValueError:
        return False


def _relative(match: re.Match[str], as_of: date) -> tuple[date, date]:
    phrase = " ".join(match.group("phrase").casefold().split())
    if phrase == "today":
        return as_of, as_of
    if phrase == "yesterday":
        return shift_days(as_of, -1), as_of  # reported yesterday or today
    if match.group("unit"):
        raw = match.group("count").casefold()
        count = _WORD_COUNTS.get(raw) or (int(raw) if len(raw) <= 8 else _MOST_UNITS)
        unit = match.group("unit").casefold().rstrip("s")
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * min(count, _MOST_UNITS)
        return shift_days(as_of, -days), as_of
    which, unit = phrase.split()
    monday = shift_days(as_of, -as_of.weekday())
    if unit == "week":
        # Last week's news is often reported this week: publication runs up to the as-of date.
        return (monday if which == "this" else shift_days(monday, -7)), as_of
    if unit == "month":
        if which == "this":
            return as_of.replace(day=1), as_of
        last = shift_days(as_of.replace(day=1), -1)
        return last.replace(day=1), last
    if which == "this":
        return date(as_of.year, 1, 1), as_of
    last_year = clamp_year(as_of.year - 1)
    return date(last_year, 1, 1), min(date(last_year, 12, 31), as_of)


def _named_month(when: str, relation: str, as_of: date) -> tuple[date, date] | None:
    """ "last March": the latest March before this month; "this March": March of the as-of
    date's year. Only a month, written with its capital: "last 2022", "this 25 March", "this
    may mean" and "the last march" are no time words."""
    if not re.fullmatch(MONTH, when.strip(), re.IGNORECASE) or not when.strip()[0].isupper():
        return None
    month = month_number(when.strip())
    if relation == "this" and month > as_of.month:
        return None  # "What will Japan ban this December?" asked in November: nothing yet
    year = as_of.year if relation == "this" or month < as_of.month else clamp_year(as_of.year - 1)
    return month_start(year, month), month_end(year, month)


def _part_of(span: tuple[date, date], part: str) -> tuple[date, date]:
    """The early, mid or late third of a month (days 1–10, 11–20, 21–) or of a year (January–
    April, May–August, September–December); any other period as it is."""
    first, last = span
    days_from, days_to, months_from, months_to = _PARTS[part]
    if first == last:
        return span  # a day
    if (first.year, first.month) == (last.year, last.month):
        return first.replace(day=days_from), first.replace(day=min(days_to, last.day))
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return month_start(first.year, months_from), month_end(first.year, months_to)
    return span


def asks_running_total(question: str) -> bool:
    """ "How many people have died in Hurricane Helene?": a total up to now, which the newest
    report that gives it answers (in a library of dated articles: the chain decides)."""
    return _RUNNING_TOTAL.search(question) is not None


def parse_time_constraint(question: str, as_of: date) -> TimeConstraint:
    """The time constraint of a question, worked out from the as-of date."""
    newest = _NEWEST.search(question)
    phrase = newest.group(0) if newest else ""
    between = _BETWEEN.search(question)
    if between:
        first, last = period(between.group("a"), as_of), period(between.group("b"), as_of)
        if first and last:
            return TimeConstraint(between.group(0), first[0], last[1], bool(newest))
    relative = _RELATIVE.search(question)
    if relative:
        start, end = _relative(relative, as_of)
        return TimeConstraint(relative.group(0), start, end, bool(newest))
    coming = _TO_COME.search(question) is not None
    for match in _RELATION.finditer(question):
        span = period(match.group("when"), as_of, coming)
        relation = match.group("relation").casefold()
        if relation in {"last", "this"}:
            span = _named_month(match.group("when"), relation, as_of)
        if span is None:
            continue
        if match.group("part"):
            span = _part_of(span, match.group("part").casefold())
        if span[0] > as_of and relation not in {"before", "until", "by"}:
            # Nothing is published in a time to come ("… start flying to in early November
            # 2024?" asked in August): no range; its words stay the question's.
            continue
        if relation in {"since", "after"}:
            after = span[0] if relation == "since" else shift_days(span[1], 1)
            if after > as_of:
                continue
            return TimeConstraint(match.group(0), after, None, bool(newest))
        if relation in {"before", "until", "by"}:
            before = shift_days(span[0], -1) if relation == "before" else span[1]
            return TimeConstraint(match.group(0), None, before, bool(newest))
        return TimeConstraint(match.group(0), span[0], span[1], bool(newest))
    weekday = _WEEKDAY.search(question)
    if weekday:
        day = latest_weekday(weekday.group("weekday"), as_of)
        return TimeConstraint(weekday.group(0), day, day, bool(newest))
    event = _EVENT.search(question)
    if event:
        words = event.group("event").rstrip("?.!").strip()
        return TimeConstraint(
            event.group(0).rstrip("?.!"),
            newest=bool(newest),
            event=words,
            relation=event.group("relation").casefold(),
        )
    return TimeConstraint(phrase, newest=bool(newest))


def format_day(day: date, weekday: bool = False) -> str:
    """'25 March 2022' (with 'Friday, ' in front when asked)."""
    text = f"{day.day} {day.strftime('%B %Y')}"
    return f"{day.strftime('%A')}, {text}" if weekday else text


def age_days(published: date | None, as_of: date) -> int | None:
    """Whole days from publication to the as-of date (None when the date is unknown)."""
    return None if published is None else (as_of - published).days


def describe_age(published: date | None, as_of: date) -> str:
    """'same day', '3 days earlier', '5 weeks earlier', '2 years earlier' (or 'date unknown')."""
    days = age_days(published, as_of)
    if days is None:
        return "date unknown"
    later = days < 0
    days = abs(days)
    if days == 0:
        return "same day"
    if days < 14:
        amount, unit = days, "day"
    elif days < 60:
        amount, unit = round(days / 7), "week"
    elif days < 365:
        amount, unit = round(days / 30.44), "month"
    else:
        amount, unit = round(days / 365.25), "year"
    return f"{amount} {unit}{'' if amount == 1 else 's'} {'later' if later else 'earlier'}"

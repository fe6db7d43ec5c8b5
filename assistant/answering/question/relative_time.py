"""Relative time in news text ("Friday", "yesterday", "last week") → absolute dates.

Anchored on the article's published date; an article without one gets no date at all.
News prose uses a bare weekday for the latest such day up to publication ("the government Friday
decided"), unless it looks ahead, when it is the next one: the words just before it speak of the
future ("will meet on Friday", "is forecast to become a storm Saturday", "a walkout is planned for
Tuesday"), the day leads what will come ("Tuesday will then welcome …"), a short headline says
"to" + verb ("Swimmer to race for gold Thursday"), the day stands between a time of day and
what starts ("at 8 p.m. Wednesday, the show starts"), or the sentence speaks of the week of
publication and the day comes later in it ("this weekend … a gala on Saturday" in a Tuesday
article). A weekday with its date after it ("Friday, Nov. 8") or of no one day ("each Thursday")
is not worked out. Measured on RealTime QA's real articles (BENCHMARKS.md, "Weekdays in real
articles").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.answering.question.looks_ahead import weekday_ahead
from assistant.articles.dates import MONTH
from assistant.timeframe import (
    WEEKDAYS,
    format_day,
    month_end,
    month_number,
    month_start,
    shift_days,
)

# A day of a month with no year ("Oct. 3", "on 18 March", "Sept. 26th"; not "Oct. 3, 2024"):
# the day of its article's year (`day_in_year`). AP style writes news' dates this way.
DAY_MONTH = re.compile(
    rf"\b(?:on\s+)?(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTH})"
    rf"|(?P<m2>{MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)\b(?!,?\s+\d{{4}})",
    re.IGNORECASE,
)


_YEAR_TURN_DAYS = 31  # how far past publication a year-less day may lie (or before, `ahead`)


def day_in_year(day: int, month: str, published: date, ahead: bool = False) -> date | None:
    """'18 March' in an article: that day of its year, or of the year before when that would be
    well after publication; `ahead` (a plan's day), of the year after when that day was long
    gone by publication ("Jan. 10" in a December report)."""
    number = month_number(month)
    try:
        found = date(published.year, number, day)
        if ahead and found < shift_days(published, -_YEAR_TURN_DAYS):
            return date(published.year + 1, number, day)
        if not ahead and found > shift_days(published, _YEAR_TURN_DAYS):
            return date(published.year - 1, number, day)
    except ValueError:
        return None
    return found


def yearless_day(found: re.Match[str], published: date, ahead: bool = False) -> date | None:
    """The day a DAY_MONTH match stands for in an article published on `published` (`ahead`:
    a day still to come then, as `day_in_year`)."""
    day = found.group("d1") or found.group("d2")
    return day_in_year(int(day), found.group("m1") or found.group("m2"), published, ahead)


_EXPRESSION = re.compile(
    r"\b(?:(?P<modifier>this|last|next|on|on\s+this|on\s+last|on\s+next)\s+)?"
    r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?P<day>yesterday|today|tomorrow)\b"
    r"|\b(?P<period_modifier>last|next|this)\s+(?P<period>week|month|year)\b",
    re.IGNORECASE,
)
# Of no one day: "each Thursday", "the holiday falls on a Sunday this year", "on a Friday night"
# ("said at a Saturday news conference" is one).
_EVERY = re.compile(r"\b(?:each|every|on\s+a)\s+$", re.IGNORECASE)
_A_NAME_AFTER = re.compile(r"\s+Night Live\b")
# "told USA TODAY", "on NBC's Today show": a name, not the day.
_A_NAME_BEFORE = re.compile(r"\b(?:USA|NBC['’]s|the)\s+$", re.IGNORECASE)
# A span of days of the week: opening hours, a schedule ("open Monday through Friday", "Tuesday-
# Sunday"), whose two ends are no one day each.
_SPAN = r"\s*(?:through|thru|to|until|-|–|—)\s*"
_WEEKDAY_RANGE = re.compile(rf"\b(?i:{'|'.join(WEEKDAYS)}){_SPAN}(?i:{'|'.join(WEEKDAYS)})\b")
# "Friday, 25 March", "Friday, Nov. 8", "Super Tuesday on March 5", "this Sunday (April 12)".
_DATE_ALREADY = re.compile(
    r"^[\s,]*(?:\d{1,2}(?:st|nd|rd|th)?\b|[A-Z][a-z]+\.? \d{1,2}\b"
    rf"|(?:on\s+|\(\s*)(?i:{MONTH})\s+\d{{1,2}}\b)"
)


@dataclass(frozen=True)
class TimeMention:
    """A relative time expression in a sentence and the dates it stands for."""

    phrase: str
    start: int
    end: int
    first_day: date
    last_day: date
    # A bare weekday worked out as the day after publication that may be the one six days
    # before it (_DAY_AFTER): which one the article means is not sure.
    or_week_before: bool = False

    @property
    def is_day(self) -> bool:
        """One day rather than a week, month or year."""
        return self.first_day == self.last_day

    def describe(self) -> str:
        """'Friday, 25 March 2022', or 'the week of 14–20 March 2022'; a day that may be the
        week before's, 'Sunday, 22 September 2024 (or the Sunday before, 15 September 2024)'."""
        if self.is_day and self.or_week_before:
            before = format_day(shift_days(self.first_day, -7))
            weekday = self.first_day.strftime("%A")
            return f"{format_day(self.first_day, weekday=True)} (or the {weekday} before, {before})"
        if self.is_day:
            return format_day(self.first_day, weekday=True)
        if (self.last_day - self.first_day).days == 6:
            return f"the week of {format_day(self.first_day)} to {format_day(self.last_day)}"
        if self.first_day.month == self.last_day.month:
            return self.first_day.strftime("%B %Y")
        return str(self.first_day.year)


# A bare weekday six days before publication is the day after it, nine times in ten in RealTime
# QA's articles (40 drawn and read: 30 the next day, 3 six days back, the rest no one day): a
# report filed the day before its date ("China's GDP numbers Tuesday are expected …" in a Monday
# article), a live page updated after it ("Syrian rebels seized Damascus on Sunday" dated the
# Saturday before) — writers give a date, or "last …", for the day six days back.
_DAY_AFTER = 6


def _weekday_date(published: date, weekday: int, modifier: str, future: bool) -> date:
    modifier = modifier.replace("on", "").strip()
    monday = shift_days(published, -published.weekday())
    if modifier == "this":
        return shift_days(monday, weekday)
    if modifier == "next":
        return shift_days(monday, 7 + weekday)
    if modifier == "last":
        back = (published.weekday() - weekday) % 7 or 7
        return shift_days(published, -back)
    if future:
        return shift_days(published, (weekday - published.weekday()) % 7)
    back = (published.weekday() - weekday) % 7
    if back == _DAY_AFTER:
        return shift_days(published, 1)
    return shift_days(published, -back)


def _period(published: date, modifier: str, period: str) -> tuple[date, date]:
    shift = {"last": -1, "this": 0, "next": 1}[modifier]
    if period == "week":
        monday = shift_days(published, 7 * shift - published.weekday())
        return monday, shift_days(monday, 6)
    if period == "month":
        first = month_start(published.year, published.month + shift)
        return first, month_end(first.year, first.month)
    year = min(max(published.year + shift, date.min.year), date.max.year)
    return date(year, 1, 1), date(year, 12, 31)


def _no_day(sentence: str, match: re.Match[str]) -> bool:
    """A weekday that needs no working out ("Friday, 25 March") or names no one day ("each
    Thursday", "on a Sunday", "Saturday Night Live", "open Monday through Friday"); a "today"
    that is part of a name ("USA TODAY", "NBC's Today show")."""
    if match.group("day"):
        return _A_NAME_BEFORE.search(sentence[: match.start("day")]) is not None or (
            match.group("day") == "TODAY"
        )
    if not match.group("weekday"):
        return False
    after = sentence[match.end() :]
    if _DATE_ALREADY.match(after) or _A_NAME_AFTER.match(after):
        return True
    if weekday_range(sentence, match.start("weekday"), match.end("weekday")) is not None:
        return True
    return bool(_EVERY.search(sentence[: match.start()]))


def weekday_range(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the week's days ("Monday through Wednesday") that the words at [start, end)
    of `text` are an end of, or None."""
    for found in _WEEKDAY_RANGE.finditer(text, max(0, start - 40), end + 40):
        if found.start() <= start and end <= found.end():
            return found.start(), found.end()
    return None


def relative_phrases(sentence: str) -> list[str]:
    """The relative time expressions of a sentence, whether or not they can be dated."""
    return [
        match.group(0) for match in _EXPRESSION.finditer(sentence) if not _no_day(sentence, match)
    ]


# Words between two days of one sentence that order them: "visited … on Wednesday before heading
# to Georgia on Thursday" (the Thursday after), "… on Friday, after talks on Tuesday" (before).
_THEN = re.compile(r"\b(?:before|then|followed\s+by|ahead\s+of|until)\b", re.IGNORECASE)
_AFTER = re.compile(r"\b(?:after|following|since)\b", re.IGNORECASE)
# What tells that the words between two days are in the past ("will vote Friday, having met on
# Monday", "… Sunday, forecasters said Saturday"); a quote's end closes what it foresaw ("… today
# and tomorrow," Bauer told USA TODAY on Monday").
_PAST_BETWEEN = re.compile(
    r"[\"“”]|\b(?:[a-z]{3,}ed|was|were|had|did|said|says|told|went|came|made|took|gave|held|met"
    r"|won|lost|left|began|spoke|wrote|saw|got|brought|fell|rose|ago|earlier)\b",
    re.IGNORECASE,
)


def _in_sequence(
    sentence: str, earlier: TimeMention, match: re.Match[str], weekday: int
) -> date | None:
    """A bare weekday a sentence orders against the day it named just before: the first such
    weekday from that day on ("before … on Thursday"), or before it ("after … on Tuesday")."""
    if not earlier.is_day:
        return None
    between = sentence[earlier.end : match.start()]
    if _THEN.search(between):  # the same weekday again is the same day ("into Sunday, then …
        # by Sunday night")
        return shift_days(earlier.first_day, (weekday - earlier.first_day.weekday()) % 7)
    if _AFTER.search(between):
        return shift_days(earlier.first_day, -((earlier.first_day.weekday() - weekday - 1) % 7 + 1))
    return None


# A day that names an event ("victims of Tuesday's shooting", "Wednesday night's matchup").
_DAYS_EVENT = re.compile(r"(?:\s+(?:night|morning|evening|afternoon))?['’]s\b", re.IGNORECASE)
_COMING_WEEK = 6  # days after publication a bare weekday that goes on from another may be


def _goes_on(
    sentence: str, earlier: TimeMention, match: re.Match[str], weekday: int, published: date
) -> date | None:
    """A bare weekday named after a day still to come, with no past verb between them, is that
    day or the first such weekday after it — within the coming week: "late Sunday or early
    Monday", "by Sunday night, and make landfall on the Texas coast Monday" (real news, Beryl:
    both were the days before a Saturday article), "felt on Wednesday …, winds on Wednesday
    morning". Measured on RealTime QA's articles (BENCHMARKS.md, "Days that go on from a day
    ahead")."""
    if not earlier.is_day or earlier.first_day <= published:
        return None
    if _PAST_BETWEEN.search(sentence[earlier.end : match.start()]):
        return None
    if _DAYS_EVENT.match(sentence, match.end()):
        return None
    day = shift_days(earlier.first_day, (weekday - earlier.first_day.weekday()) % 7)
    return day if (day - published).days <= _COMING_WEEK else None


def time_mentions(sentence: str, published: date | None) -> list[TimeMention]:
    """Every relative time expression in `sentence`, resolved against `published`."""
    if published is None:
        return []
    mentions: list[TimeMention] = []
    for match in _EXPRESSION.finditer(sentence):
        unsure = False
        if match.group("weekday"):
            if _no_day(sentence, match):
                continue  # "Friday, 25 March" already says which day; "each Friday" none
            weekday = WEEKDAYS.index(match.group("weekday").casefold())
            modifier = (match.group("modifier") or "").casefold()
            ahead = weekday_ahead(sentence, match, weekday, published)
            first = last = _weekday_date(published, weekday, modifier, ahead)
            bare = not modifier.replace("on", "").strip()
            ordered = None
            if mentions and bare:
                earlier = mentions[-1]
                ordered = _in_sequence(sentence, earlier, match, weekday)
                if ordered is None and not ahead:
                    ordered = _goes_on(sentence, earlier, match, weekday, published)
                first = last = ordered or first
            # Not ahead, a bare weekday after publication is only ever _DAY_AFTER's reading.
            unsure = bare and not ahead and ordered is None and first > published
        elif match.group("day"):
            if _no_day(sentence, match):
                continue  # "told USA TODAY": the paper's name
            offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[match.group("day").casefold()]
            first = last = shift_days(published, offset)
        else:
            first, last = _period(
                published,
                match.group("period_modifier").casefold(),
                match.group("period").casefold(),
            )
        mentions.append(
            TimeMention(match.group(0), match.start(), match.end(), first, last, unsure)
        )
    return mentions

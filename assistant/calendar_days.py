"""Calendar arithmetic for time words: month numbers, weekdays, month ends and shifted days,
held to the dates Python can hold."""

from __future__ import annotations

from datetime import date

_FIRST_ORDINAL, _LAST_ORDINAL = date.min.toordinal(), date.max.toordinal()
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def month_number(word: str) -> int:
    """1 for 'January' or 'jan.', … 12 for 'Dec'."""
    key = word.casefold().rstrip(".")[:3]
    return next(i for i, name in enumerate(_MONTHS, start=1) if name.startswith(key))


def latest_weekday(name: str, as_of: date) -> date:
    """The latest Monday (…Sunday) up to and including the as-of date."""
    weekday = WEEKDAYS.index(name.casefold())
    return shift_days(as_of, -((as_of.weekday() - weekday) % 7))


def shift_days(day: date, days: int) -> date:
    """`day` moved by `days`, held to the dates Python can hold (1-01-01 … 9999-12-31): far-off
    time words ("in the past 3000 years", "last week" as of year 1) mean "as far as there is"."""
    ordinal = min(max(day.toordinal() + days, _FIRST_ORDINAL), _LAST_ORDINAL)
    return date.fromordinal(ordinal)


def month_start(year: int, month: int) -> date:
    """The first day of a month given by any year and month number (month 0 is the previous
    December, 13 the next January), held to the dates Python can hold."""
    index = year * 12 + month - 1
    year, month = divmod(index, 12)
    if year < date.min.year:
        return date.min
    if year > date.max.year:
        return date.max
    return date(year, month + 1, 1)


def month_end(year: int, month: int) -> date:
    """The last day of a month (held to the dates Python can hold, like month_start)."""
    following = month_start(year, month + 1)
    return following if following == date.max else shift_days(following, -1)


def clamp_year(year: int) -> int:
    """The year held to those Python's dates can hold."""
    return min(max(year, date.min.year), date.max.year)

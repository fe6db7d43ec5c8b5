"""The as-of date, a question's time words, and ages: worked out from the as-of date."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.timeframe import TimeConstraint, describe_age, parse_time_constraint

AS_OF = date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(
    ("question", "after", "before", "newest"),
    [
        ("What is the latest on the strike?", None, None, True),
        ("What is Japan's current policy?", None, None, True),
        ("Is the strike still going on?", None, None, True),
        ("Any news on the strike?", None, None, True),
        ("What is the most recent news about the strike?", None, None, True),
        ("What happened in March 2022?", date(2022, 3, 1), date(2022, 3, 31), False),
        ("What changed since February?", date(2026, 2, 1), None, False),
        ("What changed since December?", date(2025, 12, 1), None, False),  # the latest December
        ("What did they say yesterday?", date(2026, 11, 22), AS_OF, False),
        ("What happened this week?", date(2026, 11, 23), AS_OF, False),
        ("What was said last week?", date(2026, 11, 16), AS_OF, False),
        ("Any news in the past 3 months?", date(2026, 8, 25), AS_OF, True),
        ("What happened before 2024?", None, date(2023, 12, 31), False),
        ("What happened after March 25, 2022?", date(2022, 3, 26), None, False),
        ("What happened on 2022-03-25?", date(2022, 3, 25), date(2022, 3, 25), False),
        ("Sanctions between May 2022 and June 2022", date(2022, 5, 1), date(2022, 6, 30), False),
        ("When did Japan ban luxury exports?", None, None, False),
        # A month or weekday without a year: the latest one up to the as-of date.
        ("How much did rice prices rise in June?", date(2026, 6, 1), date(2026, 6, 30), False),
        ("What did Japan ban in December?", date(2025, 12, 1), date(2025, 12, 31), False),
        ("What did the union say on Tuesday?", date(2026, 11, 17), date(2026, 11, 17), False),
        # "last March", "this March", a day with no year, the thirds of a month or year: these
        # set no range at all before (the answer was read from any time).
        ("What did Japan ban last March?", date(2026, 3, 1), date(2026, 3, 31), False),
        ("What did Japan ban last November?", date(2025, 11, 1), date(2025, 11, 30), False),
        ("What did Japan ban this March?", date(2026, 3, 1), date(2026, 3, 31), False),
        ("What will Japan ban this December?", None, None, False),  # to come: no range
        ("What did Japan decide on March 25?", date(2026, 3, 25), date(2026, 3, 25), False),
        ("What did Japan decide on 25 March?", date(2026, 3, 25), date(2026, 3, 25), False),
        ("What happened on December 10?", date(2025, 12, 10), date(2025, 12, 10), False),
        # A time to come holds no articles yet: no range, its words stay the question's
        # (RealTime QA: "… start flying to … in early November 2024?" asked in August lost its
        # right answer in bold to a dropped range).
        ("What will happen on December 10?", None, None, False),
        ("Which phenomenon will captivate millions on November 30?", None, None, False),
        ("What did millions see on November 30?", date(2025, 11, 30), date(2025, 11, 30), False),
        ("Where will Avelo fly in early December 2026?", None, None, False),
        ("What will happen in 2027?", None, None, False),
        ("What changed since 2027?", None, None, False),
        ("What did Japan ban in early March 2022?", date(2022, 3, 1), date(2022, 3, 10), False),
        ("What happened in mid-March?", date(2026, 3, 11), date(2026, 3, 20), False),
        ("What happened in late February?", date(2026, 2, 21), date(2026, 2, 28), False),
        ("What happened in mid-2022?", date(2022, 5, 1), date(2022, 8, 31), False),
        ("What happened in late 2022?", date(2022, 9, 1), date(2022, 12, 31), False),
        ("What effect this may have on prices?", None, None, False),  # no month
        ("Who led the last march of the strikers?", None, None, False),
        ("What happened Monday?", AS_OF, AS_OF, False),
        ("How much did shoppers spend on Black Friday?", None, None, False),
        ("Who won on Super Tuesday?", None, None, False),
    ],
)
def test_time_words_become_a_range_from_the_as_of_date(question, after, before, newest) -> None:
    constraint = parse_time_constraint(question, AS_OF)
    assert (constraint.after, constraint.before, constraint.newest) == (after, before, newest)


def test_a_happening_named_instead_of_a_date_is_anchored_later() -> None:
    constraint = parse_time_constraint("What did Japan do before the invasion?", AS_OF)
    assert constraint.event == "the invasion" and constraint.before is None
    assert constraint.anchored(date(2022, 2, 24)).before == date(2022, 2, 23)
    since = parse_time_constraint("What happened after the strike?", AS_OF)
    assert since.anchored(date(2023, 2, 28)).after == date(2023, 2, 28)


def test_the_range_words_leave_the_question_the_reader_reads() -> None:
    constraint = parse_time_constraint("What did Japan decide in March 2022?", AS_OF)
    assert constraint.without_phrase("What did Japan decide in March 2022?") == (
        "What did Japan decide?"
    )
    latest = parse_time_constraint("What is the latest on X?", AS_OF)
    assert latest.without_phrase("What is the latest on X?") == "What is the latest on X?"


def test_ages_read_as_a_person_would_say_them() -> None:
    assert describe_age(date(2024, 11, 24), AS_OF) == "2 years earlier"
    assert describe_age(date(2026, 11, 20), AS_OF) == "3 days earlier"
    assert describe_age(date(2026, 11, 22), AS_OF) == "1 day earlier"
    assert describe_age(AS_OF, AS_OF) == "same day"
    assert describe_age(date(2026, 10, 12), AS_OF) == "6 weeks earlier"
    assert describe_age(date(2026, 5, 1), AS_OF) == "7 months earlier"
    assert describe_age(None, AS_OF) == "date unknown"


@pytest.mark.parametrize(
    ("question", "as_of", "after", "before"),
    [
        ("What happened in the past 3000 years?", AS_OF, date.min, AS_OF),
        ("Any news in the past 99999999 months?", AS_OF, date.min, AS_OF),
        ("news in the past 1000000000000000000000000000 days?", AS_OF, date.min, AS_OF),
        ("What happened last week?", date.min, date.min, date.min),
        ("What happened last month?", date.min, date.min, date.min),
        ("What happened last year?", date.min, date.min, date.min),
        ("What happened yesterday?", date.min, date.min, date.min),
        ("What happened since February?", date.min, None, None),  # no February before it
        ("What happened this month?", date.max, date(9999, 12, 1), date.max),
        ("What happened since December?", date.max, date(9999, 12, 1), None),
    ],
)
def test_far_off_time_words_are_held_to_the_dates_there_are(question, as_of, after, before) -> None:
    constraint = parse_time_constraint(question, as_of)
    assert (constraint.after, constraint.before) == (after, before)


def test_relative_days_of_articles_at_the_ends_of_time_are_dated_without_error() -> None:
    from assistant.answering.question.relative_time import time_mentions

    for published in (date.min, date.max):
        text = "Next week and last month, on Friday and tomorrow, next year."
        for mention in time_mentions(text, published):
            assert date.min <= mention.first_day <= mention.last_day <= date.max


@pytest.mark.parametrize(
    ("question", "as_of"),
    [
        ("What happened in the past 3000 years?", None),
        ("news in the past 99999999 months?", None),
        ("what happened last week?", date.min),
        ("What happened since February?", date.min),
        ("What is the latest this month?", date.max),
    ],
)
def test_ask_answers_far_off_time_words_instead_of_crashing(
    desk, corpus_copy, question, as_of
) -> None:
    desk.ingest([corpus_copy], progress=False)
    answer = desk.ask(question, as_of=as_of)
    assert answer.status in {"answered", "not_found"}
    assert answer.answer.strip()


def test_a_yearless_month_or_day_moves_to_another_year_and_nothing_else_does() -> None:
    march = parse_time_constraint("What did Japan ban in March?", AS_OF)
    moved = march.in_year(2022)
    assert moved is not None
    assert (moved.after, moved.before) == (date(2022, 3, 1), date(2022, 3, 31))
    assert moved.first_read == (date(2026, 3, 1), date(2026, 3, 31)) and moved.phrase == "in March"
    again = moved.in_year(2021)  # the range first read stays the one asked
    assert again is not None and again.first_read == moved.first_read
    leap = parse_time_constraint("What happened in February?", date(2024, 3, 5))
    assert leap.before == date(2024, 2, 29)
    earlier = leap.in_year(2023)
    assert earlier is not None and (earlier.after, earlier.before) == (
        date(2023, 2, 1),
        date(2023, 2, 28),
    )
    for question in (
        "What happened in March 2022?",  # a year of its own
        "What changed since February?",  # no end
        "What did the union say on Tuesday?",  # a weekday
        "What happened last week?",
        "When did Japan ban luxury exports?",
    ):
        assert parse_time_constraint(question, AS_OF).in_year(2022) is None, question
    assert TimeConstraint("in March", relaxed=True).in_year(2022) is None

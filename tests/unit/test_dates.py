from datetime import date

import pytest

from assistant.articles.dates import dateline_date, find_dateline, parse_date, pop_date_marker


def test_marker_is_split_off() -> None:
    found, rest = pop_date_marker(" date 2022-03-25 In a coordinated effort")
    assert found == date(2022, 3, 25)
    assert rest == "In a coordinated effort"


def test_text_without_marker_is_untouched() -> None:
    assert pop_date_marker("The date 2022-03-25 was a Friday.") == (
        None,
        "The date 2022-03-25 was a Friday.",
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Nov 24, 2024 05:37 80", date(2024, 11, 24)),
        ("Published: 25 March 2022", date(2022, 3, 25)),
        ("Updated March 3, 2023 at 5:00 p.m. EST", date(2023, 3, 3)),
        ("By Jane Doe | 2021-07-04", date(2021, 7, 4)),
        ("24.11.2024 10:15", date(2024, 11, 24)),
        ("Friday, September 30th, 2022", date(2022, 9, 30)),
    ],
)
def test_datelines(line: str, expected: date) -> None:
    assert dateline_date(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "On November 7, 2024, the head of the Japanese Foreign Ministry said sanctions stay.",
        "Japan imposed its first sanctions on February 23, 2022, after Russia recognised them.",
        "Moscow: We will respond sharply to Tokyo's hostile steps",
        "On November 7",
    ],
)
def test_sentences_that_mention_dates_are_not_datelines(line: str) -> None:
    assert dateline_date(line) is None


def test_dateline_only_near_the_top() -> None:
    lines = ["Headline"] + ["A sentence of body text that says nothing of dates."] * 10
    lines.append("Nov 24, 2024 05:37")
    assert find_dateline(lines) is None
    assert find_dateline(["Headline", "", "Nov 24, 2024 05:37 80", "Body."]) == (
        date(2024, 11, 24),
        2,
    )


def test_parse_date_rejects_nonsense() -> None:
    assert parse_date("2022-03-25T10:00:00Z") == date(2022, 3, 25)
    assert parse_date("not a date") is None
    assert parse_date("") is None

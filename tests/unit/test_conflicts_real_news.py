"""Conflicting reports: the kinds of false "Reports differ" seen on RealTime QA topics
(`bench/conflicts.py`), each rewritten here in our own words, and the true ones kept."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answering.over_time.conflicts import find_conflicts
from assistant.answering.over_time.values import quantities
from assistant.answering.types import Citation
from assistant.retrieval import Hit


def differ(first: str, second: str, days: tuple[int, int] = (1, 2)) -> list[str]:
    """What find_conflicts says differs between two one-sentence reports of 2024-10-<days>."""
    one = Hit(1, "a", "A", date(2024, 10, days[0]), "a.md", first, 0, len(first), 1.0, "a")
    two = Hit(2, "b", "B", date(2024, 10, days[1]), "b.md", second, 0, len(second), 1.0, "b")
    cited = Citation.quoting(1, one, 0, len(first))
    return [conflict.about for conflict, _ in find_conflicts([cited], [one, two])]


def test_two_reports_of_one_count_still_differ() -> None:
    assert differ(
        "Officials said the storm caused at least five deaths in Alabama, Georgia and Ohio.",
        "Officials said the storm caused at least four deaths in Alabama, Georgia and Ohio.",
    ) == ["death"]
    # Values both write agree; the one left that differs is the disagreement.
    assert differ(
        "The storm snarled travel, with more than 5,000 flights canceled Friday and more than "
        "2,800 canceled on Christmas Day.",
        "The storm snarled travel, with more than 5,000 flights canceled Friday and more than "
        "3,100 canceled on Christmas Day.",
    ) == ["cancel"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            "A Republican candidate needs 1,215 delegates to win the party nomination.",
            "A Democratic candidate needs 1,300 delegates to win the party nomination.",
            id="other-names",
        ),
        pytest.param(
            "She won four medals at the championships in Paris this summer.",
            "He won five medals at the championships in Paris this summer.",
            id="a-woman-and-a-man",
        ),
        pytest.param(
            "In the 2020 election, 14 states held their primaries on that Tuesday.",
            "This year, 15 states held their primaries on that Tuesday.",
            id="another-year",
        ),
        pytest.param(
            "Today, the website lists 99 closed locations across 28 states.",
            "Last month, the website listed 87 closed stores across 27 states.",
            id="other-moments",
        ),
        pytest.param(
            "The rocket carried two satellites for the Navy and four infrared satellites.",
            "The rocket carried two satellites for the Navy and four satellites.",
            id="values-both-write",
        ),
        pytest.param(
            "Palm Springs could get 5 inches of rain over the weekend, forecasters said.",
            "Palm Springs got 4 inches of rain over the weekend, forecasters said.",
            id="a-forecast-and-a-measurement",
        ),
        pytest.param(
            "The state initially expected 172,000 doses of the vaccine this month.",
            "The state expected 180,000 doses of the vaccine this month.",
            id="superseded",
        ),
        pytest.param(
            "Lee had 32 points, seven rebounds and six assists against the Bulls.",
            "Kim had 30 points, seven rebounds and six assists against the Bulls.",
            id="a-row-of-figures",
        ),
        pytest.param(
            "The palace said Prince William and Kate raised three children together.",
            "The palace said Prince Charles and Diana raised two children together.",
            id="titles-name-no-one",
        ),
        pytest.param(
            "The whale measured 57 feet long when it was found on the beach.",
            "These whales can grow up to 80 feet long, experts on the beach said.",
            id="a-limit",
        ),
        pytest.param(
            "The state poll of 800 voters had a margin of error of 3.2 percentage points.",
            "The state poll of 800 voters had a margin of error of 3.9 percentage points.",
            id="a-margin-of-error",
        ),
        pytest.param(
            "Eleven of the people shot were Black, officials said on Sunday.",
            "The gunman shot 13 people, officials said on Sunday.",
            id="a-part-of-the-count",
        ),
        pytest.param(
            "Level 2 snow emergency remains in place for the county roads.",
            "Level 1 snow emergency remains in place for the county roads.",
            id="numbered-levels",
        ),
    ],
)
def test_values_of_other_things_do_not_differ(first: str, second: str) -> None:
    assert differ(first, second) == []


def test_a_growing_count_differs_only_in_reports_of_one_day() -> None:
    first = "More than 150,000 people have fled the country, officials said."
    second = "More than 200,000 people have fled the country, officials said."
    assert differ(first, second, days=(1, 2)) == []  # the next day's count: a development
    assert differ(first, second, days=(1, 1)) == ["peopl"]


def test_photo_captions_and_scenes_give_no_day_of_a_happening() -> None:
    # Without the credit, two days of one happening in reports a day apart would differ.
    assert differ(
        "A crew cleared snow in Buffalo on December 26.",
        "A crew cleared snow in Buffalo on December 28.",
    ) == ["date"]
    assert (
        differ(
            "Jane Doe/AP A crew cleared snow in Buffalo on December 26.",
            "A crew cleared snow in Buffalo on December 28.",
        )
        == []
    )
    assert (
        differ(  # a scene in the present tense: a caption
            "Snow blankets a street in Buffalo on December 26.",
            "Snow blankets the houses in Buffalo on December 28.",
        )
        == []
    )
    assert (
        differ(  # two days in one sentence: which is the other's is unknown
            "Packages went on sale on Jan. 18 and passes went on sale on Jan. 19.",
            "Passes went on sale on Jan. 20, the organisers said.",
        )
        == []
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The 2024 total solar eclipse crosses the state.",  # a year
        "Officials reported 12 new cases on Thursday.",  # one day's increment
        "The longest shutdown lasted 35 days.",  # a length of time
        "Three years later, 40 officials were named.",  # a shift in time (and 40 counts)
        "13.700 Alice Domato, Italy",  # a score beside a name
    ],
)
def test_numbers_that_count_nothing_here_are_no_values(sentence: str) -> None:
    units = [value.unit for value in quantities(sentence)]
    assert "total" not in units and "new" not in units and "case" not in units
    assert "day" not in units and "year" not in units and "alic" not in units

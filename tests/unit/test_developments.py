"""Amounts reported with other values on other days: shown in order as a development (issue
20.4), with a deterministic fake reader (the real one: tests/integration/test_real_news.py)."""

from __future__ import annotations

import json
from datetime import date

from assistant.answering.evidence.reader_answerer import ReaderAnswerer
from tests.unit.test_reader_answerer import FakeReader, hit

QUESTION = "What wage offers have the port employers made?"
OFFERS = [
    ("The port employers offered a 25% wage increase over six years.", date(2024, 9, 13)),
    ("The port employers offered a 30% wage increase, the union said.", date(2024, 9, 25)),
    ("The port employers offered a 35% wage increase on the table.", date(2024, 10, 19)),
]


def ask(
    fake_embedder,
    articles: list[tuple[str, date]],
    question: str = QUESTION,
    cues: tuple[str, ...] = ("employers offered",),
    spans: tuple[str, ...] = ("25%", "30%", "35%", "40%"),
):
    """The answer over one article a (sentence, day); the fake reader finds `cues` answering
    and marks the first of `spans` in each window."""
    hits = [hit(text, day, f"a{n}") for n, (text, day) in enumerate(articles)]
    reader = FakeReader(list(cues), list(spans))
    return ReaderAnswerer(fake_embedder, reader, min_read_score=0.4).answer(question, hits)


def test_successive_offers_are_shown_in_order_with_their_sources(fake_embedder) -> None:
    answer = ask(fake_embedder, [OFFERS[1], OFFERS[2], OFFERS[0]])
    developments = json.loads(json.dumps(answer.to_dict()))["developments"]
    assert len(developments) == 1
    steps = developments[0]["steps"]
    assert [s["value"] for s in steps] == ["25%", "30%", "35%"]
    assert [s["day"] for s in steps] == ["2024-09-13", "2024-09-25", "2024-10-19"]
    quotes = {c.n: c.quote for c in answer.citations}
    assert all(s["value"] in quotes[s["citation"]] for s in steps)
    line = (
        f"Reported over time: 25% [{steps[0]['citation']}] (13 September 2024) → "
        f"30% [{steps[1]['citation']}] (25 September 2024) → "
        f"35% [{steps[2]['citation']}] (19 October 2024)."
    )
    assert line in answer.answer
    assert not answer.conflicts  # successive offers: no "Reports differ"


def test_a_question_that_does_not_ask_how_the_amount_went_gets_no_line(fake_embedder) -> None:
    answer = ask(fake_embedder, OFFERS, "What wage increase did the port employers offer?")
    assert answer.status == "answered" and answer.short_answer is not None
    assert not answer.developments and "Reported over time" not in answer.answer


def test_an_early_value_repeated_in_a_later_update_is_no_step_back(fake_embedder) -> None:
    repeated = (OFFERS[0][0], date(2024, 10, 20))  # the 25 % sentence again, a month later
    answer = ask(fake_embedder, [OFFERS[0], OFFERS[1], repeated])
    steps = answer.developments[0].steps
    assert [s.value for s in steps] == ["25%", "30%"]
    assert steps[0].day == date(2024, 9, 13)


def test_two_values_on_one_day_are_no_development(fake_embedder) -> None:
    same_day = (
        "The port employers offered a 40% wage increase, another outlet said.",
        OFFERS[1][1],
    )
    answer = ask(fake_embedder, [OFFERS[0], OFFERS[1], same_day])
    assert answer.status == "answered"
    assert not answer.developments and "Reported over time" not in answer.answer


def test_a_value_of_an_earlier_event_or_of_a_day_to_come_is_no_step(fake_embedder) -> None:
    earlier = (
        "In February 2022, the port employers offered a 30% wage increase to another union.",
        date(2024, 9, 25),
    )
    planned = (
        "The port employers offered a 30% wage increase to be voted on next Friday.",
        date(2024, 9, 25),
    )
    for other in (earlier, planned):
        answer = ask(fake_embedder, [OFFERS[0], other])
        assert answer.status == "answered"
        assert not answer.developments, other[0]


def test_a_value_of_an_earlier_month_is_not_dated_by_a_later_article(fake_embedder) -> None:
    # A Boeing article of 19 October 2024 (real: RealTime QA's): "In September, … rejected …
    # a 25% pay rise …" is September's offer, not news of 19 October.
    recalled = (
        "In September, the workers rejected the port employers offered 25% wage increase.",
        date(2024, 10, 19),
    )
    answer = ask(fake_embedder, [OFFERS[1], recalled, OFFERS[2]])
    assert [(s.value, s.day) for s in answer.developments[0].steps] == [
        ("30%", date(2024, 9, 25)),
        ("35%", date(2024, 10, 19)),
    ]
    # The same month told as this month's, or a month still to come, is no earlier month.
    for told in ("In October", "In November"):
        same = (recalled[0].replace("In September", told), date(2024, 10, 19))
        steps = ask(fake_embedder, [OFFERS[1], same]).developments
        assert [s.value for s in steps[0].steps] == ["30%", "25%"], told


def test_values_of_different_units_are_no_development(fake_embedder) -> None:
    ships = [
        ("The port employers offered 36 ports for the talks.", date(2024, 10, 1)),
        ("The port employers offered 45 vessels a berth.", date(2024, 10, 3)),
    ]
    answer = ask(
        fake_embedder,
        ships,
        "How many have the port employers offered so far?",
        ("employers offered",),
        ("36", "45"),
    )
    assert answer.status == "answered" and not answer.developments


def test_the_value_of_a_part_is_no_step_of_the_whole(fake_embedder) -> None:
    tolls = [
        ("The storm killed at least 33 people across the Southeast.", date(2024, 9, 27)),
        ("The governor said the storm killed 25 people in his state.", date(2024, 9, 30)),
        ("In Florida, the storm killed at least seven people.", date(2024, 9, 29)),
        ("The storm killed more than 200 people, officials said.", date(2024, 10, 4)),
    ]
    answer = ask(
        fake_embedder,
        tolls,
        "How has the storm's death toll risen?",
        ("storm killed",),
        ("33", "25", "seven", "more than 200"),
    )
    steps = answer.developments[0].steps
    assert [s.value for s in steps] == ["33", "more than 200"]


def test_values_a_year_apart_are_no_development(fake_embedder) -> None:
    yearly = [OFFERS[0], ("The port employers offered a 30% wage increase.", date(2025, 9, 25))]
    answer = ask(fake_embedder, yearly)
    assert answer.status == "answered" and not answer.developments


def test_a_value_is_dated_by_its_own_clause_not_by_another_happening(fake_embedder) -> None:
    tolls = [
        (
            "The president will tour the region on Wednesday, after the storm killed more "
            "than 100 people as of Monday evening.",
            date(2024, 10, 1),  # a Tuesday: "Monday evening" is 30 September
        ),
        ("The storm killed 200 people on Thursday, officials said.", date(2024, 10, 4)),
    ]
    answer = ask(
        fake_embedder,
        tolls,
        "How has the storm's death toll risen?",
        ("storm killed",),
        ("more than 100", "200"),
    )
    steps = answer.developments[0].steps
    assert [(s.value, s.day) for s in steps] == [
        ("more than 100", date(2024, 9, 30)),
        ("200", date(2024, 10, 3)),
    ]


def test_a_value_told_in_other_words_than_the_first_is_a_step_when_they_are_the_questions(
    fake_embedder,
) -> None:
    """Helene's toll through the cascade reader: "the milestone of 200" and "caused more than
    100 deaths" share no word beside their values, and both name what the question asks."""
    tolls = [
        (
            "Helene, which caused more than 100 deaths, left millions without power.",
            date(2024, 9, 30),
        ),
        ("Helene's death toll surpassed the milestone of 200 on Thursday.", date(2024, 10, 4)),
    ]
    answer = ask(
        fake_embedder,
        tolls,
        "How has Helene's death toll grown?",
        ("Helene",),
        ("more than 100", "200"),
    )
    assert answer.developments
    assert [(s.value, s.day) for s in answer.developments[0].steps] == [
        ("more than 100", date(2024, 9, 30)),
        ("200", date(2024, 10, 3)),
    ]


def test_people_who_died_are_a_step_of_a_death_toll(fake_embedder) -> None:
    """Helene's toll over real articles: "The death toll surpassed 200" (3 October) answers,
    and "At least 33 people have died" (27 September) shares no stem with it beside its value
    ("die" / "death") — a toll is told in words of dying too."""
    toll = "The death toll from Hurricane Helene surpassed 200 as the need for power grew."
    died = "At least 33 people have died as Hurricane Helene unleashed dangerous weather."
    hits = [hit(toll, date(2024, 10, 3), "a1"), hit(died, date(2024, 9, 27), "a2")]
    reader = FakeReader([], ["200", "33"], scored={"surpassed": 0.95, "have died": 0.9})
    question = "How has the death toll of Hurricane Helene risen?"
    answer = ReaderAnswerer(fake_embedder, reader, min_read_score=0.4).answer(question, hits)
    assert answer.developments, answer.answer
    assert [s.value for s in answer.developments[0].steps] == ["33", "200"]


def test_values_of_different_things_of_one_unit_are_no_development(fake_embedder) -> None:
    """RealTime QA: "how many turkeys are killed each year for Thanksgiving" read both the bird
    flu's 8 million and the 46 million eaten; the words beside each value tell them apart."""
    turkeys = [
        (
            "Turkey prices jumped as the bird flu outbreak killed some 8 million turkeys, it said.",
            date(2015, 11, 13),
        ),
        (
            "Turkey is popular, with Americans eating 46 million of them on the holiday, it said.",
            date(2015, 11, 24),
        ),
    ]
    answer = ask(
        fake_embedder,
        turkeys,
        "How many turkeys are killed over time?",
        ("it said",),
        ("8 million", "46 million"),
    )
    assert answer.status == "answered" and not answer.developments


def test_a_share_is_the_amount_of_a_span_that_also_counts_years(fake_embedder) -> None:
    """Boeing's offers as the reader marked them: "30% wage increase over four years"."""
    offers = [
        ("Boeing offered a 25% wage increase over four years, the union said.", date(2024, 9, 9)),
        ("Boeing offered a 30% wage increase over four years, the union said.", date(2024, 9, 23)),
    ]
    spans = ["25% wage increase over four years", "30% wage increase over four years"]
    answer = ask(
        fake_embedder,
        offers,
        "How has Boeing's wage offer risen?",
        ("Boeing offered",),
        tuple(spans),
    )
    assert [s.value for s in answer.developments[0].steps] == ["25%", "30%"]

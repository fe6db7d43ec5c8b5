"""Numbered editions of a recurring event (Super Bowl 58, the 96th Oscars): which one a question
asks about, and the sentences that tell of another."""

from __future__ import annotations

from datetime import date

from assistant.answering.over_time.editions import another_edition, asked_edition, editions
from assistant.retrieval import Hit
from tests.unit.test_reader_answerer import FakeReader, answerer


def test_editions_are_numbers_of_a_named_event_not_scores_levels_or_years() -> None:
    assert editions("The Chiefs won Super Bowl LVIII in Las Vegas.") == [("super bowl", 58)]
    assert editions("Seattle Seahawks: Won Super Bowl 48, lost Super Bowl 49") == [
        ("super bowl", 48),
        ("super bowl", 49),
    ]
    assert editions("the 96th annual Academy Awards") == [("academy awards", 96)]
    assert ("max", 9) in editions("a Boeing 737 Max 9 lost a door plug")
    assert another_edition("two 737 Max 8 jets crashed", ("max", 9))
    assert ("super bowl", 1) in editions("winning both Super Bowls 1 and 2")
    for text in (
        "defeated the Philadelphia Eagles 38-35",  # a score
        "Milton grew into a Category 5 hurricane",  # a level
        "In 1966 the Packers won, before 3,000 fans.",  # a year, a count
        "I was there. He scored 25% of the points.",
        "Super Bowl LVIIIx",  # no Roman numeral
        "The launch was scrubbed on May 6 and again on June 1.",  # days (real news: Starliner)
    ):
        assert editions(text) == [], text


def test_the_asked_edition_is_the_questions_else_the_one_most_articles_name() -> None:
    texts = [
        ("list", "Seattle Seahawks: Won Super Bowl 48. Dallas Cowboys: Won Super Bowl 12."),
        ("a", "Patrick Mahomes won Super Bowl 58 MVP. Super Bowl 58 went to overtime."),
        ("b", "The 49ers face the Chiefs in Super Bowl LVIII."),
    ]
    assert asked_edition("Who won the Super Bowl?", texts) == ("super bowl", 58)
    assert asked_edition("Who won Super Bowl 48?", texts) == ("super bowl", 48)
    assert asked_edition("Who scored the winning touchdown?", texts) is None
    # Asked of many editions, or with no story edition (a list names each once; an article on
    # Super Bowl 52 twice; the latest, 58, named by one article): none.
    assert asked_edition("Which teams have won back-to-back Super Bowls?", texts) is None
    history = [
        ("list", "Won Super Bowl 52. Won Super Bowl 48. Won Super Bowl 58."),
        ("eagles", "The Eagles won Super Bowl 52 against the Patriots."),
    ]
    assert asked_edition("Which team won the Super Bowl twice in a row?", history) is None
    oscars = [("a", "The 96th Oscars air on March 10."), ("b", "Kimmel hosted the 95th Oscars.")]
    assert asked_edition("When are the Oscars?", oscars) == ("oscars", 96)
    edition = ("super bowl", 58)
    assert another_edition("Seattle Seahawks: Won Super Bowl 48 (beat Broncos)", edition)
    assert not another_edition("Mahomes won Super Bowl 58 MVP after Super Bowl 57", edition)
    assert not another_edition("The Chiefs won in overtime.", edition)
    assert not another_edition("Seattle Seahawks: Won Super Bowl 48", None)


def test_a_list_of_past_winners_does_not_answer_who_won_the_story_s_edition(
    fake_embedder,
) -> None:
    """A real-news failure: "Who won the Super Bowl?" the day after Super Bowl 58 was answered
    "Seattle Seahawks" from a list of past winners ("Won Super Bowl 48 …")."""
    past = "Seattle Seahawks: Won Super Bowl 48 (beat Broncos), lost Super Bowl 49 (vs. Patriots)"
    story = "The Kansas City Chiefs won Super Bowl 58 by beating the 49ers 25-22 in overtime."
    again = "Super Bowl 58 was the second to go to overtime, and Kansas City won it."
    day = date(2024, 2, 12)
    hits = [
        Hit(1, "list", "Winners", day, "list.txt", past, 0, len(past), 1.0),
        Hit(2, "a", "Chiefs win", day, "a.txt", story, 0, len(story), 0.9),
        Hit(3, "b", "Overtime", day, "b.txt", again, 0, len(again), 0.8),
    ]
    reader = FakeReader(
        ["Won Super Bowl", "won Super Bowl"],
        ["Seattle Seahawks", "The Kansas City Chiefs"],
        scored={"Won Super Bowl 48": 0.97, "won Super Bowl 58": 0.9},
    )
    answer = answerer(fake_embedder, reader).answer("Who won the Super Bowl?", hits)
    assert answer.short_answer is not None
    assert answer.short_answer.text == "The Kansas City Chiefs"
    # Asked about Super Bowl 48, the list answers.
    asked = answerer(fake_embedder, reader).answer("Who won Super Bowl 48?", hits)
    assert asked.short_answer is not None and asked.short_answer.text == "Seattle Seahawks"

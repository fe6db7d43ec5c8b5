"""A name the question spells with a letter's slip is read as the articles spell it, and the
answer says so (assistant/answering/question/spelling.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answering.question.spelling import one_slip

ARTICLE = (
    "Generals of the Mongol conquest\n\n"
    "Zhang Rou launched an attack on the Song dynasty in 1235. "
    "The Solzinc process decomposes zinc oxide in a solar furnace and produces pure zinc. "
    "Boston sent a delegation to the talks in March.\n"
)


@pytest.fixture
def library(desk, tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "generals.txt").write_text(ARTICLE)
    desk.ingest([folder], progress=False)
    return desk


@pytest.mark.parametrize(
    ("name", "other"),
    [("zhang rhou", "zhang rou"), ("zelenskiy", "zelensky"), ("solznic", "solzinc")],
)
def test_a_letter_more_less_or_swapped_is_a_slip(name: str, other: str) -> None:
    assert one_slip(name, other)
    assert one_slip(other, name)


@pytest.mark.parametrize(
    ("name", "other"),
    [("bolton", "boston"), ("gaddafi", "qaddafi"), ("solzinc", "solzinc"), ("zhang", "zhang rou")],
)
def test_a_changed_letter_another_first_letter_or_the_same_name_is_not(
    name: str, other: str
) -> None:
    assert not one_slip(name, other)


def test_a_misspelt_name_is_read_as_the_articles_spell_it_and_the_answer_says_so(
    library,
) -> None:
    answer = library.ask("What dynasty did Zhang Rhou attack?")
    assert answer.status == "answered"
    assert "Zhang Rou launched an attack on the Song dynasty" in answer.answer
    assert "(Read “Zhang Rhou” as “Zhang Rou”, as the articles spell it.)" in answer.answer
    assert not answer.answer.startswith("**")  # the one meant may be another of the name
    assert answer.standalone_question == "What dynasty did Zhang Rou attack?"
    assert answer.to_dict()["question"] == "What dynasty did Zhang Rhou attack?"


def test_a_name_spelt_as_the_articles_do_gets_no_note(library) -> None:
    answer = library.ask("What dynasty did Zhang Rou attack?")
    assert answer.status == "answered"
    assert "Read “" not in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Who did Bolton send to the talks?",  # a changed letter: another name
        "What process did Solzinx develop?",  # a changed letter
        "What does the Solzincc Solzincc plant produce?",  # no run of two names like it
    ],
)
def test_other_names_are_not_taken_for_the_articles_names(library, question: str) -> None:
    answer = library.ask(question)
    assert answer.status == "not_found"


def test_a_name_the_articles_write_two_near_ways_is_not_guessed(desk, tmp_path: Path) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Two towns\n\nMarsden held a fair in June. Marsdon held a race in July.\n"
    )
    desk.ingest([folder], progress=False)
    assert desk.ask("What did Marsdn hold?").status == "not_found"

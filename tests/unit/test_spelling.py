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
    "Boston sent a delegation to the talks in March. Oslo hosted the talks.\n"
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
    [
        ("zhang rhou", "zhang rou"),
        ("zelenskiy", "zelensky"),
        ("solznic", "solzinc"),
        ("rusia", "russia"),
    ],
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
    assert answer.to_dict()["sentences"][-1]["derived"]  # newsdesk's note, not a quote
    assert answer.standalone_question == "What dynasty did Zhang Rou attack?"
    assert answer.to_dict()["question"] == "What dynasty did Zhang Rhou attack?"


def test_a_name_of_five_letters_is_read_as_the_articles_spell_it(library) -> None:
    answer = library.ask("Where did Bostn send a delegation?")
    assert "(Read “Bostn” as “Boston”, as the articles spell it.)" in answer.answer


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
        "What did Olso host?",  # a name of four letters: too short to tell a slip
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


OTHER_QUENTINS = [
    "Quentin Tarantino said the county fair should say more about film.",
    "At the county library, Quentin Blake said children say the best things.",
    "Quentin Crisp once said what people say about the county is gossip.",
    "Coach Quentin Johnston said players say the county stadium is loud.",
    "Quentin Fillingham said farmers say the county roads need repair.",
    "Quentin Grimes said fans say the county team plays hard each night.",
]


def test_a_misspelt_name_is_found_by_its_other_words_when_the_hits_miss_it(
    desk, tmp_path: Path
) -> None:
    """ "What did Quentin Miler say?" over the Helene articles: no hit of the misspelt question
    named Quentin Miller; the keyword ranking of the name finds him among other Quentins."""
    folder = tmp_path / "county"
    folder.mkdir()
    for n, text in enumerate(OTHER_QUENTINS):
        (folder / f"voices-{n}.txt").write_text(f"Voices {n}\n\n{text}\n")
    (folder / "sheriff.txt").write_text(
        "Sheriff's briefing\n\nThe toll grew to 72, Sheriff Quentin Miller said on Thursday. "
        + "Roads stayed closed and crews cleared trees from the hills. " * 6
        + "\n"
    )
    desk.ingest([folder], progress=False)
    question = "What did Quentin Miler say about the county?"
    assert all("Miller" not in hit.text for hit in desk.search(question, k=3))
    answer = desk.ask(question, k=3)
    assert answer.standalone_question == "What did Quentin Miller say about the county?"
    assert "(Read “Quentin Miler” as “Quentin Miller”, as the articles spell it.)" in answer.answer


def test_a_misspelt_word_of_a_longer_name_is_read_as_the_articles_spell_it(
    desk, tmp_path: Path
) -> None:
    """ "Japanese PM Fumio Kishda": no passage writes the four words, one writes "Kishida"."""
    folder = tmp_path / "tokyo"
    folder.mkdir()
    (folder / "kishida.txt").write_text(
        "Tokyo widens sanctions\n\nJapanese Prime Minister Fumio Kishida announced sanctions on "
        "Friday, including a ban on luxury exports.\n"
    )
    desk.ingest([folder], progress=False)
    answer = desk.ask("What did Japanese PM Fumio Kishda announce?")
    assert answer.standalone_question == "What did Japanese PM Fumio Kishida announce?"
    assert "(Read “Kishda” as “Kishida”, as the articles spell it.)" in answer.answer

"""What the words around a span say about it: a name's description is not the name, a stretch
looked back over is not how long something lasted (both were wrong answers in bold on real news;
a deterministic fake reader here)."""

from __future__ import annotations

from datetime import date

from tests.unit.test_reader_answerer import FakeReader, answerer, hit

BEER = (
    "Dogfish Head and the Delaware Restaurant Association have collaborated to create She "
    "Means Business, the brewery's first Benevolence Beer of 2024, which highlights women in "
    "the hospitality industry."
)


def _short(fake_embedder, question: str, text: str, span: str) -> str | None:
    reader = FakeReader([text.split()[1]], [span])
    answer = answerer(fake_embedder, reader).answer(question, [hit(text, date(2024, 3, 12))])
    assert answer.status == "answered"
    return answer.short_answer.text if answer.short_answer else None


def test_the_name_a_description_follows_is_the_answer_not_the_kind(fake_embedder) -> None:
    question = "What is the name of the beer released by Dogfish Head Brewery in 2024?"
    assert _short(fake_embedder, question, BEER, "Benevolence Beer") == "She Means Business"
    # Asked "Which brewery …?", the description's kind is not the question's: left alone.
    assert _short(fake_embedder, "Which brewery made it?", BEER, "Benevolence Beer") == (
        "Benevolence Beer"
    )
    # A name the question gives is what is described: the description is the answer.
    described = "The council chose Maria Lopez, the city's first female mayor, on Monday."
    question = "What kind of mayor is Maria Lopez?"
    assert _short(fake_embedder, question, described, "first female mayor") == (
        "first female mayor"
    )


def test_a_stretch_looked_back_over_is_not_how_long_it_lasted(fake_embedder) -> None:
    question = "How long did the martial law declaration last?"
    chaos = "The last 24 hours have been chaos in Seoul after the martial law declaration."
    assert _short(fake_embedder, question, chaos, "24 hours") is None
    past = "In the past two weeks the martial law declaration drew protests."
    assert _short(fake_embedder, question, past, "two weeks") is None
    lasted = "The martial law declaration has held for the past six hours, officials said."
    assert _short(fake_embedder, question, lasted, "six hours") == "six hours"
    plain = "The martial law declaration lasted six hours before lawmakers voted it down."
    assert _short(fake_embedder, question, plain, "six hours") == "six hours"
    # Not asked how long: the words are no reason to drop it.
    count = "In the past 24 hours the martial law declaration drew 3,000 protesters."
    assert _short(fake_embedder, "How many protesters did it draw?", count, "3,000") == "3,000"

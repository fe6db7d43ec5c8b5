"""Typed answers with the real reader and the real NER (spaCy's en_core_web_sm, installed from
its hash-pinned mirror) over the sample corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.entities import make_tagger
from tests.helpers import bold_from
from tests.integration.test_engine_real_model import ask_all, newsdesk

pytestmark = pytest.mark.integration

RUDENKO = (
    "Russia's reaction to the hostile steps of the Japanese government will be sharp. This was "
    "stated in an interview with TASS by the Deputy Foreign Minister of the Russian Federation "
    "Andrei Rudenko."
)


def test_the_packaged_ner_finds_people_bodies_places_and_dates() -> None:
    tagger = make_tagger("spacy")
    found = tagger.entities([RUDENKO, "Japan banned exports to North Korea in 2006."])
    first = {(RUDENKO[e.start : e.end], e.label) for e in found[0]}
    assert {("Andrei Rudenko", "PERSON"), ("TASS", "ORG")} <= first
    second = {
        ("Japan banned exports to North Korea in 2006."[e.start : e.end], e.label) for e in found[1]
    }
    assert {("Japan", "GPE"), ("North Korea", "GPE"), ("2006", "DATE")} <= second


def ask(question: str, index: Path, *extra: str) -> dict:
    result = newsdesk("ask", question, "--json", *extra, index=index)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


BANKS = "Which banks did Tokyo designate?"
OFFICIAL = "Which official warned that Russia's reaction will be sharp?"
SAID = "What did Andrei Rudenko say?"
SURE = "When did Japan decide to ban exports of luxury items to Russia?"
DOUBTFUL = "Which official warned of a sharp reaction?"
REFUSED = "Who won the 2022 World Cup?"


@pytest.fixture(scope="module")
def answers(index: Path) -> dict[str, dict]:
    """The answers these tests read, from one `newsdesk ask -` process."""
    return ask_all([BANKS, OFFICIAL, SAID, SURE, DOUBTFUL, REFUSED], index)


def test_who_which_and_list_questions_get_typed_answers(answers) -> None:
    banks = answers[BANKS]
    assert banks["short_answer"]["text"] == "VTB Bank, Sovcombank, Novikombank and Otkritie"
    official = answers[OFFICIAL]
    assert official["short_answer"]["text"] == "Andrei Rudenko"
    # What someone said is quoted, not cut to a few words ("TASS" before typed answers).
    said = answers[SAID]
    assert "short_answer" not in said or said["short_answer"] is None
    assert "will be sharp" in said["answer"]


def test_answers_go_on_without_the_ner(index: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSDESK_TAGGER", "none")
    banks = ask("Which banks did Tokyo designate?", index)
    assert banks["status"] == "answered" and "VTB Bank" in banks["answer"]
    monkeypatch.setenv("NEWSDESK_TAGGER", "stanza")
    result = newsdesk("ask", "Which banks did Tokyo designate?", index=index)
    assert result.returncode == 2 and "unknown tagger 'stanza'" in result.stderr


def test_confidence_is_given_and_a_doubtful_answer_is_not_in_bold(answers) -> None:
    sure = answers[SURE]
    bar = bold_from()  # NEWSDESK_NOT_SURE_BELOW, else the reader's own
    assert bar <= sure["confidence"] <= 1.0
    assert sure["answer"].startswith("**Friday, 25 March 2022** —")
    # The reader picks Putin, named in a sentence about Japan's reaction to his words, for the
    # official who warned (Andrei Rudenko): a wrong short answer the confidence keeps out of bold.
    doubtful = answers[DOUBTFUL]
    assert doubtful["status"] == "answered" and doubtful["confidence"] < bar
    assert doubtful["answer"].startswith("*Not sure:* ") and "**" not in doubtful["answer"]
    refused = answers[REFUSED]
    assert refused["status"] == "not_found" and refused["confidence"] is None


def test_the_real_ner_tells_two_subjects_from_two_reports_of_one_count() -> None:
    from datetime import date

    from assistant.answering.over_time.conflicts import find_conflicts
    from assistant.answering.types import Citation
    from assistant.retrieval import Hit

    tagger = make_tagger("spacy")

    def differ(first: str, second: str) -> list[str]:
        one = Hit(1, "a", "A", date(2024, 1, 9), "a.md", first, 0, len(first), 1.0, "a")
        two = Hit(2, "b", "B", date(2024, 1, 10), "b.md", second, 0, len(second), 1.0, "b")
        cited = Citation.quoting(1, one, 0, len(first))
        return [c.about for c, _ in find_conflicts([cited], [one, two], tagger)]

    # Two candidates' votes, the same commission cited by both: two counts.
    assert (
        differ(
            "Donald Trump received about 74 million votes in the 2020 presidential election, "
            "according to the Federal Election Commission.",
            "Joe Biden received more than 81 million votes in the 2020 presidential election, "
            "according to the Federal Election Commission.",
        )
        == []
    )
    assert (
        differ(
            "Dallas has played 56 total games on Thanksgiving with a winning record.",
            "Detroit has played 84 total games on Thanksgiving with a losing record.",
        )
        == []
    )
    # One storm's toll, one report naming a state more: a disagreement to show.
    assert differ(
        "Authorities said the large storm caused at least five deaths in Wisconsin, Alabama, "
        "Georgia and North Carolina on Tuesday.",
        "Authorities said the storm system caused at least four deaths in Alabama, Georgia, and "
        "North Carolina on Tuesday.",
    ) == ["death"]

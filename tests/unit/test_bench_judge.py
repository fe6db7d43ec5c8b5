"""The RealTime QA judge (bench/rtqa_sample.py): what counts as the right choice in an answer."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bench.rtqa_sample import judged


def _answer(short: str | None, text: str) -> SimpleNamespace:
    shown = f"**{short}** — {text}" if short else text
    return SimpleNamespace(
        short_answer=SimpleNamespace(text=short) if short else None,
        answer=shown,
        status="answered",
        citations=[],
        conflicts=[],
    )


def _judge(choice: str, short: str | None, text: str = "") -> dict:
    question = {"question": "?", "as_of": "2024-07-12", "answer": [choice]}
    return judged(question, _answer(short, text))


@pytest.mark.parametrize(
    ("choice", "short", "right"),
    [
        ("washington d.c.", "Washington, DC", True),  # punctuation aside
        ("Beyonce", "Beyoncé", True),  # accents aside
        ("detroit lions", "Lions", True),  # whole words, half the choice or more
        ("50 years", "50", True),
        ("new york yankees and los angeles dodgers", "New York", False),  # too little of it
        ("airplane", "plane", False),  # not whole words
        ("u.s.", "Houston", False),  # a choice starts at a word
        ("2.1 million", "21 million", False),  # a decimal point stays
        ("1.5 percentage points", "1.5 percentage points", True),
    ],
)
def test_a_short_answer_is_right_as_a_reader_would_judge_it(
    choice: str, short: str, right: bool
) -> None:
    row = _judge(choice, short)
    assert row["choice_in_short"] is right
    assert row["wrong_in_bold"] is not right and row["right_in_bold"] is right


def test_the_choice_in_the_answer_is_read_in_the_quote_too() -> None:
    row = _judge("vanuatu", None, "A 7.3 earthquake hit the capital of Vanuatu, west of Fiji.")
    assert row["choice_in_answer"] and not row["choice_in_short"] and not row["wrong_in_bold"]

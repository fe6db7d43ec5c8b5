"""Which short answers stand in a case a sentence supposes (evidence/supposed.py)."""

from __future__ import annotations

import pytest

from assistant.answering.evidence.supposed import supposed

SHORTAGES = "Any strike that lasts more than one week could cause shortages of goods."


@pytest.mark.parametrize(
    ("question", "sentence", "answer", "expected"),
    [
        ("How long did the port strike last?", SHORTAGES, "one week", True),
        # What the sentence reports, before the supposed case, is a fact.
        (
            "How many ports did the strike close?",
            "The strike closed 36 ports, and if it goes on prices could rise.",
            "36 ports",
            False,
        ),
        # A supposed case with nothing said to follow from it is a plain statement.
        ("How long did the strike last?", "Any delay lasted one week.", "one week", False),
        (
            "When will workers return?",
            "If the deal is ratified, workers could return on Wednesday.",
            "Wednesday",
            True,
        ),
        # A supposed case in another clause than the answer's: a plain statement.
        (
            "How long did the strike last?",
            "Unions rejected any deal that would cut jobs; the strike lasted three days.",
            "three days",
            False,
        ),
        # The question asks for a wish or a supposed case itself.
        (
            "What kind of books does this person want recommended?",
            "If anyone could recommend some great books on composition that'd be great.",
            "great books on composition",
            False,
        ),
        (
            "How much weight would he like the board to hold?",
            "If it could hold 250 pounds I would buy it.",
            "250 pounds",
            False,
        ),
    ],
)
def test_a_short_answer_after_a_supposing_word_in_a_sentence_of_what_may_follow(
    question: str, sentence: str, answer: str, expected: bool
) -> None:
    assert supposed(question, sentence, sentence.index(answer)) is expected

"""Sentences as a reader of the quotes sees them: a title or a case name is never cut off."""

import pytest

from assistant.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Real lines of RealTime QA articles that blingfire cut after the title or the "v.".
        (
            "Officials documented improper spending. Gov. Ron DeSantis and state lawmakers "
            "ordered a probe.",
            [
                "Officials documented improper spending.",
                "Gov. Ron DeSantis and state lawmakers ordered a probe.",
            ],
        ),
        (
            "It goes into effect July 1. Dr. Hansel Tookes, founder of the Miami program, spoke.",
            [
                "It goes into effect July 1.",
                "Dr. Hansel Tookes, founder of the Miami program, spoke.",
            ],
        ),
        (
            "The right affirmed in Roe v. Wade stood for half a century. It fell in 2022.",
            ["The right affirmed in Roe v. Wade stood for half a century.", "It fell in 2022."],
        ),
        (
            "Crowds came to sporting events. St. Louis city and county lifted the limits.",
            ["Crowds came to sporting events.", "St. Louis city and county lifted the limits."],
        ),
    ],
)
def test_a_title_or_case_name_stays_with_its_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He was the son of Martin Luther King Jr. The service was held.",
            ["He was the son of Martin Luther King Jr.", "The service was held."],
        ),
        ("The storm entered the U.S. It then crossed 13 states.", 2),
        ("Is it legal? No. And even if it were, what then?", 3),
        ("Can I help? Sure. But register first.", 3),
    ],
)
def test_sentences_that_end_in_a_dot_word_still_end(text: str, expected: list[str] | int) -> None:
    found = sentences(text)
    assert found == expected if isinstance(expected, list) else len(found) == expected


def test_offsets_are_the_texts_own_characters_across_lines() -> None:
    text = "Headline\n\nSen. Vaneta Becker of Evansville countered. Rep. Jason Lowe agreed.\n"
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == [
        "Headline",
        "Sen. Vaneta Becker of Evansville countered.",
        "Rep. Jason Lowe agreed.",
    ]

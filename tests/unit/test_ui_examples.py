"""Example questions for the empty chat (assistant/ui/examples.py), over a fake desk."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from assistant.answering import Answer, AnswerSentence, Citation
from assistant.errors import InvalidQuestion
from assistant.ui.examples import ExampleQuestions, question_for


@pytest.mark.parametrize(
    ("title", "question"),
    [
        ("Japan bans luxury exports to Russia", "What is the latest on luxury exports to Russia?"),
        (
            "Japan strengthens its sanctions against Russia after the attack on Ukraine",
            "What is the latest on Japan's sanctions against Russia?",
        ),
        (
            "Japan rejects the referendums in occupied Ukraine and announces new sanctions",
            "What is the latest on the referendums in occupied Ukraine?",
        ),
        (
            "Moscow: We will respond sharply to Tokyo's hostile steps",
            "What did Moscow say about Tokyo's hostile steps?",
        ),
        ("Kremlin: No comment", "What did Kremlin say?"),
        ("Osaka rice prices", None),  # no verb to go by: no question rather than a bad one
    ],
)
def test_a_headline_becomes_a_question_about_what_it_reports(title: str, question) -> None:
    assert question_for(title) == question


@dataclass
class Article:
    id: str
    title: str
    story_id: str = ""
    published: date | None = None
    source: str = ""


@dataclass
class FakeDesk:
    """Articles newest first; `ask` cites the article whose title holds the question's topic."""

    stored: list[Article]
    asked: list[str] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    def articles(self) -> list[Article]:
        return list(self.stored)

    def ask(self, question: str) -> Answer:
        self.asked.append(question)
        if "boats" in question:
            raise InvalidQuestion("bad question")
        topic = question.removeprefix("What is the latest on ").rstrip("?")
        cited = [a for a in self.stored if topic in a.title and a.id not in self.refuse]
        if not cited:
            return Answer.not_found(question)
        quote = Citation(1, cited[-1].id, cited[-1].title, None, "x.txt", topic, 0, len(topic))
        return Answer(question, "answered", (AnswerSentence(f"{topic} [1]", (1,)),), (quote,))


def test_only_answered_questions_citing_their_story_are_offered_newest_first() -> None:
    desk = FakeDesk(
        [
            Article("e", "Oslo bans loud boats"),  # the desk fails on it with an error
            Article("d", "Rome plans new bus lanes", story_id="s"),
            Article("c", "Rome reports new bus lanes", story_id="s"),  # same story as d
            Article("b", "Lima opens metro line two"),  # not answered: refused below
            Article("a", "Kyiv builds metro line two"),  # the same question, citing a
        ],
        refuse={"b"},
    )
    examples = ExampleQuestions(desk, count=2)  # type: ignore[arg-type]
    assert examples.questions() == [
        "What is the latest on new bus lanes?",
        "What is the latest on metro line two?",
    ]
    asked = len(desk.asked)
    assert examples.questions() == examples.questions() and len(desk.asked) == asked  # cached
    desk.stored.insert(0, Article("f", "Bern adds night trains"))  # the library changed
    assert examples.questions()[0] == "What is the latest on night trains?"

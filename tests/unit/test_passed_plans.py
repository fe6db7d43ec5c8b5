"""Plans whose day has passed (real news, Starliner: "no earlier than June 25", reported on 20
June 2024, was still the answer to "When will the astronauts return?" asked in August)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from assistant.answering.generator import AnswerGenerator
from assistant.answering.over_time.passed_plans import newer_hits, passed_day, plan_day
from assistant.answering.over_time.plan import dated
from assistant.answering.types import Answer, AnswerSentence, Citation, ShortAnswer
from assistant.retrieval import Hit
from assistant.timeframe import TimeConstraint

REPORT = "The astronauts are now slated to return to Earth no earlier than June 25, NASA said."


def _hit(article: str, published: date, text: str = REPORT) -> Hit:
    return Hit(1, article, "Return delayed", published, f"{article}.txt", text, 0, len(text), 1.0)


def _answer(question: str, source: Hit, short: str) -> Answer:
    at = source.text.index(short)
    return Answer(
        question,
        "answered",
        (
            AnswerSentence(f"*Not sure:* {short} —", (1,), derived=True),
            AnswerSentence(f"{source.text} [1]", (1,)),
        ),
        (Citation.quoting(1, source, 0, len(source.text)),),
        short_answer=ShortAnswer(short, 1, at, at + len(short)),
    )


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        ("June 25", date(2024, 6, 20), date(2024, 6, 25)),
        ("no earlier than 25 June", date(2024, 6, 20), date(2024, 6, 25)),
        # A day and month long gone when reported is next year's ("Jan. 10" in December).
        ("Jan. 10", date(2024, 12, 20), date(2025, 1, 10)),
        ("Oct. 1, 2021", date(2019, 5, 1), date(2021, 10, 1)),
        ("Saturday, 1 June 2024", date(2024, 5, 31), date(2024, 6, 1)),
        # Times that name no one day.
        ("February", date(2024, 8, 7), None),
        ("the end of July", date(2024, 7, 10), None),
        ("next week", date(2024, 6, 11), None),
    ],
)
def test_the_day_a_plan_names(text: str, published: date, day: date | None) -> None:
    assert plan_day(text, published) == day


def test_a_day_to_come_has_passed_only_after_it() -> None:
    report = _hit("a1", date(2024, 6, 20))
    answer = _answer("When will the astronauts return?", report, "June 25")
    assert passed_day(answer, date(2024, 8, 10)) == date(2024, 6, 25)
    assert passed_day(answer, date(2024, 6, 25)) is None  # that day itself: still to come
    # Asked of the past, a day before the as-of date is the answer, not a plan gone by.
    past = _answer("When did the astronauts return?", report, "June 25")
    assert passed_day(past, date(2024, 8, 10)) is None


def test_the_answer_says_its_day_had_passed_in_bold_or_not() -> None:
    report = _hit("a1", date(2024, 6, 20))
    answer = _answer("When will the astronauts return?", report, "June 25")
    late = dated(answer, date(2024, 8, 10), TimeConstraint()).answer
    assert "That day had passed by 10 August 2024: the report of 20 June 2024" in late
    early = dated(answer, date(2024, 6, 21), TimeConstraint()).answer
    assert "had passed" not in early


ECLIPSE = (
    "According to NASA, after the total solar eclipse on April 8, 2024, the next total solar "
    "eclipse that can be seen from the contiguous U.S. will be on Aug. 23, 2044."
)


def _bold(question: str, source: Hit, short: str) -> Answer:
    answer = _answer(question, source, short)
    lead = AnswerSentence(f"**{short}** —", (1,), derived=True)
    return Answer(
        question,
        "answered",
        (lead, *answer.sentences[1:]),
        answer.citations,
        short_answer=answer.short_answer,
    )


def test_the_next_one_asked_after_its_day_is_a_day_gone_by() -> None:
    """Real news (the 2024 eclipse): "When is the next total solar eclipse?" asked on 9 April
    2024 → **April 8, 2024**, the day before."""
    report = _hit("a1", date(2024, 4, 8), ECLIPSE)
    answer = _bold("When is the next total solar eclipse?", report, "April 8, 2024")
    assert passed_day(answer, date(2024, 4, 9)) == date(2024, 4, 8)
    after = dated(answer, date(2024, 4, 9), TimeConstraint()).answer
    assert after.startswith("*Not sure:* April 8, 2024") and "That day had passed" in after
    assert dated(answer, date(2024, 3, 1), TimeConstraint()).answer.startswith("**April 8")


def test_a_day_still_to_come_does_not_say_when_it_happened() -> None:
    """Real news (the 2024 eclipse): "When was the last total solar eclipse in the US?" asked on
    1 March 2024 → **April 8, 2024**."""
    report = _hit("a1", date(2024, 2, 29), ECLIPSE)
    answer = _bold("When was the last total solar eclipse in the US?", report, "April 8, 2024")
    before = dated(answer, date(2024, 3, 1), TimeConstraint()).answer
    assert before.startswith("*Not sure:* April 8, 2024")
    assert "That day was still to come on 1 March 2024" in before
    # Asked once that day had come, it answers; and a question of what is to come is a plan.
    assert dated(answer, date(2024, 4, 9), TimeConstraint()).answer.startswith("**April 8")
    plan = _bold("When will the next eclipse be?", report, "April 8, 2024")
    assert dated(plan, date(2024, 3, 1), TimeConstraint()).answer.startswith("**April 8")


def test_newer_reports_are_those_after_the_answers_source() -> None:
    june = _hit("a1", date(2024, 6, 20))
    july = _hit("a2", date(2024, 7, 10), "Teams now look to a return in mid-August.")
    august = _hit("a3", date(2024, 8, 7), "The astronauts may come home in February.")
    answer = _answer("When will the astronauts return?", june, "June 25")
    assert [h.article_id for h in newer_hits(answer, [august, june, july])] == ["a3", "a2"]


_PLANNED_DAY = re.compile(r"June 25|February")


class _OldestPlan(AnswerGenerator):
    """Answers a plan question with the plan of the oldest passage it is given, as the reader
    did with the 20 June report: the day the chain then finds gone by."""

    name = "extractive"

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        dated_hits = sorted(
            (h for h in hits if _PLANNED_DAY.search(h.text)), key=lambda h: h.published or date.min
        )
        if not dated_hits:
            return Answer.not_found(question)
        hit = dated_hits[0]
        found = _PLANNED_DAY.search(hit.text)
        assert found is not None
        cited = Citation.quoting(1, hit, hit.start, hit.end)
        short = found.group(0)
        return Answer(
            question,
            "answered",
            (
                AnswerSentence(f"**{short}** —", (1,), derived=True),
                AnswerSentence(f"{cited.quote} [1]", (1,)),
            ),
            (cited,),
            short_answer=ShortAnswer(short, 1, hit.start + found.start(), hit.start + found.end()),
        )


def test_a_plan_gone_by_is_sought_again_in_newer_reports(desk, tmp_path: Path) -> None:
    articles = {
        "june": ("2024-06-20", REPORT),
        "august": ("2024-08-07", "The astronauts will now return in February, NASA said."),
    }
    for name, (day, text) in articles.items():
        (tmp_path / f"{name}.md").write_text(
            f"---\ntitle: Astronauts' return ({name})\ndate: {day}\n---\n{text}\n"
        )
    desk.ingest([tmp_path / "june.md", tmp_path / "august.md"], progress=False)
    desk._generators[desk.settings.generator] = _OldestPlan()
    question = "When will the astronauts return?"
    # Asked in August, June 25 had passed: the newer report's plan answers.
    late = desk.ask(question, as_of=date(2024, 8, 10))
    assert late.short_answer is not None and late.short_answer.text == "February"
    assert late.citations[0].published == date(2024, 8, 7)
    # Asked before it, the June report stands (the August one is not out yet).
    early = desk.ask(question, as_of=date(2024, 6, 21))
    assert early.short_answer is not None and early.short_answer.text == "June 25"

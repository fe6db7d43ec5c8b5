"""Score answers against a question file in the format of shared/eval/dev_qa.jsonl."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

from assistant.answering.question.conversation import Turn
from assistant.answering.types import Answer, Timeline
from assistant.errors import UnreadableInput


@dataclass
class QuestionResult:
    """One question's verdict, with what went wrong."""

    id: str
    question: str
    passed: bool
    answer: str
    status: str
    problems: list[str] = field(default_factory=list)


def load_questions(path: Path) -> list[dict[str, Any]]:
    """Read the JSONL question file; a bad line is an error that names it."""
    questions = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise UnreadableInput(f"cannot read the question file {path}: {error}") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            record["question"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise UnreadableInput(f"{path}:{number}: not a question record ({error})") from error
        record.setdefault("id", f"line{number}")
        questions.append(record)
    return questions


def judge(record: dict[str, Any], answer: Answer) -> QuestionResult:
    """Apply the file's rules: `must` groups, cited `sources`, refusal of unanswerable ones,
    `short` (options for the short answer, or null: none), `premise` ("unsupported" when the
    articles say the opposite of what the question assumes, null when they do not), `must_not`
    and `once` strings.
    `"answerable": null` accepts an answer or a refusal (then only `must_not` applies)."""
    problems: list[str] = []
    text = answer.answer.casefold()
    for banned in record.get("must_not", []):
        if banned.casefold() in text:
            problems.append(f"answer holds {banned!r}")
    for single in record.get("once", []):
        if text.count(single.casefold()) > 1:
            problems.append(f"answer repeats {single!r}")
    if "short" in record:
        problems.extend(_short_problems(record["short"], answer))
    if "premise" in record and answer.premise != record["premise"]:
        problems.append(f"premise {answer.premise!r}, expected {record['premise']!r}")
    answerable = record.get("answerable", True)
    if answerable is None:
        pass
    elif answerable:
        if answer.status != "answered":
            problems.append("answered 'not found'")
        for group in record.get("must", []):
            if not any(option.casefold() in text for option in group):
                problems.append(f"answer lacks one of {group}")
        sources = record.get("sources", [])
        cited = [f"{c.article_id} {c.source}" for c in answer.citations]
        if sources and not any(s in c for s in sources for c in cited):
            problems.append(f"no citation from {sources}")
    else:
        if answer.status != "not_found":
            problems.append("should have said 'not found'")
        if answer.citations:
            problems.append("cited passages for an unanswerable question")
    return QuestionResult(
        str(record["id"]), record["question"], not problems, answer.answer, answer.status, problems
    )


def _short_problems(expected: list[str] | None, answer: Answer) -> list[str]:
    short = answer.short_answer
    if expected is None:
        return [f"short answer {short.text!r} where none fits"] if short else []
    if short is None:
        return [f"no short answer (expected one of {expected})"]
    if not any(option.casefold() in short.text.casefold() for option in expected):
        return [f"short answer {short.text!r} is none of {expected}"]
    return []


class Asker(Protocol):
    """Answers a question, after earlier turns, as of a date (None: the default)."""

    def __call__(
        self, question: str, turns: Sequence[Turn], as_of: date | None = None
    ) -> Answer: ...


class TimelineMaker(Protocol):
    """Builds the timeline of a topic."""

    def __call__(
        self,
        topic: str,
        as_of: date | None = None,
        after: date | None = None,
        before: date | None = None,
    ) -> Timeline: ...


def _day(record: dict[str, Any], key: str) -> date | None:
    value = record.get(key)
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError) as error:
        raise UnreadableInput(f"{record.get('id')}: {key} {value!r} is not a date") from error


def judge_timeline(record: dict[str, Any], timeline: Timeline) -> QuestionResult:
    """A `kind: "timeline"` item: every expected event (a string, or a group of options) is in
    an event's text, and they come in the order given; `undated` strings are listed apart."""
    problems: list[str] = []
    texts = [event.text.casefold() for event in timeline.events]
    positions = []
    for expected in record.get("events", []):
        options = expected if isinstance(expected, list) else [expected]
        found = [i for i, text in enumerate(texts) if any(o.casefold() in text for o in options)]
        if not found:
            problems.append(f"no event with {options}")
            continue
        positions.append((found[0], options))
    for (first, a), (second, b) in pairwise(positions):
        if second < first:
            problems.append(f"{b} comes before {a}")
    dates = [event.date for event in timeline.events]
    if dates != sorted(dates):  # type: ignore[type-var]
        problems.append("events are not in date order")
    undated = [event.text.casefold() for event in timeline.undated]
    for expected in record.get("undated", []):
        if not any(expected.casefold() in text for text in undated):
            problems.append(f"{expected!r} is not listed as undated")
    low, high = _day(record, "first_after"), _day(record, "last_before")
    if low and timeline.events and timeline.events[0].date and timeline.events[0].date < low:
        problems.append(f"the first event is dated before {low}")
    if high and timeline.events and timeline.events[-1].date and timeline.events[-1].date > high:
        problems.append(f"the last event is dated after {high}")
    shown = " | ".join(f"{e.date}: {e.text[:60]}" for e in timeline.events)
    status = "answered" if timeline.events else "not_found"
    topic = record.get("topic") or record["question"]
    return QuestionResult(str(record["id"]), topic, not problems, shown, status, problems)


def evaluate(path: Path, ask: Asker, timeline: TimelineMaker | None = None) -> list[QuestionResult]:
    """Ask every question of the file and judge each answer. A record's `history` (earlier
    questions of the same chat) is asked first, so that follow-ups can be checked; `as_of`
    pins the date it is asked on; `kind: "timeline"` items are judged on the timeline of their
    `topic` (or question)."""
    results = []
    for record in load_questions(path):
        as_of = _day(record, "as_of")
        if record.get("kind") == "timeline":
            if timeline is None:
                raise UnreadableInput(f"{path}: timeline items need a timeline builder")
            built = timeline(
                record.get("topic") or record["question"],
                as_of,
                _day(record, "after"),
                _day(record, "before"),
            )
            results.append(judge_timeline(record, built))
            continue
        turns: list[Turn] = []
        for earlier in record.get("history", []):
            said = ask(earlier, list(turns), as_of)
            turns.append(Turn(earlier, said.standalone_question or earlier, said.answer))
        results.append(judge(record, ask(record["question"], turns, as_of)))
    return results

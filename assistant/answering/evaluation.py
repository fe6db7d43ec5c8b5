"""Score answers against a question file in the format of shared/eval/dev_qa.jsonl."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.answering.answer import Answer
from assistant.answering.conversation import Turn
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
    `short` (options for the short answer, or null: none), `must_not` and `once` strings.
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


def evaluate(path: Path, ask: Callable[[str, Sequence[Turn]], Answer]) -> list[QuestionResult]:
    """Ask every question of the file and judge each answer. A record's `history` (earlier
    questions of the same chat) is asked first, so that follow-ups can be checked."""
    results = []
    for record in load_questions(path):
        turns: list[Turn] = []
        for earlier in record.get("history", []):
            said = ask(earlier, list(turns))
            turns.append(Turn(earlier, said.standalone_question or earlier, said.answer))
        results.append(judge(record, ask(record["question"], turns)))
    return results

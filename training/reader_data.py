"""SQuAD questions → short reading windows for the reader, with the negatives news use needs.

A window is a sentence with its neighbours (what the answerer shows the reader). For each
answerable question: the window around the answer (positive, with its span), a window of the same
paragraph that does not hold the answer (negative), and now and then the question with one of its
names swapped for a name from another article (negative: the window is about someone else).
SQuAD v2 questions marked impossible give negatives too. Articles are split, never questions.
Deterministic for a seed.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.sentences import sentence_index, split_sentences, window_around

DEV_ARTICLES_PER_FILE = {"train-a-v1.1.json": 3, "train-b-v2.0.json": 1}
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\b")
_SWAP_EVERY = 4


@dataclass(frozen=True)
class Example:
    """One training or development example: the answer is window[start:end], or none."""

    question: str
    window: str
    start: int | None
    end: int | None
    answers: tuple[str, ...] = ()  # every reference answer (for EM/F1)
    kind: str = "positive"  # positive | other-sentence | swapped-name | impossible


@dataclass(frozen=True)
class Paragraph:
    article: str
    context: str
    questions: tuple[dict[str, Any], ...]


def load_articles(folder: Path) -> dict[str, list[tuple[str, list[Paragraph]]]]:
    """{file name: [(article title, paragraphs)]} in file order."""
    found: dict[str, list[tuple[str, list[Paragraph]]]] = {}
    for name in DEV_ARTICLES_PER_FILE:
        data = json.loads((folder / name).read_text(encoding="utf-8"))["data"]
        found[name] = [
            (
                article["title"],
                [
                    Paragraph(article["title"], p["context"], tuple(p["qas"]))
                    for p in article["paragraphs"]
                ],
            )
            for article in data
        ]
    return found


def split(folder: Path) -> tuple[list[Paragraph], list[Paragraph]]:
    """(training paragraphs, development paragraphs): the last articles of each file are dev."""
    train: list[Paragraph] = []
    dev: list[Paragraph] = []
    for name, articles in load_articles(folder).items():
        cut = len(articles) - DEV_ARTICLES_PER_FILE[name]
        for number, (_, paragraphs) in enumerate(articles):
            (train if number < cut else dev).extend(paragraphs)
    return train, dev


def examples(paragraphs: Sequence[Paragraph], seed: int = 13) -> Iterator[Example]:
    """Every example of these paragraphs, in a fixed order for a seed."""
    rng = random.Random(seed)
    names = sorted({n for p in paragraphs for q in p.questions for n in _names(str(q["question"]))})
    for paragraph in paragraphs:
        context = paragraph.context
        spans = split_sentences(context)
        if not spans:
            continue
        for qa in paragraph.questions:
            question = str(qa["question"]).strip()
            answers = qa.get("answers") or []
            if qa.get("is_impossible") or not answers:
                plausible = qa.get("plausible_answers") or []
                offset = (
                    int(plausible[0]["answer_start"]) if plausible else rng.randrange(len(context))
                )
                low, high = window_around(spans, sentence_index(spans, offset))
                yield Example(question, context[low:high], None, None, (), "impossible")
                continue
            first = answers[0]
            start = int(first["answer_start"])
            text = str(first["text"])
            centre = sentence_index(spans, start)
            low, high = window_around(spans, centre)
            low, high = min(low, start), max(high, start + len(text))
            references = tuple(dict.fromkeys(str(a["text"]) for a in answers))
            window = context[low:high]
            yield Example(question, window, start - low, start - low + len(text), references)
            others = [n for n in range(len(spans)) if abs(n - centre) >= 2]
            if others:
                o_low, o_high = window_around(spans, rng.choice(others))
                if not (o_low <= start < o_high):
                    yield Example(question, context[o_low:o_high], None, None, (), "other-sentence")
            if rng.randrange(_SWAP_EVERY) == 0:
                swapped = _swap_a_name(question, window, names, rng)
                if swapped:
                    yield Example(swapped, window, None, None, (), "swapped-name")


def _swap_a_name(
    question: str, window: str, names: Sequence[str], rng: random.Random
) -> str | None:
    """The question about another name than the window's, or None when it names none of it."""
    mine = [n for n in _names(question) if n in window]
    if not mine or not names:
        return None
    for _ in range(10):
        other = rng.choice(names)
        if other not in window and other not in question:
            return question.replace(mine[0], other, 1)
    return None


def _names(question: str) -> list[str]:
    """Capitalised names in a question, leaving out its first word ("Which", "Her" …)."""
    return [m.group() for m in _NAME.finditer(question) if m.start() > 0]

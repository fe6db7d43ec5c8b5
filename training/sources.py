"""The reader's training sources as SQuAD-style paragraphs, each split into train and dev.

Four sources in `../shared/datasets/` (each folder's README gives source, license and sha256):

| source | text | split (dev) |
| --- | --- | --- |
| `squad` | Wikipedia (SQuAD v1.1, v2.0) | by article: last 3 of train-a, last 1 of train-b |
| `squadshifts-wiki` | new Wikipedia articles | by article: every 8th |
| `squadshifts-amazon` | product reviews | by article (product): every 8th |
| `squadshifts-reddit` | Reddit posts (one "article") | by paragraph: every 8th |
| `timeqa` | time-scoped questions over Wikipedia | its own files: train → train, test → dev |
| `qed` | real search questions over Wikipedia | by title: every 4th title (sorted) |

A question's `answers` are `{"text", "answer_start"}` character spans of its paragraph, as in
SQuAD. TimeQA questions that share a template but ask about another period ("Who owned X from
1811 to 1827?" / "… from 1916 to 1920?") carry each other's paragraph as `other_periods`: a window
that answers another period does not answer this one. TimeQA's unanswerable questions (an
empty answer: the article has no fact of that period) are `is_impossible`, asked of the paragraph
that answers the same question for another period, else of the one that answers most of the
article's questions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_SHIFTS = {
    "squadshifts-wiki": "new_wiki_v1.0.json",
    "squadshifts-amazon": "amazon_reviews_v1.0.json",
    "squadshifts-reddit": "reddit_v1.0.json",
}
SQUAD_DEV_ARTICLES = {"train-a-v1.1.json": 3, "train-b-v2.0.json": 1}
_EVERY_NTH = 8
_YEARS = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_MONTHS = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?=(?:1[5-9]|20)\d\d\b)"
)


@dataclass(frozen=True)
class Paragraph:
    """A context and its questions (SQuAD `qas` dicts), from one article of one source."""

    article: str
    context: str
    questions: tuple[dict[str, Any], ...]
    source: str = "squad"
    # TimeQA: where the same question for other periods is answered, by question text:
    # (that paragraph's text, the answer's first character in it).
    other_periods: dict[str, tuple[tuple[str, int], ...]] = field(
        default_factory=dict, compare=False
    )


Split = tuple[list[Paragraph], list[Paragraph]]


def _squad_paragraphs(path: Path, source: str) -> list[tuple[str, list[Paragraph]]]:
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    return [
        (
            str(article["title"]),
            [
                Paragraph(str(article["title"]), p["context"], tuple(p["qas"]), source)
                for p in article["paragraphs"]
            ],
        )
        for article in data
    ]


def squad(root: Path) -> Split:
    """SQuAD: the last articles of each file are dev (as the shipped reader was trained)."""
    return squad_split(root / "squad")


def squad_split(folder: Path) -> Split:
    """The SQuAD files in `folder`, split by article (the last ones of each file are dev)."""
    train: list[Paragraph] = []
    dev: list[Paragraph] = []
    for name, held in SQUAD_DEV_ARTICLES.items():
        articles = _squad_paragraphs(folder / name, "squad")
        cut = len(articles) - held
        for number, (_, paragraphs) in enumerate(articles):
            (train if number < cut else dev).extend(paragraphs)
    return train, dev


def _shifts(source: str) -> Callable[[Path], Split]:
    def load(root: Path) -> Split:
        articles = _squad_paragraphs(root / "squadshifts" / _SHIFTS[source], source)
        train: list[Paragraph] = []
        dev: list[Paragraph] = []
        if len(articles) == 1:  # Reddit: one "article", split by paragraph
            for number, paragraph in enumerate(articles[0][1]):
                (dev if number % _EVERY_NTH == _EVERY_NTH - 1 else train).append(paragraph)
            return train, dev
        for number, (_, paragraphs) in enumerate(articles):
            (dev if number % _EVERY_NTH == _EVERY_NTH - 1 else train).extend(paragraphs)
        return train, dev

    return load


def _template(question: str) -> str:
    """The question with its period taken out ("from Jul 2019 to 2020" → "from YEAR to YEAR")."""
    return _YEARS.sub("YEAR", _MONTHS.sub("", question))


def _timeqa_file(path: Path) -> list[Paragraph]:
    found: list[Paragraph] = []
    for document in json.loads(path.read_text(encoding="utf-8")):
        paras = [str(p) for p in document["paras"]]
        by_para: dict[int, list[dict[str, Any]]] = {}
        answered_in: dict[str, dict[int, int]] = {}  # question → {para: answer start}
        unanswerable: list[str] = []
        for question, answers in document["questions"]:
            if all(not str(a["answer"]).strip() for a in answers):
                # TimeQA's unanswerable questions (no fact of that period in the article) carry
                # one empty answer at the start: not a span to learn.
                unanswerable.append(str(question))
                continue
            spans = [a for a in answers if 0 <= int(a["para"]) < len(paras)]
            spans = [a for a in spans if paras[int(a["para"])][a["from"] : a["end"]] == a["answer"]]
            if not spans:
                continue
            para = int(spans[0]["para"])
            qa = {
                "question": str(question),
                "answers": [
                    {"text": a["answer"], "answer_start": int(a["from"])}
                    for a in spans
                    if int(a["para"]) == para
                ],
            }
            by_para.setdefault(para, []).append(qa)
            answered_in.setdefault(str(question), {})[para] = int(spans[0]["from"])
        templates: dict[str, list[str]] = {}
        for question in answered_in:
            templates.setdefault(_template(question), []).append(question)
        impossible: dict[int, list[dict[str, Any]]] = {}
        for question in unanswerable:
            # Asked of the paragraph that answers it for another period (a hard negative), else
            # of the one that answers most of the article's questions.
            paired = templates.get(_template(question))
            if paired:
                para = min(answered_in[paired[0]])
            elif by_para:
                para = max(sorted(by_para), key=lambda n: len(by_para[n]))
            else:
                continue
            impossible.setdefault(para, []).append(
                {"question": question, "answers": [], "is_impossible": True}
            )
        for para, questions in sorted(by_para.items()):
            others: dict[str, tuple[tuple[str, int], ...]] = {}
            for qa in questions:
                q = str(qa["question"])
                elsewhere = {
                    (other_para, start)
                    for other in templates[_template(q)]
                    if other != q
                    for other_para, start in answered_in[other].items()
                    if other_para not in answered_in[q]
                }
                if elsewhere:
                    others[q] = tuple((paras[p], start) for p, start in sorted(elsewhere))
            asked = tuple(questions) + tuple(impossible.get(para, ()))
            found.append(Paragraph(str(document["link"]), paras[para], asked, "timeqa", others))
    return found


def timeqa(root: Path) -> Split:
    """TimeQA's human-annotated part: its train file trains, its test file is dev."""
    folder = root / "timeqa"
    return (
        _timeqa_file(folder / "human_annotated_train.json"),
        _timeqa_file(folder / "human_annotated_test.json"),
    )


def qed(root: Path) -> Split:
    """QED (Natural Questions): every 4th title, in sorted order, is dev."""
    rows = [
        json.loads(line)
        for line in (root / "qed" / "qed-dev.jsonlines").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    titles = sorted({str(r["title_text"]) for r in rows})
    held = {t for n, t in enumerate(titles) if n % 4 == 3}
    train: list[Paragraph] = []
    dev: list[Paragraph] = []
    for row in rows:
        context = str(row["paragraph_text"])
        answers = [
            {"text": span["string"], "answer_start": int(span["start"])}
            for annotation in row["original_nq_answers"]
            for span in annotation[:1]
            if context[int(span["start"]) : int(span["end"])] == span["string"]
        ]
        if not answers:
            continue
        question = str(row["question_text"]).strip()
        qa = {"question": question[:1].upper() + question[1:] + "?", "answers": answers}
        paragraph = Paragraph(str(row["title_text"]), context, (qa,), "qed")
        (dev if row["title_text"] in held else train).append(paragraph)
    return train, dev


SOURCES: dict[str, Callable[[Path], Split]] = {
    "squad": squad,
    **{name: _shifts(name) for name in _SHIFTS},
    "timeqa": timeqa,
    "qed": qed,
}


def load(root: Path, names: list[str] | None = None) -> dict[str, Split]:
    """{source: (train paragraphs, dev paragraphs)} for the named sources (default: all)."""
    chosen = names or list(SOURCES)
    unknown = [n for n in chosen if n not in SOURCES]
    if unknown:
        raise ValueError(f"unknown source {unknown[0]!r}; choose from {', '.join(SOURCES)}")
    return {name: SOURCES[name](root) for name in chosen}

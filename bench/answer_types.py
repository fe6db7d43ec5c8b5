"""Typed answers on text nobody here wrote: who / when / how-many / which-X short answers, with
and without the NER check, in one run.

    .venv/bin/python -m bench.answer_types [--per-source 300] [--bonus 0.1]

For each dev source of the reader's training data (SQuAD, SQuADShifts' Wikipedia / Amazon /
Reddit, TimeQA, QED), the first `--per-source` answerable questions whose answer has an expected
kind (`answering/question/answer_type.py`) are answered by the real extractive answerer (real
reader, real NER) given their gold paragraph as one passage. Reported per source and variant:
- short answers given, their exact match and F1 against the gold answers (SQuAD's
  normalisation), and the share of *given* short answers that are wrong (F1 < 0.5);
- type accuracy: the share of short answers that hold an entity of the expected kind (tagged by
  the same NER);
- gold type rate: the share of gold answers that are such an entity — the NER's own check (the
  published en_core_web_sm 3.8.0 reports NER F 84.3 on OntoNotes).
Writes bench/results/answer_types.json.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from assistant.answering.evidence import typed
from assistant.answering.evidence.reader_answerer import ReaderAnswerer
from assistant.answering.question.answer_type import expected_labels
from assistant.embedding import make_embedder
from assistant.entities import EntityTagger, SpacyTagger
from assistant.reader import READ_TOKENS, READER_DIR, Reader
from assistant.retrieval import Hit
from bench.reader import scores
from training.sources import SOURCES, load

REPO = Path(__file__).resolve().parent.parent


def _hit(context: str) -> Hit:
    return Hit(0, "gold", "Gold paragraph", date(2024, 1, 1), "gold", context, 0, len(context), 1.0)


def _typed(tagger: SpacyTagger, texts: list[str], labels: list[frozenset[str]]) -> list[bool]:
    found = tagger.entities(texts)
    return [any(e.label in want for e in ents) for ents, want in zip(found, labels, strict=True)]


def measure(
    answerer: ReaderAnswerer, tagger: SpacyTagger, asked: list[tuple[str, str, tuple[str, ...]]]
) -> dict[str, Any]:
    given: list[tuple[str, tuple[str, ...], frozenset[str]]] = []
    em = f1 = wrong = 0.0
    premises = 0  # every question here is true: a premise correction is a false alarm
    for question, context, golds in asked:
        answer = answerer.answer(question, [_hit(context)])
        premises += answer.premise is not None
        short = answer.short_answer
        if short is None:
            continue
        exact, overlap = scores(short.text, golds)
        em, f1, wrong = em + exact, f1 + overlap, wrong + (overlap < 0.5)
        labels = expected_labels(question)
        assert labels is not None
        given.append((short.text, golds, labels))
    typed = _typed(tagger, [text for text, _, _ in given], [labels for _, _, labels in given])
    n = max(1, len(asked))
    return {
        "questions": len(asked),
        "short_answers": len(given),
        "exact_match": round(100 * em / n, 1),
        "f1": round(100 * f1 / n, 1),
        "wrong_of_given": round(100 * wrong / max(1, len(given)), 1),
        "type_accuracy": round(100 * sum(typed) / max(1, len(typed)), 1),
        "premise_false_alarms": premises,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "datasets")
    parser.add_argument("--sources", nargs="*", default=list(SOURCES))
    parser.add_argument("--per-source", type=int, default=300)
    parser.add_argument("--weights", type=Path, default=READER_DIR)
    parser.add_argument("--bonus", type=float, default=typed.TYPE_BONUS, help="rank bonus")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    typed.TYPE_BONUS = args.bonus
    embedder = make_embedder("minilm")
    reader = Reader(args.weights, READ_TOKENS)
    tagger = SpacyTagger()
    variants = {
        "no NER": ReaderAnswerer(embedder, reader, 0.4, 3, 5, EntityTagger()),
        "NER": ReaderAnswerer(embedder, reader, 0.4, 3, 5, tagger),
    }
    result: dict[str, Any] = {}
    for source, (_, dev) in load(args.data, args.sources).items():
        asked: list[tuple[str, str, tuple[str, ...]]] = []
        for paragraph in dev:
            for qa in paragraph.questions:
                answers = tuple(str(a["text"]) for a in qa.get("answers") or [])
                question = str(qa["question"])
                if answers and expected_labels(question) and len(asked) < args.per_source:
                    asked.append((question, paragraph.context, answers))
        labels = [expected_labels(q) or frozenset() for q, _, _ in asked]
        gold = _typed(tagger, [golds[0] for _, _, golds in asked], labels)
        result[source] = {"gold_type_rate": round(100 * sum(gold) / max(1, len(gold)), 1)}
        for name, answerer in variants.items():
            result[source][name] = measure(answerer, tagger, asked)
        print(json.dumps({source: result[source]}), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "answer_types.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()

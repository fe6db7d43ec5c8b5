"""The trained reader against the hand-tuned sentence choice, on held-out SQuAD articles.

    .venv/bin/python -m bench.reader [--squad ../shared/datasets/squad] [--out bench/results]

Given the gold paragraph (its sentences, each with its neighbours, as the answerer's windows):
- reader: the window it scores highest, and the span it marks there;
- hand-tuned: the sentence `ExtractiveAnswerer.score` ranks first (MiniLM meaning, shared words,
  question type), whose whole text is its answer.
Reported: SQuAD exact match and F1 (official normalisation) of the answer text, how often the
chosen text holds the answer (located), and the reader's answerability accuracy on the held-out
positive and negative windows (other sentences, swapped names, SQuAD v2 impossible questions).
"Located" is the same test for both: the sentence the answer comes from holds the gold answer.
Writes bench/results/reader.json.
"""

from __future__ import annotations

import argparse
import json
import re
import string
import time
from collections import Counter
from pathlib import Path
from typing import Any

from assistant.answering.evidence.candidates import candidates
from assistant.answering.evidence.extractive import ExtractiveAnswerer
from assistant.answering.question.parse import parse_question
from assistant.embedding import make_embedder
from assistant.reader import Reader
from assistant.retrieval import Hit
from assistant.sentences import split_sentences, window_around
from training.reader_data import examples, split

REPO = Path(__file__).resolve().parent.parent


def normalise(text: str) -> str:
    """SQuAD's answer normalisation: lower case, no punctuation, articles or extra spaces."""
    text = "".join(c for c in text.lower() if c not in set(string.punctuation))
    return " ".join(re.sub(r"\b(a|an|the)\b", " ", text).split())


def f1(prediction: str, truth: str) -> float:
    """Token-overlap F1 of two normalised answers."""
    guess, gold = normalise(prediction).split(), normalise(truth).split()
    common = sum((Counter(guess) & Counter(gold)).values())
    if not common:
        return 0.0
    precision, recall = common / len(guess), common / len(gold)
    return 2 * precision * recall / (precision + recall)


def scores(prediction: str, references: tuple[str, ...]) -> tuple[float, float]:
    """(exact match, F1) against the best reference."""
    exact = max(float(normalise(prediction) == normalise(r)) for r in references)
    return exact, max(f1(prediction, r) for r in references)


def run(squad: Path, threshold: float, tokens: int) -> dict[str, Any]:
    _, dev = split(squad)
    reader = Reader(max_tokens=tokens)
    answerer = ExtractiveAnswerer(make_embedder("minilm"), min_score=0.0)
    totals: dict[str, list[float]] = {
        k: [] for k in ("r_em", "r_f1", "r_loc", "h_em", "h_f1", "h_loc")
    }
    reader_seconds, questions = 0.0, 0
    for paragraph in dev:
        context = paragraph.context
        spans = split_sentences(context)
        windows = sorted({window_around(spans, n) for n in range(len(spans))})
        hit = Hit(0, "p", paragraph.article, None, "squad", context, 0, len(context), 1.0)
        found = candidates([hit])
        for qa in paragraph.questions:
            answers = qa.get("answers") or []
            if qa.get("is_impossible") or not answers:
                continue
            references = tuple(str(a["text"]) for a in answers)
            gold = [
                (int(a["answer_start"]), int(a["answer_start"]) + len(str(a["text"])))
                for a in answers
            ]
            question = str(qa["question"])
            started = time.perf_counter()
            readings = reader.read(question, [context[a:b] for a, b in windows])
            reader_seconds += time.perf_counter() - started
            questions += 1
            best = max(range(len(windows)), key=lambda i: readings[i].score)
            low = windows[best][0]
            reading = readings[best]
            predicted = (
                ""
                if reading.start is None
                else context[low + reading.start : low + (reading.end or 0)]
            )
            exact, overlap = scores(predicted, references)
            totals["r_em"].append(exact)
            totals["r_f1"].append(overlap)
            # Located: the sentence it answers from holds the answer (as for the hand-tuned choice).
            where = low + reading.start if reading.start is not None else windows[best][0]
            chosen = next((sp for sp in spans if sp.start <= where < sp.end), spans[-1])
            totals["r_loc"].append(float(any(chosen.start <= a < chosen.end for a, _ in gold)))
            ranked = answerer.score(parse_question(question), found)
            sentence = ranked[0].candidate if ranked else None
            text = sentence.text if sentence else ""
            exact, overlap = scores(text, references)
            totals["h_em"].append(exact)
            totals["h_f1"].append(overlap)
            located = sentence is not None and any(
                sentence.start <= a < sentence.end for a, _ in gold
            )
            totals["h_loc"].append(float(located))
    judged = [
        (example, reader.read(example.question, [example.window])[0].score)
        for example in examples(dev)
    ]
    by_kind: dict[str, list[float]] = {}
    for example, score in judged:
        right = (score >= threshold) == (example.start is not None)
        by_kind.setdefault(example.kind, []).append(float(right))
    refusal = {str(t): _refusal(judged, t) for t in (0.3, 0.4, 0.5, 0.6)}
    mean = {k: round(100 * sum(v) / max(1, len(v)), 1) for k, v in totals.items()}
    return {
        "dev_questions": questions,
        "reader": {"exact_match": mean["r_em"], "f1": mean["r_f1"], "located": mean["r_loc"]},
        "hand_tuned_sentence": {
            "exact_match": mean["h_em"],
            "f1": mean["h_f1"],
            "located": mean["h_loc"],
        },
        "answerability_accuracy": {k: round(100 * sum(v) / len(v), 1) for k, v in by_kind.items()},
        "refusal_by_threshold": refusal,
        "threshold": threshold,
        "reader_max_tokens": tokens,
        "reader_ms_per_paragraph_question": round(1000 * reader_seconds / max(1, questions), 1),
    }


def _refusal(judged: list[tuple[Any, float]], threshold: float) -> dict[str, float]:
    """Precision and recall of "not answerable" at a threshold, over the dev windows."""
    refused = [(e.start is None, s < threshold) for e, s in judged]
    true_refusals = sum(1 for negative, said_no in refused if negative and said_no)
    return {
        "precision": round(100 * true_refusals / max(1, sum(n for _, n in refused)), 1),
        "recall": round(100 * true_refusals / max(1, sum(n for n, _ in refused)), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--squad", type=Path, default=REPO.parent / "shared" / "datasets" / "squad")
    parser.add_argument("--threshold", type=float, default=0.4)
    parser.add_argument(
        "--tokens", type=int, nargs="+", default=[128, 96], help="reader window lengths to compare"
    )
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    result = {f"tokens_{n}": run(args.squad, args.threshold, n) for n in args.tokens}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "reader.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

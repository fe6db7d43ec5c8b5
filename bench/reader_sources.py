"""Readers compared on the development set of every training source, in one run.

    .venv/bin/python -m bench.reader_sources [--weights DIR ...] [--per-source 300]

For each source of `training/sources.py` (SQuAD, SQuADShifts' Wikipedia / Amazon / Reddit,
TimeQA, QED) and each reader (default: the shipped one; add a candidate with
`python -m training.train_reader --export CHECKPOINT --out DIR`, or a reader id with `--readers`,
e.g. minilm-reader-int8), given the gold paragraph (every
sentence with its neighbours as a window, as the answerer reads them):
- exact match and F1 (SQuAD's normalisation) of the span in the window the reader scores highest;
- answerability accuracy on the held-out windows by kind (positive, other sentence, swapped name,
  opposite predicate, other period, impossible) at the answerer's threshold, and for each kind that
  holds no answer the ROC AUC against the positives (`answerability_auc`: threshold-free, so a
  reader that leans to "yes" or "no" at 0.4 is compared fairly);
- on every dev window whose "when" answer was rewritten as a weekday (news' "the government
  Friday decided"; `training/reader_data.py`), the share where the span is the weekday.
The first `--per-source` answerable questions of each source's dev paragraphs (a fixed sample).
Writes bench/results/reader_sources.json.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from assistant.reader import READ_TOKENS, READER_DIR, Reader
from assistant.readers import make_reader
from assistant.sentences import split_sentences, window_around
from bench.reader import scores
from training.reader_data import examples
from training.sources import SOURCES, Paragraph, load

REPO = Path(__file__).resolve().parent.parent


def _questions(dev: list[Paragraph], limit: int) -> list[tuple[Paragraph, dict[str, Any]]]:
    chosen: list[tuple[Paragraph, dict[str, Any]]] = []
    for paragraph in dev:
        for qa in paragraph.questions:
            if qa.get("answers") and not qa.get("is_impossible") and len(chosen) < limit:
                chosen.append((paragraph, qa))
    return chosen


def separation(scores: dict[str, list[float]]) -> dict[str, float]:
    """For each kind of window that holds no answer, the ROC AUC of the reader's answerability
    between the answerable ("positive") windows and that kind: the chance that an answerable
    window scores above such a window, whatever the threshold (readers that lean to "yes" or "no"
    at the answerer's threshold are compared fairly)."""
    from sklearn.metrics import roc_auc_score

    positives = scores.get("positive", [])
    result = {}
    for kind, negatives in sorted(scores.items()):
        if kind == "positive" or not positives or not negatives:
            continue
        truth = [1] * len(positives) + [0] * len(negatives)
        result[kind] = round(float(roc_auc_score(truth, positives + negatives)), 3)
    return result


def measure(reader: Reader, dev: list[Paragraph], limit: int, threshold: float) -> dict[str, Any]:
    """EM / F1 given the gold paragraph, and answerability accuracy by kind of window."""
    em: list[float] = []
    f1: list[float] = []
    for paragraph, qa in _questions(dev, limit):
        context = paragraph.context
        spans = split_sentences(context)
        windows = sorted({window_around(spans, n) for n in range(len(spans))})
        if not windows:
            continue
        readings = reader.read(str(qa["question"]), [context[a:b] for a, b in windows])
        best = max(range(len(windows)), key=lambda i: readings[i].score)
        low, reading = windows[best][0], readings[best]
        predicted = (
            "" if reading.start is None else context[low + reading.start : low + (reading.end or 0)]
        )
        exact, overlap = scores(predicted, tuple(str(a["text"]) for a in qa["answers"]))
        em.append(exact)
        f1.append(overlap)
    kept = {id(p) for p, _ in _questions(dev, limit)}
    scored: dict[str, list[float]] = {}  # answerability by kind; only "positive" answers
    for example in examples([p for p in dev if id(p) in kept]):
        score = reader.read(example.question, [example.window])[0].score
        scored.setdefault(example.kind, []).append(score)
    weekday: list[float] = []  # every dev date written as a weekday: is the weekday the span?
    for example in (e for e in examples(dev, weekdays=True) if e.kind == "weekday"):
        reading = reader.read(example.question, [example.window])[0]
        weekday.append(float((reading.start, reading.end) == (example.start, example.end)))
    return {
        "questions": len(em),
        "exact_match": round(100 * sum(em) / max(1, len(em)), 1),
        "f1": round(100 * sum(f1) / max(1, len(f1)), 1),
        "answerability_accuracy": {
            kind: round(100 * sum((s >= threshold) == (kind == "positive") for s in v) / len(v), 1)
            for kind, v in sorted(scored.items())
        },
        "answerability_auc": separation(scored),
        "weekday_windows": len(weekday),
        "weekday_exact_match": round(100 * sum(weekday) / max(1, len(weekday)), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "datasets")
    parser.add_argument("--weights", type=Path, nargs="*", default=[], help="more readers")
    parser.add_argument(
        "--readers", nargs="*", default=[], help="reader ids besides (e.g. minilm-reader-int8)"
    )
    parser.add_argument("--sources", nargs="*", default=list(SOURCES))
    parser.add_argument("--per-source", type=int, default=300)
    parser.add_argument("--threshold", type=float, default=0.4)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    splits = load(args.data, args.sources)
    result: dict[str, Any] = {}
    readers = [("shipped", Reader(READER_DIR, READ_TOKENS))]
    readers += [(str(folder), Reader(folder, READ_TOKENS)) for folder in args.weights]
    readers += [(name, make_reader(name, READ_TOKENS)) for name in args.readers]
    for name, reader in readers:
        result[name] = {
            source: measure(reader, dev, args.per_source, args.threshold)
            for source, (_, dev) in splits.items()
        }
        print(json.dumps({name: result[name]}, indent=2), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "reader_sources.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()

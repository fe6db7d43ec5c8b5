"""Concurrent questions' windows through the reader: one padded batch against shortest-first runs.

    .venv/bin/python -m bench.reader_batching [--questions 1 4 16] [--runs 0 8 16 32]
        [--articles FILE.jsonl] [--rounds 3]

Each cell reads `questions` questions of 5 windows each (a sentence with its neighbours, as the
answerer reads them; seeded), as the model process does when that many callers wait for it
(`Reader.read_many`), with `Reader.run_windows` set to each of `--runs` in turn, round after
round (0: every window in one batch padded to the longest, as before; N: runs of N windows,
shortest first, each padded to its own longest). Reported: the best round's milliseconds per
window, its ratio to one batch in the same run, and whether every reading (span, score,
alternatives) equals one batch's. Windows come from the sample corpus, or from a JSON Lines file
of articles with a `text` field (e.g. the RealTime QA articles `bench/realtimeqa.py
--keep-index DIR` leaves in DIR/realtimeqa.jsonl). Run it on a machine doing nothing else.
Writes bench/results/reader_batching.json.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

from assistant.readers import make_reader
from assistant.sentences import split_sentences, window_around

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = (
    "When did Japan ban luxury exports?",
    "Which banks did Tokyo designate?",
    "Who warned that the reaction would be sharp?",
    "How many people were affected by the strike?",
)


def all_windows(articles: Path | None) -> list[str]:
    if articles is None:
        texts = [p.read_text() for p in sorted((REPO / "corpus").glob("*.txt"))]
    else:
        lines = articles.read_text(encoding="utf-8").splitlines()
        texts = [str(json.loads(line).get("text", "")) for line in lines if line.strip()][:400]
    found = []
    for text in texts:
        spans = split_sentences(text)
        around = sorted({window_around(spans, n) for n in range(len(spans))})
        found += [text[a:b] for a, b in around]
    return [w for w in found if w.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, nargs="*", default=[1, 4, 16])
    parser.add_argument("--runs", type=int, nargs="*", default=[0, 8, 16, 32])
    parser.add_argument("--articles", type=Path, default=None)
    parser.add_argument("--reader", default="minilm-reader-onnx")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    reader = make_reader(args.reader)
    reader.warm_up()
    pool = all_windows(args.articles)
    chooser = random.Random(7)
    result: dict[str, Any] = {"reader": args.reader, "windows_in_pool": len(pool)}
    for count in args.questions:
        # As many batches as make ~160 windows a round, each `count` questions of 5 windows.
        batches = [
            [(QUESTIONS[q % len(QUESTIONS)], chooser.sample(pool, 5)) for q in range(count)]
            for _ in range(max(1, 32 // count))
        ]
        windows = sum(len(w) for batch in batches for _, w in batch)
        best = dict.fromkeys(args.runs, float("inf"))
        readings: dict[int, list[Any]] = {}
        for _ in range(args.rounds):
            for runs in args.runs:
                reader.run_windows = runs
                started = time.perf_counter()
                readings[runs] = [reader.read_many(batch) for batch in batches]
                took = (time.perf_counter() - started) / windows * 1000
                best[runs] = min(best[runs], took)
        baseline = best[args.runs[0]]
        result[f"{count} questions"] = {
            str(runs): {
                "ms_per_window": round(best[runs], 2),
                "ratio_to_first": round(best[runs] / baseline, 3),
                "same_readings": readings[runs] == readings[args.runs[0]],
            }
            for runs in args.runs
        }
        print(count, json.dumps(result[f"{count} questions"]), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "reader_batching.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()

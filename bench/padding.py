"""Word pieces a pass over the reader's training examples computes, padding included: batches in
the run's order against batches of like length, counted with the shipped reader's tokenizer.

    .venv/bin/python -m bench.padding [--limit 0]

A batch pads to its longest question + window pair, so its cost is that length times its rows.
Counted for the teacher's readings (`training.distill`: 32 a batch, each shard of 2,048 read in
order of length — there by the teacher's own tokenizer, here by the student's) and for a
training run (16 a batch; `train_reader --group-by-length`: 64 batches' worth sorted,
`length_batches`). A count, not a timing: time per step follows it only
in part (the step's fixed costs do not shrink). Writes bench/results/padding.json.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.reader import READER_DIR, load_tokenizer
from training.distill import SHARD
from training.encoding import piece_counts
from training.reader_data import by_length, length_batches
from training.train_reader import DEFAULT_DATA, training_examples

REPO = Path(__file__).resolve().parent.parent


def padded(lengths: list[int], batches: list[list[int]]) -> int:
    return sum(max(lengths[i] for i in rows) * len(rows) for rows in batches)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="the first N examples only")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    data = training_examples(argparse.Namespace(data=DEFAULT_DATA, sources=["all"], seed=args.seed))
    data = data[: args.limit] if args.limit else data
    lengths = piece_counts(load_tokenizer(READER_DIR), data)

    def in_order(size: int) -> list[list[int]]:
        return [list(range(i, min(i + size, len(data)))) for i in range(0, len(data), size)]

    sorted_shards = [
        order[j : j + 32]
        for first in range(0, len(data), SHARD)
        for order in [by_length(lengths, range(first, min(first + SHARD, len(data))))]
        for j in range(0, len(order), 32)
    ]

    def counts(in_order: list[list[int]], by_length: list[list[int]]) -> dict[str, float]:
        before, after = padded(lengths, in_order), padded(lengths, by_length)
        return {"in_order": before, "by_length": after, "ratio": round(after / before, 3)}

    report = {
        "examples": len(data),
        "mean_pieces": round(sum(lengths) / len(lengths), 1),
        "teacher_readings": counts(in_order(32), sorted_shards),
        "training_pass": counts(in_order(16), length_batches(lengths, 16, args.seed)),
    }
    out = REPO / "bench" / "results" / "padding.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

"""The reader's network per window in torch, ONNX Runtime float and int8, in one run.

    .venv/bin/python -m bench.reader_runtime [--batches 5 20 60] [--rounds 3]

Windows are three consecutive sentences of the sample corpus (seeded), asked one question,
88 word pieces as the answerer reads them. Every runtime reads the same batches in turn, round
after round; the best round's milliseconds per window are reported with the ratio to torch, and
the largest difference of any logit from torch's. Only the network is timed (the tokenizer and
the span search are the same for all). Run it on a machine doing nothing else. Writes
bench/results/reader_runtime.json.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant.reader import READ_TOKENS
from assistant.readers import make_reader

REPO = Path(__file__).resolve().parent.parent
RUNTIMES = ("minilm-reader", "minilm-reader-onnx", "minilm-reader-int8")


def windows(count: int, seed: int) -> list[str]:
    sentences = " ".join(p.read_text() for p in sorted((REPO / "corpus").glob("*.txt")))
    parts = sentences.split(". ")
    chooser = random.Random(seed)
    return [". ".join(parts[i : i + 3]) for i in chooser.choices(range(len(parts) - 3), k=count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batches", type=int, nargs="*", default=[5, 20, 60])
    parser.add_argument("--windows", type=int, default=120, help="windows per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    readers = {name: make_reader(name, READ_TOKENS) for name in RUNTIMES}
    networks = {name: reader._load() for name, reader in readers.items()}
    tokenizer = networks["minilm-reader"][0]
    result: dict[str, Any] = {}
    for size in args.batches:
        batches = []
        for n in range(max(1, args.windows // size)):
            encoded = tokenizer(
                ["When did Japan ban luxury exports?"] * size,
                windows(size, seed=n),
                truncation="only_second",
                max_length=READ_TOKENS,
                padding=True,
                return_tensors="np",
            )
            batches.append({k: np.asarray(v, dtype=np.int64) for k, v in encoded.items()})
        best = {name: float("inf") for name in RUNTIMES}
        for _ in range(args.rounds):
            for name in RUNTIMES:
                forward = networks[name][1]
                started = time.perf_counter()
                for batch in batches:
                    forward(batch)
                took = (time.perf_counter() - started) / (len(batches) * size) * 1000
                best[name] = min(best[name], took)
        reference = [networks["minilm-reader"][1](b) for b in batches]
        result[str(size)] = {
            name: {
                "ms_per_window": round(best[name], 2),
                "speed_up_over_torch": round(best["minilm-reader"] / best[name], 2),
                "largest_logit_difference": round(
                    max(
                        float(np.abs(a - b).max())
                        for batch, ref in zip(batches, reference, strict=True)
                        for a, b in zip(networks[name][1](batch), ref, strict=True)
                    ),
                    5,
                ),
            }
            for name in RUNTIMES
        }
        print(size, json.dumps(result[str(size)]), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "reader_runtime.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()

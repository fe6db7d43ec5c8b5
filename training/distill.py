"""A teacher's readings of the training examples, for a student reader to learn from (distillation).

    .venv/bin/python -m training.distill --teacher models/reader-mpnet-full \
        --out models/teacher-logits [--sources all] [--seed 13] [--bf16]
    .venv/bin/python -m training.train_reader --teacher-logits models/teacher-logits --epochs 2 \
        --checkpoints DIR --out DIR2

The teacher (a reader folder: the fully trained mpnet reader, too slow to ship) reads every
training example — the very list, order and negatives `train_reader` builds for the same sources
and seed — and its start and end logits are kept on the *student's* word pieces: MPNet and MiniLM
cut words into the same pieces, but MPNet puts two separators between question and window, so
the pieces are matched by the window characters they cover (a student piece the teacher does not
have gets no weight). With its answerability logit, that is what the student then learns from
beside the gold answers (`soft_loss`).

Shards of `SHARD` examples (safetensors, written atomically) and a manifest with a fingerprint of
the examples: a stopped run resumes at its first missing shard, and a student whose examples
differ from the teacher's is refused. The product never imports this module.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.reader import MAX_TOKENS, READER_DIR, load_network, load_tokenizer
from assistant.store.atomic import atomic_write_json
from training.encoding import piece_counts, tokenize
from training.reader_data import Example, by_length

SHARD = 2048
NO_WEIGHT = -1e4  # a logit whose softmax share is nil (and that float16 holds)


def fingerprint(data: Sequence[Example]) -> str:
    """sha256 of the examples in order: the same list, or not."""
    digest = hashlib.sha256()
    for e in data:
        digest.update(f"{e.question}\x00{e.window}\x00{e.start}\x00{e.end}\x01".encode())
    return digest.hexdigest()


def align(
    student: Sequence[tuple[int, int] | None], teacher: Sequence[tuple[int, int] | None]
) -> list[int]:
    """For each student piece, the teacher piece over the same window characters (-1: none).

    Each list gives a piece's (start, end) characters in the window, or None for a piece that is
    not of the window (question, separators, padding); the first piece of both (the [CLS] / <s>
    token, "no answer") is matched to the first.
    """
    where = {span: i for i, span in enumerate(teacher) if span is not None}
    matched = [where.get(span, -1) if span is not None else -1 for span in student]
    if matched:
        matched[0] = 0
    return matched


def window_spans(encoded: Any, row: int) -> list[tuple[int, int] | None]:
    """(start, end) characters of each window piece of one encoded row, None elsewhere."""
    return [
        (int(low), int(high)) if side == 1 else None
        for side, (low, high) in zip(
            encoded.sequence_ids(row), encoded["offset_mapping"][row].tolist(), strict=True
        )
    ]


def teacher_targets(
    teacher: Any, teacher_tokenizer: Any, student_tokenizer: Any, batch: list[Example], bf16: bool
) -> tuple[Any, Any, Any]:
    """(start, end) logits [len(batch), MAX_TOKENS] on the student's pieces, and answerability."""
    import torch

    theirs = tokenize(teacher_tokenizer, batch)
    ours = tokenize(student_tokenizer, batch)
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        start, end, answerable = teacher(
            theirs["input_ids"], theirs["attention_mask"], theirs.get("token_type_ids")
        )
    shape = (len(batch), MAX_TOKENS)
    starts, ends = torch.full(shape, NO_WEIGHT), torch.full(shape, NO_WEIGHT)
    for row in range(len(batch)):
        match = torch.tensor(align(window_spans(ours, row), window_spans(theirs, row)))
        kept = ((match >= 0) & ours["attention_mask"][row].bool()).nonzero().squeeze(-1)
        starts[row, kept] = start[row, match[kept]].float()
        ends[row, kept] = end[row, match[kept]].float()
    return starts, ends, answerable.float()


def compute(
    teacher_dir: Path,
    data: list[Example],
    student_tokenizer: Any,
    out: Path,
    batch: int = 32,
    bf16: bool = False,
) -> Path:
    """Write (or finish) the teacher's shards for `data` into `out`; returns `out`."""
    import torch
    from safetensors.torch import save_file
    from tqdm import tqdm

    out.mkdir(parents=True, exist_ok=True)
    manifest = {"examples": len(data), "fingerprint": fingerprint(data), "shard": SHARD}
    if (out / "manifest.json").exists():
        if json.loads((out / "manifest.json").read_text()) != manifest:
            raise SystemExit(f"{out} holds another list of examples: use another --out")
    else:
        atomic_write_json(out / "manifest.json", manifest)
    _, teacher_tokenizer, teacher = load_network(teacher_dir)
    shards = range(0, len(data), SHARD)
    for first in tqdm(shards, desc="teacher shards", unit="shard"):
        target = out / f"shard-{first // SHARD:05d}.safetensors"
        if target.exists():
            continue
        # Read in order of length, so that a batch pads to its own longest pair and not to the
        # shard's (a third fewer pieces on the training examples, bench/padding.py), then put
        # back in place.
        shard = data[first : first + SHARD]
        order = [
            first + i for i in by_length(piece_counts(teacher_tokenizer, shard), range(len(shard)))
        ]
        parts = [
            teacher_targets(
                teacher,
                teacher_tokenizer,
                student_tokenizer,
                [data[i] for i in order[j : j + batch]],
                bf16,
            )
            for j in range(0, len(order), batch)
        ]
        rows = torch.tensor(order) - first
        tensors = {}
        for k, name in enumerate(("start", "end", "answerable")):
            read = torch.cat([part[k] for part in parts])
            tensors[name] = torch.empty_like(read).index_copy_(0, rows, read)
            tensors[name] = tensors[name].to(torch.float16).contiguous()
        partial = target.with_suffix(".part")
        save_file(tensors, str(partial))
        partial.replace(target)
    return out


class TeacherLogits:
    """The stored readings of a teacher, by example index."""

    def __init__(self, folder: Path, data: Sequence[Example]) -> None:
        import torch
        from safetensors.torch import load_file

        manifest = json.loads((folder / "manifest.json").read_text())
        if manifest["fingerprint"] != fingerprint(data):
            raise SystemExit(f"{folder} was computed for other examples (sources, seed?)")
        shards = [load_file(str(p)) for p in sorted(folder.glob("shard-*.safetensors"))]
        self.tensors = {k: torch.cat([s[k].float() for s in shards]) for k in shards[0]}
        if len(self.tensors["answerable"]) != len(data):
            raise SystemExit(f"{folder} is not complete: run `python -m training.distill` again")

    def of(self, indices: list[int], length: int) -> tuple[Any, Any, Any]:
        """(start, end, answerable) teacher logits of these examples, cut to `length` pieces."""
        return (
            self.tensors["start"][indices, :length],
            self.tensors["end"][indices, :length],
            self.tensors["answerable"][indices],
        )


def soft_loss(
    student: tuple[Any, Any, Any], teacher: tuple[Any, Any, Any], temperature: float
) -> Any:
    """How far the student's start, end and answerability are from the teacher's: KL divergence
    of the softened distributions (times T², so that its gradients keep their size) and the
    cross-entropy of the answerability against the teacher's probability."""
    import torch

    functional = torch.nn.functional
    loss = functional.binary_cross_entropy_with_logits(student[2], torch.sigmoid(teacher[2]))
    for ours, theirs in zip(student[:2], teacher[:2], strict=True):
        loss = loss + temperature**2 * functional.kl_div(
            functional.log_softmax(ours / temperature, dim=-1),
            functional.log_softmax(theirs / temperature, dim=-1),
            reduction="batchmean",
            log_target=True,
        )
    return loss


def main() -> None:
    from training.train_reader import DEFAULT_DATA, training_examples

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--teacher", type=Path, required=True, help="a reader folder")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sources", default="all")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--bf16", action="store_true", help="compute in bfloat16 (autocast)")
    args = parser.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    args.sources = args.sources.split(",")
    data = training_examples(args)
    student = load_tokenizer(READER_DIR)  # the shipped reader's: the student's shape
    print(compute(args.teacher, data, student, args.out, args.batch, args.bf16))


if __name__ == "__main__":
    main()

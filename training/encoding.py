"""Training examples as word pieces: question and window as the reader reads them, and the
answer's first and last token. The product never imports this module."""

from __future__ import annotations

from typing import Any

from assistant.reader import MAX_TOKENS, fit_question
from training.reader_data import Example


def tokenize(tokenizer: Any, batch: list[Example]) -> Any:
    """Question + window pairs as torch tensors, with each token's characters (offset_mapping),
    padded to the longest pair and cut to MAX_TOKENS from the window's end."""
    # A question longer than half the window is cut as the reader cuts it when answering (a
    # 300-word Reddit question left no room for its window, and the tokenizer refused).
    return tokenizer(
        [fit_question(tokenizer, e.question, MAX_TOKENS // 2) for e in batch],
        [e.window for e in batch],
        truncation="only_second",
        max_length=MAX_TOKENS,
        padding=True,
        return_offsets_mapping=True,
        return_tensors="pt",
    )


def encode(tokenizer: Any, batch: list[Example]) -> dict[str, Any]:
    """Token ids and the start/end token of each answer (0, the [CLS] token, when none)."""
    import torch

    encoded = tokenize(tokenizer, batch)
    offsets = encoded.pop("offset_mapping")
    starts, ends, answerable = [], [], []
    for row, example in enumerate(batch):
        first = last = 0
        if example.start is not None and example.end is not None:
            for token, side in enumerate(encoded.sequence_ids(row)):
                if side != 1:
                    continue
                low, high = (int(x) for x in offsets[row][token])
                if low <= example.start < high or (first == 0 and low >= example.start):
                    first = first or token
                if low < example.end:
                    last = token
            if first == 0 or last < first:
                first = last = 0  # the answer was cut off by truncation
        starts.append(first)
        ends.append(last)
        answerable.append(1.0 if first else 0.0)
    encoded["start"] = torch.tensor(starts)
    encoded["end"] = torch.tensor(ends)
    encoded["answerable"] = torch.tensor(answerable)
    return dict(encoded)


def piece_counts(tokenizer: Any, data: list[Example], batch: int = 512) -> list[int]:
    """How many word pieces each example is as the reader reads it (question + window, cut)."""
    counts: list[int] = []
    for first in range(0, len(data), batch):
        counts.extend(
            tokenize(tokenizer, data[first : first + batch])["attention_mask"].sum(1).tolist()
        )
    return counts

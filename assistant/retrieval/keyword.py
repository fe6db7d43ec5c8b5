"""BM25 over chunk texts (bm25s, with English stop words and Snowball stemming)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class KeywordIndex:
    """An in-memory BM25 index, rebuilt from the catalog whenever the index changes."""

    def __init__(self, ids: np.ndarray, texts: Sequence[str]) -> None:
        import bm25s
        import Stemmer

        self._bm25s = bm25s
        self._stemmer = Stemmer.Stemmer("english")
        self.ids = np.asarray(ids, dtype=np.int64)
        self._position = {int(chunk_id): i for i, chunk_id in enumerate(self.ids)}
        self._model = bm25s.BM25()
        if len(texts):
            tokens = bm25s.tokenize(
                list(texts), stopwords="en", stemmer=self._stemmer, show_progress=False
            )
            self._model.index(tokens, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for the query, aligned with `ids`."""
        if not len(self.ids):
            return np.zeros(0, dtype=np.float32)
        tokens = self._bm25s.tokenize(
            [query], stopwords="en", stemmer=self._stemmer, show_progress=False, return_ids=False
        )[0]
        if not tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._model.get_scores(tokens), dtype=np.float32)

    def search(
        self, query: str, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k best (chunk id, score) pairs with a positive score, among `allowed` when given."""
        return self.top(self.scores(query), k, allowed)

    def top(
        self, scores: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k best (chunk id, score) pairs of a `scores` array, among `allowed` when given."""
        if allowed is not None:
            mask = np.zeros(len(scores), dtype=bool)
            positions = [self._position[int(i)] for i in allowed if int(i) in self._position]
            mask[positions] = True
            scores = np.where(mask, scores, 0.0)
        if not len(scores):
            return []
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self.ids[i]), float(scores[i])) for i in top if scores[i] > 0]

    def score_of(self, scores: np.ndarray, chunk_id: int) -> float:
        """Look up one chunk's score in an array from `scores`."""
        position = self._position.get(chunk_id)
        return float(scores[position]) if position is not None else 0.0

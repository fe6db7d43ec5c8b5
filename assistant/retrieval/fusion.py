"""Fusing dense and keyword rankings, and diversifying the result (MMR)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


def reciprocal_rank_fusion(rankings: Sequence[Sequence[int]], k: int = 60) -> dict[int, float]:
    """Cormack et al.'s RRF: each list adds 1 / (k + rank) for the ids it ranks."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


def _min_max(scores: Mapping[int, float]) -> dict[int, float]:
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    span = high - low
    if span <= 0:
        return {item: 1.0 if high > 0 else 0.0 for item in scores}
    return {item: (score - low) / span for item, score in scores.items()}


def convex_fusion(
    dense: Mapping[int, float], keyword: Mapping[int, float], dense_weight: float
) -> dict[int, float]:
    """Weighted sum of min-max normalised scores; both mappings should cover the same ids."""
    dense_norm, keyword_norm = _min_max(dense), _min_max(keyword)
    items = set(dense) | set(keyword)
    return {
        item: dense_weight * dense_norm.get(item, 0.0)
        + (1.0 - dense_weight) * keyword_norm.get(item, 0.0)
        for item in items
    }


def maximal_marginal_relevance(
    ranked: Sequence[int], relevance: Mapping[int, float], vectors: np.ndarray, k: int, lam: float
) -> list[int]:
    """Pick k of `ranked` (rows of `vectors` in the same order), trading relevance for novelty."""
    if not ranked:
        return []
    rel = _min_max({item: relevance[item] for item in ranked})
    chosen: list[int] = []
    remaining = list(range(len(ranked)))
    similarity = vectors @ vectors.T
    while remaining and len(chosen) < k:

        def gain(i: int) -> float:
            redundancy = max((similarity[i, j] for j in chosen), default=0.0)
            return lam * rel[ranked[i]] - (1.0 - lam) * float(redundancy)

        best = max(remaining, key=gain)
        chosen.append(best)
        remaining.remove(best)
    return [ranked[i] for i in chosen]

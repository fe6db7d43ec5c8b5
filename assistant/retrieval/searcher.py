"""Hybrid search: dense + BM25, fused, optionally diversified, filtered by date and source."""

from __future__ import annotations

import math
import re
from dataclasses import replace

import numpy as np

from assistant.embedding import Embedder
from assistant.retrieval.fusion import (
    convex_fusion,
    maximal_marginal_relevance,
    reciprocal_rank_fusion,
)
from assistant.retrieval.hits import Hit, SearchFilters
from assistant.settings import Mode, Settings
from assistant.store import ChunkFilter, Store, StoredChunk

_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]?(?=\s)")


class HybridSearcher:
    """The one search implementation behind the Python API, the LangChain retriever and the CLI."""

    def __init__(self, index: Store, embedder: Embedder, settings: Settings) -> None:
        self.index = index
        self.embedder = embedder
        self.settings = settings

    def search(
        self,
        query: str,
        k: int | None = None,
        filters: SearchFilters | None = None,
        mode: Mode = "hybrid",
        mmr: bool | None = None,
        all_copies: bool | None = None,
        per_story: int = 1,
    ) -> list[Hit]:
        """The k best passages for `query`, best first: one article of each story and at most
        `per_story` of its passages, unless `all_copies`."""
        k = k or self.settings.search_k
        filters = filters or SearchFilters()
        use_mmr = self.settings.mmr if mmr is None else mmr
        collapse = not (self.settings.all_copies if all_copies is None else all_copies)
        if not query.strip():
            return []
        self.index.refresh()
        filters = self._without_idle_as_of(filters)
        query_vector = self.embedder.embed_query(query) if mode != "keyword" else None
        pool = max(self.settings.candidates, k * 4 if use_mmr else k)
        with self.index.lock:
            where = (
                ChunkFilter(
                    filters.published_after,
                    filters.published_before,
                    filters.sources,
                    filters.as_of,
                    filters.keep_undated,
                )
                if filters.active
                else None
            )
            dense: dict[int, float] = {}
            if query_vector is not None:
                dense = dict(self.index.dense_search(query_vector, pool, where))
            sparse: dict[int, float] = {}
            if mode != "dense":
                sparse = dict(self.index.keyword_search(query, pool, where))
            if mode == "dense":
                fused = dense
            elif mode == "keyword":
                fused = sparse
            else:
                fused = self._fuse(query, query_vector, dense, sparse)
            ranked = sorted(fused, key=lambda item: -fused[item])
            rows = self.index.chunks(ranked[: max(k * 8, 50)] if collapse else ranked[:k])
            if collapse:
                ranked = one_per_story(ranked, rows, fused, per_story)
            if use_mmr and ranked:
                window = ranked[: max(k * 4, 20)]
                vectors = self.index.exact_vectors(window)
                ranked = maximal_marginal_relevance(
                    window, fused, vectors, k, self.settings.mmr_lambda
                )
            top = ranked[:k]
            missing = [item for item in top if item not in rows]
            if missing:
                rows.update(self.index.chunks(missing))
            copies = self.index.copies([rows[i].story_id for i in top if i in rows])
        return [
            Hit(
                chunk_id=row.chunk_id,
                article_id=row.article_id,
                title=row.title,
                published=row.published,
                source=row.source,
                text=row.text,
                start=row.start,
                end=row.end,
                score=fused[row.chunk_id],
                page=row.page,
                story_id=row.story_id,
                also_in=tuple(
                    c for c in copies.get(row.story_id, []) if c.article_id != row.article_id
                ),
            )
            for row in (rows[item] for item in top if item in rows)
        ]

    def _without_idle_as_of(self, filters: SearchFilters) -> SearchFilters:
        """An as-of date on or after the newest article leaves nothing out: skip the filter."""
        if filters.as_of is None:
            return filters
        with self.index.lock:
            _, newest = self.index.published_range()
        if newest is None or newest <= filters.as_of:
            return replace(filters, as_of=None)
        return filters

    def widen(self, hits: list[Hit], reach: int = 1) -> list[Hit]:
        """The same hits, each widened to its neighbouring passages (for reading, not ranking)."""
        widened: list[Hit] = []
        with self.index.lock:
            for hit in hits:
                span = self.index.neighbour_span(hit.chunk_id, reach)
                text = self.index.article_text(hit.article_id)
                if span is None or text is None:
                    widened.append(hit)
                    continue
                start, end = span
                widened.append(replace(hit, start=start, end=end, text=text[start:end]))
        return widened

    def lead(self, hit: Hit, chars: int) -> Hit:
        """The opening of the hit's article (up to the last sentence end within `chars`), as a
        hit to read: a news article's lead tells its newest development."""
        with self.index.lock:
            text = self.index.article_text(hit.article_id)
        if text is None:
            return hit
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, chars)]
        end = ends[-1] if ends else min(len(text), chars)
        return replace(hit, start=0, end=end, text=text[:end])

    def _fuse(
        self,
        query: str,
        query_vector: np.ndarray | None,
        dense: dict[int, float],
        sparse: dict[int, float],
    ) -> dict[int, float]:
        if self.settings.fusion == "rrf":
            rankings = [
                sorted(dense, key=lambda i: -dense[i]),
                sorted(sparse, key=lambda i: -sparse[i]),
            ]
            return reciprocal_rank_fusion(rankings, self.settings.rrf_k)
        # Convex fusion needs both scores for every candidate: fill in the missing ones exactly.
        missing_dense = [item for item in sparse if item not in dense]
        if missing_dense and query_vector is not None:
            vectors = self.index.exact_vectors(missing_dense)
            dense = {
                **dense,
                **dict(zip(missing_dense, (vectors @ query_vector).tolist(), strict=True)),
            }
        missing_sparse = [item for item in dense if item not in sparse]
        if missing_sparse:
            sparse = {**sparse, **self.index.keyword_scores(query, missing_sparse)}
        return convex_fusion(dense, sparse, self.settings.dense_weight)


def one_per_story(
    ranked: list[int], rows: dict[int, StoredChunk], scores: dict[int, float], per_story: int = 1
) -> list[int]:
    """Rank order with each story's copies dropped: its passages come from one article, at most
    `per_story` of them. That article is the one of the story's best passage, or a newer copy
    whose passage has the same words (or the same score)."""
    best: dict[str, int] = {}
    for chunk_id in ranked:
        row = rows.get(chunk_id)
        if row is None:
            continue
        held = best.setdefault(row.story_id, chunk_id)
        first = rows[held]
        if held == chunk_id or not _newer(row, first):
            continue
        same = math.isclose(scores[chunk_id], scores[held], rel_tol=1e-6) or (
            " ".join(row.text.split()) == " ".join(first.text.split())
        )
        if same:
            best[row.story_id] = chunk_id
    kept: list[int] = []
    taken: dict[str, int] = {}
    for chunk_id in ranked:
        row = rows.get(chunk_id)
        if row is None:
            continue
        story = row.story_id
        if story not in taken:
            kept.append(best[story])  # the story enters at the rank of its best passage
            taken[story] = 1
        elif (
            chunk_id != best[story]
            and row.article_id == rows[best[story]].article_id
            and taken[story] < per_story
        ):
            kept.append(chunk_id)
            taken[story] += 1
    return kept


def _newer(row: StoredChunk, other: StoredChunk) -> bool:
    if row.published is None:
        return False
    return other.published is None or row.published > other.published

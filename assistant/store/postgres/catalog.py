"""The catalog's queries on PostgreSQL: the same SQL as the local catalog, with its own
vectors (pgvector), keywords (tsvector) and write lock (an advisory lock)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.chunking import indexed_text
from assistant.store.catalog import Catalog, IndexedArticle
from assistant.store.feeds import FeedBook
from assistant.store.postgres.connection import QmarkConnection, array_of, redacted
from assistant.store.postgres.keywords import tsvector_of
from assistant.store.postgres.schema import WRITE_LOCK
from assistant.store.stories import StoryBook


class PgCatalog(Catalog):
    """The catalog's queries on PostgreSQL; vectors, keywords and the write lock are its own."""

    def __init__(self, db: QmarkConnection, group_stories: bool = True) -> None:
        self.path = Path(redacted(db.url))
        self.group_stories = group_stories
        self._db = db
        self.stories = StoryBook(self._db, self.article_vectors)
        self.feeds = FeedBook(self._db)

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def _begin_write(self) -> None:
        self._db.execute("BEGIN")
        self._db.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))

    def _record_removed(self, chunk_ids: Sequence[int], generation: int) -> None:
        pass  # no cache of the passages to catch up: every search reads the tables

    def _insert_chunks(self, item: IndexedArticle) -> list[tuple[int, np.ndarray]]:
        rows = []
        for chunk, vector in zip(item.chunks, item.vectors, strict=True):
            terms, count = tsvector_of(indexed_text(item.article.title, chunk.ordinal, chunk.text))
            vector = np.ascontiguousarray(vector, dtype=np.float32)
            rows.append(
                (chunk.article_id, chunk.ordinal, chunk.start, chunk.end, chunk.page,
                 chunk.text, terms, count, vector)
            )  # fmt: skip
        if not rows:
            return []
        # One statement for the article's passages: the term-count triggers run once for it.
        values = ", ".join(["(?, ?, ?, ?, ?, ?, ?::tsvector, ?, ?)"] * len(rows))
        returned = self._db.execute(
            'INSERT INTO chunks (article_id, ordinal, start, "end", page, text, terms, nterms, '
            f"embedding) VALUES {values} RETURNING id, ordinal",
            [value for row in rows for value in row],
        ).fetchall()
        by_ordinal = {ordinal: int(chunk_id) for chunk_id, ordinal in returned}
        return [
            (by_ordinal[chunk.ordinal], vector)
            for chunk, vector in zip(item.chunks, item.vectors, strict=True)
        ]

    def vectors(self, chunk_ids: Sequence[int], dimension: int) -> np.ndarray:
        """The stored vectors of the given chunks, in the given order."""
        if not len(chunk_ids):
            return np.zeros((0, dimension), dtype=np.float32)
        wanted = [int(i) for i in chunk_ids]
        found = dict(
            self._db.execute("SELECT id, embedding FROM chunks WHERE id = ANY(?)", (wanted,))
        )
        return np.vstack([array_of(found[i]) for i in wanted])

    def article_vectors(self, article_id: str) -> np.ndarray:
        """The stored passage vectors of an article, in order (for story grouping)."""
        rows = self._db.execute(
            "SELECT embedding FROM chunks WHERE article_id = ? ORDER BY ordinal", (article_id,)
        ).fetchall()
        if not rows:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack([array_of(row[0]) for row in rows])

"""The catalog's passages: rows joined with their articles, filters, removals and vectors."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from assistant.store.catalog.articles import ArticleRecords
from assistant.store.catalog.records import ChunkFilter, StoredChunk, day, like_escaped


class PassageRecords(ArticleRecords):
    """Reads of passages and their vectors."""

    def chunks(self, chunk_ids: Sequence[int]) -> dict[int, StoredChunk]:
        """Chunks by id, joined with their article's title, date and source."""
        found: dict[int, StoredChunk] = {}
        for offset in range(0, len(chunk_ids), 500):
            batch = [int(i) for i in chunk_ids[offset : offset + 500]]
            marks = ",".join("?" * len(batch))
            rows = self._db.execute(
                "SELECT c.id, c.article_id, a.title, a.published, a.source, c.text, c.start, "
                "c.end, c.page, COALESCE(m.story_id, a.id) FROM chunks c "
                "JOIN articles a ON a.id = c.article_id "
                "LEFT JOIN story_members m ON m.article_id = a.id "
                f"WHERE c.id IN ({marks})",
                batch,
            )
            for r in rows:
                found[r[0]] = StoredChunk(
                    r[0], r[1], r[2], day(r[3]), r[4], r[5], r[6], r[7], r[8], r[9]
                )
        return found

    def chunk_ids_where(self, where: ChunkFilter) -> np.ndarray:
        """Ids of the chunks whose article the filter lets through."""
        condition, params = self.filter_sql(where)
        rows = self._db.execute(
            f"SELECT c.id FROM chunks c JOIN articles a ON a.id = c.article_id WHERE {condition}",
            params,
        )
        return np.fromiter((r[0] for r in rows), dtype=np.int64)

    @staticmethod
    def filter_sql(where: ChunkFilter | None) -> tuple[str, list[str]]:
        """The WHERE condition (on `articles a`) and its parameters for a filter (none: all)."""
        if where is None:
            return "1=1", []
        clauses: list[str] = []
        params: list[str] = []
        if where.not_after is not None:
            clauses.append("(a.published IS NULL OR a.published <= ?)")
            params.append(where.not_after.isoformat())
        undated = "a.published IS NULL OR " if where.keep_undated else ""
        if where.published_after is not None:
            clauses.append(f"({undated}a.published >= ?)")
            params.append(where.published_after.isoformat())
        if where.published_before is not None:
            clauses.append(f"({undated}a.published <= ?)")
            params.append(where.published_before.isoformat())
        if where.sources:
            clauses.append(
                "(" + " OR ".join("lower(a.source) LIKE ? ESCAPE '!'" for _ in where.sources) + ")"
            )
            params.extend(f"%{like_escaped(s.casefold())}%" for s in where.sources)
        return " AND ".join(clauses) or "1=1", params

    def neighbour_span(self, chunk_id: int, reach: int) -> tuple[int, int] | None:
        """[start, end) covering the chunk and up to `reach` chunks either side of it."""
        row = self._db.execute(
            'SELECT n.start, n."end" FROM chunks c JOIN chunks n ON n.article_id = c.article_id '
            "WHERE c.id = ? AND n.ordinal BETWEEN c.ordinal - ? AND c.ordinal + ?",
            (chunk_id, reach, reach),
        ).fetchall()
        if not row:
            return None
        return min(r[0] for r in row), max(r[1] for r in row)

    def iter_chunk_texts(self, after: int = 0) -> Iterator[tuple[int, str, int, str]]:
        """(chunk id, article title, chunk ordinal, chunk text) for every chunk above id `after`,
        in id order."""
        yield from self._db.execute(
            "SELECT c.id, a.title, c.ordinal, c.text FROM chunks c "
            "JOIN articles a ON a.id = c.article_id WHERE c.id > ? ORDER BY c.id",
            (after,),
        )

    def removed_since(self, generation: int, upto: int) -> list[int]:
        """Ids up to `upto` of the chunks removed by commits after `generation`."""
        rows = self._db.execute(
            "SELECT id FROM removed_chunks WHERE generation > ? AND id <= ?", (generation, upto)
        )
        return [row[0] for row in rows]

    def forget_removed(self, up_to_generation: int) -> None:
        """Drop the record of removals every cache has caught up with."""
        self._db.execute("DELETE FROM removed_chunks WHERE generation <= ?", (up_to_generation,))

    def max_chunk_id(self) -> int:
        """The highest chunk id ever given (ids are never reused)."""
        row = self._db.execute("SELECT seq FROM sqlite_sequence WHERE name='chunks'").fetchone()
        return int(row[0]) if row else 0

    def iter_vectors(
        self, dimension: int, after: int = 0, batch: int = 50_000
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(ids, vectors) of the chunks above id `after`, in id order, `batch` at a time."""
        while True:
            rows = self._db.execute(
                "SELECT id, vector FROM chunks WHERE id > ? ORDER BY id LIMIT ?", (after, batch)
            ).fetchall()
            if not rows:
                return
            ids = np.asarray([r[0] for r in rows], dtype=np.int64)
            blob = b"".join(r[1] for r in rows)
            yield ids, np.frombuffer(blob, dtype=np.float32).reshape(len(rows), dimension)
            after = int(ids[-1])

    def vector_sample(self, count: int, dimension: int) -> np.ndarray:
        """Up to `count` stored vectors picked at random (to train an IVF index)."""
        ids = np.fromiter((r[0] for r in self._db.execute("SELECT id FROM chunks")), np.int64)
        if len(ids) > count:
            ids = np.sort(np.random.default_rng(0).choice(ids, count, replace=False))
        parts = [
            self.vectors(ids[i : i + 500].tolist(), dimension) for i in range(0, len(ids), 500)
        ]
        return np.vstack(parts) if parts else np.zeros((0, dimension), dtype=np.float32)

    def article_vectors(self, article_id: str) -> np.ndarray:
        """The stored passage vectors of an article, in order (for story grouping)."""
        blobs = [
            row[0]
            for row in self._db.execute(
                "SELECT vector FROM chunks WHERE article_id=? ORDER BY ordinal", (article_id,)
            )
        ]
        if not blobs:
            return np.zeros((0, 0), dtype=np.float32)
        return np.frombuffer(b"".join(blobs), dtype=np.float32).reshape(len(blobs), -1)

    def vector_size(self) -> int | None:
        """Bytes of one stored vector (None when no chunk is stored)."""
        row = self._db.execute("SELECT length(vector) FROM chunks LIMIT 1").fetchone()
        return int(row[0]) if row else None

    def all_vectors(self, dimension: int) -> tuple[np.ndarray, np.ndarray]:
        """Every chunk id and vector, in id order (for exact comparisons in tests and benches)."""
        batches = list(self.iter_vectors(dimension))
        if not batches:
            return np.zeros(0, dtype=np.int64), np.zeros((0, dimension), dtype=np.float32)
        return np.concatenate([b[0] for b in batches]), np.vstack([b[1] for b in batches])

    def vectors(self, chunk_ids: Sequence[int], dimension: int) -> np.ndarray:
        """The stored vectors of the given chunks, in the given order."""
        if not len(chunk_ids):
            return np.zeros((0, dimension), dtype=np.float32)
        marks = ",".join("?" * len(chunk_ids))
        rows = dict(
            self._db.execute(
                f"SELECT id, vector FROM chunks WHERE id IN ({marks})", [int(i) for i in chunk_ids]
            ).fetchall()
        )
        blob = b"".join(rows[int(i)] for i in chunk_ids)
        return np.frombuffer(blob, dtype=np.float32).reshape(len(chunk_ids), dimension)

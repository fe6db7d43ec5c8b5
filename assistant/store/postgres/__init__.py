"""PostgreSQL + pgvector: the whole archive in one database, shared by any number of processes.

`PgStore` is here; `connection` (URLs, the one connection), `schema` (migrations, the manifest
row), `keywords` (tsvector and BM25 in SQL) and `catalog` (`PgCatalog`) hold its parts.

Articles, passages, files and stories sit in the tables of `migrations/`, the same rows as the
local catalog, and the catalog's own queries read and write them (`PgCatalog`). Passages carry a
pgvector column searched through an HNSW index, and a tsvector of the keyword analyzer's stems
(the same tantivy analyzer as the local store) under a GIN index; BM25 is computed in SQL from
term counts that triggers keep in step. Every read asks the database, so a process sees another
one's ingests and deletions at once; writers queue on one advisory lock, and an article two
ingests both bring is stored once.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from assistant.chunking import ChunkingParams
from assistant.store.base import CatalogReads, ChunkFilter
from assistant.store.catalog import Catalog, FileRecord, IndexedArticle
from assistant.store.catalog.records import now
from assistant.store.postgres.catalog import PgCatalog
from assistant.store.postgres.connection import (
    QmarkConnection,
    connect,
    create_database,
    redacted,
)
from assistant.store.postgres.keywords import (
    BM25,
    CANDIDATE_BUDGET,
    query_stems,
    quoted,
    tsvector_of,
)
from assistant.store.postgres.schema import (
    checked_manifest,
    latest_version,
    migrations,
    schema_version,
    upgrade,
)

_UPDATED = "updated_at"


class PgStore(CatalogReads):
    """The Store on PostgreSQL; thread-safe (one connection, one lock)."""

    catalog: PgCatalog

    def __init__(self, url: str, db: QmarkConnection, manifest: dict[str, Any], stories: bool):
        self.url = url
        self.db = db
        self.catalog = PgCatalog(db, stories)
        self.manifest = manifest
        self.lock = threading.RLock()

    @classmethod
    def open(
        cls,
        url: str,
        embedder_id: str,
        dimension: int,
        chunking: ChunkingParams,
        *,
        create: bool = True,
        stories: bool = True,
        ef_search: int = 100,
    ) -> PgStore:
        """Connect; create the schema in an empty database (unless `create=False`); refuse a
        database of another embedder or of an older schema (`newsdesk db upgrade`)."""
        conn = connect(url)
        try:
            manifest = checked_manifest(conn, url, embedder_id, dimension, chunking, create)
            # Vectors are registered only now: an empty database has no vector type before.
            db = QmarkConnection(url, ef_search, conn)
        except BaseException:
            conn.close()
            raise
        return cls(url, db, manifest, stories)

    @property
    def chunking(self) -> ChunkingParams:
        """The chunking the database was created with."""
        return ChunkingParams(**self.manifest["chunking"])

    @property
    def location(self) -> str:
        """The database URL, password hidden."""
        return redacted(self.url)

    def refresh(self) -> None:
        """Nothing to pick up: every read asks the database."""

    def apply(
        self,
        add: Sequence[IndexedArticle] = (),
        remove: Sequence[str] = (),
        files: Sequence[FileRecord] = (),
    ) -> set[str]:
        """Commit one change in one transaction (writers queue on an advisory lock); returns
        the ids of the articles this call stored."""
        with self.lock:
            stored = self.catalog.apply(add, remove, files)[3]
            self.catalog.set_meta(_UPDATED, now())
        return stored

    def dense_search(
        self, vector: np.ndarray, k: int, where: ChunkFilter | None = None
    ) -> list[tuple[int, float]]:
        """The k nearest passages through the HNSW index; a filter that leaves fewer than k of
        its candidates is searched exactly instead."""
        if k <= 0:
            return []
        query = np.ascontiguousarray(vector, dtype=np.float32)
        condition, params = Catalog.filter_sql(where)
        sql = (
            "SELECT c.id, -(c.embedding <#> ?) FROM chunks c "
            f"JOIN articles a ON a.id = c.article_id WHERE {condition} "
        )
        with self.lock:
            rows = self.db.execute(
                sql + "ORDER BY c.embedding <#> ? LIMIT ?", [query, *params, query, k]
            ).fetchall()
            if where is not None and len(rows) < k:
                rows = self.db.execute(
                    sql + "ORDER BY 2 DESC, c.id LIMIT ?", [query, *params, k]
                ).fetchall()
        return [(int(i), float(s)) for i, s in rows]

    def keyword_search(
        self, query: str, k: int, where: ChunkFilter | None = None
    ) -> list[tuple[int, float]]:
        """The k best BM25 matches; the GIN index finds the passages holding a query word."""
        if k <= 0:
            return []
        with self.lock:
            counts = self._passages_with(query_stems(query))
            if not counts:
                return []
            # Candidates are the passages holding the rarest query words, taken rarest first
            # while they fit the budget: a word in most passages (low IDF) adds little to any
            # score, and scoring all its passages would read most of the archive.
            rarest = sorted(counts, key=counts.__getitem__)
            match, total = [rarest[0]], counts[rarest[0]]
            for stem in rarest[1:]:
                if total + counts[stem] > CANDIDATE_BUDGET:
                    break
                match.append(stem)
                total += counts[stem]
            condition, params = Catalog.filter_sql(where)
            sql = BM25.format(match="c.terms @@ ?::tsquery", where=condition)
            matches = " | ".join(quoted(stem) for stem in match)
            stems = list(counts)
            rows = self.db.execute(sql, [stems, stems, matches, *params, k]).fetchall()
        return [(int(i), float(s)) for i, s in rows]

    def _passages_with(self, stems: list[str]) -> dict[str, int]:
        """How many passages hold each of these stems (those in none are left out)."""
        if not stems:
            return {}
        rows = self.db.execute(
            "SELECT lexeme, passages FROM term_counts WHERE lexeme = ANY(?) AND passages > 0",
            [stems],
        ).fetchall()
        return {str(lexeme): int(count) for lexeme, count in rows}

    def keyword_scores(self, query: str, chunk_ids: Sequence[int]) -> dict[int, float]:
        """BM25 scores of the given passages (0 where no query word occurs)."""
        scores = dict.fromkeys((int(i) for i in chunk_ids), 0.0)
        stems = query_stems(query)
        if not stems or not scores:
            return scores
        sql = BM25.format(match="c.id = ANY(?)", where="1=1")
        with self.lock:
            rows = self.db.execute(sql, [stems, stems, list(scores), len(scores)]).fetchall()
        scores.update((int(i), float(s)) for i, s in rows)
        return scores

    def exact_vectors(self, chunk_ids: Sequence[int]) -> np.ndarray:
        """The stored vectors of these passages."""
        with self.lock:
            return self.catalog.vectors(chunk_ids, int(self.manifest["dimension"]))

    def stats(self) -> dict[str, object]:
        """Counts, dates and how the database was built, for `newsdesk stats`."""
        with self.lock:
            low, high = self.catalog.published_range()
            counts = self.catalog.counts()
            return {
                "index_dir": None,
                "database": self.location,
                **counts,
                "stories": self.catalog.stories.count(),
                "published_from": low.isoformat() if low else None,
                "published_to": high.isoformat() if high else None,
                "embedder": self.manifest["embedder"],
                "dimension": self.manifest["dimension"],
                "schema_version": schema_version(self.db.conn),
                "chunking": self.manifest["chunking"],
                "vector_index": {"kind": "pgvector-hnsw", "size": counts["chunks"], "exact": 0},
                "keyword_index": {"engine": "postgresql", "size": counts["chunks"]},
                "created_at": self.manifest["created_at"],
                "updated_at": self.catalog.meta(_UPDATED) or self.manifest["created_at"],
            }

    def close(self) -> None:
        """Close the connection."""
        self.catalog.close()


__all__ = [
    "PgCatalog",
    "PgStore",
    "QmarkConnection",
    "connect",
    "create_database",
    "latest_version",
    "migrations",
    "redacted",
    "schema_version",
    "tsvector_of",
    "upgrade",
]

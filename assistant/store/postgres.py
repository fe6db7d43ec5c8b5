"""PostgreSQL + pgvector: the whole archive in one database, shared by any number of processes.

Articles, passages, files and stories sit in the tables of `migrations/`, the same rows as the
local catalog, and the catalog's own queries read and write them (`PgCatalog`). Passages carry a
pgvector column searched through an HNSW index, and a tsvector of the keyword analyzer's stems
(the same tantivy analyzer as the local store) under a GIN index; BM25 is computed in SQL from
term counts that triggers keep in step. Every read asks the database, so a process sees another
one's ingests and deletions at once; writers queue on one advisory lock, and an article two
ingests both bring is stored once.
"""

from __future__ import annotations

import functools
import json
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from assistant.chunking import ChunkingParams, indexed_text
from assistant.errors import IndexCorrupt, IndexMismatch, StoreUnavailable
from assistant.store.base import CatalogReads, ChunkFilter
from assistant.store.catalog import Catalog, FileRecord, IndexedArticle
from assistant.store.keywords import analyzer
from assistant.store.stories import StoryBook

MIGRATIONS = Path(__file__).parent / "migrations"
_WRITE_LOCK = 0x6E657773  # pg_advisory_xact_lock key: one writer at a time ("news")
_MIGRATE_LOCK = 0x6E657774
_MAX_POSITION = 16383  # PostgreSQL's largest tsvector position
_MAX_LEXEME_BYTES = 2046
_MANIFEST = "manifest"
_UPDATED = "updated_at"


def redacted(url: str) -> str:
    """The URL with its password hidden (for messages and stats)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def connect(url: str) -> Any:
    """An autocommit connection, or StoreUnavailable saying why there is none."""
    import psycopg

    try:
        return psycopg.connect(url, autocommit=True)
    except psycopg.Error as error:
        raise StoreUnavailable(
            f"cannot connect to the database at {redacted(url)}: {' '.join(str(error).split())}"
        ) from error


def create_database(server_url: str, name: str) -> str:
    """Create an empty database `name` on the server `server_url` reaches; returns its URL
    (the same URL with the database part replaced)."""
    with connect(server_url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


# --- migrations -------------------------------------------------------------------------
def migrations() -> list[tuple[int, str]]:
    """(version, file name) of every migration, in order."""
    found = []
    for path in sorted(MIGRATIONS.glob("*.sql")):
        found.append((int(path.name.split("_", 1)[0]), path.name))
    return found


def latest_version() -> int:
    """The schema version this newsdesk reads."""
    return migrations()[-1][0]


def schema_version(conn: Any) -> int:
    """The version of the newsdesk schema in the database (0: none yet)."""
    if conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def upgrade(conn: Any, dimension: int) -> list[str]:
    """Apply the migrations the database lacks, each in its own transaction; returns their
    names. Safe to run from several processes at once."""
    applied = []
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    for version, name in migrations():
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATE_LOCK,))
            if schema_version(conn) >= version:
                continue
            sql = (MIGRATIONS / name).read_text(encoding="utf-8")
            conn.execute(sql.replace("{dimension}", str(int(dimension))))
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (%s, %s, %s)",
                (version, name, _now()),
            )
            applied.append(name)
    return applied


# --- the keyword analyzer's stems as tsvector and tsquery --------------------------------
def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _stems(text: str) -> list[str]:
    return [s for s in analyzer().analyze(text) if len(s.encode()) <= _MAX_LEXEME_BYTES]


def tsvector_of(text: str) -> tuple[str, int]:
    """The tsvector literal of a passage's stems (with positions, so term frequency counts) and
    how many stems it has."""
    stems = _stems(text)
    positions: dict[str, list[int]] = defaultdict(list)
    for place, stem in enumerate(stems, start=1):
        positions[stem].append(min(place, _MAX_POSITION))
    literal = " ".join(
        f"{_quoted(stem)}:{','.join(map(str, sorted(set(places))[:256]))}"
        for stem, places in positions.items()
    )
    return literal, len(stems)


def query_stems(query: str) -> list[str]:
    """The distinct stems of a query."""
    return list(dict.fromkeys(_stems(query)))


@functools.lru_cache(maxsize=256)
def _percent_style(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


class QmarkConnection:
    """The store's one connection: takes the catalog's `?` placeholders, reconnects once the
    server is back after a restart, and reports a lost server as StoreUnavailable."""

    def __init__(self, url: str, ef_search: int, conn: Any = None) -> None:
        import psycopg

        self.url = url
        self.ef_search = ef_search
        self._lost = psycopg.OperationalError
        self._conn = self._session(conn)

    def _session(self, conn: Any = None) -> Any:
        """`conn` (or a new connection) set up for vectors and the HNSW search width."""
        conn = conn if conn is not None else connect(self.url)
        try:
            from pgvector.psycopg import register_vector

            register_vector(conn)
            conn.execute("SELECT set_config('hnsw.ef_search', %s, false)", (str(self.ef_search),))
        except BaseException:
            conn.close()
            raise
        return conn

    @property
    def conn(self) -> Any:
        """The live psycopg connection (a new one when the last was broken)."""
        if self._conn.broken:
            self._conn = self._session()
        return self._conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; returns its cursor."""
        try:
            return self.conn.execute(_percent_style(sql), params)
        except self._lost as error:
            raise StoreUnavailable(
                f"lost the database at {redacted(self.url)}: {' '.join(str(error).split())}"
            ) from error

    def executemany(self, sql: str, rows: Any) -> Any:
        """Run one statement for each row of parameters."""
        for row in rows:
            self.execute(sql, row)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()


class PgCatalog(Catalog):
    """The catalog's queries on PostgreSQL; vectors, keywords and the write lock are its own."""

    def __init__(self, db: QmarkConnection, group_stories: bool = True) -> None:
        self.path = Path(redacted(db.url))
        self.group_stories = group_stories
        self._db = db
        self.stories = StoryBook(self._db, self.article_vectors)

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def _begin_write(self) -> None:
        self._db.execute("BEGIN")
        self._db.execute("SELECT pg_advisory_xact_lock(?)", (_WRITE_LOCK,))

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
        return np.vstack([_array(found[i]) for i in wanted])

    def article_vectors(self, article_id: str) -> np.ndarray:
        """The stored passage vectors of an article, in order (for story grouping)."""
        rows = self._db.execute(
            "SELECT embedding FROM chunks WHERE article_id = ? ORDER BY ordinal", (article_id,)
        ).fetchall()
        if not rows:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack([_array(row[0]) for row in rows])


_BM25 = """
WITH q AS (
    SELECT t.lexeme, ln(1 + (tot.passages - t.passages + 0.5) / (t.passages + 0.5)) AS idf
    FROM term_counts t, keyword_totals tot
    WHERE t.lexeme = ANY(?) AND t.passages > 0),
dl AS (SELECT greatest(terms::float8 / greatest(passages, 1), 1) AS mean FROM keyword_totals)
SELECT c.id, sum(q.idf * u.tf * 2.2 / (u.tf + 1.2 * (0.25 + 0.75 * c.nterms / dl.mean)))
FROM chunks c JOIN articles a ON a.id = c.article_id CROSS JOIN dl
CROSS JOIN LATERAL (
    SELECT x.lexeme, array_length(x.positions, 1) AS tf
    FROM unnest(ts_filter(setweight(c.terms, 'A', ?), '{{a}}')) x) u
JOIN q ON q.lexeme = u.lexeme
WHERE {match} AND {where}
GROUP BY c.id ORDER BY 2 DESC, c.id LIMIT ?
"""  # Lucene's BM25 as tantivy computes it (k1 1.2, b 0.75); setweight + ts_filter cut each
# passage's tsvector down to the query's stems in C before they are unnested.
CANDIDATE_BUDGET = 10_000  # passages scored per query, at most (see keyword_search)


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
            manifest = _checked_manifest(conn, url, embedder_id, dimension, chunking, create)
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
            self.catalog.set_meta(_UPDATED, _now())
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
            sql = _BM25.format(match="c.terms @@ ?::tsquery", where=condition)
            matches = " | ".join(_quoted(stem) for stem in match)
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
        sql = _BM25.format(match="c.id = ANY(?)", where="1=1")
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


def _checked_manifest(
    conn: Any, url: str, embedder_id: str, dimension: int, chunking: ChunkingParams, create: bool
) -> dict[str, Any]:
    version, latest = schema_version(conn), latest_version()
    where = redacted(url)
    if version == 0:
        if not create:
            raise IndexCorrupt(
                f"no newsdesk archive in the database at {where}: run "
                f"`newsdesk ingest PATH --database-url {where}` (or `newsdesk db upgrade`) first"
            )
        upgrade(conn, dimension)
    elif version < latest:
        raise IndexMismatch(
            f"the database at {where} has newsdesk schema {version}, this newsdesk needs "
            f"{latest}: run `newsdesk db upgrade --database-url {where}`"
        )
    elif version > latest:
        raise IndexMismatch(
            f"the database at {where} has newsdesk schema {version}, newer than this newsdesk "
            f"reads ({latest}): upgrade newsdesk"
        )
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))
        row = conn.execute("SELECT value FROM meta WHERE key = %s", (_MANIFEST,)).fetchone()
        if row is None:
            manifest: dict[str, Any] = {
                "embedder": embedder_id,
                "dimension": dimension,
                "chunking": asdict(chunking),
                "created_at": _now(),
            }
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (%s, %s)", (_MANIFEST, json.dumps(manifest))
            )
        else:
            manifest = json.loads(row[0])
    if manifest["embedder"] != embedder_id or int(manifest["dimension"]) != dimension:
        raise IndexMismatch(
            f"the database at {where} was built with embedder {manifest['embedder']!r} "
            f"({manifest['dimension']} dimensions) but newsdesk is set to {embedder_id!r} "
            f"({dimension}): set NEWSDESK_EMBEDDER back, or use another database"
        )
    return manifest


def _array(value: Any) -> np.ndarray:
    """A pgvector value (a Vector, or an array when read as text) as float32."""
    found = value.to_numpy() if hasattr(value, "to_numpy") else value
    return np.asarray(found, dtype=np.float32)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

"""Articles, chunks (with their vectors), and the files they came from, in one SQLite database.

SQLite is the source of truth: one transaction per change, so a crash leaves the old state or the
new one. The FAISS file is a cache of the vectors stored here, stamped with `generation`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from assistant.articles import Article
from assistant.chunking import Chunk
from assistant.errors import IndexCorrupt
from assistant.store.stories import SCHEMA as STORY_SCHEMA
from assistant.store.stories import Copy, StoryBook

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, published TEXT, source TEXT NOT NULL,
    text TEXT NOT NULL, page_starts TEXT NOT NULL, added_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, page INTEGER,
    text TEXT NOT NULL, vector BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_by_article ON chunks(article_id);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, ingested_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS file_articles (
    path TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (path, article_id));
CREATE INDEX IF NOT EXISTS file_articles_by_article ON file_articles(article_id);
CREATE INDEX IF NOT EXISTS articles_by_published ON articles(published);
CREATE TABLE IF NOT EXISTS removed_chunks (id INTEGER PRIMARY KEY, generation INTEGER NOT NULL);
"""


@dataclass(frozen=True)
class ChunkFilter:
    """Which passages a search may return: inclusive published-date range and source substrings
    (undated articles drop out unless `keep_undated`), and `not_after` (later articles drop out,
    undated ones stay)."""

    published_after: date | None = None
    published_before: date | None = None
    sources: tuple[str, ...] = ()
    not_after: date | None = None
    keep_undated: bool = False


@dataclass(frozen=True)
class IndexedArticle:
    """An article ready to store: its chunks and one unit vector per chunk."""

    article: Article
    chunks: list[Chunk]
    vectors: np.ndarray


@dataclass(frozen=True)
class FileRecord:
    """An ingested file: its content hash and the articles it yielded.

    `complete=False` marks a batch of a file still being ingested: its articles are linked to the
    file but its hash is not recorded, so a run that is killed resumes where it stopped.
    """

    path: str
    sha256: str
    article_ids: tuple[str, ...]
    complete: bool = True


_STALE = ""  # the hash of a file that must be read again (partly ingested, or an article removed)


@dataclass(frozen=True)
class StoredChunk:
    """A chunk row joined with its article's metadata: everything a search hit shows."""

    chunk_id: int
    article_id: str
    title: str
    published: date | None
    source: str
    text: str
    start: int
    end: int
    page: int | None
    story_id: str = ""


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the library table."""

    id: str
    title: str
    published: date | None
    source: str
    chunks: int
    story_id: str = ""


def _like_escaped(text: str) -> str:
    """`text` matched literally inside a LIKE pattern (with ESCAPE '!')."""
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class Catalog:
    """The SQLite side of the index; not thread-safe alone: the owning index serialises calls.

    Its SQL is kept to what SQLite and PostgreSQL both run (`PgCatalog` reuses it through a
    connection that turns `?` into `%s`); what differs is in the hooks `_begin_write`,
    `_insert_chunks`, `vectors`, `article_vectors` and `_record_removed`.
    """

    def __init__(self, path: Path, group_stories: bool = True) -> None:
        self.path = path
        self.group_stories = group_stories
        self._db: Any = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA + STORY_SCHEMA)
            self._db.execute("SELECT COUNT(*) FROM articles").fetchone()
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise IndexCorrupt(
                f"{path} is not a readable newsdesk catalog ({error}); move it away and ingest "
                "your articles again"
            ) from error
        self.stories = StoryBook(self._db, self.article_vectors)
        if group_stories:
            self._group_ungrouped()

    def _group_ungrouped(self) -> None:
        """File articles stored before stories existed (or with grouping off) under stories."""
        if not self.stories.ungrouped():
            return
        self._begin_write()
        try:
            # Read again inside the write transaction: another process may have grouped them.
            for article_id in self.stories.ungrouped():
                text = self.article_text(article_id) or ""
                vectors = self.article_vectors(article_id)
                if len(vectors):
                    self.stories.join(article_id, text, vectors)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    # --- reads ---------------------------------------------------------------------------
    @property
    def generation(self) -> int:
        """Bumped by every committed change."""
        row = self._db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def meta(self, key: str) -> str | None:
        """A value of the meta table (the generation, a copy of the manifest)."""
        row = self._db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Store a value in the meta table (its own small transaction)."""
        self._db.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, value),
        )

    def _begin_write(self) -> None:
        """Start a write transaction that holds off every other writer."""
        self._db.execute("BEGIN IMMEDIATE")

    def article_files(self, article_id: str) -> list[str]:
        """Paths of the files an article came from."""
        rows = self._db.execute("SELECT path FROM file_articles WHERE article_id=?", (article_id,))
        return [row[0] for row in rows]

    def forget_file(self, path: str) -> None:
        """Drop a file that yields no article any more from the record."""
        self._db.execute("DELETE FROM files WHERE path=?", (path,))

    def file_hash(self, path: str) -> str | None:
        """The content hash recorded when `path` was last ingested."""
        row = self._db.execute("SELECT sha256 FROM files WHERE path=?", (path,)).fetchone()
        return row[0] if row else None

    def file_articles(self, path: str) -> set[str]:
        """Ids of the articles a file yielded when last ingested."""
        rows = self._db.execute("SELECT article_id FROM file_articles WHERE path=?", (path,))
        return {row[0] for row in rows}

    def has_article(self, article_id: str) -> bool:
        """Whether the article is stored."""
        row = self._db.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone()
        return row is not None

    def article(self, article_id: str) -> Article | None:
        """The stored article, or None."""
        row = self._db.execute(
            "SELECT id, title, text, published, source, page_starts FROM articles WHERE id=?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        return Article(row[0], row[1], row[2], _date(row[3]), row[4], tuple(json.loads(row[5])))

    def articles(self) -> list[ArticleSummary]:
        """Every article with its chunk count, newest first (unknown dates last)."""
        rows = self._db.execute(
            "SELECT a.id, a.title, a.published, a.source, "
            "(SELECT COUNT(*) FROM chunks c WHERE c.article_id = a.id), "
            "COALESCE(m.story_id, a.id) FROM articles a "
            "LEFT JOIN story_members m ON m.article_id = a.id "
            "ORDER BY a.published IS NULL, a.published DESC, a.title"
        )
        return [ArticleSummary(r[0], r[1], _date(r[2]), r[3], r[4], r[5]) for r in rows]

    def counts(self) -> dict[str, int]:
        """How many articles, chunks and files are stored."""
        one = self._db.execute
        return {
            "articles": one("SELECT COUNT(*) FROM articles").fetchone()[0],
            "chunks": one("SELECT COUNT(*) FROM chunks").fetchone()[0],
            "files": one("SELECT COUNT(*) FROM files").fetchone()[0],
        }

    def published_range(self) -> tuple[date | None, date | None]:
        """The earliest and latest known published dates."""
        low, high = self._db.execute(
            "SELECT MIN(published), MAX(published) FROM articles WHERE published IS NOT NULL"
        ).fetchone()
        return _date(low), _date(high)

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
                    r[0], r[1], r[2], _date(r[3]), r[4], r[5], r[6], r[7], r[8], r[9]
                )
        return found

    def copies(self, story_ids: Sequence[str]) -> dict[str, list[Copy]]:
        """Every article of each story, newest first."""
        members = self.stories.members(story_ids)
        wanted = [article for group in members.values() for article in group]
        info: dict[str, Copy] = {}
        for offset in range(0, len(wanted), 500):
            batch = wanted[offset : offset + 500]
            marks = ",".join("?" * len(batch))
            for r in self._db.execute(
                f"SELECT id, source, published, title FROM articles WHERE id IN ({marks})", batch
            ):
                info[r[0]] = Copy(r[0], r[1], _date(r[2]), r[3])
        return {
            story: sorted((info[a] for a in group if a in info), key=Copy.newest_first)
            for story, group in members.items()
        }

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
            params.extend(f"%{_like_escaped(s.casefold())}%" for s in where.sources)
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

    def article_text(self, article_id: str) -> str | None:
        """Just the text of an article."""
        row = self._db.execute("SELECT text FROM articles WHERE id=?", (article_id,)).fetchone()
        return row[0] if row else None

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

    # --- writes (one transaction) --------------------------------------------------------
    def apply(
        self,
        add: Sequence[IndexedArticle],
        remove: Sequence[str],
        files: Sequence[FileRecord],
    ) -> tuple[list[int], list[tuple[int, np.ndarray]], int, set[str]]:
        """Store new articles, drop removed ones and orphans, record files; all or nothing.

        An article another writer stored meanwhile is kept as it is. Returns (chunk ids removed,
        (chunk id, vector) of every chunk added, the new generation, ids of the articles this
        call stored).
        """
        db = self._db
        self._begin_write()
        try:
            complete = [record for record in files if record.complete]
            previously_linked: set[str] = set(remove)
            for record in complete:
                previously_linked |= self.file_articles(record.path)
            removed = self._delete_articles(remove)
            added: list[tuple[int, np.ndarray]] = []
            stored: set[str] = set()
            for item in add:
                if item.article.id in stored or self.has_article(item.article.id):
                    continue  # stored by another writer since this one read its files
                added.extend(self._insert(item))
                stored.add(item.article.id)
            for record in files:
                if record.complete:
                    db.execute("DELETE FROM file_articles WHERE path=?", (record.path,))
                    db.execute(
                        "INSERT INTO files(path, sha256, ingested_at) VALUES (?,?,?) "
                        "ON CONFLICT(path) DO UPDATE "
                        "SET sha256=excluded.sha256, ingested_at=excluded.ingested_at",
                        (record.path, record.sha256, _now()),
                    )
                else:
                    db.execute(
                        "INSERT INTO files(path, sha256, ingested_at) VALUES (?,?,?) "
                        "ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256",
                        (record.path, _STALE, _now()),
                    )
                db.executemany(
                    "INSERT INTO file_articles(path, article_id) "
                    "SELECT ?, id FROM articles WHERE id=? ON CONFLICT DO NOTHING",
                    [(record.path, article_id) for article_id in record.article_ids],
                )
            orphans = [
                article_id
                for article_id in previously_linked - set(remove)
                if db.execute(
                    "SELECT 1 FROM file_articles WHERE article_id=?", (article_id,)
                ).fetchone()
                is None
            ]
            removed.extend(self._delete_articles(orphans))
            generation = self.generation + 1
            db.execute(
                "INSERT INTO meta(key, value) VALUES ('generation', ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (str(generation),),
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return removed, added, generation, stored

    def _delete_articles(self, article_ids: Sequence[str]) -> list[int]:
        removed: list[int] = []
        stories = {self.stories.story_of(article_id) for article_id in article_ids}
        generation = self.generation + 1  # the one this transaction commits
        for article_id in article_ids:
            rows = self._db.execute("SELECT id FROM chunks WHERE article_id=?", (article_id,))
            ids = [row[0] for row in rows]
            removed.extend(ids)
            self._record_removed(ids, generation)
            # Mark its files stale, so that ingesting them again brings the article back; the
            # other articles of a file (a JSONL feed) keep their link to it.
            self._db.execute(
                "UPDATE files SET sha256=? WHERE path IN "
                "(SELECT path FROM file_articles WHERE article_id=?)",
                (_STALE, article_id),
            )
            self._db.execute("DELETE FROM articles WHERE id=?", (article_id,))
        self.stories.re_form(stories)
        return removed

    def _record_removed(self, chunk_ids: Sequence[int], generation: int) -> None:
        """Note removed chunks, so that the keyword and vector files (caches) catch up."""
        self._db.executemany(
            "INSERT INTO removed_chunks(id, generation) VALUES (?, ?) "
            "ON CONFLICT(id) DO UPDATE SET generation=excluded.generation",
            [(chunk_id, generation) for chunk_id in chunk_ids],
        )

    def _insert(self, item: IndexedArticle) -> list[tuple[int, np.ndarray]]:
        article = item.article
        self._db.execute(
            "INSERT INTO articles(id, title, published, source, text, page_starts, added_at) "
            "VALUES (?,?,?,?,?,?,?)",
            (
                article.id,
                article.title,
                article.published.isoformat() if article.published else None,
                article.source,
                article.text,
                json.dumps(list(article.page_starts)),
                _now(),
            ),
        )
        ids = self._insert_chunks(item)
        if self.group_stories and len(item.vectors):
            self.stories.join(article.id, article.text, item.vectors)
        return ids

    def _insert_chunks(self, item: IndexedArticle) -> list[tuple[int, np.ndarray]]:
        ids: list[tuple[int, np.ndarray]] = []
        for chunk, vector in zip(item.chunks, item.vectors, strict=True):
            cursor = self._db.execute(
                'INSERT INTO chunks(article_id, ordinal, start, "end", page, text, vector) '
                "VALUES (?,?,?,?,?,?,?)",
                (
                    chunk.article_id,
                    chunk.ordinal,
                    chunk.start,
                    chunk.end,
                    chunk.page,
                    chunk.text,
                    np.ascontiguousarray(vector, dtype=np.float32).tobytes(),
                ),
            )
            assert cursor.lastrowid is not None
            ids.append((cursor.lastrowid, vector))
        return ids

"""Articles, chunks (with their vectors), and the files they came from, in one SQLite database.

By what it keeps: `records` (the rows handed in and out), `articles` (articles, files, meta),
`passages` (passages and vectors), `writes` (the one transaction that changes them); stories are
`assistant.store.stories`.

SQLite is the source of truth: one transaction per change, so a crash leaves the old state or the
new one. The FAISS file is a cache of the vectors stored here, stamped with `generation`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from assistant.errors import IndexCorrupt
from assistant.store.catalog.records import (
    ArticleSummary,
    ChunkFilter,
    FileRecord,
    IndexedArticle,
    StoredChunk,
)
from assistant.store.catalog.writes import CatalogWrites
from assistant.store.feeds import SCHEMA as FEED_SCHEMA
from assistant.store.feeds import FeedBook
from assistant.store.stories import SCHEMA as STORY_SCHEMA
from assistant.store.stories import StoryBook

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


class Catalog(CatalogWrites):
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
            self._db.executescript(_SCHEMA + STORY_SCHEMA + FEED_SCHEMA)
            self._db.execute("SELECT COUNT(*) FROM articles").fetchone()
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise IndexCorrupt(
                f"{path} is not a readable newsdesk catalog ({error}); move it away and ingest "
                "your articles again"
            ) from error
        self.stories = StoryBook(self._db, self.article_vectors)
        self.feeds = FeedBook(self._db)
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


__all__ = [
    "ArticleSummary",
    "Catalog",
    "ChunkFilter",
    "FileRecord",
    "IndexedArticle",
    "StoredChunk",
]

"""`Store`: what search, ingest and the app need from where articles are kept.

Two stores implement it: `NewsIndex` (an index folder: SQLite, tantivy, FAISS) and `PgStore`
(one PostgreSQL database with pgvector). `open_store` picks one from the settings; nothing above
this package knows which it holds.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from typing import Protocol

import numpy as np

from assistant.articles import Article
from assistant.chunking import ChunkingParams
from assistant.store.catalog import (
    ArticleSummary,
    Catalog,
    ChunkFilter,
    FileRecord,
    IndexedArticle,
    StoredChunk,
)
from assistant.store.feeds import FeedBook
from assistant.store.stories import Copy


class Store(Protocol):
    """Articles, their passages with vectors and keywords, the files they came from, stories."""

    lock: threading.RLock  # held around a group of reads that must agree

    @property
    def chunking(self) -> ChunkingParams:
        """The chunking every ingest into this store uses."""
        ...

    @property
    def location(self) -> str:
        """Where the store is, for messages (a folder, or a database URL without password)."""
        ...

    def refresh(self) -> None:
        """Pick up what other processes committed."""

    def apply(
        self,
        add: Sequence[IndexedArticle] = (),
        remove: Sequence[str] = (),
        files: Sequence[FileRecord] = (),
    ) -> set[str]:
        """Commit one change, all or nothing: articles added (one another writer stored
        meanwhile is kept as it is), removed, files recorded (articles no file links any more
        are removed). Returns the ids of the articles this call stored."""

    # --- search ------------------------------------------------------------------------
    def dense_search(
        self, vector: np.ndarray, k: int, where: ChunkFilter | None = None
    ) -> list[tuple[int, float]]:
        """(chunk id, inner product) of the k passages nearest to a unit vector, best first."""
        ...

    def keyword_search(
        self, query: str, k: int, where: ChunkFilter | None = None
    ) -> list[tuple[int, float]]:
        """(chunk id, BM25 score) of the k best keyword matches, best first."""
        ...

    def keyword_scores(self, query: str, chunk_ids: Sequence[int]) -> dict[int, float]:
        """BM25 scores of the given passages (0 for those that match no word)."""
        ...

    def exact_vectors(self, chunk_ids: Sequence[int]) -> np.ndarray:
        """The stored vectors of these passages, in the given order."""
        ...

    # --- reads -------------------------------------------------------------------------
    def chunks(self, chunk_ids: Sequence[int]) -> dict[int, StoredChunk]:
        """Passages by id, with their article's title, date, source and story."""
        ...

    def copies(self, story_ids: Sequence[str]) -> dict[str, list[Copy]]:
        """Every article of each story, newest first."""
        ...

    def published_range(self) -> tuple[date | None, date | None]:
        """The earliest and latest known published dates."""
        ...

    def neighbour_span(self, chunk_id: int, reach: int) -> tuple[int, int] | None:
        """[start, end) of the passage and up to `reach` passages either side of it."""
        ...

    def article(self, article_id: str) -> Article | None:
        """A stored article, or None."""
        ...

    def article_text(self, article_id: str) -> str | None:
        """Just the text of an article."""
        ...

    def has_article(self, article_id: str) -> bool:
        """Whether the article is stored."""
        ...

    def articles(self) -> list[ArticleSummary]:
        """Every article with its passage count, newest first."""
        ...

    def file_hash(self, path: str) -> str | None:
        """The content hash recorded when `path` was last ingested."""
        ...

    def file_articles(self, path: str) -> set[str]:
        """Ids of the articles a file yielded."""
        ...

    def article_files(self, article_id: str) -> list[str]:
        """Paths of the files an article came from."""
        ...

    def forget_file(self, path: str) -> None:
        """Drop a file that yields no article any more from the record."""

    @property
    def feeds(self) -> FeedBook:
        """Followed feeds and fetched pages' validators (call under the store's lock)."""
        ...

    def stats(self) -> dict[str, object]:
        """Counts, dates and how the store was built, for `newsdesk stats`."""
        ...

    def close(self) -> None:
        """Release connections and files."""


class CatalogReads:
    """The reads both stores answer from their catalog (SQLite's, or `PgCatalog`)."""

    catalog: Catalog

    def chunks(self, chunk_ids: Sequence[int]) -> dict[int, StoredChunk]:
        """Chunks by id with their article's metadata."""
        return self.catalog.chunks(chunk_ids)

    def copies(self, story_ids: Sequence[str]) -> dict[str, list[Copy]]:
        """Every article of each story, newest first."""
        return self.catalog.copies(story_ids)

    def published_range(self) -> tuple[date | None, date | None]:
        """The earliest and latest known published dates."""
        return self.catalog.published_range()

    def neighbour_span(self, chunk_id: int, reach: int) -> tuple[int, int] | None:
        """[start, end) of a chunk and its neighbours."""
        return self.catalog.neighbour_span(chunk_id, reach)

    def article(self, article_id: str) -> Article | None:
        """A stored article, or None."""
        return self.catalog.article(article_id)

    def article_text(self, article_id: str) -> str | None:
        """Just the text of an article."""
        return self.catalog.article_text(article_id)

    def has_article(self, article_id: str) -> bool:
        """Whether the article is stored."""
        return self.catalog.has_article(article_id)

    def articles(self) -> list[ArticleSummary]:
        """Every article, newest first."""
        return self.catalog.articles()

    def file_hash(self, path: str) -> str | None:
        """The content hash recorded for a file."""
        return self.catalog.file_hash(path)

    def file_articles(self, path: str) -> set[str]:
        """Ids of the articles a file yielded."""
        return self.catalog.file_articles(path)

    def article_files(self, article_id: str) -> list[str]:
        """Paths of the files an article came from."""
        return self.catalog.article_files(article_id)

    def forget_file(self, path: str) -> None:
        """Drop a file that yields no article any more."""
        self.catalog.forget_file(path)

    @property
    def feeds(self) -> FeedBook:
        """Followed feeds and fetched pages' validators (call under the store's lock)."""
        return self.catalog.feeds

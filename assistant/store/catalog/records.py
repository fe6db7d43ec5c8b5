"""The rows the catalog keeps and hands out: what to store, what a search reads, filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import numpy as np

from assistant.articles import Article
from assistant.chunking import Chunk


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


STALE = ""  # the hash of a file that must be read again (partly ingested, or an article removed)


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


def like_escaped(text: str) -> str:
    """`text` matched literally inside a LIKE pattern (with ESCAPE '!')."""
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def now() -> str:
    """The time now, as the catalog records it (UTC, ISO 8601, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def day(value: str | None) -> date | None:
    """A stored ISO date, or None."""
    return date.fromisoformat(value) if value else None

"""Followed feeds and the validators of fetched pages, kept in the store (both stores: the SQL is
what SQLite and PostgreSQL both run), so every process sees the same feeds.

A refresh first claims its feed for a while (`claim`: one UPDATE that succeeds for one process
only), so two processes never fetch the same feed at once; `finish` records how it went and lets
go. `pages` keeps each fetched article's ETag / Last-Modified for conditional GETs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from assistant.store.catalog.records import now

SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY, title TEXT NOT NULL, added_at TEXT NOT NULL,
    refreshed_at TEXT, error TEXT, articles INTEGER NOT NULL DEFAULT 0,
    etag TEXT, last_modified TEXT, claimed_by TEXT, claimed_until DOUBLE PRECISION);
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, fetched_at TEXT NOT NULL);
"""


@dataclass(frozen=True)
class FeedState:
    """One followed feed: when it was last refreshed, what it brought, what went wrong."""

    url: str
    title: str
    added_at: str
    refreshed_at: str | None
    error: str | None
    articles: int
    etag: str | None = None
    last_modified: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`newsdesk feeds --json`, `GET /api/v1/feeds`)."""
        return {
            "url": self.url,
            "title": self.title,
            "added_at": self.added_at,
            "refreshed_at": self.refreshed_at,
            "articles": self.articles,
            "error": self.error,
        }


_COLUMNS = "url, title, added_at, refreshed_at, error, articles, etag, last_modified"


class FeedBook:
    """The feed and page tables over one connection (the owning store serialises calls)."""

    def __init__(self, db: Any) -> None:
        self._db = db

    def add(self, url: str, title: str) -> bool:
        """Follow a feed; False when it is followed already."""
        if self.get(url) is not None:
            return False
        self._db.execute(
            "INSERT INTO feeds (url, title, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (url, title, now()),
        )
        return True

    def remove(self, url: str) -> bool:
        """Stop following a feed (its articles stay); False when it was not followed."""
        return bool(self._db.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount)

    def get(self, url: str) -> FeedState | None:
        """One feed's state, or None."""
        row = self._db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", (url,)).fetchone()
        return FeedState(*row) if row else None

    def all(self) -> list[FeedState]:
        """Every followed feed, in the order they were added."""
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM feeds ORDER BY added_at, url")
        return [FeedState(*row) for row in rows.fetchall()]

    def claim(self, url: str, owner: str, seconds: float) -> bool:
        """Take the feed for `seconds` unless another process holds it; True when taken."""
        moment = time.time()
        taken = self._db.execute(
            "UPDATE feeds SET claimed_by = ?, claimed_until = ? WHERE url = ? AND "
            "(claimed_until IS NULL OR claimed_until < ? OR claimed_by = ?)",
            (owner, moment + seconds, url, moment, owner),
        )
        return bool(taken.rowcount)

    def finish(
        self,
        url: str,
        owner: str,
        *,
        title: str | None,
        error: str | None,
        added: int,
        etag: str | None,
        last_modified: str | None,
    ) -> None:
        """Record a refresh (`added`: articles it added) and let the feed go."""
        self._db.execute(
            "UPDATE feeds SET title = COALESCE(?, title), refreshed_at = ?, error = ?, "
            "articles = articles + ?, etag = COALESCE(?, etag), "
            "last_modified = COALESCE(?, last_modified), claimed_by = NULL, "
            "claimed_until = NULL WHERE url = ? AND claimed_by = ?",
            (title, now(), error, added, etag, last_modified, url, owner),
        )

    def page(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified a page was last fetched with."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM pages WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def remember_page(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Keep a fetched page's validators for the next conditional GET."""
        self._db.execute(
            "INSERT INTO pages (url, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, fetched_at = excluded.fetched_at",
            (url, etag, last_modified, now()),
        )

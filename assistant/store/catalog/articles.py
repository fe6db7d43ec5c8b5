"""The catalog's articles and files, and its meta table (generation, manifest copy)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from assistant.articles import Article
from assistant.store.catalog.records import ArticleSummary, day
from assistant.store.stories import Copy, StoryBook


class ArticleRecords:
    """Reads of articles, files and meta values over one database connection (`_db`)."""

    path: Path
    group_stories: bool
    stories: StoryBook
    _db: Any

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

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
        return Article(row[0], row[1], row[2], day(row[3]), row[4], tuple(json.loads(row[5])))

    def articles(self) -> list[ArticleSummary]:
        """Every article with its chunk count, newest first (unknown dates last)."""
        rows = self._db.execute(
            "SELECT a.id, a.title, a.published, a.source, "
            "(SELECT COUNT(*) FROM chunks c WHERE c.article_id = a.id), "
            "COALESCE(m.story_id, a.id) FROM articles a "
            "LEFT JOIN story_members m ON m.article_id = a.id "
            "ORDER BY a.published IS NULL, a.published DESC, a.title"
        )
        return [ArticleSummary(r[0], r[1], day(r[2]), r[3], r[4], r[5]) for r in rows]

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
        return day(low), day(high)

    def article_text(self, article_id: str) -> str | None:
        """Just the text of an article."""
        row = self._db.execute("SELECT text FROM articles WHERE id=?", (article_id,)).fetchone()
        return row[0] if row else None

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
                info[r[0]] = Copy(r[0], r[1], day(r[2]), r[3])
        return {
            story: sorted((info[a] for a in group if a in info), key=Copy.newest_first)
            for story, group in members.items()
        }

"""What a search returns, and the filters it takes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from assistant.store import Copy
from assistant.uploads import json_source


@dataclass(frozen=True)
class SearchFilters:
    """Published-date range (inclusive; undated articles drop out), source substrings, and the
    as-of date (articles published after it are left out; undated ones stay)."""

    published_after: date | None = None
    published_before: date | None = None
    sources: tuple[str, ...] = ()
    as_of: date | None = None
    keep_undated: bool = False  # undated articles pass the date range (a question's own range)

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return bool(self.published_after or self.published_before or self.sources or self.as_of)


@dataclass(frozen=True)
class Hit:
    """One retrieved passage: `text == article.text[start:end]`."""

    chunk_id: int
    article_id: str
    title: str
    published: date | None
    source: str
    text: str
    start: int
    end: int
    score: float
    page: int | None = None
    story_id: str = ""
    also_in: tuple[Copy, ...] = ()  # the story's other articles, newest first

    def at(self, start: int, end: int) -> str:
        """The passage's text between two article offsets."""
        return self.text[start - self.start : end - self.start]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form shared by the CLI, the Python API and the web API."""
        return {
            "article_id": self.article_id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            **json_source(self.source),
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 6),
            "page": self.page,
            "chunk_id": self.chunk_id,
            "story_id": self.story_id or self.article_id,
            "also_in": [copy.to_dict() for copy in self.also_in],
        }

"""An article once read: clean text, a title, a published date (or None), where it came from."""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class RawDocument:
    """A loader's output before cleaning: pages of text plus whatever metadata the format holds."""

    pages: list[str]
    source: str
    title: str | None = None
    published: date | None = None
    source_hint: str | None = None  # e.g. "html", "pdf": lets cleaning know what it reads


@dataclass(frozen=True)
class Article:
    """A cleaned article. Every offset elsewhere (chunks, citations) indexes into `text`."""

    id: str
    title: str
    text: str
    published: date | None
    source: str
    page_starts: tuple[int, ...] = field(default=())

    def page_at(self, offset: int) -> int | None:
        """1-based page holding character `offset`, or None for formats without pages."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)


_SPACE = re.compile(r"\s+")


def article_id_for(text: str) -> str:
    """Stable id from the content alone, so one article found under two paths is stored once."""
    normal = _SPACE.sub(" ", text).strip().casefold()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]

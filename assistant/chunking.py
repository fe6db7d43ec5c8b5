"""Article → chunks: whole sentences packed up to the model's window, overlapping by sentences."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.articles import Article
from assistant.sentences import Span, split_sentences

TokenCounter = Callable[[Sequence[str]], list[int]]
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Chunk:
    """A passage of an article; `text == article.text[start:end]`."""

    article_id: str
    ordinal: int
    start: int
    end: int
    page: int | None
    text: str


@dataclass(frozen=True)
class ChunkingParams:
    """Recorded in the index manifest: an index is chunked one way throughout."""

    max_tokens: int = 200
    overlap_tokens: int = 40
    splitter: str = "blingfire-lines"


class Chunker:
    """Packs sentences greedily; a sentence longer than the window is cut between words."""

    def __init__(self, params: ChunkingParams, count_tokens: TokenCounter) -> None:
        self.params = params
        self._count_tokens = count_tokens

    def _units(self, text: str) -> tuple[list[Span], list[int]]:
        spans = split_sentences(text)
        tokens = self._count_tokens([text[s.start : s.end] for s in spans])
        units: list[Span] = []
        unit_tokens: list[int] = []
        for span, count in zip(spans, tokens, strict=True):
            if count <= self.params.max_tokens:
                units.append(span)
                unit_tokens.append(count)
                continue
            words = list(_WORD.finditer(text, span.start, span.end))
            per_piece = max(1, int(len(words) * self.params.max_tokens / count * 0.8))
            pieces = [words[i : i + per_piece] for i in range(0, len(words), per_piece)]
            units.extend(Span(piece[0].start(), piece[-1].end()) for piece in pieces)
            new_units = units[len(unit_tokens) :]
            unit_tokens.extend(self._count_tokens([text[u.start : u.end] for u in new_units]))
        return units, unit_tokens

    def chunk(self, article: Article) -> list[Chunk]:
        """Split one article into chunks with exact character offsets."""
        units, tokens = self._units(article.text)
        chunks: list[Chunk] = []
        first = 0
        while first < len(units):
            last, total = first, 0
            limit = self.params.max_tokens
            while last < len(units) and (last == first or total + tokens[last] <= limit):
                total += tokens[last]
                last += 1
            start, end = units[first].start, units[last - 1].end
            page = article.page_at(start)
            chunks.append(Chunk(article.id, len(chunks), start, end, page, article.text[start:end]))
            if last >= len(units):
                break
            resume, overlap = last, 0
            while resume - 1 > first and overlap + tokens[resume - 1] <= self.params.overlap_tokens:
                resume -= 1
                overlap += tokens[resume]
            first = resume
        return chunks


def indexed_text(title: str, ordinal: int, text: str) -> str:
    """What the retrievers read for a chunk: the title gives context to passages past the first."""
    if ordinal == 0 or text.startswith(title.rstrip("…")):
        return text
    return f"{title}\n{text}"

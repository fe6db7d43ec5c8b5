"""Files and folders → articles → chunks → vectors → the index, incrementally and atomically."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
from tqdm.auto import tqdm

from assistant.articles import Article, read_articles
from assistant.chunking import Chunk, Chunker, indexed_text
from assistant.embedding import Embedder
from assistant.errors import UnreadableInput
from assistant.store import FileRecord, IndexedArticle, NewsIndex

Status = Literal["added", "updated", "unchanged", "failed"]
_COMMIT_CHUNKS = 512  # chunks embedded per committed transaction
_NESTED_BAR_ARTICLES = 200


@dataclass
class FileOutcome:
    """What happened to one input file (or one JSONL line, for failures)."""

    path: str
    status: Status
    articles: int = 0
    detail: str = ""


@dataclass
class IngestReport:
    """Per-file outcomes and totals of one ingest run."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    chunks_added: int = 0

    def by_status(self, status: Status) -> list[FileOutcome]:
        """The outcomes with one status."""
        return [o for o in self.outcomes if o.status == status]

    @property
    def failed(self) -> list[FileOutcome]:
        """Files or lines that were skipped, each with its reason."""
        return self.by_status("failed")

    def summary(self) -> dict[str, int]:
        """Counts per status, plus chunks added."""
        counts = {s: len(self.by_status(s)) for s in ("added", "updated", "unchanged", "failed")}
        return {**counts, "chunks_added": self.chunks_added}

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            **self.summary(),
            "files": [o.__dict__ for o in self.outcomes],
        }


@dataclass
class _Pending:
    record: FileRecord
    outcome: FileOutcome
    new: list[tuple[Article, list[Chunk]]]


def expand_paths(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Every file named or inside a named folder (hidden ones skipped); an error if missing."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    yield child, None
        elif path.is_file():
            yield path, None
        else:
            yield path, "no such file or folder"


class Ingestor:
    """Adds, updates and skips articles; one bad file never stops the batch."""

    def __init__(self, index: NewsIndex, embedder: Embedder, batch_size: int = 32) -> None:
        self.index = index
        self.embedder = embedder
        self.batch_size = batch_size
        self.chunker = Chunker(index.chunking, embedder.count_tokens)

    def ingest(self, paths: Sequence[Path], progress: bool = True) -> IngestReport:
        """Ingest files and folders; see IngestReport for what happened to each."""
        report = IngestReport()
        files = list(expand_paths(paths))
        pending: list[_Pending] = []
        queued: set[str] = set()
        for path, missing in tqdm(files, desc="Reading", unit="file", disable=not progress):
            if missing:
                report.outcomes.append(FileOutcome(str(path), "failed", detail=missing))
                continue
            item = self._read(path, queued, report, progress)
            if item is not None:
                pending.append(item)
        total = sum(len(chunks) for item in pending for _, chunks in item.new)
        with tqdm(total=total, desc="Embedding", unit="chunk", disable=not progress) as bar:
            for group in _groups(pending):
                report.chunks_added += self._commit(group, bar)
        return report

    def _read(
        self, path: Path, queued: set[str], report: IngestReport, progress: bool
    ) -> _Pending | None:
        key = str(path.resolve())
        try:
            data = path.read_bytes()
        except OSError as error:
            report.outcomes.append(FileOutcome(key, "failed", detail=f"cannot read: {error}"))
            return None
        digest = hashlib.sha256(data).hexdigest()
        known = self.index.catalog.file_hash(key)
        if known == digest:
            articles = len(self.index.catalog.file_articles(key))
            report.outcomes.append(FileOutcome(key, "unchanged", articles))
            return None
        try:
            result = read_articles(Path(key), data)
        except UnreadableInput as error:
            report.outcomes.append(FileOutcome(key, "failed", detail=str(error)))
            return None
        for location, reason in result.failures:
            report.outcomes.append(FileOutcome(location, "failed", detail=reason))
        new: list[tuple[Article, list[Chunk]]] = []
        many = len(result.articles) >= _NESTED_BAR_ARTICLES  # a news feed in one JSONL file
        articles = tqdm(
            result.articles, desc="Chunking", unit="article", leave=False,
            disable=not (progress and many),
        )  # fmt: skip
        for article in articles:
            if article.id in queued or self.index.catalog.has_article(article.id):
                continue
            queued.add(article.id)
            new.append((article, self.chunker.chunk(article)))
        ids = tuple(dict.fromkeys(a.id for a in result.articles))
        if not ids:
            return None
        status: Status = "updated" if known is not None else "added"
        detail = ""
        if not new and known is None:
            status, detail = "unchanged", "already stored (same article under another path)"
        outcome = FileOutcome(key, status, len(ids), detail)
        report.outcomes.append(outcome)
        return _Pending(FileRecord(key, digest, ids), outcome, new)

    def _commit(self, group: list[_Pending], bar: tqdm) -> int:
        articles = [pair for item in group for pair in item.new]
        texts = [indexed_text(a.title, c.ordinal, c.text) for a, chunks in articles for c in chunks]
        parts: list[np.ndarray] = []
        step = self.batch_size * 4
        for first in range(0, len(texts), step):
            parts.append(
                self.embedder.embed_documents(texts[first : first + step], self.batch_size)
            )
            bar.update(min(step, len(texts) - first))
        matrix = np.vstack(parts) if parts else np.zeros((0, self.embedder.dimension), np.float32)
        indexed, row = [], 0
        for article, chunks in articles:
            indexed.append(IndexedArticle(article, chunks, matrix[row : row + len(chunks)]))
            row += len(chunks)
        self.index.apply(add=indexed, files=[item.record for item in group])
        return len(texts)


def _groups(pending: list[_Pending]) -> Iterator[list[_Pending]]:
    """Consecutive files holding about _COMMIT_CHUNKS chunks: each group is one transaction."""
    group: list[_Pending] = []
    size = 0
    for item in pending:
        group.append(item)
        size += sum(len(chunks) for _, chunks in item.new)
        if size >= _COMMIT_CHUNKS:
            yield group
            group, size = [], 0
    if group:
        yield group


__all__ = ["FileOutcome", "IngestReport", "Ingestor", "expand_paths"]

"""Files and folders → articles → chunks → vectors → the index, incrementally and atomically."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
from tqdm.auto import tqdm

from assistant.articles import Article, Loader, read_articles, too_large_to_read
from assistant.chunking import Chunk, Chunker, indexed_text
from assistant.embedding import Embedder
from assistant.errors import UnreadableInput
from assistant.store import FileRecord, IndexedArticle, Store

Status = Literal["added", "updated", "unchanged", "failed"]
COMMIT_CHUNKS = 512  # chunks embedded per committed transaction


@dataclass
class FileOutcome:
    """What happened to one input file (or one JSONL line, for failures)."""

    path: str
    status: Status
    articles: int = 0
    detail: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    """Per-file outcomes and totals of one ingest run."""

    outcomes: list[FileOutcome] = field(default_factory=list)
    chunks_added: int = 0

    def merge(self, other: IngestReport) -> None:
        """Add another run's outcomes and passages to this report."""
        self.outcomes.extend(other.outcomes)
        self.chunks_added += other.chunks_added

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


def path_key(path: Path) -> str:
    """How a file is named in the catalog and reports: absolute, always valid UTF-8, and
    reversible (`key_path`).

    A name that is not UTF-8 (Latin-1 `caf\\xe9.txt` from an old archive) keeps its bytes as
    `\\xe9` escapes, and a backslash of the name itself is doubled, so a file really called
    `caf\\xe9.txt` has a key of its own.
    """
    name = os.fsdecode(os.fsencode(path.resolve()))  # undecodable bytes as lone surrogates
    return _UNDECODABLE.sub(_escape, name)


def key_path(key: str) -> Path:
    """The file a catalog key names (the inverse of `path_key`)."""
    return Path(os.fsdecode(os.fsencode(_ESCAPED.sub(_unescape, key))))


_UNDECODABLE = re.compile(r"[\\\udc80-\udcff]")
_ESCAPED = re.compile(r"\\(\\|x[0-9a-f]{2})")


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return "\\\\" if char == "\\" else f"\\x{ord(char) - 0xDC00:02x}"


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    return "\\" if code == "\\" else chr(0xDC00 + int(code[1:], 16))


def expand_paths(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Every file named or inside a named folder (hidden ones skipped), or why there is none."""
    for path in paths:
        if path.is_dir():
            found, errors = 0, list[OSError]()
            for root, folders, names in os.walk(path, onerror=errors.append):
                folders[:] = sorted(f for f in folders if not f.startswith("."))
                for name in sorted(names):
                    child = Path(root) / name
                    if not name.startswith(".") and child.is_file():
                        found += 1
                        yield child, None
            for error in errors:
                yield Path(error.filename or path), f"cannot read folder: {error.strerror}"
            if not found and not errors:
                yield path, "folder holds no files"
        elif path.is_file():
            yield path, None
        elif path.exists():
            yield path, "not a regular file"
        else:
            yield path, "no such file or folder"


@dataclass
class _Batch:
    """Chunked articles waiting to be embedded and committed together, and their files."""

    articles: list[tuple[Article, list[Chunk]]] = field(default_factory=list)
    files: list[FileRecord] = field(default_factory=list)
    chunks: int = 0
    done_bytes: float = 0.0
    owners: dict[str, FileOutcome] = field(default_factory=dict)  # article id → its file
    # Per file outcome (by id): [outcome, articles it queued, of those the ones this run stored]
    tally: dict[int, list[Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    """Bytes that are no file of ours (a fetched page): the key they are stored under (the URL,
    also the articles' source) and the loader that reads them."""

    key: str
    data: bytes
    loader: Loader


class Ingestor:
    """Adds, updates and skips articles; one bad file never stops the batch.

    Work is committed every `commit_chunks` passages, inside files too: a run that is killed keeps
    what it committed, and running it again skips those articles and goes on.
    """

    def __init__(
        self,
        index: Store,
        embedder: Embedder,
        batch_size: int = 32,
        commit_chunks: int = COMMIT_CHUNKS,
        max_article_bytes: int | None = None,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.batch_size = batch_size
        self.commit_chunks = commit_chunks
        self.max_article_bytes = max_article_bytes
        self.chunker = Chunker(index.chunking, embedder.count_tokens)

    def ingest(
        self, paths: Sequence[Path], progress: bool = True, documents: Sequence[Document] = ()
    ) -> IngestReport:
        """Ingest files and folders, and documents read elsewhere (fetched pages); see
        IngestReport for what happened to each."""
        report = IngestReport()
        files = list(expand_paths(paths))
        total = sum(_size(path) for path, problem in files if problem is None)
        total += sum(len(document.data) for document in documents)
        batch = _Batch()
        with tqdm(
            total=total, desc="Ingesting", unit="B", unit_scale=True, disable=not progress
        ) as bar:
            for path, problem in files:
                if problem:
                    key = path_key(path)
                    report.outcomes.append(FileOutcome(key, "failed", detail=problem))
                    continue
                self._file(path, report, batch, bar)
            for document in documents:
                size = len(document.data)
                self._read(document.key, document.data, size, report, batch, bar, document.loader)
            self._flush(batch, report, bar)
        for outcome, queued, stored in batch.tally.values():
            if queued and not stored and outcome.status == "added":
                # Another ingest running at the same time stored them first: say so.
                outcome.status = "unchanged"
                outcome.detail = "already stored (by another ingest at the same time)"
        return report

    def _file(self, path: Path, report: IngestReport, batch: _Batch, bar: tqdm) -> None:
        key = path_key(path)
        size = _size(path)
        too_large = too_large_to_read(path, size, self.max_article_bytes)
        if too_large:
            bar.update(size)
            report.outcomes.append(FileOutcome(key, "failed", detail=too_large))
            return
        try:
            data = path.read_bytes()
        except OSError as error:
            bar.update(size)
            report.outcomes.append(FileOutcome(key, "failed", detail=f"cannot read: {error}"))
            return
        self._read(key, data, size, report, batch, bar)

    def _read(
        self,
        key: str,
        data: bytes,
        size: int,
        report: IngestReport,
        batch: _Batch,
        bar: tqdm,
        loader: Loader | None = None,
    ) -> None:
        """Queue the articles of one file's (or page's) bytes, unless they are unchanged."""
        digest = hashlib.sha256(data).hexdigest()
        known = self.index.file_hash(key)
        if known == digest:
            bar.update(size)
            articles = len(self.index.file_articles(key))
            report.outcomes.append(FileOutcome(key, "unchanged", articles))
            return
        try:
            result = read_articles(key, data, self.max_article_bytes, loader)
        except UnreadableInput as error:
            bar.update(size)
            report.outcomes.append(FileOutcome(key, "failed", detail=str(error)))
            return
        del data
        for location, reason in result.failures:
            report.outcomes.append(FileOutcome(location, "failed", detail=reason))
        ids = tuple(dict.fromkeys(a.id for a in result.articles))
        if not ids:
            bar.update(size)
            return
        # A file whose articles were all removed comes back as "added".
        linked = known is not None and bool(self.index.file_articles(key))
        status: Status = "updated" if linked else "added"
        outcome = FileOutcome(key, status, len(ids), warnings=list(result.warnings))
        report.outcomes.append(outcome)
        new = 0
        share = size / len(result.articles)
        queued = {a.id for a, _ in batch.articles}
        for number, article in enumerate(result.articles, start=1):
            batch.done_bytes += share
            if article.id in queued or self.index.has_article(article.id):
                continue
            queued.add(article.id)
            chunks = self.chunker.chunk(article)
            if batch.chunks and batch.chunks + len(chunks) > self.commit_chunks:
                # Commit what waits first: a huge article never holds back the files before it.
                self._flush_partial(batch, report, bar, key, digest, result.articles[: number - 1])
                queued = {article.id}
            batch.articles.append((article, chunks))
            batch.owners[article.id] = outcome
            batch.chunks += len(chunks)
            new += 1
            if batch.chunks >= self.commit_chunks and number < len(result.articles):
                self._flush_partial(batch, report, bar, key, digest, result.articles[:number])
                queued = set()
        if not new and known is None:
            outcome.status = "unchanged"
            outcome.detail = "already stored (same article under another path)"
        batch.files.append(FileRecord(key, digest, ids))
        if batch.chunks >= self.commit_chunks:
            self._flush(batch, report, bar)

    def _flush_partial(
        self,
        batch: _Batch,
        report: IngestReport,
        bar: tqdm,
        key: str,
        digest: str,
        done: Sequence[Article],
    ) -> None:
        """Commit the batch while a file is half read: its articles so far are linked to it, but
        its hash is not recorded, so a run killed later reads it again and skips those."""
        if done:
            so_far = tuple(dict.fromkeys(a.id for a in done))
            batch.files.append(FileRecord(key, digest, so_far, complete=False))
        self._flush(batch, report, bar)

    def _flush(self, batch: _Batch, report: IngestReport, bar: tqdm) -> None:
        if not batch.articles and not batch.files:
            return
        texts = [
            indexed_text(a.title, c.ordinal, c.text) for a, chunks in batch.articles for c in chunks
        ]
        parts: list[np.ndarray] = []
        step = self.batch_size * 4
        for first in range(0, len(texts), step):
            parts.append(
                self.embedder.embed_documents(texts[first : first + step], self.batch_size)
            )
            bar.set_postfix(passages=report.chunks_added + first + len(parts[-1]), refresh=False)
        matrix = np.vstack(parts) if parts else np.zeros((0, self.embedder.dimension), np.float32)
        indexed, row = [], 0
        for article, chunks in batch.articles:
            indexed.append(IndexedArticle(article, chunks, matrix[row : row + len(chunks)]))
            row += len(chunks)
        stored = self.index.apply(add=indexed, files=batch.files)
        # Count what this process stored: a concurrent ingest may have stored some first.
        report.chunks_added += sum(len(i.chunks) for i in indexed if i.article.id in stored)
        for article_id, owner in batch.owners.items():
            counts = batch.tally.setdefault(id(owner), [owner, 0, 0])
            counts[1] += 1
            counts[2] += article_id in stored
        bar.update(batch.done_bytes)
        batch.articles, batch.files, batch.chunks, batch.done_bytes = [], [], 0, 0.0
        batch.owners = {}


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


__all__ = [
    "COMMIT_CHUNKS",
    "Document",
    "FileOutcome",
    "IngestReport",
    "Ingestor",
    "expand_paths",
    "key_path",
    "path_key",
]

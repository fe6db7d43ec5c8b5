"""`newsdesk ingest --ray`: files are read, cleaned, chunked and embedded by Ray Data workers
across a Ray cluster; this process (the driver) commits what they return to the store.

The guarantees are those of a plain ingest. The driver skips files whose hash the store already
records, before any work is sent out; each file's articles are committed together with the
file's hash in one transaction, so a crash keeps every file committed before it and a re-run
goes on with the rest; an article another path or process stored meanwhile is kept once.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from tqdm.auto import tqdm

from assistant.articles import Article, read_articles, too_large_to_read
from assistant.chunking import Chunk, Chunker, ChunkingParams, indexed_text
from assistant.embedding import Embedder
from assistant.errors import ConfigurationError, StoreUnavailable, UnreadableInput
from assistant.ingest import (
    COMMIT_CHUNKS,
    FileOutcome,
    IngestReport,
    expand_paths,
    key_path,
    path_key,
)
from assistant.store import FileRecord, IndexedArticle, Store
from assistant.uploads import sha256_file

LOCAL = "local"  # `--ray` without an address: a Ray started here, on 127.0.0.1 only


@dataclass(frozen=True)
class RayOptions:
    """Where the Ray cluster is (`local`, `auto`, `ray://host:10001`) and how many workers
    embed at once (default: one per CPU for a local Ray, else the cluster's CPUs)."""

    address: str = LOCAL
    workers: int | None = None


@dataclass
class FileWork:
    """What a worker made of one file: its articles, their chunks and vectors, or why not."""

    key: str
    digest: str
    articles: list[tuple[Article, list[Chunk]]] = field(default_factory=list)
    vectors: np.ndarray | None = None
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""


class FileWorker:
    """A Ray Data actor: loads the embedder once, then turns batches of files into FileWork."""

    def __init__(
        self,
        embedder_factory: Callable[[], Embedder],
        chunking: ChunkingParams,
        batch_size: int,
        max_article_bytes: int | None = None,
    ) -> None:
        self.embedder = embedder_factory()
        self.chunker = Chunker(chunking, self.embedder.count_tokens)
        self.batch_size = batch_size
        self.max_article_bytes = max_article_bytes

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        works = [
            self.work(str(key), str(digest))
            for key, digest in zip(batch["key"], batch["digest"], strict=True)
        ]
        column = np.empty(len(works), dtype=object)
        column[:] = works
        return {"work": column}

    def work(self, key: str, digest: str) -> FileWork:
        """Read, clean, chunk and embed one file (never raises: the error is in the result)."""
        done = FileWork(key, digest)
        path = key_path(key)
        try:
            too_large = too_large_to_read(path, path.stat().st_size, self.max_article_bytes)
            if too_large:
                done.error = too_large
                return done
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() != digest:
                done.error = "the file changed while it was being ingested: ingest it again"
                return done
            result = read_articles(key, data, self.max_article_bytes)
            done.failures, done.warnings = list(result.failures), list(result.warnings)
            seen: set[str] = set()
            for article in result.articles:
                if article.id not in seen:
                    seen.add(article.id)
                    done.articles.append((article, self.chunker.chunk(article)))
            texts = [
                indexed_text(a.title, c.ordinal, c.text)
                for a, chunks in done.articles
                for c in chunks
            ]
            done.vectors = self.embedder.embed_documents(texts, self.batch_size)
        except UnreadableInput as error:
            done.error = str(error)
        except OSError as error:
            done.error = f"cannot read: {error}"
        except Exception as error:  # one bad file never stops the run: it is reported
            done.error = f"{type(error).__name__}: {error}"
        return done


def ray_ingest(
    store: Store,
    embedder_factory: Callable[[], Embedder],
    paths: Sequence[Path],
    options: RayOptions,
    batch_size: int = 32,
    progress: bool = True,
    max_article_bytes: int | None = None,
) -> IngestReport:
    """Ingest files with Ray Data workers; see the module docstring for the guarantees."""
    report = IngestReport()
    todo = _files_to_do(store, paths, report)
    if not todo:
        return report
    with _ray(options) as (ray, cpus):
        # Ray counts CPUs as a float (2.0); a worker count must be a whole number.
        workers = max(1, min(options.workers or int(cpus), len(todo)))
        dataset = ray.data.from_items(todo, override_num_blocks=min(len(todo), 4 * workers))
        works = dataset.map_batches(
            FileWorker,
            fn_constructor_kwargs={
                "embedder_factory": embedder_factory,
                "chunking": store.chunking,
                "batch_size": batch_size,
                "max_article_bytes": max_article_bytes,
            },
            batch_size=1,
            concurrency=workers,
            num_cpus=max(1.0, cpus / workers),
        )
        pending: list[FileWork] = []
        passages = 0  # embedded in `pending`
        rows = iter(works.iter_rows())
        try:
            with tqdm(total=len(todo), desc="Ingesting", unit="file", disable=not progress) as bar:
                for row in rows:
                    work: FileWork = row["work"]
                    pending.append(work)
                    passages += 0 if work.vectors is None else len(work.vectors)
                    if passages >= COMMIT_CHUNKS:
                        _commit(store, pending, report)
                        bar.update(len(pending))
                        pending, passages = [], 0
                _commit(store, pending, report)
                bar.update(len(pending))
        finally:
            # Stop the streaming executor before Ray shuts down (after an error above, say):
            # shutting down under a running executor can make Ray end this whole process.
            close = getattr(rows, "close", None)
            if close is not None:
                close()
    return report


def _files_to_do(store: Store, paths: Sequence[Path], report: IngestReport) -> list[dict[str, str]]:
    """The files whose content the store does not hold yet (the rest are reported here)."""
    todo: list[dict[str, str]] = []
    for path, problem in expand_paths(paths):
        key = path_key(path)
        if problem:
            report.outcomes.append(FileOutcome(key, "failed", detail=problem))
            continue
        try:
            digest = sha256_file(path)
        except OSError as error:
            report.outcomes.append(FileOutcome(key, "failed", detail=f"cannot read: {error}"))
            continue
        if store.file_hash(key) == digest:
            report.outcomes.append(FileOutcome(key, "unchanged", len(store.file_articles(key))))
            continue
        todo.append({"key": key, "digest": digest})
    return todo


def _commit(store: Store, works: list[FileWork], report: IngestReport) -> None:
    """Commit finished files, each with its hash, in one transaction."""
    add: list[IndexedArticle] = []
    files: list[FileRecord] = []
    queued: dict[str, FileOutcome] = {}  # article id → the outcome of the file that brings it
    for work in works:
        for location, reason in work.failures:
            report.outcomes.append(FileOutcome(location, "failed", detail=reason))
        if work.error:
            report.outcomes.append(FileOutcome(work.key, "failed", detail=work.error))
            continue
        if not work.articles:
            continue
        ids = tuple(article.id for article, _ in work.articles)
        linked = bool(store.file_articles(work.key))
        outcome = FileOutcome(
            work.key, "updated" if linked else "added", len(ids), warnings=work.warnings
        )
        assert work.vectors is not None
        row, new = 0, 0
        for article, chunks in work.articles:
            vectors = work.vectors[row : row + len(chunks)]
            row += len(chunks)
            if article.id in queued or store.has_article(article.id):
                continue
            queued[article.id] = outcome
            add.append(IndexedArticle(article, chunks, vectors))
            new += 1
        if not new and not linked:
            outcome.status, outcome.detail = (
                "unchanged",
                "already stored (same article under another path)",
            )
        report.outcomes.append(outcome)
        files.append(FileRecord(work.key, work.digest, ids))
    if not (add or files):
        return
    stored = store.apply(add=add, files=files)
    # Count what this process stored: a concurrent ingest may have stored some first.
    report.chunks_added += sum(len(item.chunks) for item in add if item.article.id in stored)
    outcomes = {id(o): o for o in queued.values()}
    for key, outcome in outcomes.items():
        mine = [a for a, owner in queued.items() if id(owner) == key]
        if outcome.status == "added" and not stored.intersection(mine):
            outcome.status = "unchanged"
            outcome.detail = "already stored (by another ingest at the same time)"


@contextmanager
def _ray(options: RayOptions) -> Iterator[tuple[Any, float]]:
    """Ray, connected to the cluster at `options.address` or started here on 127.0.0.1 with no
    dashboard (or the Ray this process already runs); yields (the ray module, the cluster's
    CPUs). Ray is shut down after a run that went well; after a failure it is left to shut down
    when the process ends, because shutting down under Ray Data threads that are still winding
    down makes Ray end the whole process."""
    if options.address == LOCAL:
        # Ray's single-machine mode: every Ray server listens on 127.0.0.1 only (by default
        # they listen on all interfaces, and `_node_ip_address="127.0.0.1"` is rewritten to the
        # external address). Ray reads the switch when it is first imported.
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    try:
        import ray
        from ray._private import ray_constants
    except ImportError as error:
        raise ConfigurationError(
            f"`--ray` needs Ray Data ({error.name} is missing): pip install -e '.[scale]'"
        ) from error
    if not ray.is_initialized():
        _start(ray, ray_constants, options)
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)  # our own bar shows the progress
    yield ray, float(ray.cluster_resources().get("CPU", 1.0))
    ray.shutdown()


def _start(ray: Any, ray_constants: Any, options: RayOptions) -> None:
    env_vars = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    settings: dict[str, Any] = {
        "include_dashboard": False,
        "log_to_driver": False,
        "configure_logging": False,
    }
    if options.address == LOCAL:
        # Imported before the switch above was set (by another library, say): set it here.
        ray_constants.ENABLE_RAY_CLUSTER = False
        # Workers started here import what this process imports (an embedder of its own, say).
        env_vars["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p and Path(p).is_dir())
        settings.update(address="local", num_cpus=os.cpu_count() or 1)
    else:
        settings.update(address=options.address)
    try:
        ray.init(runtime_env={"env_vars": env_vars}, **settings)
    except (ConnectionError, RuntimeError, ValueError) as error:
        raise StoreUnavailable(
            f"cannot reach the Ray cluster at {options.address}: {' '.join(str(error).split())}"
        ) from error

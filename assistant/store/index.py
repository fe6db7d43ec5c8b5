"""The index folder: manifest.json, catalog.sqlite (the truth), and two caches of it: keywords/
(tantivy BM25) and, above the ANN threshold, vectors-GENERATION.faiss (IVF-SQ8)."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout

from assistant.chunking import ChunkingParams, indexed_text
from assistant.errors import IndexCorrupt
from assistant.store.atomic import atomic_write_json
from assistant.store.base import CatalogReads, ChunkFilter
from assistant.store.catalog import (
    Catalog,
    FileRecord,
    IndexedArticle,
)
from assistant.store.catalog.records import now
from assistant.store.keywords import KeywordIndex
from assistant.store.manifest import (
    MANIFEST,
    MANIFEST_COPY,
    Manifest,
    check_manifest,
    read_manifest,
    recovered_manifest,
)
from assistant.store.vectors import (
    IVF,
    SAMPLE_PER_LIST,
    VectorIndex,
    VectorIndexInfo,
    list_count,
    train_main,
)

CATALOG = "catalog.sqlite"
KEYWORDS = "keywords"
VECTOR_MAIN = "vector_main"
WRITE_LOCK = ".write.lock"


class NewsIndex(CatalogReads):
    """One index folder. Thread-safe: writers and readers are serialised by one lock."""

    def __init__(
        self, folder: Path, manifest: Manifest, catalog: Catalog, ann_threshold: int, nprobe: int
    ) -> None:
        self.folder = folder
        self.manifest = manifest
        self.catalog = catalog
        self.lock = threading.RLock()
        self._ann_threshold = ann_threshold
        self._nprobe = nprobe
        self._generation = -1  # the catalog generation the vectors in memory reflect
        self._allowed_memo: tuple[tuple[ChunkFilter, int], np.ndarray] | None = None
        # One writer at a time across processes; re-entered by this index's own nested calls.
        self._write_lock = FileLock(folder / WRITE_LOCK)
        self.vectors = VectorIndex(manifest.dimension, nprobe)
        self.keywords = KeywordIndex(folder / KEYWORDS)
        self._sync()
        self._tidy_files()

    @classmethod
    def open(
        cls,
        folder: Path,
        embedder_id: str,
        dimension: int,
        chunking: ChunkingParams,
        *,
        create: bool = True,
        ann_threshold: int = 100_000,
        nprobe: int = 32,
        stories: bool = True,
    ) -> NewsIndex:
        """Open (or create) the index in `folder`; refuse one of another embedder or schema."""
        manifest_path = folder / MANIFEST
        catalog_path = folder / CATALOG
        _remove_stale_temp_files(folder)
        if manifest_path.exists() and catalog_path.exists() and catalog_path.stat().st_size == 0:
            recorded = read_manifest(manifest_path).counts.get("articles", 0)
            raise IndexCorrupt(
                f"{catalog_path} is empty (0 bytes) but {manifest_path} records {recorded} "
                f"articles: the catalog was lost. Restore it from a backup, or delete {folder} "
                "and ingest your articles again"
            )
        catalog: Catalog | None = None
        manifest: Manifest | None = None
        if manifest_path.exists():
            try:
                manifest = read_manifest(manifest_path)
            except IndexCorrupt:
                if not catalog_path.exists() or catalog_path.stat().st_size == 0:
                    raise
                # Truncated or garbled (a full disk, an editor): the catalog keeps a copy.
        if manifest is None:
            if not create and not catalog_path.exists():
                raise IndexCorrupt(
                    f"no index at {folder}: run `newsdesk ingest PATH --index {folder}` first"
                )
            folder.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(catalog_path, stories)
            manifest = recovered_manifest(catalog, embedder_id, dimension, chunking)
            atomic_write_json(manifest_path, manifest.model_dump(mode="json"))
        check_manifest(manifest, folder, embedder_id, dimension)
        return cls(
            folder, manifest, catalog or Catalog(catalog_path, stories), ann_threshold, nprobe
        )

    @property
    def chunking(self) -> ChunkingParams:
        """The chunking this index was created with (used for every later ingest)."""
        return self.manifest.chunking

    # --- the caches: vectors in memory and files, keywords on disk ------------------------
    def _sync(self) -> None:
        """Bring the vectors and the keyword index in step with the catalog (on open, and when
        another process has committed)."""
        self.keywords.reload()
        info = self._main_info()
        main = VectorIndex.open_main(self.folder, info, self.manifest.dimension, self._nprobe)
        generation = self.catalog.generation
        if main is None and self.catalog.counts()["chunks"] > self._ann_threshold:
            with self._write_lock:
                self._build_main()
            return
        if main is None:
            info = VectorIndexInfo()
        removed = self.catalog.removed_since(info.generation, info.upto) if main else []
        vectors = VectorIndex(self.manifest.dimension, self._nprobe, info, main, set(removed))
        for ids, matrix in self.catalog.iter_vectors(self.manifest.dimension, after=info.upto):
            vectors.add(ids, matrix)
        self.vectors = vectors
        self._generation = generation
        if self.keywords.stamp.generation != generation:
            with self._write_lock:
                self._sync_keywords()

    def _main_info(self) -> VectorIndexInfo:
        recorded = self.catalog.meta(VECTOR_MAIN)
        if recorded is None:
            return VectorIndexInfo()
        try:
            return VectorIndexInfo(**json.loads(recorded))
        except (json.JSONDecodeError, TypeError):
            return VectorIndexInfo()

    def _sync_keywords(self) -> None:
        """Replay into the keyword index what the catalog committed since its stamp."""
        stamp = self.keywords.stamp
        generation = self.catalog.generation
        if stamp.generation == generation:
            return
        removed = self.catalog.removed_since(stamp.generation, stamp.upto)
        texts = (
            (chunk_id, indexed_text(title, ordinal, text))
            for chunk_id, title, ordinal, text in self.catalog.iter_chunk_texts(after=stamp.upto)
        )
        bulk = self.catalog.max_chunk_id() - stamp.upto > 10_000
        self.keywords.apply(texts, removed, generation, replace_after=stamp.upto, bulk=bulk)
        self._forget_removed()

    def _main_due(self) -> bool:
        """Whether the main vector file should be built or rewritten now."""
        vectors = self.vectors
        if vectors.main is None:
            return vectors.size > self._ann_threshold
        return (
            vectors.delta_size > max(self._ann_threshold // 2, vectors.info.size // 10)
            or len(vectors.removed) > vectors.info.size // 4
            or vectors.size > 4 * vectors.info.trained_on
            or vectors.size <= self._ann_threshold // 2
        )

    def _build_main(self) -> None:
        """Write a new main vector file holding every stored vector (under the write lock): the
        old one with the delta folded in, or one trained afresh when there is none or it has
        grown 4x past its training."""
        dimension = self.manifest.dimension
        generation = self.catalog.generation
        total = self.catalog.counts()["chunks"]
        old = self._main_info()
        if total <= self._ann_threshold // 2:
            info = VectorIndexInfo(generation=generation)  # small again: exact search only
        else:
            path = self.folder / old.file
            retrain = old.kind != IVF or not path.is_file() or total > 4 * old.trained_on
            if retrain:
                sample = self.catalog.vector_sample(list_count(total) * SAMPLE_PER_LIST, dimension)
                main, nlist = train_main(
                    dimension, total, sample, self.catalog.iter_vectors(dimension)
                )
                trained_on = total
            else:
                main = VectorIndex.load_writable(path)
                gone = self.catalog.removed_since(old.generation, old.upto)
                main.remove_ids(np.asarray(gone, dtype=np.int64))
                for ids, matrix in self.catalog.iter_vectors(dimension, after=old.upto):
                    main.add_with_ids(np.ascontiguousarray(matrix), ids)
                nlist, trained_on = old.nlist, old.trained_on
            name = f"vectors-{generation}.faiss"
            VectorIndex.write_main(self.folder / name, main)
            info = VectorIndexInfo(
                IVF, nlist, trained_on, int(main.ntotal), self.catalog.max_chunk_id(),
                generation, name,
            )  # fmt: skip
        self.catalog.set_meta(VECTOR_MAIN, json.dumps(asdict(info)))
        if old.file and old.file != info.file:
            (self.folder / old.file).unlink(missing_ok=True)  # mapped elsewhere: kept till let go
        self._forget_removed()
        self._sync()

    def _forget_removed(self) -> None:
        main = self._main_info()
        caught_up = min(self.keywords.stamp.generation, main.generation or self._generation)
        self.catalog.forget_removed(caught_up)

    def _tidy_files(self) -> None:
        """Delete main vector files nothing refers to any more (a crash mid-rebuild, the file of
        an older newsdesk); processes that still map one keep it until they let go."""
        keep = self._main_info().file
        try:
            with self._write_lock.acquire(timeout=0):
                for path in self.folder.glob("vectors*.faiss"):
                    if path.name != keep:
                        path.unlink(missing_ok=True)
        except Timeout:
            pass

    def refresh(self) -> None:
        """Pick up changes another process committed since this one loaded the index."""
        with self.lock:
            if self.catalog.generation != self._generation:
                self.manifest = read_manifest(self.folder / MANIFEST)
                self._sync()

    def _write_manifest(self) -> None:
        self.manifest = self.manifest.model_copy(
            update={
                "vector_index": self.vectors.info,
                "vectors_generation": self._generation,
                "counts": self.catalog.counts(),
                "updated_at": now(),
            }
        )
        document = self.manifest.model_dump(mode="json")
        atomic_write_json(self.folder / MANIFEST, document)
        # A copy in the catalog lets a lost manifest.json be rebuilt exactly.
        self.catalog.set_meta(MANIFEST_COPY, json.dumps(document))

    def apply(
        self,
        add: Sequence[IndexedArticle] = (),
        remove: Sequence[str] = (),
        files: Sequence[FileRecord] = (),
    ) -> set[str]:
        """Commit one change to SQLite, then bring the vectors, keywords and manifest in step;
        returns the ids of the articles this call stored."""
        # One writer at a time across processes (the app and a `newsdesk ingest`, say).
        with self.lock, self._write_lock:
            removed, added, generation, stored = self.catalog.apply(add, remove, files)
            if generation != self._generation + 1:
                # Another process committed since we loaded: our vectors lack its changes.
                self._sync()
            else:
                self.vectors.remove(np.asarray(removed, dtype=np.int64))
                if added:
                    ids = np.asarray([chunk_id for chunk_id, _ in added], dtype=np.int64)
                    self.vectors.add(ids, np.vstack([vector for _, vector in added]))
                self._generation = generation
                self._sync_keywords()
                if self._main_due():
                    self._build_main()
            self._write_manifest()
        return stored

    def exact_vectors(self, chunk_ids: Sequence[int]) -> np.ndarray:
        """The stored float vectors of these chunks (to re-score approximate candidates)."""
        return self.catalog.vectors(chunk_ids, self.manifest.dimension)

    # --- search (the Store interface) -----------------------------------------------------
    @property
    def location(self) -> str:
        """The index folder."""
        return str(self.folder)

    def _allowed(self, where: ChunkFilter | None) -> np.ndarray | None:
        """Ids of the chunks a filter lets through (kept for the dense and keyword halves of
        one search)."""
        if where is None:
            return None
        key = (where, self._generation)
        if self._allowed_memo is None or self._allowed_memo[0] != key:
            self._allowed_memo = (key, self.catalog.chunk_ids_where(where))
        return self._allowed_memo[1]

    def dense_search(
        self, vector: np.ndarray, k: int, where: ChunkFilter | None = None
    ) -> list[tuple[int, float]]:
        """The k nearest chunks (inner product), exact scores, best first."""
        return self.vectors.search(vector, k, self._allowed(where), exact=self.exact_vectors)

    def keyword_search(
        self, query: str, k: int, where: ChunkFilter | None = None
    ) -> list[tuple[int, float]]:
        """The k best BM25 matches, best first."""
        return self.keywords.search(query, k, self._allowed(where))

    def keyword_scores(self, query: str, chunk_ids: Sequence[int]) -> dict[int, float]:
        """BM25 scores of the given chunks."""
        return self.keywords.scores_of(query, chunk_ids)

    def stats(self) -> dict[str, object]:
        """Counts, dates and how the index was built, for `newsdesk stats`."""
        with self.lock:
            low, high = self.catalog.published_range()
            manifest = self.manifest.model_dump(mode="json")
            return {
                "index_dir": str(self.folder),
                **self.catalog.counts(),
                # Counted here, not in the manifest's counts written after every commit.
                "stories": self.catalog.stories.count(),
                "published_from": low.isoformat() if low else None,
                "published_to": high.isoformat() if high else None,
                "embedder": manifest["embedder"],
                "dimension": manifest["dimension"],
                "schema_version": manifest["schema_version"],
                "chunking": manifest["chunking"],
                "vector_index": {
                    **manifest["vector_index"],
                    "size": self.vectors.size,
                    "exact": self.vectors.delta_size,
                },
                "keyword_index": {"engine": "tantivy", "size": self.keywords.size},
                "created_at": manifest["created_at"],
                "updated_at": manifest["updated_at"],
            }

    def close(self) -> None:
        """Release the database connection."""
        self.catalog.close()


def _remove_stale_temp_files(folder: Path) -> None:
    """Delete temporary files a killed writer left behind (unless a writer is at work now):
    ours (`.NAME.*.tmp`, atomic writes) and tantivy's (`keywords/.tmp*`, at its commit)."""
    if not folder.is_dir():
        return
    try:
        with FileLock(folder / WRITE_LOCK, timeout=0):
            for leftover in [
                *folder.glob(".*.tmp"),
                *(folder / KEYWORDS).glob(".*.tmp"),
                *(folder / KEYWORDS).glob(".tmp*"),
            ]:
                leftover.unlink(missing_ok=True)
    except Timeout:
        pass

"""The index folder: manifest.json, catalog.sqlite (the truth), vectors.faiss (a cache)."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from filelock import FileLock, Timeout
from pydantic import BaseModel, ValidationError

from assistant.chunking import ChunkingParams
from assistant.errors import IndexCorrupt, IndexMismatch
from assistant.store.atomic import atomic_write_json
from assistant.store.catalog import Catalog, FileRecord, IndexedArticle
from assistant.store.vectors import VectorIndex, VectorIndexInfo

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
CATALOG = "catalog.sqlite"
VECTORS = "vectors.faiss"
WRITE_LOCK = ".write.lock"
MANIFEST_COPY = "manifest"


class Manifest(BaseModel):
    """How the index was built and what it holds; checked every time the index is opened."""

    schema_version: int
    embedder: str
    dimension: int
    chunking: ChunkingParams
    vector_index: VectorIndexInfo
    vectors_generation: int = 0
    counts: dict[str, int] = {}
    created_at: str
    updated_at: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class NewsIndex:
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
        self.vectors = self._load_vectors()

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
            recorded = _read_manifest(manifest_path).counts.get("articles", 0)
            raise IndexCorrupt(
                f"{catalog_path} is empty (0 bytes) but {manifest_path} records {recorded} "
                f"articles: the catalog was lost. Restore it from a backup, or delete {folder} "
                "and ingest your articles again"
            )
        catalog: Catalog | None = None
        if not manifest_path.exists():
            if not create and not catalog_path.exists():
                raise IndexCorrupt(
                    f"no index at {folder}: run `newsdesk ingest PATH --index {folder}` first"
                )
            folder.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(catalog_path, stories)
            manifest = _recovered_manifest(catalog, embedder_id, dimension, chunking)
            atomic_write_json(manifest_path, manifest.model_dump(mode="json"))
        else:
            manifest = _read_manifest(manifest_path)
        rebuild = f"delete {folder} (or pass another --index) and ingest your articles again"
        if manifest.schema_version != SCHEMA_VERSION:
            raise IndexMismatch(
                f"the index at {folder} has schema version {manifest.schema_version}, this "
                f"newsdesk reads version {SCHEMA_VERSION}: {rebuild}"
            )
        if manifest.embedder != embedder_id or manifest.dimension != dimension:
            raise IndexMismatch(
                f"the index at {folder} was built with embedder {manifest.embedder!r} "
                f"({manifest.dimension} dimensions) but newsdesk is set to {embedder_id!r} "
                f"({dimension}): set NEWSDESK_EMBEDDER back, or {rebuild}"
            )
        return cls(
            folder, manifest, catalog or Catalog(catalog_path, stories), ann_threshold, nprobe
        )

    @property
    def chunking(self) -> ChunkingParams:
        """The chunking this index was created with (used for every later ingest)."""
        return self.manifest.chunking

    def _load_vectors(self) -> VectorIndex:
        path = self.folder / VECTORS
        generation = self.catalog.generation
        if path.exists() and self.manifest.vectors_generation == generation:
            try:
                vectors = VectorIndex.load(path, self.manifest.vector_index, self._nprobe)
            except RuntimeError:
                vectors = None  # unreadable cache: rebuilt from SQLite below
            if vectors is not None and vectors.size == self.catalog.counts()["chunks"]:
                return vectors
        if generation == 0:
            return VectorIndex.empty(self.manifest.dimension, self._nprobe)
        # The FAISS file lags SQLite (a crash between the two writes, or another process wrote).
        ids, matrix = self.catalog.all_vectors(self.manifest.dimension)
        vectors = VectorIndex.build(
            ids, matrix, self.manifest.dimension, self._ann_threshold, self._nprobe
        )
        self._save(vectors, generation)
        return vectors

    def refresh(self) -> None:
        """Pick up changes another process committed since this one loaded the index."""
        with self.lock:
            if self.catalog.generation != self.manifest.vectors_generation:
                self.manifest = _read_manifest(self.folder / MANIFEST)
                self.vectors = self._load_vectors()

    def _save(self, vectors: VectorIndex, generation: int) -> None:
        vectors.save(self.folder / VECTORS)
        self.manifest = self.manifest.model_copy(
            update={
                "vector_index": vectors.info,
                "vectors_generation": generation,
                "counts": self.catalog.counts(),
                "updated_at": _now(),
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
    ) -> None:
        """Commit one change to SQLite, then bring the FAISS file and manifest in step."""
        # One writer at a time across processes (the app and a `newsdesk ingest`, say).
        with self.lock, FileLock(self.folder / WRITE_LOCK):
            removed, added, generation = self.catalog.apply(add, remove, files)
            vectors = self.vectors
            behind = generation != self.manifest.vectors_generation + 1
            if not behind:
                vectors.remove(np.asarray(removed, dtype=np.int64))
                if added:
                    ids = np.asarray([chunk_id for chunk_id, _ in added], dtype=np.int64)
                    vectors.add(ids, np.vstack([vector for _, vector in added]))
            if behind or vectors.needs_rebuild(self._ann_threshold):
                # Another process committed since we loaded: our vectors lack its changes.
                ids, matrix = self.catalog.all_vectors(self.manifest.dimension)
                vectors = VectorIndex.build(
                    ids, matrix, self.manifest.dimension, self._ann_threshold, self._nprobe
                )
            self.vectors = vectors
            self._save(vectors, generation)

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
                "vector_index": {**manifest["vector_index"], "size": self.vectors.size},
                "created_at": manifest["created_at"],
                "updated_at": manifest["updated_at"],
            }

    def close(self) -> None:
        """Release the database connection."""
        self.catalog.close()


def _recovered_manifest(
    catalog: Catalog, embedder_id: str, dimension: int, chunking: ChunkingParams
) -> Manifest:
    """A new index's manifest, or a lost one rebuilt from the catalog (which holds everything)."""
    copy = catalog.meta(MANIFEST_COPY)
    if copy is not None:
        try:
            return Manifest.model_validate(json.loads(copy)).model_copy(
                update={"vectors_generation": 0, "updated_at": _now()}
            )
        except (json.JSONDecodeError, ValidationError):
            pass  # rebuilt from the settings below
    stored = catalog.vector_size()
    if stored is not None and stored != dimension * 4:
        catalog.close()
        raise IndexMismatch(
            f"{catalog.path} holds vectors of {stored // 4} dimensions and has no manifest; "
            f"newsdesk is set to an embedder of {dimension}: set NEWSDESK_EMBEDDER back"
        )
    return Manifest(
        schema_version=SCHEMA_VERSION,
        embedder=embedder_id,
        dimension=dimension,
        chunking=chunking,
        vector_index=VectorIndexInfo("flat"),
        created_at=_now(),
        updated_at=_now(),
    )


def _remove_stale_temp_files(folder: Path) -> None:
    """Delete temporary files a killed writer left behind (unless a writer is at work now)."""
    if not folder.is_dir():
        return
    try:
        with FileLock(folder / WRITE_LOCK, timeout=0):
            for leftover in folder.glob(".*.tmp"):
                leftover.unlink(missing_ok=True)
    except Timeout:
        pass


def _read_manifest(path: Path) -> Manifest:
    try:
        return Manifest.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError, ValidationError) as error:
        raise IndexCorrupt(
            f"cannot read {path}: {error}; delete {path.parent} and ingest again"
        ) from error

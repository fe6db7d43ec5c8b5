"""manifest.json: how an index folder was built and what it holds, checked at every open.

The catalog keeps a copy (meta `manifest`), so a lost or garbled manifest.json is rebuilt
exactly; an index of another schema version or embedder is refused with the way out.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ValidationError

from assistant.chunking import ChunkingParams
from assistant.errors import IndexCorrupt, IndexMismatch
from assistant.store.catalog import Catalog
from assistant.store.catalog.records import now
from assistant.store.vectors import VectorIndexInfo

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_COPY = "manifest"  # the catalog's meta key of its copy


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


def read_manifest(path: Path) -> Manifest:
    """The manifest at `path`, or IndexCorrupt saying it cannot be read."""
    try:
        return Manifest.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError, ValidationError) as error:
        raise IndexCorrupt(
            f"cannot read {path}: {error}; delete {path.parent} and ingest again"
        ) from error


def recovered_manifest(
    catalog: Catalog, embedder_id: str, dimension: int, chunking: ChunkingParams
) -> Manifest:
    """A new index's manifest, or a lost one rebuilt from the catalog (which holds everything)."""
    copy = catalog.meta(MANIFEST_COPY)
    if copy is not None:
        try:
            return Manifest.model_validate(json.loads(copy)).model_copy(
                update={"vectors_generation": 0, "updated_at": now()}
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
        vector_index=VectorIndexInfo(),
        created_at=now(),
        updated_at=now(),
    )


def check_manifest(manifest: Manifest, folder: Path, embedder_id: str, dimension: int) -> None:
    """IndexMismatch, saying how to go on, for an index of another schema or embedder."""
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

"""Where articles are kept: the `Store` interface, the local index folder (SQLite, tantivy,
FAISS) and PostgreSQL + pgvector; `open_store` picks one from the settings."""

from assistant.store.base import ChunkFilter, Store
from assistant.store.catalog import ArticleSummary, FileRecord, IndexedArticle, StoredChunk
from assistant.store.index import NewsIndex
from assistant.store.manifest import SCHEMA_VERSION, Manifest
from assistant.store.stories import Copy

__all__ = [
    "SCHEMA_VERSION",
    "ArticleSummary",
    "ChunkFilter",
    "Copy",
    "FileRecord",
    "IndexedArticle",
    "Manifest",
    "NewsIndex",
    "Store",
    "StoredChunk",
]

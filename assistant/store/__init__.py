"""The index on disk: SQLite catalog, FAISS vectors, manifest, atomic writes."""

from assistant.store.catalog import ArticleSummary, FileRecord, IndexedArticle, StoredChunk
from assistant.store.index import SCHEMA_VERSION, Manifest, NewsIndex
from assistant.store.stories import Copy

__all__ = [
    "SCHEMA_VERSION",
    "ArticleSummary",
    "Copy",
    "FileRecord",
    "IndexedArticle",
    "Manifest",
    "NewsIndex",
    "StoredChunk",
]

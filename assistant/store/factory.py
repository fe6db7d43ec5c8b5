"""`open_store`: the one place that picks where articles are kept, from the settings."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from assistant.chunking import ChunkingParams
from assistant.errors import ConfigurationError
from assistant.settings import Settings
from assistant.store.base import Store
from assistant.store.index import NewsIndex

_SCHEMES = ("postgresql://", "postgres://")


def open_store(settings: Settings, embedder_id: str, dimension: int, create: bool = True) -> Store:
    """PostgreSQL when `database_url` is set, else the index folder `index_dir`."""
    chunking = ChunkingParams(settings.chunk_max_tokens, settings.chunk_overlap_tokens)
    url = settings.database_url.get_secret_value() if settings.database_url else ""
    if not url:
        return NewsIndex.open(
            Path(settings.index_dir),
            embedder_id,
            dimension,
            chunking,
            create=create,
            ann_threshold=settings.ann_threshold,
            nprobe=settings.ann_nprobe,
            stories=settings.stories,
        )
    store: Store = _postgres().PgStore.open(
        _checked_url(url),
        embedder_id,
        dimension,
        chunking,
        create=create,
        stories=settings.stories,
        ef_search=settings.hnsw_ef_search,
    )
    return store


def upgrade_database(settings: Settings, dimension: int) -> tuple[list[str], int, int]:
    """Apply the migrations the database of `database_url` lacks and stem its passages again
    if the keyword analyzer changed: (names applied, passages stemmed again, version)."""
    url = settings.database_url.get_secret_value() if settings.database_url else ""
    if not url:
        raise ConfigurationError(
            "`newsdesk db upgrade` works on a PostgreSQL database: pass --database-url URL or "
            "set NEWSDESK_DATABASE_URL (an index folder needs no migrations)"
        )
    postgres = _postgres()
    conn = postgres.connect(_checked_url(url))
    try:
        applied, restemmed = postgres.upgrade(conn, dimension)
        return applied, restemmed, postgres.schema_version(conn)
    finally:
        conn.close()


def _checked_url(url: str) -> str:
    if not url.startswith(_SCHEMES):
        raise ConfigurationError(
            "NEWSDESK_DATABASE_URL must be a postgresql:// URL, like "
            "postgresql://user:password@host:5432/newsdesk"
        )
    return url


def _postgres() -> ModuleType:
    try:
        import pgvector  # noqa: F401
        import psycopg  # noqa: F401

        from assistant.store import postgres
    except ImportError as error:
        raise ConfigurationError(
            f"the PostgreSQL store needs its extras ({error.name} is missing): "
            "pip install -e '.[scale]'"
        ) from error
    return postgres

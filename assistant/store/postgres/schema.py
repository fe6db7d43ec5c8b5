"""The database's schema: migrations (`newsdesk db upgrade`) and the archive's manifest row
(embedder, dimension, chunking), checked when a store opens."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assistant.chunking import ChunkingParams
from assistant.errors import IndexCorrupt, IndexMismatch
from assistant.store.catalog.records import now
from assistant.store.keywords import ANALYZER_VERSION
from assistant.store.postgres.connection import redacted
from assistant.store.postgres.keywords import mark_stems_current, restem, stems_version

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
WRITE_LOCK = 0x6E657773  # pg_advisory_xact_lock key: one writer at a time ("news")
_MIGRATE_LOCK = 0x6E657774
_MANIFEST = "manifest"


def migrations() -> list[tuple[int, str]]:
    """(version, file name) of every migration, in order."""
    found = []
    for path in sorted(MIGRATIONS.glob("*.sql")):
        found.append((int(path.name.split("_", 1)[0]), path.name))
    return found


def latest_version() -> int:
    """The schema version this newsdesk reads."""
    return migrations()[-1][0]


def schema_version(conn: Any) -> int:
    """The version of the newsdesk schema in the database (0: none yet)."""
    if conn.execute("SELECT to_regclass('schema_migrations')").fetchone()[0] is None:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def upgrade(conn: Any, dimension: int) -> tuple[list[str], int]:
    """Apply the migrations the database lacks, each in its own transaction, then stem the
    passages again if the keyword analyzer changed; returns (the migrations' names, how many
    passages were stemmed again). Safe to run from several processes at once."""
    applied = []
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    for version, name in migrations():
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATE_LOCK,))
            if schema_version(conn) >= version:
                continue
            sql = (MIGRATIONS / name).read_text(encoding="utf-8")
            conn.execute(sql.replace("{dimension}", str(int(dimension))))
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (%s, %s, %s)",
                (version, name, now()),
            )
            applied.append(name)
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        restemmed = restem(conn)
    return applied, restemmed


def checked_manifest(
    conn: Any, url: str, embedder_id: str, dimension: int, chunking: ChunkingParams, create: bool
) -> dict[str, Any]:
    version, latest = schema_version(conn), latest_version()
    where = redacted(url)
    if version == 0:
        if not create:
            raise IndexCorrupt(
                f"no newsdesk archive in the database at {where}: run "
                f"`newsdesk ingest PATH --database-url {where}` (or `newsdesk db upgrade`) first"
            )
        upgrade(conn, dimension)
    elif version < latest:
        raise IndexMismatch(
            f"the database at {where} has newsdesk schema {version}, this newsdesk needs "
            f"{latest}: run `newsdesk db upgrade --database-url {where}`"
        )
    elif version > latest:
        raise IndexMismatch(
            f"the database at {where} has newsdesk schema {version}, newer than this newsdesk "
            f"reads ({latest}): upgrade newsdesk"
        )
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
        if stems_version(conn) < ANALYZER_VERSION:
            if conn.execute("SELECT EXISTS (SELECT 1 FROM chunks)").fetchone()[0]:
                raise IndexMismatch(
                    f"the database at {where} holds keyword stems of an older newsdesk: run "
                    f"`newsdesk db upgrade --database-url {where}` to make them again"
                )
            mark_stems_current(conn)
        row = conn.execute("SELECT value FROM meta WHERE key = %s", (_MANIFEST,)).fetchone()
        if row is None:
            manifest: dict[str, Any] = {
                "embedder": embedder_id,
                "dimension": dimension,
                "chunking": asdict(chunking),
                "created_at": now(),
            }
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (%s, %s)", (_MANIFEST, json.dumps(manifest))
            )
        else:
            manifest = json.loads(row[0])
    if manifest["embedder"] != embedder_id or int(manifest["dimension"]) != dimension:
        raise IndexMismatch(
            f"the database at {where} was built with embedder {manifest['embedder']!r} "
            f"({manifest['dimension']} dimensions) but newsdesk is set to {embedder_id!r} "
            f"({dimension}): set NEWSDESK_EMBEDDER back, or use another database"
        )
    return manifest

"""The stores the contract suite runs against: the index folder, and PostgreSQL + pgvector started
from the `pgserver` wheel (PostgreSQL 16 on a Unix socket, no Docker), one new database a test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from assistant.settings import Settings

# CI sets this: there the PostgreSQL half must run, not skip.
REQUIRE = os.environ.get("CI_REQUIRE_POSTGRES") == "1"


def _unavailable(reason: str) -> None:
    if REQUIRE:
        pytest.fail(f"CI_REQUIRE_POSTGRES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    try:
        import pgserver
        import pgvector  # noqa: F401
        import psycopg  # noqa: F401
    except ImportError as error:
        _unavailable(
            f"the PostgreSQL extras are not installed ({error.name}): pip install -e '.[scale]'"
        )
    folder = tmp_path_factory.mktemp("pg")
    try:
        server = pgserver.get_server(folder, cleanup_mode="stop")
    except Exception as error:  # pgserver raises plain errors when initdb or pg_ctl fail
        _unavailable(f"pgserver could not start PostgreSQL in {folder}: {error}")
    yield server
    server.cleanup()


def new_database(server: object) -> str:
    """Create an empty database on the test server; returns its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = server.get_uri()  # type: ignore[attr-defined]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin.replace("/postgres?", f"/{name}?", 1)


@pytest.fixture
def database_url(pg_server: object) -> str:
    return new_database(pg_server)


@pytest.fixture(params=["local", "postgres"])
def store_settings(request: pytest.FixtureRequest, settings: Settings) -> Settings:
    """The unit-test settings, on the index folder or on a new PostgreSQL database."""
    if request.param == "local":
        return settings
    url = request.getfixturevalue("database_url")
    return settings.model_copy(update={"database_url": SecretStr(url)})


@pytest.fixture
def open_desk(store_settings: Settings, fake_embedder):
    """Opens a Newsdesk on the store under test (call it twice for two app processes' views)."""
    from assistant.desk import Newsdesk

    opened = []

    def _open(**changes: object):
        desk = Newsdesk.open(store_settings.model_copy(update=changes), embedder=fake_embedder)
        opened.append(desk)
        return desk

    yield _open
    for desk in opened:
        desk.close()


@pytest.fixture
def index_path(store_settings: Settings) -> Path:
    return Path(store_settings.index_dir)

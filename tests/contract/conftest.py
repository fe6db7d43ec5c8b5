"""The stores the contract suite runs against: the index folder, and PostgreSQL + pgvector
(`database_url` in tests/conftest.py), one new database a test."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from assistant.settings import Settings


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

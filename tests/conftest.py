"""Shared fixtures: a predictable embedder, sample files, and every data folder under tmp_path."""

from __future__ import annotations

import os
import re
import shutil
import uuid
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from assistant.embedding import Embedder
from assistant.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPO / "corpus"
TIME_CORPUS = REPO / "tests" / "data" / "news_over_time"
_WORD = re.compile(r"\w+")


class FakeEmbedder(Embedder):
    """Bag of hashed words: texts sharing words get similar vectors; one token per word."""

    id = "fake-bag-of-words"
    dimension = 64

    def __init__(self) -> None:
        self.calls = 0

    def embed_documents(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        self.calls += 1
        matrix = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.casefold()):
                matrix[row, zlib.crc32(word.encode()) % self.dimension] += 1.0
            if not matrix[row].any():
                matrix[row, 0] = 1.0
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(_WORD.findall(text)) for text in texts]


@pytest.fixture(autouse=True)
def _data_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes to the repository's index/ or reads the developer's settings."""
    for name in list(__import__("os").environ):
        if name.startswith("NEWSDESK_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("NEWSDESK_INDEX_DIR", str(tmp_path / "index"))


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # The hand-tuned answerer: unit tests stay with fakes (the reader has its own tests).
    return Settings(
        index_dir=tmp_path / "index", chunk_max_tokens=60, chunk_overlap_tokens=15, reader="none"
    )


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the five sample articles."""
    target = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, target)
    return target


@pytest.fixture
def desk(settings: Settings, fake_embedder: FakeEmbedder):
    from assistant.desk import Newsdesk

    opened = Newsdesk.open(settings, embedder=fake_embedder)
    yield opened
    opened.close()


@pytest.fixture
def time_desk(desk, tmp_path: Path):
    """The fake-embedder desk holding the news-over-time test corpus (stories, an update,
    disagreeing reports, undated articles)."""
    target = tmp_path / "news_over_time"
    shutil.copytree(TIME_CORPUS, target)
    desk.ingest([target], progress=False)
    return desk


# --- PostgreSQL + pgvector from the pgserver wheel (PostgreSQL 16, Unix socket, no Docker) ---
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
    from assistant.store.postgres import create_database

    return create_database(server.get_uri(), f"t_{uuid.uuid4().hex[:12]}")  # type: ignore[attr-defined]


@pytest.fixture
def database_url(pg_server: object) -> str:
    return new_database(pg_server)

"""Fixtures shared by the integration tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Newsdesk, Settings
from tests.conftest import SAMPLE_CORPUS


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    """The sample corpus indexed with the real packaged model, once per test module."""
    folder = tmp_path_factory.mktemp("answers") / "index"
    desk = Newsdesk.open(Settings(index_dir=folder))
    desk.ingest([SAMPLE_CORPUS], progress=False)
    desk.close()
    return folder

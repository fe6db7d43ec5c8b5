"""The int8 reader's file: made once from the weights, made again when the weights change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import reader_onnx
from assistant.errors import ConfigurationError
from assistant.reader_onnx import OnnxReader, onnx_path
from assistant.readers import make_reader
from tests.helpers import tiny_mpnet_reader


def test_the_int8_file_is_made_once_and_again_for_new_weights(tmp_path: Path, monkeypatch) -> None:
    made: list[bytes] = []

    def export(folder: Path, target: Path, precision: str) -> None:
        weights = (folder / "model.safetensors").read_bytes()
        made.append(weights + b" " + precision.encode())
        target.write_bytes(b"onnx of " + weights)

    monkeypatch.setattr(reader_onnx, "export", export)
    (tmp_path / "model.safetensors").write_bytes(b"weights one")
    first = onnx_path(tmp_path, "float")
    assert onnx_path(tmp_path, "float") == first and made == [b"weights one float"]  # kept
    assert onnx_path(tmp_path, "int8") != first  # each precision its own file
    (tmp_path / "model.safetensors").write_bytes(b"weights two")  # a retrained reader
    assert onnx_path(tmp_path, "float").read_bytes() == b"onnx of weights two"
    assert made == [b"weights one float", b"weights one int8", b"weights two float"]
    note = json.loads((tmp_path / "reader-onnx.json").read_text())
    assert note["reader-float.onnx"] == reader_onnx.weights_sha256(tmp_path)
    assert note["reader-int8.onnx"] != note["reader-float.onnx"]  # made from the old weights


def test_the_onnx_readers_are_settings_ids() -> None:
    assert isinstance(make_reader("minilm-reader-int8"), OnnxReader)
    assert make_reader("minilm-reader-onnx").precision == "float"  # type: ignore[attr-defined]
    with pytest.raises(ConfigurationError, match="minilm-reader, minilm-reader-onnx, minilm-"):
        make_reader("int4")


def test_a_folder_it_cannot_write_to_says_what_to_do(tmp_path: Path, monkeypatch) -> None:
    def export(folder: Path, target: Path, precision: str) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(reader_onnx, "export", export)
    (tmp_path / "model.safetensors").write_bytes(b"weights")
    with pytest.raises(ConfigurationError, match=r"python -m assistant\.reader_onnx") as caught:
        onnx_path(tmp_path, "float")
    assert "NEWSDESK_READER=minilm-reader" in str(caught.value)


def test_an_mpnet_reader_runs_in_onnx_runtime_with_the_readings_of_torch(tmp_path: Path) -> None:
    from assistant.reader import Reader

    tiny_mpnet_reader(tmp_path)
    question, windows = "When did the port strike begin?", ["It began on Tuesday.", "The port."]
    in_torch = Reader(tmp_path).read(question, windows)
    in_onnx = OnnxReader(tmp_path).read(question, windows)
    assert onnx_path(tmp_path, "float").exists()  # made from the MPNet weights
    assert [r.score for r in in_onnx] == pytest.approx([r.score for r in in_torch], abs=1e-5)
    assert [(r.start, r.end) for r in in_onnx] == [(r.start, r.end) for r in in_torch]

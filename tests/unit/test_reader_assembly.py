"""The mpnet reader shipped as adapters: assembled from its base, it is the network training made;
before it is assembled, choosing it says how to assemble it; it answers with its own confidence
fit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.answering import make_generator
from assistant.answering.evidence.confidence import CALIBRATION, calibration_for, load_calibration
from assistant.errors import ConfigurationError
from assistant.reader import Reader
from assistant.reader_assembly import MPNET_READER_DIR, assemble, needs_assembly
from assistant.reader_onnx import OnnxReader
from assistant.readers import make_reader, reader_folder
from assistant.settings import Settings
from tests.helpers import tiny_mpnet_reader


def _adapted(tmp_path: Path) -> tuple[Path, Path, dict]:
    """A base folder (encoder weights as sentence-transformers ships them, with a pooler the
    reader has not, and the tokenizer), a reader folder with only adapters and config, and the
    state training writes when it merges the same adapters with peft (float16)."""
    import torch
    from safetensors.torch import save_file

    from training.lora import add_adapters, merge, save_adapter

    base, reader = tmp_path / "base", tmp_path / "reader"
    base.mkdir()
    reader.mkdir()
    network = tiny_mpnet_reader(base)
    encoder = {k: v.contiguous() for k, v in network.bert.state_dict().items()}
    save_file({**encoder, "pooler.dense.weight": torch.ones(2, 2)}, str(base / "model.safetensors"))
    (reader / "config.json").write_text((base / "config.json").read_text())
    frozen = add_adapters(network, rank=2)
    torch.manual_seed(1)
    with torch.no_grad():  # trained adapters and heads: nothing left at its initial value
        for tensor in network.parameters():
            if tensor.requires_grad:
                tensor.add_(0.1 * torch.randn_like(tensor))
    save_adapter(network, frozen, reader)
    merged = merge(network).state_dict()
    return base, reader, {k: v.detach().to(torch.float16) for k, v in merged.items()}


def test_the_assembled_reader_is_the_network_training_merged(tmp_path: Path) -> None:
    import torch
    from safetensors.torch import load_file

    base, reader, trained = _adapted(tmp_path)
    assert needs_assembly(reader)
    assemble(base, reader)
    assert not needs_assembly(reader)
    made = load_file(str(reader / "model.safetensors"))
    assert made.keys() == trained.keys()  # the base's pooler left out, the heads in
    assert all(torch.equal(made[k], trained[k]) for k in made)
    assert (reader / "vocab.txt").read_text() == (base / "vocab.txt").read_text()
    question, windows = "When did the port strike begin?", ["It began on Tuesday.", "The port."]
    assert [r.score for r in OnnxReader(reader).read(question, windows)] == pytest.approx(
        [r.score for r in Reader(reader).read(question, windows)], abs=1e-5
    )


def test_an_unassembled_reader_says_how_to_assemble_it(tmp_path: Path) -> None:
    _, reader, _ = _adapted(tmp_path)
    for made in (OnnxReader(reader), Reader(reader)):
        with pytest.raises(ConfigurationError, match="make mpnet-reader"):
            made.read("When?", ["Then."])
    with pytest.raises(ConfigurationError, match="no adapters"):
        assemble(tmp_path / "base", tmp_path)
    with pytest.raises(ConfigurationError, match=r"python -m training\.mpnet"):
        assemble(tmp_path / "nowhere", reader)


def test_each_reader_id_answers_with_its_own_confidence_fit(fake_embedder, tmp_path) -> None:
    assert reader_folder("mpnet-reader-onnx") == MPNET_READER_DIR
    assert calibration_for(MPNET_READER_DIR) == MPNET_READER_DIR / "confidence.json"
    assert calibration_for(reader_folder("minilm-reader-onnx")) == CALIBRATION
    assert calibration_for(tmp_path) == CALIBRATION  # a folder without a fit of its own
    own = json.loads((MPNET_READER_DIR / "confidence.json").read_text())
    assert own["weights"] != json.loads(CALIBRATION.read_text())["weights"]
    settings = Settings(reader="mpnet-reader-onnx", tagger="none")
    answerer = make_generator("extractive", settings, fake_embedder)
    assert answerer.calibration == load_calibration(MPNET_READER_DIR / "confidence.json")  # type: ignore[attr-defined]
    assert isinstance(make_reader("mpnet-reader-onnx"), OnnxReader)
    with pytest.raises(ConfigurationError, match="mpnet-reader-onnx"):
        make_generator("extractive", Settings(reader="mpnet"), fake_embedder)


def test_each_reader_has_its_own_bar_for_bold_unless_the_setting_says(fake_embedder) -> None:
    own = load_calibration(MPNET_READER_DIR / "confidence.json").not_sure_below
    shipped = load_calibration(CALIBRATION).not_sure_below
    assert own != shipped  # the mpnet reader's bar was chosen on its own answers
    for reader, bar in (("mpnet-reader-onnx", own), ("minilm-reader-onnx", shipped)):
        settings = Settings(reader=reader, tagger="none")
        assert make_generator("extractive", settings, fake_embedder).not_sure_below == bar  # type: ignore[attr-defined]
    chosen = Settings(reader="mpnet-reader-onnx", tagger="none", not_sure_below=0.5)
    assert make_generator("extractive", chosen, fake_embedder).not_sure_below == 0.5  # type: ignore[attr-defined]

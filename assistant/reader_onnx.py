"""The reader run by ONNX Runtime: the same network, cheaper on a CPU.

Made from the committed weights (`model.safetensors`) on first use, or by `make install`
(`python -m assistant.reader_onnx`): exported with torch.onnx and its attention, GELU and layer
norms fused by ONNX Runtime's transformer optimizer (`reader-float.onnx`: the same numbers as
torch to ~1e-5, about 0.8x its cost); `reader-int8.onnx` also has every matrix of the encoder
quantized to int8 per output channel, the two small heads left in float (about 0.55x the cost,
and measurably worse answers). An MPNet reader (trained from all-mpnet-base-v2) exports the
same way, with the inputs its tokenizer gives (no token types). The files are kept beside the
weights with a note of the weights' sha256, so retrained weights are exported again. Figures:
BENCHMARKS.md ("The reader in ONNX Runtime").
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any, Literal

import numpy as np

from assistant.errors import ConfigurationError, run_at_edge
from assistant.reader import (
    READ_TOKENS,
    READER_DIR,
    Forward,
    Reader,
    load_network,
    load_tokenizer,
    require_weights,
)
from assistant.store.atomic import atomic_write, atomic_write_json

Precision = Literal["float", "int8"]
NOTE_NAME = "reader-onnx.json"  # the sha256 of the weights the files were made from
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def weights_sha256(folder: Path) -> str:
    """The sha256 of a reader folder's weights (what its ONNX files were made from)."""
    digest = hashlib.sha256()
    with open(require_weights(folder), "rb") as weights:
        for block in iter(lambda: weights.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def onnx_path(folder: Path, precision: Precision = "float") -> Path:
    """The ONNX file of a reader folder, made now unless it is there and up to date."""
    target, note = folder / f"reader-{precision}.onnx", folder / NOTE_NAME
    digest = weights_sha256(folder)
    made = json.loads(note.read_text()) if note.exists() else {}
    if target.exists() and made.get(target.name) == digest:
        return target
    print(f"newsdesk: making the reader's ONNX file {target} (once, ~10 s)", file=sys.stderr)
    # The exporter's tracer warnings and the quantizer's advice are not the user's business.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quiet = logging.getLogger().level
        logging.getLogger().setLevel(logging.ERROR)
        try:
            export(folder, target, precision)
            made = json.loads(note.read_text()) if note.exists() else {}
            atomic_write_json(note, {**made, target.name: digest})
        except OSError as error:  # e.g. a read-only install
            raise ConfigurationError(
                f"cannot write the reader's ONNX file beside its weights ({error}): run "
                "`python -m assistant.reader_onnx` once as the user who installed newsdesk, or "
                "set NEWSDESK_READER=minilm-reader"
            ) from error
        finally:
            logging.getLogger().setLevel(quiet)
    return target


def export(folder: Path, target: Path, precision: Precision) -> None:
    """Export and fuse the reader of `folder` (and quantize it, for int8) into `target`."""
    if precision == "int8":
        _quantize(onnx_path(folder, "float"), target)  # from the float file, made once
        return
    import torch
    from onnxruntime.transformers import optimizer

    _, tokenizer, network = load_network(folder)
    # The optimizer fuses the eager attention's operators into one Attention node per layer
    # (PyTorch's scaled-dot-product attention exports as pieces it does not recognise). An
    # MPNet reader's attention, with its relative position bias, stays in pieces; its GELUs and
    # layer norms are fused.
    network.bert.config._attn_implementation = "eager"
    example = tokenizer(["a question?"] * 2, ["a window.", "another window"], padding=True)
    inputs = [name for name in INPUTS if name in example]  # MPNet has no token types
    arguments = tuple(torch.tensor(example[name]) for name in inputs)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*inputs, "start", "end")}
    with tempfile.TemporaryDirectory() as work:
        plain = Path(work) / "reader.onnx"
        torch.onnx.export(
            network,
            arguments,
            str(plain),
            input_names=inputs,
            output_names=["start", "end", "answerable"],
            dynamic_axes={**axes, "answerable": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
        config = network.bert.config
        optimized = optimizer.optimize_model(
            str(plain),
            model_type="bert",
            num_heads=config.num_attention_heads,
            hidden_size=config.hidden_size,
        )
        atomic_write(target, lambda path: optimized.save_model_to_file(str(path)))


def _quantize(fused: Path, target: Path) -> None:
    """The fused float file with every encoder matrix in int8 (per output channel, dynamic
    activations); the two heads stay float."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    float_heads = [
        node.name
        for node in onnx.load(str(fused)).graph.node
        if node.op_type in ("MatMul", "Gemm") and ("span" in node.name or "answerable" in node.name)
    ]
    atomic_write(
        target,
        lambda path: quantize_dynamic(
            str(fused),
            str(path),
            weight_type=QuantType.QInt8,
            per_channel=True,
            nodes_to_exclude=float_heads,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        ),
    )


class OnnxReader(Reader):
    """The reader run by ONNX Runtime (same interface, same tokenizer as the torch one)."""

    def __init__(
        self,
        folder: Path = READER_DIR,
        max_tokens: int = READ_TOKENS,
        precision: Precision = "float",
    ) -> None:
        super().__init__(folder, max_tokens)
        self.precision: Precision = precision

    def _build(self) -> tuple[Any, Forward]:
        try:
            import onnxruntime
        except ImportError as error:
            raise ConfigurationError(
                "the ONNX reader needs onnxruntime: pip install -e . (or use reader = "
                "minilm-reader)"
            ) from error
        options = onnxruntime.SessionOptions()
        # Threads that spin between requests take the core the web app needs.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = onnxruntime.InferenceSession(
            str(onnx_path(self.folder, self.precision)),
            options,
            providers=["CPUExecutionProvider"],
        )
        tokenizer = load_tokenizer(self.folder)

        inputs = [given.name for given in session.get_inputs()]

        def forward(batch: dict[str, np.ndarray]) -> tuple[np.ndarray, ...]:
            return tuple(session.run(None, {name: batch[name] for name in inputs}))

        return tokenizer, forward


def main() -> int:
    """`python -m assistant.reader_onnx [FOLDER] [float|int8 ...]`: make (or check) the files
    now (default: the shipped reader's float file)."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else READER_DIR

    def make() -> int:
        for precision in sys.argv[2:] or ["float"]:
            if precision not in ("float", "int8"):
                raise ConfigurationError(f"unknown precision {precision!r}; choose float or int8")
            print(onnx_path(folder, precision))  # type: ignore[arg-type]
        return 0

    return run_at_edge(make)


if __name__ == "__main__":
    sys.exit(main())

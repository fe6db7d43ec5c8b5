"""The readers a settings id can name, and the one factory that makes them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.errors import ConfigurationError
from assistant.reader import READ_TOKENS, READER_DIR, Reader
from assistant.reader_assembly import MPNET_READER_DIR
from assistant.reader_onnx import OnnxReader

READERS: dict[str, Callable[[int], Reader]] = {
    "minilm-reader": lambda tokens: Reader(READER_DIR, tokens),  # in torch
    # The same weights run by ONNX Runtime (assistant/reader_onnx.py): the same readings, and
    # quantized to int8 (cheaper, worse).
    "minilm-reader-onnx": lambda tokens: OnnxReader(READER_DIR, tokens, "float"),
    "minilm-reader-int8": lambda tokens: OnnxReader(READER_DIR, tokens, "int8"),
    # The adapted mpnet reader (assistant/reader_assembly.py; `make mpnet-reader` assembles it):
    # better answers at several times the reading cost (BENCHMARKS.md).
    "mpnet-reader-onnx": lambda tokens: OnnxReader(MPNET_READER_DIR, tokens, "float"),
    "mpnet-reader": lambda tokens: Reader(MPNET_READER_DIR, tokens),
}
# Where each reader's folder is: a reader with a confidence fit of its own keeps it there.
FOLDERS: dict[str, Path] = {
    name: MPNET_READER_DIR if name.startswith("mpnet") else READER_DIR for name in READERS
}


def make_reader(name: str, max_tokens: int = READ_TOKENS) -> Reader:
    """The reader for a settings id (nothing loads yet); the error lists the ids that exist."""
    return READERS[_known(name)](max_tokens)


def reader_folder(name: str) -> Path:
    """The folder of a settings id's weights (and of its own confidence fit, if it has one)."""
    return FOLDERS[_known(name)]


def _known(name: str) -> str:
    if name not in READERS:
        raise ConfigurationError(f"unknown reader {name!r}; choose one of: {', '.join(READERS)}")
    return name

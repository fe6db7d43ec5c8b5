"""The readers a settings id can name, and the one factory that makes them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.errors import ConfigurationError
from assistant.reader import MAX_TOKENS, READ_TOKENS, READER_DIR, Reader
from assistant.reader_assembly import MPNET_READER_DIR
from assistant.reader_cascade import CASCADE_DIR, CascadeReader
from assistant.reader_onnx import OnnxReader

# Each id: the folder of its weights (and of its own confidence fit, if it has one), and how the
# reader is made from that folder and the word pieces it reads.
READERS: dict[str, tuple[Path, Callable[[Path, int], Reader]]] = {
    "minilm-reader": (READER_DIR, Reader),  # in torch
    # The same weights run by ONNX Runtime (assistant/reader_onnx.py): the same readings, and
    # quantized to int8 (cheaper, worse).
    "minilm-reader-onnx": (READER_DIR, lambda folder, tokens: OnnxReader(folder, tokens, "float")),
    "minilm-reader-int8": (READER_DIR, lambda folder, tokens: OnnxReader(folder, tokens, "int8")),
    # The adapted mpnet reader (assistant/reader_assembly.py; `make mpnet-reader` assembles it):
    # better answers at several times the reading cost (BENCHMARKS.md).
    "mpnet-reader-onnx": (
        MPNET_READER_DIR,
        lambda folder, tokens: OnnxReader(folder, tokens, "float"),
    ),
    "mpnet-reader": (MPNET_READER_DIR, Reader),
    # The student reads every window, mpnet rereads the best one (assistant/reader_cascade.py).
    "cascade-reader": (
        CASCADE_DIR,
        lambda folder, tokens: CascadeReader(
            folder,
            OnnxReader(READER_DIR, tokens, "float"),
            # The one window it rereads, whole: at 88 word pieces a long sentence before the
            # candidate cut off its end ("… until Jan. 15, 2025"); 128, as it was trained.
            OnnxReader(MPNET_READER_DIR, max(tokens, MAX_TOKENS), "float"),
        ),
    ),
}


def make_reader(name: str, max_tokens: int = READ_TOKENS) -> Reader:
    """The reader for a settings id (nothing loads yet); the error lists the ids that exist."""
    folder, make = READERS[_known(name)]
    return make(folder, max_tokens)


def reader_folder(name: str) -> Path:
    """The folder of a settings id's weights (and of its own confidence fit, if it has one)."""
    return READERS[_known(name)][0]


def _known(name: str) -> str:
    if name not in READERS:
        raise ConfigurationError(f"unknown reader {name!r}; choose one of: {', '.join(READERS)}")
    return name

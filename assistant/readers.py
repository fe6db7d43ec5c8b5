"""The readers a settings id can name, and the one factory that makes them."""

from __future__ import annotations

from collections.abc import Callable

from assistant.errors import ConfigurationError
from assistant.reader import READ_TOKENS, READER_DIR, Reader
from assistant.reader_onnx import OnnxReader

READERS: dict[str, Callable[[int], Reader]] = {
    "minilm-reader": lambda tokens: Reader(READER_DIR, tokens),  # in torch
    # The same weights run by ONNX Runtime (assistant/reader_onnx.py): the same readings, and
    # quantized to int8 (cheaper, worse).
    "minilm-reader-onnx": lambda tokens: OnnxReader(READER_DIR, tokens, "float"),
    "minilm-reader-int8": lambda tokens: OnnxReader(READER_DIR, tokens, "int8"),
}


def make_reader(name: str, max_tokens: int = READ_TOKENS) -> Reader:
    """The reader for a settings id (nothing loads yet); the error lists the ids that exist."""
    try:
        return READERS[name](max_tokens)
    except KeyError:
        raise ConfigurationError(
            f"unknown reader {name!r}; choose one of: {', '.join(READERS)}"
        ) from None

"""Prompt templates are files in prompts/; loading checks their placeholders."""

from __future__ import annotations

import string
from pathlib import Path

from assistant.errors import ConfigurationError

PLACEHOLDERS: dict[str, frozenset[str]] = {
    "answer": frozenset({"passages", "question", "not_found"}),
    "condense": frozenset({"history", "question"}),
}


def load_prompt(folder: Path, name: str) -> str:
    """The template `folder/name.txt`, checked to use exactly its named placeholders."""
    path = folder / f"{name}.txt"
    try:
        template = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigurationError(f"cannot read prompt {path}: {error}") from error
    found = {field for _, field, _, _ in string.Formatter().parse(template) if field}
    expected = PLACEHOLDERS[name]
    if found != expected:
        raise ConfigurationError(
            f"prompt {path} must use the placeholders {sorted(expected)}, found {sorted(found)}"
        )
    return template

"""The few domain exceptions. They are raised deep and caught only at the edges (CLI, UI)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError


class NewsdeskError(Exception):
    """Base class: every message names what went wrong and how to fix it."""


class UnreadableInput(NewsdeskError):
    """One input file (or JSONL line) cannot be turned into an article; the batch goes on."""


class UnsupportedFormat(UnreadableInput):
    """The file's extension is not one we can read."""


class NothingIngested(NewsdeskError):
    """No input of an ingest could be read; `report` says why for each one."""

    def __init__(self, message: str, report: object) -> None:
        super().__init__(message)
        self.report = report


class IndexMismatch(NewsdeskError):
    """The index on disk was built by another embedder or schema than the one configured."""


class IndexCorrupt(NewsdeskError):
    """The index on disk cannot be read."""


class StoreUnavailable(NewsdeskError):
    """The database (NEWSDESK_DATABASE_URL) or Ray cluster (`--ray`) cannot be reached."""


class ArticleNotFound(NewsdeskError):
    """An article id that the index does not hold."""


class GeneratorFailed(NewsdeskError):
    """The configured LLM backend did not answer (server down, model missing, bad reply)."""


class InvalidQuestion(NewsdeskError):
    """A question newsdesk will not try: empty, without words, or over the length limit."""


class ConfigurationError(NewsdeskError):
    """A setting names something that does not exist or cannot be used here."""


def run_at_edge(action: Callable[[], int]) -> int:
    """Run a command at an edge (CLI, `python app.py`): a domain or settings error becomes one
    line on stderr and exit code 2, never a traceback."""
    from pydantic import ValidationError

    try:
        return action()
    except NewsdeskError as error:
        print(f"newsdesk: error: {error}", file=sys.stderr)
    except ValidationError as error:
        print(f"newsdesk: error: invalid setting: {settings_problem(error)}", file=sys.stderr)
    return 2


def settings_problem(error: ValidationError) -> str:
    """What is wrong with the settings, without the values given: pydantic's own text repeats
    every input, a password or database URL included."""
    problems = []
    for item in error.errors(include_input=False, include_url=False, include_context=False):
        field = ".".join(str(part) for part in item["loc"])
        name = f"NEWSDESK_{field.upper()}: " if field else ""
        problems.append(f"{name}{item['msg'].removeprefix('Value error, ')}")
    return "; ".join(problems)

"""newsdesk: ask questions about news articles, get short answers with exact, dated citations.

from assistant import Newsdesk, Settings
desk = Newsdesk.open(Settings(index_dir="index"))
desk.ingest(["articles/"])
hits = desk.search("luxury export ban", k=5)

The names below are imported when first used, so that a process that needs only a small part
(the model process, the settings) does not pay for LangChain, FAISS and the rest at start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from assistant import _offline  # noqa: F401  (must run before any Hugging Face import)

_EXPORTS = {
    "Article": "assistant.articles",
    "ArticleNotFound": "assistant.errors",
    "Hit": "assistant.retrieval",
    "IndexCorrupt": "assistant.errors",
    "IndexMismatch": "assistant.errors",
    "IngestReport": "assistant.ingest",
    "Newsdesk": "assistant.desk",
    "NewsdeskError": "assistant.errors",
    "NewsdeskRetriever": "assistant.retrieval.langchain",
    "NothingIngested": "assistant.errors",
    "SearchFilters": "assistant.retrieval",
    "Settings": "assistant.settings",
    "UnreadableInput": "assistant.errors",
}
__all__ = [
    "Article",
    "ArticleNotFound",
    "Hit",
    "IndexCorrupt",
    "IndexMismatch",
    "IngestReport",
    "Newsdesk",
    "NewsdeskError",
    "NewsdeskRetriever",
    "NothingIngested",
    "SearchFilters",
    "Settings",
    "UnreadableInput",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'assistant' has no attribute {name!r}")
    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from assistant.articles import Article
    from assistant.desk import Newsdesk
    from assistant.errors import (
        ArticleNotFound,
        IndexCorrupt,
        IndexMismatch,
        NewsdeskError,
        NothingIngested,
        UnreadableInput,
    )
    from assistant.ingest import IngestReport
    from assistant.retrieval import Hit, SearchFilters
    from assistant.retrieval.langchain import NewsdeskRetriever
    from assistant.settings import Settings

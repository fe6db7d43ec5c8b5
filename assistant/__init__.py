"""newsdesk: ask questions about news articles, get short answers with exact, dated citations.

from assistant import Newsdesk, Settings
desk = Newsdesk.open(Settings(index_dir="index"))
desk.ingest(["articles/"])
hits = desk.search("luxury export ban", k=5)
"""

from assistant import _offline  # noqa: F401  (must run before any Hugging Face import)
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

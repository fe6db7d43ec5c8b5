"""Dense, keyword and hybrid retrieval over the index, and its LangChain retriever."""

from assistant.retrieval.hits import Hit, SearchFilters
from assistant.retrieval.searcher import HybridSearcher
from assistant.settings import MODES, Mode

__all__ = ["MODES", "Hit", "HybridSearcher", "Mode", "SearchFilters"]

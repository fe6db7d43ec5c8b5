"""The hybrid searcher as a LangChain retriever, usable inside any LCEL chain."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.retrieval.hits import Hit, SearchFilters
from assistant.retrieval.searcher import HybridSearcher, Mode


def hit_to_document(hit: Hit) -> Document:
    """A LangChain Document whose metadata carries every field of the hit except its text."""
    metadata: dict[str, Any] = hit.to_dict()
    del metadata["text"]
    return Document(page_content=hit.text, metadata=metadata)


class NewsdeskRetriever(BaseRetriever):
    """`retriever.invoke("luxury export ban")` → Documents with article id, title, date, offsets."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    searcher: HybridSearcher
    k: int = 5
    filters: SearchFilters = SearchFilters()
    mode: Mode = "hybrid"

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        hits = self.searcher.search(query, k=self.k, filters=self.filters, mode=self.mode)
        return [hit_to_document(hit) for hit in hits]

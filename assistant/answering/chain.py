"""retrieve → answer → cite → verify as one LangChain Runnable that apps can invoke or stream."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from langchain_core.runnables import Runnable, RunnableGenerator, RunnableLambda

from assistant.answering.answer import Answer
from assistant.answering.conversation import QuestionRewriter
from assistant.answering.generator import AnswerGenerator
from assistant.retrieval import HybridSearcher, SearchFilters


@dataclass(frozen=True)
class AnswerChunk:
    """A streamed piece: answer text as it comes, and the finished Answer in the last piece."""

    text: str = ""
    answer: Answer | None = None

    def __add__(self, other: AnswerChunk) -> AnswerChunk:
        return AnswerChunk(self.text + other.text, other.answer or self.answer)


def build_answer_chain(
    searcher: HybridSearcher, generator: AnswerGenerator, rewriter: QuestionRewriter, k: int
) -> Runnable[dict[str, Any], AnswerChunk]:
    """Input: {"question", optional "history" (Turns), "filters" (SearchFilters), "k"}."""

    def rewrite(inputs: dict[str, Any]) -> dict[str, Any]:
        history = inputs.get("history") or []
        return {**inputs, "standalone": rewriter.rewrite(inputs["question"], history)}

    def retrieve(inputs: dict[str, Any]) -> dict[str, Any]:
        filters = inputs.get("filters") or SearchFilters()
        wanted = inputs.get("k") or k
        # Copies of a story are dropped; several passages of its one article may be read.
        hits = searcher.search(
            inputs["standalone"],
            wanted,
            filters,
            all_copies=inputs.get("all_copies"),
            per_story=wanted,
        )
        # The answer often sits next to the best-matching passage (the reason after the event).
        return {**inputs, "hits": searcher.widen(hits)}

    def answer(stream: Iterator[dict[str, Any]]) -> Iterator[AnswerChunk]:
        for inputs in stream:
            for item in generator.stream(inputs["standalone"], inputs["hits"]):
                if isinstance(item, Answer):
                    final = item.with_question(inputs["question"], inputs["standalone"])
                    yield AnswerChunk(answer=final)
                else:
                    yield AnswerChunk(text=item)

    return (
        RunnableLambda(rewrite, name="rewrite")
        | RunnableLambda(retrieve, name="retrieve")
        | RunnableGenerator(answer, name="answer")
    )

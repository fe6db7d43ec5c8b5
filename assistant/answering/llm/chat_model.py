"""LLM generators through LangChain chat models; their answers are checked against the passages."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage

from assistant.answering.generator import AnswerGenerator
from assistant.answering.llm.verify import is_supported
from assistant.answering.types import NOT_FOUND_ANSWER, Answer, AnswerSentence, Citation
from assistant.embedding import Embedder
from assistant.errors import GeneratorFailed, NewsdeskError
from assistant.retrieval import Hit
from assistant.sentences import split_sentences

_MARKER = re.compile(r"\[(\d+)\]")
_MARKERS_AND_SPACE = re.compile(r"\s*(?:\[\d+\]\s*)+")


def number_passages(hits: Sequence[Hit]) -> str:
    """Passages as the prompt shows them: [n] title (date) newline text."""
    blocks = []
    for n, hit in enumerate(hits, start=1):
        published = hit.published.isoformat() if hit.published else "date unknown"
        blocks.append(f"[{n}] {hit.title} ({published})\n{' '.join(hit.text.split())}")
    return "\n\n".join(blocks)


def _best_quote(sentence: str, hit: Hit, embedder: Embedder) -> tuple[int, int]:
    """Offsets (in the article) of the passage sentence closest in meaning to `sentence`."""
    spans = split_sentences(hit.text) or []
    if not spans:
        return hit.start, hit.end
    vectors = embedder.embed_documents([sentence] + [hit.text[s.start : s.end] for s in spans])
    best = spans[int((vectors[1:] @ vectors[0]).argmax())]
    return hit.start + best.start, hit.start + best.end


def parse_llm_answer(
    question: str,
    text: str,
    hits: Sequence[Hit],
    embedder: Embedder,
    threshold: float,
    strict: bool,
    generator: str,
) -> Answer:
    """Split the LLM's text into sentences, map [n] to exact quotes, flag unsupported sentences."""
    if NOT_FOUND_ANSWER.casefold().rstrip(".") in text.casefold() or not text.strip():
        return Answer.not_found(question, generator=generator)
    citations: dict[int, Citation] = {}  # passage number → citation (renumbered by first use)
    sentences: list[AnswerSentence] = []
    for span in split_sentences(text.strip()):
        raw = text.strip()[span.start : span.end]
        numbers = [int(n) for n in _MARKER.findall(raw) if 1 <= int(n) <= len(hits)]
        plain = _MARKERS_AND_SPACE.sub(" ", raw).strip()
        if not plain or plain in {".", "!", "?"}:
            continue
        cited = [hits[n - 1] for n in dict.fromkeys(numbers)]
        supported = is_supported(plain, [h.text for h in cited], embedder, threshold)
        if strict and not supported:
            continue
        markers = []
        for n, hit in zip(dict.fromkeys(numbers), cited, strict=True):
            if n not in citations:
                start, end = _best_quote(plain, hit, embedder)
                citations[n] = Citation.quoting(len(citations) + 1, hit, start, end)
            markers.append(citations[n].n)
        shown = plain + "".join(f" [{m}]" for m in markers)
        sentences.append(AnswerSentence(shown, tuple(markers), supported=supported))
    if not sentences:
        return Answer.not_found(question, generator=generator)
    ordered = tuple(sorted(citations.values(), key=lambda c: c.n))
    return Answer(question, "answered", tuple(sentences), ordered, generator=generator)


class ChatModelGenerator(AnswerGenerator):
    """Any LangChain chat model, prompted with numbered passages and asked to cite them."""

    def __init__(
        self,
        name: str,
        chat_model: BaseChatModel,
        template: str,
        embedder: Embedder,
        threshold: float,
        strict: bool,
    ) -> None:
        self.name = name
        self.chat_model = chat_model
        self.template = template
        self.embedder = embedder
        self.threshold = threshold
        self.strict = strict

    def prompt(self, question: str, hits: Sequence[Hit]) -> str:
        """The filled-in answer prompt."""
        return self.template.format(
            passages=number_passages(hits), question=question, not_found=NOT_FOUND_ANSWER
        )

    def stream(self, question: str, hits: Sequence[Hit]) -> Iterator[str | Answer]:
        if not hits:
            yield Answer.not_found(question, generator=self.name)
            return
        text = ""
        try:
            for chunk in self.chat_model.stream([HumanMessage(self.prompt(question, hits))]):
                piece = chunk.content if isinstance(chunk.content, str) else ""
                text += piece
                if piece:
                    yield piece
        except NewsdeskError:
            raise
        except Exception as error:  # each client library raises its own connection errors
            raise GeneratorFailed(
                f"the {self.name} generator did not answer ({type(error).__name__}: {error}); "
                "check the LLM settings or use --generator extractive"
            ) from error
        yield parse_llm_answer(
            question, text, hits, self.embedder, self.threshold, self.strict, self.name
        )

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        final: Any = None
        for item in self.stream(question, hits):
            final = item
        assert isinstance(final, Answer)
        return final

    def condense(self, template: str, history: str, question: str) -> str:
        """Ask the model for a standalone form of a follow-up question."""
        reply = self.chat_model.invoke(
            [HumanMessage(template.format(history=history, question=question))]
        )
        text = reply.content if isinstance(reply.content, str) else ""
        return text.strip().split("\n")[0].strip() or question

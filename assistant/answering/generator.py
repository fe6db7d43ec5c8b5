"""The answer-generator interface: retrieved passages in, a cited Answer out (or streamed)."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence

from assistant.answering.types import Answer
from assistant.retrieval import Hit

_PIECE = re.compile(r"\S+\s*")


class AnswerGenerator(ABC):
    """One backend (extractive, an OpenAI-compatible server, a local GGUF)."""

    name: str = ""

    @abstractmethod
    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        """Answer `question` from `hits` (best first); every sentence cites them."""

    def warm_up(self) -> None:
        """Load what the first answer needs (models) now; nothing by default."""
        return None

    def lighter(self) -> AnswerGenerator:
        """The answerer for a further try before refusing, which reads new passages: the same
        by default; one that reads less where reading costs (the reader's second looks)."""
        return self

    def stream(self, question: str, hits: Sequence[Hit]) -> Iterator[str | Answer]:
        """Text pieces as they are ready, then the finished Answer as the last item."""
        answer = self.answer(question, hits)
        yield from _PIECE.findall(answer.answer)
        yield answer

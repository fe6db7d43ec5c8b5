"""The default answerer: picks the best one to three sentences of the retrieved articles.

Nothing is generated but the date notes, so every quote is the article's own words at the offsets
given. Each sentence is scored on meaning (MiniLM), shared words, what the question asks for (a
date for "when", a number for "how many" …) and the rank of its passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.evidence.candidates import Candidate, Scored, candidates
from assistant.answering.evidence.premises import unsupported_premise
from assistant.answering.evidence.quoting import (
    COMPANION_RATIO,
    REDUNDANT_OVERLAP,
    quote_sentences,
    word_overlap,
)
from assistant.answering.evidence.shortlist import shortlist
from assistant.answering.generator import AnswerGenerator
from assistant.answering.question.names import missing_entities
from assistant.answering.question.parse import (
    Question,
    parse_question,
    type_match,
)
from assistant.answering.types import Answer, AnswerSentence, Citation
from assistant.embedding import Embedder
from assistant.retrieval import Hit

_COMPLETION_RATIO = 0.5
_HEAD_WORDS = 40
_HEADING_PENALTY = 0.9
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$")


class ExtractiveAnswerer(AnswerGenerator):
    """Citation-exact: the answer is made of the articles' sentences."""

    name = "extractive"

    def __init__(self, embedder: Embedder, min_score: float, max_sentences: int = 3) -> None:
        self.embedder = embedder
        self.min_score = min_score
        self.max_sentences = max_sentences

    def score(self, question: Question, found: Sequence[Candidate]) -> list[Scored]:
        """Each candidate's score in [0, 1], best first."""
        if not found:
            return []
        # The model reads only the most promising sentences: that keeps `ask` near 100 ms.
        chosen = shortlist(question, found)
        # A sentence's first words carry its meaning; long tails only pad the batch.
        heads = [" ".join(c.text.split()[:_HEAD_WORDS]) for _, c in chosen]
        vectors = self.embedder.embed_documents(heads, batch_size=len(heads) or 1)
        meaning = vectors @ self.embedder.embed_query(question.text)
        scored = []
        for (partial, candidate), similarity in zip(chosen, meaning, strict=True):
            value = 0.5 * float(similarity) + partial
            if not _SENTENCE_END.search(candidate.text.rstrip()):
                value *= _HEADING_PENALTY  # a heading or caption, not a statement
            scored.append(Scored(candidate, value, float(similarity)))
        return sorted(scored, key=lambda s: -s.score)

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        parsed = parse_question(question)
        if missing_entities(parsed, hits):
            # The question names something no retrieved passage mentions ("... on Iran?"):
            # a close paraphrase about something else is not an answer.
            return Answer.not_found(question)
        ranked = self.score(parsed, candidates(hits))
        if not ranked or ranked[0].score < self.min_score:
            return Answer.not_found(question)
        best = ranked[0]
        premise = unsupported_premise(question, [best.candidate])
        if premise is not None:
            return premise
        chosen = [best]
        for other in ranked[1:]:
            if len(chosen) >= self.max_sentences or other.score < best.score * COMPANION_RATIO:
                break
            if all(
                word_overlap(other.candidate.text, c.candidate.text) < REDUNDANT_OVERLAP
                for c in chosen
            ):
                chosen.append(other)
        completion = self._completion(parsed, ranked, chosen)
        if completion is not None:
            chosen = [*chosen[: self.max_sentences - 1], completion]
        return self._compose(question, parsed, chosen)

    @staticmethod
    def _completion(
        question: Question, ranked: list[Scored], chosen: list[Scored]
    ) -> Scored | None:
        """When no chosen sentence holds what was asked for (a reason for "why", a date for
        "when" …), the best sentence of the same articles that does, if it is close enough."""
        if question.kind == "other":
            return None
        if any(type_match(question.kind, c.candidate.text) == 1.0 for c in chosen):
            return None
        articles = {c.candidate.hit.article_id for c in chosen}
        floor = chosen[0].score * _COMPLETION_RATIO
        for other in ranked:
            if other.score < floor:
                return None
            if (
                other not in chosen
                and other.candidate.hit.article_id in articles
                and type_match(question.kind, other.candidate.text) == 1.0
            ):
                return other
        return None

    def _compose(self, question: str, parsed: Question, chosen: list[Scored]) -> Answer:
        # Readable order: articles in order of their best sentence, sentences in text order.
        article_rank: dict[str, int] = {}
        for item in chosen:
            article_rank.setdefault(item.candidate.hit.article_id, len(article_rank))
        ordered = sorted(
            chosen, key=lambda s: (article_rank[s.candidate.hit.article_id], s.candidate.start)
        )
        citations: list[Citation] = []
        sentences: list[AnswerSentence] = []
        for item in ordered:
            candidate = item.candidate
            hit = candidate.hit
            n = len(citations) + 1
            citations.append(Citation.quoting(n, hit, candidate.start, candidate.end))
            sentences.extend(quote_sentences(parsed, candidate, n, first=not sentences))
        return Answer(question, "answered", tuple(sentences), tuple(citations))

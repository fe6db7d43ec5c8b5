"""The default answerer: picks the best one to three sentences of the retrieved articles.

Nothing is generated but the date notes, so every quote is the article's own words at the offsets
given. Each sentence is scored on meaning (MiniLM), shared words, what the question asks for (a
date for "when", a number for "how many" …) and the rank of its passage.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from assistant.answering.answer import Answer, AnswerSentence, Citation
from assistant.answering.candidates import Candidate, Scored, candidates
from assistant.answering.entities import missing_entities
from assistant.answering.generator import AnswerGenerator
from assistant.answering.instructions import addresses_the_reader
from assistant.answering.question import (
    Question,
    parse_question,
    stems,
    type_match,
)
from assistant.answering.temporal import format_day, relative_phrases, time_mentions
from assistant.articles.dates import DATE_EXPRESSION, parse_date
from assistant.embedding import Embedder
from assistant.retrieval import Hit
from assistant.sentences import split_sentences

REDUNDANT_OVERLAP = 0.5
COMPANION_RATIO = 0.9  # a second sentence must score this share of the best
_COMPLETION_RATIO = 0.5
_SHORTLIST = 8
_SAME_DAY_BONUS = 0.1
_HEAD_WORDS = 40
_HEADING_PENALTY = 0.9
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$")


def word_overlap(a: str, b: str) -> float:
    """Shared stems over the shorter text's: 1.0 when one says nothing the other does not."""
    first, second = set(stems(a)), set(stems(b))
    return len(first & second) / max(1, min(len(first), len(second)))


def _date_bonus(question: Question, candidate: Candidate) -> float:
    """A question about a day favours sentences about that day, then articles of that day."""
    if not question.dates:
        return 0.0
    published = candidate.hit.published
    said = {parse_date(m.group(0)) for m in DATE_EXPRESSION.finditer(candidate.text)}
    said |= {m.first_day for m in time_mentions(candidate.text, published) if m.is_day}
    if said & set(question.dates):
        return _SAME_DAY_BONUS
    return _SAME_DAY_BONUS / 2 if published in question.dates else 0.0


def quote_text(candidate: Candidate) -> str:
    """A quote as the answer shows it: the article's words with runs of spaces made one."""
    return _SPACE.sub(" ", candidate.text).strip()


class ExtractiveAnswerer(AnswerGenerator):
    """Citation-exact: the answer is made of the articles' sentences."""

    name = "extractive"

    def __init__(self, embedder: Embedder, min_score: float, max_sentences: int = 3) -> None:
        self.embedder = embedder
        self.min_score = min_score
        self.max_sentences = max_sentences

    def shortlist(
        self, question: Question, found: Sequence[Candidate], size: int = _SHORTLIST
    ) -> list[tuple[float, Candidate]]:
        """The most promising candidates by cheap scores (shared words, what is asked for, the
        passage's rank, the day), best first."""
        sentence_stems = [set(stems(c.text)) for c in found]
        frequency = Counter(stem for bag in sentence_stems for stem in bag)
        weights = {t: math.log(1 + len(found) / (1 + frequency[t])) for t in question.terms}
        total = sum(weights.values()) or 1.0
        cheap: list[tuple[float, Candidate]] = []
        for candidate, bag in zip(found, sentence_stems, strict=True):
            lexical = sum(w for t, w in weights.items() if t in bag) / total
            kind = type_match(question.kind, candidate.text)
            prior = 1.0 / (1.0 + candidate.rank)
            dated = _date_bonus(question, candidate)
            cheap.append((0.3 * lexical + 0.12 * kind + 0.08 * prior + dated, candidate))
        return sorted(cheap, key=lambda pair: -pair[0])[:size]

    def score(self, question: Question, found: Sequence[Candidate]) -> list[Scored]:
        """Each candidate's score in [0, 1], best first."""
        if not found:
            return []
        # The model reads only the most promising sentences: that keeps `ask` near 100 ms.
        shortlist = self.shortlist(question, found)
        # A sentence's first words carry its meaning; long tails only pad the batch.
        heads = [" ".join(c.text.split()[:_HEAD_WORDS]) for _, c in shortlist]
        vectors = self.embedder.embed_documents(heads, batch_size=len(heads) or 1)
        meaning = vectors @ self.embedder.embed_query(question.text)
        scored = []
        for (partial, candidate), similarity in zip(shortlist, meaning, strict=True):
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
            sentences.extend(self._sentences(parsed, candidate, n, first=not sentences))
        return Answer(question, "answered", tuple(sentences), tuple(citations))

    @staticmethod
    def _sentences(
        question: Question, candidate: Candidate, n: int, first: bool
    ) -> list[AnswerSentence]:
        quote = quote_text(candidate)
        published = candidate.hit.published
        mentions = time_mentions(quote, published)
        days = [m for m in mentions if m.is_day]
        text = quote
        if addresses_the_reader(quote):
            text = f"The article says: “{quote}”"  # its words, not newsdesk's answer
        elif first and question.kind == "when" and days:
            text = f"On {days[0].describe()}: {quote}"
        result = [AnswerSentence(f"{text} [{n}]", (n,))]
        if mentions and published is not None:
            worked = "; ".join(f"“{m.phrase}” is {m.describe()}" for m in mentions)
            note = (
                f"({worked}, worked out from the article's published date, "
                f"{format_day(published, weekday=True)}.) [{n}]"
            )
            result.append(AnswerSentence(note, (n,), derived=True))
        elif (
            first
            and question.kind == "when"
            and published is not None
            and type_match("when", quote) == 0.0
        ):
            note = f"(The article was published on {format_day(published, weekday=True)}.) [{n}]"
            result.append(AnswerSentence(note, (n,), derived=True))
        elif published is None and (phrases := relative_phrases(quote)):
            said = ", ".join(f"“{p}”" for p in phrases)
            note = f"({said} cannot be dated: the article's published date is unknown.) [{n}]"
            result.append(AnswerSentence(note, (n,), derived=True))
        return result


def best_similarity(embedder: Embedder, sentence: str, passages: Sequence[str]) -> float:
    """Highest cosine between a sentence and any sentence of the passages."""
    pieces = [p[s.start : s.end] for p in passages for s in split_sentences(p)] or list(passages)
    vectors = embedder.embed_documents([sentence, *pieces])
    return float(np.max(vectors[1:] @ vectors[0])) if len(pieces) else 0.0

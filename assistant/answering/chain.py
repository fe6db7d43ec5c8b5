"""rewrite → plan (time, timeline) → retrieve → answer → date, conflicts as one LangChain Runnable
that apps can invoke or stream."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from langchain_core.runnables import Runnable, RunnableGenerator, RunnableLambda

from assistant.answering.evidence.news import LEAD_CHARS, asks_for_news
from assistant.answering.generator import AnswerGenerator
from assistant.answering.over_time.passed_plans import newer_hits, passed_day
from assistant.answering.over_time.plan import (
    anchor_day,
    constrained,
    dated,
    dated_first,
    earlier_years,
    few_per_article,
    newest_articles,
    timeline_as_answer,
    with_conflicts,
)
from assistant.answering.over_time.timeline import TimelineBuilder, timeline_request
from assistant.answering.question.conversation import QuestionRewriter
from assistant.answering.question.named_hits import name_hits, with_named
from assistant.answering.question.names import missing_entities
from assistant.answering.question.parse import parse_question
from assistant.answering.question.spelling import respelled, respellings, with_spelling
from assistant.answering.types import NOT_FOUND_ANSWER, Answer
from assistant.entities import EntityTagger
from assistant.retrieval import Hit, HybridSearcher, SearchFilters
from assistant.timeframe import (
    TimeConstraint,
    as_of_date,
    asks_running_total,
    parse_time_constraint,
)

NEWEST_TRIES = 3  # newest articles tried in turn for a "latest" question
NEWEST_PER_ARTICLE = 2  # passages of one article among those a "latest" question looks at
NEWEST_POOL = 100  # passages a "latest" question is looked up among (at least)
YEAR_HITS = 3  # hits (times k) among which an earlier year's same month is looked for
# An answer found only in the further passages read before refusing (`deeper`) must be more
# likely right than wrong by its fitted confidence (an LLM's answer, which has none, stands).
DEEPER_CONFIDENCE = 0.5


@dataclass(frozen=True)
class AnswerChunk:
    """A streamed piece: answer text as it comes, and the finished Answer in the last piece."""

    text: str = ""
    answer: Answer | None = None

    def __add__(self, other: AnswerChunk) -> AnswerChunk:
        return AnswerChunk(self.text + other.text, other.answer or self.answer)


def build_answer_chain(
    searcher: HybridSearcher,
    generator: AnswerGenerator,
    rewriter: QuestionRewriter,
    k: int,
    timelines: TimelineBuilder,
    as_of: date | None = None,
    tagger: EntityTagger | None = None,
    leads: int = 0,
    deeper: int = 0,
) -> Runnable[dict[str, Any], AnswerChunk]:
    """Input: {"question", optional "history" (Turns), "filters" (SearchFilters), "k",
    "as_of" (date; default `as_of`, then today), "all_copies" (bool)}. The `tagger`'s entities
    tell two reports of one thing from values of two subjects (see find_conflicts). When the
    passages answer nothing, `deeper` passages are searched and read before refusing."""
    further_reader = generator.lighter()  # the new passages of a `deeper` search, read once

    def rewrite(inputs: dict[str, Any]) -> dict[str, Any]:
        history = inputs.get("history") or []
        return {**inputs, "standalone": rewriter.rewrite(inputs["question"], history)}

    def plan(inputs: dict[str, Any]) -> dict[str, Any]:
        day = as_of_date(inputs.get("as_of") or as_of)
        question = inputs["standalone"]
        request = timeline_request(question)
        constraint = parse_time_constraint(request[1] if request else question, day)
        if not request and not constraint.newest and asks_running_total(question) and _dated():
            # "How many people have died …?": the newest report's count (a library of undated
            # passages has no newest one).
            constraint = replace(constraint, newest=True)
        if constraint.event:
            constraint = constraint.anchored(anchor_day(timelines, constraint.event, day))
        given = inputs.get("filters") or SearchFilters()
        filters = constrained(given, constraint, day)
        return {
            **inputs,
            "given_filters": given,
            "as_of": day,
            "time": constraint,
            "filters": filters,
            "timeline": request,
            # The filter holds the time range; the reader reads the question without it.
            "reading": constraint.without_phrase(question),
        }

    def _dated() -> bool:
        with searcher.index.lock:
            return searcher.index.published_range()[1] is not None

    def retrieve(inputs: dict[str, Any]) -> dict[str, Any]:
        if inputs["timeline"]:
            return {**inputs, "hits": []}
        hits = _search(inputs)
        spellings = _spellings(inputs, hits)
        if not spellings:
            return {**inputs, "hits": hits}
        # A name no passage mentions and one writes with a letter's slip ("Solznic"): asked
        # again as the articles spell it.
        respelled_inputs = {
            **inputs,
            "standalone": respelled(inputs["standalone"], spellings),
            "reading": respelled(inputs["reading"], spellings),
            "spellings": spellings,
        }
        return {**respelled_inputs, "hits": _search(respelled_inputs)}

    def _spellings(inputs: dict[str, Any], hits: list[Hit]) -> dict[str, str]:
        """The question's names no hit mentions, as the hits or the keyword ranking of those
        names write them with a letter's slip ("Quentin Miler": "Quentin" finds "Sheriff Quentin
        Miller said …")."""
        parsed = parse_question(inputs["reading"])
        missing = missing_entities(parsed, hits)
        if not missing:
            return {}
        named = name_hits(searcher, missing, inputs["filters"], all_copies=True)
        return respellings(parsed, [*hits, *named])

    def _search(inputs: dict[str, Any]) -> list[Hit]:
        wanted = inputs.get("k") or k
        newest = inputs["time"].newest
        # Copies of a story are dropped; several passages of its one article may be read.
        # Copies and updates of a story all count when the newest source is wanted.
        copies = True if newest else inputs.get("all_copies")
        hits = searcher.search(
            inputs["standalone"],
            max(wanted * 3 * NEWEST_PER_ARTICLE, NEWEST_POOL) if newest else wanted,
            inputs["filters"],
            all_copies=copies,
            per_story=wanted,
        )
        if newest:  # many articles, not many passages of a few: the newest may rank 70th
            hits = few_per_article(hits, NEWEST_PER_ARTICLE)
        hits = with_named(searcher, inputs["reading"], hits, inputs["filters"], copies)
        return dated_first(hits, inputs["filters"])

    def _dated_hit(inputs: dict[str, Any]) -> bool:
        return any(hit.published is not None for hit in inputs["hits"])

    def _wider(inputs: dict[str, Any]) -> dict[str, Any] | None:
        """What to read when the question's own range held nothing that answers: a yearless
        month's latest earlier occurrence that holds an article speaking to the question, else
        no range at all."""
        return _earlier_year(inputs) or _relaxed(inputs)

    def _earlier_year(inputs: dict[str, Any]) -> dict[str, Any] | None:
        """The latest earlier such month whose articles speak to the question, for a month
        with no year that held nothing ("What did Japan ban in March?" asked in December 2026:
        March 2022, not every month)."""
        constraint: TimeConstraint = inputs["time"]
        if not constraint.moves_by_year:
            return None
        wanted = (inputs.get("k") or k) * YEAR_HITS
        found = searcher.search(
            inputs["standalone"], wanted, _unbounded(inputs)[1], all_copies=True
        )
        years = earlier_years(found, constraint)
        moved = constraint.in_year(years[0]) if years else None
        if moved is None:
            return None
        filters = constrained(inputs["given_filters"], moved, inputs["as_of"])
        earlier = {**inputs, "time": moved, "filters": filters}
        earlier["hits"] = _search(earlier)
        return earlier if _dated_hit(earlier) else None

    def _unbounded(inputs: dict[str, Any]) -> tuple[TimeConstraint, SearchFilters]:
        """The question's time words with no range, and the filters that leaves (the as-of date
        and the caller's own)."""
        constraint: TimeConstraint = inputs["time"]
        wider = TimeConstraint(constraint.phrase, newest=constraint.newest, relaxed=True)
        return wider, constrained(inputs["given_filters"], wider, inputs["as_of"])

    def _relaxed(inputs: dict[str, Any]) -> dict[str, Any] | None:
        """The inputs without the question's own date range (the as-of date and the caller's
        filters stay), when it had one: a range that leaves nothing is no reason to refuse."""
        constraint: TimeConstraint = inputs["time"]
        if constraint.relaxed or not (constraint.after or constraint.before):
            return None
        wider, filters = _unbounded(inputs)
        relaxed = {
            **inputs,
            "time": wider,
            "filters": filters,
            # No longer a filter, the time words are the question's again: "How long did the
            # ILA strike last in 1977?" over 2024 articles asks of 1977, not of their strike. A
            # month with no year is not read ("What did Japan ban in March?" asked in December
            # 2026, over an article of March 2022): the answer says which date it is from.
            "reading": constraint.without_phrase(inputs["standalone"])
            if constraint.month_without_year
            else inputs["standalone"],
        }
        return {**relaxed, "hits": _search(relaxed)}

    def answer(stream: Iterator[dict[str, Any]]) -> Iterator[AnswerChunk]:
        for inputs in stream:
            producing = _produce(inputs)
            streamed = ""
            while True:
                try:
                    chunk = next(producing)
                except StopIteration as done:
                    final, inputs = done.value
                    break
                streamed += chunk.text
                yield chunk
            final = dated(final, inputs["as_of"], inputs["time"], inputs["hits"])
            final = with_spelling(final, inputs.get("spellings") or {})
            if final.answer.startswith(streamed.strip()):
                # What the answer gained after streaming (dates, notes) is streamed too; and a
                # refusal, whose text no try streamed.
                yield AnswerChunk(text=final.answer[len(streamed.strip()) :])
            yield AnswerChunk(answer=final.with_question(inputs["question"], inputs["standalone"]))

    def _produce(
        inputs: dict[str, Any],
    ) -> Generator[AnswerChunk, None, tuple[Answer, dict[str, Any]]]:
        """The answer (streamed) and the inputs it was made from."""
        if inputs["timeline"]:
            topic, _ = inputs["timeline"]
            timeline = timelines.build(
                topic,
                inputs["as_of"],
                after=inputs["time"].after,
                before=inputs["time"].before,
                sources=inputs["filters"].sources,
            )
            final = timeline_as_answer(inputs["standalone"], timeline)
            yield AnswerChunk(text=final.answer)
            return final, inputs
        # A range in which no dated article speaks to the question is dropped before answering;
        # one whose articles do not answer, after.
        inputs = (None if _dated_hit(inputs) else _wider(inputs)) or inputs
        final = yield from _answer_from_hits(inputs)
        while final.status == "not_found" and (wider := _wider(inputs)) is not None:
            inputs = wider  # an earlier year's month, then no range: each at most once
            final = yield from _answer_from_hits(inputs)
        if final.status == "not_found" and (further := _deeper(inputs)) is not None:
            again = yield from _answer_from_hits(further, further_reader)
            sure = 1.0 if again.confidence is None else again.confidence
            if again.status == "answered" and sure >= DEEPER_CONFIDENCE:
                return again, further
        return final, inputs

    def _deeper(inputs: dict[str, Any]) -> dict[str, Any] | None:
        """The inputs with the passages a search for `deeper` finds beyond those read, when it
        finds any: the passage that answers may rank sixth ("Prior to the early 1960s, access
        to the forest's interior was highly restricted" for when access to the Amazon was).
        Only for a question that names something: one that names nothing ("Who is performing
        the halftime show?") has only its words to tie a passage to it, which passages further
        down share by chance. Not for "latest" questions, which read many articles already."""
        if inputs["time"].newest or deeper <= (inputs.get("k") or k):
            return None
        if not parse_question(inputs["reading"]).entities:
            return None
        read = {(hit.article_id, hit.start) for hit in inputs["hits"]}
        further = {**inputs, "k": deeper}
        further["hits"] = [h for h in _search(further) if (h.article_id, h.start) not in read]
        return further if further["hits"] else None

    def _answer_from_hits(
        inputs: dict[str, Any], answerer: AnswerGenerator = generator
    ) -> Generator[AnswerChunk, None, Answer]:
        if inputs["time"].newest:
            return (yield from _newest(inputs))
        read = searcher.widen(inputs["hits"])
        hits = read + _leads(inputs["hits"], read)
        final = yield from _generate(inputs["reading"], hits, answerer)
        final = with_conflicts(final, inputs["hits"], tagger)
        if passed_day(final, inputs["as_of"]) is None or not (
            newer := newer_hits(final, inputs["hits"])
        ):
            return final
        # "When will …?" answered with a day already gone by the as-of date: a plan that newer
        # reports may have moved. Their day still to come answers; else the first answer stands
        # (and says its day had passed: `dated`). Not streamed: the text streamed so far is the
        # first answer's, and the final answer replaces it.
        again = answerer.answer(inputs["reading"], searcher.widen(newer))
        if again.short_answer is None or passed_day(again, inputs["as_of"]) is not None:
            return final
        return with_conflicts(again, inputs["hits"], tagger)

    def _leads(hits: list[Hit], read: list[Hit]) -> list[Hit]:
        """The leads of the best `leads` articles whose opening no passage read holds."""
        opened = {hit.article_id for hit in read if hit.start == 0}
        articles = list(dict.fromkeys(hit.article_id for hit in hits))[:leads]
        first = {hit.article_id: hit for hit in reversed(hits)}
        return [searcher.lead(first[a], LEAD_CHARS) for a in articles if a not in opened]

    def _generate(
        question: str, hits: list[Hit], answerer: AnswerGenerator
    ) -> Generator[AnswerChunk, None, Answer]:
        """The generator's answer, its text streamed — but not the refusal's: a refusal may be
        followed by another try (more passages, a wider range), and the last one's refusal
        is streamed by `answer`."""
        final = Answer.not_found(question, generator=answerer.name)
        held: str | None = ""  # what may yet be the refusal; None once it is not
        for item in answerer.stream(question, hits):
            if isinstance(item, Answer):
                final = item
            elif held is None:
                yield AnswerChunk(text=item)
            elif NOT_FOUND_ANSWER.startswith((held := held + item).strip()):
                continue
            else:
                yield AnswerChunk(text=held)
                held = None
        if final.status == "answered" and held:  # an answer as short as the refusal's start
            yield AnswerChunk(text=held)
        return final

    def _newest(inputs: dict[str, Any]) -> Generator[AnswerChunk, None, Answer]:
        """A "latest" question is answered from the newest article that speaks to it."""
        question = inputs["reading"]
        parsed = parse_question(question)
        named = (lambda group: not missing_entities(parsed, group)) if parsed.entities else None
        for group in newest_articles(inputs["hits"], named)[:NEWEST_TRIES]:
            found = Answer.not_found(question, generator=generator.name)
            read = searcher.widen(group)
            if asks_for_news(question) and all(hit.start > 0 for hit in read):
                read = [searcher.lead(group[0], LEAD_CHARS), *read]  # its newest development
            for item in generator.stream(question, read):
                if isinstance(item, Answer):
                    found = item
            if found.status == "answered":
                yield AnswerChunk(text=found.answer)
                return found
        return Answer.not_found(question, generator=generator.name)

    return (
        RunnableLambda(rewrite, name="rewrite")
        | RunnableLambda(plan, name="plan")
        | RunnableLambda(retrieve, name="retrieve")
        | RunnableGenerator(answer, name="answer")
    )

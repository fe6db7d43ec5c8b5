"""Timelines: how a topic developed, as dated, ordered, cited events.

Events are retrieved sentences that report something happening. Each is dated by the date it
states, else by a relative day ("on Tuesday") resolved against its article's published date, else
by the published date itself — and says which (`date_basis`). The same happening told by several
articles (copies of a story, or another outlet's report of the same day) is one event with every
source cited. Events of undated articles without a stated date are listed apart, never placed by
guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import numpy as np

from assistant.answering.evidence.candidates import Candidate, candidates
from assistant.answering.over_time.actors import another_actors
from assistant.answering.over_time.background import is_background, old_time
from assistant.answering.question.parse import parse_question, stems
from assistant.answering.question.relative_time import DAY_MONTH, time_mentions, yearless_day
from assistant.answering.types import Citation, DateBasis, Event, Timeline
from assistant.articles.dates import DATE_EXPRESSION, parse_date
from assistant.embedding import Embedder
from assistant.retrieval import HybridSearcher, SearchFilters
from assistant.timeframe import format_day

_NOT_NAMES = {"timeline", "chronology", "how", "what"}
SEARCH_K = 40  # passages read for one timeline (every copy: their sources are kept)
MAX_EVENTS = 15
MIN_RELEVANCE = 0.3  # cosine of an event sentence to the topic
SAME_HAPPENING = 0.75  # cosine of two same-day sentences that tell one happening
# A day and month without a year ("Jan. 18", "25 March"): of the article's year.
# Something happened: a verb in the past tense (or a present-perfect / passive form of one).
_HAPPENED = re.compile(
    r"\b(?:\w{3,}ed|said|told|took|made|began|met|won|lost|froze|rose|fell|hit|cut|set|"
    r"put|held|left|led|sent|shut|struck|went|came|gave|signed|agreed|announced|imposed|"
    r"banned|launched|declared|decided|approved|resumed|ended|arrested|reported)\b",
    re.IGNORECASE,
)
# Lines an outlet adds around a wire story: they report nothing.
_BOILERPLATE = re.compile(
    r"\b(?:subscribe|newsletter|all rights reserved|copyright|read more|follow (?:us|the)|"
    r"sign up|click here|related:|may not be (?:published|reproduced))\b",
    re.IGNORECASE,
)
# What did not happen: "Had poor weather conditions or technical issues arose and caused a delay,
# Starliner could instead attempt to return Sept. 10, Sept. 14 or Sept. 18" (real news: it was
# put at 10 September in Starliner's timeline), "it would have landed on Wednesday".
_UNREAL = re.compile(r"^\W*Had\b|\b(?:would|could|might|should)(?:\s+not|n['’]t)?\s+have\b", re.I)
_TOPIC_LEAD = re.compile(
    r"^\s*(?:(?:please\s+)?(?:give|show|tell|make|build|draw)\s+(?:me\s+)?)?"
    r"(?:(?:a|the)\s+)?(?:timeline|chronology|sequence of events)\s+(?:of|for|on|about)\s+"
    r"(?P<topic>.+?)\s*[?.!]*$",
    re.IGNORECASE,
)
_DEVELOP = re.compile(
    r"^\s*how\s+(?:did|has|have)\s+(?P<topic>.+?)\s+(?:develop|developed|unfold|unfolded|"
    r"evolve|evolved|progress|progressed|change|changed)\b(?P<rest>.*?)[?.!]*$",
    re.IGNORECASE,
)
_SINCE = re.compile(
    r"^\s*what\s+(?:has\s+)?happened\s+(?:with|to|in|on)\s+(?P<topic>.+?)"
    r"(?P<rest>\s+(?:since|after|before|between|in)\s+.+?)?\s*[?.!]*$",
    re.IGNORECASE,
)


def timeline_request(question: str) -> tuple[str, str] | None:
    """(topic, time words) when a question asks for a timeline ("timeline of …", "how did …
    develop", "what happened with … since …"); None otherwise."""
    for pattern in (_TOPIC_LEAD, _DEVELOP, _SINCE):
        match = pattern.match(question)
        if match is None:
            continue
        rest = (match.groupdict().get("rest") or "").strip()
        if pattern is _SINCE and not rest:
            return None  # "what happened to X?" asks for one thing, not a history
        return match.group("topic").strip(), rest
    return None


def topic_names(topic: str) -> list[str]:
    """The names a topic turns on ("Japan", "Russia" in "Japan's sanctions against Russia")."""
    return [n for n in parse_question(topic).entities if n not in _NOT_NAMES]


def _names_all(names: Sequence[str], sentence: str, title: str) -> bool:
    """The sentence or its article's title names every one of the topic's names (as a word or
    the start of one: "Japanese" for Japan)."""
    said = f"{sentence} {title}".casefold()
    return all(re.search(rf"\b{re.escape(name)}", said) for name in names)


def _reports_a_happening(candidate: Candidate) -> bool:
    text = " ".join(candidate.text.split())
    if text.lstrip("# ") == " ".join(candidate.hit.title.split()):
        return False  # the headline repeats what a sentence of the article tells
    return (
        bool(_HAPPENED.search(text)) and not _BOILERPLATE.search(text) and not _UNREAL.search(text)
    )


def _recalled(candidate: Candidate) -> bool:
    """An earlier event an article recalls without its day ("the last strike, in 2008"): it
    would be dated by the article, so it stays out of the topic's timeline."""
    text, published = candidate.text, candidate.hit.published
    return is_background(text, published) and event_date(text, published)[1] != "stated"


def _earlier_event(candidate: Candidate, names: Sequence[str]) -> bool:
    """An event long before its article that the sentence tells without naming the topic: a
    look back at other bridges in an article titled "Baltimore's Key Bridge is not the first"
    ("It collapsed into the Mississippi River … on Aug. 1, 2007") is not the Key Bridge's."""
    published = candidate.hit.published
    if not names or published is None or _names_all(names, candidate.text, ""):
        return False
    return old_time(candidate.text, published)


def event_date(sentence: str, published: date | None) -> tuple[date | None, DateBasis | None]:
    """The day a sentence reports, and how it was found."""
    for match in DATE_EXPRESSION.finditer(sentence):
        stated = parse_date(match.group(0))
        if stated is not None:
            return stated, "stated"
    if published is not None:
        partial = DAY_MONTH.search(sentence)
        if partial is not None:
            stated = yearless_day(partial, published)
            if stated is not None:
                return stated, "stated"
        days = [m for m in time_mentions(sentence, published) if m.is_day]
        if days:
            return days[0].first_day, "relative"
        return published, "published"
    return None, None


class TimelineBuilder:
    """Retrieves, dates, merges and orders the events of a topic."""

    def __init__(self, searcher: HybridSearcher, embedder: Embedder) -> None:
        self.searcher = searcher
        self.embedder = embedder

    def build(
        self,
        topic: str,
        as_of: date,
        *,
        after: date | None = None,
        before: date | None = None,
        sources: Sequence[str] = (),
    ) -> Timeline:
        """The timeline of `topic` as of a date, its events between `after` and `before`."""
        filters = SearchFilters(sources=tuple(sources), as_of=as_of)
        hits = self.searcher.search(topic, SEARCH_K, filters, all_copies=True)
        found = [c for c in candidates(hits) if _reports_a_happening(c)]
        if not found:
            return Timeline(topic, as_of)
        terms = set(stems(topic))
        names = topic_names(topic)
        found = [
            c
            for c in found
            if _names_all(names, c.text, c.hit.title)
            and not _recalled(c)
            and not _earlier_event(c, names)
            and not another_actors(c, names)
        ]
        if not found:
            return Timeline(topic, as_of)
        vectors = self.embedder.embed_documents([c.text for c in found])
        relevance = vectors @ self.embedder.embed_query(topic)
        keep = [
            i
            for i, c in enumerate(found)
            if relevance[i] >= MIN_RELEVANCE and (not terms or terms & set(stems(c.text)))
        ]
        dated = [(found[i], vectors[i], float(relevance[i])) for i in keep]
        groups = _merge(dated)
        groups = [g for g in groups if _within(g[0], after, before)]
        groups.sort(key=lambda g: -g[2])
        groups = groups[:MAX_EVENTS]
        groups.sort(key=_order)
        events: list[Event] = []
        undated: list[Event] = []
        number = 0
        for (day, basis), members, _ in groups:  # dated ones first: they are numbered first
            cited = []
            for candidate in members:
                number += 1
                cited.append(
                    Citation.quoting(number, candidate.hit, candidate.start, candidate.end)
                )
            event = Event(day, basis, " ".join(members[0].text.split()), tuple(cited))
            (events if day is not None else undated).append(event)
        return Timeline(topic, as_of, tuple(events), tuple(undated))


_Group = tuple[tuple[date | None, DateBasis | None], list[Candidate], float]


def _merge(dated: list[tuple[Candidate, np.ndarray, float]]) -> list[_Group]:
    """One group per happening: same day and the same words or meaning; every source kept."""
    groups: list[tuple[tuple[date | None, DateBasis | None], list[Candidate], float, np.ndarray]]
    groups = []
    for candidate, vector, relevance in sorted(dated, key=lambda item: -item[2]):
        when = event_date(candidate.text, candidate.hit.published)
        words = " ".join(candidate.text.split())
        for index, (other_when, members, best, other_vector) in enumerate(groups):
            # Copies repeat a sentence word for word, whenever each ran; two reports of one
            # day's happening tell it in other words.
            same_words = words == " ".join(members[0].text.split())
            same_day = other_when[0] == when[0]
            if not (same_words or (same_day and float(vector @ other_vector) >= SAME_HAPPENING)):
                continue
            if all(m.hit.article_id != candidate.hit.article_id for m in members):
                members.append(candidate)
            earliest = min((other_when, when), key=_earliest)
            groups[index] = (earliest, members, max(best, relevance), other_vector)
            break
        else:
            groups.append((when, [candidate], relevance, vector))
    return _one_background_event_per_article(
        [(when, members, best) for when, members, best, _ in groups]
    )


def _earliest(when: tuple[date | None, DateBasis | None]) -> int:
    return when[0].toordinal() if when[0] else 10**9


def _one_background_event_per_article(groups: list[_Group]) -> list[_Group]:
    """Sentences dated only by publication are mostly background: each article keeps its most
    relevant one (groups come best first); sentences that say when stay."""
    seen: set[str] = set()
    kept: list[_Group] = []
    for group in groups:
        (_, basis), members, _ = group
        if basis == "published":
            articles = {m.hit.article_id for m in members}
            if articles & seen:
                continue
            seen |= articles
        kept.append(group)
    return kept


def _within(
    when: tuple[date | None, DateBasis | None], after: date | None, before: date | None
) -> bool:
    day = when[0]
    if day is None:
        return True  # listed apart: nothing says when it happened
    return (after is None or day >= after) and (before is None or day <= before)


def _order(group: _Group) -> tuple[int, int, str, int]:
    (day, _), members, _ = group
    first = members[0]
    published = first.hit.published
    return (
        day.toordinal() if day else 10**9,
        published.toordinal() if published else 0,
        first.hit.article_id,
        first.start,
    )


def timeline_answer_text(event: Event) -> str:
    """How an event reads in a chat answer: its day, then the quote."""
    day = format_day(event.date) if event.date else "Undated"
    return f"{day} — {event.text}"

"""What answering produces, as data: an Answer (text with [n] markers, the citations they point
to, a status, a short answer), and the Conflicts, Developments and Timelines an answer can
carry.

The lowest module of answering/: every stage imports these types, and this module imports none
of the stages."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from assistant.retrieval import Hit
from assistant.store import Copy
from assistant.timeframe import TimeConstraint, format_day
from assistant.uploads import json_source

NOT_FOUND_ANSWER = "I could not find this in the articles."
Status = Literal["answered", "not_found"]
DateBasis = Literal["stated", "relative", "published"]  # how a timeline event was dated


@dataclass(frozen=True)
class Citation:
    """Marker [n] → the exact characters [start, end) of an article's stored text."""

    n: int
    article_id: str
    title: str
    published: date | None
    source: str
    quote: str
    start: int
    end: int
    passage: str = ""  # the retrieved passage around the quote, for showing context
    passage_start: int = 0
    page: int | None = None
    also_in: tuple[Copy, ...] = ()  # other copies of the story, newest first
    age: str | None = None  # "3 days earlier": the article's age as of the answer's date
    age_days: int | None = None

    @classmethod
    def quoting(cls, n: int, hit: Hit, start: int, end: int) -> Citation:
        """Citation n of article offsets [start, end), which lie inside the retrieved passage."""
        return cls(
            n=n,
            article_id=hit.article_id,
            title=hit.title,
            published=hit.published,
            source=hit.source,
            quote=hit.at(start, end),
            start=start,
            end=end,
            passage=hit.text,
            passage_start=hit.start,
            page=hit.page,
            also_in=hit.also_in,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (CLI, web API)."""
        return {
            "n": self.n,
            "article_id": self.article_id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            **json_source(self.source),
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "passage": self.passage,
            "passage_start": self.passage_start,
            "also_in": [copy.to_dict() for copy in self.also_in],
            "age": self.age,
            "age_days": self.age_days,
        }


@dataclass(frozen=True)
class AnswerSentence:
    """One sentence of the answer, the citations it carries, and whether they support it."""

    text: str
    citations: tuple[int, ...]
    supported: bool = True
    derived: bool = False  # worked out by newsdesk (e.g. a date), not quoted

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "text": self.text,
            "citations": list(self.citations),
            "supported": self.supported,
            "derived": self.derived,
        }


@dataclass(frozen=True)
class ShortAnswer:
    """The answer itself (a date, a name, a number, a list of things) as an exact article span.

    `text == article.text[start:end]` of citation `citation`, except for a relative day, whose
    `text` is the day worked out ("Friday, 25 March 2022") and `resolved_from` the words at
    [start, end) ("Friday").
    """

    text: str
    citation: int
    start: int
    end: int
    resolved_from: str | None = None

    def lead(self, sure: bool) -> str:
        """How it opens the answer: in bold, or marked as doubtful."""
        return f"**{self.text}** —" if sure else f"*Not sure:* {self.text} —"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`short_answer` of `ask --json`)."""
        found: dict[str, Any] = {
            "text": self.text,
            "citation": self.citation,
            "start": self.start,
            "end": self.end,
        }
        if self.resolved_from is not None:
            found["resolved_from"] = self.resolved_from
        return found


@dataclass(frozen=True)
class Report:
    """One story's value, the citation that shows it, and when it was published."""

    value: str
    citation: int
    published: date | None
    source: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {
            "value": self.value,
            "citation": self.citation,
            "published": self.published.isoformat() if self.published else None,
            **json_source(self.source),
        }


@dataclass(frozen=True)
class Conflict:
    """Reports that differ on one thing (`about`: the unit counted, or "date")."""

    about: str
    reports: tuple[Report, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (an entry of `conflicts` in `ask --json`)."""
        return {"about": self.about, "reports": [r.to_dict() for r in self.reports]}

    def sentence(self) -> str:
        """'Reports differ: 12 protesters [1] (10 March 2023); 15 protesters [2] (…).'"""
        parts = [
            f"{r.value} [{r.citation}] ({format_day(r.published) if r.published else 'undated'})"
            for r in self.reports
        ]
        return "Reports differ: " + "; ".join(parts) + "."


@dataclass(frozen=True)
class Step:
    """One value of a development: what was reported, on which day, and the citation."""

    value: str
    citation: int
    day: date
    source: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (an entry of a development's `steps`)."""
        return {
            "value": self.value,
            "citation": self.citation,
            "day": self.day.isoformat(),
            **json_source(self.source),
        }


@dataclass(frozen=True)
class Development:
    """Successive values of one amount as a story went on (`about`: the unit), oldest first:
    an offer raised, a toll that grew — not reports that disagree."""

    about: str
    steps: tuple[Step, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (an entry of `developments` in `ask --json`)."""
        return {"about": self.about, "steps": [s.to_dict() for s in self.steps]}

    def sentence(self) -> str:
        """'Reported over time: 40% [1] (26 September 2024) → 50% [2] (1 October 2024).'"""
        parts = [f"{s.value} [{s.citation}] ({format_day(s.day)})" for s in self.steps]
        return "Reported over time: " + " → ".join(parts) + "."


@dataclass(frozen=True)
class Event:
    """One happening: its date (and how it was found), the sentence, and every source."""

    date: date | None
    date_basis: DateBasis | None
    text: str
    citations: tuple[Citation, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (an entry of `events` or `undated`)."""
        return {
            "date": self.date.isoformat() if self.date else None,
            "date_basis": self.date_basis,
            "text": self.text,
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True)
class Timeline:
    """`newsdesk timeline --json`: dated events in order, and the undated ones apart."""

    topic: str
    as_of: date
    events: tuple[Event, ...] = ()
    undated: tuple[Event, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The JSON form shared by the CLI, the Python API and the web API."""
        return {
            "topic": self.topic,
            "as_of": self.as_of.isoformat(),
            "events": [e.to_dict() for e in self.events],
            "undated": [e.to_dict() for e in self.undated],
        }


@dataclass(frozen=True)
class Answer:
    """A question's answer. `answer` is the sentences joined, each ending in its [n] markers."""

    question: str
    status: Status
    sentences: tuple[AnswerSentence, ...] = ()
    citations: tuple[Citation, ...] = ()
    standalone_question: str = ""
    generator: str = "extractive"
    notes: tuple[str, ...] = field(default=())
    short_answer: ShortAnswer | None = None
    as_of: date | None = None
    time: TimeConstraint | None = None
    conflicts: tuple[Conflict, ...] = ()
    developments: tuple[Development, ...] = ()
    timeline: Timeline | None = None
    premise: Literal["unsupported"] | None = None  # the question assumes what no article says
    # How likely the answer is right, 0–1 (the extractive answerer's calibrated estimate; None
    # for LLM answers and when nothing was read).
    confidence: float | None = None

    @property
    def answer(self) -> str:
        """The answer text shown to the user."""
        if self.status == "not_found":
            return NOT_FOUND_ANSWER
        return " ".join(sentence.text for sentence in self.sentences)

    @classmethod
    def not_found(
        cls, question: str, standalone: str = "", generator: str = "extractive"
    ) -> Answer:
        """The refusal: one fixed sentence, nothing cited."""
        return cls(question, "not_found", standalone_question=standalone, generator=generator)

    def with_question(self, question: str, standalone: str) -> Answer:
        """The same answer recorded against the user's words and the rewritten question."""
        return replace(self, question=question, standalone_question=standalone)

    @property
    def short_source(self) -> Citation | None:
        """The citation the short answer is from (None without a short answer)."""
        short = self.short_answer
        return next((c for c in self.citations if short and c.n == short.citation), None)

    def doubted(self, note: AnswerSentence) -> Answer:
        """The answer with `note` at its end, and its short answer, where it leads in bold,
        marked as doubtful."""
        lead, short = self.sentences[0], self.short_answer
        if short is not None and lead.text == short.lead(sure=True):
            lead = replace(lead, text=short.lead(sure=False))
        return replace(self, sentences=(lead, *self.sentences[1:], note))

    def to_dict(self) -> dict[str, Any]:
        """The `newsdesk ask --json` object."""
        return {
            "question": self.question,
            "answer": self.answer,
            "status": self.status,
            "citations": [c.to_dict() for c in self.citations],
            "sentences": [s.to_dict() for s in self.sentences],
            "standalone_question": self.standalone_question or self.question,
            "generator": self.generator,
            "short_answer": self.short_answer.to_dict() if self.short_answer else None,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "time": self.time.to_dict() if self.time and self.time.active else None,
            "conflicts": [c.to_dict() for c in self.conflicts],
            "developments": [d.to_dict() for d in self.developments],
            "timeline": self.timeline.to_dict() if self.timeline else None,
            "confidence": self.confidence,
            # Only when the articles say the opposite of what the question assumes.
            **({"premise": self.premise} if self.premise else {}),
        }

"""Questions that ask for news ("What is the latest on …?", "Any updates on …?", "Is … still
going on?"): what the newest article reports answers them, its lead first (a news article opens
with its newest development, the "inverted pyramid")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from assistant.answering.evidence.candidates import Candidate, context
from assistant.answering.question.parse import Question, stems

NEWS_ON = re.compile(
    r"\b(?:latest|news|updates?|developments?)\s+(?:on|about|in|with|for|regarding)\b"
    r"|\bwhat(?:'s|’s| is| has been)\s+(?:new|happening)\b",
    re.IGNORECASE,
)
_STILL = re.compile(r"^\s*(?:is|are|was|were|do|does|has|have)\b.*\bstill\b", re.IGNORECASE)
# "When will the astronauts return?", "When is the launch expected?": a plan, which newer
# reports revise (asks_for_plan).
_PLAN = re.compile(
    r"^\W*when\s+(?:will|shall|(?:is|are)\s+the\s+next\b|(?:is|are)\b[^?]*\b(?:(?:expected"
    r"|scheduled|slated|due|planned)\b|(?:set|going)\s+to\b))",
    re.IGNORECASE,
)
_WHEN_IS = re.compile(r"^\W*when\s+(?:is|are)\b", re.IGNORECASE)
# Sentences that start this far into their article are its lead.
LEAD_CHARS = 600
LEAD_BONUS = 0.3
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’')\]]?\s*$")
# Stemmed words that ask for news, not what about ("latest", "updates", "still going").
_NEWS_TERMS = frozenset(stems("latest news updates recent most developments still going now"))


def asks_for_news(question: str) -> bool:
    """ "What is the latest on …?", "Any news about …?", "Is … still going on?": answered by
    what the newest article reports, its lead first."""
    return bool(NEWS_ON.search(question) or _STILL.search(question))


def asks_for_plan(question: str) -> bool:
    """ "When will the Starliner astronauts return?", "When is Starliner expected to land?",
    "When is the next total solar eclipse?": a time still to come, which each newer report may
    move (June 18, then June 22, then June 26, then February)."""
    return _PLAN.search(question) is not None


def asks_for_time_to_come(question: str) -> bool:
    """A plan (`asks_for_plan`), or "When is / are …?" ("When are the Oscars?"): a time still to
    come, or now — not the years an event was held before."""
    return asks_for_plan(question) or _WHEN_IS.search(question) is not None


def in_lead(candidate: Candidate) -> bool:
    """Whether a sentence is in its (dated) article's lead — a sentence, not its headline."""
    return (
        candidate.hit.published is not None
        and candidate.start < LEAD_CHARS
        and _ENDS_SENTENCE.search(candidate.text) is not None
    )


def newest_report(parsed: Question, found: Sequence[Candidate]) -> Candidate | None:
    """For a question that asks for news, what the newest article among `found` reports of it:
    its first lead sentence whose sentence, neighbours and title hold every word the question
    asks about ("What is the latest on the Key Bridge?"). When no lead does and the question
    asks of one part of its topic ("victims" of "Any updates on the Key Bridge victims?"; a lead
    on the ship refloated is no news of them), its first sentence that itself holds that part,
    in an article whose title and sentences read hold the rest ("On May 7 … the final victim was
    recovered from the river"). None for other questions, or when no sentence is such."""
    if not asks_for_news(parsed.text):
        return None
    about = set(parsed.terms) - _NEWS_TERMS
    leads = [c for c in found if in_lead(c) and about <= set(stems(context(c)))]
    if leads:
        return _first_of_newest(leads)
    part = about - set(stems(" ".join(parsed.entities)))
    if not part or not parsed.entities:  # a topic of no name ("the shipping channel"): any
        return None  # sentence of any article might hold its words
    told: dict[str, set[str]] = {}  # article → the words of its title and sentences read
    for candidate in found:
        words = told.setdefault(candidate.hit.article_id, set(stems(candidate.hit.title)))
        words.update(stems(context(candidate)))
    reports = [
        c
        for c in found
        if c.hit.published is not None
        and part <= set(stems(c.text))
        and about <= told[c.hit.article_id]
    ]
    return _first_of_newest(reports) if reports else None


def _first_of_newest(found: Sequence[Candidate]) -> Candidate:
    """The earliest sentence of the newest article among `found`."""
    newest = max(c.hit.published or date.min for c in found)
    return min((c for c in found if (c.hit.published or date.min) == newest), key=lambda c: c.start)

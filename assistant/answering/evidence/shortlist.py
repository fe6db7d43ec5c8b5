"""The shortlist: the candidate sentences most worth reading, by cheap scores.

Shared words (weighted by rarity among the candidates), what the question asks for (a date for
"when", a number for "how many" …), the passage's rank, the day a question names, and for "Who
are the <noun>?" a sentence that says who they are. Both
answerers read only the shortlist: the hand-tuned one embeds it, the reader reads it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence

from assistant.answering.evidence.candidates import Candidate
from assistant.answering.question.answer_type import described_name
from assistant.answering.question.parse import Question, stems, type_match
from assistant.answering.question.relative_time import time_mentions
from assistant.articles.dates import DATE_EXPRESSION, parse_date

SHORTLIST = 8
_SAME_DAY_BONUS = 0.1
_NAMING_BONUS = 0.2
# "Who are the Starliner astronauts?": the noun whose holders are asked for ("astronaut").
_WHO_IS_THE = re.compile(
    r"^\s*who\s+(?:is|are|was|were)\s+(?:the\s+)?(?:[\w'’.-]+\s+){0,3}?(?P<noun>[A-Za-z-]+?)"
    r"(?:e?s)?(?:\s+(?:of|at|for|in|on)\b[^?]*)?\s*\?\s*$",
    re.IGNORECASE,
)


def _names_the_holder(question: str) -> Callable[[str], bool]:
    """For "Who is/are the <noun> …?": whether a sentence says who they are — the noun, then
    "is/are/was/were" and a name ("The two NASA astronauts on board the Starliner … are Barry
    'Butch' Wilmore and …"), where a sentence that only shares the question's words ("Just like
    Elon Musk's SpaceX capsule, Starliner … can ferry astronauts") does not."""
    asked = _WHO_IS_THE.match(question)
    if asked is None or described_name(question) is not None:
        return lambda _sentence: False
    told = re.compile(
        rf"(?i:\b{re.escape(asked.group('noun'))}(?:e?s)?\b)[^.;:!?]{{0,60}}?"
        r"\b(?i:is|are|was|were)\s+(?:now\s+)?[\"“]?[A-Z]"
    )
    return lambda sentence: told.search(sentence) is not None


def shortlist(
    question: Question, found: Sequence[Candidate], size: int = SHORTLIST
) -> list[tuple[float, Candidate]]:
    """The most promising candidates by cheap scores (shared words, what is asked for, the
    passage's rank, the day), best first."""
    sentence_stems = [set(stems(c.text)) for c in found]
    frequency = Counter(stem for bag in sentence_stems for stem in bag)
    weights = {t: math.log(1 + len(found) / (1 + frequency[t])) for t in question.terms}
    total = sum(weights.values()) or 1.0
    naming = _names_the_holder(question.text)
    cheap: list[tuple[float, Candidate]] = []
    for candidate, bag in zip(found, sentence_stems, strict=True):
        lexical = sum(w for t, w in weights.items() if t in bag) / total
        kind = type_match(question.kind, candidate.text)
        prior = 1.0 / (1.0 + candidate.rank)
        bonus = date_bonus(question, candidate) + (_NAMING_BONUS if naming(candidate.text) else 0)
        cheap.append((0.3 * lexical + 0.12 * kind + 0.08 * prior + bonus, candidate))
    return sorted(cheap, key=lambda pair: -pair[0])[:size]


def date_bonus(question: Question, candidate: Candidate) -> float:
    """A question about a day favours sentences about that day, then articles of that day."""
    if not question.dates:
        return 0.0
    published = candidate.hit.published
    said = {parse_date(m.group(0)) for m in DATE_EXPRESSION.finditer(candidate.text)}
    said |= {m.first_day for m in time_mentions(candidate.text, published) if m.is_day}
    if said & set(question.dates):
        return _SAME_DAY_BONUS
    return _SAME_DAY_BONUS / 2 if published in question.dates else 0.0

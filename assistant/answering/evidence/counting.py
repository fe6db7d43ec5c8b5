"""The number a "how many" question asks for: the count of the thing it counts, and when a
sentence cannot hold it (it never names that thing)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.evidence.amounts import COUNT
from assistant.answering.evidence.candidates import Candidate
from assistant.answering.evidence.entity_spans import entity_span
from assistant.answering.question.answer_type import Labels, unit_stems
from assistant.entities import Entity

# Things counted that a sentence may leave unnamed ("a population of 1.2 million" counts people;
# "in 1990 and again in 1995" counts times or years).
_UNNAMED_COUNTS = frozenset(
    unit_stems(
        "people persons individuals residents inhabitants citizens times years months weeks "
        "days hours minutes seconds"
    )
)


_COUNTED_WORDS = 6
_BEFELL = re.compile(r"\W*\s*(?:were\s+|have been\s+|had been\s+)?[a-z]+ed\b")  # "136,000 killed"


def counting(
    choices: Sequence[tuple[Candidate, tuple[int, int]]],
    entities: dict[tuple[str, int], list[Entity]],
    labels: Labels,
    counted: str,
) -> tuple[Candidate, tuple[int, int]] | None:
    """The first of the span choices that is a number of the thing counted, else the number of
    it in the best span's sentence ("Thirty-six … ports" for "how many ports", not "45,000
    union workers" in the same sentence)."""

    def counts(candidate: Candidate, span: tuple[int, int]) -> bool:
        after = " ".join(_words_after(candidate, span))
        # Up to the next number after a word: "390 billion trees divided into 16,000 species"
        # (not the "1011" of "1.1 × 1011 metric tonnes").
        later = COUNT.search(after)
        if later is not None and re.search(r"[^\W\d]{2}", after[: later.start()]):
            after = after[: later.start()]
        return counted in unit_stems(after)

    for candidate, (start, end) in choices:
        found = [e for e in entities[candidate.key] if e.label in labels]
        span = entity_span(candidate, start, end, found)
        if span is not None and counts(candidate, span):
            # The number right before the thing counted: "4 Han Tumens and 3" (Khitan Tumens)
            offset = candidate.hit.start
            inner = COUNT.finditer(candidate.hit.text, span[0] - offset, span[1] - offset)
            last = [(offset + m.start(), offset + m.end()) for m in inner]
            return candidate, last[-1] if len(last) > 1 and counts(candidate, last[-1]) else span
    best = choices[0][0]
    offset = best.hit.start
    for match in COUNT.finditer(best.hit.text, best.start - offset, best.end - offset):
        span = (offset + match.start(), offset + match.end())
        if counts(best, span):
            return best, span
    return None


def never_named(candidate: Candidate, span: tuple[int, int], counted: str) -> bool:
    """The span's number counts by what befell them ("136,000 killed"), and its sentence never
    names the thing asked about, which a sentence may not leave unnamed: it counts others (the
    \"136,000 killed and 50,000 disappeared\" in Mexico during López Obrador's term for "How
    many candidates were killed during the campaign?"). A number with a noun of its own may name
    the thing in other words ("10,000 troops" for "How many soldiers …?")."""
    after = candidate.hit.at(span[1], candidate.end)
    return (
        _BEFELL.match(after) is not None
        and counted not in _UNNAMED_COUNTS
        and counted not in unit_stems(candidate.text)
    )


def another_group(
    candidate: Candidate, span: tuple[int, int], counted: str, group: frozenset[str]
) -> bool:
    """The span's number counts the thing for another group of one kind than the question's:
    "Over 5,000 Florida National Guard members" for "How many Delaware National Guard members
    …?" (names in common, and a name each the other lacks)."""
    if not group:
        return False
    names: list[str] = []
    for word in _words_after(candidate, span):
        if counted in unit_stems(word):
            theirs = frozenset(w for w in names if w[:1].isupper())
            return bool(theirs & group and theirs - group and group - theirs)
        names.append(word.strip(",.;:"))
    return False


def _words_after(candidate: Candidate, span: tuple[int, int]) -> list[str]:
    """The first words of the sentence after the span, where what it counts is named."""
    return candidate.hit.at(span[1], candidate.end).split()[:_COUNTED_WORDS]

"""The name a reader's span gives, for a question that asks for a kind of name: the whole
entity when the span is part of it, the entity a run of words holds ("North Korea" of "Tokyo
against North Korea" for "… against which country?"), or the list of them ("Sberbank, VTB and
Otkritie")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from assistant.answering.evidence.candidates import Candidate
from assistant.answering.evidence.lists import LIST_JOINER
from assistant.answering.evidence.roles import POSSESSIVE, ROLE_NOUNS
from assistant.entities import Entity

# A span that opens with a name of two or more words, then a comma or a bracket.
_NAME_FIRST = re.compile(r"([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+)\s*[,(]")
# Words a span may hold beside its names and still be given whole.
EXTRA_WORDS = 2
# Words an amount's span may run before its number ("a total of 39 cargo containers"): more is
# a clause that happens to end in one ("Jewish ancestry, notable in a country whose … Catholic
# and millions", in bold for "How many women have been president of Mexico?").
_AMOUNT_LEAD_WORDS = 5
NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
PRIORITY = {label: n for n, label in enumerate(("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"))}


def entity_span(
    candidate: Candidate,
    start: int,
    end: int,
    found: Sequence[Entity],
    before_asked: str | None = None,
) -> tuple[int, int] | None:
    """The span when it is, holds or lies inside an entity of the kind asked for: the whole
    entity when the span is part of it or runs well past it; None when it touches none."""
    text = candidate.hit.text
    offset = candidate.hit.start
    for entity in found:
        if entity.start <= start and end <= entity.end and entity.label in NAMES:
            # "Rudenko" → "Andrei Rudenko" (a number the reader cut is left as it is)
            whole = text[entity.start - offset : entity.end - offset]
            cut = len(whole) - len(POSSESSIVE.sub("", whole))
            return entity.start, entity.end - cut
    inside = [e for e in found if start <= e.start and e.end <= end]
    if any(e.start <= start and end <= e.end for e in found):
        return start, end  # inside a number, a date …: of the kind asked for
    if not inside:
        return None
    if not {e.label for e in inside} & NAMES:
        number_at = min(e.start for e in inside)
        if len(text[start - offset : number_at - offset].split()) > _AMOUNT_LEAD_WORDS:
            return None
        return start, end  # an amount with its unit ("three or more times a week") stays whole
    if _role_after(text[start - offset : end - offset], inside, start, end):
        return start, max(e.end for e in inside)  # "New York City Mayor" → "New York City"
    words = len(text[start - offset : end - offset].split())
    held = sum(len(text[e.start - offset : e.end - offset].split()) for e in inside)
    # Two names no list joins, one after the question's own preposition: that one ("North
    # Korea" of "Tokyo against North Korea" for "… against which country?").
    asked = (
        after_word(text, offset, inside, before_asked) if unlisted(text, offset, inside) else None
    )
    if words - held > EXTRA_WORDS or asked is not None:
        # Else the entity of the likeliest kind (a person before a nationality for "who"),
        # with those listed with it ("Sberbank, VTB and Otkritie").
        first = asked or min(inside, key=lambda e: (PRIORITY.get(e.label, len(PRIORITY)), e.start))
        head = _NAME_FIRST.match(text, start - offset, end - offset)
        if asked is None and head is not None and first.start >= offset + head.end(1):
            # "Alexei Navalny, 47, a … critic of Russian President Vladimir Putin": the span's
            # own name leads (the NER missed it); the one it finds describes it.
            return None
        last = first
        for entity in inside:
            between = text[last.end - offset : entity.start - offset]
            if entity.start >= last.end and LIST_JOINER.fullmatch(between):
                last = entity
        return first.start, last.end
    return start, end


def _role_after(span: str, inside: Sequence[Entity], start: int, end: int) -> bool:
    """Whether the span is names and then only the role they qualify ("New York City Mayor",
    "Tesla CEO"): the role is whose, the names are the answer."""
    first, last = min(e.start for e in inside), max(e.end for e in inside)
    tail = span[last - start :].split()
    return (
        first == start
        and last < end
        and bool(tail)
        and all(POSSESSIVE.sub("", w.casefold().strip(".,")) in ROLE_NOUNS for w in tail)
    )


# The preposition the question puts before its question word ("… against which country?").
_ASKED_AFTER = re.compile(
    r"\b(against|to|from|with|by|for|in|on|at|into|over|toward|towards|between|among)\s+"
    r"(?:which|what|whom)\b",
    re.IGNORECASE,
)


# "Vanuatu lies west of which country?": the place after a direction is asked for.
_DIRECTION_OF = re.compile(
    r"\b(?:north|south|east|west)\w*\s+(of)\s+(?:the\s+)?(?:which|what)\b", re.IGNORECASE
)


def asked_after(question: str) -> str | None:
    """The preposition before the question word: "against" in "… against which country?", "of"
    in "… west of which country?"."""
    found = _ASKED_AFTER.search(question) or _DIRECTION_OF.search(question)
    return found.group(1).casefold() if found else None


def unlisted(text: str, offset: int, names: Sequence[Entity]) -> bool:
    """Whether two or more names stand in one span without a list joining them ("Tokyo
    against North Korea"): the span runs across a clause, and one of them is the answer."""
    ordered = sorted(names, key=lambda e: e.start)
    return any(
        not LIST_JOINER.fullmatch(text[a.end - offset : b.start - offset])
        for a, b in itertools.pairwise(ordered)
    )


def after_word(text: str, offset: int, names: Sequence[Entity], word: str | None) -> Entity | None:
    """The name right after `word` ("North Korea" after "against"), or None; not one that
    only says whose the next is ("India" of "in India's northern Punjab state")."""
    if word is None:
        return None
    for entity in names:
        before = text[max(0, entity.start - offset - 20) : entity.start - offset]
        after = text[entity.end - offset : entity.end - offset + 2]
        if re.search(rf"\b{word}\s+(?:the\s+)?$", before, re.IGNORECASE) and not _OWNS.match(after):
            return entity
    return None


_OWNS = re.compile(r"['’]s")

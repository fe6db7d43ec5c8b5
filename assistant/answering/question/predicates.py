"""Predicates and their opposites: "lift" is not answered by "banned".

A question can carry a false premise ("When did Japan lift its luxury ban?" when the articles
only report the ban). When the sentence chosen to answer says the opposite of the question's
predicate and nothing of the predicate itself, the answer says so instead of giving the date of
the opposite event. The reader's training uses the same pairs for its negatives.

Only pairs where one side never answers a question about the other: converse pairs ("won" /
"lost", "bought" / "sold") are left out, since "X lost to Y" does answer "Who won?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LIFT = ("lift", "lifts", "lifted", "lifted", "lifting")
_END = ("end", "ends", "ended", "ended", "ending")
_REJECT = ("reject", "rejects", "rejected", "rejected", "rejecting")
# Each pair in the same forms: base, -s, past, participle, -ing.
OPPOSITES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("ban", "bans", "banned", "banned", "banning"), _LIFT),
    (("impose", "imposes", "imposed", "imposed", "imposing"), _LIFT),
    (("rise", "rises", "rose", "risen", "rising"), ("fall", "falls", "fell", "fallen", "falling")),
    (
        ("increase", "increases", "increased", "increased", "increasing"),
        ("decrease", "decreases", "decreased", "decreased", "decreasing"),
    ),
    (
        ("join", "joins", "joined", "joined", "joining"),
        ("leave", "leaves", "left", "left", "leaving"),
    ),
    (
        ("open", "opens", "opened", "opened", "opening"),
        ("close", "closes", "closed", "closed", "closing"),
    ),
    (("start", "starts", "started", "started", "starting"), _END),
    (("begin", "begins", "began", "begun", "beginning"), _END),
    (("accept", "accepts", "accepted", "accepted", "accepting"), _REJECT),
    (("approve", "approves", "approved", "approved", "approving"), _REJECT),
    (("hire", "hires", "hired", "hired", "hiring"), ("fire", "fires", "fired", "fired", "firing")),
    (
        ("raise", "raises", "raised", "raised", "raising"),
        ("lower", "lowers", "lowered", "lowered", "lowering"),
    ),
    (
        ("support", "supports", "supported", "supported", "supporting"),
        ("oppose", "opposes", "opposed", "opposed", "opposing"),
    ),
)
_AUXILIARY = re.compile(r"\b(?:did|does|do|to|will|would|can|could|should|may|might)\b", re.I)
_DETERMINER = re.compile(
    r"\b(?:the|a|an|its|their|his|her|of|these|those|this|that|have|has|had|no|any|some|more)"
    r"\s+$",
    re.I,
)
_PARTICLE = re.compile(r"^\s+(?:down|up|off|out|over|with)\b", re.I)
WORDS = re.compile(r"[A-Za-z]+")


def _forms() -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
    found: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
    for one, other in OPPOSITES:
        for a, b in ((one, other), (other, one)):
            for form, opposite in zip(a, b, strict=True):
                found.setdefault(form, (opposite, a, b))
    return found


_OPPOSITE = _forms()  # each form → (its opposite in the same form, its forms, the opposite's)
_VERB = re.compile(r"\b(" + "|".join(sorted(_OPPOSITE, key=len, reverse=True)) + r")\b", re.I)


@dataclass(frozen=True)
class Predicate:
    """A predicate of a question: where it is, and the forms of it and of its opposite."""

    word: str
    start: int
    end: int
    opposite: str  # the opposite in the same form ("lifted" for "banned")
    forms: tuple[str, ...]
    opposite_forms: tuple[str, ...]


def predicates(question: str) -> list[Predicate]:
    """The question's predicates that have an opposite ("ban" in "When did Japan ban …?"):
    a base form only after "did", "to" …; no "-ing" form, title, adjective ("the lost
    episodes") or phrasal verb ("closed down"), and none the question asks both ways."""
    asked = {word.casefold() for word in WORDS.findall(question)}
    found = []
    for match in _VERB.finditer(question):
        word = match.group(1)
        opposite, own, other = _OPPOSITE[word.casefold()]
        before = question[: match.start()]
        if word.casefold() == own[0] and not _AUXILIARY.search(before):
            continue
        if word.casefold().endswith("ing") or (word[:1].isupper() and match.start() > 0):
            continue
        if _DETERMINER.search(before) or _PARTICLE.match(question[match.end() :]):
            continue
        if not asked.isdisjoint(other):
            continue  # "did prices rise or fall?" asks about both
        found.append(Predicate(word, match.start(), match.end(), opposite, own, other))
    return found


def contradiction(question: str, sentence: str) -> tuple[str, str] | None:
    """(the question's predicate, the sentence's opposite of it) when the sentence says the
    opposite and nothing of the predicate itself; else None."""
    said = {word.casefold(): word for word in WORDS.findall(sentence)}
    for predicate in predicates(question):
        if not set(said).isdisjoint(predicate.forms):
            continue
        opposite = next((said[f] for f in predicate.opposite_forms if f in said), None)
        if opposite is not None:
            return predicate.word, opposite
    return None

"""'Who is Japan's foreign minister?', 'Who is the CEO of TikTok?' ask for the person who holds a
role: the one the sentence gives that role, of the body or place asked about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from assistant.answering.evidence.reading import Read
from assistant.answering.evidence.roles import (
    MAX_ROLE_WORDS,
    POSSESSIVE,
    ROLE_AFTER,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    plain_word,
    spelled_out,
)
from assistant.answering.types import ShortAnswer
from assistant.entities import Entity, EntityTagger

_ASKED_ROLE = re.compile(
    r"\bwho\s+(?:is|was|are|were|will\s+be)\s+(?:the\s+)?(?:[\w'’.-]+['’]s\s+)?"
    r"(?P<role>(?:[A-Za-z-]+\s+){0,3}[A-Za-z-]+)\s*\??\s*$",
    re.IGNORECASE,
)
_HEAD = 6  # letters of a role noun that also match its kin ("minister" / "Ministry")


# "Who is the CEO of TikTok?": the role, then whose it is.
# The owner is a name, and ends the question: "Who was the leader of the ECB central bank from
# Nov 2011 …?" or "Who was the Uighur King of Qocho ranked above?" ask something else.
_ASKED_ROLE_OF = re.compile(
    r"\b(?i:who\s+(?:is|was|are|were|will\s+be)\s+(?:the\s+)?)"
    r"(?P<role>(?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)\s+(?i:of|at)\s+(?i:the\s+)?"
    r"(?P<owner>[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*)*)\s*\??\s*$"
)
_OWNER_BEFORE = re.compile(
    r"\bwho\s+(?:is|was|are|were|will\s+be)\s+(?P<owner>[\w.-]+)['’]s\s", re.I
)


@lru_cache(maxsize=256)
def _asked_roles(question: str) -> tuple[tuple[str, ...], ...]:
    """The words of the role each role-question form finds in the question, in order (asked
    per read: worked out once per question)."""
    found = (pattern.search(question.strip()) for pattern in (_ASKED_ROLE, _ASKED_ROLE_OF))
    return tuple(
        tuple(plain_word(w) for w in match.group("role").split()) for match in found if match
    )


def asked_role(question: str) -> str | None:
    """The role noun a "Who is Japan's foreign minister?" or "Who is the CEO of TikTok?"
    question asks the holder of."""
    return next((words[-1] for words in _asked_roles(question) if words[-1] in ROLE_NOUNS), None)


def asked_modifiers(question: str) -> frozenset[str]:
    """The words that narrow the asked role ("foreign" of "Who is Japan's foreign minister?")."""
    roles = _asked_roles(question)
    return frozenset(roles[0]) & ROLE_MODIFIERS if roles else frozenset()


# Words of an office's name that say what kind of office, not whose: "District Attorney".
_OFFICE_KINDS = frozenset({"district", "county", "city", "state", "federal", "national"})


@lru_cache(maxsize=256)
def asked_owner(question: str) -> frozenset[str]:
    """The words of whose role a role question asks ("TikTok" of "Who is the CEO of TikTok?"
    or "Who is TikTok's CEO?", "Manhattan" of "Who is the Manhattan District Attorney?"),
    casefolded; empty when it names no one."""
    match = _ASKED_ROLE_OF.search(question.strip()) or _OWNER_BEFORE.search(question)
    if match is not None:
        return frozenset(plain_word(w) for w in match.group("owner").split()) - {"the"}
    role = _ASKED_ROLE.search(question.strip())
    if role is None:
        return frozenset()
    words = role.group("role").split()
    if plain_word(words[-1]) not in ROLE_NOUNS:
        return frozenset()
    return frozenset(
        plain_word(w)
        for w in words[:-1]
        if w[:1].isupper() and plain_word(w) not in ROLE_NOUNS | ROLE_MODIFIERS | _OFFICE_KINDS
    )


def _of_another(
    text: str, start: int, head: str, owner: frozenset[str], bodies: Sequence[tuple[int, int]]
) -> bool:
    """Whether the role written right before the name at `start` of `text` is a body's or a
    place's that is not the question's owner: "Oracle CEO Safra Catz" for the CEO of TikTok,
    "Blair County District Attorney Peter Weeks" for the Manhattan District Attorney (real news)
    (`bodies`: spans of the bodies and places the sentence names, offsets of `text`)."""
    if not owner:
        return False
    before = text[:start].rstrip()
    words = list(re.finditer(r"[\w'’.-]+", before))[-MAX_ROLE_WORDS:]
    while words and (
        plain_word(words[-1].group())[:_HEAD] == head[:_HEAD]
        or plain_word(words[-1].group()) in ROLE_MODIFIERS | ROLE_NOUNS | _OFFICE_KINDS
    ):
        words.pop()
    if not words:
        return False
    last = words[-1]
    body = next(((a, b) for a, b in bodies if a <= last.start() < b), None)
    if body is None:
        return False
    named = {plain_word(POSSESSIVE.sub("", w))[:_KIN] for w in text[body[0] : body[1]].split()}
    return not named & {w[:_KIN] for w in owner}


def _holds(text: str, start: int, end: int, head: str) -> bool:
    """Whether the person at [start, end) of `text` is given the role `head` right before the
    name or in an aside after it ("the head of the Japanese Foreign Ministry, Takeshi Iwaya")."""
    near = text[:start].split()[-MAX_ROLE_WORDS:]
    aside = ROLE_AFTER.match(text, end)
    if aside is not None:
        near += aside.group("role").split()
    return any(spelled_out(word)[:_HEAD] == head[:_HEAD] for word in near)


def role_holder(read: Read, entities: Sequence[Entity], head: str, question: str = "") -> Read:
    """For "Who is Japan's foreign minister?": the span moved to the person the sentence gives
    that role (`typed` True); a person it does not give the role is no answer (`typed` False:
    "Vladimir Putin", the President, beside a mention of the Minister of Foreign Affairs), nor
    one it gives another body's ("Oracle CEO Safra Catz" for the CEO of TikTok). A name the
    tagger calls a body is a person when the role stands right before it ("CEO Shou Chew")."""
    if read.span is None:
        return read
    text, offset = read.candidate.text, read.candidate.start
    people = [(e.start, e.end) for e in entities if e.label == "PERSON"]
    bodies = [(e.start, e.end) for e in entities if e.label == "ORG"]
    owner, narrowed = asked_owner(question), asked_modifiers(question)
    titled = [(a, b) for a, b in bodies if _titled(text, a - offset, head, narrowed)]
    people = sorted({*people, *titled})
    places = [(e.start, e.end) for e in entities if e.label in _OWNERS]
    inside = [(a - offset, b - offset) for a, b in places]
    holders = [
        (a, b)
        for a, b in people
        if _holds(text, a - offset, b - offset, head)
        and not _of_another(text, a - offset, head, owner, inside)
    ]
    if holders:
        start, end = read.span
        chosen = next(((a, b) for a, b in holders if a <= start and end <= b), holders[0])
        return replace(read, span=chosen, typed=True)
    if any(a <= read.span[0] and read.span[1] <= b for a, b in people):
        return replace(read, typed=False)
    return read


_OWNERS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})  # what may hold an office
_KIN = 4  # letters a body's word shares with the owner's: "Japanese Foreign Ministry" is Japan's
_TITLE_WORDS = 4  # a title's words before a name: "Deputy Foreign Minister"


def _titled(text: str, start: int, head: str, narrowed: frozenset[str]) -> bool:
    """The role noun `head` is the word right before `start` ("CEO Shou Chew"), and the words
    that narrow it in the question stand before it ("Foreign Minister", not "Prime Minister")."""
    before = [plain_word(w) for w in text[:start].split()[-_TITLE_WORDS:]]
    return bool(before) and before[-1][:_HEAD] == head[:_HEAD] and narrowed <= set(before)


# A role's words, then "of": "former Attorney General of " before "Florida Pam Bondi".
_ROLE_OF_BEFORE = re.compile(r"(?P<role>(?:\S+\s+){1,4})of\s+$")
_PLACES = frozenset({"GPE", "LOC"})


def past_office_place(
    short: ShortAnswer, hit_text: str, at: int, tagger: EntityTagger
) -> ShortAnswer:
    """A "who" answer that begins with the place of the office before it is the person after
    the place: "Florida Pam Bondi" of "former Attorney General of Florida Pam Bondi" (real news,
    November 2024: spaCy tags the three words one body) → "Pam Bondi". `at` is where the answer
    begins in `hit_text`. Unchanged unless the place leads and the rest, alone, is a person."""
    role = _ROLE_OF_BEFORE.search(hit_text, 0, at)
    if role is None or not any(spelled_out(w) in ROLE_NOUNS for w in role.group("role").split()):
        return short
    found = tagger.entities([short.text])
    place = (
        next((e for e in found[0] if e.start == 0 and e.label in _PLACES), None) if found else None
    )
    name = short.text[place.end :].lstrip() if place is not None else ""
    people = tagger.entities([name]) if name else []
    if not people or not any(
        e.label == "PERSON" and (e.start, e.end) == (0, len(name)) for e in people[0]
    ):
        return short
    return replace(short, text=name, start=short.end - len(name))

"""Whose event a sentence tells: a topic's timeline ("Japan's sanctions against Russia") keeps
the events of its actor (Japan, "Japanese", "Tokyo") and leaves out another actor's ("President
Joe Biden on Thursday unveiled a new set of sanctions"; "They also sanctioned …" after "The US
has already imposed …")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.evidence.candidates import Candidate, with_antecedent

# Capitals and seats that news writes for their country or body (a metonym, not another actor).
METONYMS = {
    "tokyo": "japan", "washington": "united states", "moscow": "russia", "kremlin": "russia",
    "beijing": "china", "kyiv": "ukraine", "kiev": "ukraine", "london": "britain",
    "paris": "france", "berlin": "germany", "brussels": "european union", "seoul": "south korea",
    "pyongyang": "north korea", "minsk": "belarus", "taipei": "taiwan", "new delhi": "india",
    "ottawa": "canada", "canberra": "australia", "rome": "italy", "madrid": "spain",
    "tehran": "iran", "ankara": "turkey", "jerusalem": "israel", "riyadh": "saudi arabia",
}  # fmt: skip
_OPENERS = {
    "the", "a", "an", "on", "in", "at", "earlier", "later", "meanwhile", "also", "but", "and",
    "however", "following", "after", "before", "since", "as", "by", "today", "yesterday",
    "update", "updated", "note", "breaking",
}  # fmt: skip
_PRONOUN = re.compile(r"^(?:they|it|he|she|we|its|their|his|her)$", re.IGNORECASE)
_OPENING_WORDS = 8
_WORD = re.compile(r"[\w'’.-]+")


def _names(text: str, names: Sequence[str]) -> bool:
    lowered = text.casefold()
    if any(re.search(rf"\b{re.escape(name)}", lowered) for name in names):
        return True
    return any(
        country in names and re.search(rf"\b{re.escape(city)}\b", lowered)
        for city, country in METONYMS.items()
    )


def _subject(sentence: str) -> str | None:
    """The first capitalised words of a sentence's opening ("President Joe Biden", "The US" →
    "US", "Meanwhile, the head of US diplomacy" → "US"), a pronoun, or None."""
    words = _WORD.findall(sentence)[:_OPENING_WORDS]
    while words and words[0].casefold() in _OPENERS:
        words.pop(0)
    if not words:
        return None
    if _PRONOUN.match(words[0]):
        return words[0]
    start = next((n for n, word in enumerate(words) if word[:1].isupper()), len(words))
    run = []
    for word in words[start:]:
        if not word[:1].isupper():
            break
        run.append(word)
    run = [word for word in run if word.casefold() not in _OPENERS]  # "Update: The union"
    if start == 0 and len(run) == 1 and not run[0].isupper():
        return None  # one capitalised first word: a name ("Tokyo") or not ("Officials", "Update")
    return " ".join(run) or None


def another_actors(candidate: Candidate, names: Sequence[str]) -> bool:
    """Whether the sentence tells of another actor than the topic's first name: it does not name
    that actor (or its capital), and opens with someone else (or with a pronoun for someone else
    named in the sentence before)."""
    if not names or _names(candidate.text, names[:1]):
        return False
    subject = _subject(candidate.text)
    if subject is not None and _PRONOUN.match(subject):
        grown = with_antecedent(candidate)
        if grown.start == candidate.start:
            return False
        before = grown.text[: candidate.start - grown.start]
        if _names(before, names[:1]):
            return False
        subject = _subject(before)
    return subject is not None and not _PRONOUN.match(subject) and not _names(subject, names)

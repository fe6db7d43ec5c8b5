"""Does a text speak of the names a question asks about? ("... on Iran?", "... to Belarus?")

A word matches a text word it begins ("Japan" → "Japanese"); the words of a longer name must
stand close together ("Aleksandr Volfovich" → "Aleksandr Grigorievich Volfovich"), so "South
Korea" is not found in a text that speaks of the south and of North Korea. Short forms match
their long forms written in the text and back ("EVs" ↔ "electric vehicles", "US" ↔ "United
States"; see aliases.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answering.question.aliases import acronyms_in, initials, spelled_out, undot
from assistant.answering.question.parse import Question, name_word
from assistant.retrieval import Hit
from assistant.timeframe import format_day

_TOKEN = re.compile(r"[\w'’-]+")


class Words:
    """A text's words, lower-cased for names and as written for acronyms."""

    def __init__(self, text: str) -> None:
        text = undot(text)
        self.written = _TOKEN.findall(text)
        self.lowered = [name_word(w) for w in self.written]
        self.acronyms = acronyms_in(text)

    def mention(self, entity: str, question_acronyms: frozenset[str]) -> bool:
        """Whether the text names `entity` (a lower-cased name of the question)."""
        name = entity.split()
        if _near(self.lowered, name):
            return True
        if len(name) == 1 and name[0] in question_acronyms:
            return spelled_out(name[0], self.written)
        short = initials(name)
        return bool(short) and short in self.acronyms


def _near(tokens: list[str], name: list[str]) -> bool:
    name = [_singular(word) for word in name]
    window = len(name) + 2
    for index, token in enumerate(tokens):
        if not token.startswith(name[0]):
            continue
        nearby = tokens[max(0, index - window) : index + window + 1]
        if all(any(t.startswith(word) for t in nearby) for word in name[1:]):
            return True
    return False


def _singular(word: str) -> str:
    """The start a plural shares with its other forms ("democrats" → "democrat", which
    "Democratic" begins with; "Republicans" is "Republican" in "a Republican elector")."""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "'s", "’s")):
        return word[:-1]
    return word


def unmentioned(question: Question, text: str) -> list[str]:
    """The question's names that `text` does not mention."""
    words, acronyms = Words(text), acronyms_in(question.text)
    return [e for e in question.entities if not words.mention(e, acronyms)]


def missing_entities(question: Question, hits: Sequence[Hit]) -> list[str]:
    """Names of the question that no retrieved passage (its title, text or date) mentions."""
    acronyms = acronyms_in(question.text)
    passages = [Words(f"{h.title} {h.text} {_date_words(h)}") for h in hits]
    return [e for e in question.entities if not any(p.mention(e, acronyms) for p in passages)]


def _date_words(hit: Hit) -> str:
    if hit.published is None:
        return ""
    return f"{hit.published.isoformat()} {format_day(hit.published, weekday=True)}"

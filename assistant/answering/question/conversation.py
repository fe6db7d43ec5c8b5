"""Follow-up questions → standalone questions, from the conversation so far."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answering.question.parse import parse_question

_WHAT_ABOUT = re.compile(
    r"^\s*(?:and|but|so|also|ok(?:ay)?,?)?\s*(?:what|how)\s+about\s+(?P<topic>.+?)\s*\??\s*$",
    re.IGNORECASE,
)
_CONNECTIVE = re.compile(r"^\s*(?:and|but|so|also|then)\b", re.IGNORECASE)
_ANAPHORA = re.compile(
    r"\b(?:it|that|this|they|them|he|she|him|his|her|their|there|then|those|these|the same)\b",
    re.IGNORECASE,
)
_PERSONAL = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b")
_FILLER = re.compile(
    r"\b(?:what|when|who|whom|which|where|why|how|did|does|do|is|are|was|were|will|the|a|an|"
    r"of|to|in|on|for|about|mentioned|articles?)\b",
    re.IGNORECASE,
)
_SHORT = 4


@dataclass(frozen=True)
class Turn:
    """One earlier exchange: what the user asked, what it meant, what was answered."""

    question: str
    standalone: str
    answer: str = ""


class QuestionRewriter(ABC):
    """Turns the latest question into one that can be searched on its own."""

    @abstractmethod
    def rewrite(self, question: str, history: Sequence[Turn]) -> str:
        """The standalone form of `question` given the earlier turns."""


def _context(turn: Turn) -> str:
    words = _FILLER.sub(" ", turn.standalone.rstrip("?")).split()
    names = [n for n in _NAME.findall(turn.answer) if n not in turn.standalone][:1]
    unique = dict.fromkeys(words + " ".join(names).split())
    return " ".join(unique)


class HeuristicRewriter(QuestionRewriter):
    """No LLM: carries the topic and names of the previous turn into a follow-up."""

    def rewrite(self, question: str, history: Sequence[Turn]) -> str:
        if not history:
            return question
        previous = history[-1]
        what_about = _WHAT_ABOUT.match(question)
        if what_about:
            topic = what_about.group("topic")
            names = list(_CAPITALISED.finditer(previous.standalone))
            names = [m for m in names if m.start() > 0]
            if len(names) >= 2:
                # "What sanctions did Japan impose on Russia?" → "... on Belarus?": the last name
                # is the one asked about; a lone name is usually the subject, so keep it.
                last = names[-1]
                return (
                    previous.standalone[: last.start()] + topic + previous.standalone[last.end() :]
                )
            return f"{previous.standalone.rstrip('?')} (regarding {topic})?"
        own_names = parse_question(question).entities
        follow_up = (
            _CONNECTIVE.match(question)
            or _PERSONAL.search(question)
            or (_ANAPHORA.search(question) and not own_names)
            or (len(question.split()) <= _SHORT and not own_names)
        )
        if not follow_up:
            return question
        core = _CONNECTIVE.sub("", question).strip().rstrip("?").strip()
        core = core[:1].upper() + core[1:]
        return f"{core} ({_context(previous)})?"

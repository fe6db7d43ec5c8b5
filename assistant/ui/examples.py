"""Example questions for the empty chat, made from the library's newest stories.

A headline becomes "What is the latest on <what it is about>?" ("Japan bans luxury exports to
Russia" → "… on luxury exports to Russia?"), or "What did <speaker> say about …?" for a
"Speaker: words" headline. A question is offered only when the articles answer it and the answer
cites its own story, so a click never starts with a refusal or an unrelated answer.
"""

from __future__ import annotations

import logging
import re
import threading

from assistant.desk import Newsdesk
from assistant.errors import NewsdeskError

logger = logging.getLogger(__name__)

_STORIES_TRIED = 8
_CUT = re.compile(r"\s+(?:and|after|before|as|while|for|amid|over|with|because)\s+|[,;–—]\s*")
_ABOUT = re.compile(r".*\b(?:to|on|about|against|over|at)\s+(.+)$")
_POSSESSIVES = {"its", "their", "his", "her"}


def _topic(words: list[str], subject: str) -> str:
    """The thing a headline's verb acts on: up to the first clause break, 'its' → the
    subject's."""
    topic = _CUT.split(" ".join(words), maxsplit=1)[0].strip(" .!?\"'“”")
    first, _, rest = topic.partition(" ")
    if first.lower() in _POSSESSIVES and subject and rest:
        topic = f"{subject}'s {rest}"
    return topic


def _is_verb(word: str) -> bool:
    """A headline's present-tense verb ("bans", "plans", "rejects"), by its form."""
    return (
        len(word) > 3
        and word.islower()
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "'s", "’s"))
    )


def question_for(title: str) -> str | None:
    """An example question from a headline, or None when its form is not one of the two."""
    title = " ".join(title.split())
    speaker, colon, said = title.partition(": ")
    if colon and 0 < len(speaker.split()) <= 4:
        about = _ABOUT.match(said.rstrip(" .!?"))
        topic = about and _topic(about.group(1).split(), speaker)
        return f"What did {speaker} say about {topic}?" if topic else f"What did {speaker} say?"
    words = title.split()
    for at, word in enumerate(words[1:5], start=1):
        if _is_verb(word):
            subject = " ".join(words[:at])
            topic = _topic(words[at + 1 :], subject)
            return f"What is the latest on {topic}?" if len(topic.split()) >= 2 else None
    return None


class ExampleQuestions:
    """Up to `count` answered example questions from the newest stories, worked out again only
    when the library's newest stories change."""

    def __init__(self, desk: Newsdesk, count: int = 4) -> None:
        self.desk = desk
        self.count = count
        self._lock = threading.Lock()
        self._key: tuple[str, ...] | None = None
        self._questions: list[str] = []

    def questions(self) -> list[str]:
        """The questions for the newest stories (newest first)."""
        stories: dict[str, tuple[str, list[str]]] = {}  # story → (newest title, article ids)
        for article in self.desk.articles():  # newest first
            key = article.story_id or article.id
            if key not in stories and len(stories) == _STORIES_TRIED:
                break
            stories.setdefault(key, (article.title, []))[1].append(article.id)
        newest = list(stories.values())
        seen = tuple(article for _, ids in newest for article in ids)
        with self._lock:
            if seen != self._key:
                self._questions, self._key = self._answered(newest), seen
            return list(self._questions)

    def _answered(self, stories: list[tuple[str, list[str]]]) -> list[str]:
        found: list[str] = []
        for title, ids in stories:
            question = question_for(title)
            if question is None or question in found:
                continue
            try:
                answer = self.desk.ask(question)
            except NewsdeskError as error:  # an example is never worth an error
                logger.info("no example from %r: %s", question, error)
                continue
            if answer.status == "answered" and any(c.article_id in ids for c in answer.citations):
                found.append(question)
            if len(found) == self.count:
                break
        return found

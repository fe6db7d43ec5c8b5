"""A span listed beside the very name asked about is a fellow of it, not the answer:
"sanctioned Khrenin and … Volfovich" for "Who sanctioned Volfovich?" — unless the question gives
the name as the answer's companion ("What city, along with Hamilton, …?")."""

from __future__ import annotations

import re

from assistant.answering.evidence.candidates import Candidate
from assistant.answering.question.parse import Question, name_word

_LIST_WORDS = 12
_LIST_GLUE = frozenset({"and", "or", "of", "the", "a", "an"})
_LIST_PLAIN = 2  # lower-case words of a title between listed names ("defence minister")
# Another name of the same one: "Temür Khan, or Emperor Chengzong", "(also known as …".
_ALIAS = re.compile(r"\s*,\s*or\s+|\s*,?\s*(?:also\s+)?(?:known|called)\s+as\s+", re.IGNORECASE)
_ASKS_NAME = re.compile(r"\bnames?\b|\bcalled\b|\bknown\s+as\b|\btitle\b", re.IGNORECASE)


def _excluded(question: str, entity: str) -> bool:
    """Whether the question names `entity` only to exclude it ("What non-Chinese empire …?")."""
    return re.search(rf"\bnon-?\s*{re.escape(entity)}\b", question, re.IGNORECASE) is not None


def listed_with_subject(question: Question, candidate: Candidate, start: int, end: int) -> bool:
    """A span listed beside the very name asked about ("sanctioned Khrenin and … Volfovich"
    for "Who sanctioned Volfovich?") is a fellow object, not the answer — but not one the
    question excludes ("What non-Chinese empire …?" of "the Mongol Empire and an imperial Chinese
    dynasty"), nor another name of it ("What was Temur Khan's Chinese-style name?" of "ruled as
    Temür Khan, or Emperor Chengzong")."""
    hit = candidate.hit
    sentence = candidate.text
    offset = candidate.start
    beside = companions(question.text)
    for entity in question.entities:
        if entity in beside or _excluded(question.text, entity):
            continue  # "What city, along with Hamilton, …?": the answer is listed beside it
        last = entity.split()[-1]
        others = {e.split()[-1] for e in question.entities if e != entity}
        found = [
            (offset + f.start(), offset + f.end())
            for f in re.finditer(rf"\b{re.escape(last)}\w*", sentence, re.I)
        ]
        if not found:
            continue
        # The mention nearest the span: "4 Han Tumens and 3 Khitan Tumens, with each Tumen
        # consisting of 10,000" lists the Tumens, not 10,000 beside them.
        where, after = min(found, key=lambda at: start - at[0] if at[0] < start else at[0] - end)
        if start <= where < end:
            continue
        # The words between the two: a joiner right after the first or before the second,
        # and else names and titles ("Khrenin and State Secretary of the … Volfovich") — not a
        # clause ("Oyster Week, with activities nearly every day and, on Saturday, the first-ever
        # … Festival"; "Biden and Donald Trump agreed … to debate … first in June").
        low, high = (end, where) if where > start else (after, start)
        between = hit.at(low, high)
        if _ALIAS.fullmatch(between) and _ASKS_NAME.search(question.text):
            continue  # "Temür Khan, or Emperor Chengzong": another name of the one asked about
        words = between.replace(",", " ").split()
        plain = [w for w in words if w.islower() and w not in _LIST_GLUE]
        if others & {name_word(w) for w in words}:
            continue  # "French and English farmers employed fruit walls": English is nearer
        if (
            words
            and len(words) <= _LIST_WORDS
            and {words[0], words[-1]} & {"and", "or"}
            and len(plain) <= _LIST_PLAIN
        ):
            return True
    return False


_COMPANIONS = re.compile(
    r"\b(?:along\s+with|together\s+with|besides|beside|in\s+addition\s+to|as\s+well\s+as"
    r"|other\s+than|apart\s+from|aside\s+from|except(?:\s+for)?)\s+(.+?)"
    r"(?=,\s+(?!and\b|or\b)(?-i:[a-z])|\?|$)",
    re.IGNORECASE,
)


def companions(question: str) -> set[str]:
    """The question's names it gives as the answer's companions ("Along with English and
    mathematics, what subject …?", "besides Hamilton"): the answer is listed beside them."""
    clauses = [name_word(m.group(1)) for m in _COMPANIONS.finditer(question)]
    found: set[str] = set()
    for clause in clauses:
        words = [name_word(w) for w in re.findall(r"[\w'’-]+", clause)]
        found.update(" ".join(words[n : n + k]) for n in range(len(words)) for k in (1, 2, 3))
    return found

"""A short answer in a clause that recalls an earlier event by its distance in time: "An apparent
assassination attempt targeting former President Donald Trump at his Florida golf course was
fueling an investigation Monday …, two months after he was nearly killed at an event in
Pennsylvania" put **Pennsylvania** in bold for the state of the second attempt (RealTime QA). A
span after "<so long> after / before / since" answers the recalled event, not the sentence's own
news: it is not said as sure when the question's words are in the rest of the sentence rather
than in that clause ("days after Justice Samuel Alito faced criticism for a flag" still answers
which justice faced criticism for a flag).

So is one in a clause of another deed than the one asked: a time ("before reversing the move
early Wednesday" for when martial law was declared), the day after which "the next" comes, or
the doer of a "when …" clause ("when the Chiefs won" for whom Taylor Swift kissed).
"""

from __future__ import annotations

import re

from assistant.answering.question.parse import parse_question, stems

# "two months after", "days before", "a decade since", "weeks after".
_RECALLING = re.compile(
    r"\b(?:days?|weeks?|months?|years?|decades?)\s+(?:after|before|since)\b", re.IGNORECASE
)
# Where the recalling clause ends.
_CLAUSE_END = re.compile(r"[;:—–.!?]|,\s+(?:and|but|while|as)\b")


def recalled(question: str, sentence: str, before_answer: int) -> bool:
    """Whether the words at `before_answer` stand in a clause that recalls an earlier event ("two
    months after he was nearly killed at an event in Pennsylvania") and the question's words
    are more in the rest of the sentence than in that clause."""
    recalls = list(_RECALLING.finditer(sentence, 0, max(0, before_answer)))
    if not recalls:
        return False
    start = recalls[-1].start()
    if _CLAUSE_END.search(sentence, recalls[-1].end(), max(0, before_answer)):
        return False  # the clause ended before the answer's words
    stop = _CLAUSE_END.search(sentence, before_answer)
    end = stop.start() if stop else len(sentence)
    asked = set(parse_question(question).terms)
    inside = asked & set(stems(sentence[start:end]))
    outside = asked & set(stems(sentence[:start] + " " + sentence[end:]))
    return len(outside) > len(inside)


# "before reversing the move early Wednesday": a time in a clause of another deed.
_OTHER_DEED = re.compile(
    r"\b(?:before|after|while|since|upon)\s+(?P<deed>[a-z]+ing)\b(?P<rest>(?:\s+[\w'’-]+){0,5}\s+)$",
    re.IGNORECASE,
)
_WHEN = re.compile(r"^\W*(?:when|what\s+(?:day|time|date))\b", re.IGNORECASE)


def another_deeds_time(question: str, sentence: str, before_answer: int) -> bool:
    """Whether a "when" answer at `before_answer` is the time of another deed than the one
    asked: "Yoon declared martial law before reversing the move early Wednesday" answers when
    he reversed it, not "When did Yoon declare martial law?" (real news, December 2024)."""
    if not _WHEN.match(question):
        return False
    found = _OTHER_DEED.search(sentence[: max(0, before_answer)])
    if found is None or _CLAUSE_END.search(found.group("rest")):
        return False
    return not set(stems(found.group("deed"))) & set(parse_question(question).terms)


# "after the total solar eclipse on April 8, 2024, the next … will be on Aug. 23, 2044".
_AFTER_THE = re.compile(
    r"\b(?:after|since|following)\s+the\s+[\w'’ -]{1,60}?\s+(?:on|in|of)\s+$", re.IGNORECASE
)
_ASKS_NEXT = re.compile(r"\bnext\b", re.IGNORECASE)


def after_which(question: str, sentence: str, before_answer: int) -> bool:
    """Whether a question of the next one is answered with the day of the one after which it
    comes: "When is the next total solar eclipse in the US after 2024?" → **April 8**, of "after
    the total solar eclipse on April 8, 2024, the next … will be on Aug. 23, 2044" (real news)."""
    if not _ASKS_NEXT.search(question):
        return False
    before = sentence[: max(0, before_answer)]
    found = _AFTER_THE.search(before)
    return found is not None and not _CLAUSE_END.search(found.group(0))


# "when the Chiefs won": the doer of a time clause, told to say when something else happened.
_CLAUSE_OPENS = re.compile(
    r"\b(?:when|while|after|before|once|until|since|as|because|whenever)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_WHO = re.compile(r"^\W*whom?\b", re.IGNORECASE)


def another_deeds_doer(question: str, sentence: str, before_answer: int) -> bool:
    """Whether a "who" answer at `before_answer` opens a clause of another deed than the one
    asked: "the kiss on the field when the Chiefs won" does not say whom Taylor Swift kissed
    (real news, the 2024 Super Bowl: **the Chiefs**); "after Mahomes threw the winning pass"
    still says who threw it."""
    if not _WHO.match(question) or not _CLAUSE_OPENS.search(sentence[: max(0, before_answer)]):
        return False
    stop = _CLAUSE_END.search(sentence, before_answer)
    clause = sentence[before_answer : stop.start() if stop else len(sentence)]
    terms = set(parse_question(question).terms)
    return not terms & set(stems(clause))

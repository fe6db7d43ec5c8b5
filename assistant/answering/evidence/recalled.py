"""A short answer in a clause that recalls an earlier event by its distance in time: "An apparent
assassination attempt targeting former President Donald Trump at his Florida golf course was
fueling an investigation Monday …, two months after he was nearly killed at an event in
Pennsylvania" put **Pennsylvania** in bold for the state of the second attempt (RealTime QA). A
span after "<so long> after / before / since" answers the recalled event, not the sentence's own
news: it is not said as sure when the question's words are in the rest of the sentence rather
than in that clause ("days after Justice Samuel Alito faced criticism for a flag" still answers
which justice faced criticism for a flag).
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

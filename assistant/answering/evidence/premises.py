"""False premises: the sentence chosen to answer says the opposite of what the question asks.

"When did Japan lift its luxury export ban?" over articles that only report the ban: the best
sentence says "ban", not "lift". Its date would be a confident wrong answer; instead the answer
says plainly that the articles report the opposite, and quotes what they say (`premise`
"unsupported" in `ask --json`).
"""

from __future__ import annotations

from assistant.answering.evidence.candidates import Candidate
from assistant.answering.evidence.quoting import quote_text
from assistant.answering.question.predicates import contradiction
from assistant.answering.types import Answer, AnswerSentence, Citation


def unsupported_premise(question: str, candidate: Candidate) -> Answer | None:
    """The answer that corrects the question, when `candidate` says the opposite of its
    predicate and nothing of the predicate itself; else None."""
    found = contradiction(question, candidate.text)
    if found is None:
        return None
    asked, said = found
    citation = Citation.quoting(1, candidate.hit, candidate.start, candidate.end)
    sentence = AnswerSentence(
        f"The articles do not report that; they say “{said}”, not “{asked}”: "
        f"“{quote_text(candidate)}” [1]",
        (1,),
    )
    return Answer(question, "answered", (sentence,), (citation,), premise="unsupported")

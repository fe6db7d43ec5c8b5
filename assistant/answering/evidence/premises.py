"""False premises: the sentence chosen to answer says the opposite of what the question asks.

"When did Japan lift its luxury export ban?" over articles that only report the ban: the best
sentence says "ban", not "lift". Its date would be a confident wrong answer; instead the answer
says plainly that the articles report the opposite, and quotes what they say (`premise`
"unsupported" in `ask --json`).
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answering.evidence.candidates import Candidate
from assistant.answering.evidence.quoting import quote_text
from assistant.answering.question.predicates import contradiction
from assistant.answering.types import Answer, AnswerSentence, Citation

# The best reads looked at (of those the reader finds answering, and of those it refuses): a
# false premise's own words are rarely in the best sentence, which answers something near it
# ("signed a wage agreement on 18 March" for "When did members reject the agreement?"), but in
# one of the next ("Union members approved the agreement").
PREMISE_READS = 3


def unsupported_premise(
    question: str, best: Sequence[Candidate], refused: Sequence[Candidate] = ()
) -> Answer | None:
    """The answer that corrects the question, when one of the `best` sentences (best first),
    or of those the reader `refused`, says the opposite of its predicate and none of the `best`
    says the predicate itself; else None. A refused sentence can show the premise false, never
    support it: "left grain stuck", which the reader rightly refuses for "How many members left
    the strike?", says nothing of who left it."""
    # A refused sentence counts only if it says the opposite and not the predicate itself
    # ("were opened … and were closed" does not correct "When did it open?").
    refused = [c for c in refused if contradiction(question, c.text) is not None]
    sentences = [*best, *refused]
    found = contradiction(question, [c.text for c in sentences], support=[c.text for c in best])
    if found is None:
        return None
    asked, said = found
    candidate = next(
        (c for c in sentences if contradiction(question, c.text, support=()) == found),
        next(c for c in sentences if said.casefold() in c.text.casefold()),
    )
    citation = Citation.quoting(1, candidate.hit, candidate.start, candidate.end)
    sentence = AnswerSentence(
        f"The articles do not report that; they say “{said}”, not “{asked}”: "
        f"“{quote_text(candidate)}” [1]",
        (1,),
    )
    return Answer(question, "answered", (sentence,), (citation,), premise="unsupported")

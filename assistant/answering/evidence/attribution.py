"""A short answer that is only where the sentence has its news from: "Plans are underway for
improvements, according to Corey Krejcik, general manager of Chaddsford Winery" does not say who
bought the winery, yet **Corey Krejcik** was given in bold for "Who purchased the Chaddsford
Winery in 2024?" (RealTime QA). Such a short answer is not said as sure, unless the question asks
who said, reported or estimated something, or itself says "according to".
"""

from __future__ import annotations

import re

# What names the source right before the answer's words.
_SOURCE = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)
# A question that asks for a source.
_ASKS_SOURCE = re.compile(
    r"\baccording\s+to\b|\bsource\b|\bwho(?:m)?\s+(?:\w+\s+){0,3}?(?:said|says|say|told|tells|"
    r"reported|reports|announced|announces|claimed|claims|estimated|estimates|confirmed|"
    r"confirms|stated|states|wrote|writes|argued|argues|warned|warns|believes|believed|"
    r"predicted|predicts|found|finds|described|describes|called|calls|noted|notes)\b",
    re.IGNORECASE,
)


# A name that only says whose people told it: "U.S. officials on Wednesday announced they have
# evidence North Korea sent 3,000 troops" (RealTime QA: **U.S.** for "Which country has sent
# at least 3,000 soldiers to Russia?"), "Israeli military sources said …".
_TELLERS = re.compile(
    r"(?:[A-Z][\w.&'’-]*\s+){1,4}?(?:[a-z]+\s+)?(?:officials?|authorities|sources|"
    r"spokes(?:man|woman|person)|investigators|prosecutors|intelligence)\b(?:\s+[\w,]+){0,4}?"
    r"\s+(?:said|say|says|announced|told|reported|confirmed|believe|believes|claimed|claim|"
    r"estimated|estimate|have evidence|had evidence)\b"
)


def only_the_source(question: str, sentence: str, before_answer: int) -> bool:
    """Whether the words at `before_answer` in `sentence` come right after "according to", or
    name the officials or sources who told the news ("U.S. officials … announced …"), and the
    question does not ask for a source ("Who estimated the cost?")."""
    if _ASKS_SOURCE.search(question):
        return False
    start = max(0, before_answer)
    return (
        _SOURCE.search(sentence[:start]) is not None or _TELLERS.match(sentence, start) is not None
    )

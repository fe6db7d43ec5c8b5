"""A short answer that its sentence denies: "Neither New Castle County nor Verizon responded"
says nothing of where a cell tower is built, yet **New Castle County** was given in bold for
"Where is the new Verizon cell tower in Hockessin being constructed?" (RealTime QA). Words right
after "neither / nor / not / never" are what the sentence says did not happen or does not hold;
such a short answer is not said as sure, unless the question itself asks what did not happen.
"""

from __future__ import annotations

import re

# What denies the words right after it (one word may stand between: "not in", "nor any").
_DENYING = re.compile(r"\b(?:neither|nor|not|never)\s+(?:[\w'’-]+\s+)?$", re.IGNORECASE)
# "not only X but also Y" says X too.
_NOT_ONLY = re.compile(r"\bnot\s+(?:only|just|merely|simply)\s+$", re.IGNORECASE)
# A question that asks what did not happen or who refused.
_ASKS_DENIED = re.compile(
    r"\b(?:not|never|neither|nor|no one|nobody|none|refused|declined|failed)\b|n['’]t\b",
    re.IGNORECASE,
)


def denied(question: str, sentence: str, before_answer: int) -> bool:
    """Whether the words at `before_answer` in `sentence` follow right after "neither / nor /
    not / never" ("Neither New Castle County nor Verizon responded"), and the question does not
    itself ask what did not happen ("Who did not attend?")."""
    if _ASKS_DENIED.search(question):
        return False
    before = sentence[: max(0, before_answer)]
    return _DENYING.search(before) is not None and _NOT_ONLY.search(before) is None

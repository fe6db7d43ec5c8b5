"""Where a journey began is not where it ended: "Where did the Alaska Airlines flight land?" put
**Portland, Oregon, to Ontario, California** in bold, of "An Alaska Airlines flight from
Portland, Oregon, to Ontario, California, made a dramatic emergency landing" (real news, 8
January 2024: it landed back in Portland). A place right after "from" is where someone or
something came from; it answers a "where" question that asks for that ("Where did the flight
depart from?"), and any other only by chance, so it is not said as sure.
"""

from __future__ import annotations

import re

# The words just before the answer make it an origin: "from", "from the", "all the way from".
_AFTER_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
# A question that asks where a journey or a thing began, or where it was before ("Where had the
# Mongol capital been before Kublai moved it?" of "the move of the Mongol capital from
# Karakorum").
_ASKS_ORIGIN = re.compile(
    r"\b(?:from|origin\w*|depart\w*|leav\w*|left|took\s+off|take\s+off|takes\s+off|"
    r"start\w*|began|begin\w*|come|came|hail\w*|before|previously|originally|formerly)\b",
    re.IGNORECASE,
)
_WHERE = re.compile(
    r"^\W*(?:from\s+)?where\b|\b(?:what|which)\s+(?:place|city|town|airport|state|country)\b",
    re.IGNORECASE,
)


def an_origin(question: str, sentence: str, before_answer: int) -> bool:
    """Whether the place at `before_answer` in `sentence` follows "from" (where a journey
    began) while the question asks where, and not where from."""
    if not _WHERE.search(question) or _ASKS_ORIGIN.search(question):
        return False
    return _AFTER_FROM.search(sentence[: max(0, before_answer)]) is not None

"""A short answer from a sentence whose news is that something has not happened yet: "A day after
UnitedHealthcare CEO Brian Thompson was fatally shot on a New York City sidewalk, police still
have not found the shooter …" put **New York City sidewalk** in bold for "Where was the suspect
captured?" (RealTime QA). Asked of what did happen, such a sentence's place, day or name is of
something else (here the shooting): the short answer is not said as sure, unless the question
itself asks what has not happened or is still so.
"""

from __future__ import annotations

import re

# "still have not found", "still hasn't", "has not yet", "have yet to", "remains at large".
_NOT_YET = re.compile(
    r"\b(?:still\s+(?:have|has|had|did|does|do)\s*(?:not\b|n['’]t)"
    r"|(?:have|has|had)\s*(?:not|n['’]t)\s+yet\b|(?:have|has|had)\s+yet\s+to\b"
    r"|(?:remains?|remained|still)\s+at\s+large\b)",
    re.IGNORECASE,
)
# A question of what did happen: "Where was the suspect captured?", "When did police arrest …?"
_DID = re.compile(r"\b(?:was|were|did|had)\b", re.IGNORECASE)
_ASKS_NOT_YET = re.compile(r"\b(?:not|yet|still|large|remains?)\b|n['’]t\b", re.IGNORECASE)


def not_yet(question: str, sentence: str, before_answer: int) -> bool:
    """Whether `sentence` says that something has not happened yet and the question asks of
    what did happen (the answer's place in the sentence does not matter)."""
    del before_answer
    return (
        _NOT_YET.search(sentence) is not None
        and _DID.search(question) is not None
        and _ASKS_NOT_YET.search(question) is None
    )

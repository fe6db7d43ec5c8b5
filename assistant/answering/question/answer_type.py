"""The kind of entity a question's answer is: "who" a person or a body, "when" a date …

Labels are spaCy's OntoNotes labels (`assistant/entities.py`). A question whose answer need not
be a named thing ("What did he say?", "What goods …?") has no expected type.
"""

from __future__ import annotations

import re

Labels = frozenset[str]

PERSON_OR_BODY: Labels = frozenset({"PERSON", "ORG", "NORP", "GPE"})
WHEN: Labels = frozenset({"DATE", "TIME"})
AMOUNT: Labels = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
MONEY: Labels = frozenset({"MONEY", "CARDINAL"})
PERCENT: Labels = frozenset({"PERCENT"})
# What a share is written as when the NER does not tag it.
SHARE = re.compile(r"%|\bper ?cent\b|\bhalf\b|\b(?:a|one|two)[ -](?:third|quarter)s?\b", re.I)
# Places, and the bodies and shops that are places to people ("at the UN", "from Walmart").
PLACE: Labels = frozenset({"GPE", "LOC", "FAC", "ORG"})
PERSON: Labels = frozenset({"PERSON"})
BODY: Labels = frozenset({"ORG"})

# "which/what <noun>" → the labels of things that are such a noun.
_NOUNS: tuple[tuple[Labels, str], ...] = (
    (
        frozenset({"GPE", "NORP"}),
        r"countr(?:y|ies)|nations?|states?|cit(?:y|ies)|provinces?|regions?|capitals?|towns?",
    ),
    (
        BODY,
        r"compan(?:y|ies)|banks?|firms?|organi[sz]ations?|agenc(?:y|ies)|groups?|part(?:y|ies)"
        r"|teams?|unions?|ministr(?:y|ies)|newspapers?|universit(?:y|ies)|airlines?|clubs?"
        r"|institutions?|manufacturers?|retailers?|carriers?",
    ),
    (
        PERSON,
        r"officials?|ministers?|presidents?|persons?|people|man|men|woman|women|leaders?"
        r"|spokes(?:man|woman|person)|players?|chairman|ceo|executives?|politicians?"
        r"|senators?|governors?|judges?|authors?|actors?|singers?|candidates?",
    ),
    (WHEN, r"years?|months?|days?|dates?|decades?|centur(?:y|ies)|times?"),
    (frozenset({"LANGUAGE", "NORP"}), r"languages?"),  # the NER calls "German" NORP
    (frozenset({"NORP"}), r"nationalit(?:y|ies)|religions?"),
)
_WHO_IS_NAMED = re.compile(
    r"\b(?i:who\s+(?:is|was|are|were)\s+)(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)"
    r"\s*\??\s*$"
)
_WHICH = re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(\w+)", re.IGNORECASE)


def described_name(question: str) -> str | None:
    """The name a "Who is NAME?" question asks about (what the person is), or None."""
    match = _WHO_IS_NAMED.search(question.strip())
    return match.group("name") if match else None


def expected_labels(question: str) -> Labels | None:
    """The entity labels that can answer the question, or None when any words can."""
    lowered = question.casefold()
    if re.search(r"\bhow much\b", lowered):
        return MONEY | AMOUNT
    if re.search(r"\bwhat (?:percentage|percent|proportion|share)\b", lowered):
        return PERCENT  # "87 million by 2070" is no share
    if re.search(r"\bhow many\b|\bwhat (?:number|amount)\b", lowered):
        return AMOUNT
    if re.search(r"\bhow long\b(?! ago)", lowered):  # "eight weeks" (a DATE to the NER)
        return AMOUNT | WHEN
    if re.search(r"\bwhen\b|\bwhat (?:day|date|year|month|time)\b|\bwhich (?:day|year)\b", lowered):
        return WHEN
    if re.search(r"\bwho(?:m)?\b", lowered):
        # "Who is Andrei Rudenko?" asks what a named person is: a role, not a name.
        if _WHO_IS_NAMED.search(question):
            return None
        return PERSON_OR_BODY
    if re.search(r"\bwhere\b", lowered):
        return PLACE
    for match in _WHICH.finditer(question):
        for word in (match.group(1), *match.group(0).split()[1:2]):
            for labels, nouns in _NOUNS:
                if re.fullmatch(nouns, word, re.IGNORECASE):
                    return labels
    return None


_PLURAL_WHICH = re.compile(
    r"\b(?:which|what)\s+(?:\w+\s+)?(?:goods|banks|measures|products|items|companies|countries"
    r"|sanctions|steps|people|officials|firms|sectors|industries|cities|nations|names|members"
    r"|individuals|entities|organi[sz]ations|groups|restrictions|weapons|materials|technologies"
    r"|commodities|exports|imports|services|areas|regions|states|sites|targets)\b",
    re.IGNORECASE,
)


def asks_for_list(question: str) -> bool:
    """ "Which banks …?", "What goods …?": the answer may be several things."""
    return _PLURAL_WHICH.search(question) is not None

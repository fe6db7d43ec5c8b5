"""Proposals are not outcomes: "What raise did the dockworkers win in the agreement?" is not
answered by "the port authority's offer of a 3 percent raise" — an offer, a demand or a proposal
says what someone wanted, not what was won, agreed or received."""

from __future__ import annotations

import re

_PROPOSAL = re.compile(
    r"\b(?:offer(?:s|ed|ing)?|propos(?:al|als|e|es|ed|ing)|demand(?:s|ed|ing)?|seek(?:s|ing)?"
    r"|sought|bid|counteroffer|counter-offer)\b",
    re.IGNORECASE,
)
_OUTCOME = re.compile(
    r"\b(?:w[io]n|wins|winning|got|gets?|gotten|receiv(?:e|es|ed|ing)|agreed|agreements?|deals?"
    r"|secured|awarded|granted|settled|settlement|ratified|accepted|approved|contract)\b",
    re.IGNORECASE,
)


def asks_for_outcome(question: str) -> bool:
    """A question about what was won, agreed or received (and not about an offer)."""
    return bool(_OUTCOME.search(question)) and not _PROPOSAL.search(question)


def only_a_proposal(sentence: str) -> bool:
    """A sentence that tells of an offer, a demand or a proposal and of no outcome."""
    return bool(_PROPOSAL.search(sentence)) and not _OUTCOME.search(sentence)

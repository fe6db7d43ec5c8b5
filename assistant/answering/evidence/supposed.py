"""A short answer that stands in a case the sentence supposes, not in what it reports.

"Any strike that lasts more than one week could cause goods shortages" does not say how long the
port strike lasted: "one week" is a case supposed ("any … could", "if … would"), and was given in
bold for "How long did the port strike last in 2024?" on real articles. Such a short answer is
not said as sure. A question that itself asks for a wish or a supposed case ("How much weight
would he like the board to hold?", "What kind of books does this person want recommended?") is
answered by one: there the rule stays out (measured on SQuADShifts' Reddit questions, where it
took both out of bold).

So is a short answer in a relative clause of what would follow: "Four more victories earn the
Celtics their 18th NBA championship which would break a tie with the Los Angeles Lakers" named
**the Los Angeles Lakers** in bold for the team the Celtics beat in the Finals (RealTime QA).
"""

from __future__ import annotations

import re

# What opens a supposed case before the answer's words.
_SUPPOSING = re.compile(r"\b(?:if|any|unless|should)\b", re.IGNORECASE)
# What the sentence says could follow from it.
_MAY_BE = re.compile(r"\b(?:could|would|might|may)\b")
# A relative clause of what would follow ("… which would break a tie with …").
_WOULD_FOLLOW = re.compile(r"\b(?:which|that|who)\s+(?:would|could|might)\b", re.IGNORECASE)
# A question that asks for a wish, a plan or a supposed case itself.
_ASKS_SUPPOSED = re.compile(
    r"\b(?:would|could|might|may|should|wants?|wanted|wish(?:es|ed)?|hopes?|hoped|plans?|"
    r"planned|likes?\s+to|if)\b",
    re.IGNORECASE,
)


# Where one clause ends and another, perhaps a plain statement, begins.
_CLAUSE_END = re.compile(r"[;:—–]|\s-\s")


def supposed(question: str, sentence: str, before_answer: int) -> bool:
    """Whether the words at `before_answer` in `sentence` stand after "if / any / unless /
    should" in the same clause, in a sentence that says what could, would, might or may follow
    ("All of this would have been over if he paid 32 blocks": they were not paid), or after
    "which / that / who would / could / might" in the same clause — and the
    question does not itself ask for a wish or a supposed case. "Unions rejected any deal that
    would cut jobs; the strike lasted three days" states its length."""
    if _ASKS_SUPPOSED.search(question):
        return False
    clauses = list(_CLAUSE_END.finditer(sentence[: max(0, before_answer)]))
    start = clauses[-1].end() if clauses else 0
    if _WOULD_FOLLOW.search(sentence, start, max(start, before_answer)):
        return True
    opening = _SUPPOSING.search(sentence, start, max(start, before_answer))
    return opening is not None and _MAY_BE.search(sentence) is not None


# A time allowed is not a time taken: "They have about one hour and 50 minutes to complete the
# spacewalk" put **about one hour and 50 minutes** in bold for how long the Polaris Dawn
# spacewalk lasted (real news, 12 September 2024).
_ALLOWED_BEFORE = re.compile(
    r"\b(?:have|has|had|given|gets?|got)\s+(?:about\s+|up\s+to\s+|only\s+|just\s+|roughly\s+|"
    r"nearly\s+|around\s+|some\s+)?$",
    re.IGNORECASE,
)
_TO_DO_AFTER = re.compile(r"^[\w\s.,-]{1,40}?\bto\s+(?!the\b|a\b|an\b)[a-z]+", re.IGNORECASE)
_ASKS_HOW_LONG = re.compile(r"^\W*how\s+long\b", re.IGNORECASE)
_ASKS_ALLOWED = re.compile(r"\b(?:have|has|had|given|allowed|allotted|deadline)\b", re.IGNORECASE)


def allowed_time(question: str, sentence: str, before_answer: int) -> bool:
    """Whether the length of time at `before_answer` is one someone has to do something in
    ("have about one hour and 50 minutes to complete …"), for "How long …?" that asks how long
    something lasted or took, not how long one has."""
    if not _ASKS_HOW_LONG.search(question) or _ASKS_ALLOWED.search(question):
        return False
    start = max(0, before_answer)
    after = _TO_DO_AFTER.match(sentence[start:])
    # "had two days of talks to reach a deal": the time of something done, not one allowed
    return bool(_ALLOWED_BEFORE.search(sentence[:start]) and after and " of " not in after[0])

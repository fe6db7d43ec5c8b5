"""A count that is one part of the number asked for: "A grand jury charged 11 Arizona Republicans
and seven former aides to former President Donald Trump" names 18 people, yet **11** was given in
bold for "How many people did an Arizona grand jury indict …?" (RealTime QA). A count joined by
"and" / "plus" / "as well as" to another count of other things is not said as sure, unless the
question names the things it counts ("How many Arizona Republicans were charged?").

A count per second, day or year is a rate, not the total asked for: "Worldwide, 4.3 babies will
be born … each second" put **4.3** in bold for "Roughly how many babies were born in the US last
year?" (RealTime QA). It is not said as sure unless the question asks for a rate.

A share of a vote counts one side: "The vote was 64% in opposition to the deal" gave **64%** in
bold for "What percentage voted to accept the contract?" (the Boeing strike, real news). A share
the words right after it give to the other side than the question's is not said as sure.
"""

from __future__ import annotations

import re

from assistant.answering.evidence.amounts import COUNT

_ASKS_COUNT = re.compile(r"\bhow\s+many\b", re.IGNORECASE)
# What joins two counts: "11 Arizona Republicans and seven former aides".
_JOIN = re.compile(r"(?:,?\s+(?:and|plus|as\s+well\s+as)|,)\s+", re.IGNORECASE)
# Words that end the words a count counts ("11 Arizona Republicans and …", "18 of the …").
_STOP = re.compile(
    r"(?:and|or|plus|to|of|who|that|which|in|on|at|for|with|from|by|as|than|were|was|are|is"
    r"|have|has|had|will|would|each|per)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\s+([\w'’-]+)")


def _counted(text: str, at: int) -> tuple[str, int]:
    """The head word of the things a count ending at `at` counts (the last of up to four words
    before a function word or punctuation: "Republicans" of "11 Arizona Republicans and"), and
    where those words end; ("", at) when none follow."""
    head, end = "", at
    for _ in range(4):
        word = _WORD.match(text, end)
        if word is None or _STOP.match(word.group(1)) or COUNT.fullmatch(word.group(1)):
            break
        head, end = word.group(1), word.end()
    return head.casefold(), end


def one_of_counts(question: str, sentence: str, before_answer: int) -> bool:
    """Whether the count at `before_answer` in `sentence` is joined to a count of other things
    ("11 Arizona Republicans and seven former aides"), for a "how many" question that does not
    name what the count counts."""
    if not _ASKS_COUNT.search(question):
        return False
    at = COUNT.match(sentence, max(0, before_answer))
    if at is None:
        return False
    asked = {word.casefold() for word in re.findall(r"[\w'’-]+", question)}
    own, end = _counted(sentence, at.end())
    if not own or own in asked:
        return False
    after = _JOIN.match(sentence, end)
    if after is not None:
        other = COUNT.match(sentence, after.end())
        if other is not None and _counted(sentence, other.end())[0] not in ("", own):
            return True
    for other in COUNT.finditer(sentence, 0, at.start()):
        head, stop = _counted(sentence, other.end())
        joined = _JOIN.fullmatch(sentence, stop, at.start())
        if head and head != own and head not in asked and joined is not None:
            return True
    return False


_UNIT = r"(?:second|minute|hour|day|night|week|month|year|season)"
# "each second", "a day", "per year", "daily" — not "a year ago", "a day after".
_RATE = re.compile(
    rf"\b(?:(?:per|each|every|a|an)\s+{_UNIT}\b(?!\s+(?:ago|earlier|later|after|before|since))"
    r"|(?:daily|nightly|weekly|monthly|yearly|annually|hourly)\b)",
    re.IGNORECASE,
)
_ASKS_AMOUNT = re.compile(r"\bhow\s+(?:many|much)\b", re.IGNORECASE)
_RATE_WORDS = 12  # how far after the count its rate may follow, within the clause


def a_rate(question: str, sentence: str, before_answer: int) -> bool:
    """Whether the count at `before_answer` in `sentence` is one per second, day or year ("4.3
    babies will be born … each second") for a "how many / much" question that asks no rate."""
    if not _ASKS_AMOUNT.search(question) or _RATE.search(question):
        return False
    start = max(0, before_answer)
    at = COUNT.match(sentence, start + (sentence[start : start + 1] in ("$", "€", "£")))
    if at is None:
        return False
    clause = re.split(r"[.;:,()\u2013\u2014]", sentence[at.end() :], maxsplit=1)[0]
    return _RATE.search(" ".join(clause.split()[:_RATE_WORDS])) is not None


# A question that asks for the share on one side of a vote, and the words after a share that
# give it to a side ("64% in opposition to the deal", "96 percent of them voted in favor").
_ASKS_SHARE = re.compile(r"\b(?:percent|percentage|share|proportion)\b", re.I)
_FOR = r"(?:accept|approv|ratif|back|support|favou?r|endorse|yes\b|for\b)"
_AGAINST = r"(?:reject|oppos|against|turn(?:ed)?\s+down|vot(?:ed?|ing)\s+(?:no|down)|no\b)"
_SIDE_AFTER = 6  # words after the share's first that may still give its side


def other_side(question: str, sentence: str, before_answer: int) -> bool:
    """Whether the share at `before_answer` counts the other side of a vote than the question
    asks for ("64% in opposition to the deal" for "What percentage voted to accept …?")."""
    if not _ASKS_SHARE.search(question):
        return False
    asks_for = re.search(rf"\b{_FOR}", question, re.I) is not None
    asks_against = re.search(rf"\b{_AGAINST}", question, re.I) is not None
    if asks_for == asks_against:
        return False
    after = " ".join(sentence[max(0, before_answer) :].split()[1 : 1 + _SIDE_AFTER])
    other = _AGAINST if asks_for else _FOR
    side = re.search(rf"\b{other}", after, re.I)
    own = re.search(rf"\b{_AGAINST if asks_against else _FOR}", after, re.I)
    return side is not None and (own is None or side.start() < own.start())

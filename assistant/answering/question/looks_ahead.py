"""Whether a bare weekday in news prose is the coming one rather than the latest up to
publication: the words before it speak of the future ("will meet on Friday", "is forecast to
become a storm Saturday", "a walkout is planned for Tuesday", "before it hits the coast late
Sunday"), the day leads what will come ("Tuesday will then welcome …"), a short headline says
"to" + verb, the day stands between a time of day and what starts, or the sentence speaks of the
week of publication and the day comes later in it (`relative_time` works the day out).
"""

from __future__ import annotations

import re
from datetime import date

from assistant.timeframe import WEEKDAYS

# Words that look ahead: a verb of what will be, a modal, a plan or a forecast.
FUTURE = re.compile(
    r"\b(?:will|won['’]t|would|shall|should|plans? to|planned (?:to|for)|is to|are to|expected"
    r"|set to|set for|going to|scheduled|slated|upcoming|forecasts? to|forecast to|predicted to"
    r"|poised to|anticipat(?:es|ing|ed)|(?:is|are) happening"
    r"|can|could|(?-i:may)|might|hopes? to|aims? to|due|(?:is|are|now)\s+targeting)\b",
    re.IGNORECASE,
)
# A deadline or a start just before the day looks ahead whatever the verb: "can return as soon
# as Wednesday", "a ratification vote by Friday", "starting Monday".
_AHEAD = re.compile(
    r"\b(?:as soon as|by|no later than|starting|beginning)\s*$",
    re.IGNORECASE,
)
_PAST = re.compile(r"\b(?:earlier|ago|said|says|stated|announced)\b", re.IGNORECASE)
# A time clause in the present tense tells what is still to come: "is expected to regain strength
# before it hits the coast late Sunday" (real news, Beryl: the Sunday before a Saturday article).
_CLAUSE_AHEAD = re.compile(
    r"\b(?:before|until|once|when|after)\s+(?:it|he|she)\s+(?!was\b|has\b|is\b|does\b)[a-z]+s\b",
    re.IGNORECASE,
)
# A sentence about the week of publication ("Also this week is the inaugural Oyster Week … and,
# on Saturday, the first-ever Seafood Festival", a Wednesday article): its days later in the
# week than publication are this week's, not the last week's.
_THIS_WEEK = re.compile(r"\bthis\s+week(?:end)?\b", re.IGNORECASE)
_TOLD_IN_THE_PAST = re.compile(r"\b(?:was|were|had|did)\b", re.IGNORECASE)
# A plan told in the past: "was slated to vote Thursday", "were expected to start Tuesday" (one
# that "had been" planned was mostly called off before its day: not this).
_WAS = re.compile(r"\b(?:was|were)\s*$", re.IGNORECASE)
# A past verb right before the day: "lawmakers decided Wednesday", "canceled on Friday" — not
# after "be" ("will be closed Sunday" is ahead).
_DONE_ON = re.compile(
    r"(?<!\bbe )\b(?!(?:expected|scheduled|planned|slated|forecast)\b)[a-z]+ed"
    r"(?:\s+(?:on|late|early))?\s*$"
)
_FUTURE_WINDOW_WORDS = 8
# What a day that leads the clause is about to do: "Tuesday will …", "… on Saturday is slated …".
_AHEAD_AFTER = re.compile(r"\s+(?:will|is expected|is set|is scheduled|is slated)\b", re.I)
# A time of day, then the day, then what starts in the present tense is a schedule: "at 8 p.m.
# Wednesday, the show starts" (a Monday article: the coming Wednesday).
_CLOCK_BEFORE = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)\s*(?:on\s+)?$", re.I)
_STARTS_AFTER = re.compile(
    r",?\s+(?:\w+\s+){0,3}?(?:starts|begins|opens|kicks\s+off|airs|takes\s+place|gets\s+under"
    r"\s*way)\b",
    re.IGNORECASE,
)
_HEADLINE_TO = re.compile(r"\bto\s+[a-z]+\b")
HEADLINE_WORDS = 12  # longer lines without a full stop are cut sentences or captions


def _looks_ahead(before: str) -> bool:
    """Whether the words before a day put it ahead of publication. Only the words after the last
    past-tense verb count: "said workers can return as soon as Wednesday" looks ahead, "said
    earlier on Thursday" does not; nor does a plan told in the past ("the vote was slated for
    Thursday") or a day right after a past verb ("lawmakers decided Wednesday")."""
    if _AHEAD.search(before):
        return True
    if _DONE_ON.search(before):
        return False
    pasts = list(_PAST.finditer(before))
    after_past = before[pasts[-1].end() :] if pasts else before
    if _CLAUSE_AHEAD.search(after_past):
        return True
    ahead = list(FUTURE.finditer(after_past))
    return bool(ahead) and not _WAS.search(after_past[: ahead[-1].start()])


def _scheduled(before: str, after: str) -> bool:
    """A day after a time of day, before what starts in the present tense: "at 8 p.m. Wednesday,
    the show starts", "7 p.m. Friday the game kicks off"."""
    return bool(_CLOCK_BEFORE.search(before) and _STARTS_AFTER.match(after))


def _headline_ahead(sentence: str, before: str) -> bool:
    """A headline's "to" + verb is what will happen: "Team USA's Elor to wrestle for gold medal
    Tuesday", "Trump to address the press on Tuesday morning" (no full stop ends a headline)."""
    if sentence.rstrip().endswith((".", "?", "!", '"', "”", "’", "'")):
        return False
    return len(sentence.split()) <= HEADLINE_WORDS and bool(_HEADLINE_TO.search(before))


def _leads_ahead(before: str, after: str) -> bool:
    """A day that is the subject of what will come ("Tuesday will then welcome grades seven and
    eight", "voters on Tuesday will decide"), not one a past verb governs ("the increase announced
    Wednesday will include …", "he said Friday")."""
    if not _AHEAD_AFTER.match(after) or _DONE_ON.search(before):
        return False
    return not _PAST.search(" ".join(before.split()[-2:]))


def _later_this_week(sentence: str, weekday: int, published: date) -> bool:
    """Whether a bare weekday later in the week than publication is this week's: the sentence
    speaks of this week and tells nothing in the past ("filters were passed out Thursday, and
    another 900 will be distributed this week"). Not a Sunday: a week may start on one."""
    if not published.weekday() < weekday < WEEKDAYS.index("sunday"):
        return False
    if not _THIS_WEEK.search(sentence):
        return False
    return not _PAST.search(sentence) and not _TOLD_IN_THE_PAST.search(sentence)


def weekday_ahead(sentence: str, match: re.Match[str], weekday: int, published: date) -> bool:
    """Whether a bare weekday is the coming one. The verb governing the day stands just before
    it ("will meet on Friday" is ahead, "said earlier on Thursday that it will not" is behind),
    or the day leads what will come, or a headline says "to" + verb, or it is later in a week
    the sentence speaks of."""
    before = " ".join(sentence[: match.start()].split()[-_FUTURE_WINDOW_WORDS:])
    return (
        _looks_ahead(before)
        or _leads_ahead(before, sentence[match.end() :])
        or _scheduled(before, sentence[match.end() :])
        or _headline_ahead(sentence, before)
        or _later_this_week(sentence, weekday, published)
    )

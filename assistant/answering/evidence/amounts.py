"""Numbers as articles write them, and what they measure: a count, a share, a change or a length.

A percentage that measures a change is not the share a question asks for:
"Japan's population is expected to decrease about 30% to 87 million" answers "by how much will it
fall?", not "What percentage of Japan's population is 65 or older?" (RealTime QA put **30%** in
bold for that question). A question that itself asks about a change keeps such spans.
"""

from __future__ import annotations

import re

from assistant.answering.evidence.candidates import Candidate
from assistant.answering.question.answer_type import asks_clock_time, tells_time_of_day
from assistant.answering.question.parse import Question, type_match

_UNITS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen"
)
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# A number in figures or words ("36", "45,000", "Thirty-six", "two million") — the NER calls
# "Thirty-six East" a DATE.
COUNT = re.compile(
    rf"\b(?:\d[\d,.]*(?:\s+\d+/\d+|/\d+)?|(?:{_TENS})(?:-(?:{_UNITS}))?|{_UNITS}"
    r"|a hundred|hundreds|dozens)"
    r"(?:\s+(?:hundred|thousand|million|billion))?\b",
    re.IGNORECASE,
)  # "Thirty-six East and Gulf Coast ports": the thing counted follows closely; "6 1/2 quarts" is
# one number (its "2" was the answer to "How many quarts does it hold?", in bold)

_VERBS = (
    r"ris(?:e|es|ing|en)|rose|fall(?:s|ing|en)?|fell|drop(?:s|ped|ping)?|(?:in|de)creas(?:e|es|ed"
    r"|ing)|declin(?:e|es|ed|ing)|gr[eo]w(?:s|n|ing)?|shr(?:ink|inks|ank|unk|inking)|jump(?:s|ed)?"
    r"|surg(?:e|es|ed)|plung(?:e|es|ed)|plummet(?:s|ed)?|climb(?:s|ed)?|slump(?:s|ed)?|slid(?:e|es)?"
    r"|dip(?:s|ped)?|s[ai]nk|soar(?:s|ed)?|gain(?:s|ed)?|los(?:e|es|t)|cut(?:s|ting)?"
    r"|rais(?:e|es|ed|ing)|hik(?:e|es|ed)|reduc(?:e|es|ed|ing)|boost(?:s|ed)?|up(?!\s+to\b)|down"
)
_NOUNS = (
    r"(?:in|de)crease|rise|drop|fall|decline|gain|loss|jump|hike|raise|cut|reduction|growth"
    r"|boost|higher|lower"
)
_OF = re.compile(r"^\s*of\b", re.IGNORECASE)  # "won 30% of the vote" is a share all the same
# "decrease about 30%", "rose by nearly 5 percent", "up 2%": a change verb within three words.
_CHANGED_BY = re.compile(rf"\b(?:{_VERBS})\b(?:\s+\S+){{0,2}}\s*$", re.IGNORECASE)
# "a 35% pay hike", "5% higher", "30% to 87 million" (not "20% to 30%"), "5% from a year ago".
_CHANGE_AFTER = re.compile(
    rf"^\s*(?:[\w-]+\s+)?(?:{_NOUNS})\b"
    r"|^\s*(?:to|from)\s+(?![\d.,]*\s*(?:%|per\s?cent))[\d$€£]|^\s*from\s+(?:a|the|last)\b",
    re.IGNORECASE,
)
_ASKS_CHANGE = re.compile(rf"\b(?:{_VERBS}|{_NOUNS}|by what|chang(?:e|es|ed|ing))\b", re.IGNORECASE)


def asks_change(question: str) -> bool:
    """Whether the question is about a change ("By what percentage did sales fall?")."""
    return _ASKS_CHANGE.search(question) is not None


def a_change(candidate: Candidate, span: tuple[int, int]) -> bool:
    """Whether the span is a percentage by which something changed, not a share of something
    ("grew 30% to 87 million"; a percentage "of" something is a share: "gained 30% of seats")."""
    hit = candidate.hit
    before = hit.at(max(candidate.start, span[0] - 60), span[0])
    after = hit.at(span[1], min(candidate.end, span[1] + 40))
    if _OF.match(after):
        return False
    return bool(_CHANGED_BY.search(before) or _CHANGE_AFTER.search(after))


# "How long …?" is answered by a length of time: "44 days", "a three-day strike", "seven weeks".
_HOW_LONG = re.compile(r"\bhow long\b(?!\s+ago)", re.IGNORECASE)
_DURATION = re.compile(
    r"\b(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|several|a few|many|\w+teen|twenty|thirty|forty|fifty|sixty|a couple of|half an?)"
    r"[\s-]+(?:full\s+)?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|decades?|centur(?:y|ies))\b",
    re.IGNORECASE,
)
_DURATION_WORDS = 6
# "The last 24 hours have been chaos in Seoul", "in the past two weeks": a stretch the writer looks
# back over, not how long the thing asked about lasted (RealTime QA, "**24 hours**" in bold for
# how long martial law lasted); "has lasted for the past six hours" is how long it lasted.
_LOOKED_BACK = re.compile(r"\b(?:last|past|previous)\s+$", re.IGNORECASE)
_LASTED_FOR = re.compile(r"\bfor\s+(?:the\s+)?(?:last|past|previous)\s+$", re.IGNORECASE)
# "How big / tall / old / far …?" and "At what altitude …?" are answered by a measure: a number
# or a fraction ("1,353 metres", "a third of the city"), not a run of words ("a suburb of the …
# centres", "exit").
_MEASURE = re.compile(
    r"\bhow (?:old|far|large|big|tall|high|deep|wide|heavy|fast|small)\b"
    r"|\bwhat (?:altitude|height|depth|elevation)\b",
    re.IGNORECASE,
)
_FRACTION = re.compile(r"\b(?:half|third|quarter|twice|double|triple)\b", re.IGNORECASE)
# "What was the final score?" is answered by a score ("25-22"), not a number ("58" of "Super
# Bowl 58", given as Not sure on real news).
_SCORE_ASKED = re.compile(r"\bwhat (?:was|is|were) the (?:final |halftime )?score\b", re.I)
_SCORE = re.compile(r"\b\d{1,3}\s*(?:-|–|to)\s*\d{1,3}\b")
# One side of a score or tally, and a number after a name not opening the sentence.
_SIDE_BEFORE = re.compile(r"\d\s*[-–]\s*$")
_SIDE_AFTER = re.compile(r"^\s*[-–]\s*\d")
_SERIES_BEFORE = re.compile(r"\S\s+[A-Z][\w'’]*\s+$")
# A score that is a lead during the game: "… gives 49ers 10-0 lead", "a 13-10 halftime lead".
_LEAD_AFTER = re.compile(r"\s*(?:halftime\s+)?(?:lead|advantage|edge)\b", re.IGNORECASE)
_TALLIED = re.compile(r"\b(?:points?|score[sd]?|goals?|runs?|votes?|seats?)\b", re.IGNORECASE)


def fits_measure(question: str, text: str) -> bool | None:
    """Whether the span is the measure a "how long / big / tall …" question asks for, or the
    time of day "What time …?" does ("Dec. 15", another bridge's collapse, is none); None when
    the question asks for neither."""
    if asks_clock_time(question):
        return tells_time_of_day(text)
    if _SCORE_ASKED.search(question):
        return _SCORE.search(text) is not None
    if _HOW_LONG.search(question):
        return len(text.split()) <= _DURATION_WORDS and _DURATION.search(text) is not None
    if _MEASURE.search(question):
        return type_match("quantity", text) == 1.0 or _FRACTION.search(text) is not None
    return None


def counts_nothing(question: Question, before: str, text: str, after: str) -> bool:
    """Whether the span, between `before` and `after` in its sentence, measures nothing the
    question asks: for "how long …?", a stretch looked back over ("the last 24 hours"); for
    "how many …?", a bare number that is one side of a score or tally ("defeated the Philadelphia
    Eagles 38-35" for how many Super Bowls the Chiefs won) or names one of a series ("Super Bowl
    58", "Flight 1282") — unless points, goals or votes are asked for; for the (final) score, a
    lead during the game ("gives 49ers 10-0 lead")."""
    if _looks_back(question.text, before, text):
        return True
    if _SCORE_ASKED.search(question.text) and "halftime" not in question.text.lower():
        return _LEAD_AFTER.match(after) is not None  # "gives 49ers 10-0 lead": not how it ended
    if question.kind != "quantity" or not text.strip().isdigit() or _TALLIED.search(question.text):
        return False
    return bool(
        _SIDE_BEFORE.search(before) or _SIDE_AFTER.match(after) or _SERIES_BEFORE.search(before)
    )


def _looks_back(question: str, before: str, text: str) -> bool:
    """For "how long …?": the span's length of time is a stretch looked back over, `before`
    being the sentence's text up to the span."""
    found = _DURATION.search(text) if _HOW_LONG.search(question) else None
    if found is None:
        return False
    lead = before + text[: found.start()]
    return _LOOKED_BACK.search(lead) is not None and _LASTED_FOR.search(lead) is None


_HOW_OLD = re.compile(r"\bhow old\b|\bwhat age\b|\bat what age\b", re.IGNORECASE)
_AGE = re.compile(r"(?:aged\s+)?(\d+|[a-z]+(?:-[a-z]+)?)(?:[- ]years?[- ]old)?", re.IGNORECASE)


def age_within(question: str, text: str) -> tuple[int, int] | None:
    """For "how old …?": the number in an age span ("13" of "13-year-old", "aged 13"), as offsets
    into `text`; None for other questions or spans."""
    if not _HOW_OLD.search(question):
        return None
    found = _AGE.fullmatch(text.strip())
    if not found or found.group(0).strip() == found.group(1) or not COUNT.fullmatch(found.group(1)):
        return None
    lead = len(text) - len(text.lstrip())
    return lead + found.start(1), lead + found.end(1)


# A bound the article puts on a number: "more than 200 people" were killed, not 200. Not the
# words of an estimate ("about", "around", "approximately"): the number without them says no
# more than the article does, and SQuAD's answers leave them out (BENCHMARKS.md).
_BOUND = re.compile(
    r"\b(?:(?:just |well )?(?:more|fewer|less) than|at (?:least|most)|nearly|almost"
    r"|(?:just )?over|up to|as (?:many|much) as)\s+$",
    re.IGNORECASE,
)


def bound_start(text: str, start: int) -> int:
    """Where the number at `start` of `text` begins with its bound ("more than 200"): the
    bound's start, or `start` when none comes right before it."""
    if COUNT.match(text, start) is None and text[start : start + 1] not in ("$", "€", "£", "¥"):
        return start
    found = _BOUND.search(text, max(0, start - 24), start)
    return start if found is None else found.start()

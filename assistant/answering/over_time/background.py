"""Background sentences: what an article recalls of an earlier event ("the union's last strike,
in 2008, lasted eight weeks"; "a similar ban in 2006"; "a decade ago"): an old time with a word
that recalls ("last", "similar", "previous", "since" after "first").

They answer questions that name that time or ask for an earlier event ("When did the previous
strike end?", "What happened in 2008?"), never questions about the story's own event.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.answering.question.parse import stems
from assistant.articles.dates import MONTH
from assistant.timeframe import WEEKDAYS, month_end, month_number
from assistant.timeframe import YEAR as _YEAR

# A mention this long before publication is of another event (a strike that began in December
# is still this January's story).
BACKGROUND_AFTER_DAYS = 180
_STATED = re.compile(
    rf"(?<!since )(?<!Since )\b(?:(?P<month>{MONTH})\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?)?"
    rf"(?P<year>{_YEAR})\b"
)
_AGO = re.compile(
    r"\b(?:a decade|decades|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many"
    r"|a few)\s+(?:years|decades))\s+ago\b|\bin the (?:19|20)\d0s\b",
    re.IGNORECASE,
)
# Words with which an article recalls: "the union *last* went on strike in 2008", "a *similar*
# ban in 2006". Without one, an old date is the sentence's own subject ("Acme, founded in 1998,
# …"; an encyclopedic "In 2003 she released …") and answers for it.
_RECALLS = re.compile(
    r"\b(?:last|previous(?:ly)?|prior|similar|earlier|former(?:ly)?|once|back in|in the past"
    r"|the first time|(?:first|biggest|largest|worst|longest|highest|lowest)\b[^.]{0,60}\bsince)\b",
    re.IGNORECASE,
)
_ANCHOR_BEFORE = re.compile(r"\b(?:since|back in|as far back as)\s*$", re.IGNORECASE)
_FIRST_SINCE = re.compile(r"\bfirst\b[^.;]{0,60}\bsince\s*$", re.IGNORECASE)
# A question that asks for an earlier event, or names a time, may be answered from background.
_ASKS_EARLIER = re.compile(
    rf"\b(?:previous(?:ly)?|prior|last time|earlier|first|ago|history|historic(?:al)?|before|once|"
    rf"former(?:ly)?|originally|{_YEAR}s?)\b",
    re.IGNORECASE,
)


# "Earlier, the government *had imposed* its first sanctions on February 23": the past perfect
# with a word that recalls tells of what came before the story's event, however recent.
_HAD_EARLIER = re.compile(
    r"^\W*(?:Earlier|Previously|Before that|Prior to (?:that|this)),\s+[^.;]{0,60}?"
    r"\bhad\s+(?:(?:also|already|first)\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|un|ut|ne|ght)\b"
)
_STATES_TIME = re.compile(
    rf"{_STATED.pattern}|\b(?:{MONTH})\s+\d{{1,2}}\b|\b(?i:{'|'.join(WEEKDAYS)})\b"
)


def is_background(sentence: str, published: date | None) -> bool:
    """Whether a sentence of an article published on `published` tells of an earlier event: it
    recalls ("last", "similar" …) and states a time ending more than BACKGROUND_AFTER_DAYS before
    publication (and none nearer), or counts years back ("a decade ago"), or it recalls in the
    past perfect and states when ("Earlier, … had imposed its first sanctions on February 23").
    Undated articles have no background."""
    if published is None:
        return False
    if _AGO.search(sentence):
        return True
    if says_earlier(sentence):
        return True
    return bool(_RECALLS.search(sentence)) and old_time(sentence, published)


def says_earlier(sentence: str) -> bool:
    """Whether the sentence itself says that it tells of what came before the story, and when:
    "Earlier, the government had imposed its first sanctions on February 23"."""
    return bool(_HAD_EARLIER.search(sentence) and _STATES_TIME.search(sentence))


def old_time(text: str, published: date) -> bool:
    """Whether `text` states a time, and every time it states ends more than
    BACKGROUND_AFTER_DAYS before `published` ("since 2019" is a state, not a time)."""
    ends = []
    for match in _STATED.finditer(text):
        year = int(match.group("year"))
        month = match.group("month")
        ends.append(month_end(year, month_number(month)) if month else date(year, 12, 31))
    return bool(ends) and all((published - end).days > BACKGROUND_AFTER_DAYS for end in ends)


def recalled_time(sentence: str, start: int, end: int, published: date | None) -> bool:
    """Whether sentence[start:end] (a "when" answer) dates an earlier event the sentence
    recalls: an old time in a background sentence, or after "since" ("its first stoppage since
    1977"; a span "the first time since 2008" as well as its "2008")."""
    if published is None:
        return False
    span = sentence[start:end]
    years = list(re.finditer(_YEAR, span))
    # "… for the first time since 2008": a span that holds the recalling words recalls too
    # ("Since 1940 they have been allies" and "held every two years since 1987" do not).
    anchored = _ANCHOR_BEFORE.search(sentence[:start]) is not None or (
        bool(years) and all(_FIRST_SINCE.search(sentence[: start + year.start()]) for year in years)
    )
    return (
        bool(years)
        and (anchored or is_background(sentence, published))
        and (old_time(span, published) or anchored)
    )


def asks_for_background(question: str) -> bool:
    """Whether a question names a time or asks for an earlier event."""
    return bool(_ASKS_EARLIER.search(question))


# A forecast or a plan, right before a word of the question: "is expected to make landfall",
# "Helene expected to make landfall in Taylor County", "is forecast to hit", "are set to land
# … no earlier than Tuesday, June 18" (Starliner landed on 7 September). Not a decision told
# ahead ("Japan said on Friday it would strengthen sanctions" answers when Japan strengthened
# them).
_FORESEEN = re.compile(
    r"\b(?:expected|forecast|projected|predicted|poised|likely|on\s+track|set|scheduled"
    r"|slated|planned)\s+to\s+"
    r"([\w'’-]+)(?:\s+([\w'’-]+))?",
    re.IGNORECASE,
)
_DID = re.compile(r"\b(?:did|was|were)\b", re.IGNORECASE)
# The forecast goes on to further verbs joined by "and / then": "was expected to continue moving
# northwest into Sunday, then north-northwest by Sunday night, and make landfall on the Texas
# coast Monday" (real news, Beryl). A bare verb (not "-ed" nor "-s") and the word after it.
_AND_THEN = re.compile(
    r"\b(?:and|then)\s+(?!\w+(?:ed|s)\b)([a-z][\w'’-]*)(?:\s+([\w'’-]+))?", re.IGNORECASE
)
_FORECAST_ENDS = re.compile(r"[;:]|\b(?:said|says|[a-z]{3,}ed)\b")
_GOES_ON = 120  # characters after the forecast's verb in which a joined verb is still its own
# A question about what was said or planned asks of the foreseen itself ("When did Biden say he
# would visit?").
_ABOUT_PLANS = re.compile(
    r"\b(?:say|said|tell|told|announce|plan|expect|predict|project|forecast|promise|pledge|vow"
    r"|threaten|warn|hope|aim|intend|propose|schedule|will|would)\w*\b",
    re.IGNORECASE,
)


def foretold(question: str, terms: frozenset[str], sentence: str) -> bool:
    """A question of what happened ("Where did Helene make landfall?", its word stems `terms`)
    and a sentence that tells it as still to come ("Felicia Bowser … said Helene is expected to
    make landfall this evening"): the forecast's place or time is not where or when it did."""
    if not _DID.search(question) or _ABOUT_PLANS.search(question):
        return False
    return any(
        word is not None and word[:1].islower() and terms & set(stems(word))
        for found in _FORESEEN.finditer(sentence)
        for word in _foreseen_words(sentence, found)
    )


def _foreseen_words(sentence: str, found: re.Match[str]) -> list[str | None]:
    """The two words after "expected to …", and those of each bare verb joined to it by "and" or
    "then" before any past verb or "said" ends the forecast."""
    words: list[str | None] = list(found.groups())
    rest = sentence[found.end() : found.end() + _GOES_ON]
    ended = _FORECAST_ENDS.search(rest)
    for joined in _AND_THEN.finditer(rest[: ended.start() if ended else len(rest)]):
        words.extend(joined.groups())
    return words

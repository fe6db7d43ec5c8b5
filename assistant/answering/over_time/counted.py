"""What a value counts, read from its sentence: what befell the counted (died, hurt, rescued,
chosen), a compass bearing, a rounded figure, a running tally, a count that grows as a story goes
on, a reading of a state at one moment (homes without power, people under a warning), a stage of
a vote count. `conflicts` asks these before it calls two values a disagreement.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.answering.over_time.values import DIED_WORDS, Value, precision
from assistant.answering.question.parse import stems

# What befell the people or things counted: "four people were injured" and "kills at least 5
# people" count two things; "were killed" and "left 51 people dead" one.
_FATES = {
    **dict.fromkeys(DIED_WORDS, "died"),
    **dict.fromkeys(("injured", "injuries", "wounded", "hurt"), "injured"),
    **dict.fromkeys(("shot", "missing", "hospitalized", "displaced"), "other"),
    **dict.fromkeys(("arrested", "arrests"), "arrested"),
    **dict.fromkeys(("rescued", "rescues", "evacuated", "evacuations", "fled", "flee"), "moved"),
    **dict.fromkeys(("chosen", "seated", "selected", "picked", "empaneled"), "chosen"),
}  # fmt: skip
# Fates whose counts only grow as the story goes on: the dead and the hurt found, the rescued,
# the arrested, the jurors seated. A later day's count as high or higher is the next count.
_GROWING = frozenset({"died", "injured", "moved", "arrested", "chosen"})
_GROWING_UNITS = frozenset(stems(" ".join(DIED_WORDS) + " injuries casualties victims"))
_CLAUSE_AFTER = re.compile(r"[^,;:.–—]{0,60}")
# An aside between dashes ("More than 70,000 people across four counties – Franklin, Taylor,
# Liberty and Wakulla – fled …") does not end the value's clause.
_ASIDE = re.compile(r"\s[–—]\s[^–—]{1,80}\s[–—]\s")
_APPROXIMATE_BEFORE = re.compile(
    r"\b(?:about|around|roughly|approximately|some|(?:an )?estimated)\s*[$€£¥]?\s*$", re.IGNORECASE
)
_FATE_BEFORE = re.compile(
    r"(\w+)\s+(?:(?:at least|more than|about|nearly|almost|over|some|another)\s+)?$",
    re.IGNORECASE,
)
_BEARING_AFTER = re.compile(
    r"\s+((?:north|south|east|west)(?:-?(?:north|south|east|west)){0,2})\b", re.IGNORECASE
)
# A count that grows ("people have fled", "have been arrested", "down 10% since …").
_TALLY_WORDS = re.compile(r"\b(?:has|have|since)\b", re.IGNORECASE)
_TALLY_WINDOW = 30  # characters either side of the value
# Who is in a state at the moment of the report: homes without power, people under a warning,
# in shelters. The next day's reading is the state as it changed, up or down. ("Had lost power"
# counts who lost it, at landfall: an event's count, not a state's.)
_STATE_AFTER = re.compile(
    r"[^;:.–—]{0,80}?\b(?:without (?:power|electricity)|out of power|in the dark"
    r"|in (?:emergency )?shelters|under (?:an? |the )?(?:[\w-]+ ){0,5}"
    r"(?:alerts?|warnings?|watch(?:es)?|threats?|advisor(?:y|ies)))\b",
    re.IGNORECASE,
)
# A stage of a vote count ("64% of the early vote") is not the count ("53.8% of the votes").
_VOTES = re.compile(
    r"\b(?:(early|absentee|mail(?:-in)?|provisional|in-person)\s+)?(?:votes?|ballots?)\b",
    re.IGNORECASE,
)
_VOTES_WINDOW = 30  # characters after the value (a share's value ends "of the early")


def _at(sentence: str, value: Value) -> int:
    """Where the value is written in the sentence (-1 when it is not)."""
    return sentence.find(value.text)


def fate(sentence: str, value: Value) -> str | None:
    """What the sentence says befell what the value counts (died, injured, …), from the first
    such word after it in its clause ("four people were injured", "51 people dead", "Seven crew
    members and three passengers were injured") or the word right before it ("kills at least 5
    people"); None when it says none of them."""
    at = _at(sentence, value)
    if at < 0:
        return None
    end = at + len(value.text)
    sentence = sentence[:end] + _ASIDE.sub(" ", sentence[end:], count=1)
    after = _CLAUSE_AFTER.match(sentence, end)
    for word in re.findall(r"\w+", after.group() if after else ""):
        if word.casefold() in _FATES:
            return _FATES[word.casefold()]
    before = _FATE_BEFORE.search(sentence[:at])
    if before and before.group(1).casefold() in _FATES:
        return _FATES[before.group(1).casefold()]
    return None


def bearing(sentence: str, value: Value) -> str | None:
    """The compass direction a distance is told in ("535 miles north-northwest of the Azores"):
    two distances in two directions are two places (a storm that moved), not two reports."""
    at = _at(sentence, value)
    found = _BEARING_AFTER.match(sentence, at + len(value.text)) if at >= 0 else None
    return found.group(1).casefold().replace("-", "") if found else None


def rounded_alike(one: tuple[str, Value], other: tuple[str, Value]) -> bool:
    """One of the two values is said to be rounded ("about 250 people", "an estimated 1,075,000
    acres") and they agree to the coarser one's precision (253; "1 million acres"): one figure,
    rounded. Bounds are figures ("more than 32,000" / "33,000", "nearly 400,000" / "more than
    397,000" still differ, as the issue counts them). Each of `one`, `other` is (sentence,
    value)."""
    if not any(_APPROXIMATE_BEFORE.search(s[: max(0, _at(s, v))]) for s, v in (one, other)):
        return False
    coarser = max(precision(v.text) for _, v in (one, other))
    return abs(one[1].amount - other[1].amount) <= coarser / 2


Counted = tuple[str, date | None, Value]  # (sentence, published, value)


def count_rose(cited: Counted, other: Counted) -> bool:
    """Two counts that only grow (the dead, the hurt, the rescued, the arrested, jurors seated)
    of reports published on different days, the later one as high or higher: the next count as
    the story went on ("10 people had died" on 28 Sept, "at least 11" on 29 Sept; "Six jurors
    chosen", then "seven jurors were seated"), not a disagreement. A count that falls stays
    one, and so do two counts of one day both state."""
    order = _in_order(cited, other)
    if order is None or not all(_grows(sentence, value) for sentence, _, value in order):
        return False
    earlier, later = order
    return later[2].amount >= earlier[2].amount


def updated_copy(cited: Counted, other: Counted) -> bool:
    """The same sentence, published again a later day with its number as high or higher: a
    live page or a wire story updated ("the INE count of more than 77% of the vote" on 2 June,
    "… 85% …" on 3 June; a rain total's list line, "Green Pond: 16.55 inches" → "17.43"), the
    count as it went on, not a second report. A number lowered stays a disagreement (a total
    corrected down: "Rocky Ford: 12.89 inches" → "11.63")."""
    order = _in_order(cited, other)
    if order is None:
        return False
    earlier, later = order
    if _without(earlier[0], earlier[2]) != _without(later[0], later[2]):
        return False
    return later[2].amount >= earlier[2].amount


def _in_order(cited: Counted, other: Counted) -> tuple[Counted, Counted] | None:
    """The two reports, earlier first, when they were published on two known days."""
    if cited[1] is None or other[1] is None or cited[1] == other[1]:
        return None
    earlier, later = sorted((cited, other), key=lambda report: report[1] or date.min)
    return earlier, later


def _without(sentence: str, value: Value) -> str:
    """The sentence's words with the value taken out, in one case and spacing."""
    at = _at(sentence, value)
    if at >= 0:
        sentence = sentence[:at] + " " + sentence[at + len(value.text) :]
    return " ".join(sentence.casefold().split())


def _grows(sentence: str, value: Value) -> bool:
    """The value counts what only grows: "five deaths", "11 people died", "rescued 14 people"."""
    return value.unit in _GROWING_UNITS or fate(sentence, value) in _GROWING


def tally(sentence: str, value: Value) -> bool:
    """The value is a running count: "has/have" or "since" right next to it."""
    at = _at(sentence, value)
    if at < 0:
        return False
    near = sentence[max(0, at - _TALLY_WINDOW) : at + len(value.text) + _TALLY_WINDOW]
    return bool(_TALLY_WORDS.search(near))


def state_reading(sentence: str, value: Value) -> bool:
    """The value counts who is in a state at the moment of the report ("more than 2.7 million
    homes and businesses were without power", "18 million people are under threat of severe
    storms"): another day's reading is the state as it changed, not a disagreement."""
    at = _at(sentence, value)
    return at >= 0 and _STATE_AFTER.match(sentence, at + len(value.text)) is not None


def vote_stage(sentence: str, value: Value) -> str | None:
    """Which votes a share counts when the sentence says ("64% of the early vote" → "early",
    "53.8% of the votes" → ""); None when it counts no votes."""
    at = _at(sentence, value)
    end = at + len(value.text) + _VOTES_WINDOW
    found = _VOTES.search(sentence[at:end]) if at >= 0 else None
    if found is None:
        return None
    return (found.group(1) or "").casefold().replace("-in", "")

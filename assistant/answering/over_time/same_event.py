"""Whether two sentences that share most of their words can report one thing at all.

Measured on RealTime QA topics (`bench/conflicts.py`): most sentence pairs flagged as differing
reports were about two subjects ("Republican" / "Democratic" delegates, "she" / "he"), two times
("In the 2020 election, 14 states …" / "… 15 states" in 2024), or were photo captions (each photo
of its own day). Each test here says "not one thing" for one of those; none reads meaning.
"""

from __future__ import annotations

import re
from datetime import date

from assistant.answering.question.parse import stems
from assistant.answering.question.relative_time import time_mentions
from assistant.entities import Entity, EntityTagger
from assistant.timeframe import WEEKDAYS, YEAR

_MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
})  # fmt: skip
# Titles name no one ("Prince George" and "Princes William and Harry" share no person).
_TITLES = {
    "prince", "princes", "princess", "king", "queen", "president", "vice", "prime", "minister",
    "mr", "mrs", "ms", "dr", "sir", "lord", "lady", "gov", "sen", "rep", "judge", "justice",
    "gen", "general", "pope", "saint", "st",
}  # fmt: skip
# Kinds of places and points of the compass name no one place ("Manitowoc County" and "Minnehaha
# County" are two counties; "New York" and "New Jersey" two states).
_PLACE_WORDS = frozenset({
    "county", "city", "state", "province", "district", "parish", "township", "town", "village",
    "island", "islands", "lake", "river", "mount", "mountain", "mountains", "bay", "valley",
    "park", "beach", "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "new", "fort", "port", "university", "college", "airport", "street", "avenue",
})  # fmt: skip
_NOT_NAMES = _MONTHS | set(WEEKDAYS) | _TITLES | {"i", "a", "the", "an"}
_CAPITALISED = re.compile(r"\b[A-Z][\w’'.-]*")
_SHE = frozenset({"she", "her", "hers", "herself"})
_HE = frozenset({"he", "him", "his", "himself"})
_PRONOUN = re.compile(r"\b(?:she|her|hers|herself|he|him|his|himself)\b", re.IGNORECASE)
# Photo credits and captions: "Seth Herald/AFP/Getty Images A street …", "in this photo".
_CAPTION = re.compile(
    r"getty images|/(?:ap|afp|reuters|epa|upi)\b|\bin this (?:photo|image|picture)\b"
    r"|\b(?:photo|photograph|image) (?:by|courtesy|credit)\b|\bphoto:",
    re.IGNORECASE,
)
# A verb in the past tense, or a future: news prose of a dated happening. A caption describes a
# scene in the present ("Snow blankets Buffalo on Wednesday, December 28").
_IRREGULAR_PAST = frozenset({
    "was", "were", "had", "said", "began", "took", "made", "came", "went", "rose", "fell", "won",
    "lost", "left", "met", "held", "struck", "told", "gave", "saw", "found", "ran", "sent",
    "spoke", "wrote", "became", "brought", "got", "paid", "sold", "bought", "built", "kept",
    "chose", "drew", "grew", "led", "hit", "set", "put", "cut", "shut", "quit", "broke", "fled",
    "fought", "caught", "taught", "thought", "knew", "flew", "will", "did",
})  # fmt: skip
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")
# A subject that is a pronoun ("He won 232 electoral votes"): who it is, the sentence does not say.
_PRONOUN_LED = re.compile(
    r"^\W*(?:he|she|they|it|his|her|their|its|(?:that|this)(?= (?:is|was|means|would)\b))\b",
    re.IGNORECASE,
)
_AFTER_A_COLON = re.compile(r"^\s*[:;]")
# A count per game, per day, on average: another quantity than one game's or one day's count.
_AVERAGE = re.compile(
    r"\b(?:averag\w*|per (?:game|match|day|week|month|year|capita|person)"
    r"|a (?:game|match)(?![\w-]))",
    re.IGNORECASE,
)
_SUBJECT_WORDS = 6  # a person named among a sentence's first words is its subject
_ACTORS = frozenset({"PERSON", "ORG"})
# spaCy's labels of names: who or what a sentence is about (not its dates or numbers).
_NAMED = frozenset({
    "PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART",
})  # fmt: skip


def _names(sentence: str) -> frozenset[str]:
    """Stems of the capitalised words after the first (which any sentence capitalises), months
    and weekdays aside: "… the Democratic nomination" → democrat."""
    found = _CAPITALISED.findall(sentence)[1:] if sentence[:1].isupper() else []
    kept = " ".join(w for w in found if w.casefold().strip(".’'") not in _NOT_NAMES)
    return frozenset(stems(kept))


def _without_titles(name: str) -> str:
    """A name without its titles, and without the kinds of place it may share with another
    place's (unless that is all it is): "Prince William" → "William", "Manitowoc County" →
    "Manitowoc"."""
    words = [w for w in name.split() if w.casefold().strip(".’'") not in _TITLES]
    named = [w for w in words if w.casefold().strip(".’'") not in _PLACE_WORDS]
    return " ".join(named or words)


def other_subjects(one: str, other: str) -> bool:
    """Each sentence names someone and they name no one in common ("Republican" / "Democratic"),
    or one speaks only of a woman and the other only of a man."""
    ours, theirs = _names(one), _names(other)
    if ours and theirs and not ours & theirs:
        return True
    ours_p = {w.casefold() for w in _PRONOUN.findall(one)}
    theirs_p = {w.casefold() for w in _PRONOUN.findall(other)}
    return bool(ours_p and theirs_p) and (
        (ours_p <= _SHE and theirs_p <= _HE) or (ours_p <= _HE and theirs_p <= _SHE)
    )


def pronoun_led(sentence: str) -> bool:
    """The sentence's subject is a pronoun ("He won 232 electoral votes", "He'd need to average
    139 yards", "That is slightly above his average"), or it is the rest of a line after a colon
    (": 1 pair of glasses with purchase of …", one shop's offer of a list): whose value it gives
    is told before it, so it cannot be set against another report's."""
    return bool(_PRONOUN_LED.match(sentence) or _AFTER_A_COLON.match(sentence))


def two_subjects(one: str, other: str, tagger: EntityTagger) -> bool:
    """Whether spaCy's entities, found once for both sentences, tell two subjects apart
    (`_named_apart`, `_person_apart`)."""
    found = tagger.entities([one, other])
    return bool(found) and (_named_apart(one, other, found) or _person_apart(one, other, found))


def _named_apart(one: str, other: str, found: list[list[Entity]]) -> bool:
    """Each sentence names someone or something the other does not mention, by spaCy's
    entities; a name is mentioned when one of its words (titles aside) is in the other sentence
    ("Chiefs" / "Kansas City Chiefs"). "Donald Trump received about 74 million votes …, according
    to the Federal Election Commission" / "Biden received more than 81 million votes …, according
    to the Federal Election Commission" name two people, so give two counts."""

    def unmentioned(text: str, entities: list[Entity], elsewhere: str) -> bool:
        theirs = set(stems(elsewhere))
        return any(
            e.label in _NAMED and not set(stems(_without_titles(text[e.start : e.end]))) & theirs
            for e in entities
        )

    return unmentioned(one, found[0], other) and unmentioned(other, found[1], one)


def _person_apart(one: str, other: str, found: list[list[Entity]]) -> bool:
    """One sentence's subject — the first person or body spaCy finds in its first words — is a
    person whom the other does not mention, and the other names no person or body at all:
    "Oregon's senior guard Jermaine Couisnard … is the game's leading scorer with 14 points" /
    "South Carolina dominates, as reserves score 19 points" (a March Madness live page) count
    two players' points. spaCy's small model often calls a person a body ("Trump": ORG), so
    "Trump won Wisconsin by fewer than 23,000 votes" / "Trump defeated Hillary Clinton in
    Wisconsin … by 22,748 votes" still have one subject."""

    def leads(text: str, entities: list[Entity], elsewhere: str) -> bool:
        opening = len(" ".join(text.split()[:_SUBJECT_WORDS])) + len(text) - len(text.lstrip())
        actors = [e for e in entities if e.label in _ACTORS and e.start < opening]
        if not actors or actors[0].label != "PERSON":
            return False
        name = text[actors[0].start : actors[0].end]
        return not set(stems(_without_titles(name))) & set(stems(elsewhere))

    def nobody(entities: list[Entity]) -> bool:
        return not any(e.label in _ACTORS for e in entities)

    return (leads(one, found[0], other) and nobody(found[1])) or (
        leads(other, found[1], one) and nobody(found[0])
    )


def one_an_average(one: str, other: str) -> bool:
    """One of the two gives an average or a rate ("averaging just 2.5 points and 2.2 rebounds",
    "per game"), the other does not: "Junior guard Koby Brea added 15 points and two rebounds"
    counts one game."""
    return bool(_AVERAGE.search(one)) != bool(_AVERAGE.search(other))


def years_in(sentence: str) -> frozenset[int]:
    """The years a sentence states ("in 2022", "the 2044 eclipse"; not "2,024")."""
    return frozenset(int(y) for y in re.findall(rf"(?<![\d,.$])\b{YEAR}\b(?!%|,\d)", sentence))


def other_times(
    one: str, one_published: date | None, other: str, other_published: date | None
) -> bool:
    """The two are of other years: each states years and none in common ("the 2044 eclipse" /
    "the 2024 eclipse"), or one states years that do not hold the other's publication year
    ("In the 2020 presidential election, 14 states …" against a 2024 report)."""
    ours, theirs = years_in(one), years_in(other)
    if ours and theirs:
        return not ours & theirs
    if ours and other_published is not None:
        return other_published.year not in ours
    if theirs and one_published is not None:
        return one_published.year not in theirs
    return False


def other_moments(
    one: str, one_published: date | None, other: str, other_published: date | None
) -> bool:
    """The first relative times the two state do not overlap: "As of Wednesday morning, the
    website lists 99 locations" / "Last week, the website listed 87 stores" are two counts."""
    ours = time_mentions(one, one_published)
    theirs = time_mentions(other, other_published)
    if not ours or not theirs:
        return False
    return ours[0].last_day < theirs[0].first_day or theirs[0].last_day < ours[0].first_day


# A clock time ("By 5 p.m. ET", "at 11 a.m.", "Around 7:40 p.m."): a moment of the day.
_CLOCK = re.compile(r"\b(\d{1,2}(?::\d\d)?)\s*([ap])\.?m\b\.?", re.IGNORECASE)


def other_hours(one: str, other: str) -> bool:
    """The two state other moments of a day, or only one states a moment: "sustained winds of
    35 mph" by 5 p.m. and "45 mph at 11 a.m." are two readings, not two reports of one."""

    def hours(sentence: str) -> set[str]:
        return {f"{n}{half.casefold()}" for n, half in _CLOCK.findall(sentence)}

    return hours(one) != hours(other)


_HEDGED = re.compile(
    r"\b(?:could|might|expected to|forecasts?|predict(?:s|ed)?|projected|poised to|on track to)\b"
)


def one_a_forecast(one: str, other: str) -> bool:
    """One sentence tells what could happen, the other what did ("Palm Springs could get a
    year's worth of rain in 2 days" / "… a year's worth of rain came down in just one day")."""
    return bool(_HEDGED.search(one)) != bool(_HEDGED.search(other))


def both_forecasts(one: str, other: str) -> bool:
    """Both sentences tell what could or is expected to happen ("isolated totals around 15
    inches is forecast" / "Isolated areas could be deluged with 20 inches of rain")."""
    return bool(_HEDGED.search(one)) and bool(_HEDGED.search(other))


def caption(sentence: str) -> bool:
    """A photo's credit or caption: of the photo's day and place, not the story's."""
    return bool(_CAPTION.search(sentence))


def tells_a_happening(sentence: str) -> bool:
    """Told in the past tense or of the future ("was arrested on …", "will vote on …"), not a
    scene in the present ("A person clears snow … on December 26"), which is a caption."""
    for word in _LOWER_WORD.findall(sentence):
        if word in _IRREGULAR_PAST or (
            len(word) > 4 and word.endswith("ed") and not word.endswith("eed")
        ):
            return True
    return False

"""The kind of entity a question's answer is: "who" a person or a body, "when" a date …

Labels are spaCy's OntoNotes labels (`assistant/entities.py`). A question whose answer need not
be a named thing ("What did he say?", "What goods …?") has no expected type.
"""

from __future__ import annotations

import re

from assistant.answering.question.parse import question_kind, stems
from assistant.answering.question.place_levels import known_other_level

Labels = frozenset[str]

PERSON_OR_BODY: Labels = frozenset({"PERSON", "ORG", "NORP", "GPE"})
WHEN: Labels = frozenset({"DATE", "TIME"})
CLOCK: Labels = frozenset({"TIME"})
# "What time did …?" asks for the time of day ("4 a.m. CT", "Monday morning"), not the day;
# "What time period …?", "At what time in history …?", "During what time did …?" ask for an
# age.
_CLOCK_TIME = re.compile(
    r"(?<!during )(?<!since )(?<!until )(?<!by )\bwhat time\s+"
    r"(?:did|does|do|is|was|will|would|are|were|has|have|had|can|could|should)\b"
)
# A time of day: "4 a.m. CT", "about 1:30 a.m.", "Monday morning", "around midnight".
_TIME_OF_DAY = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s*(?:[ap]\.?\s?m\b\.?|o['’]clock)"
    r"|\b(?:noon|midnight|morning|afternoon|evening|night|overnight|dawn|daybreak|dusk|sunrise"
    r"|sunset|tonight)\b",
    re.IGNORECASE,
)


def asks_clock_time(question: str) -> bool:
    """ "What time did Beryl make landfall in Texas?" asks for a time of day, not a day."""
    return _CLOCK_TIME.search(question.casefold()) is not None


def tells_time_of_day(text: str) -> bool:
    """Whether `text` gives a time of day ("4 a.m. CT", "early Tuesday morning")."""
    return _TIME_OF_DAY.search(text) is not None


AMOUNT: Labels = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
MONEY: Labels = frozenset({"MONEY", "CARDINAL"})
PERCENT: Labels = frozenset({"PERCENT"})
# What a share is written as when the NER does not tag it.
SHARE = re.compile(r"%|\bper ?cent\b|\bhalf\b|\b(?:a|one|two)[ -](?:third|quarter)s?\b", re.I)
# Places, and the bodies and shops that are places to people ("at the UN", "from Walmart").
PLACE: Labels = frozenset({"GPE", "LOC", "FAC", "ORG"})
PERSON: Labels = frozenset({"PERSON"})
BODY: Labels = frozenset({"ORG"})

_PERSON_NOUNS = (
    r"officials?|ministers?|presidents?|persons?|people|man|men|woman|women|leaders?"
    r"|spokes(?:man|woman|person)|players?|chairman|ceo|executives?|politicians?"
    r"|senators?|governors?|judges?|authors?|actors?|singers?|candidates?"
    r"|stars?|celebrit(?:y|ies)|musicians?|rappers?|athletes?|comedians?|astronauts?"
)
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
    (PERSON, _PERSON_NOUNS),
    (WHEN, r"years?|months?|days?|dates?|decades?|centur(?:y|ies)|times?"),
    (frozenset({"LANGUAGE", "NORP"}), r"languages?"),  # the NER calls "German" NORP
    (frozenset({"NORP"}), r"nationalit(?:y|ies)|religions?"),
)
_WHO_IS_NAMED = re.compile(
    r"\b(?i:who\s+(?:is|was|are|were)\s+)(?![^?]*['’]s\s)(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)"
    r"\s*\??\s*$"
)
# "which / what" and the words that may name its noun: up to four, before a verb or an article
# ("Which former Disney Channel star …?" — but "What did the company say?" asks no company).
_WHICH = re.compile(r"\b(?:which|what)\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)", re.IGNORECASE)
_NOT_A_NOUN = frozenset({
    "is", "was", "are", "were", "did", "does", "do", "has", "have", "had", "will", "would",
    "can", "could", "the", "a", "an", "of",
})  # fmt: skip
# "Who is the minister of local government …?" asks for the person who holds the office.
_WHO_HOLDS = re.compile(
    r"\bwho\s+(?:is|was|are|were|will\s+be|has\s+been)\s+(?:the|a|an)\s+((?:[\w-]+\s+){0,2}[\w-]+)",
    re.IGNORECASE,
)


# "Who leads the machinists union?" asks for a person: a body is led by one, not by a body
# ("**IAM**", the union itself, was given in bold on real news).
_WHO_LEADS = re.compile(
    r"\bwho\s+(?:leads|led|heads|headed|runs|ran|chairs|chaired|directs|directed|manages"
    r"|managed|founded|owns|owned)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}?(?:union|party"
    r"|company|firm|group|organi[sz]ation|agency|department|ministry|committee|campaign|bank"
    r"|government|council|board|association|movement|church|charity|university|school)\b",
    re.IGNORECASE,
)
_WH_WORD = re.compile(r"\b(who|whom|whose|what|which|when|where|why|how)\b")
# "Who was killed at the parade?": what befell people (or a people), not a place ("Las Vegas",
# of another shooting, was given as Not sure on real news).
_WHO_SUFFERED = re.compile(
    r"\bwho\s+(?:was|were|got|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:killed|shot"
    r"|injured|wounded|hurt|murdered|stabbed|arrested|detained|charged|indicted|convicted"
    r"|sentenced|kidnapped|abducted|rescued|hospitali[sz]ed|born|taken\s+hostage)\b",
    re.IGNORECASE,
)


def described_name(question: str) -> str | None:
    """The name a "Who is NAME?" question asks about (what the person is), or None; "Who is
    TikTok's CEO?" names a role, not a person."""
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
    # The question's own word, not one of a clause in it ("What action did the department take
    # against the volunteer who used a slur?" asks no "who"; "What did she say when …?" no "when").
    first = _WH_WORD.search(lowered)
    asked = first.group(1) if first else ""
    if _CLOCK_TIME.search(lowered):  # "What time did Beryl make landfall?": not the day
        return CLOCK
    if question_kind(question) == "when":  # the one rule for "when", with its clause cases
        return WHEN
    if asked in ("who", "whom"):
        # "Who is Andrei Rudenko?" asks what a named person is: a role, not a name.
        if _WHO_IS_NAMED.search(question):
            return None
        holds = _WHO_HOLDS.search(question)
        if holds and any(
            re.fullmatch(_PERSON_NOUNS, word, re.IGNORECASE) for word in holds.group(1).split()
        ):
            return PERSON  # an office is held by a person, not by its ministry
        if _WHO_SUFFERED.search(question):
            return PERSON_OR_BODY - {"GPE"}  # the NER calls many a surname a body ("Thompson")
        return PERSON if _WHO_LEADS.search(question) else PERSON_OR_BODY
    if asked == "where":
        return PLACE
    found = _which_noun(question)
    return found[0] if found else None


def asked_noun(question: str) -> str | None:
    """The noun of a "which / what <noun>" question that tells the kind of name asked for
    ("groups" of "what groups …?", "bank" of "Which Russian bank …?"), or None."""
    found = _which_noun(question)
    return found[1] if found else None


def named_kind(question: str) -> frozenset[str]:
    """The words of a "which" question's noun when a name describes it, lower-cased
    ("thanksgiving", "dish" of "Which Thanksgiving dish was …?": one of a named kind asks for
    a name); none for other questions ("Which gasket …?" may be answered "silicon gasket")."""
    for m in _WHICH.finditer(question):
        words = _noun_phrase(m.group(1))
        if m.group(0)[:5].casefold() == "which" and any(w[:1].isupper() for w in words[1:]):
            return frozenset(w.casefold() for w in words)
    return frozenset()


def _which_noun(question: str) -> tuple[Labels, str] | None:
    """The labels and the word of the first "which / what [word] <noun>" noun of a kind, or
    of the noun that ends "what is the world's happiest country?"."""
    words = [w for m in _WHICH.finditer(question) for w in _noun_phrase(m.group(1))]
    ending = _WHAT_IS_THE.search(question)
    for word in [*words, *([ending.group(1)] if ending else [])]:
        for labels, nouns in _NOUNS:
            if re.fullmatch(nouns, word, re.IGNORECASE):
                return labels, word
    return None


# "According to the report, what is the world's happiest country?": the kind is the last word
# (no "of the city", "in the country" before it: "What was the cause of the fire in the city?").
_WHAT_IS_THE = re.compile(
    r"\b(?:what|which)\s+(?:is|was|are|were)\s+the\s+"
    r"(?:(?!(?:of|in|for|at|on|to|by|with|from|about|after|before)\b)[\w'’-]+\s+){0,3}"
    r"(\w+)\s*\?\s*$",
    re.IGNORECASE,
)


_PLURAL_WHICH = re.compile(
    r"\b(?:which|what)\s+(?:\w+\s+)?(?:goods|banks|measures|products|items|companies|countries"
    r"|sanctions|steps|people|officials|firms|sectors|industries|cities|nations|names|members"
    r"|individuals|entities|organi[sz]ations|groups|restrictions|weapons|materials|technologies"
    r"|commodities|exports|imports|services|areas|regions|states|sites|targets)\b",
    re.IGNORECASE,
)


# Levels of place: "Which state …?" is not answered by "El Dorado County".
_PLACE_KINDS = {
    "country": "country", "countries": "country", "nation": "country", "nations": "country",
    "state": "state", "states": "state", "province": "province", "provinces": "province",
    "county": "county", "counties": "county", "city": "city", "cities": "city",
    "town": "town", "towns": "town", "village": "village", "villages": "village",
    "district": "district", "districts": "district", "region": "region", "regions": "region",
}  # fmt: skip
_WHICH_PLACE = re.compile(
    r"\b(?:which|what)\s+(?:\w+\s+)?(" + "|".join(_PLACE_KINDS) + r")\b", re.IGNORECASE
)


def asked_place_kind(question: str) -> str | None:
    """The level of place a "which country / state / city …?" question asks for, or None."""
    match = _WHICH_PLACE.search(question)
    return _PLACE_KINDS[match.group(1).casefold()] if match else None


def names_other_place_kind(name: str, kind: str) -> bool:
    """A place name that says it is of another level than `kind` ("El Dorado County" for a
    state; "Kansas City" is a city, "Washington State" a state), or a well-known place of
    another level ("Oregon" for a city)."""
    words = name.split()
    last = words[-1].casefold().strip(".,") if len(words) > 1 else ""
    return (last in _PLACE_KINDS and _PLACE_KINDS[last] != kind) or known_other_level(name, kind)


_HOW_MANY = re.compile(r"\bhow many\s+(?:more\s+|of\s+the\s+)?((?:[\w-]+\s*){1,5})", re.IGNORECASE)
# Where the thing counted ends: a verb, a preposition or a pronoun ("How many New Zealand
# students attended …?", "How many square kilometers of rainforest …", "How many times a week").
_COUNTED_END = re.compile(
    r"(?:is|are|was|were|be|been|do|does|did|has|have|had|can|could|will|would|should|may|might"
    r"|must|of|in|on|at|for|from|to|by|with|a|an|the|there|that|who|which|it|they|he|she|you|we"
    r"|i|[\w-]+ed)",
    re.IGNORECASE,
)
# Plurals without an "s" that a count may be of.
_IRREGULAR_PLURALS = frozenset(
    {
        "people", "children", "men", "women", "police", "staff", "personnel", "feet", "teeth",
        "mice", "geese", "cattle", "sheep", "fish", "deer",
    }
)  # fmt: skip


def counted_noun(question: str) -> str | None:
    """The stem of what "how many" counts: the last plural of the words before the verb, a
    lower-case one first ("New Zealand students attended" → "student"; "ports" → "port"), else
    the first word, or None."""
    match = _HOW_MANY.search(question)
    if match is None:
        return None
    words: list[str] = []
    for word in match.group(1).split():
        if words and _COUNTED_END.fullmatch(word):
            break
        words.append(word)
    plural = [
        w for w in words if w.casefold() in _IRREGULAR_PLURALS or re.fullmatch(r"\w+[^s]s", w)
    ]
    common = [w for w in plural if not w[:1].isupper()]  # not "Angeles" in "Los Angeles … members"
    found = unit_stems((common or plural)[-1] if plural else words[0])
    return found[0] if found else None


def counted_group(question: str) -> frozenset[str]:
    """The names before the thing "how many" counts: "Delaware", "National", "Guard" of "How
    many Delaware National Guard members went to Florida?"."""
    match = _HOW_MANY.search(question)
    names: list[str] = []
    for word in match.group(1).split() if match else []:
        if not word[:1].isupper():
            break
        names.append(word)
    return frozenset(names)


_BRITISH_UNIT = re.compile(r"(?<=\w)tre(s?)\b", re.IGNORECASE)  # "kilometres", "litre"
_TONNE = re.compile(r"\btonne(s?)\b", re.IGNORECASE)


def unit_stems(text: str) -> list[str]:
    """`stems` with units spelt one way ("square kilometres" and "square kilometers", "metric
    tonnes" and "metric tons" alike)."""
    return stems(_TONNE.sub(r"ton\1", _BRITISH_UNIT.sub(r"ter\1", text)))


# "What action did … take?", "What was the purpose of …?", "What prompted …?": a deed, an aim or
# a cause, which a bare name ("the Delaware Fire Prevention Commission") does not give.
_DESCRIPTION = re.compile(
    r"\bwhat\s+(?:(?:was|is|were|are)\s+the\s+(?:\w+\s+)?)?(?:actions?|steps?|purpose|reasons?"
    r"|role|outcome|result|effects?|impact|significance|goal|cause|motive)\b"
    r"|\bwhat\s+(?:prompted|caused|led to)\b",
    re.IGNORECASE,
)


def asks_for_description(question: str) -> bool:
    """ "What action did … take?", "What was the purpose of …?": the answer is no bare name."""
    return _DESCRIPTION.search(question) is not None


# Any plural noun after "which/what" that the verb follows ("What crops were …?", "Which
# languages used …?", "What two things does …?"): "What happens when …?" and "What did
# aqueducts carry?" ask for no list.
_VERB_NEXT = (
    r"(?:did|do|does|were|are|was|is|have|has|had|can|could|will|would|should|may|might|must"
    r"|\w+ed)"
)
_PLURAL_HEAD = re.compile(
    rf"\b(?:which|what)\s+(?:\w+\s+)?"  # one word may come first: "What two things …"
    rf"(?P<noun>(?!(?:was|has|does|is)\b)[a-z]{{2,}}(?<![sui])s)\s+{_VERB_NEXT}\b",
    re.IGNORECASE,
)
_NOT_PLURAL = frozenset(
    ["this", "his", "its", "us", "thus", "plus", "news", "series", "species", "means", "always"]
)


# "Who are the Polaris Dawn crew?", "Who were the members of the team?": several people (real
# news: **Isaacman**, one of four, was the answer).
_WHO_ARE_THE = re.compile(
    r"^\W*who\s+(?:are|were)\s+the\s+(?P<noun>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)"
    r"(?=\s+(?:of|in|on|at|for|from|who|that|aboard)\b|\W*$)",
    re.IGNORECASE,
)


def _people_noun(question: str) -> str | None:
    """The noun of "Who are the Polaris Dawn crew?" ("crew"): several people are asked for;
    None for other questions and for "Who are the Houthis?" (what they are)."""
    people = _WHO_ARE_THE.search(question)
    noun = people.group("noun").split()[-1] if people is not None else None
    return noun if noun is not None and noun.islower() else None


def asks_who_several(question: str) -> bool:
    """ "Who are the Polaris Dawn crew?", "Who were the victims?": several people are asked for."""
    return _people_noun(question) is not None


def listed_noun(question: str) -> str | None:
    """The plural noun of a question that asks for several things ("goods" of "What goods …?",
    "crops" of "What crops were …?", "crew" of "Who are the Polaris Dawn crew?"), or None when
    it asks for one thing."""
    people = _people_noun(question)
    if people is not None:
        return people
    found = _PLURAL_WHICH.search(question)
    if found is not None:
        return found.group(0).split()[-1]
    found = _PLURAL_HEAD.search(question)
    if found is None or found.group("noun").casefold() in _NOT_PLURAL:
        return None
    return found.group("noun")


def asks_for_list(question: str) -> bool:
    """ "Which banks …?", "What goods …?", "What crops …?": the answer may be several things."""
    return listed_noun(question) is not None


def _noun_phrase(words: str) -> list[str]:
    """The words after "which / what" that may name its noun, the last first (the noun ends
    the phrase: "host city", "Disney Channel star"), up to a verb or an article; a possessive
    ("team's player") describes the noun after it."""
    found: list[str] = []
    for word in words.split():
        if word.casefold() in _NOT_A_NOUN:
            break
        found.append(word)
    return [w for w in reversed(found) if not w.endswith(("'s", "’s"))]

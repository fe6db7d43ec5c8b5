"""Predicates and their opposites: "lift" is not answered by "banned".

A question can carry a false premise ("When did Japan lift its luxury ban?" when the articles
only report the ban). When the sentence chosen to answer says the opposite of the question's
predicate and nothing of the predicate itself, the answer says so instead of giving the date of
the opposite event. The reader's training uses the same pairs for its negatives.

Only pairs where one side never answers a question about the other: converse pairs ("won" /
"lost", "bought" / "sold") are left out, since "X lost to Y" does answer "Who won?".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_LIFT = ("lift", "lifts", "lifted", "lifted", "lifting")
_END = ("end", "ends", "ended", "ended", "ending")
_REJECT = ("reject", "rejects", "rejected", "rejected", "rejecting")
# Each pair in the same forms: base, -s, past, participle, -ing.
OPPOSITES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("ban", "bans", "banned", "banned", "banning"), _LIFT),
    (("impose", "imposes", "imposed", "imposed", "imposing"), _LIFT),
    (("rise", "rises", "rose", "risen", "rising"), ("fall", "falls", "fell", "fallen", "falling")),
    (
        ("increase", "increases", "increased", "increased", "increasing"),
        ("decrease", "decreases", "decreased", "decreased", "decreasing"),
    ),
    (
        ("join", "joins", "joined", "joined", "joining"),
        ("leave", "leaves", "left", "left", "leaving"),
    ),
    (
        ("arrive", "arrives", "arrived", "arrived", "arriving"),
        ("leave", "leaves", "left", "left", "leaving"),
    ),
    (
        ("dock", "docks", "docked", "docked", "docking"),
        ("undock", "undocks", "undocked", "undocked", "undocking"),
    ),
    (
        ("open", "opens", "opened", "opened", "opening"),
        ("close", "closes", "closed", "closed", "closing"),
    ),
    (("start", "starts", "started", "started", "starting"), _END),
    (("begin", "begins", "began", "begun", "beginning"), _END),
    (("accept", "accepts", "accepted", "accepted", "accepting"), _REJECT),
    (("approve", "approves", "approved", "approved", "approving"), _REJECT),
    (("hire", "hires", "hired", "hired", "hiring"), ("fire", "fires", "fired", "fired", "firing")),
    (
        ("raise", "raises", "raised", "raised", "raising"),
        ("lower", "lowers", "lowered", "lowered", "lowering"),
    ),
    (
        ("support", "supports", "supported", "supported", "supporting"),
        ("oppose", "opposes", "opposed", "opposed", "opposing"),
    ),
)
# Predicates whose opposite undoes them, and so says they happened: a strike that ended began,
# sanctions lifted were imposed, a member who left had joined. Asked "When did the port strike
# begin?", a sentence of the deal to end it corrects nothing (real news: the answer said the
# articles only report its end); asked when it ended, one of its start still does.
UNDONE_BY_OPPOSITE = frozenset({"ban", "impose", "join", "open", "start", "begin", "hire"})
# Words that say the same as a side of a pair (their regular forms -s, -d, -ed, -ing match too):
# a sentence holding one does say the predicate ("prices fell" is answered by "declines", even if
# the sentence also says "rise" of something else).
_UP = (
    "rise",
    "rose",
    "risen",
    "increase",
    "raise",
    "grow",
    "grew",
    "grown",
    "climb",
    "gain",
    "jump",
    "surge",
    "soar",
    "rebound",
    "up",
    "higher",
    "boost",
    "add",
)
_DOWN = (
    "fall",
    "fell",
    "fallen",
    "decrease",
    "lower",
    "decline",
    "drop",
    "dropp",
    "dip",
    "dipp",
    "slide",
    "slid",
    "slip",
    "slipp",
    "sink",
    "sank",
    "sunk",
    "shrink",
    "shrank",
    "shrunk",
    "plunge",
    "tumble",
    "ease",
    "cut",
    "cutting",
    "reduce",
    "down",
    "slump",
    "sag",
    "sagg",
)
_STOP = (
    "lift",
    "remove",
    "end",
    "scrap",
    "scrapp",
    "ease",
    "drop",
    "dropp",
    "repeal",
    "rescind",
    "revoke",
    "relax",
    "suspend",
    "waive",
    "roll back",
    "rolled back",
)
# How news says a strike or a conflict began: "went on strike early Tuesday", "walked off the
# job", "broke out" (real news: "When did the port strike begin?" was told the articles say
# only that it ended).
_ONSET = (
    "went on strike",
    "go on strike",
    "going on strike",
    "walk off",
    "walked off",
    "walk out",
    "walked out",
    "broke out",
    "break out",
    "erupt",
    "commence",
    "got under way",
    "got underway",
)
# "start" and "begin" say the same.
_STARTED = ("start", "begin", "began", "begun", "launch", "kick off", "kicked off", "open", *_ONSET)
SAME: dict[str, tuple[str, ...]] = {
    "ban": (
        "ban",
        "bann",
        "prohibit",
        "bar",
        "barr",
        "block",
        "embargo",
        "forbid",
        "forbade",
        "outlaw",
        "restrict",
        "impose",
        "sanction",
    ),
    "impose": (
        "impose",
        "ban",
        "bann",
        "slap",
        "introduce",
        "sanction",
        "restrict",
        "levy",
        "levie",
        "enact",
        "announce",
    ),
    "lift": _STOP,
    "rise": _UP,
    "increase": _UP,
    "raise": _UP,
    "fall": _DOWN,
    "decrease": _DOWN,
    "lower": _DOWN,
    "join": ("join", "enter", "sign", "enrol", "enroll", "enlist", "become", "became"),
    "leave": (
        "leave",
        "left",
        "quit",
        "exit",
        "withdraw",
        "withdrew",
        "withdrawn",
        "resign",
        "abandon",
        "depart",
        "step down",
        "stepped down",
        "walk out",
        "walked out",
        "undock",
    ),
    "arrive": ("arrive", "reach", "land", "dock", "berth", "get to", "got to"),
    "dock": ("dock", "berth", "moor", "arrive", "attach"),
    "undock": ("undock", "depart", "leave", "left", "detach", "separate"),
    "open": ("open", "launch", "reopen", "unveil", "inaugurate"),
    "close": ("close", "shut", "shutter", "clos"),
    "start": _STARTED,
    "begin": _STARTED,
    "end": ("end", "finish", "conclude", "close", "stop", "stopp", "halt", "cease", "wrap"),
    "accept": ("accept", "approve", "ratify", "ratifie", "endorse", "agree", "adopt", "pass"),
    "approve": ("approve", "accept", "ratify", "ratifie", "endorse", "agree", "adopt", "pass"),
    "reject": (
        "reject",
        "refuse",
        "decline",
        "deny",
        "denie",
        "veto",
        "vote down",
        "voted down",
        "turn down",
        "turned down",
        "dismiss",
    ),
    "hire": ("hire", "recruit", "employ", "appoint", "name", "sign"),
    "fire": ("fire", "dismiss", "sack", "oust", "lay off", "laid off", "let go", "terminate"),
    "support": ("support", "back", "endorse", "favor", "favour", "champion"),
    "oppose": ("oppose", "against", "resist", "object", "criticize", "criticise", "reject"),
}
_AUXILIARY = re.compile(r"\b(?:did|does|do|to|will|would|can|could|should|may|might)\b", re.I)
_DETERMINER = re.compile(
    r"\b(?:the|a|an|its|their|his|her|of|these|those|this|that|have|has|had|no|any|some|more)"
    r"\s+$",
    re.I,
)
_ARTICLE = re.compile(r"\b(?:the|a|an|its|their|his|her|of|this|that|these|those)\s+$", re.I)
_PARTICLE = re.compile(r"^\s+(?:down|up|off|out|over|with)\b", re.I)
WORDS = re.compile(r"[A-Za-z]+")


def _forms() -> dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]]:
    found: dict[str, list[tuple[str, tuple[str, ...], tuple[str, ...]]]] = {}
    for one, other in OPPOSITES:
        for a, b in ((one, other), (other, one)):
            for form, opposite in zip(a, b, strict=True):
                found.setdefault(form, []).append((opposite, a, b))
    return found


# Each form → (its opposite in the same form, its forms, the opposite's) for every opposite it
# has ("lift": "ban" and "impose").
_OPPOSITE = _forms()
_VERB = re.compile(r"\b(" + "|".join(sorted(_OPPOSITE, key=len, reverse=True)) + r")\b", re.I)


@dataclass(frozen=True)
class Predicate:
    """A predicate of a question: where it is, and the forms of it and of its opposite."""

    word: str
    start: int
    end: int
    opposite: str  # the opposite in the same form ("lifted" for "banned")
    forms: tuple[str, ...]
    opposite_forms: tuple[str, ...]


def _is_predicate(question: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) is used as a verb: a base form only after "did", "to"
    …; no "-ing" form, title, adjective ("the lost episodes", "its ban") or phrasal verb
    ("closed down")."""
    word = question[start:end]
    before = question[:start]
    if word.casefold() == _OPPOSITE[word.casefold()][0][1][0] and not _AUXILIARY.search(before):
        return False
    if word.casefold().endswith("ing") or (word[:1].isupper() and start > 0):
        return False
    return not (_DETERMINER.search(before) or _PARTICLE.match(question[end:]))


def predicates(question: str) -> list[Predicate]:
    """The question's predicates that have an opposite ("lift" in "When did Japan lift its
    ban?"), one entry per opposite; none the question asks both ways ("rise or fall?")."""
    used = [m for m in _VERB.finditer(question) if _is_predicate(question, m.start(), m.end())]
    verbs = {m.group(1).casefold() for m in used}
    found = []
    for match in used:
        word = match.group(1)
        for opposite, own, other in _OPPOSITE[word.casefold()]:
            either = rf"\b(?:{'|'.join(other)})\s+or\b|\bor\s+(?:{'|'.join(other)})\b"
            if verbs.isdisjoint(other) and not re.search(either, question, re.I):
                found.append(Predicate(word, match.start(), match.end(), opposite, own, other))
    return found


def says(sentence: str, base: str) -> bool:
    """Whether `sentence` holds a word that says the same as the verb `base` ("declines" for
    "fall"), in any regular form, and not under a negation ("no intention of lifting")."""
    same = "|".join(re.escape(word) for word in SAME.get(base, (base,)))
    found = re.finditer(rf"\b(?:{same})(?:s|es|d|ed|ing)?\b", sentence, re.I)
    return any(not _NEGATED.search(sentence[: m.start()]) for m in found)


# A negation just before a verb: "will not lift", "no intention of lifting", "refused to lift".
_NEGATED = re.compile(
    r"(?:\b(?:not|never|no|without|nor|refused?\s+to|refusing\s+to|declined?\s+to"
    r"|rather\s+than|instead\s+of)|n[’']t)(?:\s+\w+){0,3}\s+$",
    re.IGNORECASE,
)


def contradiction(
    question: str, sentence: str | Sequence[str], support: Sequence[str] | None = None
) -> tuple[str, str] | None:
    """(the question's predicate, the opposite a sentence says) when a sentence says the
    opposite ("the end of" is a noun, not a verb) and none of the `support` sentences (default:
    the same sentences) says the predicate itself, in its own or other words; else None. Given
    several sentences (the best reads, best first), the first that says the opposite counts."""
    sentences = [sentence] if isinstance(sentence, str) else list(sentence)
    supporting = sentences if support is None else list(support)
    for predicate in predicates(question):
        if predicate.forms[0] in UNDONE_BY_OPPOSITE:
            continue  # "a deal to end the strike" says that it began
        if any(_says_predicate(predicate, text) for text in supporting):
            continue
        for text in sentences:
            said = _opposite_said(predicate, text)
            if said is not None:
                return predicate.word, said
    return None


def undoes(question: str, sentence: str) -> bool:
    """Whether the sentence tells of the undoing of what the question asks about and not of it
    ("a deal to end East Coast strike … on Oct. 3" for "When did the port strike begin?"): its
    day or place is the undoing's, not the answer."""
    return any(p.forms[0] in UNDONE_BY_OPPOSITE for p in _only_opposites(question, sentence))


def says_only_opposite(question: str, sentence: str) -> bool:
    """Whether the sentence says the opposite of one of the question's predicates and not the
    predicate itself: its undoing (`undoes`) or a contradiction ("After arriving June 6 at the
    space station" for when Starliner left it)."""
    return next(_only_opposites(question, sentence), None) is not None


def _only_opposites(question: str, sentence: str) -> Iterator[Predicate]:
    """The question's predicates of which the sentence says the opposite and not the predicate."""
    for predicate in predicates(question):
        if not _says_predicate(predicate, sentence) and _opposite_said(predicate, sentence):
            yield predicate


def _opposite_said(predicate: Predicate, sentence: str) -> str | None:
    """The form of the predicate's opposite the sentence uses as a verb (not after an article:
    "the end of" is a noun), or None."""
    pattern = rf"\b({'|'.join(predicate.opposite_forms)})\b"
    for match in re.finditer(pattern, sentence, re.I):
        if not _ARTICLE.search(sentence[: match.start()]):
            return match.group(1)
    return None


def _says_predicate(predicate: Predicate, sentence: str) -> bool:
    """Whether the sentence says the predicate (a form of it or a word for the same), not
    under a negation."""
    forms = "|".join(predicate.forms)
    found = re.finditer(rf"\b(?:{forms})\b", sentence, re.I)
    if any(not _NEGATED.search(sentence[: m.start()]) for m in found):
        return True
    return says(sentence, predicate.forms[0])

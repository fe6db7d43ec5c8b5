"""'Who is Janet Yellen?' asks what a named person is: the role the article gives the name.

The answer is the role written before the name ("US Treasury Secretary Janet Yellen",
"Russia's Deputy Foreign Minister Andrei Rudenko") or set off after it ("Janet Yellen, the US
Treasury Secretary, said"). Another person's name is never the answer: the reader, asked "who",
likes names, and "Alexander Lukashenko" in Yellen's sentence was shown in bold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answering.evidence.candidates import Candidate
from assistant.answering.evidence.lists import ROLE_WORDS
from assistant.answering.evidence.reading import Read
from assistant.answering.question.answer_type import names_other_place_kind
from assistant.answering.types import ShortAnswer
from assistant.entities import Entity, EntityTagger
from assistant.retrieval import Hit

# Nouns that say what someone is ("secretary", "minister", "spokesperson" …).
ROLE_NOUNS = frozenset({
    "secretary", "minister", "president", "chancellor", "premier", "spokesman", "spokeswoman",
    "spokesperson", "chairman", "chairwoman", "chair", "chief", "executive", "ceo", "cfo",
    "director", "governor", "senator", "ambassador", "official", "king", "queen", "prince",
    "princess", "general", "envoy", "mayor", "leader", "head", "commander", "founder",
    "co-founder", "analyst", "economist", "professor", "lawmaker", "legislator", "representative",
    "congressman", "congresswoman", "judge", "attorney", "adviser", "advisor", "secretary-general",
    "counsel", "negotiator", "correspondent", "reporter", "editor", "officer", "manager",
    "candidate", "researcher", "expert", "strategist", "owner", "partner", "commissioner",
    "inspector", "coach", "captain", "prosecutor", "rapporteur", "dean", "author", "writer",
    "vice-president", "president-elect", "administrator", "deputy", "diplomat", "emperor", "pope",
    "bishop", "cardinal", "monarch"
})  # fmt: skip
# Lower-case words that may stand inside a role ("deputy", "former", "foreign").
ROLE_MODIFIERS = frozenset({
    "former", "deputy", "vice", "acting", "chief", "foreign", "prime", "senior", "top", "first",
    "then", "interim", "assistant", "associate", "principal", "general", "managing"
})  # fmt: skip
_FUNCTION = frozenset({
    "on", "in", "at", "the", "a", "an", "and", "but", "meanwhile", "when", "while", "after",
    "before", "as", "then", "also", "said", "says", "told", "according", "to", "by", "with",
    "from", "for", "of"
})  # fmt: skip
_CALENDAR = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march"
    r"|april|may|june|july|august|september|october|november|december)$"
)
ROLE_AFTER = re.compile(r",\s+(?:(?:the|a|an)\s+)?(?P<role>[^,;:.()\"“”]{3,80}?)\s*(?:[,;:.)]|$)")
MAX_ROLE_WORDS = 8
POSSESSIVE = re.compile(r"['’]s?$")


def plain_word(token: str) -> str:
    return token.casefold().strip("'’\"“”")


def _role_before(text: str, at: int) -> tuple[int, int] | None:
    """The role written just before the name at `at` ("US Treasury Secretary ")."""
    tokens = list(re.finditer(r"\S+", text[:at]))
    kept: list[re.Match[str]] = []
    for token in reversed(tokens):
        raw = token.group(0)
        if raw[-1] in ',;:.()"“”' or len(kept) == MAX_ROLE_WORDS:
            break
        word = plain_word(raw)
        bare = POSSESSIVE.sub("", word)
        if word in _FUNCTION or _CALENDAR.match(bare):
            break
        if not (raw[:1].isupper() or word in ROLE_NOUNS or word in ROLE_MODIFIERS):
            break
        kept.append(token)
    kept.reverse()
    while kept and plain_word(kept[0].group(0)) in ROLE_MODIFIERS - {"former", "deputy", "vice"}:
        kept.pop(0)  # nothing hangs on a leading "top" or "senior" alone
    if not any(plain_word(t.group(0)) in ROLE_NOUNS for t in kept):
        return None
    return kept[0].start(), kept[-1].end()


def _role_after(text: str, end: int) -> tuple[int, int] | None:
    """The role set off after the name (", the US Treasury Secretary,")."""
    match = ROLE_AFTER.match(text, end)
    if match is None:
        return None
    role = match.group("role")
    words = [plain_word(w) for w in role.split()]
    if len(words) > MAX_ROLE_WORDS or not any(w in ROLE_NOUNS for w in words):
        return None
    if words[0] in {"who", "which", "that", "said", "says", "told", "and", "but"}:
        return None
    return match.start("role"), match.end("role")


def role_span(text: str, name: str) -> tuple[int, int] | None:
    """Where `text` says what the person `name` is (whole name first, then the surname)."""
    words = name.split()
    for form in dict.fromkeys((name, words[-1])):
        for found in re.finditer(rf"\b{re.escape(form)}\b", text):
            span = _role_before(text, found.start()) or _role_after(text, found.end())
            if span is not None:
                return span
    return None


def described_reads(tagger: EntityTagger, name: str, reads: Sequence[Read]) -> list[Read]:
    """Each read's span moved to the role its sentence gives `name` (`typed` True); a span that
    is another person's name, in a sentence giving none, is marked `typed` False."""
    asked = {w.casefold() for w in name.split()}
    checked: list[Read] = []
    others = _other_people(tagger, asked, reads)
    for read, people in zip(reads, others, strict=True):
        if read.span is None:
            checked.append(read)
            continue
        candidate = read.candidate
        role = role_span(candidate.text, name)
        if role is not None:
            span = (candidate.start + role[0], candidate.start + role[1])
            checked.append(replace(read, span=span, typed=True))
        elif any(start <= read.span[0] and read.span[1] <= end for start, end in people):
            checked.append(replace(read, typed=False))
        else:
            checked.append(read)
    return checked


def _other_people(
    tagger: EntityTagger, asked: set[str], reads: Sequence[Read]
) -> list[list[tuple[int, int]]]:
    """Per read, the article offsets of the people its sentence names besides the one asked."""
    if type(tagger) is EntityTagger or not reads:
        return [[] for _ in reads]
    tagged = tagger.entities([read.candidate.text for read in reads])
    people: list[list[tuple[int, int]]] = []
    for read, found in zip(reads, tagged, strict=True):
        text, offset = read.candidate.text, read.candidate.start
        people.append(
            [
                (offset + e.start, offset + e.end)
                for e in found
                if e.label == "PERSON"
                and not {plain_word(POSSESSIVE.sub("", w)) for w in text[e.start : e.end].split()}
                & asked
            ]
        )
    return people


# Titles news abbreviates before a name: "Maryland Gov. Wes Moore", "Sen. Ted Cruz".
_ABBREVIATED = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
    "lt": "lieutenant", "sec": "secretary", "pres": "president", "atty": "attorney",
    "supt": "superintendent", "cmdr": "commander",
}  # fmt: skip


def spelled_out(token: str) -> str:
    """A word of a role, an abbreviated title written out ("Gov." → "governor")."""
    word = plain_word(token)
    return _ABBREVIATED.get(word.rstrip("."), word)


_TITLES = ROLE_NOUNS | {"officials", "ministers", "mr", "mrs", "ms", "dr", "sir", "lord"}


def describes_a_noun(candidate: Candidate, span: tuple[int, int], found: Sequence[Entity]) -> bool:
    """A nationality used as an adjective ("Belarusian" before "Minister of Defense") or a
    name that is part of a role ("State" in "State Secretary"): it names no one who did
    anything, so it answers no "who"."""
    labels = {e.label for e in found if (e.start, e.end) == span}
    hit = candidate.hit
    following = hit.at(span[1], candidate.end).split()[:1]
    if not following:
        return False
    word = following[0].strip(",;:.").casefold()
    return word in _TITLES or ("NORP" in labels and following[0][:1].isupper())


# Offices a title before a name gives ("Navy Secretary Carlos Del Toro"), and the callings of
# "which actor / singer / player / author …?" that none of them is.
_OFFICES = frozenset({
    "secretary", "minister", "president", "chancellor", "premier", "governor", "senator",
    "ambassador", "mayor", "judge", "prosecutor", "commissioner", "lawmaker", "congressman",
    "congresswoman", "spokesman", "spokeswoman", "spokesperson", "secretary-general"
})  # fmt: skip
_CALLINGS = re.compile(r"(?:actor|actress|singer|player|author)s?", re.IGNORECASE)


def holds_an_office(candidate: Candidate, span: tuple[int, int], noun: str | None) -> bool:
    """For "Which actor …?" (a calling), the span is a person the sentence gives an office:
    "Navy Secretary Carlos Del Toro" is not the actor who received the Navy's award."""
    if noun is None or not _CALLINGS.fullmatch(noun):
        return False
    role = _role_before(candidate.text, span[0] - candidate.start)
    if role is None:
        return False
    return any(plain_word(w) in _OFFICES for w in candidate.text[role[0] : role[1]].split())


# "Vanuatu, a country west of Fiji": the place after a direction is where the other one lies.
_REFERENCE = re.compile(
    r"\b(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def reference_point(candidate: Candidate, span: tuple[int, int]) -> bool:
    """The span is a place that tells where another lies ("Fiji" of "Vanuatu, a country west
    of Fiji" for "Which Pacific nation was struck …?"), not the place asked for."""
    text, start = candidate.hit.text, span[0] - candidate.hit.start
    return _REFERENCE.search(text[max(0, start - _NEAR) : start]) is not None


def names_another_place(candidate: Candidate, span: tuple[int, int], kind: str) -> bool:
    """The span is a place name of another level than the question's "which <kind>", or is
    listed with one ("Washington" of "in Oregon and Washington" is a state too)."""
    text = candidate.hit.text
    start, end = span[0] - candidate.hit.start, span[1] - candidate.hit.start
    before = _LISTED_BEFORE.search(text[max(0, start - _NEAR) : start])
    after = _LISTED_AFTER.match(text[end : end + _NEAR])
    # Each end of the words before "and" ("In Oregon and": "Oregon"), each start after it.
    ends = before.group(1).split() if before else []
    starts = after.group(1).split() if after else []
    named = [" ".join(ends[n:]) for n in range(len(ends))]
    named += [" ".join(starts[: n + 1]) for n in range(len(starts))]
    return any(names_other_place_kind(name, kind) for name in [text[start:end], *named])


_NEAR = 40  # characters either side where a place listed with the span is looked for
_PLACE = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"
_LISTED_BEFORE = re.compile(rf"({_PLACE}),?\s+(?:and|or)\s+$")
_LISTED_AFTER = re.compile(rf",?\s+(?:and|or)\s+({_PLACE})")


_ARTICLE = re.compile(r"(?:the|a|an)\s+|", re.IGNORECASE)


def no_names(
    tagger: EntityTagger, reads: Sequence[Read], names: frozenset[str], max_gap: float
) -> list[Read]:
    """For "What sanctions / goods / measures / action …?" (things, not names): a span that is a
    name ("Russia" in "imposed sanctions on Russia") is of the wrong kind, and gives way to the
    reader's next span in the sentence within `max_gap` logits that is not one."""
    if type(tagger) is EntityTagger or not reads:
        return list(reads)
    tagged = tagger.entities([read.candidate.text for read in reads])
    checked = []
    for read, found in zip(reads, tagged, strict=True):
        if read.span is not None and _a_name(read.candidate, read.span, found, names):
            same = [
                span
                for candidate, span, gap in read.options
                if gap <= max_gap and candidate.start == read.candidate.start
                and candidate.hit.article_id == read.candidate.hit.article_id
                and not _a_name(candidate, span, found, names)
            ]  # fmt: skip
            read = replace(read, span=same[0]) if same else replace(read, typed=False)
        checked.append(read)
    return checked


def _a_name(
    candidate: Candidate, span: tuple[int, int], found: Sequence[Entity], names: frozenset[str]
) -> bool:
    """The span is (inside) a name, a leading article aside ("the Commission")."""
    start, end = (at - candidate.start for at in span)
    article = _ARTICLE.match(candidate.text, start)
    start += len(article.group()) if article else 0
    return any(e.start <= start and end <= e.end and e.label in names for e in found)


def person_for_role(read: Read, entities: Sequence[Entity]) -> tuple[int, int] | None:
    """For a span that names a role ("the deputy minister"), the person named with that role in
    the same sentence ("Deputy Foreign Minister Andrei Rudenko")."""
    assert read.span is not None
    hit = read.candidate.hit
    start, end = read.span
    role = hit.at(start, end).split()
    if not role or any(word[:1].isupper() for word in role[1:]) or len(role) > 4:
        return None
    head = role[-1].casefold().strip(".,;:")
    for entity in entities:
        if entity.label != "PERSON" or entity.start < read.candidate.start:
            continue
        before = hit.text[max(0, entity.start - hit.start - 60) : entity.start - hit.start]
        if head in [w.casefold().strip(",") for w in before.split()[-ROLE_WORDS:]]:
            return entity.start, entity.end
    return None


# Words that open a capitalised run without being a first name ("The Scott", "In Scott's").
_NO_FIRST_NAME = frozenset({
    "the", "a", "an", "in", "on", "at", "by", "for", "from", "with", "and", "but", "of", "to",
    "as", "after", "before", "when", "then", "if", "so", "or", "said", "says", "while", "yet",
    "now", "still", "also", "even", "later", "today", "here", "there", "this", "that", "these",
    "those", "meanwhile", "however", "instead", "only", "just", "since", "because", "though",
    "although", "once", "where", "why", "how", "what", "who", "it", "he", "she", "they", "we",
    "his", "her", "their", "our", "its", "mr", "mrs", "ms", "dr", "like", "about", "against",
    "among", "under", "during", "between", "through", "across", "into", "upon", "within",
    "without", "including", "following", "despite", "unlike", "toward", "towards", "per",
})  # fmt: skip


_NOT_NAMES = _NO_FIRST_NAME | _TITLES
# Up to three capitalised words right before a name, on its line ("Aysha Bagchi\n\nFBI says …"
# holds no "Aysha Bagchi FBI": a byline ends its paragraph).
_CAPITALS_BEFORE = re.compile(r"(?:[A-Z][\w'’.-]* ){1,3}\Z")


_NICKNAME_AFTER = re.compile(r"\s+[\"“][A-Z][\w'’.-]*[\"”]\s+[A-Z][\w'’-]+")


# "Who are the Starliner astronauts?": the people named with the one found, each a full name
# ("… and Sunita 'Suni' Williams"; "and NASA officials" names no one).
_NAME = r"[A-Z][\w'’.-]*(?:\s+[\"“][A-Z][\w'’.-]*[\"”])?(?:\s+[A-Z][\w'’-]+){1,2}"
_OTHERS_AFTER = re.compile(rf"(?:,\s+{_NAME})*,?\s+and\s+{_NAME}")
_PLURAL_WHO = re.compile(r"\s*who\s+(?:are|were)\b", re.IGNORECASE)


def full_name(
    short: ShortAnswer, best: Read, hits: Sequence[Hit], question: str = ""
) -> ShortAnswer:
    """The short answer to "who" as a full name (`_full_name`), and asked "Who are …?", with
    the people the sentence names with it ('Barry "Butch" Wilmore and Sunita "Suni" Williams')."""
    named = _full_name(short, best, hits)
    if not _PLURAL_WHO.match(question):
        return named
    hit = best.candidate.hit
    others = _OTHERS_AFTER.match(hit.text, named.end - hit.start)
    if others is None or named.resolved_from is not None:
        return named
    return replace(named, text=named.text + others.group(0), end=named.end + len(others.group(0)))


def _full_name(short: ShortAnswer, best: Read, hits: Sequence[Hit]) -> ShortAnswer:
    """For "who": a surname alone ("Scott" of "Then Scott, the mayor, stepped forward") given as
    the one full name its article writes in the passages read ("Baltimore Mayor Brandon Scott"),
    pointing there; unchanged when the article gives none, or more than one ("Walter Scott"). A
    first name before a nickname in quotes takes both and the surname ('Barry "Butch" Wilmore').
    """
    surname = short.text.strip()
    if not re.fullmatch(r"[A-Z][\w'’-]+", surname):
        return short
    hit = best.candidate.hit
    nickname = _NICKNAME_AFTER.match(hit.text, short.end - hit.start)
    if nickname is not None:  # 'Barry "Butch" Wilmore': a first name, not a surname
        end = short.end + len(nickname.group(0))
        return replace(short, text=short.text + nickname.group(0), end=end)
    article = best.candidate.hit.article_id
    found: dict[str, tuple[Hit, int, int]] = {}
    for hit in (h for h in hits if h.article_id == article):
        for at in re.finditer(rf"\b{re.escape(surname)}\b", hit.text):
            if re.match(r"\s+[A-Z]", hit.text[at.end() :]):
                continue  # "Francis Scott Key": not a name Scott ends
            before = _CAPITALS_BEFORE.search(hit.text, 0, at.start())
            words = before.group(0).split() if before else []
            cut = [n for n, w in enumerate(words) if spelled_out(w).rstrip(".") in _NOT_NAMES]
            words = words[cut[-1] + 1 :] if cut else words  # "… Mayor Brandon Scott" → "Brandon"
            if words:
                start = at.start() - len(" ".join(words)) - 1
                found.setdefault(hit.text[start : at.end()], (hit, start, at.end()))
    if len(found) != 1:
        return short
    name, (hit, start, end) = next(iter(found.items()))
    return ShortAnswer(name, short.citation, hit.start + start, hit.start + end)

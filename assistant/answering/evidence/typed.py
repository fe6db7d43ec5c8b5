"""Typed answers: the reader's span checked against the kind of thing the question asks for.

"Who …?" is answered by a person or a body, "when" by a date, "how many" by a number, "which
country" by a country (`answering/question/answer_type.py`). The NER tags the sentences that
hold the reader's best spans. The reader's best span stands when it holds an entity of the
kind asked for (`typed` True; part of a name grows to the whole name, a run of words is cut to
the name it holds) or may be one the NER missed (`typed` None). A span plainly of another kind
("union" for "what share …?") gives way to the reader's next span of the right kind within
`MAX_GAP` logits, or to the person the sentence names with the role it gives; with none the read
is marked `typed` False and gives no short answer in bold. "When" spans are only marked: dates
have their own patterns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.answering.evidence.amounts import a_change, asks_change
from assistant.answering.evidence.candidates import Candidate
from assistant.answering.evidence.clauses import name_before_its_kind, narrowed
from assistant.answering.evidence.counting import another_group, counting, never_named
from assistant.answering.evidence.datelines import in_dateline
from assistant.answering.evidence.entity_spans import EXTRA_WORDS as _EXTRA_WORDS
from assistant.answering.evidence.entity_spans import NAMES as _NAMES
from assistant.answering.evidence.entity_spans import asked_after, entity_span
from assistant.answering.evidence.lists import (
    listed_on,
    named_for_another_item,
    names_after,
    past_apposition,
    whole_list,
)
from assistant.answering.evidence.news import asks_for_time_to_come
from assistant.answering.evidence.reading import DIRECTION, Read
from assistant.answering.evidence.role_holders import asked_role, role_holder
from assistant.answering.evidence.roles import (
    POSSESSIVE,
    described_reads,
    describes_a_noun,
    holds_an_office,
    names_another_place,
    no_names,
    person_for_role,
    reference_point,
)
from assistant.answering.over_time.background import asks_for_background, recalled_time
from assistant.answering.question.answer_type import (
    AMOUNT,
    BODY,
    PERCENT,
    PERSON,
    PLACE,
    SHARE,
    WHEN,
    Labels,
    asked_noun,
    asked_place_kind,
    asks_for_description,
    counted_group,
    counted_noun,
    described_name,
    expected_labels,
    listed_noun,
)
from assistant.answering.question.parse import Question, name_word, stems
from assistant.entities import Entity, EntityTagger
from assistant.timeframe import YEAR

# How far below the reader's best span (start + end logits) another span may be and still be
# chosen for its type. Measured on the dev sets of every training source (bench/answer_types.py).
MAX_GAP = 3.0
# Added to the rank of a read whose span is of the kind asked for (bench/answer_types.py).
TYPE_BONUS = 0.1
_YEARS = re.compile(rf"\b{YEAR}\b")
_BETWEEN_YEARS = re.compile(r"[\s,;]+|\b(?:in|and|or)\b")
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|forty|fifty|hundred|thousand|million|billion|trillion|dozens?|half|third|quarter"
    r"|percent|per cent)\b",
    re.IGNORECASE,
)
# Capitalised words that name a role, not who holds it ("President", "the Deputy Minister").
_ROLES = {
    "the", "a", "an", "president", "vice", "prime", "minister", "deputy", "foreign", "secretary",
    "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "chair", "chief",
    "executive", "ceo", "director", "governor", "senator", "ambassador", "official", "officials",
    "king", "queen", "prince", "general", "mr", "mrs", "ms", "dr", "sir", "lord",
}  # fmt: skip


def typed_reads(tagger: EntityTagger, parsed: Question, reads: Sequence[Read]) -> list[Read]:
    """`reads` with each span checked against the kind asked for: of it (`typed` True, the span
    perhaps moved), plainly not and no other span is (False), or unconfirmed (None, also when
    the question asks for no kind; a list question's span grows over its list)."""
    question = parsed.text
    reads = [name_before_its_kind(parsed, narrowed(parsed, read, MAX_GAP)) for read in reads]
    described = described_name(question)
    if described is not None:  # "Who is Janet Yellen?": the role the article gives her
        return described_reads(tagger, described, reads)
    labels = expected_labels(question)
    noun = listed_noun(question)
    if labels is None and noun is not None:  # "What goods …?": the list the span starts
        # the list's own noun may end it ("… and consumer goods"), the question's other words not
        own = set(stems(noun))
        terms = frozenset(parsed.terms) - own
        named = no_names(tagger, reads, _NAMES, MAX_GAP)
        return [past_apposition(listed_on(r, terms), noun) for r in named]
    if labels is None and asks_for_description(question):  # "What action …?": no bare name
        return no_names(tagger, reads, _NAMES, MAX_GAP)
    if labels is None or not reads or type(tagger) is EntityTagger:
        return list(reads)
    sentences: dict[tuple[str, int], Candidate] = {}
    for read in reads:
        for candidate, _span in _choices(read):
            sentences.setdefault(candidate.key, candidate)
    tagged = tagger.entities([c.text for c in sentences.values()])
    entities = {
        key: [Entity(c.start + e.start, c.start + e.end, e.label) for e in found]
        for (key, c), found in zip(sentences.items(), tagged, strict=True)
    }
    if labels == WHEN:  # dates have their own patterns (reading.short_answer): checked only
        recalled_ok = asks_for_background(question)
        to_come = asks_for_time_to_come(question)
        return [_dated(read, entities, recalled_ok, to_come) for read in reads]
    # A name the question says is not its answer ("Li Meng" for "Who mentored Li Meng?"; not
    # "Genghis Khan" for "Who was Kublai Khan's grandfather?").
    asked = parsed.entities
    said: dict[tuple[str, int], list[Entity]] = {}
    for key, found in entities.items():
        text, offset = sentences[key].text, sentences[key].start
        names = [text[e.start - offset : e.end - offset] for e in found]
        said[key] = [e for e, name in zip(found, names, strict=True) if _asked_for(name, asked)]
        entities[key] = [e for e in found if e not in said[key]]
    listed = noun is not None
    counted = counted_noun(question) if labels & AMOUNT else None
    head = asked_role(question) if labels & PERSON else None
    place, share = asked_place_kind(question), labels == PERCENT and not asks_change(question)
    if head is not None:  # "Who is Japan's foreign minister?": the person given that role
        reads = [role_holder(read, entities[read.candidate.key], head, question) for read in reads]
    # A body may be described rather than named ("religious groups"); a place or a person not.
    noun_asked = asked_noun(question)
    kind_noun = noun_asked if labels == BODY else None
    calling = noun_asked if labels == PERSON else None  # "actor" of "Which actor …?"
    before_asked = asked_after(question)  # "against" of "… against which country?"
    group = counted_group(question) if counted else frozenset()
    checked = [
        read
        if read.typed is not None
        else _typed(
            read,
            labels,
            entities,
            said,
            listed,
            counted,
            place,
            share,
            kind_noun,
            before_asked,
            calling,
            group,
        )
        for read in reads
    ]
    if not labels & PERSON:
        return checked
    # A name in parentheses after another item of a list ("… director, actor (Cillian Murphy)").
    return [replace(r, typed=False) if named_for_another_item(question, r) else r for r in checked]


def _dated(
    read: Read,
    entities: dict[tuple[str, int], list[Entity]],
    recalled_ok: bool = True,
    to_come: bool = False,
) -> Read:
    """A "when" read marked typed when its span is (part of) a date; otherwise left as it is
    ("fourth" for "Which year …?" is no date to the NER). A span that dates an earlier event the
    article recalls ("its first stoppage since 1977") gives way to the reader's next span that
    does not, or to the day the sentence names, unless the question asks for such a time; so
    does one of years before its article's, asked for a time `to_come` ("When are the Oscars?":
    not "2023, 2018 and 2017", the years a host emceed them)."""
    if read.span is None:
        return read

    def gone(candidate: Candidate, span: tuple[int, int]) -> bool:
        return (not recalled_ok and _recalled(candidate, span)) or (
            to_come and _years_before(candidate, span)
        )

    if gone(read.candidate, read.span):
        near = [(c, span) for c, span, gap in read.options if gap <= MAX_GAP]
        later = [(c, span) for c, span in near if not gone(c, span)]
        own = [
            (read.candidate, (e.start, e.end))
            for e in entities[read.candidate.key]
            if e.label in WHEN and not gone(read.candidate, (e.start, e.end))
        ]
        if not later and not own:
            return replace(read, typed=False)
        candidate, span = (later or own)[0]
        read = replace(read, candidate=candidate, span=span)
    assert read.span is not None
    start, end = read.span
    found = entities[read.candidate.key]
    dates = [e for e in found if e.label in WHEN and e.start < end and start < e.end]
    if not dates:
        return read
    # A run of words that holds a date ("In a coordinated effort with Washington, the Japanese
    # government Friday") is cut to the date, as a run holding a name is cut to the name.
    text, offset = read.candidate.hit.text, read.candidate.hit.start
    inside = [e for e in dates if start <= e.start and e.end <= end]
    words = len(text[start - offset : end - offset].split())
    held = sum(len(text[e.start - offset : e.end - offset].split()) for e in inside)
    if inside and words - held > _EXTRA_WORDS:
        return replace(read, span=(inside[0].start, inside[0].end), typed=True)
    return replace(read, typed=True)


def _years_before(candidate: Candidate, span: tuple[int, int]) -> bool:
    """Whether the span is years alone ("2023, 2018 and 2017"), every one before its
    article's year."""
    published = candidate.hit.published
    text = candidate.text[span[0] - candidate.start : span[1] - candidate.start]
    years = [int(year) for year in _YEARS.findall(text)]
    only_years = not _BETWEEN_YEARS.sub("", _YEARS.sub("", text))  # not "June 12, 2018"
    return published is not None and only_years and bool(years) and max(years) < published.year


def _recalled(candidate: Candidate, span: tuple[int, int]) -> bool:
    start, end = span[0] - candidate.start, span[1] - candidate.start
    return recalled_time(candidate.text, start, end, candidate.hit.published)


def _asked_for(name: str, asked: Sequence[str]) -> bool:
    """Whether a name is one the question gives: all its words, or the surname of a name given
    by surname alone or with the same first name ("Aleksandr Grigorievich Volfovich" for "Who
    sanctioned Volfovich?"; not "Genghis Khan" for "Who was Kublai Khan's grandfather?")."""
    own = _names_in(name)
    if not own:
        return False
    if own <= {word for given in asked for word in given.split()}:
        return True
    surname = name_word(POSSESSIVE.sub("", name).split()[-1])
    return any(
        given.split()[-1] == surname and (len(given.split()) == 1 or given.split()[0] in own)
        for given in asked
    )


def _names_in(text: str) -> set[str]:
    return {name_word(w) for w in text.split() if w[:1].isupper() and w.casefold() not in _ROLES}


def _choices(read: Read) -> list[tuple[Candidate, tuple[int, int]]]:
    if read.span is None:
        return []
    near = [(c, span) for c, span, gap in read.options if gap <= MAX_GAP]
    return [(read.candidate, read.span), *near]


def _typed(
    read: Read,
    labels: Labels,
    entities: dict[tuple[str, int], list[Entity]],
    said: dict[tuple[str, int], list[Entity]],
    listed: bool,
    counted: str | None = None,
    place_kind: str | None = None,
    share: bool = False,
    kind_noun: str | None = None,
    before_asked: str | None = None,
    calling: str | None = None,
    group: frozenset[str] = frozenset(),
) -> Read:
    choices = _choices(read)
    if not choices:
        return read
    if counted is not None:
        found_count = counting(choices, entities, labels, counted)
        if found_count is not None and another_group(*found_count, counted, group):
            return replace(read, typed=False)  # "Florida National Guard members" for Delaware's
        if found_count is not None:
            return replace(read, candidate=found_count[0], span=found_count[1], typed=True)
        if never_named(*choices[0], counted):
            return replace(read, typed=False)  # "136,000 killed" for "How many candidates …?"
    # The reader's span is a place of another level than the one asked, or a dateline.
    elsewhere = False
    for n, (candidate, (start, end)) in enumerate(choices):
        if in_dateline(candidate, start, end):
            elsewhere = elsewhere or n == 0
            continue  # "WASHINGTON —": where the report was filed, not an answer
        found = [e for e in entities[candidate.key] if e.label in labels]
        span = entity_span(candidate, start, end, found, before_asked)
        if span is None and listed:  # "four Russian key banks (VTB Bank, …)": the names
            span = names_after(candidate, (start, end), found)
        if span is not None and labels & PERSON and describes_a_noun(candidate, span, found):
            continue  # "Belarusian" in "Belarusian Minister of Defense …" is nobody
        if span is not None and place_kind and names_another_place(candidate, span, place_kind):
            elsewhere = elsewhere or n == 0
            continue  # "El Dorado County" for "Which state …?"
        if span is not None and before_asked != "of" and reference_point(candidate, span):
            continue  # "Fiji" of "Vanuatu, a country west of Fiji": where Vanuatu lies
        if span is not None and holds_an_office(candidate, span, calling):
            continue  # "Navy Secretary Carlos Del Toro" for "Which actor …?"
        if span is not None and share and a_change(candidate, span):
            continue  # "decrease about 30% to 87 million" for "What percentage … is 65 or older?"
        if span is not None:
            if listed:
                span = whole_list(candidate, span, found)
            return replace(read, candidate=candidate, span=span, typed=True)
        if n == 0 and place_kind and names_another_place(candidate, (start, end), place_kind):
            elsewhere = True  # "Russia, Japan" (no one place of the kind) for "which city"
            continue
        asked = any(e.start <= start and end <= e.end for e in said[candidate.key])
        # Words the NER calls a nationality or a number ("Russian" in "Russian key banks")
        # name no one; a name it gives another label to may still be one (the NER confuses
        # stores, places and bodies).
        other = [e for e in entities[candidate.key] if e.label not in labels | _NAMES - {"NORP"}]
        if labels & AMOUNT:
            other = []  # "five" in "five days" (a DATE to the NER) is a number all the same
        text = _blank(candidate, start, end, other)
        # The NER misses rare names ("Xiao Zhala", a place to it): a span that may be of the
        # kind asked for stays the answer, unconfirmed — unless the NER gives it another kind
        # of name and a later span is confirmed of the kind asked ("Japan" and then "Andrei
        # Rudenko" for "Which official …?").
        overruled = _named_otherwise(candidate, start, end, entities) and _confirmed(
            choices[1:], entities, labels
        )
        if n == 0 and not asked and not _clearly_not(text, labels) and not overruled:
            return read
        if n == 0 and kind_noun is not None and _of_kind(candidate, start, end, kind_noun):
            return read  # "religious groups" for "What groups …?": no name, but of the kind
    if labels & PERSON:
        named = person_for_role(read, entities[read.candidate.key])
        if named is not None:
            return replace(read, span=named, typed=True)
    if elsewhere:  # "Russia, Japan" for "In which city …?", a dateline: the quote alone
        return replace(read, span=None, typed=False)
    return replace(read, typed=False)


def _of_kind(candidate: Candidate, start: int, end: int, noun: str) -> bool:
    """Whether the span is a described thing of the kind asked for: its last word is the
    question's noun, with words that say which ("religious groups" for "What groups …?")."""
    words = candidate.hit.at(start, end).split()
    return len(words) >= 2 and stems(words[-1]) == stems(noun)


def _named_otherwise(
    candidate: Candidate, start: int, end: int, entities: dict[tuple[str, int], list[Entity]]
) -> bool:
    """Whether the span is, or lies inside, a name of some kind to the NER."""
    found = entities[candidate.key]
    return any(e.start <= start and end <= e.end and e.label in _NAMES for e in found)


def _confirmed(
    choices: Sequence[tuple[Candidate, tuple[int, int]]],
    entities: dict[tuple[str, int], list[Entity]],
    labels: Labels,
) -> bool:
    """Whether one of the span choices holds an entity of the kind asked for."""
    for candidate, (start, end) in choices:
        found = [e for e in entities[candidate.key] if e.label in labels]
        if entity_span(candidate, start, end, found) is not None:
            return True
    return False


def _blank(candidate: Candidate, start: int, end: int, others: Sequence[Entity]) -> str:
    """The span's text with the entities `others` blanked out."""
    offset = candidate.hit.start
    chars = list(candidate.hit.text[start - offset : end - offset])
    for entity in others:
        for at in range(max(start, entity.start), min(end, entity.end)):
            chars[at - start] = " "
    return "".join(chars)


def _clearly_not(text: str, labels: Labels) -> bool:
    """Whether words are plainly not of the kind asked for, the NER aside: no number for "how
    many", no share for "what percentage", no name for "who" / "where" / "which company"."""
    if labels & AMOUNT and not labels & PERSON:
        return (SHARE if labels == PERCENT else _NUMBER).search(text) is None
    if labels & WHEN:
        return False  # dates are checked by their own patterns (reading.short_answer)
    if labels == PLACE and DIRECTION.search(text):
        return False  # "in the south" answers "where"
    names = [w for w in text.split() if w[:1].isupper() and w.casefold() not in _ROLES]
    return not names

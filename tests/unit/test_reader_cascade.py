"""The cascade: the first reader rates every window, the second rereads only the best ones."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.answering.evidence.confidence import calibration_for, load_calibration
from assistant.answering.factory import make_generator
from assistant.reader import MAX_TOKENS, READ_TOKENS, READER_DIR, Reader, Reading
from assistant.reader_assembly import MPNET_READER_DIR
from assistant.reader_cascade import CASCADE_DIR, CascadeReader
from assistant.readers import make_reader, reader_folder
from assistant.settings import Settings


class ScriptedReader(Reader):
    """Rates a window by the number after 'score' in it (scaled by `factor`), spans its first
    word, and remembers what it was asked."""

    def __init__(self, factor: float = 1.0) -> None:
        super().__init__(Path("."), 88)
        self.factor = factor
        self.asked: list[tuple[str, list[str]]] = []

    def read_many(self, requests: Sequence[tuple[str, Sequence[str]]]) -> list[list[Reading]]:
        self.asked += [(question, list(windows)) for question, windows in requests]
        return [[self._one(window) for window in windows] for _, windows in requests]

    def _one(self, window: str) -> Reading:
        score = float(window.split("score ")[1].split()[0]) * self.factor
        return Reading(min(score, 1.0), 0, window.index(" "))


def _cascade(second_factor: float = 1.0) -> tuple[CascadeReader, ScriptedReader, ScriptedReader]:
    first, second = ScriptedReader(), ScriptedReader(second_factor)
    return CascadeReader(Path("."), first, second), first, second


def test_the_second_reader_rereads_only_the_best_window_and_has_the_last_word_on_it() -> None:
    cascade, first, second = _cascade(second_factor=0.5)
    windows = ["a score 0.3", "b score 0.9", "c score 0.1", "d score 0.6"]
    readings = cascade.read("q?", windows)
    assert first.asked == [("q?", windows)]
    assert second.asked == [("q?", ["b score 0.9"])]
    # b is now the second reader's 0.45: d, which the first reader rated 0.6, answers.
    assert [r.score for r in readings] == [0.3, 0.45, 0.1, 0.6]
    assert max(range(4), key=lambda i: readings[i].score) == 3


def test_more_windows_can_be_reread() -> None:
    first, second = ScriptedReader(), ScriptedReader(0.5)
    cascade = CascadeReader(Path("."), first, second, recheck=2)
    readings = cascade.read("q?", ["a score 0.3", "b score 0.9", "d score 0.6"])
    assert second.asked == [("q?", ["b score 0.9", "d score 0.6"])]
    assert [r.score for r in readings] == [0.3, 0.45, 0.3]


def test_windows_nobody_would_answer_from_cost_only_the_first_reader() -> None:
    cascade, _, second = _cascade()
    readings = cascade.read("q?", ["a score 0.01", "b score 0.02"])
    assert second.asked == [("q?", [])]
    assert [r.score for r in readings] == [0.01, 0.02]


def test_several_questions_keep_their_own_windows() -> None:
    cascade, _, second = _cascade(second_factor=0.5)
    got = cascade.read_many([("one?", ["x score 0.4"]), ("two?", ["y score 0.2", "z score 0.8"])])
    assert second.asked == [("one?", ["x score 0.4"]), ("two?", ["z score 0.8"])]
    assert [[r.score for r in question] for question in got] == [[0.2], [0.2, 0.4]]


def test_later_looks_at_a_question_are_the_first_readers_alone() -> None:
    cascade, first, second = _cascade(second_factor=0.5)
    cascade.read("q?", ["a score 0.9"])
    readings = cascade.later_looks().read("q?", ["b score 0.8", "c score 0.3"])
    assert first.asked == [("q?", ["a score 0.9"]), ("q?", ["b score 0.8", "c score 0.3"])]
    assert second.asked == [("q?", ["a score 0.9"])]  # b, the best of the later look, is not
    assert [r.score for r in readings] == [0.8, 0.3]


def test_the_cascade_id_pairs_the_student_with_mpnet_and_answers_with_its_own_fit(
    fake_embedder,
) -> None:
    reader = make_reader("cascade-reader")
    assert isinstance(reader, CascadeReader)
    assert (reader.first.folder, reader.second.folder) == (READER_DIR, MPNET_READER_DIR)
    # The window mpnet rereads is read whole (the length it was trained at), not cut at 88.
    assert (reader.first.max_tokens, reader.second.max_tokens) == (READ_TOKENS, MAX_TOKENS)
    assert reader_folder("cascade-reader") == CASCADE_DIR
    assert calibration_for(CASCADE_DIR) == CASCADE_DIR / "confidence.json"
    settings = Settings(reader="cascade-reader", tagger="none")
    answerer = make_generator("extractive", settings, fake_embedder)
    fit = load_calibration(CASCADE_DIR / "confidence.json")
    assert answerer.calibration == fit  # type: ignore[attr-defined]
    assert answerer.not_sure_below == fit.not_sure_below  # type: ignore[attr-defined]
    assert fit.weights != load_calibration(MPNET_READER_DIR / "confidence.json").weights

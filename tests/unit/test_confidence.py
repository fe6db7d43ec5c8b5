"""One confidence a person can read: refusal below one threshold, "not sure" below another,
bold above (a fake reader and fixed calibrations here; the fitted one is checked on the dev sets
by training/fit_confidence.py)."""

from __future__ import annotations

import json

import pytest

from assistant.answering.evidence.confidence import (
    CALIBRATION,
    FEATURES,
    Calibration,
    load_calibration,
)
from assistant.answering.evidence.reader_answerer import ReaderAnswerer
from assistant.errors import ConfigurationError
from tests.unit.test_reader_answerer import LUXURY, FakeReader, hit

QUESTION = "When did Japan decide to ban exports of luxury items?"


def answer_with(fake_embedder, calibration: Calibration, **limits: float):
    reader = FakeReader(["decided to ban"], ["Friday"])
    answerer = ReaderAnswerer(fake_embedder, reader, 0.4, calibration=calibration, **limits)
    return answerer.answer(QUESTION, [hit(LUXURY)])


def test_a_sure_answer_is_bold_and_says_how_sure(fake_embedder) -> None:
    sure = answer_with(fake_embedder, Calibration({"answerability": 10.0}, 0.0), not_sure_below=0.5)
    assert sure.answer.startswith("**Friday, 25 March 2022** —")
    assert 0.99 < sure.confidence <= 1.0
    assert json.loads(json.dumps(sure.to_dict()))["confidence"] == sure.confidence


def test_an_unsure_answer_is_not_bold_and_a_doubtful_one_is_refused(fake_embedder) -> None:
    doubtful = Calibration({"answerability": 1.0}, -1.2)  # 0.9 answerability → ~0.43
    unsure = answer_with(fake_embedder, doubtful, min_confidence=0.2, not_sure_below=0.5)
    assert unsure.status == "answered" and unsure.short_answer is not None
    assert unsure.answer.startswith("*Not sure:* Friday, 25 March 2022 —")
    assert "**" not in unsure.answer
    assert 0.4 < unsure.confidence < 0.5
    refused = answer_with(fake_embedder, doubtful, min_confidence=0.5)
    assert refused.status == "not_found" and refused.citations == ()
    assert refused.confidence == unsure.confidence


def test_the_shipped_calibration_is_read_and_a_broken_one_is_a_clear_error(tmp_path) -> None:
    shipped = load_calibration()
    assert set(shipped.weights) == set(FEATURES)
    data = json.loads(CALIBRATION.read_text())
    assert data["held_out"]["auc"] > 0.5  # the fit's own check, written by the fit
    low = {name: 0.0 for name in FEATURES}
    high = {**low, "answerability": 1.0, "typed": 1.0, "short_answer": 1.0, "lead": 0.5}
    assert 0.0 <= shipped.confidence(low) < shipped.confidence(high) <= 1.0
    broken = tmp_path / "confidence.json"
    broken.write_text("{not json")
    with pytest.raises(ConfigurationError, match=r"training\.fit_confidence"):
        load_calibration(broken)

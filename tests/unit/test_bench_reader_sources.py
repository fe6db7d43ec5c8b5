"""The threshold-free answerability figure of bench/reader_sources.py."""

from __future__ import annotations

from bench.reader_sources import separation


def test_separation_is_the_chance_an_answerable_window_scores_above_one_that_is_not() -> None:
    scores = {
        "positive": [0.9, 0.8, 0.3],
        "other-sentence": [0.1, 0.2],  # every positive above: 1.0
        "swapped-name": [0.95, 0.99],  # every positive below: 0.0
        "other-period": [0.5, 0.5],  # 2 of 3 positives above each: 4 of 6 pairs
    }
    assert separation(scores) == {"other-period": 0.667, "other-sentence": 1.0, "swapped-name": 0.0}


def test_the_same_ranking_at_another_scale_gives_the_same_figure() -> None:
    # A reader that leans to "yes" (every score higher) separates as well as one that does not.
    scores = {"positive": [0.6, 0.4, 0.2], "other-sentence": [0.3, 0.1]}
    leaning = {kind: [0.5 + v / 2 for v in values] for kind, values in scores.items()}
    assert separation(scores) == separation(leaning) == {"other-sentence": 0.833}


def test_no_figure_without_both_sides() -> None:
    assert separation({"positive": [0.5], "impossible": []}) == {}
    assert separation({"other-sentence": [0.5]}) == {}

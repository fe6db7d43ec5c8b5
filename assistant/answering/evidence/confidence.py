"""One confidence a person can read: how likely the extractive answer is right, 0–1.

What the answerer knows of its choice — the reader's answerability of the best window, its lead
over the next, the cheap score, whether the span is of the kind asked for, whether there is a
short answer, the passage's retrieval rank — goes through a logistic fit on the dev sets of
every reader training source (`training/fit_confidence.py`: right = the short answer's F1 ≥ 0.5
against the gold answers, or the quote holds one when there is no short answer; questions put
to another article's paragraph are never right). The fitted weights are a small JSON file,
`assistant/models/confidence.json`, with the figures of the fit.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.answering.evidence.reading import Read
from assistant.errors import ConfigurationError

CALIBRATION = Path(__file__).resolve().parents[2] / "models" / "confidence.json"
FEATURES = (
    "answerability",  # the reader's, of the chosen window
    "lead",  # its rank score minus the next window's (0 when alone)
    "hand",  # the cheap score it was shortlisted with
    "typed",  # the span is of the kind asked for (NER)
    "wrong_type",  # no span of the kind asked for
    "unchecked_type",  # a kind is asked for, the NER neither confirms nor rules out
    "short_answer",  # there is a short answer
    "passage_rank",  # 1 / (1 + the passage's retrieval rank)
)


def features(
    ranked: Sequence[tuple[float, Read]],
    chosen: Read,
    expects_type: bool,
    short: bool,
    typed: bool | None = None,
) -> dict[str, float]:
    """The fit's inputs for an answer built on `chosen`, one of the `ranked` (rank, read);
    `typed` overrides the read's own type check (a short answer that passed the date or number
    patterns is of its kind)."""
    ranks = [rank for rank, read in ranked if read is not chosen]
    mine = next((rank for rank, read in ranked if read is chosen), ranked[0][0])
    kind = chosen.typed if typed is None else typed
    return {
        "answerability": chosen.score,
        "lead": mine - max(ranks) if ranks else mine,
        "hand": chosen.hand,
        "typed": float(kind is True),
        "wrong_type": float(kind is False),
        "unchecked_type": float(expects_type and kind is None),
        "short_answer": float(short),
        "passage_rank": 1.0 / (1 + chosen.candidate.rank),
    }


# The bar for bold of a fit that keeps none (the shipped MiniLM reader's, BENCHMARKS.md).
DEFAULT_BAR = 0.75


@dataclass(frozen=True)
class Calibration:
    """Logistic weights per feature and a bias, and the confidence from which a short answer is
    shown in bold for the reader it was fitted on (chosen on the dev sets and real news, like
    the fit: a larger reader's fit may want a higher bar)."""

    weights: Mapping[str, float]
    bias: float
    not_sure_below: float = DEFAULT_BAR

    def confidence(self, values: Mapping[str, float]) -> float:
        z = self.bias + sum(w * values.get(name, 0.0) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def calibration_for(reader_folder: Path) -> Path:
    """The fit for a reader: its folder's own `confidence.json` (a reader other than the shipped
    one is fitted on its own readings), else the shipped reader's."""
    own = reader_folder / "confidence.json"
    return own if own.exists() else CALIBRATION


@lru_cache(maxsize=4)
def load_calibration(path: Path = CALIBRATION) -> Calibration:
    """The fitted weights (read once per process)."""
    try:
        data = json.loads(path.read_text())
        return Calibration(
            {k: float(v) for k, v in data["weights"].items()},
            float(data["bias"]),
            float(data.get("not_sure_below", DEFAULT_BAR)),
        )
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ConfigurationError(
            f"cannot read the confidence calibration {path} ({error}): fit it with "
            "`python -m training.fit_confidence`"
        ) from error

"""Two readers in turn: a cheap one reads every window, a better one the window it rates best.

The mpnet reader gives better answers than the MiniLM student at ~8 × the cost of a window
(BENCHMARKS.md). An answer rests mostly on the window that answers best: the student finds it,
mpnet rereads only that one (whole: `assistant/readers.py` gives it more word pieces) and has the
last word on it (its answerability and its span); the other windows keep the student's readings.
Only a question's first look is reread: its later looks (`later_looks`) are the student's alone.
Rereading two or three windows, or capping the others under mpnet's verdict, were measured and not
taken (BENCHMARKS.md, "The cascade reader").
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.reader import Reader, Reading

CASCADE_DIR = Path(__file__).resolve().parent / "models" / "reader-cascade"  # its confidence fit
# Windows rated below this by the first reader are not read again: a question no window answers
# costs only the first reader.
RECHECK_FROM = 0.05


class CascadeReader(Reader):
    """`first` reads every window; `second` rereads each question's `recheck` best of them."""

    def __init__(self, folder: Path, first: Reader, second: Reader, recheck: int = 1) -> None:
        super().__init__(folder, second.max_tokens)  # the folder of the pair's confidence fit
        self.first = first
        self.second = second
        self.recheck = recheck

    def warm_up(self) -> None:
        self.first.warm_up()
        self.second.warm_up()

    def later_looks(self) -> Reader:
        """Further windows are read by the first reader alone: the second rereads one window a
        question, the best of its first look (a second look's reread doubled the cost of a
        question nothing answers; a value of another day, rated by the second, fell under the
        bar the student's readings were set for)."""
        return self.first

    def read_many(self, requests: Sequence[tuple[str, Sequence[str]]]) -> list[list[Reading]]:
        screened = self.first.read_many(requests)
        chosen = [_best(readings, self.recheck) for readings in screened]
        again = self.second.read_many(
            [
                (question, [windows[i] for i in picks])
                for (question, windows), picks in zip(requests, chosen, strict=True)
            ]
        )
        merged = [list(readings) for readings in screened]
        for readings, picks, second in zip(merged, chosen, again, strict=True):
            for i, reading in zip(picks, second, strict=True):
                readings[i] = reading
        return merged


def _best(readings: Sequence[Reading], count: int) -> list[int]:
    """The positions of the `count` best-rated windows worth a second reading."""
    ranked = sorted(range(len(readings)), key=lambda i: -readings[i].score)
    return [i for i in ranked[:count] if readings[i].score >= RECHECK_FROM]

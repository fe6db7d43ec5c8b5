"""Windows go through the reader's network in runs, shortest first, each padded to its own
longest: the readings are those of one padded batch (a fake network; the real one in
tests/integration and bench/reader_batching.py)."""

from __future__ import annotations

from typing import Any

import numpy as np

from assistant.reader import Reader, load_tokenizer


class CountingReader(Reader):
    """A network whose logits follow the word pieces (padding ignored), recording each batch."""

    def __init__(self) -> None:
        super().__init__()
        self.shapes: list[tuple[int, int]] = []

    def _build(self) -> tuple[Any, Any]:
        tokenizer = load_tokenizer(self.folder)

        def forward(batch: dict[str, np.ndarray]) -> tuple[np.ndarray, ...]:
            ids, mask = batch["input_ids"], batch["attention_mask"]
            self.shapes.append(ids.shape)
            start = (ids % 7).astype(np.float32) * mask
            end = (ids % 5).astype(np.float32) * mask
            return start, end, mask.sum(axis=1).astype(np.float32) / 50 - 1

        return tokenizer, forward


WINDOWS = [
    "Japan banned exports.",
    "On Friday, the Japanese government decided to ban exports of luxury items to Russia, "
    "including jewellery, artworks and cars, officials said.",
    "Tokyo designated VTB Bank and Sovcombank.",
    "Officials said more steps could follow as the talks went on.",
    "Rudenko warned the reaction would be sharp.",
]


def test_runs_of_windows_read_as_one_padded_batch_and_pad_only_to_their_own_longest() -> None:
    requests = [("When did Japan ban luxury exports?", WINDOWS), ("Which banks?", WINDOWS[:3])]
    reader = CountingReader()
    reader.run_windows = 0
    together = reader.read_many(requests)
    assert [rows for rows, _ in reader.shapes] == [8]  # one batch of all 8 windows
    reader.shapes.clear()
    reader.run_windows = 3
    runs = reader.read_many(requests)
    assert runs == together  # the same spans, scores and alternatives, in the callers' order
    assert [rows for rows, _ in reader.shapes] == [3, 3, 2]
    widths = [width for _, width in reader.shapes]
    assert widths == sorted(widths) and widths[0] < widths[-1]  # shortest first, own padding
    assert [len(r) for r in runs] == [5, 3] and runs[0][1].start is not None

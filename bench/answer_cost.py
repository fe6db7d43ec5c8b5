"""What one answer costs in-process, and how much of it is the reader, against another checkout.

    .venv/bin/python -m bench.answer_cost [--baseline OTHER_CHECKOUT] [--rounds 5]

The sample corpus (`corpus/`, indexed fresh in a temporary folder) and the eight questions of
`bench/throughput.py` are answered by `Newsdesk.ask` in one process (no web app, no model
process): once to warm up, then `--rounds` times. Reported: milliseconds per answer (best and
median round), of which the reader's forward passes, the rest (retrieval, checks, composing),
and windows read per question. With `--baseline`, the same script runs in that checkout (its
own code, this script) in the same run, runs alternating between the two, and the ratios of
the medians are given. Run it on an
otherwise idle machine. Writes bench/results/answer_cost.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def one_round(index: Path, rounds: int) -> dict[str, Any]:
    """This checkout's figures (run in a child process per checkout)."""
    import assistant.reader as reader_module
    from assistant import Newsdesk, Settings
    from bench.throughput import QUESTIONS

    spent = {"reader_s": 0.0, "windows": 0}
    read = reader_module.Reader.read

    def timed(self: Any, question: str, windows: Any) -> Any:
        started = time.perf_counter()
        try:
            return read(self, question, windows)
        finally:
            spent["reader_s"] += time.perf_counter() - started
            spent["windows"] += len(windows)

    reader_module.Reader.read = timed  # type: ignore[method-assign]
    desk = Newsdesk.open(Settings(index_dir=index))
    for question in QUESTIONS:
        desk.ask(question)
    totals, readers = [], []
    for _ in range(rounds):
        spent.update(reader_s=0.0, windows=0)
        started = time.perf_counter()
        for question in QUESTIONS:
            desk.ask(question)
        totals.append(1000 * (time.perf_counter() - started) / len(QUESTIONS))
        readers.append(1000 * spent["reader_s"] / len(QUESTIONS))
    return {
        "ms_per_answer_best": round(min(totals), 1),
        "ms_per_answer_median": round(statistics.median(totals), 1),
        "reader_ms_per_answer_median": round(statistics.median(readers), 1),
        # the answerer's own work beside the reader: retrieval, checks, NER calls, composing
        "rest_ms_per_answer_median": round(
            statistics.median(t - r for t, r in zip(totals, readers, strict=True)), 1
        ),
        "windows_per_question": spent["windows"] / len(QUESTIONS),
    }


def _env(checkout: Path) -> dict[str, str]:
    return {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(checkout)}


def _ingest(checkout: Path, index: Path) -> None:
    """The checkout's sample corpus, indexed by its own code."""
    cli = "import sys; from assistant.cli import main; sys.exit(main())"
    subprocess.run(
        [sys.executable, "-c", cli, "ingest", str(checkout / "corpus"), "--index", str(index)],
        cwd=checkout,
        env=_env(checkout),
        check=True,
        capture_output=True,
    )


def _run(checkout: Path, index: Path, rounds: int) -> dict[str, Any]:
    code = (  # this file's one_round, the checkout's own code
        "import json, importlib.util; from pathlib import Path; "
        f"spec = importlib.util.spec_from_file_location('cost', {str(Path(__file__))!r}); "
        "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module); "
        f"print(json.dumps(module.one_round(Path({str(index)!r}), {rounds})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=checkout,
        env=_env(checkout),
        check=True,
        capture_output=True,
    )
    return dict(json.loads(done.stdout.decode().strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, default=None, help="another checkout")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    checkouts = {"this": REPO}
    if args.baseline is not None:
        checkouts["baseline"] = args.baseline.resolve()
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in checkouts}
    with tempfile.TemporaryDirectory() as folder:
        indexes = {name: Path(folder) / name for name in checkouts}
        for name, checkout in checkouts.items():
            _ingest(checkout, indexes[name])
        for _ in range(2):  # alternating, so that a drift of the machine hits both
            for name, checkout in checkouts.items():
                runs[name].append(_run(checkout, indexes[name], args.rounds))
                print(name, json.dumps(runs[name][-1]), flush=True)
    result: dict[str, Any] = {
        name: min(found, key=lambda r: r["ms_per_answer_median"]) for name, found in runs.items()
    }
    if "baseline" in result:
        this, base = result["this"], result["baseline"]
        for key in ("ms_per_answer_median", "rest_ms_per_answer_median"):
            result[f"ratio_{key}"] = round(this[key] / base[key], 3)
    print(json.dumps(result, indent=2))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "answer_cost.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()

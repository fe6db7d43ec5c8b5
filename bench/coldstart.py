"""Cold start: from `python app.py` to the first answer, on the sample index (median of runs).

    .venv/bin/python -m bench.coldstart [--runs 3] [--out bench/results]

Each run starts a new process on an index built beforehand from corpus/, waits for the
"newsdesk is ready" line, then asks one question through the /ask endpoint (gradio_client), as a
browser would right after the URL is printed. The baseline, measured in the same run, is the floor
any such app pays: a fresh Python process that loads the packaged MiniLM and embeds one sentence.
Writes bench/results/coldstart.json. Run it on a machine doing nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUESTION = "when did Japan ban luxury exports?"
BASELINE = (
    "from assistant.embedding import make_embedder; "
    "make_embedder('minilm').embed_query('when did Japan ban luxury exports?')"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def one_start(index: Path, log: Path) -> dict[str, float]:
    """Seconds from process start to the ready line, and to the first answer."""
    from gradio_client import Client

    port = _free_port()
    env = {**os.environ, "NEWSDESK_INDEX_DIR": str(index), "NEWSDESK_PORT": str(port)}
    with open(log, "w+") as out:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "app.py"], cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            while True:
                out.seek(0)
                if "newsdesk is ready" in out.read():
                    ready = time.monotonic() - started
                    break
                if process.poll() is not None:
                    out.seek(0)
                    raise SystemExit(f"the app stopped:\n{out.read()}")
                time.sleep(0.05)
            answer = Client(f"http://127.0.0.1:{port}/", verbose=False).predict(
                QUESTION, api_name="/ask"
            )
            first_answer = time.monotonic() - started
            assert answer["status"] == "answered", answer
        finally:
            process.terminate()
            process.wait(timeout=30)
    return {"ready_s": ready, "first_answer_s": first_answer}


def baseline() -> float:
    """Seconds for a fresh process to load MiniLM and embed one question."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", BASELINE], cwd=REPO, check=True)
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        index = Path(scratch) / "index"
        subprocess.run(
            [sys.executable, "-m", "assistant.cli", "ingest", str(REPO / "corpus"), "--quiet"],
            cwd=REPO,
            env={**os.environ, "NEWSDESK_INDEX_DIR": str(index)},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        runs, floors = [], []
        for number in range(args.runs):
            floors.append(baseline())
            runs.append(one_start(index, Path(scratch) / f"app-{number}.log"))
            print(f"run {number + 1}: {runs[-1]} (baseline {floors[-1]:.2f} s)", flush=True)
    ready = statistics.median(r["ready_s"] for r in runs)
    first = statistics.median(r["first_answer_s"] for r in runs)
    floor = statistics.median(floors)
    result = {
        "runs": runs,
        "baseline_s": floors,
        "median_ready_s": round(ready, 2),
        "median_first_answer_s": round(first, 2),
        "median_baseline_s": round(floor, 2),
        "first_answer_over_baseline": round(first / floor, 2),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "coldstart.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: v for k, v in result.items() if k.startswith(("median", "first"))}))


if __name__ == "__main__":
    main()

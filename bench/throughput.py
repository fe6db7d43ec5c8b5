"""Answers per second of the running app under concurrent API callers, variants in one run.

    .venv/bin/python -m bench.throughput [--callers 16] [--seconds 60] [--variant NAME=ENV ...]

Starts `python app.py` (sample corpus, a fresh index) once per variant — by default with the NER
on (`NEWSDESK_TAGGER=spacy`, the default) and off (`none`) — then `--callers` threads, each its
own `gradio_client` session, ask `/ask` for `--seconds` in turn from a fixed list of questions
(half of them typed: who / when / how many / which). Reported per variant: answers per second,
errors, answer latency p50 / p95 as the callers saw it, and the ratio to the first variant.
A variant `base=CHECKOUT=../other` runs another checkout (e.g. a `git worktree` of an earlier
commit) with this venv, so that two commits are measured in one run.
Run it on an otherwise idle machine. Writes bench/results/throughput.json.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "When did Japan decide to ban exports of luxury items to Russia?",
    "Which US Treasury Secretary commented on Belarus?",
    "What did Blinken say about the referendums?",
    "Who sanctioned Aleksandr Volfovich?",
    "Which banks did Tokyo designate?",
    "How many Russian banks did Tokyo designate?",
    "What did Lukashenko say about his army?",
    "Which islands are at the centre of the peace treaty dispute?",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(
    folder: Path, environment: dict[str, str], checkout: Path = REPO
) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "NEWSDESK_INDEX_DIR": str(folder / "index"), "NEWSDESK_PORT": str(port)}
    env.update(environment)
    log = folder / "app.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "app.py"], cwd=checkout, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 600
    while "newsdesk is ready" not in log.read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise SystemExit(f"the app did not start:\n{log.read_text()}")
        time.sleep(1)
    urllib.request.urlopen(url, timeout=30).close()
    return process, url


def load(url: str, callers: int, seconds: float) -> dict[str, Any]:
    from gradio_client import Client

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(callers + 1)
    stop = time.monotonic() + 10**9

    def caller(number: int) -> None:
        client = Client(url, verbose=False)
        client.predict(QUESTIONS[number % len(QUESTIONS)], api_name="/ask")  # warm session
        barrier.wait()
        asked = number
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                answer = client.predict(QUESTIONS[asked % len(QUESTIONS)], api_name="/ask")
                ok = answer["status"] in ("answered", "not_found")
            except Exception as error:  # counted, not raised: the figure is the error count
                ok, answer = False, {"error": str(error)}
            took = time.perf_counter() - started
            with lock:
                (latencies.append(took) if ok else errors.append(str(answer)[:200]))
            asked += 1

    threads = [threading.Thread(target=caller, args=(n,), daemon=True) for n in range(callers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    began = time.monotonic()
    stop = began + seconds
    for thread in threads:
        thread.join(timeout=seconds + 600)
    elapsed = time.monotonic() - began
    values = np.array(latencies) * 1000
    return {
        "answers": len(latencies),
        "errors": len(errors),
        "first_errors": errors[:3],
        "answers_per_second": round(len(latencies) / elapsed, 2),
        "latency_p50_ms": round(float(np.percentile(values, 50)), 0) if len(values) else None,
        "latency_p95_ms": round(float(np.percentile(values, 95)), 0) if len(values) else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--callers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--variant",
        nargs="*",
        default=["ner=NEWSDESK_TAGGER=spacy", "no-ner=NEWSDESK_TAGGER=none"],
        help="NAME=VAR=VALUE[,VAR=VALUE]; CHECKOUT=DIR runs another checkout's app.py",
    )
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    result: dict[str, Any] = {"callers": args.callers, "seconds": args.seconds, "variants": {}}
    for variant in args.variant:
        name, _, settings = variant.partition("=")
        env = dict(pair.split("=", 1) for pair in settings.split(",") if pair)
        checkout = Path(env.pop("CHECKOUT", REPO))
        with tempfile.TemporaryDirectory(prefix="newsdesk-throughput-") as work:
            process, url = start(Path(work), env, checkout)
            try:
                figures = load(url, args.callers, args.seconds)
            finally:
                process.terminate()
                process.wait(timeout=60)
        result["variants"][name] = {"environment": env, **figures}
        print(name, json.dumps(figures), flush=True)
    first = next(iter(result["variants"].values()))["answers_per_second"]
    for figures in result["variants"].values():
        figures["ratio_to_first"] = round(figures["answers_per_second"] / max(first, 1e-9), 3)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "throughput.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()

"""How long one `newsdesk` command takes, with and without the app running (issue 21.5).

    .venv/bin/python -m bench.cli [--runs 5]

On a fresh index of the sample corpus: wall time of `newsdesk stats`, and of `newsdesk ask`,
`search` and `timeline` done in the CLI's own process (`--local`) and through a running
`python app.py` on the same index; the median of `--runs` runs after one
warm-up run each (the first run also pays for cold disk caches). Run it on a machine doing
nothing else. Writes bench/results/cli.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUESTION = "Which banks did Tokyo designate?"
TOPIC = "Japan's sanctions against Russia"


def _timed(command: list[str], env: dict[str, str], runs: int) -> float:
    subprocess.run(command, env=env, cwd=REPO, check=True, capture_output=True)  # warm-up
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=REPO, check=True, capture_output=True)
        seconds.append(time.perf_counter() - started)
    return round(statistics.median(seconds), 2)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-bench-cli-"))
    env = {**os.environ, "NEWSDESK_INDEX_DIR": str(folder / "index")}
    cli = [sys.executable, "-m", "assistant.cli"]
    try:
        subprocess.run([*cli, "ingest", str(REPO / "corpus"), "--quiet"], env=env, check=True)
        result = {
            "stats": _timed([*cli, "stats"], env, args.runs),
            "search": _timed([*cli, "search", "luxury exports", "--local"], env, args.runs),
            "timeline": _timed([*cli, "timeline", TOPIC, "--local"], env, args.runs),
            "ask_without_app": _timed([*cli, "ask", QUESTION, "--local"], env, args.runs),
        }
        port = _free_port()
        app_env = {**env, "NEWSDESK_PORT": str(port)}
        app = subprocess.Popen(
            [sys.executable, "app.py"], cwd=REPO, env=app_env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 300
            while not (folder / "index" / "app.json").exists():
                if app.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the app did not start")
                time.sleep(1)
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30).close()
            result["ask_with_app"] = _timed([*cli, "ask", QUESTION], env, args.runs)
            result["search_with_app"] = _timed([*cli, "search", "luxury exports"], env, args.runs)
            result["timeline_with_app"] = _timed([*cli, "timeline", TOPIC], env, args.runs)
        finally:
            app.terminate()
            app.wait(timeout=60)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result["ratio_without_to_with_app"] = round(
        result["ask_without_app"] / result["ask_with_app"], 1
    )
    print(json.dumps(result, indent=2))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "cli.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()

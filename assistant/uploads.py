"""Uploaded files on disk: stored by content, so two different files never share a path."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

_DIGEST_CHARS = 16
_STORED = re.compile(rf"(?:^|[/\\])uploads[/\\][0-9a-f]{{{_DIGEST_CHARS}}}[/\\](?P<name>[^/\\]+)$")


def json_source(source: str) -> dict[str, Any]:
    """An article's `source` as the JSON outputs give it: the user's file name for an upload
    made in the app (its server path under `uploads/<hash>/` as `path`), else as stored."""
    match = _STORED.search(source)
    if match is None:
        return {"source": source}
    return {"source": match.group("name"), "path": source}


def sha256_file(path: Path) -> str:
    """The hex SHA-256 of a file's bytes, read 1 MiB at a time."""
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def store_upload(upload: Path, uploads: Path, name: str | None = None) -> Path:
    """Copy an upload to `uploads/<content hash>/<name>` and return that path.

    The same bytes land on the same path (re-uploading is "unchanged"); a different file with a
    name already taken ("news.md") lands beside it instead of replacing it.
    """
    name = Path(name or upload.name).name or "upload"
    target = uploads / sha256_file(upload)[:_DIGEST_CHARS] / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{name}.part")
        shutil.copyfile(upload, partial)
        partial.replace(target)
    return target


def discard_upload(path: Path, uploads: Path) -> None:
    """Delete a stored upload (and its folder once empty); paths outside `uploads` are left."""
    uploads = uploads.resolve()
    path = path.resolve()
    if not path.is_relative_to(uploads) or path == uploads:
        return
    path.unlink(missing_ok=True)
    folder = path.parent
    if folder != uploads and folder.is_relative_to(uploads) and not any(folder.iterdir()):
        folder.rmdir()

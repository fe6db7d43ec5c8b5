"""Builders of real input files for tests (PDFs through reportlab and pypdf), and the real
`newsdesk` command run in its own process."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import datetime
from pathlib import Path


def run_newsdesk(
    *args: str, env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess:
    """`python -m assistant.cli ARGS` with `env`, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        input=stdin,
        timeout=600,
    )


def make_pdf(
    path: Path,
    pages: list[str],
    title: str | None = None,
    created: datetime | None = None,
    password: str | None = None,
) -> Path:
    """Write a real text PDF, one string per page, optionally with metadata or a password."""
    from pypdf import PdfReader, PdfWriter
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for page in pages:
        text = pdf.beginText(40, 800)
        for line in page.split("\n"):
            text.textLine(line)
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    metadata: dict[str, str] = {}
    if title:
        metadata["/Title"] = title
    if created:
        metadata["/CreationDate"] = created.strftime("D:%Y%m%d%H%M%S")
    writer.add_metadata(metadata)
    if password:
        writer.encrypt(password)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path

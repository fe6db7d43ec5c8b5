"""Builders of real input files for tests (PDFs through reportlab and pypdf), the real
`newsdesk` command run in its own process, and a fake NER tagger for unit tests."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import urllib.request
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.entities import Entity, EntityTagger


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


def gradio_call(url: str, api_name: str, data: list[Any]) -> Any:
    """One call of the app's Gradio API (`/gradio_api/call/NAME`); ValueError when the app
    refuses it."""
    body = json.dumps({"data": data}).encode("utf-8")
    request = urllib.request.Request(
        f"{url}gradio_api/call/{api_name}",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        event_id = json.loads(response.read())["event_id"]
    with urllib.request.urlopen(
        f"{url}gradio_api/call/{api_name}/{event_id}", timeout=120
    ) as stream:
        event = ""
        for raw in stream:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("event:"):
                event = line.partition(":")[2].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                if event == "error":
                    raise ValueError(line.partition(":")[2].strip())
                return json.loads(line.partition(":")[2])[0]
    raise ValueError("the app sent no result")


class FakeTagger(EntityTagger):
    """Tags each of `names` (text → label) wherever it occurs."""

    name = "fake"

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.calls = 0

    def entities(self, texts: Sequence[str]) -> list[list[Entity]]:
        self.calls += 1
        found = []
        for text in texts:
            ents = [
                Entity(m.start(), m.end(), label)
                for name, label in self.names.items()
                for m in re.finditer(re.escape(name), text)
            ]
            found.append(sorted(ents, key=lambda e: e.start))
        return found


def tiny_mpnet_reader(folder: Path) -> Any:
    """A two-layer MPNet reader with random weights and a word-level vocabulary, written into
    `folder` (weights, config, tokenizer files); returns the network."""
    import torch
    from safetensors.torch import save_file
    from transformers import MPNetConfig, MPNetModel

    from assistant.reader import build_network

    words = "<s> <pad> </s> [UNK] <mask> when did the port strike begin ? it began on tuesday ."
    (folder / "vocab.txt").write_text("\n".join(words.split()) + "\n")
    (folder / "tokenizer_config.json").write_text(
        json.dumps(
            {"tokenizer_class": "MPNetTokenizer", "do_lower_case": True, "unk_token": "[UNK]"}
        )
    )
    config = MPNetConfig(
        vocab_size=len(words.split()),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        pad_token_id=1,
    )
    (folder / "config.json").write_text(json.dumps({**config.to_dict(), "model_type": "mpnet"}))
    torch.manual_seed(0)
    network = build_network(MPNetModel(config, add_pooling_layer=False))
    save_file(
        {k: v.contiguous() for k, v in network.state_dict().items()},
        str(folder / "model.safetensors"),
    )
    return network


def bold_from() -> float:
    """The confidence from which short answers are in bold for the settings of this process
    (NEWSDESK_NOT_SURE_BELOW, else the chosen reader's own bar)."""
    from assistant.answering.factory import bold_from as settings_bold_from
    from assistant.settings import Settings

    return settings_bold_from(Settings())

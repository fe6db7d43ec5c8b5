"""`python app.py`: start the model process first, then load the app beside it."""

from __future__ import annotations

import threading

from assistant.errors import run_at_edge


def _import_reader_libraries() -> None:
    import safetensors.torch  # noqa: F401
    import torch  # noqa: F401
    import transformers.models.bert.modeling_bert  # noqa: F401


def run() -> int:
    """Settings from the environment; a bad setting or a damaged index is one clear line."""

    def start() -> int:
        from assistant.model_process import ProcessEmbedder
        from assistant.settings import Settings

        settings = Settings()
        # The model loads in its own process while this one imports Gradio and opens the index;
        # the reader's libraries (torch, transformers) import on a thread meanwhile.
        embedder = ProcessEmbedder.start(settings.embedder)
        if settings.reader != "none":
            threading.Thread(target=_import_reader_libraries, daemon=True).start()
        try:
            from assistant.ui.app import serve

            serve(settings, embedder)
        finally:
            embedder.close()
        return 0

    return run_at_edge(start)

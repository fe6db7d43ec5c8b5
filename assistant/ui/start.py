"""`python app.py`: start the model process first, then load the app beside it."""

from __future__ import annotations

from assistant.errors import run_at_edge


def run() -> int:
    """Settings from the environment; a bad setting or a damaged index is one clear line."""

    def start() -> int:
        from assistant.model_process import ProcessEmbedder
        from assistant.settings import Settings

        settings = Settings()
        # The models load in their own process while this one imports Gradio and opens the index.
        reader = None if settings.reader == "none" else settings.reader
        embedder = ProcessEmbedder.start(settings.embedder, reader, settings.reader_max_tokens)
        try:
            from assistant.ui.app import serve

            serve(settings, embedder, embedder.reader())
        finally:
            embedder.close()
        return 0

    return run_at_edge(start)

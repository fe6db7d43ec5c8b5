"""`python app.py`: start the model process first, then load the app beside it."""

from __future__ import annotations

import errno
import socket

from assistant.errors import ConfigurationError, run_at_edge


def check_port(host: str, port: int) -> None:
    """ConfigurationError, in one line, when the app could not listen on host:port; checked
    before the models load, so a busy port costs a second, not the whole start."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As the server will: a socket left in TIME_WAIT by a stopped app is no obstacle.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise ConfigurationError(
                    f"{host}:{port} is in use by another program: set NEWSDESK_PORT to a free "
                    f"port, e.g. NEWSDESK_PORT={port + 1} make run"
                ) from error
            raise ConfigurationError(
                f"cannot listen on {host}:{port} ({error.strerror or error}): check "
                "NEWSDESK_HOST and NEWSDESK_PORT"
            ) from error


def run() -> int:
    """Settings from the environment; a bad setting or a damaged index is one clear line."""

    def start() -> int:
        from assistant.model_process import ProcessEmbedder
        from assistant.settings import Settings

        settings = Settings()
        check_port(settings.host, settings.port)
        # The models load in their own process while this one imports Gradio and opens the index.
        reader = None if settings.reader == "none" else settings.reader
        tagger = None if reader is None or settings.tagger == "none" else settings.tagger
        embedder = ProcessEmbedder.start(
            settings.embedder, reader, settings.reader_max_tokens, tagger
        )
        try:
            from assistant.ui.app import serve

            serve(settings, embedder, embedder.reader(), embedder.tagger())
        finally:
            embedder.close()
        return 0

    return run_at_edge(start)

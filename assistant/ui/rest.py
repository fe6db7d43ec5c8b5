"""The REST API at /api/v1 on the app's own server: plain HTTP and JSON for scripts in any
language, dashboards and agents. Bodies are the CLI's `--json` output; errors are
`{"error": message}` with the right status; OpenAPI docs at /api/v1/docs.

When the app has a password, every route (the docs too) needs it: HTTP basic with the app's
username and password, or `Authorization: Bearer $NEWSDESK_API_TOKEN`. Failed attempts count
against the same per-address limit as the login page.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile as FormFile
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from assistant.desk import Newsdesk
from assistant.errors import ArticleNotFound, NewsdeskError, NothingIngested
from assistant.ingest import IngestReport
from assistant.settings import MAX_ANSWER_K, MAX_SEARCH_K, Settings
from assistant.ui.api import ApiHandlers, public_message
from assistant.ui.auth import _CLIENT, LoginClient, LoginGuard
from assistant.uploads import json_source, store_upload

PREFIX = "/api/v1"
_ADD_HOW = 'send {"url": "https://…"} as JSON, or the article as the multipart field `file`'


class AskBody(BaseModel):
    """POST /api/v1/ask: the question and the `newsdesk ask` options."""

    question: str
    generator: str = ""
    k: int = Field(0, description=f"passages to read, 1 … {MAX_ANSWER_K} (0: the default)")
    as_of: str = Field("", description="answer as of this date, YYYY-MM-DD (empty: today)")
    all_copies: bool = False


class ArticleBody(BaseModel):
    """POST /api/v1/articles or /api/v1/feeds: the link of an article or a feed."""

    url: str


class ApiDesk(ApiHandlers):
    """The API calls over an opened desk, for the REST routes."""

    def __init__(self, desk: Newsdesk) -> None:
        self.desk = desk


def rest_api(handlers: ApiHandlers, settings: Settings, guard: LoginGuard | None) -> FastAPI:
    """The /api/v1 application, mounted on the app's server (see assistant.ui.app)."""
    api = FastAPI(
        title="newsdesk",
        version="1",
        description="Search, ask and keep a news archive. The same JSON as `newsdesk … --json`.",
        docs_url="/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    if guard is not None or _token(settings):
        api.add_middleware(_Credentials, guard=guard, token=_token(settings))

    @api.exception_handler(gr.Error)
    def refused(_: Request, error: gr.Error) -> JSONResponse:
        return JSONResponse({"error": str(error.message)}, status_code=400)

    @api.exception_handler(HTTPException)
    def failed(_: Request, error: HTTPException) -> JSONResponse:
        return JSONResponse(
            {"error": str(error.detail)}, status_code=error.status_code, headers=error.headers
        )

    @api.get("/search", summary="Passages that best match a query (newsdesk search --json)")
    def search(
        query: str = Query(..., description="what to look for"),
        k: int = Query(5, description=f"hits, 1 … {MAX_SEARCH_K}"),
        as_of: str = Query("", description="leave out articles published after YYYY-MM-DD"),
        all_copies: bool = Query(False, description="every copy of a story, not one hit each"),
    ) -> list[dict[str, Any]]:
        return handlers.api_search(query, k, as_of, all_copies)

    @api.post("/ask", summary="A cited answer (newsdesk ask --json)")
    def ask(body: AskBody) -> dict[str, Any]:
        return handlers.api_ask(body.question, body.generator, body.k, body.as_of, body.all_copies)

    @api.get("/timeline", summary="Dated events of a topic (newsdesk timeline --json)")
    def timeline(
        topic: str = Query(...),
        after: str = Query("", description="only events on or after YYYY-MM-DD"),
        before: str = Query("", description="only events on or before YYYY-MM-DD"),
        as_of: str = Query("", description="leave out articles published after YYYY-MM-DD"),
    ) -> dict[str, Any]:
        return handlers.api_timeline(topic, after, before, as_of)

    @api.get("/articles", summary="Every stored article, newest first")
    def articles() -> list[dict[str, Any]]:
        return [
            {
                "article_id": a.id,
                "title": a.title,
                "published": a.published.isoformat() if a.published else None,
                **json_source(a.source),
                "story_id": a.story_id or a.id,
                "passages": a.chunks,
            }
            for a in handlers.desk.articles()
        ]

    @api.post(
        "/articles",
        summary='Add articles: a JSON body {"url": …} fetches a page, a multipart `file` '
        "uploads one (the report of newsdesk ingest --json)",
    )
    async def add(request: Request) -> JSONResponse:
        if request.headers.get("content-type", "").startswith("multipart/form-data"):
            form = await request.form()
            upload = form.get("file")
            if not isinstance(upload, FormFile):
                raise HTTPException(400, _ADD_HOW)
            report = await _ingest_upload(handlers, settings, upload)
        else:
            try:
                body = ArticleBody.model_validate(await request.json())
            except ValueError:
                raise HTTPException(
                    400, 'send {"url": "https://…"} or a multipart `file`'
                ) from None
            report = _ingest(handlers, [body.url])
        status = 201 if report.summary()["added"] or report.summary()["updated"] else 200
        if report.failed and len(report.failed) == len(report.outcomes):
            status = 422
        return JSONResponse(report.to_dict(), status_code=status)

    @api.get("/feeds", summary="Followed feeds (newsdesk feeds --json)")
    def feeds() -> list[dict[str, Any]]:
        return [state.to_dict() for state in handlers.desk.feeds()]

    @api.post("/feeds", status_code=201, summary='Follow a feed: {"url": …} (checked first)')
    def follow(body: ArticleBody) -> dict[str, Any]:
        try:
            return handlers.desk.follow(body.url).to_dict()
        except NewsdeskError as error:
            raise HTTPException(422, public_message(error)) from None

    @api.delete("/feeds", summary="Stop following a feed (its articles stay)")
    def unfollow(url: str = Query(..., description="the feed's address")) -> dict[str, Any]:
        if not handlers.desk.unfollow(url):
            raise HTTPException(404, f"not following {url}")
        return {"removed": url}

    @api.post("/feeds/refresh", summary="Refresh every followed feed (newsdesk refresh --json)")
    def refresh() -> list[dict[str, Any]]:
        return [report.to_dict() for report in handlers.desk.refresh()]

    @api.delete("/articles/{article_id}", summary="Delete an article and its passages")
    def delete(article_id: str) -> dict[str, Any]:
        try:
            removed = handlers.desk.remove(article_id)
        except ArticleNotFound as error:
            raise HTTPException(404, str(error)) from None
        return {"removed": article_id, "title": removed.title, **json_source(removed.source)}

    return api


def _ingest(handlers: ApiHandlers, sources: list[Any]) -> IngestReport:
    try:
        return handlers.desk.ingest(sources, progress=False)
    except NothingIngested as error:
        assert isinstance(error.report, IngestReport)
        return error.report
    except NewsdeskError as error:
        raise HTTPException(400, public_message(error)) from None


async def _ingest_upload(
    handlers: ApiHandlers, settings: Settings, upload: FormFile
) -> IngestReport:
    limit = int(settings.max_upload_mb * 1024 * 1024)
    name = Path(upload.filename or "upload").name
    with tempfile.TemporaryDirectory(prefix="newsdesk-upload-") as folder:
        partial = Path(folder) / name
        size = 0
        with open(partial, "wb") as handle:
            while block := await upload.read(1 << 20):
                size += len(block)
                if size > limit:
                    raise HTTPException(413, f"larger than {settings.max_upload_mb:g} MB")
                handle.write(block)
        stored = store_upload(partial, handlers.desk.uploads_dir, name)
    report = _ingest(handlers, [stored])
    handlers.desk.drop_unused_uploads([str(stored.resolve())])
    return report


def credentials(settings: Settings, guard: LoginGuard | None) -> Callable[[Any], Any] | None:
    """What wraps an ASGI app so that it needs the app's password or the API token; None when
    the app has neither (then the API is as open as the app)."""
    token = _token(settings)
    if guard is None and not token:
        return None
    return lambda app: _Credentials(app, guard=guard, token=token)


def _token(settings: Settings) -> str:
    return settings.api_token.get_secret_value() if settings.api_token else ""


class _Credentials(BaseHTTPMiddleware):
    """Every request needs the app's password (HTTP basic) or the API token (bearer)."""

    def __init__(self, app: Any, guard: LoginGuard | None, token: str) -> None:
        super().__init__(app)
        self.guard = guard
        self.token = token

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        try:
            allowed = self._allowed(request)
        except HTTPException as error:  # too many failed attempts from this address
            return JSONResponse(
                {"error": str(error.detail)}, status_code=error.status_code, headers=error.headers
            )
        if allowed:
            return await call_next(request)
        return JSONResponse(
            {"error": "this API needs the app's password (HTTP basic) or its token (bearer)"},
            status_code=401,
            headers={"WWW-Authenticate": 'Basic realm="newsdesk", charset="UTF-8"'},
        )

    def _allowed(self, request: Request) -> bool:
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and self.token:
            return hmac.compare_digest(value.strip().encode(), self.token.encode())
        if scheme.lower() != "basic" or self.guard is None:
            return False
        try:
            username, _, password = base64.b64decode(value.strip()).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        address = request.client.host if request.client else "unknown"
        client = _CLIENT.set(LoginClient(address, False))
        try:
            return self.guard(username, password)  # raises HTTP 429 after too many failures
        finally:
            _CLIENT.reset(client)

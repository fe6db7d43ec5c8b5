"""`newsdesk ingest URL`: pages from a real HTTP server on 127.0.0.1 (issue 22.1)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest

from assistant import embedding
from assistant.cli import main
from tests.conftest import FakeEmbedder
from tests.local_site import LocalSite, Page, local_site

STORY = """<html><head><title>Harbour strike ends after six weeks</title>
<meta property="article:published_time" content="2024-11-05T09:00:00Z"></head>
<body><article><h1>Harbour strike ends after six weeks</h1>
<p>Dock workers in Norhaven voted on Tuesday to accept a new contract, ending a strike that
began in late September and closed the port for six weeks.</p>
<p>The union said 81 percent of members backed the deal, which raises wages by 30 percent over
four years.</p></article></body></html>"""


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(embedding.EMBEDDERS, "fake", FakeEmbedder)
    monkeypatch.setenv("NEWSDESK_EMBEDDER", "fake")
    monkeypatch.setenv("NEWSDESK_ALLOW_PRIVATE_URLS", "1")  # the test server is on 127.0.0.1


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with local_site() as running:
        running.pages["/news/strike-ends"] = Page(STORY.encode(), etag='"a"')
        yield running


def run(capsys, *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json", "--quiet"], stdin=io.StringIO(""))
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip().startswith("{") else {"raw": out, "err": err}


def test_a_page_is_ingested_with_its_url_as_source_and_again_only_when_changed(
    capsys, site: LocalSite
) -> None:
    url = site.url("/news/strike-ends")
    code, report = run(capsys, "ingest", url)
    assert code == 0 and report["added"] == 1 and report["files"][0]["path"] == url
    main(["search", "harbour strike contract", "--json"], stdin=io.StringIO(""))
    hit = json.loads(capsys.readouterr()[0])[0]
    assert hit["source"] == url and hit["title"] == "Harbour strike ends after six weeks"
    assert hit["published"] == "2024-11-05"
    code, report = run(capsys, "ingest", url + "#comments")  # the same page
    assert code == 0 and report["unchanged"] == 1 and report["added"] == 0
    # Asked conditionally with the ETag kept from the first fetch: a 304, no body.
    assert site.seen[-1].headers["if-none-match"] == '"a"'
    assert report["files"][0]["detail"] == "not modified"
    site.pages["/news/strike-ends"] = Page(STORY.replace("81 percent", "82 percent").encode())
    code, report = run(capsys, "ingest", url)
    assert code == 0 and report["updated"] == 1


def test_each_failing_url_is_reported_and_the_others_are_ingested(
    capsys, site: LocalSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSDESK_MAX_ARTICLE_MB", "1")
    site.pages["/logo.png"] = Page(b"\x89PNG\r\n", content_type="image/png")
    site.pages["/huge.html"] = Page(b"<p>" + b"word " * 300_000 + b"</p>")
    site.pages["/broken"] = Page(b"oops", 500, "text/plain")
    site.pages["/home"] = Page(b"<html><body><nav><a href='/'>Home</a> | News</nav></body></html>")
    good = site.url("/news/strike-ends")
    code, report = run(
        capsys,
        "ingest",
        site.url("/missing"),
        site.url("/logo.png"),
        site.url("/huge.html"),
        site.url("/broken"),
        site.url("/home"),
        good,
        "ftp://example.org/story",
        good,  # given twice, fetched once
    )
    assert code == 1 and report["added"] == 1 and report["failed"] == 6
    reasons = {f["path"]: f["detail"] for f in report["files"] if f["status"] == "failed"}
    assert "HTTP 404" in reasons[site.url("/missing")]
    assert "not an article" in reasons[site.url("/logo.png")]
    assert "HTTP 500" in reasons[site.url("/broken")]
    assert "not an article: the page has 3 words" in reasons[site.url("/home")]
    assert "larger than 1 MB" in reasons[site.url("/huge.html")]
    assert "only http and https" in reasons["ftp://example.org/story"]
    assert site.requests_to("/news/strike-ends") == 1


def test_private_addresses_need_the_setting(
    capsys, site: LocalSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSDESK_ALLOW_PRIVATE_URLS")
    code, report = run(capsys, "ingest", site.url("/news/strike-ends"))
    assert code == 1 and report["failed"] == 1
    detail = report["files"][0]["detail"]
    assert "non-public address (127.0.0.1)" in detail and "NEWSDESK_ALLOW_PRIVATE_URLS=1" in detail
    assert site.seen == []  # nothing was sent


def test_a_deleted_page_comes_back_when_ingested_again(capsys, site: LocalSite) -> None:
    url = site.url("/news/strike-ends")
    run(capsys, "ingest", url)
    main(["stats", "--json"], stdin=io.StringIO(""))
    assert json.loads(capsys.readouterr()[0])["articles"] == 1
    main(["search", "harbour", "--json"], stdin=io.StringIO(""))
    article_id = json.loads(capsys.readouterr()[0])[0]["article_id"]
    assert main(["remove", article_id], stdin=io.StringIO("")) == 0
    capsys.readouterr()
    code, report = run(capsys, "ingest", url)
    assert code == 0 and report["added"] == 1

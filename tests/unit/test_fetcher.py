"""The safe fetcher (assistant/web/fetcher.py) against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from assistant.web.fetcher import Fetcher, FetchError, public_address
from tests.local_site import LocalSite, Page, local_site

ARTICLE = b"<html><head><title>Port strike ends</title></head><body><p>It ended.</p></body></html>"


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with local_site() as running:
        running.pages["/robots.txt"] = Page(
            b"User-agent: *\nDisallow: /private\n", 200, "text/plain"
        )
        yield running


def fetcher(**options) -> Fetcher:
    # The local server is on loopback: only 127.0.0.1 may be contacted, nothing else.
    options.setdefault("allowed", lambda address: address == "127.0.0.1")
    options.setdefault("host_interval", 0.0)
    return Fetcher(**options)


def test_a_page_is_fetched_and_an_unchanged_one_costs_no_body(site: LocalSite) -> None:
    site.pages["/story.html"] = Page(ARTICLE, etag='"v1"')
    with fetcher() as web:
        page = web.fetch(site.url("/story.html"))
        assert page.status == 200 and page.content == ARTICLE
        assert page.content_type == "text/html" and page.etag == '"v1"'
        again = web.fetch(site.url("/story.html"), etag=page.etag)
    assert again.not_modified and again.content == b""
    asked = [s for s in site.seen if s.path == "/story.html"]
    assert asked[-1].headers["if-none-match"] == '"v1"'
    assert asked[0].headers["user-agent"].startswith("newsdesk/")
    assert site.requests_to("/robots.txt") == 1  # read once per site


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.0.0.5", "192.168.1.1", "172.16.0.1", "169.254.169.254", "::1", "fe80::1",
     "100.64.0.1", "0.0.0.0", "::ffff:127.0.0.1", "224.0.0.1"],
)  # fmt: skip
def test_non_public_addresses_are_refused_by_default(address: str) -> None:
    assert not public_address(address)
    web = Fetcher(resolver=lambda host, port: [address])
    with pytest.raises(FetchError, match=r"non-public address.*NEWSDESK_ALLOW_PRIVATE_URLS"):
        web.fetch("http://news.example/story")
    assert web.requests == 0  # refused before connecting
    assert public_address("93.184.216.34") and public_address("2606:4700::1111")


def test_loopback_is_fetched_only_when_private_urls_are_allowed(site: LocalSite) -> None:
    site.pages["/story.html"] = Page(ARTICLE)
    with pytest.raises(FetchError, match="non-public"):
        Fetcher().fetch(site.url("/story.html"))
    assert Fetcher(allow_private=True, host_interval=0).fetch(site.url("/story.html")).status == 200


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "gopher://x/", "x"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        Fetcher().fetch(url)


def test_the_connection_goes_to_the_address_that_was_checked(site: LocalSite) -> None:
    # "news.test" exists only in this resolver: the request reaches the checked address with
    # the host's name in the Host header; no second lookup happens.
    site.pages["/story.html"] = Page(ARTICLE)
    looked_up: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        looked_up.append(host)
        return ["127.0.0.1"]

    page = fetcher(resolver=resolver).fetch(f"http://news.test:{site.port}/story.html")
    assert page.content == ARTICLE
    assert site.seen[-1].headers["host"] == f"news.test:{site.port}"
    assert looked_up == ["news.test", "news.test"]  # robots.txt, then the page


def test_every_redirect_is_checked_again_and_their_number_is_bounded(site: LocalSite) -> None:
    site.pages["/old"] = Page(status=301, headers={"Location": "/story.html"})
    site.pages["/story.html"] = Page(ARTICLE)
    page = fetcher().fetch(site.url("/old"))
    assert page.final_url == site.url("/story.html") and page.content == ARTICLE
    # A redirect to another loopback address (or the metadata service) is refused at that hop.
    site.pages["/sneaky"] = Page(status=302, headers={"Location": "http://127.0.0.2/admin"})
    with pytest.raises(FetchError, match=re.escape("non-public address (127.0.0.2)")):
        fetcher().fetch(site.url("/sneaky"))
    site.pages["/loop"] = Page(status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetcher(max_redirects=3).fetch(site.url("/loop"))
    assert site.requests_to("/loop") == 4


@pytest.mark.parametrize("declared", [True, False])
def test_a_body_over_the_size_cap_is_cut_off(site: LocalSite, declared: bool) -> None:
    site.pages["/huge.html"] = Page(b"x" * 300_000, declare_length=declared)
    with pytest.raises(FetchError, match="larger than"):
        fetcher(max_bytes=100_000).fetch(site.url("/huge.html"))


def test_errors_say_why(site: LocalSite) -> None:
    site.pages["/gone"] = Page(b"gone", 404, "text/plain")
    site.pages["/broken"] = Page(b"oops", 500, "text/plain")
    site.pages["/slow"] = Page(ARTICLE, delay=2.0)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher().fetch(site.url("/gone"))
    with pytest.raises(FetchError, match="HTTP 500"):
        fetcher().fetch(site.url("/broken"))
    with pytest.raises(FetchError, match=re.escape("no answer within 0.5 s")):
        fetcher(timeout=0.5).fetch(site.url("/slow"))
    with pytest.raises(FetchError, match=r"robots\.txt .* disallows"):
        fetcher().fetch(site.url("/private/story.html"))
    with pytest.raises(FetchError, match="cannot resolve"):
        Fetcher().fetch("http://no-such-host.invalid/")


def test_requests_to_one_host_are_spaced(site: LocalSite) -> None:
    site.pages["/a"] = Page(ARTICLE)
    waits: list[float] = []
    web = fetcher(host_interval=2.0, sleep=waits.append)
    web.fetch(site.url("/a"))  # robots.txt, then /a: one wait between them
    web.fetch(site.url("/a"))
    # Three requests at once: the second waits its 2 s, the third 2 s after the second.
    assert len(waits) == 2 and 0 < waits[0] <= 2.0 and waits[1] - waits[0] > 1.9
